"""The ``pactparse`` command: a thin layer over the library.

Each command parses its arguments and calls a library function
(:func:`pactparse.batch.run_extract`, :func:`pactparse.evaluation.run.evaluate_file`,
the schema models). Errors become CLI errors in exactly one place, :func:`main`: a
pactparse error (bad input file, unknown backend, missing key…) is one line on
standard error and exit status 2; ``--debug`` or ``PACTPARSE_DEBUG=1`` shows the
traceback instead.

Exit status: 0 every row ok (rows with no pact in their text included); 1 some rows
failed (their error rows say why); 2 usage, configuration, input or output error, or
a job stopped early because no row could succeed (rows written so far are kept and
the command to resume is printed); 3 internal error (a bug: please report it); 130
interrupted by Ctrl-C, 143 stopped by SIGTERM (either way, what was done is kept and
the command to resume is printed); 141 the reader of standard output went away
(``| head``).

Nothing printed holds key material: messages, resume hints and ``--debug``
tracebacks go through :func:`pactparse.redact.scrub`.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import shlex
import signal
import sys
import threading
import traceback
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager, suppress
from pathlib import Path
from typing import Any, TextIO

from rich.console import Console

from . import __version__
from .backends.base import Backend
from .backends.registry import (
    available_backends,
    backend_class,
    default_backend_name,
    get_backend,
)
from .batch.cache import ResultCache
from .batch.engine import BatchOptions
from .batch.job import ExtractJob, JobResult, StopRequest, run_extract
from .batch.summary import plural
from .draft import Draft
from .errors import ConfigurationError, InputError, NoRecord, PactParseError
from .evaluation.metrics import combine
from .evaluation.report import render_misses, render_scores
from .evaluation.run import evaluate_file
from .explain import explain as explain_text
from .explain import line_of_file
from .export import export_tables
from .pipeline import ExtractOptions
from .redact import scrub
from .review import write_review
from .schema import Pact

__all__ = ["EXIT_FAILED_ROWS", "EXIT_INTERRUPTED", "EXIT_OK", "EXIT_USAGE", "build_parser", "main"]

EXIT_OK = 0
EXIT_FAILED_ROWS = 1
EXIT_USAGE = 2
EXIT_INTERNAL = 3
EXIT_INTERRUPTED = 130
EXIT_PIPE_CLOSED = 128 + signal.SIGPIPE
EXIT_TERMINATED = 128 + signal.SIGTERM

_EXIT_CODES = """\
exit status:
  0    every row ok (rows whose text holds no pact count as ok)
  1    some rows failed (each has an error row saying why)
  2    usage, configuration, input or output error (unknown backend, missing file,
       bad option, output directory missing, disk full), or the job stopped early
       because no row could succeed (key refused, unknown model, server down);
       rows written so far are kept and the command to resume is printed
  3    internal error (a bug: rerun with --debug and report the traceback)
  130  interrupted by Ctrl-C (rows done so far are kept)
  141  the reader of standard output went away (`| head`)
  143  stopped by SIGTERM (the same as Ctrl-C)"""

_INPUT_FORMATS = """\
input formats (UTF-8; `-` reads standard input):
  text        each line is a summary
  JSON Lines  each line is {"text": "...", "id": "...", "reference_date": "YYYY-MM-DD"}
              (id and reference_date optional, other keys ignored: gold files work)
  JSON        one array of such objects (or of summary strings), e.g. pretty-printed
  CSV         a header row with a `text` column (optional `id`, `reference_date`);
              *.tsv files are tab-separated
  Files named *.csv or *.tsv are CSV; *.jsonl and *.ndjson are JSON Lines; otherwise
  (and on stdin) the first non-empty line decides: `[` a JSON array, `{` JSON Lines
  (or one pretty-printed object, which is refused), anything else text.
  --input-format text|jsonl|json|csv overrides the guess."""

_ROWS = """\
output: one JSON line per input line, in input order:
  {"id": "seed-08", "ok": true, "pact": {...}, "error": null}
  {"id": "line-3", "ok": false, "pact": null,
   "error": {"type": "InputError", "message": "line 3 is empty"}}
  id is the input's own id, else line-N (N = the 1-based line number)."""


def _debug_env() -> bool:
    return os.environ.get("PACTPARSE_DEBUG", "").strip().lower() in {"1", "true", "yes", "on"}


# --------------------------------------------------------------------------- argument types


