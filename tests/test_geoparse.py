"""The geoparser on Arabic sentences: clitics, longest names, ordinary words, adjectives,
person names, head words, and places the gazetteer lacks."""

import pytest

from gazetteer.geoparse import Geoparser


@pytest.fixture(scope="module")
def parser():
    return Geoparser()


def names(parser, text):
    return [(m.text, m.name_en) for m in parser.parse(text)]


@pytest.mark.parametrize(("text", "surface", "place"), [
    ("وصل الوفد الى بغداد", "بغداد", "Baghdad"),
    ("هجوم وبغداد تستعد", "بغداد", "Baghdad"),
    ("قوات وصلت لأربيل أمس", "أربيل", "Erbil"),
    ("عمليات بكركوك", "كركوك", "Kirkuk"),
    ("اشتباكات والأنبار هادئة", "الأنبار", "Al-Anbar"),
    ("تعزيزات للموصل", "لموصل", "Mosul"),
    ("وللعراق حق", "لعراق", "Iraq"),
    ("فبالعراق", "العراق", "Iraq"),
    ("بريطانيا، فرنسا، ألمانيا، وإيطاليا", "إيطاليا", "Italy"),
    # "و" + "لبنان", not "ول" + "بنان", a village whose name is rarer than the word
    ("زار سوريا ولبنان", "لبنان", "Lebanon"),
], ids=["bare", "wa", "li-hamza", "bi", "wa-al", "lil-al", "wa-lil", "fa-bi-al", "wa-list",
        "wa-not-wal"])
def test_proclitics(parser, text, surface, place):
    assert (surface, place) in names(parser, text)


@pytest.mark.parametrize(("text", "surface", "place"), [
    ("خلايا في صحراء الأنبار", "صحراء الأنبار", "Anbar desert / Western desert"),
    ("في سلسلة مرتفعات حمرين", "مرتفعات حمرين", "Hamrin Mountains"),
    ("مناطق جبال حمرين", "جبال حمرين", "Hamrin Mountains"),
    ("في إقليم كوردستان", "إقليم كوردستان", "Kurdistan Region of Iraq"),
    ("الولايات المتحدة الأميركية", "الولايات المتحدة الأميركية", "United States"),
], ids=["desert-over-governorate", "heights-ridge", "mountains-ridge", "region", "country-long"])
def test_longest_name_wins(parser, text, surface, place):
    assert names(parser, text) == [(surface, place)]


@pytest.mark.parametrize("text", [
    "الحكومة العراقية والقوات الكردية",
    "الجيش الأردني والقوات الأميركية",
    "طائرات سورية وتركية",
    # a sub-district's and a village's names as the adjective of the noun before them
    "وبالتنسيق مع المواكب الحسينية تمكنت المفارز من ضبط المتهمين",
    "ظهر مرتديا بزة المساجين العاجية اللون",
], ids=["iraqi-kurdish", "jordanian-american", "indefinite-adjectives", "husayni",
        "ivory"])
def test_adjectives_are_not_places(parser, text):
    assert names(parser, text) == []


@pytest.mark.parametrize("text", [
    "يشرب الشاي مع الضيوف",
    "اللواء الخاص الأول",
    "قناة الجزيرة نقلت الخبر",
    "عيد الاتحاد و«الخاص» 2 و3 ديسمبر",
    "شاركت مديرية الشرطة والقوة الجوية",
    "وصل محمد وحيدر ومسعود",
    "في نيسان/ إبريل الماضي",
    "جولة جديدة من اللقاءات في مناطق جديدة",
], ids=["tea", "special", "jazeera-channel", "union", "police-air", "persons", "april",
        "new-areas"])
def test_ordinary_words_need_evidence(parser, text):
    assert names(parser, text) == []


@pytest.mark.parametrize(("text", "surface", "place"), [
    ("عناصر داعش في وادي الشاي", "وادي الشاي", "Wadi al-Shay"),
    ("قرية في ناحية الرياض التابعة لقضاء الحويجة", "الرياض", "Al-Riyadh sub-district (Kirkuk)"),
], ids=["wadi-al-shay", "riyadh-subdistrict"])
def test_head_word_is_evidence(parser, text, surface, place):
    assert (surface, place) in names(parser, text)


