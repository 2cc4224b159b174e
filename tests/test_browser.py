"""The running app in a real Chromium (Debian's package), driven by Playwright.

``streamlit run dashboard/app.py`` is started on a free port. The page runs with no
internet, like CI and an air-gapped analyst: every request that leaves localhost is
refused and recorded. The map's scripts and its background (the basemap) come from the
app itself (dashboard/static/), so it draws its places on land and water, though the
tiles cannot come. Screenshots go to ``test-artifacts/``.
"""

from __future__ import annotations

import contextlib
import functools
import io
import json
import os
import re
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest
from PIL import Image
from playwright.sync_api import Browser, Frame, Locator, Page, Route, expect, sync_playwright
from playwright.sync_api import Error as PlaywrightError

from dashboard import basemap
from gazetteer.corpus import ingest

pytestmark = pytest.mark.browser

ROOT = Path(__file__).parent.parent
ARTIFACTS = ROOT / "test-artifacts"
CHROMIUM = "/usr/bin/chromium"
TILES = "tile.openstreetmap.org"  # the one thing the page may ask of the internet
# The map's frame: Streamlit titles it "streamlit_folium.st_folium", the page then retitles
# it in words (dashboard/language.py) and marks it data-map. While a rerun replaces it the
# page briefly holds the old frame and the new: tests take the last.
MAP = 'iframe[title="streamlit_folium.st_folium"], iframe[data-map]'
# Generous: CI runs the whole suite on two busy cores, and a rerun then takes seconds.
TIMEOUT_MS = 60_000
expect.set_options(timeout=TIMEOUT_MS)

# Every tooltip of the map's GeoJSON layers (the places' and the areas'), those gathered
# into a cluster too.
MAP_TIPS = """() => {
    const layers = new Set();
    window.map.eachLayer(l => {
        layers.add(l);
        if (l instanceof L.MarkerClusterGroup) l.getLayers().forEach(m => layers.add(m));
    });
    return [...layers].filter(l => l.feature && l.feature.properties.tip)
                      .map(l => l.feature.properties.tip);
}"""


@contextlib.contextmanager
def serve(log: Path, **settings: str) -> Iterator[str]:
    """`streamlit run dashboard/app.py` on a free port with these ``IRAQMAP_*`` settings
    in its environment (the rest unset), its output in ``log``; yields its URL."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    unset = {"IRAQMAP_CORPUS": "", "IRAQMAP_DATASET": "", "IRAQMAP_PASSWORD": ""}
    with log.open("w") as out:
        server = subprocess.Popen(
            [sys.executable, "-m", "streamlit", "run", "dashboard/app.py",
             "--server.headless", "true", "--server.port", str(port)],
            cwd=ROOT, stdout=out, stderr=subprocess.STDOUT,
            env={**os.environ, **unset, **settings})
        url = f"http://localhost:{port}"
        try:
            _wait_until_healthy(url, server)
            yield url
        finally:
            server.terminate()
            server.wait(timeout=10)


@pytest.fixture(scope="module")
def app_url(tmp_path_factory) -> Iterator[str]:
    """The app on the seeds, served by `streamlit run` on a free port."""
    with serve(tmp_path_factory.mktemp("server") / "streamlit.log") as url:
        yield url


def _wait_until_healthy(url: str, server: subprocess.Popen, seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        assert server.poll() is None, "streamlit exited; see its log"
        try:
            with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as response:
                if response.read() == b"ok":
                    return
        except OSError:
            time.sleep(0.3)
    raise TimeoutError(f"no answer from {url}/_stcore/health in {seconds} s")


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    assert Path(CHROMIUM).exists(), "apt-get install chromium (see .ci/apt-packages.txt)"
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=[
            "--no-sandbox", "--disable-gpu", "--disable-background-networking",
            "--disable-component-update", "--disable-sync", "--disable-quic",
            "--no-first-run"])
        yield browser
        browser.close()


@pytest.fixture
def page(browser: Browser, app_url: str) -> Iterator[Page]:
    """A fresh visitor's tab on the app, its CDN requests answered offline."""
    with visitor(browser, app_url) as page:
        yield page