def _date(value: str) -> dt.date:
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{value!r} is not a date; write YYYY-MM-DD") from None


def _number(kind: Callable[[str], float], minimum: float, strict: bool) -> Callable[[str], Any]:
    """An argparse type: a number of ``kind`` above (``strict``) or at least ``minimum``."""
    noun = "whole number" if kind is int else "number"

    def parse(value: str) -> Any:
        try:
            number = kind(value)
        except ValueError:
            raise argparse.ArgumentTypeError(f"{value!r} is not a {noun}") from None
        if number < minimum or (strict and number == minimum):
            bound = f"more than {minimum:g}" if strict else f"{minimum:g} or more"
            raise argparse.ArgumentTypeError(f"{value!r} must be {bound}")
        return number

    return parse


_positive_int = _number(int, 1, strict=False)
_non_negative_int = _number(int, 0, strict=False)
_positive_float = _number(float, 0, strict=True)


def _key_value(value: str) -> tuple[str, Any]:
    key, sep, raw = value.partition("=")
    if not sep or not key:
        raise argparse.ArgumentTypeError(f"{value!r} is not KEY=VALUE")
    try:
        parsed: Any = json.loads(raw)
    except json.JSONDecodeError:
        parsed = raw
    return key.replace("-", "_"), parsed


# --------------------------------------------------------------------------- the parser


class _Formatter(argparse.RawDescriptionHelpFormatter):
    def __init__(self, prog: str) -> None:
        super().__init__(prog, max_help_position=32)


def _add_debug(parser: argparse.ArgumentParser, *, default: Any) -> None:
    parser.add_argument(
        "--debug",
        action="store_true",
        default=default,
        help="show the traceback of errors (also: PACTPARSE_DEBUG=1)",
    )


def _add_backend(parser: argparse.ArgumentParser) -> None:
    group = parser.add_argument_group(
        "backend", "Only the options given are passed to the backend; each backend checks its own."
    )
    group.add_argument(
        "--backend",
        metavar="NAME",
        help=f"backend to use (installed: {', '.join(available_backends()) or 'none'}; "
        f"default: $PACTPARSE_BACKEND, else {default_backend_name()!r})",
    )
    group.add_argument("--model", metavar="M", help="model name (openai: else $PACTPARSE_MODEL)")
    group.add_argument(
        "--base-url", metavar="URL", help="OpenAI-compatible server, e.g. http://127.0.0.1:8080/v1"
    )
    group.add_argument(
        "--mode", metavar="MODE", help="openai output mode: auto, json_schema, tools, json_object"
    )
    group.add_argument(
        "--api-key-env",
        metavar="VAR",
        help="read the API key from environment variable VAR (keys never go on the command line)",
    )
    group.add_argument(
        "--timeout",
        type=_positive_float,
        metavar="SECONDS",
        help="seconds per HTTP request, from sending it to the last byte of the answer",
    )
    group.add_argument(
        "--max-retries", type=_non_negative_int, metavar="N", help="transport retries per request"
    )
    group.add_argument(
        "-O",
        "--backend-option",
        type=_key_value,
        action="append",
        default=[],
        metavar="KEY=VALUE",
        help="any other backend option (VALUE read as JSON when it parses, else a string)",
    )
    extraction = parser.add_argument_group("extraction")
    extraction.add_argument(
        "--max-reasks", type=_non_negative_int, metavar="N", help="re-asks after the first answer"
    )
    extraction.add_argument(
        "--on-unverified",
        choices=("flag", "raise"),
        help="after the last re-ask: keep the record with warnings (flag, default) "
        "or make it an error row (raise)",
    )
    extraction.add_argument(
        "--max-chars",
        type=_positive_int,
        metavar="N",
        help="longest summary accepted, in characters (default 20,000)",
    )


