"""The event extractor: incidents, their type, place, sides and casualties (EVENTS.md).

The sentences are written for these tests in the shapes Iraqi and pan-Arab outlets use:
Telegram headlines, Security Media Cell statements, wire-service round-ups.
"""

import pytest

from gazetteer.documents import Document
from gazetteer.pipeline import Extractor


@pytest.fixture(scope="module")
def extractor():
    return Extractor()


def events_of(extractor, text, published=None):
    doc = Document("t.txt", "t.txt", text, published=published)
    return extractor.extract(doc).events


def incidents(events):
    """One event per incident: the first report of each id."""
    seen = {}
    for e in events:
        seen.setdefault(e.id, e)
    return list(seen.values())


def only(extractor, text):
    found = incidents(events_of(extractor, text))
    assert len(found) == 1, [(e.type, e.start) for e in found]
    return found[0]


@pytest.mark.parametrize("text, kind", [
    ("نفذت طائرات F-16 العراقية ضربتين جويتين استهدفتا وكراً لعصابات داعش في وادي الشاي "
     "بمحافظة كركوك.", "air_strike"),
    ("مسيرة مجهولة تستهدف مقراً لحزب معارض في قضاء كويسنجق بمحافظة أربيل.", "air_strike"),
    ("هجوم بالطيران المسير الانتحاري يستهدف مقراً لحزب معارض في محافظة السليمانية.",
     "air_strike"),
    ("استهداف مقرات حزب معارض في قضاء كويسنجق بمحافظة أربيل شمالي العراق بطائرة مسيرة.",
     "air_strike"),
    # the weapon in the dual, which the vocabulary does not list
    ("استهداف مقر لحزب معارض في محافظة أربيل بطائرتين مسيّرتين.", "air_strike"),
    ("استهدفت عبوتان ناسفتان مقر الحزب في وسط بغداد.", "explosion"),
    # a car bomb, though the phrase also names what forces seize
    ("قتل تسعة أشخاص في هجوم بسيارة مفخخة بحي الكرادة وسط بغداد.", "explosion"),
    # destroyed before it could strike: "معدة ل" made ready for
    ("دمرت القوات الأمنية ثلاث عجلات مفخخة كانت معدة لاستهداف آليات الجيش شرقي الرمادي.",
     "weapons_seized"),
    ("سقوط ثلاث قذائف هاون على قاعدة عسكرية في قضاء بلد جنوب صلاح الدين.", "shelling"),
    # rockets fired: by an aircraft, from the air
    ("طائرة عسكرية عراقية أطلقت صاروخين على أحد المنازل في قضاء الرطبة ما أسفر عن مقتل 16 "
     "شخصا.", "air_strike"),
    ("عناصر داعش أطلقت صاروخين مستهدفة ثكنات عسكرية للبيشمركة في قرية حسن شامي.", "shelling"),
    ("هجوم صاروخي يستهدف محيط مطار أربيل الدولي فجر اليوم.", "shelling"),
    ("انفجار عبوة ناسفة على دورية للجيش في قضاء الطارمية شمال بغداد.", "explosion"),
    ("انتحاري يفجر حزاماً ناسفاً وسط سوق شعبي في مدينة تكريت.", "suicide_bombing"),
    # a belt that went off; one only worn is no bombing
    ("فجر إرهابي حزاما ناسفا كان يرتديه وسط سوق في مدينة بعقوبة.", "suicide_bombing"),
    ("قتل 8 إرهابيين يحملون أحزمة ناسفة أثناء محاولتهم مهاجمة قاعدة في قضاء هيت.",
     "security_operation"),
    ("قال مسؤول إن مهاجما انتحاريا فجر سترته الناسفة في حمام سباحة ببلدة طوز خورماتو.",
     "suicide_bombing"),
    ("هجوم مسير يستهدف موقعا لحزب معارض في قضاء كويسنجق بمحافظة أربيل.", "air_strike"),
    ("اندلاع اشتباكات مسلحة بين القوات الأمنية وعناصر داعش في أطراف ناحية العظيم.",
     "armed_clash"),
    ("كمين لعناصر داعش يستهدف قوة من الجيش في جبال حمرين.", "armed_clash"),
    ("مسلحون مجهولون يغتالون مختاراً بإطلاق نار أمام منزله في قضاء الحويجة.", "attack"),
    ("مجهولون يلقون قنبلة يدوية على منزل مواطن في قضاء المقدادية.", "attack"),
    ("مسلحون يختطفون مهندساً من منزله في قضاء الخالص بمحافظة ديالى.", "abduction"),
    ("القبض على ثلاثة إرهابيين في قضاء الرطبة بمحافظة الأنبار.", "arrest"),
    # on charges: an arrest all the same
    ("إلقاء القبض على السياسي أحمد الجبوري بتهم فساد في بغداد.", "arrest"),
    # "فجر" before a day is the dawn, no "فجّر" (detonated)
    ("اعتقلت القوات الأمنية فجر اليوم ثلاثة متهمين في حي الجهاد ببغداد.", "arrest"),
    ("فجر انتحاري نفسه في سوق شعبي بمدينة بعقوبة.", "suicide_bombing"),
    ("العثور على كدس للأسلحة والعتاد داخل نفق في صحراء الأنبار.", "weapons_seized"),
    ("قوة من الحشد الشعبي تفكك عبوة ناسفة على طريق تكريت سامراء.", "weapons_seized"),
    ("انطلاق عملية أمنية واسعة لتفتيش وادي حوران في محافظة الأنبار.", "security_operation"),
    ("قوات جهاز مكافحة الإرهاب تداهم أوكاراً لداعش في قضاء الشرقاط.", "security_operation"),
])
def test_each_type_from_its_sentence_shape(extractor, text, kind):
    assert only(extractor, text).type == kind