@contextlib.contextmanager
def visitor(browser: Browser, url: str, tile: bytes | None = None, **options) -> Iterator[Page]:
    """A tab of a browser context of its own (cookies, storage: another visitor) open on
    ``url``, offline but for localhost, and for the tile server if given its ``tile``
    (a PNG it answers every tile with); ``options``: more of the context's (a phone's viewport,
    credentials)."""
    context = browser.new_context(**({"viewport": {"width": 1400, "height": 1100}} | options))
    context.route("**/*", functools.partial(_offline, tile=tile))
    page = context.new_page()
    page.outside = []  # what the page asked of the internet, besides tiles
    page.dialogs = []  # the messages of JavaScript dialogs (alert...), dismissed
    page.on("dialog", lambda d: (page.dialogs.append(d.message), d.dismiss()))
    page.set_default_timeout(TIMEOUT_MS)
    page.goto(url)
    try:
        yield page
    finally:
        context.close()


def _offline(route: Route, tile: bytes | None = None) -> None:
    """Serve localhost, and tiles when there is a ``tile``; refuse the rest, and note it
    on the page unless it is a tile."""
    url = route.request.url
    if url.startswith("http://localhost"):
        route.continue_()
    elif TILES in url and tile:
        route.fulfill(body=tile, content_type="image/png")
    else:
        if TILES not in url:
            route.request.frame.page.outside.append(url)
        route.abort()


def the_map(page: Page, ready: str = "true") -> Frame:
    """The Leaflet map's frame once the map is drawn, still and ``ready`` (a JavaScript
    expression) holds."""
    return _drawn(page, ready, "() => true")[0]


def on_map(page: Page, value: str, ready: str = "true"):
    """What the JavaScript function ``value`` returns on the map once it is drawn and
    ``ready``: read in the same call as the check, as a rerun may replace the frame."""
    return _drawn(page, ready, value)[1]


def _drawn(page: Page, ready: str, value: str) -> tuple[Frame, object]:
    # The frame is looked up anew each time: after a rerun Streamlit replaces it.
    drawn = ("window.map && window.map.getSize().y > 0"
             " && !document.querySelector('.leaflet-zoom-anim')")
    deadline = time.monotonic() + TIMEOUT_MS / 1000
    while time.monotonic() < deadline:
        handle = page.locator(MAP).last.element_handle()
        frame = handle.content_frame() if handle else None
        with contextlib.suppress(PlaywrightError):  # a frame detached meanwhile
            if frame and (found := frame.evaluate(
                    f"() => ({drawn} && ({ready})) ? [({value})()] : null")):
                return frame, found[0]
        page.wait_for_timeout(250)
    raise TimeoutError(f"no map where {ready} in {TIMEOUT_MS} ms")


def current(page: Page) -> Locator:
    """The page's elements less those of the run before, which Streamlit keeps (marked
    stale) until the rerun under way replaces them."""
    return page.locator('[data-testid=stElementContainer]:not([data-stale="true"])')


def choose_place(page: Page, text: str) -> None:
    box = current(page).get_by_role("combobox", name="Place", exact=True)
    box.click()
    box.fill(text)
    page.get_by_role("option").filter(has_text=text).first.click()


def shoot(page: Page, name: str) -> None:
    """A screenshot in test-artifacts/, once the map's zoom animation has settled."""
    ARTIFACTS.mkdir(exist_ok=True)
    page.wait_for_timeout(1500)
    page.screenshot(path=ARTIFACTS / f"{name}.png", full_page=True)


def test_the_page_shows_the_map_the_filters_and_the_timeline(page):
    sidebar = page.get_by_test_id("stSidebar")
    for label in ("Upload articles", "Dates", "From – to", "Governorate / region",
                  "Kind of place", "Source", "Words in the text",
                  "Least precise location shown", "Show page furniture"):
        expect(sidebar.get_by_text(label, exact=True)).to_be_visible()
    expect(page.locator(MAP).last).to_be_visible()
    tips = on_map(page, MAP_TIPS)
    assert "كركوك · Kirkuk (governorate) — 3 mentions" in tips
    assert any(t.startswith("جبال حمرين · Hamrin Mountains") for t in tips)
    expect(page.get_by_test_id("stVegaLiteChart")).to_be_visible()
    expect(page.locator("iframe[data-map]").last).to_have_attribute(
        "title", re.compile(r"^Map of Iraq: the incidents or the places"))
    shoot(page, "seeds")
    assert page.outside == []  # the map's scripts and styles come from the app


