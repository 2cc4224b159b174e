"""Build ``data/places.tsv`` and ``data/geometries.geojson`` from the public source dumps.

    python -m gazetteer build --sources DIR

DIR holds the source folders (each with its SOURCE.md); ATTRIBUTION.md credits them.
The output is deterministic: the same sources give byte-identical files.
"""

from __future__ import annotations

import json
import math
from dataclasses import replace
from pathlib import Path

from geopy.distance import great_circle
from shapely import STRtree
from shapely.geometry import Point, mapping

from .language import DATA_DIR, tables
from .normalize import fold, is_arabic
from .places import Place, write_places
from .sources import admin, terrain, wof, world
from .sources.words import Dictionary, WordFrequency
from .sources.world import NEAR as NEAR_COUNTRIES

# Sources in order of trust: when two records are the same place, the first one's
# id, point and kind are kept and the other's names are added to it.
# GeoNames' cities before Who's On First's localities: abroad both hold a town, and
# only GeoNames says how many people it has.
PRIORITY = ("terrain:", "curated:", "local:", "ne:", "own:", "continent:", "ocha:", "country:",
            "geonames:", "wof:")
SAME_PLACE_KM = 15.0
WITHIN = 0.9  # the share of a place's shape one governorate must hold to be its admin1
# A name that is a dictionary word (or a given name) and at least this common (wordfreq
# Zipf) needs evidence in a text, by how prominent the place is: the smaller the place,
# the rarer its name must be. A name that is no word of the language is frequent because
# the place is famous (دمشق، لندن): only a small place's needs evidence then.
COMMON_ZIPF = {"capital": 5.0, "district": 4.3, "subdistrict": 3.8}
COMMON_ZIPF_BY_POPULATION = ((1_000_000, 5.0), (100_000, 4.3), (1, 3.8), (0, 3.3))
# Far from Iraq, a city's name is far more often a word (ميدان is Medan, ديلي is Dili),
# unless it is the capital of a large country (واشنطن).
COMMON_ZIPF_FAR = 3.3
WITH_ARTICLE = {"district", "subdistrict", "town", "city"}  # named with "ال" or without
LARGE_COUNTRY = 30_000_000
# A capital or a city of the region this large is famous for its name; far from Iraq
# only a city of millions is (a far town's name is more often a person's: ستانلي).
FAMOUS_POPULATION, FAMOUS_FAR_CITY = 100_000, 1_000_000
SHORT_VILLAGE_NAME = 3  # a village named in three letters or fewer needs evidence
NEVER_COMMON = {"country", "continent", "governorate", "region", "sea"}
CLITIC_WORD_ZIPF = 2.5
COMMON_WORD_ZIPF = 4.0  # ordinary words, never the name of a place the gazetteer lacks
SIMPLIFY_DEG = 0.01


def _strip_head(name: str, heads: list[str]) -> str:
    """'محافظة أربيل' -> 'أربيل': a settlement's name without an admin head word."""
    folded = fold(name)
    for head in heads:
        if folded.startswith(head + " "):
            return name[len(head) + 1 :].strip()
    return name


def clean_names(place: Place) -> Place:
    """Admin head words off settlement and admin names; too-short Arabic names dropped."""
    if place.feature_class in ("terrain", "country", "region", "beyond"):
        names = place.names
    else:
        heads = sorted(
            (h for h, kind in tables()["head_words"].items() if kind != "terrain"),
            key=len,
            reverse=True,
        )
        names = tuple(_strip_head(n, heads) for n in place.names)
    words = {fold(w) for w in [*tables()["head_words"], *tables()["unlisted"]["not_names"]]}
    names = tuple(
        dict.fromkeys(
            n for n in names if not is_arabic(n) or (len(fold(n)) >= 3 and fold(n) not in words)
        )
    )
    return replace(place, names=names)


def with_article(places: list[Place], words: Dictionary) -> list[Place]:
    """An Iraqi unit's or town's name written without the article, also with it, as the
    news often writes it ("دبس": "قضاء الدبس"); not where that form names another place,
    and only after a head word where it is a word ("العتبة الحسينية" is the shrine's
    administration, not Outba)."""
    article = tables()["clitics"]["article"]
    taken = {fold(n) for p in places for n in p.names if is_arabic(n)}
    added = []
    for p in places:
        if p.country == "IQ" and p.feature in WITH_ARTICLE:
            extra = tuple(article + n for n in p.names if is_arabic(n) and " " not in n
                          and not n.startswith(article) and fold(article + n) not in taken)
            common = dict.fromkeys(fold(n) for n in extra if words.is_word(fold(n)))
            if extra:
                p = replace(p, names=p.names + extra, common_names=tuple(
                    dict.fromkeys(p.common_names) | common))
        added.append(p)
    return added