def _add_batch(parser: argparse.ArgumentParser) -> None:
    group = parser.add_argument_group("batch")
    group.add_argument(
        "--concurrency",
        type=_positive_int,
        metavar="N",
        help="extractions at once (default: the backend's; rules 1, openai 16)",
    )
    group.add_argument(
        "--max-requests-per-minute",
        type=_positive_float,
        metavar="N",
        help="stay under a provider's request rate",
    )
    group.add_argument(
        "--max-tokens-per-minute",
        type=_positive_float,
        metavar="N",
        help="stay under a provider's token rate",
    )
    group.add_argument(
        "--no-cache",
        action="store_true",
        help="do not read or write the cache of extracted records",
    )
    group.add_argument(
        "--cache-dir",
        type=Path,
        metavar="DIR",
        help="cache directory (default: $PACTPARSE_CACHE_DIR, else the platform's cache dir)",
    )


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="pactparse",
        formatter_class=_Formatter,
        description="Turn news summaries about security pacts into validated Pact records.",
        epilog="Run `pactparse COMMAND --help` for each command's options and examples.\n\n"
        + _EXIT_CODES,
    )
    parser.add_argument("--version", action="version", version=f"pactparse {__version__}")
    _add_debug(parser, default=False)
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")

    extract = commands.add_parser(
        "extract",
        formatter_class=_Formatter,
        help="extract a Pact record from each summary of a file (JSON Lines out)",
        description="Extract the primary pact of each summary in INPUT, one JSON line per "
        "input line, in input order.",
        epilog=f"""\
examples:
  pactparse extract summaries.txt -o pacts.jsonl
  pactparse extract gold.jsonl --backend openai --model gpt-4o-mini -o pacts.jsonl --resume
  cat summaries.txt | pactparse extract - > pacts.jsonl

{_INPUT_FORMATS}

{_ROWS}

An existing non-empty OUT is never overwritten by accident: --resume finishes the job
that wrote it (after a crash, kill or Ctrl-C: no line lost or written twice), --force
starts over. See docs/batch.md in pactparse's source distribution.

{_EXIT_CODES}""",
    )
    extract.add_argument("input", metavar="INPUT", help="file of summaries, or - for stdin")
    extract.add_argument(
        "-o", "--output", type=Path, metavar="OUT", help="output file (default: stdout)"
    )
    extract.add_argument(
        "--input-format",
        choices=("auto", "text", "jsonl", "json", "csv"),
        default="auto",
        help="how to read INPUT (default: auto, see below)",
    )
    extract.add_argument(
        "--reference-date",
        type=_date,
        metavar="YYYY-MM-DD",
        help="date the summaries were written, to resolve 'in February' (a line's own "
        "reference_date wins)",
    )
    _add_backend(extract)
    _add_batch(extract)
    provider = extract.add_argument_group(
        "provider's Batch API (openai backend; half price, answers within 24 h)"
    )
    provider.add_argument(
        "--batch-api",
        action="store_true",
        help="send the requests as batches (/v1/files, /v1/batches), poll, verify the answers; "
        "the state file OUT.batch.json keeps the batch ids for --resume",
    )
    provider.add_argument(
        "--reask-online",
        action="store_true",
        help="send re-asks online at once instead of in a follow-up batch",
    )
    provider.add_argument(
        "--batch-size", type=_positive_int, metavar="N", help="input lines per batch (20,000)"
    )
    provider.add_argument(
        "--poll-interval", type=_positive_float, metavar="SECONDS", help="between polls (30)"
    )
    extract.add_argument(
        "--workers",
        type=_positive_int,
        metavar="N",
        help="extract in N processes (default: every core for the offline rules backend "
        "on inputs over 1,000 lines, else 1)",
    )
    out = extract.add_argument_group("output")
    out.add_argument(
        "--resume",
        action="store_true",
        help="finish the job that wrote OUT: skip the input lines it already answers",
    )
    out.add_argument("--force", action="store_true", help="overwrite a non-empty OUT")
    out.add_argument(
        "--unordered",
        action="store_true",
        help='write rows as they complete, each with "line": N (its input line), '
        "instead of in input order",
    )
    out.add_argument(
        "--progress",
        action=argparse.BooleanOptionalAction,
        default=None,
        help="progress bar on stderr (default: only on a terminal, never in CI)",
    )
    out.add_argument(
        "--include-text",
        action="store_true",
        help='end each row with "text": the summary it answers (what `review` needs)',
    )
    out.add_argument("-q", "--quiet", action="store_true", help="no summary on stderr at the end")
    _add_debug(extract, default=argparse.SUPPRESS)
    extract.set_defaults(handler=_cmd_extract)

    evaluate = commands.add_parser(
        "eval",
        formatter_class=_Formatter,
        help="score a backend against gold files",
        description="Extract every summary of each GOLD file with the backend and score the "
        "records against the annotations (micro-averaged precision, recall, F1, accuracies).",
        epilog="""\
examples:
  pactparse eval fixtures/dev.jsonl
  pactparse eval fixtures/seeds.jsonl fixtures/dev.jsonl --errors
  pactparse eval fixtures/dev.jsonl --backend openai --model gpt-4o-mini --json

A gold file is JSON Lines: {"id", "text", "reference_date", "gold": {...}} (see the spec).
With several files: one table per file, then the combined (micro) table; --json then
prints the combined scores.

exit status:
  0    every record was extracted (whatever the scores)
  1    some records failed to extract (they score as empty records)
  2    usage or configuration error, or an unreadable gold file
  3    internal error""",
    )
    evaluate.add_argument("gold", nargs="+", type=Path, metavar="GOLD", help="gold JSON Lines file")
    evaluate.add_argument(
        "--json",
        action="store_true",
        help="print only the scores as one JSON object on stdout",
    )
    evaluate.add_argument(
        "--errors",
        action="store_true",
        help="list each record that misses, field by field (on stderr with --json)",
    )
    _add_backend(evaluate)
    _add_batch(evaluate)
    _add_debug(evaluate, default=argparse.SUPPRESS)
    evaluate.set_defaults(handler=_cmd_eval)

    explain = commands.add_parser(
        "explain",
        formatter_class=_Formatter,
        help="say why each field of one summary's record came out as it did",
        description="Extract one summary with the decision trace and print each field, its "
        "value, and the cue or strategy that decided it, quoting the words it fired on.",
        epilog='examples:\n  pactparse explain "France and Germany signed a defence pact."\n'
        "  pactparse explain --file fixtures/seeds.jsonl --line 3",
    )
    explain.add_argument("text", nargs="?", metavar="TEXT", help="the summary")
    explain.add_argument("--file", metavar="F", help="read the summary from a line of F instead")
    explain.add_argument("--line", type=int, default=1, metavar="N", help="line of --file (1)")
    explain.add_argument("--reference-date", type=_date, metavar="YYYY-MM-DD")
    _add_backend(explain)
    _add_debug(explain, default=argparse.SUPPRESS)
    explain.set_defaults(handler=_cmd_explain)

    schema = commands.add_parser(
        "schema",
        formatter_class=_Formatter,
        help="print the JSON Schema of a Pact record",
        description="Print the JSON Schema of the Pact record (what `extract` writes in `pact`).",
        epilog="examples:\n  pactparse schema > pact.schema.json\n  pactparse schema --draft",
    )
    schema.add_argument(
        "--draft",
        action="store_true",
        help="print the schema of the Draft a backend proposes instead",
    )
    _add_debug(schema, default=argparse.SUPPRESS)
    schema.set_defaults(handler=_cmd_schema)

    cache = commands.add_parser(
        "cache",
        formatter_class=_Formatter,
        help="show where the cache is, or clear it",
        description="The cache of extracted records (identical summaries are extracted once). "
        "It lives in $PACTPARSE_CACHE_DIR, else the platform's cache directory "
        "(~/.cache/pactparse on Linux). It is safe to delete.",
        epilog="examples:\n  pactparse cache\n  pactparse cache --clear",
    )
    cache.add_argument("--clear", action="store_true", help="delete every cached record")
    cache.add_argument("--cache-dir", type=Path, metavar="DIR", help="another cache directory")
    _add_debug(cache, default=argparse.SUPPRESS)
    cache.set_defaults(handler=_cmd_cache)

    backends = commands.add_parser(
        "backends",
        formatter_class=_Formatter,
        help="list the installed backends and the options each takes",
        description="List the installed backends and, for each, the options it takes "
        "(pass them as -O KEY=VALUE, or with the flags named).",
        epilog="examples:\n  pactparse backends\n  pactparse backends openai",
    )
    backends.add_argument("name", nargs="?", metavar="NAME", help="only this backend")
    _add_debug(backends, default=argparse.SUPPRESS)
    backends.set_defaults(handler=_cmd_backends)
    _add_review(commands)
    _add_export(commands)
    return parser


