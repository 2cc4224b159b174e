"""The dashboard script run headless by Streamlit's AppTest, on the real seeds."""

from __future__ import annotations

import json
import logging
import random
import re
import shutil
import sys
import time
from datetime import date
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from dashboard import access, state
from gazetteer.corpus import ingest

APP = str(Path(__file__).parent.parent / "dashboard" / "app.py")
SEEDS = Path(__file__).parent.parent / "seeds"
YEAR_2025 = (date(2025, 1, 1), date(2025, 12, 31))


def places(at: AppTest) -> str:
    """Every place the place list offers, as one string of labels."""
    return " | ".join(at.selectbox(key=state.PLACE).options)


def html(at: AppTest) -> str:
    return "\n".join(h.proto.body for h in at.html)


def test_app_opens_on_the_seeds(app):
    assert "seeds" in app.expander[0].label and "5 loaded" in app.expander[0].label
    assert app.title[0].value == "Iraq security map"
    assert "in 5 articles" in app.caption[0].value
    # The seeds' publication dates (2019-02 to 2025-11-26) and the news they date: from
    # 2018-12-26 ("26 December last", seed 004) to 2026-01 ("next January", seed 001);
    # "since the year 2014" (seeds 000, 001, 002) is history, and moves no range.
    assert app.slider(key=state.DATES).value == (date(2018, 12, 26), date(2026, 1, 31))
    assert "Kirkuk" in places(app) and "Wadi al-Shay" in places(app)
    # The uploader and every filter are in the sidebar, labelled in English.
    labels = [w.label for w in app.sidebar.children.values() if hasattr(w, "label")]
    assert {"Upload articles", "Dates", "Governorate / region", "Kind of place", "Source",
            "Words in the text", "Least precise location shown", "Show page furniture",
            "Include historical references"} <= set(labels)


def test_page_furniture_is_hidden_until_asked_for(app):
    # Wadi Zghaytun is named only in a "read also" block of seed 002.
    assert "Wadi Zghaytun" not in places(app)
    app.checkbox(key=state.FURNITURE).check().run()
    assert "Wadi Zghaytun" in places(app)


def test_dates_narrowed_to_2025_drop_the_earlier_places(app):
    app.checkbox(key=state.FURNITURE).check().run()
    assert {"Hawija", "Baghdad", "Erbil", "Wadi Zghaytun"} <= set(_names(app))
    app.slider(key=state.DATES).set_value(YEAR_2025).run()
    assert not app.exception
    named = _names(app)
    # Hawija (2019-02), Baghdad (2017-2024), Erbil (2019-2024), Wadi Zghaytun (2024-11-22)
    assert not {"Hawija", "Baghdad", "Erbil", "Wadi Zghaytun"} & set(named)
    # Hamrin is named in seed 004 (2019) but also in seed 001 (2025-11-26).
    assert {"Kirkuk", "Wadi al-Shay", "Hamrin Mountains"} <= set(named)


def test_a_links_dates_the_wrong_way_round_are_read_in_order_and_said():
    at = AppTest.from_file(APP, default_timeout=60)
    at.query_params[state.DATES] = ["2026-01-31", "2025-01-01"]
    at.run()
    assert not at.exception
    assert ("The link's dates were the wrong way round: read as from 2025-01-01 to "
            "2026-01-31.") in [c.value for c in at.sidebar.caption]
    assert {"Kirkuk", "Wadi al-Shay"} <= set(_names(at))  # not "0 mentions"


def test_the_date_input_moves_the_slider(app):
    typed = next(d for d in app.date_input if d.key.startswith(state.TYPED_DATES))
    typed.set_value(YEAR_2025).run()
    assert app.slider(key=state.DATES).value == YEAR_2025


def test_kirkuk_governorate_keeps_its_places_and_drops_erbil(app):
    app.checkbox(key=state.FURNITURE).check()
    app.multiselect(key=state.REGIONS).select("Kirkuk").run()
    named = _names(app)
    assert {"Kirkuk", "Wadi al-Shay", "Wadi Zghaytun"} <= set(named)
    assert "Erbil" not in named and "Iraq" not in named