def test_choosing_a_place_shows_its_excerpts_and_puts_it_in_the_url(page):
    the_map(page)
    choose_place(page, "Wadi al-Shay")
    mark = page.locator("mark", has_text="وادي الشاي").first
    expect(mark).to_be_visible()
    assert mark.evaluate("m => m.closest('[dir]').getAttribute('dir')") == "rtl"
    expect(page).to_have_url(re.compile("place=terrain%3Awadi_al_shay"))
    page.get_by_role("button", name="Open the article").first.click()
    dialog = page.get_by_role("dialog")
    text = dialog.frame_locator("iframe")
    expect(text.locator("mark")).to_have_count(27)  # seed 001 names 27 places
    chosen = text.locator("mark#chosen")
    expect(chosen).to_have_text("وادي الشاي")
    expect(chosen).to_be_in_viewport()  # the article opens where the excerpt is
    expect(dialog.get_by_text("the original")).to_have_count(0)  # a .txt has no url
    shoot(page, "article")


def test_clicking_a_marker_selects_its_place(page):
    # Point at Baghdad's circle until its tooltip shows (the page may still be laying
    # itself out), then click there.
    for _ in range(10):
        frame = the_map(page)
        point = frame.evaluate("() => window.map.latLngToContainerPoint([33.34034, 44.32921])")
        box = page.locator(MAP).last.bounding_box()
        x, y = box["x"] + point["x"], box["y"] + point["y"]
        page.mouse.move(x, y)
        page.wait_for_timeout(300)
        if "Baghdad" in frame.evaluate(
                "() => [...document.querySelectorAll('.leaflet-tooltip')]"
                ".map(t => t.textContent).join(' ')"):
            break
    page.mouse.click(x, y)
    expect(current(page).get_by_role("combobox", name="Place", exact=True)).to_have_value(
        "بغداد · Baghdad (capital) (3)")
    expect(page.locator("mark", has_text="بغداد").first).to_be_visible()
    expect(page).to_have_url(re.compile("place=wof%3A421178393"))


def test_a_link_restores_the_filters_in_another_browser(page, browser):
    the_map(page)
    expect(page).to_have_url(re.compile("at="))  # the run the map's first view asked for
    first_view = re.search(r"at=[^&]+", page.url).group()
    regions = page.get_by_role("combobox", name="Governorate / region", exact=True)
    regions.click()
    regions.fill("Kirkuk")
    page.keyboard.press("Enter")
    page.keyboard.press("Escape")
    expect(page.get_by_text("mentions of 3 places")).to_be_visible()
    # The link once the map has moved to Kirkuk's places, and its run written the URL.
    expect(page).to_have_url(re.compile(
        rf"^(?=.*[?&]gov=Kirkuk)(?=.*[?&]at=)(?!.*{re.escape(first_view)})"))
    with visitor(browser, page.url) as again:
        expect(again.get_by_text("mentions of 3 places")).to_be_visible()
        expect(again.get_by_test_id("stSidebar").get_by_text("Kirkuk", exact=True)
               ).to_be_visible()


def test_the_filters_that_emptied_the_view_are_cleared_from_the_url_too(page):
    the_map(page)
    words = page.get_by_role("textbox", name="Words in the text")
    words.fill("لاشيءهنا")
    words.press("Enter")
    expect(page.get_by_text("Nothing matches these filters")).to_be_visible()
    expect(page).to_have_url(re.compile("words="))
    page.get_by_role("button", name="Clear them").click()
    expect(page.get_by_text("mentions of 19 places")).to_be_visible()
    expect(words).to_have_value("")
    expect(page).not_to_have_url(re.compile("words="))


def test_an_uploaded_cp1256_file_appears_on_the_map(page, cp1256_article):
    the_map(page)
    page.locator("input[type=file]").set_input_files(cp1256_article)
    expect(page.get_by_text("1 uploaded file: 1 file: 1 loaded")).to_be_visible()
    # Tikrit on the map, and the seeds' Wadi al-Shay gone (one look: a rerun may replace
    # the map's frame between two).
    the_map(page, ready=f"(tips => tips.some(t => t.startsWith('تكريت')) && "
                        f"!tips.some(t => t.startsWith('وادي الشاي')))(({MAP_TIPS})())")
    shoot(page, "upload")