def merge_duplicates(places: list[Place]) -> list[Place]:
    """One record per real place: same kind of place, a shared name, less than 15 km apart."""
    rank = {prefix: i for i, prefix in enumerate(PRIORITY)}
    places = sorted(places, key=lambda p: (rank[p.id.split(":")[0] + ":"], -p.population, p.id))
    kept: list[Place] = []
    index: dict[tuple[str, str], list[int]] = {}
    for place in places:
        keys = {(place.feature_class, fold(n)) for n in place.names if is_arabic(n)}
        twin = next(
            (
                i
                for key in sorted(keys)
                for i in index.get(key, ())
                if great_circle((kept[i].lat, kept[i].lon), (place.lat, place.lon)).km
                < SAME_PLACE_KM
            ),
            None,
        )
        if twin is None:
            twin = len(kept)
            kept.append(place)
        else:
            k = kept[twin]
            kept[twin] = replace(
                k,
                names=tuple(dict.fromkeys(k.names + place.names)),
                population=max(k.population, place.population),
            )
        for key in keys:
            index.setdefault(key, []).append(twin)
    return kept


def add_admin_names(places: list[Place], records, polygons: dict) -> list[Place]:
    """Give each OCHA governorate / district the other spellings of the WOF record of the
    same name inside it.

    WOF governorate records also carry their capital's name (Nineveh: الموصل); names
    that belong to a settlement are left out.
    """
    level = {"region": "governorate", "county": "district"}
    settlements = {
        fold(n) for p in places if p.feature_class == "settlement" for n in p.names if p.population
    }
    units = {p.id: p for p in places if p.feature in level.values()}
    for placetype, lat, lon, names in records:
        folded = {fold(n) for n in names}
        for pid, unit in units.items():
            if (
                unit.feature == level[placetype]
                and fold(unit.name_ar) in folded
                and polygons[pid].contains(Point(lon, lat))
            ):
                extra = tuple(n for n in names if fold(n) not in settlements)
                units[pid] = replace(unit, names=tuple(dict.fromkeys(unit.names + extra)))
                break
    return [units.get(p.id, p) for p in places]


def locate_admin1(places: list[Place], polygons: dict, shapes: dict) -> list[Place]:
    """Set each Iraqi place's governorate from the OCHA polygons (nearest if on a border);
    none for a place no one governorate holds: whose own shape (``shapes``: id ->
    geometry) lies across several (the Kurdistan Region, the Tigris, the Hamrin ridge),
    or, without a shape, whose extent (``radius_km``) is wider than the governorate at
    its point (the disputed territories)."""
    names = {p.id: p.name_en for p in places if p.feature == "governorate" and p.id in polygons}
    govs = sorted(names)
    tree = STRtree([polygons[pid] for pid in govs])
    located = []
    for p in places:
        if p.country == "IQ" and p.feature != "country":
            pt = Point(p.lon, p.lat)
            hits = tree.query(pt, predicate="intersects")
            i = int(hits[0]) if len(hits) else int(tree.nearest(pt))
            gov = polygons[govs[i]]
            within = (_share(shapes[p.id], gov) >= WITHIN if p.id in shapes
                      else p.radius_km <= admin.radius_km(gov))
            p = replace(p, admin1=names[govs[i]] if within else "")
        located.append(p)
    return located


def _share(shape, governorate) -> float:
    """How much of ``shape`` (its area, or its length for a line) lies in ``governorate``."""
    size = shape.area or shape.length
    if not size:
        return 1.0
    inside = shape.intersection(governorate)
    return (inside.area if shape.area else inside.length) / size


def _common_limit(p: Place, large_countries: set[str]) -> float:
    """How common a word may be and still be taken for this place without evidence."""
    if p.feature in NEVER_COMMON:
        return math.inf
    far = _far(p)
    if far and not (p.feature == "capital" and p.country in large_countries):
        return COMMON_ZIPF_FAR
    return COMMON_ZIPF.get(p.feature) or next(
        z for pop, z in COMMON_ZIPF_BY_POPULATION if p.population >= pop
    )