def test_kind_precision_and_words_narrow_the_places(app):
    app.multiselect(key=state.KINDS).select("Terrain").run()
    assert set(_names(app)) == {"Anbar desert / Western desert", "Hamrin Mountains",
                                "Wadi al-Shay"}
    app.multiselect(key=state.KINDS).unselect("Terrain")
    app.select_slider(key=state.PRECISION).set_value("governorate").run()
    assert "Iraq" not in _names(app) and "Kirkuk" in _names(app)
    # Written with hamza below, where the seeds write اربيل and أربيل; one sentence of
    # seed 002 names Erbil and Baghdad together.
    app.text_input(key=state.WORDS).input("إربيل").run()
    assert set(_names(app)) == {"Erbil", "Baghdad"}


def villages(n: int, seed: int = 3) -> str:
    """A text naming ``n`` villages the gazetteer lacks, each once, around Kirkuk."""
    rng = random.Random(seed)
    letters = "بتثجحخدذرزسشصضطظعغفقلمنهي"
    names = {"".join(rng.choice(letters) for _ in range(7)) for _ in range(n)}
    return "اشتباك قرب كركوك. " + " و".join(f"قرية {name}" for name in sorted(names))


def test_a_page_of_village_names_lists_the_most_mentioned_places_only(app):
    upload = ("villages.txt", villages(1_500).encode(), "text/plain")
    app.file_uploader(key=state.UPLOADS).set_value(upload).run()
    assert not app.exception
    every = int(re.search(r"of ([\d,]+) places", app.caption[0].value)[1].replace(",", ""))
    assert every > 1_400
    assert len(app.selectbox(key=state.PLACE).options) == len(app.dataframe[1].value) == 1_000
    assert (f"The list and this table hold the 1,000 most mentioned of the {every:,} places; "
            "the exports hold them all.") in [c.value for c in app.caption]


def test_the_words_not_searched_are_named(app):
    app.text_input(key=state.WORDS).input(" ".join(["كركوك"] * 3 + list("بتثجحخدذرزس"))).run()
    assert "Not searched: 2 words after the first 10." in [c.value for c in app.sidebar.caption]


def test_a_selected_place_lists_its_excerpts_with_the_name_marked(app):
    app.selectbox(key=state.PLACE).set_value("terrain:wadi_al_shay").run()
    body = html(app)
    assert '<mark>وادي الشاي</mark>' in body
    assert 'dir="rtl"' in body and "2025-11-26" in body
    assert app.query_params[state.PLACE] == "terrain:wadi_al_shay"


def test_excerpts_come_newest_first(app):
    app.selectbox(key=state.PLACE).set_value("ocha:IQG11").run()  # Erbil
    body = html(app)
    where = [body.index(f"<b>{d}</b>") for d in ("2024-02-08", "2020-09-27", "2019-02-04")]
    assert where == sorted(where)


def test_opening_the_article_marks_every_place_it_names(app):
    app.selectbox(key=state.PLACE).set_value("terrain:hawija").run()
    app.button(key=next(b.key for b in app.button if b.key.startswith(state.ARTICLE))).click()
    app.run()
    article = app.get("iframe")[-1].proto.srcdoc  # the text, in a frame that scrolls
    assert article.count("<mark") == 6  # seed 004 names six places, comments included
    assert '<mark title="الحويجة · Hawija" id="chosen">' in article  # opened there, yellow
    assert 'dir="rtl"' in article and "scrollIntoView" in article


def test_the_article_stays_open_through_a_rerun(app):
    """A rerun the reader did not start in the dialog (the map reporting its view) keeps
    the article open (Escape closes it: tests/test_browser.py)."""
    app.selectbox(key=state.PLACE).set_value("terrain:hawija").run()
    app.button(key=next(b.key for b in app.button if b.key.startswith(state.ARTICLE))).click()
    app.run()
    app.run()  # a rerun from elsewhere
    assert any("id=\"chosen\"" in f.proto.srcdoc for f in app.get("iframe"))
    assert app.session_state[state.OPEN_ARTICLE][0] is not None