def test_a_dataset_is_served_where_it_lies(browser, tmp_path):
    ingest(ROOT / "seeds", tmp_path / "dataset", workers=1)
    with (serve(tmp_path / "streamlit.log", IRAQMAP_DATASET=str(tmp_path / "dataset")) as url,
          visitor(browser, url) as page):
        expect(page.get_by_text("dataset: 81 mentions in 5 documents")).to_be_visible()
        tips = on_map(page, MAP_TIPS)
        assert any(t.startswith("كركوك · Kirkuk") for t in tips)
        box = current(page).get_by_role("combobox", name="Place", exact=True)
        box.click()
        box.fill("Wadi al-Shay")
        page.keyboard.press("Enter")
        expect(page.locator("mark", has_text="وادي الشاي").first).to_be_visible()
        shoot(page, "dataset")


def test_a_password_shows_the_prompt_alone_until_given(browser, tmp_path):
    log = tmp_path / "streamlit.log"
    with serve(log, IRAQMAP_PASSWORD="open sesame") as url, visitor(browser, url) as page:
        password = page.get_by_label("Password", exact=True)
        expect(password).to_be_visible()
        shoot(page, "password")
        # The prompt alone: no uploader, no filters, no map (the rest never ran).
        assert page.locator("input[type=file]").count() == 0
        assert page.locator(MAP).count() == 0
        assert page.get_by_text("Governorate / region").count() == 0
        password.fill("open sesame!")
        password.press("Enter")
        expect(page.get_by_text("Wrong password.")).to_be_visible()
        password.fill("open sesame")
        page.get_by_role("button", name="Enter").click()
        expect(page.locator(MAP).last).to_be_visible()
        the_map(page)
        expect(page.get_by_text("Wrong password.")).to_have_count(0)
        expect(page.get_by_label("Password", exact=True)).to_have_count(0)
        expect(page.locator("input[type=file]")).to_have_count(1)
    # Secrets were looked for (there is no secrets file) without a word on the console.
    assert "secret" not in log.read_text().lower()


def test_an_upload_is_seen_by_its_visitor_only(browser, app_url, cp1256_article):
    with visitor(browser, app_url) as b, visitor(browser, app_url) as a:
        the_map(b)  # B is open before A uploads
        a.locator("input[type=file]").set_input_files(cp1256_article)
        expect(a.get_by_text("1 uploaded file: 1 file: 1 loaded")).to_be_visible()
        the_map(a, ready=f"({MAP_TIPS})().some(t => t.startsWith('تكريت'))")
        assert cp1256_article.name in a.content()
        # B reruns (a filter changed), then reloads: still the server's corpus.
        b.get_by_text("Show page furniture").click()
        expect(b.get_by_text("mentions of 22 places")).to_be_visible()
        _shows_the_seeds_only(b, cp1256_article.name)
        b.reload()
        _shows_the_seeds_only(b, cp1256_article.name)
        shoot(a, "upload-visitor-a")
        shoot(b, "upload-visitor-b")


def _shows_the_seeds_only(page: Page, file_name: str) -> None:
    """The seeds, and neither the uploaded file's name nor Tikrit anywhere on the page."""
    expect(page.get_by_text(re.compile(r"^seeds: 5 files"))).to_be_visible()
    tips = on_map(page, MAP_TIPS)
    assert any(t.startswith("كركوك") for t in tips)
    assert not any("تكريت" in t for t in tips)
    assert file_name not in page.content() and "تكريت" not in page.content()
    box = current(page).get_by_role("combobox", name="Place", exact=True)
    box.click()
    box.fill("تكريت")
    expect(page.get_by_role("option")).to_have_text(["No results"])
    box.fill("كركوك")
    expect(page.get_by_role("option").filter(has_text="Kirkuk").first).to_be_visible()
    page.keyboard.press("Escape")


IMG = '<img src=x onerror="window.__pwned=1;alert(1)">'
SCRIPT = "<script>window.__pwned=2;alert(2)</script>"


