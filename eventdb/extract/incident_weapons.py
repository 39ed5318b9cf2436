"""What was used: weapons named in a trigger's clause and how many projectiles it counts."""

from __future__ import annotations

import re

from eventdb.extract.context import SentenceView


def find_weapons(view: SentenceView, ws: int, we: int) -> tuple[list[str], int | None]:
    """Weapons used in the clause and the number of projectiles: "three rockets and two drones" is five, "73 missiles
    and drones" is 73 (one count for the group), "two drones ... the drones" two (only counted mentions add up, the
    same count of the same weapon once)."""
    keys: list[str] = []
    counted: dict[tuple[str, int], int] = {}
    for m in view.mentions:
        if not m.weapon or not (ws <= m.start < we) or _stored_weapon(view, m.end) or _planned_weapon(view, m.start) \
                or _CARRIED.match(view.text, m.end):
            continue  # "explosives-laden drone": the drone is the weapon, the explosives its load
        if m.weapon not in keys:
            keys.append(m.weapon)
        n = _count_before(view, m.start)
        if n is not None and (m.weapon, n) not in counted:
            counted[(m.weapon, n)] = n  # "two anti-ship cruise missiles and one anti-ship ballistic missile": 3
    return keys, (sum(counted.values()) if counted else None)


def _planned_weapon(view: SentenceView, start: int) -> bool:
    """ "were preparing to launch drones", "threatened to fire missiles": a weapon not used in this incident."""
    lo = max(view.start, start - 30)
    near = [m for m in view.find("irrealis") if lo <= m.start() and m.end() <= start  # the sentence's cached matches
            and m.group(0) != "May"]  # "In May, drones hit ...": the month, not the modal
    return bool(near) and not any(lo <= m.start() and m.end() <= start for m in view.find("realis_connectors"))


def _stored_weapon(view: SentenceView, end: int) -> bool:
    """ "drone and missile stores", "missile launchers": weapons named as what was hit, not what was used."""
    words = _NEXT_WORDS.findall(view.after(end, 40))[:3]
    if words[1:] and words[0] in ("and", "or"):
        words = words[2:]  # "drone and missile stores"
    return bool(words) and view.tools.lexicon.is_a("weapon_facility_nouns", words[0])


_CARRIED = re.compile(r"-(?:laden|packed|filled|rigged)\b")
_NEXT_WORDS = re.compile(r"[A-Za-z-]+")


def _count_before(view: SentenceView, pos: int) -> int | None:
    for c in view.counts:
        if any(d.start <= c.start < d.end for d in view.dates):
            continue  # "the January 28 drone attack": a day of the month, not 28 drones
        if c.end <= pos and _modifiers_only(view, view.text[c.end:pos]):
            return c.value
    if _ONE_BEFORE.search(view.before(pos, 12)):
        return 1
    return None


_ONE_BEFORE = re.compile(r"\b(?:a|an|one)\s+(?:single\s+)?$", re.IGNORECASE)
_MODIFIERS = re.compile(r"\s+(?:[A-Za-z][\w-]*\s+){0,3}")
_NOT_MODIFIERS = frozenset({"of", "and", "or", "with", "at", "in", "on", "by", "from", "to", "for", "into", "were", "was",
                            "had", "have", "has", "the", "their", "its", "a", "an", "after", "before", "since", "than",
                            "as", "that", "which", "who", "hours", "days", "weeks", "months", "years", "times"})


def _modifiers_only(view: SentenceView, between: str) -> bool:
    """ "12 short-range ballistic missiles", "30 Grad rockets": up to three describing words between a count and its
    weapon; not "two people with drones", "three rockets and drones", "five of the drones"."""
    if not _MODIFIERS.fullmatch(between):
        return False
    words = between.split()
    return not any(w.lower() in _NOT_MODIFIERS or view.tools.lexicon.is_a("victims", w) for w in words)
