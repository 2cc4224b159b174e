"""Arabic normalisation: folding, dropped characters, and the way back to offsets."""

import pytest

from gazetteer.normalize import fold, normalize, words


@pytest.mark.parametrize(
    ("written", "folded"),
    [
        ("أربيل", "اربيل"),
        ("إربيل", "اربيل"),
        ("آمرلي", "امرلي"),
        ("ديالى", "ديالي"),
        ("الحويجة", "الحويجه"),
        ("بغـــداد", "بغداد"),
        ("بَغْدَادُ", "بغداد"),
        ("کەرکووک", "كهركووك"),
        ("ڵ ڕ ۆ ی", "ل ر و ي"),
        ("٤ شباط ٢٠١٩", "4 شباط 2019"),
        ("۲۰۲۵", "2025"),
        ("Kirkuk", "kirkuk"),
    ],
    ids=[
        "alef-hamza-above",
        "alef-hamza-below",
        "alef-madda",
        "alef-maqsura",
        "ta-marbuta",
        "tatweel",
        "tashkil",
        "kurdish-letters",
        "kurdish-lam-reh-o-yeh",
        "arabic-indic-digits",
        "persian-digits",
        "latin-case",
    ],
)
def test_fold(written, folded):
    assert fold(written) == folded


@pytest.mark.parametrize(
    "text",
    [
        "وَبِغْدَادُ ـــ أربيل",
        "\u200fكركوك\u200e في ـ ـ الأنبار",
        "لا شيء يُحذف هنا سوى الشَّدّة",
        "plain ascii",
    ],
)
def test_offsets_map_back(text):
    n = normalize(text)
    for i in range(len(n.text)):
        original = text[n.original(i)]
        assert fold(original) == n.text[i]


def test_span_maps_back_to_original_surface():
    text = "قصف في وَبِغْدَادَ اليوم"
    n = words(text)
    i = n.text.index("بغداد")
    assert text[n.original(i) : n.original_end(i + 5)] == "بِغْدَادَ"


def test_words_turns_punctuation_into_spaces_without_shifting():
    text = "«كركوك»، (نينوى)."
    n = words(text)
    assert len(n.text) == len(text)
    assert n.text.split() == ["كركوك", "نينوي"]


def test_lone_surrogates_and_emoji_do_not_break_folding():
    text = "كركوك \udc80 😀 نينوى"
    assert words(text).text.split() == ["كركوك", "نينوي"]


def test_only_the_listed_characters_are_dropped():
    """U+FFFF is kept like any other character (it was the lookup table's drop marker)."""
    n = normalize("a\uffffb\u064e")
    assert (n.text, n.original(2)) == ("a\uffffb", 2)
    assert len(words("a\uffffb").text) == 3
