"""The one door from untrusted text to HTML.

Article text, titles, sources, URLs, file names (a document without a title goes by its
file's name) and place names (an unlisted place's name is article text) reach the page's
HTML (map tooltips, excerpts, articles) only through :func:`esc`. Streamlit renders
labels, captions and expander titles as Markdown: none of them carries article text, only
counts and the host's own paths. Options of the select boxes and dataframe cells (the
sources, place names, the load report's file names) are shown as plain text.
tests/test_browser.py serves a corpus of markup and checks that none of it runs.
"""

from __future__ import annotations

import html


def esc(value: object) -> str:
    """``value`` as text safe inside an HTML element or a quoted attribute."""
    return html.escape("" if value is None else str(value), quote=True)


def href(url: str) -> str | None:
    """An article's URL fit for ``href="..."``: escaped, and only http(s) (a
    ``javascript:`` URL in a crawled file must not become a link)."""
    return esc(url) if is_web(url) else None


def is_web(url: object) -> bool:
    """Whether ``url`` is an http(s) URL, the only kind the page links to or exports."""
    return isinstance(url, str) and url.lower().startswith(("https://", "http://"))