# --------------------------------------------------------------------------- from args to library


def backend_options(args: argparse.Namespace) -> dict[str, Any]:
    """The backend options that were given on the command line, and only those."""
    options: dict[str, Any] = {}
    for flag in ("model", "base_url", "mode", "timeout", "max_retries"):
        value = getattr(args, flag, None)
        if value is not None:
            options[flag] = value
    if args.api_key_env is not None:
        key = os.environ.get(args.api_key_env)
        if not key:
            raise ConfigurationError(
                f"--api-key-env {args.api_key_env}: that environment variable is not set; "
                f"export {args.api_key_env}=... first"
            )
        options["api_key"] = key
    for key, value in args.backend_option:
        options[key] = value
    return options


def _extract_options(args: argparse.Namespace) -> ExtractOptions:
    given: dict[str, Any] = {}
    if args.max_reasks is not None:
        given["max_reasks"] = args.max_reasks
    if args.on_unverified is not None:
        given["on_unverified"] = args.on_unverified
    if args.max_chars is not None:
        given["max_chars"] = args.max_chars
    return ExtractOptions(**given)


def _backend(args: argparse.Namespace) -> Backend:
    return get_backend(args.backend, **backend_options(args))


def _batch_options(args: argparse.Namespace, *, ordered: bool) -> BatchOptions:
    return BatchOptions(
        concurrency=args.concurrency,
        ordered=ordered,
        requests_per_minute=args.max_requests_per_minute,
        tokens_per_minute=args.max_tokens_per_minute,
    )