def _famous(p: Place) -> bool:
    least = FAMOUS_FAR_CITY if _far(p) and p.feature == "city" else FAMOUS_POPULATION
    return p.feature in ("capital", "city") and p.population >= least


def _far(p: Place) -> bool:
    """Whether ``p`` lies beyond Iraq and its neighbours."""
    return p.country not in NEAR_COUNTRIES and p.country != "IQ"


def drop_words_abroad(places: list[Place], ordinary: set[str], words: Dictionary,
                      curated: set[str]) -> list[Place]:
    """Places abroad without their names that are Arabic words: a village's common words
    (``ordinary``: Persian village names رئيس، جولة، كمين), taken for the village they
    would be wrong nearly every time, and each would cost a look at its context wherever
    the word stands; a far place's other names that the dictionary has (GeoNames'
    الجزيرة, "the island", for Algiers, الجزائر; not نيودلهي). A place curated.csv names
    (الهول: WOF's الحول) is kept whole."""
    kept = []
    for p in places:
        if p.country == "IQ" or p.id in curated:
            kept.append(p)
            continue
        if p.feature == "village":
            names = tuple(n for n in p.names if not is_arabic(n) or fold(n) not in ordinary)
        elif p.country not in NEAR_COUNTRIES:
            names = tuple(n for n in p.names if not is_arabic(n) or n == p.name_ar
                          or not words.is_word(fold(n)))
        else:
            names = p.names
        arabic = [n for n in names if is_arabic(n)]
        if arabic:
            kept.append(replace(p, names=names,
                                name_ar=p.name_ar if p.name_ar in arabic else arabic[0]))
    return kept


def _named_like_a_word(p: Place, name: str, words: Dictionary, given: set[str]) -> bool:
    """A small place whose name reads as something else: a village abroad named by an
    Arabic word (Persian and Turkish village names often are: مرقد، بلورة، نائبين; a
    village abroad is a place anyway only where the article names its country), a
    village named in three letters or like a person (حسن خضير), a neighbourhood named by
    a word (الملعب "the stadium", المعقل "the stronghold")."""
    if p.feature == "neighbourhood" or (p.feature == "village" and p.country != "IQ"):
        return words.is_word(name)
    return p.feature == "village" and (
        len(name) <= SHORT_VILLAGE_NAME or name.split(" ", 1)[0] in given)


def mark_common(places: list[Place], freq: WordFrequency, words: Dictionary) -> list[Place]:
    """Record, per place, which of its Arabic names need evidence in a text.

    A name that starts with a head word ("وادي الشاي", "مركز الرمادي") carries its own
    evidence; a village named like a person ("حسن خضير": a given name first) needs it. A
    frequent name needs it where it is an ordinary word, or names a place too small to be
    famous; a word the dictionary defines, written bare (مشهد: "scene"), needs it even for
    a famous place.
    """
    ambiguous = {fold(w) for w in tables()["ambiguous"]["words"]}
    heads = {fold(h) for h in tables()["head_words"]}
    centre = fold(tables()["ambiguous"]["centre"])
    bearings = {fold(w) for w in tables()["head_words_near"]["words"]}
    given = {fold(w) for w in tables()["persons"]["given_names"]}
    article = fold(tables()["clitics"]["article"])
    large = world.large_countries(LARGE_COUNTRY)
    marked = []
    for p in places:
        limit = _common_limit(p, large)
        common = []
        # A town's name or a larger place's near Iraq is a phrase; a village's, or a far
        # place's, must be rare even as its rarest word (أبو بكر the village, ميت أبو غالب),
        # and so must a name that reads as a bearing from a place (جنوب الدوحة).
        phrase = p.feature != "village" and not _far(p)
        for name in dict.fromkeys(fold(n) for n in p.names if is_arabic(n)):
            first, _, rest = name.partition(" ")
            if first == centre and rest in ambiguous:
                common.append(name)  # مركز المدينة، مركز الثورة: "the city centre"
                continue
            if rest and (first in heads or first.removeprefix(article) in heads
                         or first == centre):
                continue  # وادي الشاي، الصحراء الغربية، مركز الرمادي
            personal = _named_like_a_word(p, name, words, given)
            zipf = (freq.phrase_zipf(name) if phrase and first not in bearings
                    else freq.zipf(name))
            frequent = zipf >= limit and (words.is_word(name) or not _famous(p))
            defined = name in words.lemmas and zipf >= COMMON_ZIPF_FAR and limit < math.inf
            if personal or name in ambiguous or frequent or defined:
                common.append(name)
        marked.append(replace(p, common_names=tuple(common)))
    return marked