@pytest.mark.parametrize("text, killed, wounded", [
    ("مقتل أربعة جنود وإصابة ثلاثة آخرين بانفجار عبوة ناسفة في قضاء الطارمية.", 4, 3),
    ("انفجار عبوة ناسفة في قضاء الدجيل ؛ اثنان شهداء كحصيلة أولية.", 2, None),
    ("هجوم مسلح في سوق قضاء خانقين يسفر عن مقتل شخص واصابة اخر.", 1, None),
    ("انفجار سيارة مفخخة في مدينة الموصل أدى إلى مقتل ١٢ شخصاً وإصابة ٣٠ آخرين.", 12, 30),
    ("انفجار عبوة في ناحية المنصورية أسفر عن إصابة تسعة شرطيين وستة عناصر من الجيش "
     "وأربعة مدنيين.", None, 19),
    ("سقوط قذائف على قاعدة بلد الجوية لم يسفر عن وقوع ضحايا.", 0, 0),
    ("اشتباكات عنيفة في قضاء سنجار أسفرت عن مقتل العشرات من عناصر داعش.", None, None),
    ("انفجار لغم في ناحية العلم يسفر عن مقتل شخصين.", 2, None),
    ("مقتل 19 مسلحاً من داعش، بينهم قيادي بارز، بضربة جوية في وادي الشاي.", 19, None),
    ("أفاد مصدر أمني بسقوط 4 قتلى و9 جرحى في اشتباكات مسلحة قرب مدينة بلد.", 4, 9),
    ("مسلحون يعترضون طريق شاب في قضاء سنجار ويقتلونه بإطلاق نار.", 1, None),
    ("تقدمت القوات في قضاء هيت بعد اشتباكات مع داعش قتل فيها 35 من عناصر التنظيم.", 35,
     None),
    # one officer, by his rank
    ("ولقي العميد محمد الجبوري مصرعه خلال اشتباكات مع داعش في قضاء الشرقاط.", 1, None),
    # "took the lives of", its feminine past and its present
    ("انفجار عبوة ناسفة في قضاء الطارمية أودى بحياة ثلاثة جنود.", 3, None),
    ("انفجرت سيارة مفخخة في ناحية جلولاء أودت بحياة خمسة مدنيين.", 5, None),
    ("هجوم مسلح في قضاء الطارمية يودي بحياة 4 أشخاص.", 4, None),
    # nouns in ة that fold like a verb with its pronoun (قتله، قضيه): no one killed
    ("اعتقلت القوات الأمنية قتلة الصحفي في قضاء الطارمية.", None, None),
    ("تتابع الوزارة قضية اختطاف مسؤول في محافظة الأنبار.", None, None),
    # the killed and wounded together: neither's count
    ("انفجار سيارتين مفخختين في منطقة الثرثار أسفر عن مقتل وجرح 45 من الجيش.", None, None),
    ("ارتفعت حصيلة تفجير السيارة المفخخة في بغداد الجديدة إلى 66 قتيلا وجريحا.", None, None),
    # each with its count
    ("انفجار سيارة مفخخة في حي الكرادة ببغداد خلف 19 قتيلا وإصابة 30.", 19, 30),
    # ... unless a comma parts the two
    ("انفجار عبوة ناسفة في منطقة الحبيبية، قتل فيها شخص، وأصيب خمسة آخرون.", 1, 5),
    # things counted are no one
    ("غارات جوية على مواقع داعش قرب الحسكة أصابت خمس وحدات من المقاتلين.", None, None),
    ("وقال البيان إن التحالف نفذ 21 ضربة جوية أصابت مواقع لداعش قرب الموصل.", None, None),
    # a distance is no one
    ("ثورة في منطقة كبيسة (70 كلم غرب الرمادي) وتم قتل الكثير من مسلحي تنظيم داعش.",
     None, None),
    # each toll its own, though "and" and "more than" stand between
    ("أسفر التفجير في بغداد عن سقوط أكثر من 80 قتيلا، وأكثر من 200 جريح.", 80, 200),
    # the subject between the verb and its count
    ("قتلت القوات الأمنية 10 من عناصر تنظيم داعش في قضاء حديثة.", 10, None),
    ("قتل مسلحون ثلاثة مدنيين في قضاء هيت.", 3, None),
])
def test_casualties_in_digits_words_and_duals(extractor, text, killed, wounded):
    event = only(extractor, text)
    assert (event.killed, event.wounded) == (killed, wounded)


