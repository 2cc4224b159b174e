"""Time in a real Chromium: a historical date moves no range, brushing the timeline sets
the dates, and Play moves them on week by week (the helpers: tests/test_browser.py)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import date

import pytest
from playwright.sync_api import Page, expect

from tests.test_browser import MAP_TIPS, app_url, browser, current, on_map, shoot, the_map, visitor  # noqa: F401

pytestmark = pytest.mark.browser

# An article of 22 May 2018 (its dateline) that reports an attack in Sinjar "yesterday" and
# recalls the conflicts of Hawija "since the year 1984".
HISTORY = ("بغداد - 22 أيار 2018\n"
           "هاجم مسلحون نقطة أمنية في قضاء سنجار أمس. "
           "ويشهد قضاء الحويجة نزاعات منذ العام 1984.\n")


@pytest.fixture
def page(browser, app_url) -> Iterator[Page]:  # noqa: F811
    with visitor(browser, app_url) as page:
        yield page


def slider_dates(page: Page) -> list[str]:
    """The two dates the date slider shows (once it is drawn: the map may come first)."""
    thumbs = page.get_by_test_id("stSidebar").get_by_test_id("stSliderThumbValue")
    expect(thumbs.nth(1)).to_be_visible()
    return thumbs.all_inner_texts()[:2]


def place_options(page: Page) -> str:
    """The place box's options. A rerun may redraw the box as it opens (the brushed chart,
    drawn anew, may send its cleared selection): then it is opened again."""
    for attempt in range(3):
        current(page).get_by_role("combobox", name="Place", exact=True).click()
        try:
            expect(page.get_by_role("option").first).to_be_visible(timeout=10_000)
            break
        except AssertionError:
            if attempt == 2:
                raise
    options = " | ".join(page.get_by_role("option").all_inner_texts())
    page.keyboard.press("Escape")
    return options


def test_a_historical_date_does_not_move_the_range(page, tmp_path):
    article = tmp_path / "sinjar.txt"
    article.write_text(HISTORY, encoding="utf-8")
    the_map(page)
    page.locator("input[type=file]").set_input_files(article)
    expect(page.get_by_text("1 uploaded file: 1 file: 1 loaded")).to_be_visible()
    # The range is the article's: its date and the day before, not 1984.
    expect(page.get_by_test_id("stSidebar").get_by_test_id("stSliderThumbValue").first
           ).to_have_text("2018-05-21")
    assert slider_dates(page) == ["2018-05-21", "2018-05-22"]
    # On the map: Sinjar, attacked yesterday; not Hawija, of the conflicts since 1984.
    tips = on_map(page, MAP_TIPS, ready=f"({MAP_TIPS})().some(t => t.startsWith('سنجار'))")
    assert not any(t.startswith("الحويجة") for t in tips)
    shoot(page, "history-left-out")
    page.get_by_text("Include historical references").click()
    expect(page).to_have_url(re.compile("history=true"))
    the_map(page, ready=f"({MAP_TIPS})().some(t => t.startsWith('الحويجة'))")
    assert slider_dates(page) == ["2018-05-21", "2018-05-22"]  # still the article's
    shoot_timeline(page, "history-included")


def shoot_timeline(page: Page, name: str) -> None:
    """A screenshot with the timeline in view (the page scrolls inside its own frame)."""
    page.get_by_test_id("stVegaLiteChart").scroll_into_view_if_needed()
    shoot(page, name)


def drag_across(page: Page, start: float, end: float) -> None:
    """Drag along the timeline from ``start`` to ``end`` (shares of its width)."""
    chart = page.get_by_test_id("stVegaLiteChart")
    chart.scroll_into_view_if_needed()
    box = chart.locator("canvas, svg").first.bounding_box()
    y = box["y"] + box["height"] / 2
    page.mouse.move(box["x"] + box["width"] * start, y)
    page.mouse.down()
    page.mouse.move(box["x"] + box["width"] * end, y, steps=12)
    page.mouse.up()


def test_brushing_the_timeline_sets_the_dates(page, browser):  # noqa: F811
    the_map(page)
    assert slider_dates(page) == ["2018-12-26", "2026-01-31"]
    expect(page.get_by_text(re.compile("^Mentions per month"))).to_be_visible()
    shoot_timeline(page, "timeline-before-brush")
    drag_across(page, 0.6, 0.97)  # about 2023 to the end
    expect(page).to_have_url(re.compile("dates="))
    expect(page.get_by_test_id("stSidebar").get_by_test_id("stSliderThumbValue").first
           ).not_to_have_text("2018-12-26")
    lo, hi = (date.fromisoformat(d) for d in slider_dates(page))
    assert date(2022, 1, 1) < lo < date(2024, 12, 31) and date(2025, 6, 1) < hi
    # The timeline now shows that window, and the places of those dates alone.
    expect(current(page).get_by_text(re.compile("^Mentions per (week|month)")).last
           ).to_be_visible()  # a rerun briefly holds the old chart and the new
    assert "Hawija" not in place_options(page)  # named in 2019 only
    shoot_timeline(page, "timeline-brushed")
    # The link holds the brushed dates.
    with visitor(browser, page.url) as again:
        the_map(again)
        assert slider_dates(again) == [lo.isoformat(), hi.isoformat()]


def test_play_moves_the_window_a_week_at_a_time_to_the_end(browser, app_url):  # noqa: F811
    with visitor(browser, f"{app_url}/?dates=2025-12-01&dates=2026-01-10") as page:
        the_map(page)
        assert slider_dates(page) == ["2025-12-01", "2026-01-10"]
        page.get_by_text("Play week by week").click()
        thumb = page.get_by_test_id("stSidebar").get_by_test_id("stSliderThumbValue").first
        expect(thumb).to_have_text("2025-12-08")
        shoot(page, "timeline-playing")
        expect(thumb).to_have_text("2025-12-15")
        expect(thumb).to_have_text("2025-12-22")  # the end: 2026-01-31
        assert slider_dates(page) == ["2025-12-22", "2026-01-31"]
        expect(page.get_by_role("switch", name="Play week by week")).not_to_be_checked()
        page.wait_for_timeout(5000)  # and it stays there
        assert slider_dates(page) == ["2025-12-22", "2026-01-31"]
        shoot(page, "timeline-played")