@pytest.mark.parametrize("text", [
    "وصلت التعزيزات إلى سليمان بيك التابعة لمحافظة صلاح الدين",
    "وصلت التعزيزات إلى سليمان بيك الواقعة ضمن محافظة صلاح الدين",
    "وصلت التعزيزات إلى سليمان بيك بمحافظة صلاح الدين",
], ids=["attached-to", "lying-within", "in-governorate"])
def test_words_placing_a_name_in_its_unit_are_evidence(parser, text):
    assert ("سليمان بيك", "Sulaiman Baig") in names(parser, text)


def test_a_name_placed_in_a_unit_means_the_place_of_that_name_there(parser):
    # Diyala has a village also called سليمان بيگ (the sub-district is Salah al-Din's)
    text = "وصلت التعزيزات إلى سليمان بيك التابعة لمحافظة ديالى"
    assert ("سليمان بيك", "Hamid Hajj Salim") in names(parser, text)


@pytest.mark.parametrize("text", [
    "وصلت التعزيزات إلى سيد دخيل",  # no evidence (a village of Thi Qar named like a man)
    "وصلت التعزيزات إلى سيد دخيل التابعة لمحافظة البصرة",  # none of that name there
    "وأعلن قائد الفرقة الذهبية بمحافظة الأنبار",  # a village of Thi Qar: not in Anbar
], ids=["alone", "another-governorate", "golden-division"])
def test_a_name_placed_where_no_such_place_lies_needs_other_evidence(parser, text):
    assert [name for name, _ in names(parser, text)
            if name not in ("صلاح الدين", "البصرة", "الأنبار")] == []



@pytest.mark.parametrize(("text", "surface", "place"), [
    ("آخر جيب لداعش في الباغوز شرقي سوريا", "الباغوز", "Baghuz"),  # in that country
    ("سقطت قذيفة في باب الطوب وسط الموصل", "باب الطوب", "Bab al-Tob"),  # near that town
    # the Khalidiya east of Ramadi, not the namesake north-west of it, by Hit
    ("هاجم مسلحون مواقع قرب الخالدية شرق الرمادي", "الخالدية", "Nahiyat al Khalidiyah"),
], ids=["country", "town", "near-town"])
def test_words_placing_a_name_in_or_beside_a_place_are_evidence(parser, text, surface, place):
    assert (surface, place) in names(parser, text)
    assert names(parser, text.split(surface)[0] + surface) == []  # the name alone: none


@pytest.mark.parametrize(("text", "surface", "place"), [
    ("فر المسلحون إلى الخالدية شرقي الرمادي", "الخالدية", "Nahiyat al Khalidiyah"),
    ("هروبه إلى الخالدية شرق مدينة الرمادي", "الخالدية", "Nahiyat al Khalidiyah"),
    # Ramadi's, not Baghdad's
    ("اقتحام منطقة البوعيثة شمالي مدينة الرمادي", "البوعيثة", "Albu Aitha"),
    ("في منطقة حصيبة شرقي الرمادي", "حصيبة", "Husaybah"),  # not al-Qaim's, 250 km west
    # beside Baghdad lie the Amiriya of Baghdad and Anbar's Amiriyat al-Fallujah: the one
    # in the town's governorate
    ("قتل ثلاثة في منطقة العامرية غربي بغداد", "العامرية", "Amiriya"),
], ids=["khalidiya", "khalidiya-city-head", "albu-aitha", "husaybah", "amiriya"])
def test_of_namesakes_the_one_beside_the_town_the_text_names(parser, text, surface, place):
    assert (surface, place) in names(parser, text)


@pytest.mark.parametrize("text", ["قتل ثلاثة في قضاء الخالدية", "وصلت القوات إلى مدينة الخالدية"])
def test_a_sub_district_seat_outranks_the_villages_of_its_name(parser, text):
    # GeoNames' "Nahiyat al Khalidiyah" is the town east of Ramadi; four villages share
    # its name (one by Hit, others in Erbil and Kirkuk)
    assert [(m.name_en, m.feature) for m in parser.parse(text)] == [
        ("Nahiyat al Khalidiyah", "town")]


def test_a_far_citys_aliases_that_are_words_are_dropped(parser):
    # GeoNames gives Algiers (الجزائر) the alias الجزيرة, "the island"
    assert [m.country for m in parser.parse("تفكيك العبوات في منطقة الجزيرة")] == ["IQ"]
    # aliases that are no words stay: New Delhi, Mumbai's old name
    assert [m.name_en for m in parser.parse("زار نيودلهي وبومباي")] == ["New Delhi", "Mumbai"]