@pytest.mark.parametrize("text, sides", [
    ("اشتباكات بين قوات البيشمركة وعناصر داعش في قضاء مخمور.", {"Peshmerga", "ISIS"}),
    ("غارات جوية تركية على مقرات حزب العمال الكردستاني في قضاء العمادية.",
     {"Turkey", "PKK"}),
    ("قوة من الحشد الشعبي تشتبك مع عصابات إرهابية في جزيرة سامراء.", {"PMF", "ISIS"}),
    ("مسلحون مجهولون يقتلون طالباً جامعياً في قضاء الزبير.", {"gunmen", "civilians"}),
    ("طيران التحالف الدولي يقصف مواقع لداعش في جبال مكحول.", {"Coalition", "ISIS"}),
    # indefinite forces, an officer by his rank
    ("اشتبكت قوات أمنية مع عناصر داعش في قضاء الحويجة.", {"ISF", "ISIS"}),
    ("مقتل العميد سعد الدليمي بانفجار عبوة ناسفة زرعها داعش في قضاء هيت.", {"ISF", "ISIS"}),
    # a side named by its adjective on the deed, not on a border
    ("مشاهد من الهجوم الإيراني الذي استهدف مواقع المعارضة الكردية الإيرانية في قضاء كويسنجق.",
     {"Iran", "other"}),
    ("انفجارات عند الحدود العراقية الإيرانية سمع دويها في قضاء بنجوين.", set()),
    ("مقتل عدد من عناصر داعش خلال الضربات الجوية للطيران العراقي في وادي الشاي.",
     {"ISF", "ISIS"}),
    # the coalition's task force, no Iraqi joint command
    ("وقال بيان لقوة المهام المشتركة إن خمس غارات جوية قرب الرمادي ضربت وحدات لداعش.",
     {"Coalition", "ISIS"}),
    # soldiers of the force their clause names
    ("أعلن بيان للجيش التركي مقتل جندي في هجوم شنه حزب العمال الكردستاني شمالي العراق.",
     {"Turkey", "PKK"}),
])
def test_actor_codes(extractor, text, sides):
    assert set(only(extractor, text).actors) == sides


