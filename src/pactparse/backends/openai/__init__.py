"""The ``openai`` backend: any OpenAI-compatible server, verified against the text.

Small modules with one job each:

- :mod:`.options` — the typed :class:`Options` and their environment variables
- :mod:`.prompt` — the stable system prompt (:data:`PROMPT_VERSION`) and the messages
- :mod:`.schema_for_models` — the draft's strict JSON schema (:func:`draft_json_schema`)
- :mod:`.modes` — json_schema, tools and json_object strategies, and auto's fallback
- :mod:`.retry` — the tenacity policy for transient failures and the :class:`Limiter` hook
- :mod:`.errors` — openai exceptions mapped to pactparse errors, once
- :mod:`.backend` — :class:`OpenAIBackend`, tying them together
"""

from ..base import Limiter
from ..chat.prompt import PROMPT_VERSION, SYSTEM_PROMPT, build_messages
from ..chat.schema_for_models import draft_json_schema
from .backend import OpenAIBackend
from .errors import ModeUnsupportedError
from .options import Mode, Options
from .retry import RetryPolicy

__all__ = [
    "PROMPT_VERSION",
    "SYSTEM_PROMPT",
    "Limiter",
    "Mode",
    "ModeUnsupportedError",
    "OpenAIBackend",
    "Options",
    "RetryPolicy",
    "build_messages",
    "draft_json_schema",
]