def test_a_towns_central_sub_district_carries_its_own_evidence(parser):
    # OCHA's "مركز الرمادي" held the city's name, and needed a head word before it
    assert [m.name_en for m in parser.parse("تقدمت القوات نحو مركز الرمادي")] == [
        "Markaz Al-Ramadi"]
    assert parser.parse("انتشرت القوات في مركز المدينة") == []  # "the city centre"


def at(parser, text, surface):
    """(English name, governorate, precision) of the mention of ``surface``."""
    return next((m.name_en, m.admin1, m.geo_precision) for m in parser.parse(text)
                if m.text == surface)


@pytest.mark.parametrize(("text", "surface", "where"), [
    # the gazetteer's الحميرة is a village of Maysan, its الريحانة one of Salah al-Din:
    # the text puts these beside Kirkuk and in Anbar
    ("قصفت المدفعية مواقع في قرى الحميرة المحاذية لكركوك", "الحميرة", ("", "Kirkuk")),
    ("قصف أهداف في ناحية الريحانة التابعة لقضاء عنه", "الريحانة", ("", "Al-Anbar")),
    ("قصف مواقع في قرية النصر غربي قضاء مخمور", "النصر", ("", "Erbil")),
    # Baghdad's village of السعدون lies 25 km from the centre the text names
    ("انفجار عبوة في شارع السعدون وسط بغداد", "السعدون", ("", "Baghdad")),
    # a head of another kind than the namesake's: a wadi, no sub-district of Maysan; the
    # sub-district of Kerbala is not the one of Anbar's Karma
    ("انفجار في مقبرة وادي السلام بمحافظة النجف", "السلام", ("", "Al-Najaf")),
    ("بعد أن شهدت ناحية الخيرات التابعة لقضاء الكرمة عودة", "الخيرات", ("", "Al-Anbar")),
], ids=["beside", "in-district", "west-of-district", "inside-a-town", "wadi", "sub-district"])
def test_a_place_the_text_puts_far_from_its_namesake_is_put_there(parser, text, surface,
                                                                     where):
    assert at(parser, text, surface)[:2] == where


@pytest.mark.parametrize(("text", "surface", "place"), [
    ("أعدم أربعة سائقين في مدينة الشرقاط 290 كلم شمال بغداد", "الشرقاط", "Ash Sharqat"),
    ("ثكنات البيشمركة في قرية حسن شامي شمال أربيل", "حسن شامي", "Hasan Shami"),
    # a square of Baghdad, not Maysalun of Wasit, says nothing of where الغدير lies
    ("عبوة ناسفة ضمن منطقة الغدير قرب ساحة ميسلون ببغداد", "الغدير", "Al Ghadeer"),
], ids=["road-distance", "north-of-governorate", "beside-a-namesake"])
def test_a_village_the_text_puts_near_its_namesake_stays_it(parser, text, surface, place):
    assert at(parser, text, surface)[0] == place


@pytest.mark.parametrize("text", [
    "وكثف الجيش غاراته الجوية شمال العراق",  # an adjective: "its air raids"
    "قرية ذات الغالبية السنية جنوب الشرقاط",  # "the Sunni majority"
    "آخر جيب لداعش في الباغوز شرقي تركيا",  # no place of that name in Turkey
], ids=["air", "sunni", "another-country"])
def test_a_word_before_a_bearing_is_no_place_unless_one_lies_there(parser, text):
    assert [name for name, _ in names(parser, text)
            if name not in ("العراق", "الشرقاط", "تركيا")] == []

@pytest.mark.parametrize("text", [
    "وقال وزير الدفاع خالد العبيدي",
    "زعيم التنظيم أبو بكر البغدادي",
    "الجنرال قاسم سليماني",
    "الظهور الأول لقاسم سليماني",
    "وأعرب سليماني عن ثقته",
], ids=["obeidi", "baghdadi", "soleimani", "given-name-with-clitic", "speech-verb"])
def test_surnames_are_persons(parser, text):
    assert names(parser, text) == []


def test_a_given_name_in_din_makes_a_surname_though_it_names_a_governorate(parser):
    # "صلاح الدين الشعلان": a man, no village of Babil; the governorate keeps its mention
    text = "وقال رئيس المجلس البلدي صلاح الدين الشعلان إن الهجوم وقع في قرية سديرة"
    assert [name for name, _ in names(parser, text)] == ["صلاح الدين", "قرية سديرة"]
    # a comma between: a list of places, no man
    assert [name for name, _ in names(parser, "قتل مسلحون في صلاح الدين، تكريت، ثلاثة")] == [
        "صلاح الدين", "تكريت"]