@pytest.mark.parametrize("text, place", [
    # the village, not the district that holds it
    ("انفجار عبوة ناسفة في قرية البو عيسى التابعة لقضاء الفلوجة.", "البو عيسى"),
    # the place, not the reference point of a distance and bearing
    ("هجوم انتحاري يستهدف نقطة تفتيش في بلدة الطارمية على بعد 25 كيلومترا شمال بغداد.",
     "الطارمية"),
    ("انفجار سيارة مفخخة في قضاء البعاج شمال غرب بغداد.", "البعاج"),
    # a part of a town, not a point off it, is in the town ...
    ("دخلت قوات الأمن جامعة الأنبار في جنوب مدينة الرمادي بمحافظة الأنبار واشتبكت مع "
     "مسلحي داعش.", "الرمادي"),
    # ... but the north of a capital may be a region beyond it
    ("قتل 25 شخصا في هجمات متفرقة نفذها متشددون في محافظتي كركوك ونينوى في شمال بغداد.",
     "كركوك"),
    # not the governorate whose council the victim sat on
    ("اختطاف عضو في مجلس محافظة الأنبار في تركيا.", "تركيا"),
    # ... but the place of an institution's building, failing another
    ("انفجار عبوة ناسفة قرب مقر شرطة أربيل في شمال العراق.", "أربيل"),
    # not the country whose aircraft struck
    ("نفذت طائرات الولايات المتحدة غارة جوية على مواقع داعش في العراق.", "العراق"),
    # not a village named as the count is ("جنديان": two soldiers, a village of Erbil)
    ("قتل جنديان تركيان في هجوم شنه مسلحون من حزب العمال شمالي العراق.", "العراق"),
    # nor the one that leads the coalition
    ("قال الجيش إن القوات التي تقودها الولايات المتحدة شنت 16 غارة جوية في العراق.", "العراق"),
    # not a capital that speaks or acts for its government
    ("ووقع الهجوم المسلح وسط محافظة كركوك التي استعادتها بغداد من الإقليم.", "كركوك"),
    ("أعلنت أنقرة مقتل جندي خلال عمليات للجيش التركي ضد حزب العمال شمالي العراق.", "العراق"),
])
def test_the_scene_is_the_most_precise_place_of_the_incident(extractor, text, place):
    event = only(extractor, text)
    assert event.place is not None and event.place.text == place


def test_a_bearing_gives_the_named_place_near(extractor):
    event = only(extractor, "اشتباكات عنيفة مع عناصر داعش على بعد 25 كلم غرب الرمادي.")
    assert event.place.text == "الرمادي"
    assert event.place.geo_precision == "near"


def test_one_incident_reported_in_headline_lead_and_details(extractor):
    text = ("القوات العراقية تقتل عنصرين من داعش في كركوك\n"
            "أعلنت خلية الإعلام الأمني قتل عنصرين من تنظيم داعش في وادي الشاي ضمن قاطع "
            "عمليات كركوك. وذكرت الخلية أن طائرات F-16 وجهت ضربات جوية لهؤلاء الإرهابيين.\n"
            "وفي سياق منفصل، انفجرت عبوة ناسفة في قضاء الطارمية شمال بغداد.")
    found = events_of(extractor, text)
    strike = [e for e in found if e.id == found[0].id]
    assert len(strike) == 3
    assert {e.type for e in strike} == {"air_strike"}
    assert strike[0].place.text == "وادي الشاي"  # the most precise the reports give
    assert strike[0].killed == 2
    others = incidents(found)[1:]
    assert [(e.type, e.place.text) for e in others] == [("explosion", "الطارمية")]