def _cache(args: argparse.Namespace, stderr: TextIO) -> ResultCache | None:
    if args.no_cache:
        return None

    def warn(message: str) -> None:
        print(message, file=stderr)

    return _open_cache(args.cache_dir, warn=warn)


def _open_cache(
    directory: Path | None, *, warn: Callable[[str], None] | None = None
) -> ResultCache:
    """The cache in ``--cache-dir``, else in the default directory."""
    if directory is not None:
        return ResultCache.in_dir(directory, warn=warn)
    return ResultCache(warn=warn)


def _on_unexpected(args: argparse.Namespace, stderr: TextIO) -> Callable[[BaseException], None]:
    def show(exc: BaseException) -> None:
        if args.debug:
            stderr.write(scrub("".join(traceback.format_exception(exc))))

    return show


_KEY_OPTION = ("api_key=", "api-key=")


def _drop_keys(argv: Sequence[str]) -> list[str]:
    """``argv`` without ``-O api_key=…`` (in any of its spellings): never print a key."""
    words: list[str] = []
    skip = False
    for index, word in enumerate(argv):
        if skip:
            skip = False
            continue
        for flag in ("-O", "--backend-option"):
            if (
                word in (flag,)
                and index + 1 < len(argv)
                and argv[index + 1].startswith(_KEY_OPTION)
            ):
                skip = True
                break
            value = word.removeprefix(flag).removeprefix("=")
            if word.startswith(flag) and value != word and value.startswith(_KEY_OPTION):
                break
        else:
            words.append(word)
    return words


def resume_command(argv: Sequence[str]) -> str:
    """The command line that resumes the job ``argv`` started (with no key in it: pass a
    key given as ``-O api_key=…`` again, or better with --api-key-env)."""
    words = [w for w in _drop_keys(argv) if w != "--force"]
    if "--resume" not in words:
        words.append("--resume")
    return scrub(shlex.join(["pactparse", *words]))


def _resume_hint(args: argparse.Namespace, argv: Sequence[str], rows: int) -> str:
    hint = f"{plural(rows, 'row')} are in {args.output}. To finish the job, run:\n  "
    if rows == 1:
        hint = hint.replace(" are in ", " is in ")
    if args.input == "-":  # the same lines must come in again
        hint += "<the same input> | "
    hint += resume_command(argv)
    if len(_drop_keys(argv)) != len(argv):
        hint += "\n  (with the key again: -O api_key was left out of it; prefer --api-key-env VAR)"
    return hint


#: Library wording in messages, and what it is on the command line.
_CLI_TERMS = (
    ("ExtractOptions(max_chars=...)", "--max-chars N"),
    ("ExtractOptions(max_reasks=...)", "--max-reasks N"),
    ("on_unverified='flag'", "--on-unverified flag"),
    (" (OpenAIBackend(model=...))", ""),
    ("pass model_path=...", "pass -O model_path=PATH"),
    ("the max_retries and max_retry_seconds options", "--max-retries N and -O max_retry_seconds=S"),
    ("the max_connect_failures option", "-O max_connect_failures=N"),
    ("the max_tokens option", "-O max_tokens=N"),
    ("the timeout option, --timeout in the CLI,", "--timeout"),
    ("unknown option (the options are:", "unknown option (`pactparse backends` describes them:"),
)


