"""Take docs/review.png: the review page of the seeds and dev files in headless Chromium.

    .venv/bin/python tools/review_screenshot.py [docs/review.png]

Needs the system Chromium (apt-get install chromium) and the test extra (Playwright).
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

from pactparse import cli  # noqa: E402
from support.browser import open_browser  # noqa: E402


def main() -> None:
    target = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "docs" / "review.png"
    with tempfile.TemporaryDirectory() as folder:
        rows, page = Path(folder) / "pacts.jsonl", Path(folder) / "review.html"
        seeds = str(ROOT / "fixtures" / "seeds.jsonl")
        cli.main(["extract", seeds, "--include-text", "--no-cache", "-q", "-o", str(rows)])
        cli.main(["review", str(rows), "-o", str(page)])
        with open_browser(viewport={"width": 1280, "height": 760}) as browser:
            tab = browser.new_page()
            tab.goto(page.as_uri())
            tab.wait_for_selector("html[data-ready]")
            tab.fill("#q", "seed-08")
            tab.wait_for_function("document.querySelector('#detail h2').textContent === 'seed-08'")
            tab.fill("#q", "")
            tab.wait_for_function("document.querySelector('#count').textContent.startsWith('14')")
            tab.focus("#text mark[data-fields~=adversary]")
            tab.screenshot(path=str(target))
    print(f"wrote {target}")


if __name__ == "__main__":
    main()