@pytest.mark.parametrize("text, expected", [
    ("قال قاسم سليماني إن القوات تقدمت. وبعد الهجوم أثار تواجد سليماني في الفلوجة الجدل",
     [("الفلوجة", "Fallujah")]),
    ("وكشف العبيدي خلال المؤتمر. وكان وزير الدفاع خالد العبيدي قد زار الرمادي",
     [("الرمادي", "Ramadi")]),
    # a head word still makes the name a place
    ("زار قاسم سليماني مدينة سليماني", [("سليماني", "Slemani")]),
], ids=["named-again-after", "named-alone-before", "with-a-head"])
def test_a_surname_is_the_mans_wherever_the_article_names_him(parser, text, expected):
    assert names(parser, text) == expected


@pytest.mark.parametrize("text, expected", [
    ("ثلاث ضربات جوية في قضاء الدبس بمحافظة كركوك", [("الدبس", "Dibis"), ("كركوك", "Kirkuk")]),
    ("مستشفيات متنقلة في المكحول وبيجي", [("المكحول", "Nahiyat Makhul"), ("بيجي", "Baiji")]),
], ids=["after-a-head", "not-a-word"])
def test_a_units_name_is_found_with_the_article_it_lacks(parser, text, expected):
    assert names(parser, text) == expected


def test_a_word_with_the_article_is_a_unit_only_after_a_head_word(parser):
    # "العتبة": the shrine's administration, not Outba (عتبة) in Basra
    assert "العتبة" not in [n for n, _ in names(parser, "بالتنسيق مع العتبة المقدسة")]
    assert names(parser, "في ناحية العتبة شمالي البصرة")[0][0] == "العتبة"


def test_organisation_names_are_not_places(parser):
    assert names(parser, "بغداد/ شبكة أخبار العراق- أكد المتحدث") == [("بغداد", "Baghdad")]
    assert names(parser, "تقرير للأمم المتحدة وتنظيم الدولة الإسلامية") == []


def test_a_name_in_a_set_phrase_of_its_letters_is_no_place(parser):
    # "بعقوبة الإعدام": ب + عقوبة, the death penalty; the city otherwise
    assert names(parser, "حكمت المحكمة عليه بعقوبة الإعدام في بغداد.") == [("بغداد", "Baghdad")]
    assert names(parser, "انفجار عبوة ناسفة في بعقوبة.") == [("بعقوبة", "Baqubah")]


def test_head_word_list_covers_coordinated_names(parser):
    found = [(m.name_en, m.feature) for m in parser.parse("في محافظات كركوك ونينوى وديالى")]
    assert found == [("Kirkuk", "governorate"), ("Ninewa", "governorate"),
                     ("Diyala", "governorate")]


def test_offsets_point_at_the_surface(parser):
    text = "وَصَلَ الوفدُ إلى بَغْدادَ ثمّ لأربيل، ومنها إلى «كركوك»."
    for m in parser.parse(text):
        assert text[m.start:m.end] == m.text
        assert m.text.strip() == m.text


def test_unlisted_village_is_located_at_its_district(parser):
    [m] = [m for m in parser.parse("هجوم على قرية زنكورة الصغرى في قضاء الحويجة")
           if m.place_id is None]
    assert m.text == "قرية زنكورة الصغرى"
    assert (m.feature, m.geo_precision, m.admin1) == ("village", "district", "Kirkuk")
    assert m.lat is not None


def test_unlisted_place_without_enclosing_place_has_no_point(parser):
    [m] = parser.parse("اشتباكات في منطقة زنكورة")
    assert m.place_id is None and m.lat is None and m.geo_precision is None


def test_words_after_an_unlisted_head_that_are_ordinary_are_not_places(parser):
    assert names(parser, "وأدى القصف إلى مقتل منطقة واسعة ومنطقة أخرى") == []
    # ل written onto the article: "for the displaced", "for the opposition"
    assert names(parser, "أقيم مخيم للنازحين وقصف مخيم للمعارضة") == []