@pytest.fixture
def hostile_corpus(tmp_path) -> Path:
    """Articles as a hostile site would serve them: markup in titles, sources, text
    (around the names الموصل and الرمادي), a file name, and a ``javascript:`` URL."""
    folder = tmp_path / "hostile"
    folder.mkdir()
    record = {"title": f"عاجل {IMG}{SCRIPT}", "source": f"{IMG}{SCRIPT}",
              "url": "javascript:alert(3)", "date": "2025-03-01",
              "text": f"هاجم مسلحون نقطة أمنية في {IMG}كركوك{SCRIPT} صباح اليوم. وقالت "
                      f"مصادر إن الهجوم في الموصل{IMG}{SCRIPT} أسفر عن مقتل جنديين."}
    quoted = {**record, "title": "خبر آخر", "source": "",
              "url": 'https://example.com/" onmouseover="window.__pwned=5',
              "text": f"وفي الأنبار{SCRIPT} قالت الشرطة إن الوضع مستقر."}
    (folder / "hostile.jsonl").write_text(
        "\n".join(json.dumps(r, ensure_ascii=False) for r in (record, quoted)),
        encoding="utf-8")
    (folder / f"{IMG}.txt").write_text(
        f"بغداد - 2 آذار 2025\nانفجرت عبوة ناسفة في {SCRIPT}الرمادي{IMG} مساء أمس.\n",
        encoding="utf-8")
    return folder


# Whether any frame's script set window.__pwned, and the links that would run script.
PWNED = "() => typeof window.__pwned"
SCRIPT_LINKS = """() => [...document.querySelectorAll('[href]')].map(e => e.getAttribute('href'))
    .filter(h => h.replace(/[\\s\\x00-\\x1f]/g, '').toLowerCase().startsWith('javascript:'))"""


def test_markup_in_articles_is_shown_as_text_and_never_run(browser, hostile_corpus, tmp_path):
    with (serve(tmp_path / "streamlit.log", IRAQMAP_CORPUS=str(hostile_corpus)) as url,
          visitor(browser, url) as page):
        expect(page.get_by_text(re.compile(r"hostile: 2 files: 2 loaded"))).to_be_visible()
        the_map(page)
        page.get_by_text("Place mentions", exact=True).click()  # the articles report incidents
        choose_place(page, "Mosul")
        expect(page.get_by_text("1 excerpt, newest first")).to_be_visible()
        excerpt = current(page).locator("p[dir=rtl]", has_text="الموصل")
        # The sentence ends at the "." of "window.": a sentence to the library.
        expect(excerpt).to_contain_text("الموصل<img src=x onerror=")
        about = page.locator("div", has=excerpt).last
        expect(about).to_contain_text(f"عاجل {IMG}")  # the title (clipped), not a link
        current(page).get_by_role("button", name="Open the article").click()
        dialog = page.get_by_role("dialog")
        expect(dialog.locator("h3")).to_have_text(f"عاجل {IMG}{SCRIPT}")
        expect(dialog.frame_locator("iframe").locator("body")).to_contain_text(
            f"في {IMG}كركوك{SCRIPT} صباح")
        shoot(page, "hostile-article")
        page.keyboard.press("Escape")
        expect(dialog).to_have_count(0)
        # A title taken from a text's first line is shown as text.
        choose_place(page, "Ramadi")
        expect(current(page).locator("p[dir=rtl]", has_text="الرمادي")).to_contain_text(
            "alert(2)</script>الرمادي<img src=x onerror=")
        title = page.locator("span[dir=auto]", has_text=f"انفجرت عبوة ناسفة في {SCRIPT}")
        expect(title).to_be_visible()
        # The link with a quote in its URL stays one link to that URL.
        choose_place(page, "Anbar")
        link = page.get_by_role("link", name="خبر آخر")
        expect(link).to_have_attribute(
            "href", 'https://example.com/" onmouseover="window.__pwned=5')
        link.hover()
        # Sources are plain options; the load report opens.
        sources = page.get_by_role("combobox", name="Source", exact=True)
        sources.click()
        expect(page.get_by_role("option", name=f"{IMG}{SCRIPT}")).to_be_visible()
        page.keyboard.press("Escape")
        page.get_by_text(re.compile(r"hostile: 2 files")).click()
        expect(page.get_by_test_id("stDataFrame").first).to_be_visible()
        the_map(page)
        shoot(page, "hostile")
        assert page.dialogs == []
        for frame in page.frames:
            assert frame.evaluate(PWNED) == "undefined", frame.url
            assert frame.evaluate(SCRIPT_LINKS) == [], frame.url


