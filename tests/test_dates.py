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


PRECISION = {10: "day", 7: "month", 4: "year"}  # by the length of the value


def unmark(marked: str) -> tuple[str, int, int]:
    """A test text without its ⟨ ⟩ marks, and the span the marks enclose."""
    start = marked.index("⟨")
    end = marked.index("⟩") - 1
    return marked.replace("⟨", "").replace("⟩", ""), start, end


def the_date(marked: str, anchor: str | None = None):
    """The one date found in a marked text, checked to sit exactly between the marks."""
    text, start, end = unmark(marked)
    dates = find_dates(text, anchor)
    assert [(d.start, d.end) for d in dates] == [(start, end)], dates
    assert text[start:end] == dates[0].text
    return dates[0]


P = pytest.param

# (text with the date expression marked, value): dates that write their year.
WRITTEN = [
    P("صرح اليوم (⟨24 أيلول 2025⟩)، لشبكة", "2025-09-24", id="levantine-in-brackets"),
    P("يوم الأحد، (⟨27 أيلول 2020⟩)، استمرارها", "2020-09-27", id="levantine-after-weekday"),
    P("الأربعاء (⟨26 تشرين الثاني 2025⟩) أنه", "2025-11-26", id="levantine-two-word-month"),
    P("في ⟨5 تشرين اول 2019⟩ خرج", "2019-10-05", id="levantine-variant-without-article"),
    P("في ⟨15 آب 2020⟩ وصل", "2020-08-15", id="levantine-august-madda"),
    P("منذ ⟨3 اذار 2021⟩", "2021-03-03", id="levantine-march-bare-alef"),
    P("آخر تحديث: ⟨8 فبراير 2024⟩ - 11:09", "2024-02-08", id="egyptian-day-month-year"),
    P("في ⟨1 إبريل 2022⟩", "2022-04-01", id="egyptian-april-hamza-below"),
    P("في ⟨1 ابريل 2022⟩", "2022-04-01", id="egyptian-april-bare-alef"),
    P("في ⟨9 يوليه 2015⟩", "2015-07-09", id="egyptian-july-variant"),
    P("في ⟨14 أغسطس 2014⟩", "2014-08-14", id="egyptian-august"),
    P("في ⟨4 شباط/ فبراير 2019⟩ في", "2019-02-04", id="dual-names-slash-space"),
    P("في ⟨4 شباط (فبراير) 2019⟩ في", "2019-02-04", id="dual-names-brackets"),
    P("في ⟨كانون الأول/ديسمبر 2018⟩ عقد", "2018-12", id="dual-names-month-year"),
    P("في ⟨٢٦ تشرين الثاني ٢٠٢٥⟩ قال", "2025-11-26", id="arabic-indic-digits"),
    P("في ⟨۲۶ تشرين الثاني ۲۰۲۵⟩ قال", "2025-11-26", id="persian-digits"),
    P("مالك محمد\n⟨26-11-2025⟩\nالكلمات", "2025-11-26", id="numeric-dmy-dash"),
    P("وقع في ⟨24/9/2025⟩ مساء", "2025-09-24", id="numeric-dmy-slash"),
    P("وقع في ⟨24.9.2025⟩ مساء", "2025-09-24", id="numeric-dmy-dot"),
    P("وقع في ⟨9/24/2025⟩ مساء", "2025-09-24", id="numeric-month-first"),
    P("وقع في ⟨2025-09-24⟩ مساء", "2025-09-24", id="numeric-iso"),
    P("وقع في ⟨2025/09/24⟩ مساء", "2025-09-24", id="numeric-ymd-slash"),
    P("وقع في ⟨٢٠٢٥/٠٩/٢٤⟩ مساء", "2025-09-24", id="numeric-arabic-indic"),
    P(" date ⟨2025-09-24⟩ العمليات المشتركة", "2025-09-24", id="header-date-line"),
    P("• ⟨Friday, 13 February 2026⟩\nlogo", "2026-02-13", id="english-weekday-day-month-year"),
    P("posted ⟨13 Feb 2026⟩ by", "2026-02-13", id="english-abbreviation"),
    P("on ⟨February 13, 2026⟩ the", "2026-02-13", id="english-month-first"),
    P("on ⟨Fri, 13 Feb 2026⟩ the", "2026-02-13", id="english-abbreviated-weekday"),
    P("هزم التنظيم في ⟨شباط 2019⟩ أمام", "2019-02", id="month-year"),
    P("في ⟨أيار/مايو 2021⟩ بدأ", "2021-05", id="dual-month-year"),
    P("منذ ⟨يونيو/حزيران 2014⟩. وتقود", "2014-06", id="dual-egyptian-first"),
    P("اليوم ⟨الخميس الموافق ٢١ ايار ٢٠٢٦⟩ وذلك", "2026-05-21", id="weekday-that-is-date"),
    P("في ⟨شهر حزيران من عام 2014⟩ اجتاح", "2014-06", id="month-of-year"),
    P("في العراق منذ ⟨سنة 2014⟩ بناء", "2014", id="year-sana"),
    P("منذ ⟨عام 2014⟩ بناءً على", "2014", id="year-aam"),
    P("في ⟨العام 2017⟩ دحر", "2017", id="year-al-aam"),
    P("في ⟨أواخر العام 2017⟩ دحر", "2017", id="year-with-edge"),
    P("عقدت في ⟨نهاية عام 2018⟩، بما", "2018", id="end-of-year"),
    P("اجتاحها التنظيم ⟨صيف 2014⟩، إلا", "2014", id="season-year"),
    P("في ⟨عام 2018م⟩ أعلن", "2018", id="year-with-era-suffix"),
]


