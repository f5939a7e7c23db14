"""Scoring predicted Pact records against gold annotations, per the spec."""

from .gold import GoldAnnotation, GoldRecord, load_gold
from .metrics import PRF, FieldMiss, Scores, combine, record_misses, score
from .report import render_misses, render_scores

__all__ = [
    "PRF",
    "FieldMiss",
    "GoldAnnotation",
    "GoldRecord",
    "Scores",
    "combine",
    "load_gold",
    "record_misses",
    "render_misses",
    "render_scores",
    "score",
]