def cli_terms(message: str) -> str:
    """``message`` in the command line's terms (flags, not library arguments), scrubbed."""
    for library, flag in _CLI_TERMS:
        message = message.replace(library, flag)
    return scrub(message)


# --------------------------------------------------------------------------- commands


def _cmd_extract(args: argparse.Namespace, argv: Sequence[str]) -> int:
    stderr = sys.stderr
    backend = _backend(args)
    cache = _cache(args, stderr)
    stop = StopRequest()
    try:
        with _stop_on_signals(stop):
            if args.batch_api:
                return _finish_extract(args, argv, _run_batch_api(args, backend, stop), stop)
            result = run_extract(
                _job(args),
                backend=backend,
                options=_extract_options(args),
                batch=_batch_options(args, ordered=not args.unordered),
                cache=cache,
                stderr=stderr,
                on_unexpected=_on_unexpected(args, stderr),
                stop=stop,
                workers=args.workers or "auto",
            )
    finally:
        backend.close()
        if cache is not None:
            cache.close()
    return _finish_extract(args, argv, result, stop)


def _job(args: argparse.Namespace) -> ExtractJob:
    return ExtractJob(
        input=args.input,
        output=args.output,
        input_format=args.input_format,
        reference_date=args.reference_date,
        resume=args.resume,
        force=args.force,
        progress=args.progress,
        include_text=args.include_text,
        wording=cli_terms,
    )


def _run_batch_api(args: argparse.Namespace, backend: Backend, stop: StopRequest) -> JobResult:
    from .backends.openai import OpenAIBackend
    from .batch.provider_batch import BatchApiOptions, run_batch_api

    if not isinstance(backend, OpenAIBackend):
        raise ConfigurationError("--batch-api works with the openai backend: add --backend openai")
    if args.unordered or args.workers:
        raise ConfigurationError(
            "--batch-api writes rows in input order: drop --unordered/--workers"
        )
    given = {"batch_size": args.batch_size, "poll_interval": args.poll_interval}
    return run_batch_api(
        _job(args),
        backend=backend,
        options=_extract_options(args),
        api=BatchApiOptions(
            reask_online=args.reask_online, **{k: v for k, v in given.items() if v is not None}
        ),
        stop=stop,
    )


def _finish_extract(
    args: argparse.Namespace, argv: Sequence[str], result: JobResult, stop: StopRequest
) -> int:
    stderr = sys.stderr
    stats = result.stats
    if not args.quiet or result.interrupted or result.stopped:
        for line in stats.lines():
            print(f"pactparse: {line}", file=stderr)
    if result.stopped is not None:
        print(f"pactparse: error: {cli_terms(str(result.stopped))}", file=stderr)
        if args.output is not None and result.rows_in_output:
            print(f"pactparse: {_resume_hint(args, argv, result.rows_in_output)}", file=stderr)
        return EXIT_USAGE
    if result.interrupted:
        if args.output is not None:
            print(
                f"pactparse: interrupted; {_resume_hint(args, argv, result.rows_in_output)}",
                file=stderr,
            )
        else:
            print(f"pactparse: interrupted after {plural(stats.rows, 'row')}", file=stderr)
        return EXIT_TERMINATED if stop.signum == signal.SIGTERM else EXIT_INTERRUPTED
    return EXIT_FAILED_ROWS if stats.failures else EXIT_OK


def _cmd_eval(args: argparse.Namespace, argv: Sequence[str]) -> int:
    stderr = sys.stderr
    backend = _backend(args)
    cache = _cache(args, stderr)
    try:
        results = [
            evaluate_file(
                path,
                backend=backend,
                options=_extract_options(args),
                batch=_batch_options(args, ordered=True),
                cache=cache,
                on_unexpected=_on_unexpected(args, stderr),
            )
            for path in args.gold
        ]
    finally:
        backend.close()
        if cache is not None:
            cache.close()

    console = Console(file=sys.stdout, soft_wrap=True)
    misses_console = Console(file=stderr if args.json else sys.stdout, soft_wrap=True)
    if args.json:
        total = combine(*(r.scores for r in results))
        sys.stdout.write(json.dumps(total.to_json()) + "\n")
    else:
        for result in results:
            console.print(render_scores(result.scores, title=str(result.path)))
            usage = result.usage
            n = max(1, len(result.rows))
            console.print(
                f"tokens: {usage.prompt_tokens + usage.completion_tokens:,} "
                f"({usage.prompt_tokens:,} prompt + {usage.completion_tokens:,} completion) · "
                f"latency: {result.latency_ms / 1000:.2f} s total, "
                f"{result.latency_ms / n:.1f} ms/record · backend {backend.name}",
                highlight=False,
            )
        if len(results) > 1:
            total = combine(*(r.scores for r in results))
            console.print(render_scores(total, title="combined (micro)"))
    if args.errors:
        for result in results:
            for record_id, misses in result.misses():
                misses_console.print(
                    render_misses(record_id, misses), highlight=False, markup=False
                )
    # a gold line that holds no pact answered so is not a failure (NoRecord)
    failed = [
        row for result in results for row in result.failed if not isinstance(row.error, NoRecord)
    ]
    for row in failed:
        assert row.error is not None
        print(
            f"pactparse: {row.id}: extraction failed: {type(row.error).__name__}: {row.error}",
            file=stderr,
        )
    return EXIT_FAILED_ROWS if failed else EXIT_OK


