"""Excerpts and whole articles as HTML: right to left, the place's name marked.

Every piece of article text goes through :func:`~dashboard.escape.esc`; the page renders
the result with ``st.html`` (no Markdown parsing of article text, and DOMPurify behind).
"""

from __future__ import annotations

from collections.abc import Iterable

import pandas as pd
import streamlit as st
import streamlit.components.v1 as components

from dashboard import state
from dashboard.escape import esc, href
from dashboard.store import Store
from dashboard.view import article
from dashboard.wording import counted, named, say

TITLE_CHARS = 70  # of a title in an excerpt's grey line
PAGE_SIZE = 20  # excerpts drawn at once: a country can be named thousands of times
ARABIC = 'dir="rtl" lang="ar"'
OTHER_MARK = "background:#e8e8e8"  # the other places of an article, next to the chosen one
CHOSEN = "chosen"  # the id of the mark an article opens on
ARTICLE_HEIGHT = 520  # pixels of the article's frame


def excerpt_html(row) -> str:
    """One mention's sentence with the name marked, under a line saying when, how
    precisely, and in which article (``row``: a mentions-table row or tuple)."""
    at, to = row.start - row.excerpt_start, row.end - row.excerpt_start
    text = row.excerpt
    sentence = f"{esc(text[:at])}<mark>{esc(text[at:to])}</mark>{esc(text[to:])}"
    return (f'<div style="margin:0.2rem 0 0.6rem 0">{_about(row)}'
            f'<p {ARABIC} style="font-size:1.1rem;line-height:1.9;margin:0.2rem 0">'
            f"{sentence}</p></div>")


def _about(row) -> str:
    """When, where from and how precisely, in one short grey line: the date, the outlet,
    the article's title (linked to the original), where the place is located less
    precisely than a town, page furniture, and syndicated copies."""
    parts = [f"<b>{esc(_given(row.date) or say('undated'))}</b>"]
    if _given(row.source):
        parts.append(esc(row.source))
    title = esc(_clipped(_given(row.title) or row.doc_id))
    link = href(_given(row.url))
    parts.append(f'<a href="{link}" target="_blank" rel="noopener noreferrer" dir="auto">'
                 f"{title}</a>" if link else f'<span dir="auto">{title}</span>')
    if _given(row.geo_precision) != "exact":
        precision = _given(row.geo_precision)
        parts.append(esc(say("located", precision=named("precision_names", precision)
                                                  if precision else say("nowhere"))))
    if row.segment != "body":
        parts.append(esc(say("furniture_of", segment=row.segment)))
    if getattr(row, "copies", 1) > 1:
        parts.append(say("also_in", articles=counted(row.copies - 1, "other_article")))
    return f'<div style="font-size:0.8rem;color:#666">{" · ".join(parts)}</div>'


def _clipped(title: str) -> str:
    """A title short enough for the grey line."""
    return title if len(title) <= TITLE_CHARS else title[:TITLE_CHARS].rstrip() + "…"


def _given(value) -> str:
    """A table cell as text, "" when missing (pandas' string columns hold NaN there)."""
    return "" if pd.isna(value) else str(value)


def article_html(text: str, mentions: pd.DataFrame, place_key: str | None,
                 at: int | None = None) -> str:
    """A whole article with every place it names marked, the chosen place's mentions
    in yellow and the others in grey; each mark's title gives the place's names. The
    mark starting at ``at`` (the excerpt the article was opened from) has the id
    :data:`CHOSEN`."""
    spans = sorted(zip(mentions["start"], mentions["end"], mentions["place_key"],
                       mentions["label"], strict=True))
    return (f'<div {ARABIC} style="white-space:pre-wrap;line-height:1.9;font-size:1.05rem">'
            f"{''.join(_marked(text, spans, place_key, at))}</div>")


def _marked(text: str, spans: Iterable[tuple[int, int, str, str]], place_key: str | None,
            at: int | None):
    """Escaped pieces of ``text`` with ``<mark>`` around the spans (overlaps skipped)."""
    done = 0
    for start, end, key, label in spans:
        if start < done:
            continue
        style = "" if key == place_key else f' style="{OTHER_MARK}"'
        chosen = f' id="{CHOSEN}"' if start == at else ""
        yield esc(text[done:start])
        yield f'<mark title="{esc(label)}"{chosen}{style}>{esc(text[start:end])}</mark>'
        done = end
    yield esc(text[done:])


def _closed() -> None:
    st.session_state.pop(state.OPEN_ARTICLE, None)


@st.dialog(" ", width="large", on_dismiss=_closed)
def show_article(store: Store, doc_id: str, place_key: str | None, at: int | None = None
                 ) -> None:
    """The article ``doc_id`` in a dialog: its title, date and outlet, a link to the
    original, and its text with every place it names marked, scrolled to the mark at
    ``at``. The text is drawn in a frame of its own, whose one script (ours) scrolls."""
    doc, mentions = article(store, doc_id)
    if doc is None:
        st.write(say("no_document"))
        return
    title = _given(doc["title"]) or doc_id
    about = [esc(_given(doc["published"]) or say("no_date")),
             say("marked", places=counted(len(mentions), "place"))]
    if _given(doc["source"]):
        about.insert(1, esc(doc["source"]))
    if link := href(_given(doc["url"])):
        about.append(f'<a href="{link}" target="_blank" rel="noopener noreferrer">'
                     f"{say('the_original')}</a>")
    st.html(f'<h3 dir="auto">{esc(title)}</h3><div style="font-size:0.8rem;color:#666">'
            f"{' · '.join(about)}</div>")
    components.html(
        f"<body style=\"font-family:sans-serif;margin:0\">"
        f"{article_html(doc['text'], mentions, place_key, at)}<script>"
        f"var m = document.getElementById('{CHOSEN}');"
        "if (m) m.scrollIntoView({block: 'center'});</script></body>",
        height=ARTICLE_HEIGHT, scrolling=True)