def test_a_later_report_refers_back_and_keeps_its_own_span(extractor):
    text = ("استهدف تفجير انتحاري صباح الأحد سوقاً شعبياً في مدينة كركوك، ما أوقع 19 جريحاً. "
            "والتفجير هو الأول من نوعه في المدينة منذ الانتخابات.")
    found = events_of(extractor, text)
    assert len({e.id for e in found}) == 1 and len(found) == 2
    assert found[1].start > found[0].end
    assert text[found[1].start:found[1].end].startswith("والتفجير")


def test_an_earlier_toll_of_the_incident_refers_back_to_it(extractor):
    # another toll, and a relative clause after the bombing it counts
    text = ("أدى تفجير سيارة مفخخة في سوق بمنطقة بغداد الجديدة إلى مقتل 19 شخصا وإصابة 43. "
            "وكانت حصيلة غير نهائية للتفجير الذي استهدف السوق أفادت عن مقتل 17 شخصا.")
    found = events_of(extractor, text)
    assert len(found) == 2 and len({e.id for e in found}) == 1
    assert (found[0].killed, found[0].wounded) == (19, 43)


@pytest.mark.parametrize("text, kinds", [
    ("نفذت قوات الجيش عملية أمنية في قضاء الطارمية لمصادرة الأسلحة غير المرخصة.",
     ["security_operation"]),
    ("انطلقت حملة في ناحية جلولاء لضبط الأسلحة والبحث عن المطلوبين.", []),
    ("خشية تعرضهم للاعتقال في مدينة الموصل، غادر المئات منازلهم.", []),
    ("تمكنت القوات من ضبط كدس للأسلحة في قضاء هيت.", ["weapons_seized"]),
], ids=["operation-to-seize", "campaign-to-seize", "fear-of-arrest", "seized"])
def test_a_seizure_or_arrest_meant_is_none_done(extractor, text, kinds):
    """"لمصادرة": the proclitic of purpose makes a seizure, an arrest or a raid what was
    meant, not what was done."""
    assert [e.type for e in incidents(events_of(extractor, text))] == kinds


@pytest.mark.parametrize("text, kind", [
    ("مقتل ثلاثة مقاتلين على يد الإرهابيين في قضاء الطارمية.", "attack"),
    ("عثر على رفات 12 مقاتلا في مدينة الفلوجة قتلوا على يد تنظيم داعش.", "attack"),
    ("مقتل ثلاثة عناصر من داعش على يد القوات الأمنية في قضاء الطارمية.",
     "security_operation"),
], ids=["by-terrorists", "by-isis", "by-the-forces"])
def test_a_killing_by_militants_is_an_attack(extractor, text, kind):
    """"على يد" names who killed: ISIS then did it, whoever died."""
    assert only(extractor, text).type == kind


def test_a_noun_in_ta_marbuta_is_no_verb_with_its_pronoun(extractor):
    """"قبضة" (grip) folds like "قبضه" (he seized him)."""
    text = "وتمكنت القوات من إخراج مدينة الرمادي من قبضة داعش في عام 2015."
    assert [e.type for e in events_of(extractor, text)] == []
    assert only(extractor, "داهمت القوات منزلا في قضاء الطارمية وقبضت على متهم.").type == "arrest"


def test_a_report_that_refers_back_from_another_place_is_another_incident(extractor):
    """"الهجوم" refers back, but to no incident of Kifri when it names a town of Basra."""
    text = ("اشتبكت قوات البيشمركة مع مسلحي داعش في قضاء كفري ما أسفر عن مقتل 12 مسلحا. "
            "وفي البصرة، أعلنت الشرطة أن الهجوم استهدف سوقا في مدينة الزبير.")
    found = incidents(events_of(extractor, text))
    assert [(e.type, e.place.text) for e in found] == [
        ("armed_clash", "كفري"), ("attack", "الزبير")]