def test_query_parameters_restore_the_view():
    at = AppTest.from_file(APP, default_timeout=60)
    at.query_params.update({
        state.DATES: ["2025-01-01", "2025-12-31"], state.REGIONS: "Kirkuk",
        state.FURNITURE: "true", state.WORDS: "داعش", state.PLACE: "terrain:wadi_al_shay",
    })
    at.run()
    assert not at.exception
    assert at.slider(key=state.DATES).value == YEAR_2025
    assert at.multiselect(key=state.REGIONS).value == ["Kirkuk"]
    assert at.checkbox(key=state.FURNITURE).value
    assert at.text_input(key=state.WORDS).value == "داعش"
    assert at.selectbox(key=state.PLACE).value == "terrain:wadi_al_shay"
    assert "<mark>وادي الشاي</mark>" in html(at)


def test_an_uploaded_cp1256_file_replaces_the_corpus(app, cp1256_article):
    upload = (cp1256_article.name, cp1256_article.read_bytes(), "text/plain")
    app.file_uploader(key=state.UPLOADS).set_value(upload).run()
    assert not app.exception
    assert app.expander[0].label.startswith("1 uploaded file: 1 file: 1 loaded")
    assert "تكريت" in places(app) and "Kirkuk" not in places(app)
    app.selectbox(key=state.PLACE).set_value("wof:421190741").run()  # Tikrit
    assert "<mark>تكريت</mark>" in html(app)
    # Removing the upload brings the server's corpus back.
    app.file_uploader(key=state.UPLOADS).set_value(None).run()
    assert "Kirkuk" in places(app)


def test_an_upload_stays_in_its_own_session(app, cp1256_article):
    other = AppTest.from_file(APP, default_timeout=60).run()  # another visitor, open meanwhile
    upload = (cp1256_article.name, cp1256_article.read_bytes(), "text/plain")
    app.file_uploader(key=state.UPLOADS).set_value(upload).run()
    assert "تكريت" in places(app)
    other.run()
    assert not other.exception
    assert "seeds" in other.expander[0].label and "uploaded" not in other.expander[0].label
    assert "تكريت" not in places(other) and "Kirkuk" in places(other)
    assert state.UPLOADED not in other.session_state
    assert cp1256_article.name not in repr(other.session_state.to_dict())
    assert cp1256_article.name not in other.dataframe[0].value.to_string()


def test_an_undated_upload_has_no_date_filter(app, unlisted_article):
    upload = (unlisted_article.name, unlisted_article.read_bytes(), "text/plain")
    app.file_uploader(key=state.UPLOADS).set_value(upload).run()
    assert not app.exception and not app.slider
    assert "قرية الكنعوص" in places(app)  # listed, put at the article's focus


def test_the_exports_are_offered(app):
    labels = {b.proto.label for b in app.get("download_button")}
    assert labels == {f"Download {what} ({kind})" for what in ("mentions", "incidents")
                      for kind in ("CSV", "GeoJSON")}  # the seeds report incidents


def _names(at: AppTest) -> list[str]:
    """English names of the places in the place table."""
    return list(at.dataframe[-1].value["name_en"])


def test_a_dataset_given_by_environment_and_excerpts_by_page(tmp_path, monkeypatch):
    ingest(SEEDS, tmp_path / "dataset", workers=1)
    for part in list((tmp_path / "dataset" / "mentions").glob("*.parquet")):
        for copy in ("a", "b"):  # the same rows thrice: the same 47 excerpts in the body
            shutil.copy(part, part.with_stem(part.stem + copy))
    monkeypatch.setenv("IRAQMAP_DATASET", str(tmp_path / "dataset"))
    at = AppTest.from_file(APP, default_timeout=60).run()
    assert at.expander[0].label.endswith("dataset: 243 mentions in 5 documents")
    at.checkbox(key=state.HISTORY).check().run()  # the history of the seeds too
    # Before any place is chosen, the feed: every excerpt in view, newest first.
    assert "47 excerpts naming the places in view, newest first" in [c.value for c in at.caption]
    pager = at.number_input[0]
    assert (pager.min, pager.max) == (1, 3) and html(at).count("<mark>") == 20
    pager.set_value(3).run()
    assert html(at).count("<mark>") == 7
    assert at.query_params[state.LIST_PAGE] == "3"  # a link to this page
    again = AppTest.from_file(APP, default_timeout=60)
    again.query_params.update({state.HISTORY: "true", state.LIST_PAGE: "2"})
    again.run()
    assert again.number_input[0].value == 2 and html(again).count("<mark>") == 20
    at.selectbox(key=state.PLACE).set_value("country:IQ").run()
    assert "15 excerpts, newest first" in [c.value for c in at.caption]
    assert state.LIST_PAGE not in at.query_params  # one page: none to name
    assert at.button(key=next(b.key for b in at.button if b.key.startswith(state.ARTICLE)))


