"""Backends propose draft records; see ``base.Backend`` for the seam and ``registry`` for names."""

from .base import Backend, Feedback, Proposal, Request
from .registry import available_backends, default_backend_name, get_backend

__all__ = [
    "Backend",
    "Feedback",
    "Proposal",
    "Request",
    "available_backends",
    "default_backend_name",
    "get_backend",
]
