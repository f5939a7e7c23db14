"""pactparse: turn news summaries about security pacts into validated, grounded Pact records.

>>> import pactparse
>>> pact = pactparse.extract("Mali, Niger and Burkina Faso have signed a security pact.")
>>> [p.code for p in pact.parties]
['MLI', 'NER', 'BFA']
"""

from .backends import Backend, available_backends, get_backend
from .batch.engine import aextract_many, extract_many
from .draft import Draft, DraftProvision
from .errors import (
    BackendError,
    ConfigurationError,
    ExtractionError,
    InputError,
    NoPactFound,
    NoRecord,
    PactParseError,
    TransientBackendError,
    UnsupportedLanguage,
)
from .export import to_dataframe
from .pipeline import ExtractOptions, aextract, extract
from .schema import (
    Actor,
    ActorKind,
    Amount,
    DateHint,
    DateType,
    Event,
    Grounding,
    Pact,
    Provenance,
    Provision,
    ProvisionCategory,
    RationaleItem,
    ReviewItem,
    Source,
    Status,
    TraceStep,
)

__version__ = "0.1.0"

__all__ = [
    "Actor",
    "ActorKind",
    "Amount",
    "Backend",
    "BackendError",
    "ConfigurationError",
    "DateHint",
    "DateType",
    "Draft",
    "DraftProvision",
    "Event",
    "ExtractOptions",
    "ExtractionError",
    "Grounding",
    "InputError",
    "NoPactFound",
    "NoRecord",
    "Pact",
    "PactParseError",
    "Provenance",
    "Provision",
    "ProvisionCategory",
    "RationaleItem",
    "ReviewItem",
    "Source",
    "Status",
    "TraceStep",
    "TransientBackendError",
    "UnsupportedLanguage",
    "__version__",
    "aextract",
    "aextract_many",
    "available_backends",
    "extract",
    "extract_many",
    "get_backend",
    "to_dataframe",
]
