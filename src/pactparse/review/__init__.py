"""The review page: one self-contained HTML file to check records against their texts.

:func:`build_page` turns output rows (with their texts) into the page; the page itself
(``template.html``, ``review.css``, ``review.js``) is package data, inlined so that the
file opens from disk, offline, with no server. In the page an analyst accepts or
corrects records and exports them as a gold file that ``pactparse eval`` reads.
"""

from .page import build_page, page_records, write_review

__all__ = ["build_page", "page_records", "write_review"]
