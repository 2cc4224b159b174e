"""An html page's markup counted before any parser sees it, and cut at the limits."""

from __future__ import annotations

import time

import pytest

from gazetteer.documents import load_bytes
from gazetteer.limits import TAG_ATTRIBUTES, Limits
from gazetteer.markup import within_markup

ARTICLE = "<p>اشتباك مسلح قرب كركوك صباح اليوم، وقتل مسلحان في الاشتباك.</p>"


@pytest.mark.parametrize("page, limits, kept, note", [
    ("<p>a</p><p>b</p>", Limits(html_tags=4), "<p>a</p><p>b</p>", ""),
    ("<p>a</p><p>b</p>", Limits(html_tags=3), "<p>a</p><p>b",
     "page cut at character 12, before its tag number 4 (the limit is 3 tags per page)"),
    ('<p a="1" b=2 c>x</p><p d>', Limits(html_attributes=3), "<p a=\"1\" b=2 c>x</p>",
     "page cut at character 20, before the tag that passes the limit of 3 attributes per page"),
    ("<p " + "a " * (TAG_ATTRIBUTES + 1) + ">", Limits(), "",
     f"page cut at character 0, before a tag of more than {TAG_ATTRIBUTES} attributes "
     "(the limit per tag)"),
], ids=["within", "tags", "attributes", "one tag"])
def test_a_page_is_cut_before_the_tag_that_passes_a_limit(page, limits, kept, note):
    assert within_markup(page, limits) == (kept, note)


@pytest.mark.parametrize("page", [
    "<script>if (a<b && c<d) { x = '<p>'; }</script><p>x</p>",  # script text is no markup
    "<style>a<b{}</style><p>x</p>",
    "<!-- <p><p><p> --><p>x</p>",
    '<!DOCTYPE html><p title="a > b <c>">x</p>',
    "<p a='x>y'>x</p>",
], ids=["script", "style", "comment", "quoted", "single quoted"])
def test_what_is_not_a_tag_is_not_counted(page):
    assert within_markup(page, Limits(html_tags=4)) == (page, "")


def test_an_unclosed_quote_ends_the_count_as_it_ends_the_page_for_a_parser():
    page = '<p title="never closed>' + "<p>" * 1000
    assert within_markup(page, Limits(html_tags=2)) == (page, "")


def test_the_report_of_a_cut_page_says_where():
    page = "<html><body>" + ARTICLE + "<b>x</b>" * 50 + "</body></html>"
    (doc,), report = load_bytes("page.html", page.encode(), Limits(html_tags=20))
    assert "كركوك" in doc.text
    assert report.problems[0].startswith("page cut at character ")
    assert "the limit is 20 tags per page" in report.problems[0]


def test_a_page_cut_to_nothing_is_rejected_saying_why():
    page = "<html><body><p " + "a " * 1000 + ">" + ARTICLE + "</p></body></html>"
    _, report = load_bytes("bomb.html", page.encode())
    assert report.status == "rejected"
    assert report.reason.startswith("no article text found in the page; page cut at ")


def cost(page: str) -> float:
    start = time.process_time()
    load_bytes("page.html", page.encode(), Limits(html_tags=2_000, html_attributes=10_000))
    return time.process_time() - start


@pytest.mark.parametrize("page", [
    lambda n: "<html><body><p " + " ".join(f'a{i}="x"' for i in range(n)) + ">" + ARTICLE
    + "</p></body></html>",
    lambda n: "<html><body>" + ARTICLE * (n // 4) + "</body></html>",
    lambda n: "<html><body>" + "".join(f'<p a="1" b="2">x{i}</p>' for i in range(n // 2))
    + ARTICLE + "</body></html>",
], ids=["attributes of one tag", "paragraphs", "attributes of many tags"])
def test_the_parsers_work_stops_growing_at_the_limits(page):
    """Past the limits a page costs what a page at the limits costs: the parsers never
    see the rest (40,000 attributes in one tag took minutes, 100,000 paragraphs too)."""
    cost(page(100))
    small = min(cost(page(4_000)) for _ in range(2))
    large = min(cost(page(40_000)) for _ in range(2))
    assert large / small < 3  # 10x the markup