def test_a_corpus_given_on_the_command_line(monkeypatch, cp1256_article):
    # streamlit run dashboard/app.py -- --corpus DIR
    monkeypatch.setattr(sys, "argv", ["dashboard/app.py", "--corpus",
                                      str(cp1256_article.parent)])
    at = AppTest.from_file(APP, default_timeout=60).run()
    assert "1 loaded" in at.expander[0].label
    assert "تكريت" in places(at) and "Kirkuk" not in places(at)


PASSWORD = "كلمة سر 7"  # not ASCII: compared as bytes


def _password_env(monkeypatch) -> AppTest:
    monkeypatch.setenv("IRAQMAP_PASSWORD", PASSWORD)
    return AppTest.from_file(APP, default_timeout=60)


def _password_secret(monkeypatch) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=60)
    at.secrets["IRAQMAP_PASSWORD"] = PASSWORD
    return at


@pytest.mark.parametrize("closed_app", [_password_env, _password_secret],
                         ids=["environment variable", "secret"])
def test_a_password_keeps_everything_behind_its_prompt(closed_app, monkeypatch, guesses):
    at = closed_app(monkeypatch).run()
    assert not at.exception
    # Only the prompt: no load report, no uploader, no filters, no map, no place list.
    assert [w.label for w in at.text_input] == ["Password"]
    assert not at.expander and not at.dataframe and not at.get("file_uploader")
    # The sidebar holds the language switch only.
    assert [w.key for w in at.sidebar.children.values() if hasattr(w, "label")] == [
        state.LANGUAGE]
    assert not at.get("component_instance") and not at.selectbox and not at.caption
    at.text_input[0].input("كلمة سر").run()  # typed, not entered: still closed
    assert not at.expander
    at.text_input[0].input(PASSWORD[:-1] + "8")
    at.button[0].click().run()
    assert [e.value for e in at.error] == ["Wrong password."] and not at.expander
    at.text_input[0].input(PASSWORD)
    at.button[0].click().run()
    assert not at.exception and not at.error
    assert "Password" not in [w.label for w in at.text_input]
    assert "seeds" in at.expander[0].label
    assert [c.proto.component_name for c in at.get("component_instance")] == [
        "streamlit_folium.st_folium"]
    assert "Kirkuk" in places(at)
    # The session remembers that it is in, and not the password.
    assert at.session_state[state.SIGNED_IN] is True
    assert PASSWORD not in repr(at.session_state.to_dict())
    at.selectbox(key=state.PLACE).set_value("terrain:wadi_al_shay").run()
    assert "<mark>وادي الشاي</mark>" in html(at)


@pytest.fixture
def guesses():
    """The server's record of wrong passwords, empty (it is the process's)."""
    access.guesses.clear()
    yield access.guesses
    access.guesses.clear()


def _enter(at: AppTest, password: str) -> AppTest:
    at.text_input[0].input(password)
    return at.button[0].click().run()


def test_wrong_passwords_make_the_next_attempts_wait_and_are_logged(monkeypatch, caplog,
                                                                     guesses):
    at = _password_env(monkeypatch).run()
    with caplog.at_level(logging.WARNING, logger="dashboard.access"):
        for _ in range(access.FREE):
            assert [e.value for e in _enter(at, "guess").error] == ["Wrong password."]
        _enter(at, PASSWORD)  # too soon: not even read
        assert at.error[0].value.startswith("Too many wrong passwords: try again in ")
        assert not at.expander
    logged = [r.getMessage() for r in caplog.records if r.name == "dashboard.access"]
    assert [m.split(" (")[0] for m in logged] == ["wrong password"] * 3 + [
        "password attempt refused: too soon after wrong ones"]
    assert logged[2].endswith(": 3 in the last 15 minutes")
    time.sleep(guesses.wait() + 0.1)
    assert "seeds" in _enter(at, PASSWORD).expander[0].label