def test_a_turn_to_another_report_starts_a_clause(extractor):
    # no full stop before "من جهة أخرى"
    found = incidents(events_of(
        extractor, "ارتفعت حصيلة التفجير في بغداد الجديدة إلى 66 قتيلا وجريحا من جهة أخرى أفاد "
                   "مصدر أمني باندلاع اشتباكات عنيفة جنوب الرمادي."))
    assert [(e.type, e.place.text) for e in found] == [("explosion", "بغداد الجديدة"),
                                                       ("armed_clash", "الرمادي")]


def test_two_incidents_in_one_sentence_split_at_the_clause(extractor):
    found = incidents(events_of(
        extractor, "ضبط كدس من الأسلحة في قضاء هيت، وإلقاء القبض على ثلاثة متهمين."))
    assert [e.type for e in found] == ["weapons_seized", "arrest"]
    assert found[0].end <= found[1].start


@pytest.mark.parametrize("text, found", [
    # bombarding without a weapon of its own goes on with the strikes before it
    ("وأضاف البيان أن التحالف شن أيضا 13 غارة جوية في سوريا تركزت خمس منها قرب عين العرب "
     "وقصفت وحدات تكتيكية تابعة للتنظيم ودمرت مواقع قتالية.", [("air_strike", "عين العرب")]),
    # with its own weapon it is another incident
    ("شنت طائرات التحالف غارات جوية على مواقع لداعش قرب الموصل، وقصفت المدفعية مواقع أخرى "
     "قرب تلعفر.", [("air_strike", "الموصل"), ("shelling", "تلعفر")]),
])
def test_a_bombardment_without_its_weapon_goes_on_with_the_strikes(extractor, text, found):
    assert [(e.type, e.place.text) for e in incidents(events_of(extractor, text))] == found


def test_round_up_and_its_parts_stay_apart(extractor):
    text = ("قتل 32 شخصا في تفجيرات في أنحاء العراق. وفي الهجوم الأكثر دموية انفجرت سيارة "
            "ملغومة في حي بغداد الجديدة، ما أدى إلى مقتل 16 شخصا.")
    found = incidents(events_of(extractor, text))
    assert [e.killed for e in found] == [32, 16]


