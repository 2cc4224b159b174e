"""The one door from untrusted text to HTML.

Article text, titles, sources, URLs and place names (an unlisted place's name is article
text) reach the page's HTML (map tooltips, excerpts, articles) only through :func:`esc`.
"""

from __future__ import annotations

import html


def esc(value: object) -> str:
    """``value`` as text safe inside an HTML element or a quoted attribute."""
    return html.escape("" if value is None else str(value), quote=True)


def href(url: str) -> str | None:
    """An article's URL fit for ``href="..."``: escaped, and only http(s) (a
    ``javascript:`` URL in a crawled file must not become a link)."""
    return esc(url) if url.lower().startswith(("https://", "http://")) else None