def _cmd_explain(args: argparse.Namespace, argv: Sequence[str]) -> int:
    if (args.text is None) == (args.file is None):
        raise InputError("give the summary as TEXT or --file F --line N (one of the two)")
    text, date = (
        (args.text, args.reference_date)
        if args.file is None
        else line_of_file(args.file, args.line, args.reference_date)
    )
    sys.stdout.write(explain_text(text, backend=_backend(args), reference_date=date))
    return EXIT_OK


def _cmd_schema(args: argparse.Namespace, argv: Sequence[str]) -> int:
    model: type[Draft] | type[Pact] = Draft if args.draft else Pact
    sys.stdout.write(json.dumps(model.model_json_schema(), indent=2) + "\n")
    return EXIT_OK


def _add_rows(parser: argparse.ArgumentParser) -> None:
    """``OUT.jsonl [INPUT]``: rows written by extract, and the input for their texts."""
    parser.add_argument("rows", type=Path, metavar="OUT.jsonl", help="rows written by extract")
    parser.add_argument(
        "input", nargs="?", metavar="INPUT", help="the input OUT was written from (for the texts)"
    )


def _add_review(commands: Any) -> None:
    review = commands.add_parser(
        "review",
        formatter_class=_Formatter,
        help="write an HTML page to check records against their texts and export gold",
        description="Write one self-contained HTML file (opens from disk, offline) showing each "
        "record of OUT beside its summary, with every span highlighted, filters, search and "
        "keyboard navigation. Accept or correct records there and export them as a gold file "
        "for `pactparse eval`.",
        epilog="""\
examples:
  pactparse extract news.txt --include-text -o pacts.jsonl && pactparse review pacts.jsonl
  pactparse review pacts.jsonl news.txt -o review.html

The texts come from the rows (extract --include-text) or from INPUT, the file OUT was
written from.""",
    )
    _add_rows(review)
    review.add_argument(
        "-o", "--output", type=Path, metavar="HTML", help="page to write (default: review.html)"
    )
    _add_debug(review, default=argparse.SUPPRESS)
    review.set_defaults(handler=_cmd_review)


def _cmd_review(args: argparse.Namespace, argv: Sequence[str]) -> int:
    to = args.output or Path("review.html")
    count = write_review(args.rows, args.input, to=to)
    print(f"pactparse: wrote {to} ({count:,} records); open it in a browser", file=sys.stderr)
    return EXIT_OK


def _add_export(commands: Any) -> None:
    export = commands.add_parser(
        "export",
        formatter_class=_Formatter,
        help="write rows as tables (CSV or Parquet): pacts, actors, provisions",
        description="Write the rows of OUT as three tables: one row per output row (pacts; "
        "error rows included, with their error), and long tables of actors and provisions.",
        epilog="""\
examples:
  pactparse export pacts.jsonl --format csv
  pactparse export pacts.jsonl --format parquet -o tables/   (needs pactparse[tables])

Files: DIR/STEM.pacts.EXT, DIR/STEM.actors.EXT, DIR/STEM.provisions.EXT.""",
    )
    _add_rows(export)
    export.add_argument("--format", choices=("csv", "parquet"), default="csv", help="(default csv)")
    export.add_argument(
        "-o", "--output-dir", type=Path, metavar="DIR", help="directory (default: OUT's)"
    )
    _add_debug(export, default=argparse.SUPPRESS)
    export.set_defaults(handler=_cmd_export)