def test_a_forged_widget_state_neither_signs_in_nor_breaks_the_session(monkeypatch, guesses):
    """A client may send any widget state: one named as the page's own key (``signed_in``,
    True) made every later run of its session raise KeyError."""
    at = _password_env(monkeypatch).run()
    widgets = at._tree.get_widget_states()
    for name in (state.SIGNED_IN, "anything"):
        forged = widgets.widgets.add()
        forged.id, forged.bool_value = name, True
    at._run(widgets)
    assert not at.exception and [w.label for w in at.text_input] == ["Password"]
    assert not at.run().exception
    assert "seeds" in _enter(at, PASSWORD).expander[0].label


def test_no_password_no_prompt_and_nothing_said_about_secrets(app):
    assert "Password" not in [w.label for w in app.text_input]
    assert not app.error and not app.warning and not app.exception


def test_the_host_limits_reach_the_uploader_and_the_load_report(monkeypatch, cp1256_article,
                                                                 unlisted_article):
    monkeypatch.setenv("IRAQMAP_MAX_FILES", "1")
    monkeypatch.setenv("IRAQMAP_MAX_UPLOAD_MB", "3")
    monkeypatch.setenv("IRAQMAP_MAX_TEXT_CHARS", "60")
    at = AppTest.from_file(APP, default_timeout=60).run()
    uploader = at.get("file_uploader")[0]
    assert uploader.proto.max_upload_size_mb == 3  # the browser refuses larger files
    assert "up to 1 file of 3 MB each" in uploader.help and "after 60 characters" in uploader.help
    uploads = [(f.name, f.read_bytes(), "text/plain") for f in (cp1256_article, unlisted_article)]
    at.file_uploader(key=state.UPLOADS).set_value(uploads).run()
    assert not at.exception
    assert at.expander[0].label == (
        "2 uploaded files: 2 files: 1 loaded (1 document), 1 rejected")
    report = at.dataframe[0].value.set_index("path")
    assert report.at["unlisted.txt", "status"] == "rejected"
    assert report.at["unlisted.txt", "reason"] == "over the limit of 1 file per load"
    assert report.at["tikrit.txt", "status"] == "loaded"
    assert report.at["tikrit.txt", "problems"].startswith("text cut to its first")
    # Cut after 60 characters: Tikrit (character 110) is gone, Ramadi (the first word) stays.
    assert "الرمادي" in places(at) and "تكريت" not in places(at)


def test_the_library_rejects_a_file_over_the_hosts_size(monkeypatch):
    monkeypatch.setenv("IRAQMAP_MAX_UPLOAD_MB", "1")
    at = AppTest.from_file(APP, default_timeout=60).run()
    big = ("big.txt", ("بغداد " * 200_000).encode(), "text/plain")  # 2.2 MB
    at.file_uploader(key=state.UPLOADS).set_value(big).run()
    report = at.dataframe[0].value
    assert report["reason"].tolist() == ["over the size limit: 2.2 MB, the limit is 1 MB"]


@pytest.mark.parametrize("setting", ["IRAQMAP_MAX_UPLOAD_MB", "IRAQMAP_MAX_FILES",
                                     "IRAQMAP_MAX_TEXT_CHARS"])
@pytest.mark.parametrize("value", ["0", "-3", "ten", "2.5"])
def test_a_bad_limit_is_named_and_nothing_loads(monkeypatch, setting, value):
    monkeypatch.setenv(setting, value)
    at = AppTest.from_file(APP, default_timeout=60).run()
    assert not at.exception
    assert [e.value for e in at.error] == [
        f"The host setting {setting} must be a positive whole number, not {value!r}."]
    assert not at.expander and not at.get("file_uploader")


TILES = "https://tiles.example.org/{z}/{x}/{y}.png"


