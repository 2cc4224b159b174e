"""Excerpts and articles as HTML: the name marked, right to left, everything escaped."""

from __future__ import annotations

import pandas as pd
import pytest

from dashboard import data, excerpts
from dashboard.escape import esc, href
from dashboard.filters import Filters
from dashboard.view import View, article


def one(corpus, place_key: str):
    """The newest mention of a place in ``corpus``, as the page's loop sees it."""
    view = View(corpus.store, Filters(furniture=True))
    return next(view.excerpts(place_key, 0, excerpts.PAGE_SIZE).itertuples())


def test_excerpts_come_newest_first_a_page_at_a_time(seed_corpus):
    view = View(seed_corpus.store, Filters(furniture=True, history=True))
    every = view.excerpts("country:IQ", 0, 1000)
    assert len(every) == view.excerpt_count("country:IQ")
    # Two mentions of Iraq in one sentence are one excerpt.
    assert len(every) == view.places().at["country:IQ", "mentions"] - 1
    dates = every["date"].dropna().map(lambda d: d[:4]).tolist()
    assert dates == sorted(dates, reverse=True)
    pages = [view.excerpts("country:IQ", first, 7) for first in range(0, len(every), 7)]
    assert pd.concat(pages, ignore_index=True).equals(every)


def test_the_feed_holds_every_place_newest_first(seed_corpus):
    view = View(seed_corpus.store, Filters(furniture=True))
    feed = view.excerpts(None, 0, 1000)
    assert len(feed) == view.excerpt_count(None) > len(view.excerpts("country:IQ", 0, 1000))
    assert feed["place_key"].nunique() > 10
    dates = feed["date_first"].dropna().tolist()
    assert dates == sorted(dates, reverse=True)


def test_syndicated_copies_come_once_with_their_count():
    sentence = "انفجرت عبوة ناسفة في قضاء الطارمية شمال بغداد."
    files = [(f"{outlet}.txt", f"خبر عاجل من {outlet}\n\n{sentence}".encode())
             for outlet in ("الاول", "الثاني", "الثالث")]
    view = View(data.from_uploads(files).store, Filters())
    tarmiyah = view.excerpts(None, 0, 100).query("excerpt == @sentence")
    assert len(tarmiyah) == 1 and tarmiyah["copies"].tolist() == [3]  # one sentence, 2 places
    assert "also in 2 other articles" in excerpts.excerpt_html(next(tarmiyah.itertuples()))


def test_an_excerpt_marks_the_name_right_to_left(seed_corpus):
    html = excerpts.excerpt_html(one(seed_corpus, "terrain:wadi_al_shay"))
    assert '<p dir="rtl" lang="ar"' in html
    assert "<mark>وادي الشاي</mark>" in html
    assert html.startswith('<div style="margin:0.2rem 0 0.6rem 0"><div style="font-size:0.8rem;'
                           'color:#666"><b>2025-11-26</b> · ')
    assert "located: near" in html


def test_a_place_the_gazetteer_lacks_has_its_excerpts(unlisted_corpus):
    html = excerpts.excerpt_html(one(unlisted_corpus, "unlisted:قرية الكنعوص@35.2645,43.7885"))
    assert "<mark>قرية الكنعوص</mark>" in html and "located: district" in html


def test_an_excerpt_in_page_furniture_says_so(seed_corpus):
    html = excerpts.excerpt_html(one(seed_corpus, "terrain:wadi_zghaytun"))
    assert "page furniture (boilerplate)" in html


def test_article_text_is_escaped(seed_corpus):
    row = one(seed_corpus, "terrain:wadi_al_shay")
    at = row.start - row.excerpt_start
    hostile = row._replace(excerpt=row.excerpt[:at] + "<script>x</script>" + row.excerpt[at:],
                           start=row.start + 18, end=row.end + 18,
                           title='"><img src=x onerror=alert(1)>',
                           url="javascript:alert(1)")
    html = excerpts.excerpt_html(hostile)
    assert "<script>" not in html and "&lt;script&gt;x&lt;/script&gt;" in html
    assert "<img" not in html and "javascript:" not in html
    assert "<mark>وادي الشاي</mark>" in html


@pytest.mark.parametrize("url, link", [
    pytest.param("https://www.rudaw.net/a?b=1&c=2", "https://www.rudaw.net/a?b=1&amp;c=2",
                 id="https"),
    pytest.param("javascript:alert(1)", None, id="javascript"),
    pytest.param("", None, id="none"),
])
def test_only_web_addresses_become_links(url, link):
    assert href(url) == link


def test_the_article_marks_every_place_it_names(seed_corpus):
    document, mentions = article(seed_corpus.store, "004_f8ddaa2b800c5791.txt")
    html = excerpts.article_html(document["text"], mentions, "terrain:hawija")
    assert html.count("<mark") == len(mentions) == 6
    assert f'<mark title="{esc("الحويجة · Hawija")}">الحويجة</mark>' in html
    assert html.count(f'style="{excerpts.OTHER_MARK}"') == 5
    assert html.startswith('<div dir="rtl" lang="ar"')


def test_overlapping_spans_are_marked_once():
    spans = [(0, 5, "a", "A"), (3, 8, "b", "B"), (9, 11, "c", "C")]
    html = "".join(excerpts._marked("0123456789ab<", spans, "a", 9))
    assert html.count("<mark") == 2 and html.endswith("b&lt;")
    assert html.count(f'id="{excerpts.CHOSEN}"') == 1 and '<mark title="C" id=' in html