@pytest.mark.parametrize("text", [
    # a meeting and a plan
    "اللجنة الأمنية تعقد اجتماعاً في بغداد لمنع أي عمليات تسلل عبر الحدود.",
    "ستنفذ قوات الجيش والبيشمركة عمليات أمنية مشتركة في المناطق المتنازع عليها.",
    # a denial
    "تنفي هيئة الحشد الشعبي وقوع اشتباك مسلح في مدينة سامراء وتؤكد أن الأنباء عارية عن الصحة.",
    "مصدر أمني: لا توجد أي انفجارات في أربيل.",
    # an accident
    "استشهاد اثنين من منتسبي الجيش إثر حادث سير قرب قضاء الرطبة.",
    # a count over years, a generic claim, a habit
    "قتلنا 23 من قيادات داعش خلال ثلاث سنوات في مناطق كركوك.",
    "داعش لم يعد قادراً على شن هجمات في العراق.",
    "ما زالوا يشنون هجمات خاطفة بين الحين والآخر في صحراء الأنبار.",
    "وهذه ليست المرة الأولى التي تستهدف فيها مخازن المفوضية في كركوك.",
    # a capability, a refusal, a few words before what they govern
    "لا يزال المتشددون في محيط كركوك قادرين على نصب حواجز وخطف عابرين.",
    "أبلغ العراق أنقرة رفض بغداد لقيام أنقرة بعمليات عسكرية في قضاء سنجار.",
    # a court, a threat
    "أصدرت المحكمة الجنائية المركزية حكماً بالإعدام بحق إرهابي في بغداد.",
    "وفي 15 ديسمبر، تم إعدام 38 شخصا بتهمة الإرهاب في سجن الناصرية بجنوب العراق.",
    "أعدم العراق 12 مدانا بالإرهاب في سجن الناصرية، حسبما أعلن مكتب رئيس الوزراء.",
    # a pledge, a discussion to come, a habit since a month
    "وتعهد رئيس الوزراء الخميس بالرد على إعدام الرهائن الثمانية في كركوك.",
    "وسيبحث الوزير في زيارته العمليات العسكرية في محافظة الأنبار.",
    "ويشن التحالف غارات على مواقع التنظيم في العراق وسوريا منذ أغسطس 2014.",
    "وكثيرا ما تنفذ تركيا ضربات جوية في شمال العراق.",
    # a threat, a permission refused, a preparation
    "ونشرت وكالة أعماق فيديو يهدد فيه مسلح ملثم الحكومة العراقية بإعدام 6 أشخاص في كركوك.",
    "وشدد الوزير على عدم سماح العراق بوجود أي قوات على أراضيه لتقوم بعمليات عسكرية في سنجار.",
    "وتسعى القوات إلى فرض طوق على مدينة الرمادي تمهيدا لشن هجوم شامل عليها.",
    "رئيس الوزراء التركي: قد تنفذ قواتنا عمليات عسكرية في قضاء سنجار إذا اقتضت الحاجة.",
    # a pause
    "أوقفت القوات العراقية القصف الجوي والمدفعي على أحياء الفلوجة.",
    # what did not happen, what a debate is about
    "سقوط طائرة مسيرة في قضاء الفاو من دون أن تنفجر.",
    "البرلمان يناقش تقريراً بخصوص استشهاد صياد في محافظة البصرة.",
    # "received" (a present form of "لقي حتفه" in writing)
    "في السنوات الثلاث الماضية، تلقى داعش أكبر الضربات في قضاء الحويجة.",
    # an intention, a call
    "وصلت معلومات عن نية الإرهابيين تفجير سيارة مفخخة في بعقوبة.",
    "أعاد التنظيم نشر دعوته إلى ضرب فرنسا في شريط مصور.",
    # a plan with a verb that also fires rockets
    "وقال وزير الخارجية التركي إن جيش بلاده سيطلق هجوما في شمال العراق.",
    # a call, a fear, an expectation: the incidents the rest of the sentence names are wished
    "ودعا البرلماني عن محافظة الأنبار إلى المحافظة على أرواح المدنيين خلال العمليات "
    "العسكرية التي تنفذها القوات في الرمادي.",
    "ويتخوف مختصون أن يقوم تنظيم داعش بعد تحول موقفه إلى الدفاع بتنفيذ هجمات كبيرة على "
    "ناحية الخالدية.",
    "وتوقع الخبير العسكري تنفيذ التنظيم هجمات كبرى على مدن الأنبار مثل ناحية البغدادي.",
])
def test_statements_that_are_no_incident(extractor, text):
    assert events_of(extractor, text) == ()


def test_an_operation_announced_near_is_none_but_a_deed_after_it_is(extractor):
    text = ("أعلنت محافظة الأنبار قرب تنفيذ المرحلة الثانية من العملية العسكرية لتطهير مدنها، "
            "واعتقلت القوات الأمنية العشرات من عناصر التنظيم قرب الفلوجة.")
    assert [e.type for e in incidents(events_of(extractor, text))] == ["arrest"]
    # what a deed was to help is no deed
    text = "وشنت طائرات تورنيدو ضربات جوية لمساعدة القوات العراقية على صد داعش قرب بيجي."
    assert [e.type for e in incidents(events_of(extractor, text))] == ["air_strike"]


def test_who_was_among_the_dead_types_nothing(extractor):
    event = only(extractor, "قتلت القوات الأمنية 10 من عناصر تنظيم داعش، بينهم انتحاري، "
                            "في قضاء حديثة.")
    assert event.type == "security_operation"


def test_a_call_reaches_no_deed_reported_after_it(extractor):
    event = only(extractor, "وحذر محافظ ديالى من تدهور الأوضاع بعد أن فجر انتحاري نفسه "
                            "في سوق ناحية خان بني سعد.")
    assert event.type == "suicide_bombing" and event.place.text == "خان بني سعد"