# The basemap drawn: its shapes and its labels in the map's frame.
BASEMAP_DRAWN = ("document.querySelectorAll('.leaflet-basemap-pane path').length"
                 f" >= {len(basemap.STYLES)}"
                 " && document.querySelectorAll('.basemap-label').length > 10")
TILES_LOADED = ("document.querySelector('.leaflet-tile-loaded')"
                " && !document.querySelector('.leaflet-tile:not(.leaflet-tile-loaded)')")
TILE_PAINT = (255, 0, 255)  # a colour the page never draws


def near(*colours: str):
    """Whether a pixel is of one of these colours (#rrggbb), or nearly: the areas drawn
    over the basemap tint it a little."""
    paints = [tuple(int(c[i:i + 2], 16) for i in (1, 3, 5)) for c in colours]
    return lambda pixel: any(max(abs(a - b) for a, b in zip(pixel, paint, strict=True)) <= 12
                             for paint in paints)


def of_a_tile(pixel: tuple[int, int, int]) -> bool:
    """Magenta, however tinted: red and blue well above green."""
    red, green, blue = pixel
    return red - green > 60 and blue - green > 60


def share(page: Page, painted) -> float:
    """The share of the map's pixels (a screenshot of its frame) that ``painted``."""
    shot = Image.open(io.BytesIO(page.locator(MAP).last.screenshot())).convert("RGB")
    pixels = shot.get_flattened_data()
    return sum(map(painted, pixels)) / len(pixels)


def test_the_map_has_a_background_with_no_network(page):
    frame = the_map(page, ready=BASEMAP_DRAWN)
    # Land, Iraq and water are drawn, in panes under the tiles' (which stay empty).
    fills = frame.evaluate("""() => [...document.querySelectorAll('.leaflet-basemap-pane path')]
                                     .map(p => p.getAttribute('fill'))""")
    assert {basemap.LAND, basemap.IRAQ, basemap.WATER} <= set(fills)
    under = frame.evaluate("""() => ['basemap', 'basemapLabels'].map(name =>
        +getComputedStyle(window.map.getPane(name)).zIndex
        < +getComputedStyle(window.map.getPane('tilePane')).zIndex)""")
    assert under == [True, True]
    assert frame.locator(".leaflet-tile-loaded").count() == 0
    expect(frame.locator(".basemap-city span", has_text="Baghdad")).to_be_visible()
    shoot(page, "basemap-offline")
    land_and_water = near(basemap.LAND, basemap.IRAQ, basemap.WATER)
    assert share(page, land_and_water) > 0.4 and share(page, of_a_tile) == 0
    assert page.outside == []  # the basemap came from the app


def test_tiles_that_load_cover_the_basemap(browser, app_url):
    png = io.BytesIO()
    Image.new("RGB", (256, 256), TILE_PAINT).save(png, format="PNG")
    with visitor(browser, app_url, tile=png.getvalue()) as page:
        the_map(page, ready=f"{BASEMAP_DRAWN} && {TILES_LOADED}")
        shoot(page, "basemap-under-tiles")
        assert share(page, of_a_tile) > 0.8
        # The land and water around Iraq are out of sight (Iraq's near-white is also
        # the colour of the map's buttons).
        assert share(page, near(basemap.LAND, basemap.WATER)) < 0.01
        assert page.outside == []


def click_marker(page: Page, name: str, tap: bool = False) -> None:
    """Click (or ``tap``, on a touch screen) the marker whose tooltip names ``name``,
    once its tooltip shows there."""
    for _ in range(10):
        frame = the_map(page)
        point = frame.evaluate("""name => {
            let at = null;
            window.map.eachLayer(l => l.feature && l.getLatLng
                && l.feature.properties.tip.includes(name) && (at = l.getLatLng()));
            return window.map.latLngToContainerPoint(at);
        }""", name)
        box = page.locator(MAP).last.bounding_box()
        x, y = box["x"] + point["x"], box["y"] + point["y"]
        if tap:
            break  # no pointer to hover with
        page.mouse.move(x, y)
        page.wait_for_timeout(300)
        if name in frame.evaluate("() => [...document.querySelectorAll('.leaflet-tooltip')]"
                                  ".map(t => t.textContent).join(' ')"):
            break
    if tap:
        page.touchscreen.tap(x, y)
    else:
        page.mouse.click(x, y)