@pytest.mark.parametrize(("marked", "value"), WRITTEN)
def test_written_dates(marked, value):
    d = the_date(marked)
    assert (d.value, d.precision, d.relative) == (value, PRECISION[len(value)], False)


# (text with the date expression marked, anchor, value): dates that need the anchor.
RELATIVE = [
    P("ستبدأ في ⟨كانون الثاني المقبل⟩.", "2025-11-26", "2026-01", id="month-next"),
    P("ومن ⟨شهر كانون الثاني من العام المقبل⟩", "2025-11-26", "2026-01", id="month-of-next-year"),
    P("يوم ⟨26 كانون الأول/ديسمبر الماضي⟩ ببغداد", "2019-02", "2018-12-26", id="day-month-last"),
    P("في ⟨آذار الماضي⟩", "2019-03-10", "2018-03", id="month-last-excludes-current-month"),
    P("في ⟨آذار القادم⟩", "2019-02-10", "2019-03", id="month-coming"),
    P("يوم ⟨4 شباط/ فبراير⟩ في إبريل", "2019-02", "2019-02-04", id="dual-names-no-year"),
    P("يوم ⟨الأربعاء، ٤ شباط/فبراير⟩.", "2019-02", "2019-02-04", id="weekday-fits-no-near-year"),
    P('اليوم، ⟨الجمعة 22 نوفمبر⟩".', "2024-02-08", "2024-11-22", id="weekday-fits-next-year"),
    P("في ⟨22 نوفمبر⟩ قرب", "2024-02-08", "2023-11-22", id="day-month-last-before-anchor"),
    P("المقررة ⟨24 يونيو/حزيران الجاري⟩،", "2018-06-05", "2018-06-24", id="day-month-current"),
    P("منذ ⟨مايو أيار الماضي⟩.", "2015-07-27", "2015-05", id="dual-names-space-only"),
    P("في ⟨مطلع أكتوبر⟩، أعلنت", "2024-02-08", "2023-10", id="edge-of-month"),
    P("في ⟨29 شباط⟩ قتل", "2019-03-01", "2016-02-29", id="29-february-last-leap-year"),
    P("وقع الهجوم ⟨أمس⟩ في", "2024-02-08", "2024-02-07", id="yesterday"),
    P("وقع الهجوم و⟨أمس⟩ قتل", "2024-03-01", "2024-02-29", id="yesterday-clitic"),
    P("وقع الهجوم ⟨البارحة⟩ في", "2024-02-08", "2024-02-07", id="yesterday-barha"),
    P("وقع الهجوم ⟨أول أمس⟩ في", "2024-02-08", "2024-02-06", id="day-before-yesterday"),
    P("بحثا ⟨اليوم⟩ في أربيل", "2020-09-27", "2020-09-27", id="today"),
    P("وقع في ⟨الشهر الماضي⟩", "2024-01-15", "2023-12", id="last-month"),
    P("يبدأ ⟨الشهر المقبل⟩", "2024-12-15", "2025-01", id="next-month"),
    P("في ⟨العام الماضي⟩", "2024-02-08", "2023", id="last-year"),
    P("خلال ⟨هذا العام⟩", "2024-02-08", "2024", id="this-year"),
    P("في ⟨شباط من العام الماضي⟩", "2024-05-08", "2023-02", id="month-of-last-year"),
    P("في ⟨السنة المقبلة⟩", "2024-02-08", "2025", id="next-year"),
    P("أكد يوم ⟨الخميس⟩، أن", "2024-02-08", "2024-02-08", id="weekday-alone-same-day"),
    P("قالت في بيان، ⟨الجمعة⟩، إن", "2024-02-08", "2024-02-02", id="weekday-alone-before-comma"),
    P("وقع الهجوم ⟨أمس⟩", "2019-02", "2019-02", id="yesterday-month-anchor"),
    P("في ⟨الشهر الماضي⟩", "2019", "2019", id="last-month-year-anchor"),
    P("في ⟨العام الماضي⟩", "2019-02", "2018", id="last-year-month-anchor"),
]