@pytest.mark.parametrize(("text", "expected"), [
    ("انتشال جثة على ضفاف دجلة", ["Tigris"]),
    ("انتشال جثة من نهري دجلة والفرات", ["Tigris", "Euphrates"]),  # the head covers the list
    ("بث على قناة الفرات", []),  # a channel's name
], ids=["banks", "two-rivers", "channel"])
def test_a_river_named_alone_needs_a_word_of_water(parser, text, expected):
    assert [m.name_en for m in parser.parse(text)] == expected


def test_a_name_listed_after_a_town_is_a_place_of_its_country(parser):
    found = names(parser, "غارات قرب البوكمال والميادين وتدمر")
    assert [place for _, place in found] == ["Ālbū Kamāl", "Al Mayādīn", "Tadmur"]
    assert names(parser, "والميادين وتدمر") == []  # alone: "squares", "destroys"
    # After a country: "and before it", no village of Iraq.
    assert names(parser, "بدخولهن العراق وقبله سوريا") == [("العراق", "Iraq"),
                                                             ("سوريا", "Syria")]


def test_a_head_reaches_over_a_nationality_to_the_name(parser):
    assert "Riyadh" in [m.name_en for m in parser.parse("في العاصمة السعودية الرياض")]
    # A district's name is no nationality: the head does not reach the person after it.
    assert [m.name_en for m in parser.parse("وقال رئيس مجلس قضاء الخالدية علي داود")
            if m.text != "الخالدية"] == []


@pytest.mark.parametrize(("text", "expected"), [
    ("زار الوزير طهران وأنقرة", ["Tehran", "Ankara"]),
    ("أعلن اللواء رياض الخيكاني", []),  # a family name follows: a person
], ids=["capital", "person"])
def test_a_capital_after_a_title_is_no_surname(parser, text, expected):
    assert [m.name_en for m in parser.parse(text)] == expected


def test_a_neighbourhood_may_be_named_by_an_ordinary_word(parser):
    """"حي الزهور" (flowers), "حي الإعلام" (media): a definite common word after حي is
    still a name, placed where the words after it say."""
    (m, baghdad) = parser.parse("قتل مدني بحي الزهور وسط العاصمة العراقية بغداد")
    assert (m.text, m.feature, m.place_id, m.lat) == ("حي الزهور", "neighbourhood", None,
                                                      baghdad.lat)


def test_near_head_lowers_precision(parser):
    [m] = parser.parse("يختبئون في أطراف الحويجة")
    assert (m.name_en, m.geo_precision) == ("Hawija", "near")


@pytest.mark.parametrize(("text", "expected"), [
    ("الملازم اول (حسن خضير زغير) في محافظة كركوك", [("كركوك", "Kirkuk")]),
    ("محاولة لاعتقال محمد حاجي محمود", []),
    ("في الصحراء الغربية لمحافظتي النجف وكربلاء",
     [("الصحراء الغربية", "Anbar desert / Western desert"), ("النجف", "Al-Najaf"),
      ("كربلاء", "Kerbala")]),
], ids=["village-named-like-a-person", "surname-after-given-name", "western-desert-not-sahara"])
def test_real_sentences(parser, text, expected):
    assert names(parser, text) == expected


@pytest.mark.parametrize(("text", "place"), [
    ("وصل الوفد إلى القاهرة أمس", "Cairo"),
    ("وصل الوفد إلى دمشق أمس", "Damascus"),
    ("وصل الوفد إلى لندن أمس", "London"),
    ("زار الملك عمّان أمس", "Amman"),
    ("وصل الوزير إلى سلطنة عمان", "Oman"),
], ids=["cairo", "damascus", "london", "amman", "sultanate-oman"])
def test_famous_places_are_no_ordinary_words(parser, text, place):
    """A frequent name that no dictionary holds is frequent because the place is famous."""
    assert [m.name_en for m in parser.parse(text)] == [place]


@pytest.mark.parametrize(("text", "place"), [
    ("وصلت الباخرة إلى أم قصر صباح اليوم", "Umm Qasr"),
    ("سقط صاروخان على عين الأسد فجر اليوم", "Al Asad Airbase"),
    ("اشتدت المعارك في عين العرب أمس", "‘Ayn al ‘Arab"),
], ids=["umm-qasr", "ain-al-asad", "ain-al-arab"])
def test_a_name_of_frequent_words_is_a_rare_phrase(parser, text, place):
    """أم قصر is two frequent words ("mother", "palace") but a rare phrase: a town's name
    is taken as the phrase it is, not as frequent as its rarest word."""
    assert [m.name_en for m in parser.parse(text)] == [place]