def test_a_click_on_an_incident_opens_its_reports(browser, tmp_path):
    corpus = ROOT / "tests" / "data" / "incidents.jsonl"
    with (serve(tmp_path / "streamlit.log", IRAQMAP_CORPUS=str(corpus)) as url,
          visitor(browser, url) as page):
        expect(page.get_by_text("3 incidents in view, newest first")).to_be_visible()
        tips = on_map(page, MAP_TIPS)
        assert any(t.startswith("الطارمية · Tarmiyah") and "2 incidents" in t for t in tips)
        shoot(page, "incidents")
        click_marker(page, "Tarmiyah")
        # (the last: while a rerun replaces the list, the page briefly holds the old one too)
        expect(page.get_by_text("2 incidents here, newest first").last).to_be_visible()
        expect(page.get_by_text("5–6 killed").last).to_be_visible()  # two outlets disagree
        clause = page.locator("mark", has_text="مقتل ستة أشخاص بتفجير سيارة مفخخة")
        expect(clause).to_be_visible()
        assert clause.evaluate("m => m.closest('[dir]').getAttribute('dir')") == "rtl"
        expect(page).to_have_url(re.compile("place="))
        shoot(page, "incident-reports")


def test_the_feed_shows_before_any_place_is_chosen(page):
    the_map(page)
    expect(page.get_by_text(re.compile(r"^\d+ excerpts naming the places in view, newest first"))
           ).to_be_visible()
    expect(page.locator("mark").first).to_be_visible()
    shoot(page, "feed")


def test_the_chosen_place_and_the_map_view_survive_in_another_browser(page, browser):
    click_marker(page, "Baghdad")
    expect(page).to_have_url(re.compile("place=wof%3A421178393"))
    on_map(page, "() => { window.map.setView([35.3, 44.2], 9); return true; }")
    expect(page).to_have_url(re.compile(r"at=35\.3000%2C44\.2000%2C9"))
    with visitor(browser, page.url) as again:
        expect(current(again).get_by_role("combobox", name="Place", exact=True)).to_have_value(
            "بغداد · Baghdad (capital) (3)")
        centre = on_map(again, "() => window.map.getCenter()", ready="window.map.getZoom() === 9")
        assert abs(centre["lat"] - 35.3) < 0.01 and abs(centre["lng"] - 44.2) < 0.01
        shoot(again, "restored-view")


def test_the_arabic_interface_runs_right_to_left(page):
    the_map(page)
    page.get_by_test_id("stSidebar").get_by_text("العربية", exact=True).click()
    expect(page.get_by_role("heading", name="خريطة الأمن في العراق")).to_be_visible()
    expect(page.locator("html")).to_have_attribute("dir", "rtl")
    sidebar = page.get_by_test_id("stSidebar")
    for label in ("المرشحات", "التواريخ", "نوع المكان", "كلمات في النص"):
        expect(sidebar.get_by_text(label, exact=True)).to_be_visible()
    words = page.get_by_role("textbox", name="كلمات في النص")
    words.fill("هجوم")
    assert words.evaluate("e => getComputedStyle(e).unicodeBidi") == "plaintext"
    expect(page).to_have_url(re.compile("lang=ar"))
    shoot(page, "arabic")
    page.get_by_test_id("stSidebar").get_by_text("English", exact=True).click()
    expect(page.locator("html")).to_have_attribute("dir", "ltr")


def test_on_a_phone_a_tapped_marker_brings_its_excerpts_into_view(browser, app_url):
    with visitor(browser, app_url, viewport={"width": 390, "height": 844}, is_mobile=True,
                 has_touch=True) as phone:
        on_map(phone, "() => { window.map.setView([33.34, 44.33], 9); return true; }")
        phone.locator(MAP).last.scroll_into_view_if_needed()
        click_marker(phone, "Baghdad", tap=True)
        expect(phone.locator("mark", has_text="بغداد").first).to_be_in_viewport()
        width = phone.evaluate("() => document.documentElement.scrollWidth")
        assert width <= 390  # nothing to scroll sideways
        shoot(phone, "phone")
