"""Batches: many summaries at once, at scale, surviving faults (see ``docs/batch.md``).

* :func:`extract_many` / :func:`aextract_many` — the library API (engine);
* :func:`run_extract` — a resumable file-to-file job, as ``pactparse extract`` runs it;
* :class:`ResultCache` — identical summaries are extracted once;
* :class:`RateLimiter` — requests/tokens per minute and a backoff shared by the job.
"""

from .cache import ResultCache, default_cache_dir
from .engine import BatchOptions, aextract_many, extract_many
from .job import ExtractJob, JobResult, StopRequest, run_extract
from .limits import RateLimiter
from .summary import BatchStats

__all__ = [
    "BatchOptions",
    "BatchStats",
    "ExtractJob",
    "JobResult",
    "RateLimiter",
    "ResultCache",
    "StopRequest",
    "aextract_many",
    "default_cache_dir",
    "extract_many",
    "run_extract",
]