@pytest.mark.parametrize("text", [
    "فرار عناصر داعش من الباغوز السورية",  # the country's adjective
    "عوائل عراقية عالقة في الهول السوري",
    "معارك عنيفة في السوسة بريف دير الزور الشرقي",  # the countryside of a Syrian town
    "قتلى في هجوم على الباغوز. وتشهد سوريا معارك عنيفة",  # the country named elsewhere
], ids=["adjective", "masculine-adjective", "countryside", "country-named"])
def test_a_syrian_village_is_found_where_the_text_puts_it_in_syria(parser, text):
    assert [m.country for m in parser.parse(text) if m.feature == "village"] == ["SY"]


@pytest.mark.parametrize("text", [
    "قال اللواء علي الحمداني إن القوات تقدمت",  # علي, a given name only after a title
    "وقال الفريق علي غيدان إنه تسلم الأوامر",
    "وقال الوزير لا نميل إلى التدخل",  # a village's name read as a verb after "لا"
], ids=["ali-after-a-rank", "ali-after-a-rank-2", "verb-after-la"])
def test_a_villages_name_used_as_a_surname_or_a_verb_is_no_place(parser, text):
    assert names(parser, text) == []


def test_a_town_after_la_is_still_a_place(parser):
    assert [n for n, _ in names(parser, "لا بغداد ولا أربيل")] == ["بغداد", "أربيل"]


@pytest.mark.parametrize(("text", "place"), [
    ("انفجار عبوة ناسفة في الدورة ببغداد", "Dora"),
    ("اشتباكات في الملعب بالرمادي", "Mal'ab (Ramadi)"),
    ("انفجار في باب الطوب بالموصل", "Bab al-Tob"),
], ids=["dora", "malab", "bab-al-tob"])
def test_a_neighbourhood_named_by_a_word_is_placed_by_in_on_its_town(parser, text, place):
    """"ببغداد": the proclitic "in" on the town is evidence as "في بغداد" would be."""
    assert [m.name_en for m in parser.parse(text)][0] == place


@pytest.mark.parametrize(("text", "place"), [
    ("انفجار عبوة ناسفة في منطقة الدورة", "Dora"),
    ("انفجار عبوة ناسفة في منطقة الغزالية غربي بغداد", "Ghazaliya"),
], ids=["dora", "ghazaliya-west-of-baghdad"])
def test_a_citys_neighbourhood_comes_before_a_village_of_its_name(parser, text, place):
    assert [m.name_en for m in parser.parse(text)][0] == place


def test_in_on_a_country_is_no_evidence(parser):
    assert names(parser, "زار كارتر في 23 يوليو/تموز، بالعراق القوات") == [("العراق", "Iraq")]


def test_a_force_named_after_a_city_is_no_place(parser):
    assert names(parser, "قال قائد فيلق القدس قاسم سليماني") == []


def test_an_ordinary_word_before_a_countrys_adjective_is_no_place(parser):
    assert names(parser, "أعلنت الشرطة العراقية وأعلن الشعب السوري") == []


def test_a_village_near_the_border_with_a_country_is_not_put_in_it(parser):
    found = parser.parse("قصف إيراني على سيدكان قرب الحدود مع إيران")
    assert [(m.name_en, m.country) for m in found] == [("Sidakan", "IQ"), ("Iran", "IR")]


def test_a_villages_name_of_frequent_words_still_needs_a_head(parser):
    """A village's name must be rare even as its rarest word: أبو بكر is a man."""
    assert names(parser, "ظهر أبو بكر في تسجيل مصور") == []
    assert names(parser, "اشتباكات في قرية أبو بكر") != []


@pytest.mark.parametrize("text", [
    "مشهد مؤلم في الشارع",
    "أعلن التنظيم الخلافة من الجامع",
    "وصل الجميع بأمان",
    "عاد إلى مسقط رأسه",
    "زار مرقد الإمام الكاظم",
    "انتخاب نائبين جديدين",
    "قالت صحيفة ديلي ميل البريطانية",
], ids=["scene", "caliphate", "safely", "birthplace", "shrine-is-an-iranian-village",
        "two-deputies-is-an-iranian-village", "daily-mail"])
def test_words_that_also_name_places_need_a_head(parser, text):
    """Dictionary words (مشهد "scene"), and the Persian and Turkish names of villages
    near the border, which are often Arabic words, are no places without a head word."""
    assert names(parser, text) == []


