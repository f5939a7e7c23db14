"""Output modes: how a request asks for the draft's JSON, and where the answer is read.

Each mode is one small object (a strategy); the backend never branches on a mode's
name. ``auto`` is a :class:`ModeSelector` that starts with ``json_schema`` and
switches to ``json_object`` once, for the rest of the backend's life, when the
server answers that json_schema is unsupported (llama-cpp-python's server answers
HTTP 500 with a request validation error; others 400).
"""

from __future__ import annotations

import threading
from abc import ABC, abstractmethod
from typing import Any, ClassVar

from openai.types.chat import ChatCompletionMessage

from ..chat.schema_for_models import SCHEMA_NAME
from .options import Mode

__all__ = [
    "JsonObjectMode",
    "JsonSchemaMode",
    "ModeSelector",
    "OutputMode",
    "ToolsMode",
    "mode_selector",
]

_TOOL_DESCRIPTION = "Record the security pact the summary is about."


class OutputMode(ABC):
    """One way of asking an OpenAI-compatible server for JSON."""

    name: ClassVar[str]
    #: Words an error message about this mode's request fields would contain.
    request_fields: ClassVar[tuple[str, ...]]

    @abstractmethod
    def request_fields_for(self, schema: dict[str, Any]) -> dict[str, Any]:
        """The chat-completion arguments that constrain the answer to ``schema``."""

    def answer_text(self, message: ChatCompletionMessage) -> str | None:
        """The raw answer in the response's message (the JSON text, before parsing)."""
        return message.content

    def rejects(self, message: str) -> bool:
        """Whether a server's error message says this mode's request fields are unsupported."""
        lowered = message.lower()
        return any(field in lowered for field in self.request_fields)


class JsonSchemaMode(OutputMode):
    """OpenAI structured outputs: ``response_format`` of type ``json_schema``, strict."""

    name: ClassVar[str] = "json_schema"
    request_fields: ClassVar[tuple[str, ...]] = ("response_format", "json_schema")

    def request_fields_for(self, schema: dict[str, Any]) -> dict[str, Any]:
        return {
            "response_format": {
                "type": "json_schema",
                "json_schema": {"name": SCHEMA_NAME, "strict": True, "schema": schema},
            }
        }


class ToolsMode(OutputMode):
    """One function whose parameters are the schema, and a ``tool_choice`` forcing it."""

    name: ClassVar[str] = "tools"
    request_fields: ClassVar[tuple[str, ...]] = ("tools", "tool_choice", "function")

    def request_fields_for(self, schema: dict[str, Any]) -> dict[str, Any]:
        return {
            "tools": [
                {
                    "type": "function",
                    "function": {
                        "name": SCHEMA_NAME,
                        "description": _TOOL_DESCRIPTION,
                        "parameters": schema,
                        "strict": True,
                    },
                }
            ],
            "tool_choice": {"type": "function", "function": {"name": SCHEMA_NAME}},
        }

    def answer_text(self, message: ChatCompletionMessage) -> str | None:
        for call in message.tool_calls or ():
            function = getattr(call, "function", None)
            if function is not None and function.name == SCHEMA_NAME:
                arguments: str = function.arguments
                return arguments
        return message.content


class JsonObjectMode(OutputMode):
    """JSON mode; the answer's shape is in the system prompt.

    For servers other than api.openai.com the schema also goes in
    ``response_format.schema``, llama.cpp's extension that grammar-constrains the
    answer (api.openai.com refuses unknown fields, so it is left out there).
    """

    name: ClassVar[str] = "json_object"
    request_fields: ClassVar[tuple[str, ...]] = ("response_format", "json_object")

    def __init__(self, *, send_schema: bool = True) -> None:
        self.send_schema = send_schema

    def request_fields_for(self, schema: dict[str, Any]) -> dict[str, Any]:
        response_format: dict[str, Any] = {"type": "json_object"}
        if self.send_schema:
            response_format["schema"] = schema
        return {"response_format": response_format}


class ModeSelector:
    """The mode in use, and the one fallback ``auto`` may switch to (once, thread-safely)."""

    def __init__(self, first: OutputMode, fallback: OutputMode | None = None) -> None:
        self._current = first
        self._fallback = fallback
        self._lock = threading.Lock()

    @property
    def current(self) -> OutputMode:
        return self._current

    def fall_back(self, failed: OutputMode) -> OutputMode | None:
        """Switch away from ``failed``; the mode to retry with, or None when there is none."""
        with self._lock:
            if self._current is not failed:  # another call already switched
                return self._current
            if self._fallback is None:
                return None
            self._current, self._fallback = self._fallback, None
            return self._current


def mode_selector(mode: Mode, *, is_openai: bool) -> ModeSelector:
    """The selector for an option value; ``auto`` is json_schema with a json_object fallback."""
    json_object = JsonObjectMode(send_schema=not is_openai)
    if mode == "auto":
        return ModeSelector(JsonSchemaMode(), fallback=json_object)
    modes: dict[str, OutputMode] = {
        "json_schema": JsonSchemaMode(),
        "tools": ToolsMode(),
        "json_object": json_object,
    }
    return ModeSelector(modes[mode])