def clitic_words(places: list[Place], freq: WordFrequency) -> list[str]:
    """Ordinary words that read as proclitic + place name (وزارة = و + زارة).

    Such a word is more common than the name alone, where a real "و + name" is rarer;
    unless another reading of it is a name as common ("ولبنان" is no "ول" + "بنان" but
    "و" + "لبنان").
    """
    proclitics = [fold(c) for c in tables()["clitics"]["proclitics"]]
    names = {fold(n) for p in places for n in p.names if is_arabic(n) and " " not in n}
    found = set()
    for name in names:
        own = freq.zipf(name)
        for c in proclitics:
            z = freq.zipf(c + name)
            if z >= CLITIC_WORD_ZIPF and z > own:
                found.add(c + name)
    return sorted(w for w in found if not any(
        w.startswith(c) and w[len(c):] in names and freq.zipf(w[len(c):]) >= freq.zipf(w)
        for c in proclitics))


def write_geometries(path: Path, shapes: dict) -> None:
    features = []
    for pid in sorted(shapes):
        geom = shapes[pid].simplify(SIMPLIFY_DEG, preserve_topology=True)
        features.append(
            {"type": "Feature", "id": pid, "properties": {}, "geometry": rounded(mapping(geom))}
        )
    path.write_text(
        json.dumps({"type": "FeatureCollection", "features": features}, separators=(",", ":"))
        + "\n",
        encoding="utf-8",
    )


def rounded(obj, digits: int = 4):
    """``obj`` (GeoJSON as Python) with every float rounded to ``digits`` decimals."""
    if isinstance(obj, float):
        return round(obj, digits)
    if isinstance(obj, list | tuple):
        return [rounded(x, digits) for x in obj]
    if isinstance(obj, dict):
        return {k: rounded(v, digits) for k, v in obj.items()}
    return obj


def _write_words(path: Path, what: str, words: list[str]) -> None:
    header = f"# Generated by `python -m gazetteer build` from wordfreq: {what}.\n"
    path.write_text(header + "".join(w + "\n" for w in words), encoding="utf-8")


def build(sources: Path, out: Path = DATA_DIR) -> list[Place]:
    """Read every source under ``sources``, write the gazetteer files into ``out``."""
    freq = WordFrequency()
    admin_places, polygons = admin.read(sources)
    wof_places, admin_records = wof.read(sources)
    ne = terrain.natural_earth(sources)
    curated, curated_shapes, extra_names, english = terrain.curated(
        out / "curated.csv", sources, polygons, ne
    )
    capitals = world.capitals()
    words = Dictionary()
    wof_places = [
        replace(p, feature="capital") if (p.country, p.name_en) in capitals else p
        for p in wof_places
    ]
    places = (
        admin_places
        + wof_places
        + drop_words_abroad(
            wof.read_abroad(sources) + world.cities(), set(freq.common(COMMON_ZIPF_FAR)),
            words, set(extra_names)
        )
        + terrain.read(sources)
        + curated
        + terrain.local(out / "local_places.csv")
        + world.countries(sources)
    )
    places = [
        replace(p, names=p.names + extra_names.get(p.id, ()), name_en=english.get(p.id, p.name_en))
        for p in places
    ]
    places = add_admin_names(places, admin_records, polygons)
    places = merge_duplicates([clean_names(p) for p in places])
    shapes = {p.id: polygons[p.id] for p in admin_places if p.geometry} | curated_shapes
    places = with_article(mark_common(locate_admin1(places, polygons, shapes), freq, words),
                          words)
    ids = {p.id for p in places}
    shapes = {pid: g for pid, g in shapes.items() if pid in ids}
    places = sorted((replace(p, geometry=p.id in shapes) for p in places), key=lambda p: p.id)
    write_places(out / "places.tsv", places)
    write_geometries(out / "geometries.geojson", shapes)
    _write_words(
        out / "clitic_words.txt",
        "words that look like proclitic + place name",
        clitic_words(places, freq),
    )
    _write_words(
        out / "common_words.txt",
        f"Arabic words of Zipf frequency {COMMON_WORD_ZIPF}+",
        freq.common(COMMON_WORD_ZIPF),
    )
    return places