@pytest.mark.parametrize("text, kinds", [
    # the strikes supported the storming: no air strike of their own
    ("وتمكنت القوات الخاصة من دخول حرم جامعة الأنبار فجر الأحد مدعومة بغارات مكثفة من "
     "التحالف الدولي.", []),
    # nor the type of the fighting they supported
    ("اشتبكت القوات العراقية مع مسلحي داعش قرب الرمادي بدعم من ضربات جوية للتحالف.",
     ["armed_clash"]),
])
def test_strikes_that_supported_a_deed_are_part_of_it(extractor, text, kinds):
    assert [e.type for e in incidents(events_of(extractor, text))] == kinds


def test_a_future_form_that_names_a_place_is_the_place(extractor):
    # "سيدكان" also reads as "they two will pound" (س + يدك + ان)
    event = only(extractor, "قصف الجيش التركي مواقع حزب العمال في قضاء سيدكان.")
    assert event.place.text == "سيدكان"


def test_place_names_are_not_event_words(extractor):
    # "بعقوبة" reads as "ب" + "عقوبة" (a penalty): the city keeps the operation an event.
    event = only(extractor, "مقتل سبعة إرهابيين بعملية عسكرية في تلال حمرين شمال شرقي بعقوبة.")
    assert event.type == "security_operation" and event.killed == 7


def test_a_report_dated_years_back_is_history(extractor):
    text = ("اقتحم ثلاثة مسلحين مبنى المحافظة في مدينة أربيل وقتلوا أحد الموظفين. وسبق لتنظيم "
            "داعش أن هاجم مبنى وزارة داخلية الإقليم في أربيل العام 2015، مما أسفر عن قتلى وجرحى.")
    found = incidents(events_of(extractor, text, published="2018-07-23"))
    assert [(e.type, e.killed, e.date) for e in found] == [("attack", 1, None)]
    # the same attack written of in 2015 is the news
    assert len(incidents(events_of(extractor, text, published="2015-02-01"))) == 1


def test_events_follow_the_extract_format(extractor):
    text = "انفجار عبوة ناسفة في قضاء الفلوجة أمس يسفر عن إصابة شخص واحد."
    doc = Document("t.txt", "t.txt", text, published="2026-07-02")
    (event,) = extractor.extract(doc).to_json()["events"]
    assert {"id", "start", "end", "type", "place", "lat", "lon", "date", "actors", "killed",
            "wounded"} <= event.keys()
    assert text[event["place"]["start"]:event["place"]["end"]] == "الفلوجة"
    assert event["date"] == "2026-07-01" and event["wounded"] == 1


def test_no_incident_from_comments_and_furniture_marked(extractor, seed_docs):
    events = extractor.extract(seed_docs["002_ae074324c6d5186d.txt"]).events
    assert events and {e.segment for e in events} <= {"body", "boilerplate"}
    assert all(e.segment == "boilerplate" for e in events if e.start > 1206)


def test_cost_grows_linearly_with_the_text(extractor):
    """A page of a thousand reports costs about a thousand times one (no quadratic step)."""
    import time

    sentence = "انفجار عبوة ناسفة في قضاء الطارمية أدى إلى مقتل شخصين وإصابة ثلاثة. "

    def cost(n):
        doc = Document("t.txt", "t.txt", sentence * n)
        start = time.process_time()
        extractor.extract(doc)
        return time.process_time() - start

    cost(10)
    small, large = min(cost(200) for _ in range(5)), min(cost(2000) for _ in range(3))
    assert large / small < 30  # 10x the text; quadratic would be ~100x


def test_places_only_extract_skips_the_events(extractor):
    """``Extractor(events=False)``: the same places and dates, no incidents (what the speed
    benchmark compares the whole extract with)."""
    text = "انفجار عبوة ناسفة في قضاء الفلوجة أمس يسفر عن إصابة شخص واحد."
    doc = Document("t.txt", "t.txt", text, published="2026-07-02")
    whole, places = extractor.extract(doc), Extractor(extractor.parser, events=False).extract(doc)
    assert whole.events and places.events == ()
    assert places.mentions == whole.mentions and places.published == whole.published