@pytest.mark.parametrize(("marked", "anchor", "value"), RELATIVE)
def test_relative_dates(marked, anchor, value):
    d = the_date(marked, anchor)
    assert (d.value, d.precision, d.relative) == (value, PRECISION[len(value)], True)


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


@pytest.mark.parametrize("anchor", ["0001-01-01", "0003", "9999-12-31", "9999-12", "9995"])
@pytest.mark.parametrize(
    "text",
    [
        P("وقع الهجوم أمس في", id="yesterday"),
        P("يوم الجمعة", id="weekday-alone"),
        P("الجمعة 22 نوفمبر", id="weekday-day-month"),
        P("22 كانون الثاني المقبل", id="day-month-next"),
        P("العام الماضي والشهر المقبل", id="last-year-next-month"),
        P("29 شباط المقبل", id="29-february-next"),
    ],
)
def test_relative_dates_are_left_out_at_the_ends_of_the_calendar(text, anchor):
    """They would fall before year 1 or after 9999, which Python's dates cannot hold."""
    assert find_dates(text, anchor) == []


@pytest.mark.parametrize(
    "text",
    [
        P("في 31 شباط 2020 حدث", id="31-february"),
        P("في 29 شباط 2019 حدث", id="29-february-common-year"),
        P("في 30 شباط", id="30-february-no-year"),
        P("في 32 أيار 2020", id="day-32"),
        P("في 0 أيار 2020", id="day-0"),
        P("في 00 نيسان الجاري", id="day-0-no-year"),
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
    # a weekday named is the day the writer meant, though the page came out later
    text = "أعلن الوزير أمس الأحد اعتقال المتورطين"
    assert [(d.text, d.value) for d in find_dates(text, "2015-07-21")] == [("الأحد", "2015-07-19")]
    text = "أعلن التنظيم، اليوم الأحد، تفجير الملعب"
    assert [d.value for d in find_dates(text, "2015-07-24")] == ["2015-07-19"]


def test_every_date_of_a_sentence_in_order():
    text = "التقى يوم 4 شباط 2019 ويوم 5 شباط 2019، وعام 2020"
    dates = find_dates(text)
    assert [d.value for d in dates] == ["2019-02-04", "2019-02-05", "2020"]
    assert all(text[d.start : d.end] == d.text for d in dates)


def test_spans_keep_diacritics_and_tatweel():
    assert the_date("وقعت في ⟨٤ شبـــاط ٢٠١٩⟩ مساءً").value == "2019-02-04"


# Publication dates.


def _gold() -> dict[str, tuple[str, str]]:
    rows = [json.loads(line) for line in GOLD.read_text(encoding="utf-8").splitlines() if line]
    return {r["doc"]: (r["published"], r["published_precision"]) for r in rows}


@pytest.mark.parametrize("doc", sorted(_gold()))
def test_publication_date_of_seeds(seed_texts, doc):
    assert publication_date(seed_texts[doc]) == _gold()[doc]


# (text, publication date): the rules of publication_date, one row each.
PUBLICATION = [
    P("كتب في 3 آذار 2019\n\nآخر تحديث: 8 فبراير 2024\nنص", "2024-02-08", id="label-wins"),
    P("• Friday, 13 February 2026\nفي (27 أيلول 2020)، أن", "2020-09-27", id="latin-is-furniture"),
    P("عنوان\n26-11-2025\nوقال في 10 أيلول 2020 إن", "2025-11-26", id="first-complete-date"),
    P("بدأت يوم 4 شباط. وفي نهاية عام 2018 لقاءات.", None, id="a-year-written-is-past"),
    P("وفي عام 2014 سقطت المدينة. وقضت المحكمة في 17 نيسان بالسجن.", None,
      id="a-year-in-passing-is-no-publication-year"),
    P("يوم 4 شباط. وفي 26 كانون الأول الماضي وعام 2018.", "2019-02", id="no-year-after-past"),
    P("منذ عام 2014. وزار، الخميس 23 يوليو/تموز، بغداد.", "2015-07", id="no-year-weekday-fits"),
    P("الرمادي - 12 آذار 2025\nانفجرت عبوة قرب السوق.", "2025-03-12", id="dateline"),
    P("بغداد 25 شوال 1436 هـ الموافق 10 أغسطس 2015 م واس\nنص", "2015-08-10",
      id="dateline-with-an-agency"),
    P("أكد مصدر أمني اليوم الأحد 19 مارس 2017 مقتل ستة مسلحين في قضاء الحويجة.",
      "2017-03-19", id="today-with-its-weekday"),
    P("أعلنت القيادة، يوم الأحد، (27 أيلول 2020)، استمرار عملياتها في جبال حمرين.",
      "2020-09-27", id="beside-a-weekday"),
    P("قال المحافظ اليوم (24 أيلول 2025) إن الطرق مفتوحة بين المدن.", "2025-09-24",
      id="beside-today"),
    P("ذكّر المسؤول بسقوط الموصل بيد داعش في 10 يونيو 2014 وبما تلاه من نزوح واسع.", None,
      id="a-complete-date-in-a-sentence-is-a-reference"),
    P("منذ العام 1984 والمنطقة تشهد نزاعات، وقتل فيها الآلاف في 3 نوفمبر عام 2017 وحده.",
      None, id="references-only"),
    P("Friday, 13 February 2026\nنص بلا تاريخ", None, id="only-furniture"),
    P("نص بلا تاريخ", None, id="no-date"),
]


@pytest.mark.parametrize(("text", "value"), PUBLICATION)
def test_publication_date_rules(text, value):
    precision = PRECISION[len(value)] if value else None
    assert publication_date(text) == (value, precision)


def test_anchor_must_be_a_date_value():
    with pytest.raises(ValueError, match="YYYY-MM-DD"):
        find_dates("أمس", "8 Feb 2024")


# Event dates: the date stated in a place mention's sentence.


def span(text: str, words: str) -> tuple[int, int]:
    """Where ``words`` first stand in ``text``, as a place mention's span."""
    start = text.index(words)
    return start, start + len(words)


def test_wadi_zghaytun_article_event_date(seed_texts):
    """The "read also" block of seed 002 carries an article of Friday 22 November 2024."""
    text = seed_texts["002_ae074324c6d5186d.txt"]
    published, _ = publication_date(text)
    assert published == "2024-02-08"
    dates = find_dates(text, published)
    friday = next(d for d in dates if d.text == "الجمعة 22 نوفمبر")
    assert (friday.value, friday.precision, friday.relative) == ("2024-11-22", "day", True)
    # A mention in the sentence that states the date gets it ...
    assert date_at(dates, text, *span(text, "القوات الجوية العراقية")) == friday
    # ... Wadi Zghaytun, two sentences earlier in a sentence without a date, gets none
    # (the pipeline then dates it by the block it stands in).
    assert date_at(dates, text, *span(text, "وادي زغيتون")) is None


def test_date_at_takes_the_nearest_date_of_the_sentence():
    text = "قصفت كركوك في 3 آذار 2019، ثم قصفت في 5 آذار 2019 الموصل. وفي 9 آذار 2019 بغداد."
    dates = find_dates(text)
    at = {name: date_at(dates, text, *span(text, name)).value for name in ("كركوك", "الموصل")}
    assert at == {"كركوك": "2019-03-03", "الموصل": "2019-03-05"}
    assert date_at(dates, text, *span(text, "بغداد")).value == "2019-03-09"


def test_date_at_looks_only_inside_the_sentence():
    text = "وقع الهجوم في 24.9.2025 قرب كركوك.\nوقتل اثنان في الموصل؟ نعم"
    dates = find_dates(text)
    assert date_at(dates, text, *span(text, "كركوك")).value == "2025-09-24"
    assert date_at(dates, text, *span(text, "الموصل")) is None


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