def test_dictionary_word_after_a_head_is_a_place(parser):
    assert names(parser, "زار مدينة مشهد الإيرانية") == [("مشهد", "Mashhad")]


def test_a_syrian_border_village_after_its_head(parser):
    found = parser.parse("معارك في قرية الباغوز شرقي دير الزور")
    assert [(m.name_en, m.country) for m in found] == [("Baghuz", "SY"), ("Deir ez-Zor", "SY")]


@pytest.mark.parametrize(("text", "place", "feature"), [
    ("انفجار عبوة في حي التأميم غربي الرمادي", "Ta'mim (Ramadi)", "neighbourhood"),
    ("في حي نزال وسط مدينة الفلوجة", "Nazzal", "neighbourhood"),
    ("بحي الكرادة وسط العاصمة بغداد", "Karrada", "neighbourhood"),
    ("قصف صاروخي على قاعدة عين الأسد", "Al Asad Airbase", "base"),
    ("هجوم بطائرة مسيرة على قاعدة حرير", "Harir Air Base", "base"),
    ("سقوط صاروخ قرب مطار بغداد الدولي", "Baghdad International Airport", "base"),
    ("قرب السفارة في المنطقة الخضراء", "Green Zone (Baghdad)", "neighbourhood"),
    ("انتشال جثة من نهر دجلة", "Tigris", "river"),
    ("قرب نهر الزاب الكبير", "Great Zab", "river"),
    ("في مياه الخليج العربي", "Persian Gulf", "sea"),
], ids=["tamim-ramadi", "nazzal", "karrada", "ain-al-asad", "harir", "baghdad-airport",
        "green-zone", "tigris", "great-zab", "gulf"])
def test_neighbourhoods_bases_and_water(parser, text, place, feature):
    assert (place, feature) in [(m.name_en, m.feature) for m in parser.parse(text)]


def test_hayy_means_a_neighbourhood_never_a_village(parser):
    """"حي X" with no neighbourhood X: an unlisted neighbourhood, not a village of that name."""
    found = parser.parse("انفجار في حي البو عيثة")
    assert all(m.feature != "village" for m in found)
    assert [m.feature for m in found] == ["neighbourhood"]


def test_unlisted_place_inside_the_place_the_phrase_names(parser):
    (m, *_) = parser.parse("انفجار في منطقة الحراريات التابعة لقضاء الكرمة، شرقي الفلوجة")
    assert (m.text, m.place_id, m.admin1, m.geo_precision) == (
        "منطقة الحراريات", None, "Al-Anbar", "near")  # by the town of Karma
    (m, *_) = parser.parse("انفجار في منطقة الحراريات التابعة لمحافظة الأنبار")
    assert (m.admin1, m.geo_precision) == ("Al-Anbar", "governorate")


def test_unlisted_place_at_a_distance_and_bearing():
    """"35 كلم شمال X": a point 35 km north of X, its radius grown with the distance."""
    from geopy.distance import great_circle

    parser = Geoparser()
    found = parser.parse("اشتباكات في منطقة الزركاء 35 كلم شمال الرمادي")
    (m,) = [m for m in found if m.place_id is None]
    ramadi = next(f for f in found if f.name_en == "Ramadi")
    assert great_circle((ramadi.lat, ramadi.lon), (m.lat, m.lon)).km == pytest.approx(35, abs=0.5)
    assert m.lat > ramadi.lat + 0.3 and abs(m.lon - ramadi.lon) < 0.01  # due north
    assert m.geo_precision == "near" and m.radius_km >= 35 * 0.3


def test_unlisted_place_falls_back_to_the_article_focus(parser):
    found = parser.parse("اشتباكات في قضاء الحويجة. وهاجم مسلحون قرية الكنعوص ليلا")
    (m,) = [m for m in found if m.place_id is None]
    assert (m.admin1, m.geo_precision) == ("Kirkuk", "district")
    assert m.confidence < 0.5


def test_a_neighbourhood_of_another_city_is_no_answer(parser):
    """Nasiriyah's حي سومر is no neighbourhood of Mosul: the place is one the gazetteer
    lacks, put where the phrase says (east of Mosul)."""
    (m, mosul) = parser.parse("على جدران مركز شرطة حي سومر شرقي الموصل")
    assert (m.place_id, m.admin1, m.geo_precision) == (None, "Ninewa", "near")
    assert mosul.name_en == "Mosul"