def _cmd_export(args: argparse.Namespace, argv: Sequence[str]) -> int:
    for path in export_tables(args.rows, args.input, format=args.format, directory=args.output_dir):
        print(f"pactparse: wrote {path}", file=sys.stderr)
    return EXIT_OK


#: Backend options that have a flag of their own.
_OPTION_FLAGS = {
    "model": "--model",
    "base_url": "--base-url",
    "mode": "--mode",
    "api_key": "--api-key-env VAR",
    "timeout": "--timeout",
    "max_retries": "--max-retries",
}


def _cmd_backends(args: argparse.Namespace, argv: Sequence[str]) -> int:
    names = [args.name] if args.name else available_backends()
    for name in names:
        cls = backend_class(name)
        model = getattr(cls, "Options", None)
        default = " (the default)" if name == default_backend_name() else ""
        print(f"{name}{default}")
        if model is None:
            print("  takes no options")
            continue
        for field, info in model.model_fields.items():
            flag = _OPTION_FLAGS.get(field, f"-O {field}=...")
            shown = "" if info.is_required() else f" [default: {info.get_default()!r}]"
            if field == "api_key":
                shown = ""
            print(f"  {flag:<24} {info.description or field}{shown}")
    return EXIT_OK


def _cmd_cache(args: argparse.Namespace, argv: Sequence[str]) -> int:
    cache = _open_cache(args.cache_dir)
    try:
        if args.clear:
            removed = cache.clear()
            print(f"removed {removed:,} records from {cache.path}")
        else:
            exists = cache.path.exists()
            count = len(cache) if exists else 0
            print(f"{cache.path} ({count:,} records)" if exists else f"{cache.path} (empty)")
    finally:
        cache.close()
    return EXIT_OK


# --------------------------------------------------------------------------- entry point


_STOPPING = b"pactparse: stopping after the rows in flight (signal again to stop at once)\n"


@contextmanager
def _stop_on_signals(stop: StopRequest) -> Iterator[None]:
    """While inside, Ctrl-C and SIGTERM ask the job to stop between two rows; a second
    signal ends the process at once (``--resume`` recovers from that too)."""
    if threading.current_thread() is not threading.main_thread():
        yield  # only the main thread may set signal handlers
        return
    signals = (signal.SIGINT, signal.SIGTERM)

    def request_stop(signum: int, frame: object) -> None:
        if stop.requested:
            signal.signal(signum, signal.SIG_DFL)
            os.kill(os.getpid(), signum)
            return
        stop.set(signum)
        # os.write: safe in a signal handler, unlike print (which may be mid-write)
        with suppress(OSError):
            os.write(2, _STOPPING)

    previous = {signum: signal.signal(signum, request_stop) for signum in signals}
    try:
        yield
    finally:
        for signum, handler in previous.items():
            signal.signal(signum, handler)


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line ``argv`` (default: ``sys.argv[1:]``); returns the exit status."""
    argv = list(sys.argv[1:] if argv is None else argv)
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.command is None:
        parser.print_help(sys.stderr)
        return EXIT_USAGE
    debug = bool(args.debug) or _debug_env()
    args.debug = debug
    handler: Callable[[argparse.Namespace, Sequence[str]], int] = args.handler
    secrets = [str(value) for key, value in getattr(args, "backend_option", []) if key == "api_key"]
    try:
        return handler(args, argv)
    except PactParseError as exc:
        if debug:
            _print_traceback(exc, secrets)
        print(f"pactparse: error: {scrub(cli_terms(str(exc)), secrets)}", file=sys.stderr)
        return EXIT_USAGE
    except KeyboardInterrupt:
        print("pactparse: interrupted", file=sys.stderr)
        return EXIT_INTERRUPTED
    except BrokenPipeError:
        # the reader went away (`| head`): stop quietly, without a second error at exit
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return EXIT_PIPE_CLOSED
    except Exception as exc:
        if debug:
            _print_traceback(exc, secrets)
            return EXIT_INTERNAL
        message = scrub(f"{type(exc).__name__}: {exc}", secrets)
        print(
            f"pactparse: internal error: {message}. "
            "Rerun with --debug for the traceback and please report it.",
            file=sys.stderr,
        )
        return EXIT_INTERNAL


def _print_traceback(exc: BaseException, secrets: Sequence[str]) -> None:
    """``--debug``: the traceback, with no key material in it."""
    text = "".join(traceback.format_exception(exc))
    sys.stderr.write(scrub(text, secrets))


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