@pytest.mark.parametrize(("settings", "error"), [
    ({"IRAQMAP_TILES": "tiles.example.org"},
     "The host setting IRAQMAP_TILES must be a URL template with {z}, {x} and {y} "
     "(https://tiles.example.org/{z}/{x}/{y}.png) or none, not 'tiles.example.org'."),
    ({"IRAQMAP_TILES": "https://tiles.example.org/tile.png"},
     "The host setting IRAQMAP_TILES must be a URL template with {z}, {x} and {y} "
     "(https://tiles.example.org/{z}/{x}/{y}.png) or none, "
     "not 'https://tiles.example.org/tile.png'."),
    ({"IRAQMAP_TILES": TILES},
     f"The host setting IRAQMAP_TILES_ATTRIBUTION must be the credit of the tiles of {TILES}, "
     "and it is not set."),
], ids=["no URL", "no tile place", "no credit"])
def test_a_bad_tile_server_is_named(monkeypatch, settings, error):
    for name, value in settings.items():
        monkeypatch.setenv(name, value)
    at = AppTest.from_file(APP, default_timeout=60).run()
    assert not at.exception
    assert [e.value for e in at.error] == [error]


def map_script(at: AppTest) -> str:
    """The script streamlit-folium runs in the map's frame."""
    return json.loads(at.get("component_instance")[0].proto.json_args)["script"]


@pytest.mark.parametrize(("tiles", "drawn"), [
    (None, "https://tile.openstreetmap.org/{z}/{x}/{y}.png"),
    ("none", None), ("NONE", None),
    ("/tiles/{z}/{x}/{y}.png", "/tiles/{z}/{x}/{y}.png"),  # served beside the app
])
def test_the_map_draws_the_hosts_tiles_over_its_own_background(monkeypatch, tiles, drawn):
    if tiles:
        monkeypatch.setenv("IRAQMAP_TILES", tiles)
    monkeypatch.setenv("IRAQMAP_TILES_ATTRIBUTION", "Our own tiles")
    at = AppTest.from_file(APP, default_timeout=60).run()
    assert not at.exception and not at.error
    script = map_script(at)
    assert "/app/static/basemap.json" in script
    assert re.findall(r'L\.tileLayer\(\s*"([^"]+)"', script) == ([drawn] if drawn else [])


def test_a_limit_set_as_a_secret_wins_over_the_environment(monkeypatch):
    monkeypatch.setenv("IRAQMAP_MAX_UPLOAD_MB", "7")
    at = AppTest.from_file(APP, default_timeout=60)
    at.secrets["IRAQMAP_MAX_UPLOAD_MB"] = 5  # a TOML number
    at.run()
    assert at.get("file_uploader")[0].proto.max_upload_size_mb == 5


def test_a_link_names_the_values_it_could_not_use():
    at = AppTest.from_file(APP, default_timeout=60)
    at.query_params.update({"gov": ["Kirkuk", "Atlantis"], "place": "nowhere:x",
                            "at": "95,44,7", "furniture": "true", "page": "99"})
    at.run()
    assert not at.exception
    assert any("could not use" in w.value for w in at.warning)
    assert at.text[0].value == "gov=Atlantis, place=nowhere:x, at=95,44,7, page=99"
    assert at.multiselect(key=state.REGIONS).value == ["Kirkuk"]  # the rest is kept
    assert at.checkbox(key=state.FURNITURE).value
    at.run()  # said once, when the link opens
    assert not any("could not use" in w.value for w in at.warning)


def test_a_link_made_on_uploads_says_they_are_not_part_of_it():
    at = AppTest.from_file(APP, default_timeout=60)
    at.query_params["src"] = "upload"
    at.run()
    assert any("uploaded in another session" in i.value for i in at.info)
    assert "Kirkuk" in places(at)  # the server's corpus


def test_an_empty_view_names_the_filters_that_emptied_it(app):
    app.text_input(key=state.WORDS).input("لاشيءهنا").run()
    warning = next(w.value for w in app.warning if "Nothing matches" in w.value)
    assert "Words in the text" in warning and "Governorate" not in warning
    app.button[0].click().run()
    assert app.text_input(key=state.WORDS).value == "" and "Kirkuk" in places(app)
    # a link's filter too: cleared, not read back from the URL
    app.query_params[state.REGIONS] = "Al-Muthanna"
    app.session_state[state.REGIONS] = ["Al-Muthanna"]
    app.run()
    app.button[0].click().run()
    assert app.multiselect(key=state.REGIONS).value == [] and "Kirkuk" in places(app)
    assert state.REGIONS not in app.query_params
