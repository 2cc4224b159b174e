"""Dates: the written forms, their spans, relative resolution, publication and event dates."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from gazetteer.dates import date_at, find_dates, publication_date
from gazetteer.datescan import tables
from gazetteer.normalize import fold

ROOT = Path(__file__).parent.parent
SEEDS = ROOT / "seeds"
GOLD = Path(__file__).parent / "data" / "seeds.gold.jsonl"
ARABIC = re.compile(r"[\u0600-\u06FF]")


@pytest.fixture(scope="module")
def seed_texts() -> dict[str, str]:
    """The seed articles as the files hold them, by file name."""
    return {p.name: p.read_text(encoding="utf-8") for p in sorted(SEEDS.glob("*.txt"))}


def only_date(text: str, anchor: str | None = None):
    """The one date of ``text``, after checking that its span is its text."""
    dates = find_dates(text, anchor)
    assert len(dates) == 1, dates
    d = dates[0]
    assert text[d.start : d.end] == d.text
    return d


P = pytest.param

# (text, the date expression within it, value, precision), no anchor needed.
WRITTEN = [
    P("صرح اليوم (24 أيلول 2025)، لشبكة", "24 أيلول 2025", "2025-09-24", "day",
      id="levantine-day-month-year-in-brackets"),
    P("يوم الأحد، (27 أيلول 2020)، استمرارها", "27 أيلول 2020", "2020-09-27", "day",
      id="levantine-after-weekday-and-bracket"),
    P("الأربعاء (26 تشرين الثاني 2025) أنه", "26 تشرين الثاني 2025", "2025-11-26", "day",
      id="levantine-two-word-month"),
    P("في 5 تشرين اول 2019 خرج", "5 تشرين اول 2019", "2019-10-05", "day",
      id="levantine-variant-without-article"),
    P("في 15 آب 2020 وصل", "15 آب 2020", "2020-08-15", "day", id="levantine-august-madda"),
    P("منذ 3 اذار 2021", "3 اذار 2021", "2021-03-03", "day", id="levantine-march-bare-alef"),
    P("آخر تحديث: 8 فبراير 2024 - 11:09", "8 فبراير 2024", "2024-02-08", "day",
      id="egyptian-day-month-year"),
    P("في 1 إبريل 2022", "1 إبريل 2022", "2022-04-01", "day", id="egyptian-april-hamza-below"),
    P("في 1 ابريل 2022", "1 ابريل 2022", "2022-04-01", "day", id="egyptian-april-bare-alef"),
    P("في 9 يوليه 2015", "9 يوليه 2015", "2015-07-09", "day", id="egyptian-july-variant"),
    P("في 14 أغسطس 2014", "14 أغسطس 2014", "2014-08-14", "day", id="egyptian-august"),
    P("في 4 شباط/ فبراير 2019 في", "4 شباط/ فبراير 2019", "2019-02-04", "day",
      id="dual-names-slash-space"),
    P("في 4 شباط (فبراير) 2019 في", "4 شباط (فبراير) 2019", "2019-02-04", "day",
      id="dual-names-brackets"),
    P("في كانون الأول/ديسمبر 2018 عقد", "كانون الأول/ديسمبر 2018", "2018-12", "month",
      id="dual-names-month-year"),
    P("في ٢٦ تشرين الثاني ٢٠٢٥ قال", "٢٦ تشرين الثاني ٢٠٢٥", "2025-11-26", "day",
      id="arabic-indic-digits"),
    P("في ۲۶ تشرين الثاني ۲۰۲۵ قال", "۲۶ تشرين الثاني ۲۰۲۵", "2025-11-26", "day",
      id="persian-digits"),
    P("مالك محمد\n26-11-2025\nالكلمات", "26-11-2025", "2025-11-26", "day", id="numeric-dmy-dash"),
    P("وقع في 24/9/2025 مساء", "24/9/2025", "2025-09-24", "day", id="numeric-dmy-slash"),
    P("وقع في 24.9.2025 مساء", "24.9.2025", "2025-09-24", "day", id="numeric-dmy-dot"),
    P("وقع في 9/24/2025 مساء", "9/24/2025", "2025-09-24", "day", id="numeric-month-first"),
    P("وقع في 2025-09-24 مساء", "2025-09-24", "2025-09-24", "day", id="numeric-iso"),
    P("وقع في 2025/09/24 مساء", "2025/09/24", "2025-09-24", "day", id="numeric-ymd-slash"),
    P("وقع في ٢٠٢٥/٠٩/٢٤ مساء", "٢٠٢٥/٠٩/٢٤", "2025-09-24", "day",
      id="numeric-arabic-indic"),
    P(" date 2025-09-24 العمليات المشتركة", "2025-09-24", "2025-09-24", "day",
      id="header-date-line"),
    P("• Friday, 13 February 2026\nlogo", "Friday, 13 February 2026", "2026-02-13", "day",
      id="english-weekday-day-month-year"),
    P("posted 13 Feb 2026 by", "13 Feb 2026", "2026-02-13", "day", id="english-abbreviation"),
    P("on February 13, 2026 the", "February 13, 2026", "2026-02-13", "day",
      id="english-month-first"),
    P("on Fri, 13 Feb 2026 the", "Fri, 13 Feb 2026", "2026-02-13", "day",
      id="english-abbreviated-weekday"),
    P("هزم التنظيم في شباط 2019 أمام", "شباط 2019", "2019-02", "month", id="month-year"),
    P("في أيار/مايو 2021 بدأ", "أيار/مايو 2021", "2021-05", "month", id="dual-month-year"),
    P("منذ يونيو/حزيران 2014. وتقود", "يونيو/حزيران 2014", "2014-06", "month",
      id="dual-egyptian-first"),
    P("اليوم الخميس الموافق ٢١ ايار ٢٠٢٦ وذلك", "الخميس الموافق ٢١ ايار ٢٠٢٦", "2026-05-21",
      "day", id="weekday-that-is-date"),
    P("في شهر حزيران من عام 2014 اجتاح", "شهر حزيران من عام 2014", "2014-06", "month",
      id="month-of-year"),
    P("في العراق منذ سنة 2014 بناء", "سنة 2014", "2014", "year", id="year-sana"),
    P("منذ عام 2014 بناءً على", "عام 2014", "2014", "year", id="year-aam"),
    P("في العام 2017 دحر", "العام 2017", "2017", "year", id="year-al-aam"),
    P("في أواخر العام 2017 دحر", "أواخر العام 2017", "2017", "year", id="year-with-edge"),
    P("عقدت في نهاية عام 2018، بما", "نهاية عام 2018", "2018", "year", id="end-of-year"),
    P("اجتاحها التنظيم صيف 2014، إلا", "صيف 2014", "2014", "year", id="season-year"),
    P("في عام 2018م أعلن", "عام 2018م", "2018", "year", id="year-with-era-suffix"),
]


@pytest.mark.parametrize(("text", "expression", "value", "precision"), WRITTEN)
def test_written_dates(text, expression, value, precision):
    d = only_date(text)
    assert (d.text, d.value, d.precision, d.relative) == (expression, value, precision, False)


# (text, anchor, the date expression, value, precision): dates that need the anchor.
RELATIVE = [
    P("ستبدأ في كانون الثاني المقبل.", "2025-11-26", "كانون الثاني المقبل", "2026-01", "month",
      id="month-next"),
    P("ومن شهر كانون الثاني من العام المقبل حتى", "2025-11-26",
      "شهر كانون الثاني من العام المقبل", "2026-01", "month", id="month-of-next-year"),
    P("الاجتماع الذي عقد يوم 26 كانون الأول/ديسمبر الماضي بالعاصمة", "2019-02",
      "26 كانون الأول/ديسمبر الماضي", "2018-12-26", "day", id="day-month-last"),
    P("في آذار الماضي", "2019-03-10", "آذار الماضي", "2018-03", "month",
      id="month-last-excludes-current-month"),
    P("في آذار القادم", "2019-02-10", "آذار القادم", "2019-03", "month", id="month-coming"),
    P("انطلقت يوم 4 شباط/ فبراير في إبريل لمناقشة", "2019-02", "4 شباط/ فبراير", "2019-02-04",
      "day", id="dual-names-no-year"),
    P("العراقية يوم الأربعاء، ٤ شباط/فبراير.", "2019-02", "الأربعاء، ٤ شباط/فبراير",
      "2019-02-04", "day", id="weekday-no-year-no-weekday-match"),
    P("ضربات جوية اليوم، الجمعة 22 نوفمبر\".", "2024-02-08", "الجمعة 22 نوفمبر", "2024-11-22",
      "day", id="weekday-no-year-weekday-match-next-year"),
    P("ضربات جوية في 22 نوفمبر قرب", "2024-02-08", "22 نوفمبر", "2023-11-22", "day",
      id="day-month-no-year-last-before-anchor"),
    P("الانتخابات المقررة 24 يونيو/حزيران الجاري، والتي", "2018-06-05",
      "24 يونيو/حزيران الجاري", "2018-06-24", "day", id="day-month-current"),
    P("منذ مايو أيار الماضي.", "2015-07-27", "مايو أيار الماضي", "2015-05", "month",
      id="dual-names-space-only"),
    P("في مطلع أكتوبر، أعلنت", "2024-02-08", "مطلع أكتوبر", "2023-10", "month",
      id="edge-of-month"),
    P("وقع الهجوم أمس في", "2024-02-08", "أمس", "2024-02-07", "day", id="yesterday"),
    P("وقع الهجوم وأمس قتل", "2024-03-01", "أمس", "2024-02-29", "day", id="yesterday-clitic"),
    P("وقع الهجوم البارحة في", "2024-02-08", "البارحة", "2024-02-07", "day",
      id="yesterday-barha"),
    P("وقع الهجوم أول أمس في", "2024-02-08", "أول أمس", "2024-02-06", "day",
      id="day-before-yesterday"),
    P("بحثا اليوم في أربيل", "2020-09-27", "اليوم", "2020-09-27", "day", id="today"),
    P("وقع في الشهر الماضي", "2024-01-15", "الشهر الماضي", "2023-12", "month",
      id="last-month"),
    P("يبدأ الشهر المقبل", "2024-12-15", "الشهر المقبل", "2025-01", "month", id="next-month"),
    P("في العام الماضي", "2024-02-08", "العام الماضي", "2023", "year", id="last-year"),
    P("خلال هذا العام", "2024-02-08", "هذا العام", "2024", "year", id="this-year"),
    P("في شباط من العام الماضي", "2024-05-08", "شباط من العام الماضي", "2023-02", "month",
      id="month-of-last-year"),
    P("في السنة المقبلة", "2024-02-08", "السنة المقبلة", "2025", "year", id="next-year"),
    P("أكد يوم الخميس، أن", "2024-02-08", "الخميس", "2024-02-08", "day",
      id="weekday-alone-same-day"),
    P("قالت في بيان، الجمعة، إن", "2024-02-08", "الجمعة", "2024-02-02", "day",
      id="weekday-alone-before-comma"),
    P("وقع الهجوم أمس", "2019-02", "أمس", "2019-02", "month", id="yesterday-month-anchor"),
    P("في الشهر الماضي", "2019", "الشهر الماضي", "2019", "year", id="last-month-year-anchor"),
    P("في العام الماضي", "2019-02", "العام الماضي", "2018", "year", id="last-year-month-anchor"),
]


@pytest.mark.parametrize(("text", "anchor", "expression", "value", "precision"), RELATIVE)
def test_relative_dates(text, anchor, expression, value, precision):
    d = only_date(text, anchor)
    assert (d.text, d.value, d.precision, d.relative) == (expression, value, precision, True)


@pytest.mark.parametrize(
    "text",
    [
        P("وقع الهجوم أمس في", id="yesterday"),
        P("الجمعة 22 نوفمبر", id="weekday-day-month"),
        P("كانون الثاني المقبل", id="month-next"),
        P("يوم الجمعة", id="weekday-alone"),
    ],
)
def test_relative_dates_need_an_anchor(text):
    assert find_dates(text) == []


@pytest.mark.parametrize(
    "text",
    [
        P("في 31 شباط 2020 حدث", id="31-february"),
        P("في 29 شباط 2019 حدث", id="29-february-common-year"),
        P("في 30 شباط", id="30-february-no-year"),
        P("في 32 أيار 2020", id="day-32"),
        P("في 31/2/2025", id="numeric-31-february"),
        P("في 13/13/2025", id="numeric-month-13"),
        P("في 2025-13-01", id="iso-month-13"),
        P("في عام 1850 وقع", id="year-before-1900"),
        P("في عام 2150 وقع", id="year-after-2100"),
        P("يوجد في العراق قرابة 2500 جندي", id="bare-number"),
        P("في 2019 هزم", id="bare-year"),
        P("ما يصل إلى 1500 / 1500", id="numbers-with-slash"),
        P("طائرات إف-16 العراقية", id="model-number"),
        P("انطلقت في إبريل لمناقشة", id="bare-month-name"),
        P("ستبدأ في كانون الثاني", id="bare-levantine-month"),
        P("قال الجمعة إن", id="weekday-alone-without-marker"),
        P("في اليوم التالي", id="the-next-day-is-not-today"),
        P("الأمين العام لوزارة", id="general-secretary"),
        P("ساعة 11:09 ص", id="time"),
    ],
)
def test_not_dates(text):
    assert find_dates(text, "2024-02-08") == []


def test_dates_side_by_side_name_one_day():
    text = "صرح اليوم (24 أيلول 2025)، لشبكة رووداو"
    assert [d.text for d in find_dates(text, "2025-09-24")] == ["24 أيلول 2025"]
    text = "رووداو اليوم الأربعاء (26 تشرين الثاني 2025) أنه"
    assert [d.text for d in find_dates(text, "2025-11-26")] == ["26 تشرين الثاني 2025"]


def test_every_date_of_a_sentence_in_order():
    text = "التقى يوم 4 شباط 2019 ويوم 5 شباط 2019، وعام 2020"
    dates = find_dates(text)
    assert [d.value for d in dates] == ["2019-02-04", "2019-02-05", "2020"]
    assert all(text[d.start : d.end] == d.text for d in dates)


def test_spans_keep_diacritics_and_tatweel():
    text = "وقعت في ٤ شبـــاط ٢٠١٩ مساءً"
    d = only_date(text)
    assert (d.text, d.value) == ("٤ شبـــاط ٢٠١٩", "2019-02-04")


# Publication dates.


def _gold() -> dict[str, tuple[str, str]]:
    rows = [json.loads(line) for line in GOLD.read_text(encoding="utf-8").splitlines() if line]
    return {r["doc"]: (r["published"], r["published_precision"]) for r in rows}


@pytest.mark.parametrize("doc", sorted(_gold()))
def test_publication_date_of_seeds(seed_texts, doc):
    assert publication_date(seed_texts[doc]) == _gold()[doc]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        P("كتب في 3 آذار 2019\n\nآخر تحديث: 8 فبراير 2024\nنص", ("2024-02-08", "day"),
          id="label-wins"),
        P("• Friday, 13 February 2026\nأعلنت يوم الأحد، (27 أيلول 2020)، أن",
          ("2020-09-27", "day"), id="latin-header-is-furniture"),
        P("عنوان\n26-11-2025\nوقال في 10 أيلول 2020 إن", ("2025-11-26", "day"),
          id="first-complete-date"),
        P("بدأت يوم 4 شباط في أربيل. وكانت في نهاية عام 2018 لقاءات.", ("2018-02", "month"),
          id="no-year-latest-year"),
        P("بدأت يوم 4 شباط. وعقد في 26 كانون الأول الماضي وفي عام 2018.", ("2019-02", "month"),
          id="no-year-after-a-past-date"),
        P("منذ يونيو/حزيران 2014 وفي فبراير/شباط الماضي. وزار كارتر، الخميس 23 يوليو/تموز،"
          " بغداد.", ("2015-07", "month"), id="no-year-weekday-fits-next-year"),
        P("Friday, 13 February 2026\nنص بلا تاريخ", (None, None), id="only-furniture"),
        P("نص بلا تاريخ", (None, None), id="no-date"),
    ],
)
def test_publication_date_rules(text, expected):
    assert publication_date(text) == expected


# Event dates: the date stated in a place mention's sentence.


def test_wadi_zghaytun_article_event_date(seed_texts):
    """The "read also" block of seed 002 carries an article of Friday 22 November 2024."""
    text = seed_texts["002_ae074324c6d5186d.txt"]
    published, _ = publication_date(text)
    assert published == "2024-02-08"
    dates = find_dates(text, published)
    friday = next(d for d in dates if d.text == "الجمعة 22 نوفمبر")
    assert (friday.value, friday.precision, friday.relative) == ("2024-11-22", "day", True)
    force = text.index("القوات الجوية العراقية")  # in the sentence that states the date
    assert date_at(dates, text, force, force + len("القوات الجوية العراقية")) == friday
    # Wadi Zghaytun itself is named two sentences earlier, in a sentence without a date.
    wadi = text.index("وادي زغيتون")
    assert date_at(dates, text, wadi, wadi + len("وادي زغيتون")) is None


def test_date_at_takes_the_nearest_date_of_the_sentence():
    text = ("قصفت الطائرات كركوك في 3 آذار 2019، ثم عادت بعد يومين وقصفت في 5 آذار 2019 الموصل."
            " وفي 9 آذار 2019 بغداد.")
    dates = find_dates(text)
    at = {name: date_at(dates, text, text.index(name), text.index(name) + len(name))
          for name in ("كركوك", "الموصل", "بغداد")}
    assert {k: v.value for k, v in at.items()} == {
        "كركوك": "2019-03-03", "الموصل": "2019-03-05", "بغداد": "2019-03-09"}


def test_date_at_looks_only_inside_the_sentence():
    text = "وقع الهجوم في 24.9.2025 قرب كركوك.\nوقتل اثنان في الموصل؟ نعم"
    dates = find_dates(text)
    kirkuk, mosul = text.index("كركوك"), text.index("الموصل")
    assert date_at(dates, text, kirkuk, kirkuk + 5).value == "2025-09-24"
    assert date_at(dates, text, mosul, mosul + 6) is None


# The language knowledge is data.


def test_no_arabic_characters_in_date_code():
    for name in ("dates.py", "datescan.py"):
        source = (ROOT / "gazetteer" / name).read_text(encoding="utf-8")
        lines = [i for i, line in enumerate(source.splitlines(), 1) if ARABIC.search(line)]
        assert lines == [], f"{name}: Arabic characters on lines {lines}"


def test_date_tables_are_complete_and_unambiguous():
    t = tables()
    assert all(len(names) == 12 for names in t["months"].values())
    assert all(len(names) == 7 for names in t["weekdays"].values() if isinstance(names[0], list))
    seen: dict[str, int] = {}
    for system in t["months"].values():
        for month, names in enumerate(system, 1):
            for name in names:
                assert seen.setdefault(fold(name), month) == month, name
