"""Statistics ("some 200 strikes since November") and affiliation statements ("Nujaba, an Iran-backed militia").

Decision: "SMRD has documented 27 Israeli attacks since January. These strikes killed 118 persons.": a toll whose subject
is a demonstrative plural of attacks ("these strikes", "those attacks") right after a sentence that stated a statistic
is that aggregate's toll, a statistic too (`tally_sequel`), never an incident's."""

from __future__ import annotations

import re

from eventdb.assertions import ActorRef, AffiliationStatement, Statistic
from eventdb.extract.context import SentenceView, actor_ref
from eventdb.extract.dates import DateMention
from eventdb.extract.lexicon import Lexicon
from eventdb.extract.nonevents import opens_period
from dataclasses import replace

_PERIOD = re.compile(r"\b(?:between (?:[A-Z][a-z]+ \d{1,2}|\d{1,2} [A-Z][a-z]+) and (?:[A-Z][a-z]+ \d{1,2}|\d{1,2} [A-Z][a-z]+)|(?:over|in|during) the same period|in recent (?:weeks|months|days|hours)|since (?:\d{4}\b|the beginning of (?:this|the) (?:year|war|month)|(?:early |late |mid-?)?[A-Z]\w+(?: \d{4})?)|(?:over|in) the past (?:\w+ )?(?:weeks?|months|days|year)|over the weekend|this year|last year)", re.IGNORECASE)


# Every _PERIOD match holds one of these as a whole word (each is followed by a space in the pattern and
# preceded by its \b or a space): a sentence with none of them is not scanned.
_PERIOD_WORDS = frozenset({"between", "same", "recent", "since", "past", "over", "this", "last"})


def _spans_period(view: SentenceView) -> bool:
    """ "between October 17 and November 30", "in recent weeks", "since 2023": the sentence names a period. Not a
    period that ranks one event ("six rockets were fired toward X, the first launches since the truce": the
    ordinal's period, `_RANKED`), which counts nothing."""
    words = view.words()
    if words is not None and _PERIOD_WORDS.isdisjoint(words):
        return False
    for m in _PERIOD.finditer(view.text, view.start, view.end):
        if _RANKED.search(view.text, max(view.start, m.start() - _RANKED_REACH), m.start()) is None:
            return True
    return False


# "the first launches since the truce", "the first such attack since 2023": an ordinal and its noun right before the period
_RANKED = re.compile(r"\bthe\s+(?:first|second|third|last|latest)\s+(?:[\w-]+\s+){0,3}$", re.IGNORECASE)
_RANKED_REACH = 60


def _in_since_when(view: SentenceView, pos: int) -> bool:
    """ "since October 1, when Iran fired about 180 ballistic missiles": a count in the "when" clause of the day a period
    starts from is that day's event (`incidents._since_when` dates it), not the period's tally."""
    for d in view.dates:
        if d.end <= pos and pos - d.end <= _WHEN_COUNT_REACH and _SINCE_BEFORE.search(view.before(d.start, 8)):
            when = _WHEN_AFTER.match(view.text, d.end, pos)
            if when and not _CLAUSE_END.search(view.text, when.end(), pos):
                return True
    return False


_SINCE_BEFORE = re.compile(r"\bsince\s+$", re.IGNORECASE)
_WHEN_AFTER = re.compile(r",?\s+when\s+")
_CLAUSE_END = re.compile(r"[,;:.]")
_WHEN_COUNT_REACH = 50


def statistics(view: SentenceView, antecedent: ActorRef | None = None) -> list[Statistic]:
    """Aggregates of the sentence; `antecedent` is the armed group a "the group" in it refers back to."""
    out: list[Statistic] = []
    if not view.counts:
        return out  # every statistic is a count
    lex = view.tools.lexicon
    nouns = lex.pattern("statistic_nouns")
    target_nouns = lex.pattern("statistic_target_nouns")
    verbs = lex.pattern("statistic_verbs")
    period = _spans_period(view)
    one_day = any(d.precision == "day" and not opens_period(view, d) for d in view.dates)  # "... overnight": one wave
    projectiles = lex.pattern("statistic_projectile_nouns") if period or view.has("multi_day_periods") else None
    waves = {c for _, c in strike_waves(view)}
    last_end, last_actor = None, None
    for c in view.counts:
        if c in waves or _ONE_OF_THE_MOST.match(view.text, c.end) and c.value == 1 or period and _in_since_when(view, c.start):
            continue  # "in one of the deadliest Israeli attacks on Syria": a ranking, not a count
        listed = last_end is not None and _BREAKDOWN.fullmatch(view.text, last_end, c.start) is not None
        after_verb = (verbs.search(view.before(c.start, 30)) is not None or listed) and (period or (c.qualifier != "exact" and not one_day))
        found = _counted_noun(view, c.end, nouns, target_nouns, after_verb, projectiles)
        if not found:
            continue
        what_end, what = found
        if not period and _one_days_count(view, c.start, what_end, what):
            continue  # "three drone attacks on Eilat and the Golan on Sunday", "about 15 launches were identified": events
        if not period and lex.is_a("killed_words", what.split()[-1]) and not view.has("cumulative_markers") \
                and not view.has("plural_triggers"):
            continue  # "there are four fatalities among contractor staff": one incident's toll (not "... as strikes go on")
        if listed:
            actor = last_actor  # "attacked 151 times, 66 times in Iraq and 85 times in Syria": the total's
        else:
            actor = _stat_actor(view, c.start, what_end, antecedent)
        last_end, last_actor = what_end, actor
        out.append(Statistic(actor, c.value, c.text.removesuffix(" of"), c.qualifier, what,
                             _stat_target(view, what_end), *_period(view), view.span(), stance=_stance(view), confidence=0.6))
    return out


_ONE_OF_THE_MOST = re.compile(r"[\s“\"]+of\s+(?:the|its|their)\s+[\s“\"]*(?:\w+est|most|biggest)\b", re.IGNORECASE)
# Between one count of a breakdown and the next: "151 times, 66 times in Iraq and 85 times in Syria".
_BREAKDOWN = re.compile(r"(?:\s+(?:in|on|against|at)\s+[^,;.]{1,40}?)?(?:,\s*|\s+and\s+|,\s+and\s+)")


def _one_days_count(view: SentenceView, start: int, end: int, what: str) -> bool:
    """A count with no period that is one day's events, not an aggregate: launches counted as they cross (the military's
    count of one barrage, "about 15 launches were identified crossing from Lebanon"), or attacks and raids whose clause
    names the one day they took place ("said it carried out three drone attacks on Eilat on Sunday", "launched at
    dawn on Wednesday four raids on X"). Their incidents are told by the sentence's triggers."""
    lex = view.tools.lexicon
    if view.has("multi_day_periods"):
        return False  # "about 20 anti-tank missiles and rockets over the weekend": several days' worth
    if lex.is_a("barrage_counts", what.split()[-1]):
        return True
    lo, hi = max(view.start, start - _DAY_REACH), min(view.end, end + _DAY_REACH)
    for d in view.dates:
        if lo <= d.start < hi and _a_day(view, d) and ";" not in view.text[min(d.end, start):max(d.start, end)]:
            return True
    for m in _THAT_DAY.finditer(view.text, end, hi):
        if ";" not in view.text[end:m.start()]:
            return True  # "the IDF struck dozens of Hezbollah targets in southern Lebanon that afternoon": the day told before
    return False


_DAY_REACH = 70  # characters around the counted words within which the day they took place is named
# A part of the day told before ("that afternoon", "later that night", "the same evening"), after the counted words:
# the wave took place on one day, the one the text is telling.
_THAT_DAY = re.compile(r"\b(?:that|the\s+same)\s+(?:morning|afternoon|evening|night)\b", re.IGNORECASE)


def _a_day(view: SentenceView, d: DateMention) -> bool:
    """A date naming one day ("on Sunday", "June 3"), resolved or not (a weekday in an undated article), that bounds
    no period."""
    if d.sequel is not None or opens_period(view, d):
        return False
    return d.precision == "day" or d.on is None and view.tools.lexicon.pattern("weekday_names").search(d.text) is not None


def _counted_noun(view: SentenceView, pos: int, nouns, target_nouns, after_verb: bool, projectiles=None) -> tuple[int, str] | None:
    """ "100 missile and drone launches": up to four modifier words, then a statistic noun.

    `projectiles` (only when the sentence spans several days): "about 20 anti-tank missiles and rockets
    over the weekend" adds up many launches, it is not one incident's projectile count."""
    words = list(_TOKEN.finditer(_PHRASE_BREAK.split(view.after(pos, 70), maxsplit=1)[0]))
    if words and words[0].group(0) == "of":
        words = words[1:]
    for i, w in enumerate(words[:5]):
        candidates = [w.group(0)]
        if i + 1 < len(words):
            candidates.insert(0, w.group(0) + " " + words[i + 1].group(0))
        for cand in candidates:
            if nouns.fullmatch(cand) or (after_verb and target_nouns.fullmatch(cand)) or (projectiles and projectiles.fullmatch(cand)):
                first = words[0].start()
                end = w.start() + len(cand)
                return pos + end, view.after(pos, 70)[first:end]
        if not _MODIFIER_WORD.fullmatch(w.group(0)):
            return None
    return None


_TOKEN = re.compile(r"[\w.-]+")
_PHRASE_BREAK = re.compile(r"[,;:()]")
_MODIFIER_WORD = re.compile(r"[a-z-]+|U\.S\.|US|[A-Z][a-z]+")  # a word that may stand before the counted noun


_WAVE_NOUNS: dict[int, tuple[object, re.Pattern[str]]] = {}


def _wave_noun(lex) -> re.Pattern[str]:
    """Up to two modifier words then a target noun ("85 militia targets"), compiled once per lexicon."""
    cached = _WAVE_NOUNS.get(id(lex))
    if cached is None or cached[0] is not lex:
        nouns = lex.pattern("statistic_target_nouns").pattern
        cached = _WAVE_NOUNS[id(lex)] = (lex, re.compile(rf"\s+(?:[\w-]+\s+){{0,2}}?{nouns}", re.IGNORECASE))
    return cached[1]


_SPACES = re.compile(r"\s+")
_CLAUSE_BREAK = re.compile(r"[,;]|\b(?:in retaliation|in response|after|before|following|since)\b", re.IGNORECASE)


def strike_waves(view: SentenceView) -> list[tuple[re.Match[str], object]]:
    """ "hit more than 85 targets in Iraq and Syria on Friday": one day's strikes on many targets are one incident.

    A statistic verb, a count of target nouns (`statistic_target_nouns`), and a day-precision
    date in the same clause; returns (verb match, count) pairs.

    Cached on the view: `statistics` and `incidents.find_triggers` both ask (neither changes the list)."""
    if view.waves is None:
        view.waves = _strike_waves(view)
    return view.waves


def _strike_waves(view: SentenceView) -> list[tuple[re.Match[str], object]]:
    lex = view.tools.lexicon
    out = []
    if not view.counts or not view.has("statistic_verbs"):
        return out  # a wave is a statistic verb followed by a count
    if _spans_period(view):
        return out  # "attacked at least 66 times between October 17 and November 30": a tally over a period
    for v in view.find("statistic_verbs"):
        c = next((c for c in view.counts if c.start > v.end()), None)
        if c is None or not _SPACES.fullmatch(view.text[v.end():c.start]):
            continue
        noun = _wave_noun(lex).match(view.text, c.end)
        if noun is None:
            continue
        for d in view.dates:
            if d.precision == "day" and d.start >= noun.end() and d.start - noun.end() < 60 and not opens_period(view, d) \
                    and not _CLAUSE_BREAK.search(view.text, noun.end(), d.start):
                out.append((v, c))
                break
    return out


def _stance(view: SentenceView) -> str:
    return "hedged" if view.has("hedges") else "asserted"


def _stat_actor(view: SentenceView, pos: int, end: int, antecedent: ActorRef | None = None) -> ActorRef | None:
    """Who did what is counted: the subject before the count, never the one who says it ("Israeli officials said the
    group had launched about 20 ..." counts the group's launches, and "the group" is the armed group named before)."""
    if _PASSIVE_VERB.search(view.before(pos, 40)):
        return None  # "US forces have been attacked more than 140 times": the subject is the target
    lex = view.tools.lexicon
    actors = [m for m in view.actors(view.start, pos)
              if not _OBJECT_BEFORE.search(view.before(m.start, 14))
              and not _speaks(view, m.end, pos)
              and not _ACCORDING_BEFORE.search(view.before(m.start, 30))
              and not lex.derived(_verb_object_pattern).search(view.before(m.start, 30))  # "attacked US forces ... 78 times"
              and not _in_relative_clause(view, m.start, pos)]  # "The Houthis, who have been fighting a Saudi-led coalition, say"
    generic = lex.derived(_backed_groups_pattern).search(view.text, view.start, pos)
    if generic and not (actors and actors[-1].start > generic.end()) and not _speaks(view, generic.end(), pos) \
            and not lex.derived(_verb_object_pattern).search(view.before(generic.start(), 30)) \
            and not _OF_BEFORE.search(view.before(generic.start(), 5)):  # "X, an umbrella of Iran-backed militias that ...": X
        return ActorRef(generic.group(0), None, generic.start(), generic.end())  # "Iran-backed groups have attacked ..."
    anaphor = view.find("group_anaphora", actors[-1].end if actors else view.start, pos)
    if anaphor:
        return ActorRef(anaphor[-1].group(0), antecedent.key, anaphor[-1].start(), anaphor[-1].end()) if antecedent else None
    if actors:
        first = len(actors) - 1
        while first > 0 and _AND.fullmatch(view.text[actors[first - 1].end:actors[first].start]):
            first -= 1  # "The United States and Britain have carried out ...": the first named leads
        return actor_ref(actors[first])
    inside = [m for m in view.mentions if m.actor and pos <= m.start and m.end <= end]
    if inside and not view.tools.lexicon.pattern("statistic_target_nouns").search(view.text, pos, end):  # "50 US military sites" are targets
        return actor_ref(inside[0])  # "14 Houthi attacks on commercial ships": the attackers named in what is counted
    after = [m for m in view.actors(end, min(view.end, end + 30))]
    if after and view.has("triggers", after[0].end, min(view.end, after[0].end + 20)):
        return actor_ref(after[0])
    return None


def _verb_object_pattern(lex: Lexicon) -> re.Pattern[str]:
    """A statistic verb right before a name: the name is what was attacked ("have attacked US forces")."""
    return re.compile(rf"\b(?:{lex.alternation('statistic_verbs')})\s+(?:the\s+)?$", re.IGNORECASE)


def _backed_groups_pattern(lex: Lexicon) -> re.Pattern[str]:
    """ "Iran-backed groups", "Iran-aligned militias": unnamed groups described by their backer, as written."""
    return re.compile(rf"\b[A-Z][\w]+-(?:{'|'.join(lex.words['backing_suffixes'])})\s+(?:{lex.alternation('generic_groups')})\b")


_OF_BEFORE = re.compile(r"\bof\s+$")
_RELATIVE = re.compile(r",\s+(?:who|which|that)\s+[^,;]{3,120},", re.IGNORECASE)


def _in_relative_clause(view: SentenceView, start: int, pos: int) -> bool:
    """The name stands inside a relative clause between commas before the count."""
    for m in _RELATIVE.finditer(view.text, view.start, pos):
        if m.start() < start < m.end():
            return True
    return False


_OBJECT_BEFORE = re.compile(r"\b(?:on|against|at|in|inside|of|targeting|across|into)\s+(?:the\s+)?$")
_ACCORDING_BEFORE = re.compile(r"\baccording\s+to\s+(?:the\s+)?(?:[\w-]+\s+)?$", re.IGNORECASE)
_AND = re.compile(r"\s+(?:and|&)\s+(?:the\s+)?")


def _speaks(view: SentenceView, pos: int, count: int) -> bool:
    """A speech verb right after a name ("Israeli officials said"), unless the count is what it claims
    ("X has claimed around 170 attacks", "X claimed responsibility for 100 launches") or it speaks of
    itself ("Israel says it has hit hundreds of targets", "X says its forces have attacked 100 ships")."""
    after = view.after(pos, 40)
    counting = _COUNTING_VERB.match(after)
    if counting:
        return True  # "Iraqi security officials counted at least 39 attacks": who counts did none of them
    verb = view.tools.lexicon.pattern("speech_verbs").search(after)
    if not verb or not _TWO_WORDS.fullmatch(after[:verb.start()]):
        return False
    rest = view.text[pos + verb.end():count]
    claims = view.tools.lexicon.is_a("claim_verbs", verb.group(0))
    return not (claims and _RESPONSIBILITY_FOR.fullmatch(rest)) and not _SELF.match(rest)


_COUNTING_VERB = re.compile(r"(?:\s+[a-z]+){0,2}\s+(?:(?:has|have|had)\s+)?(?:counted|documented|recorded|registered|tallied)\b")
_TWO_WORDS = re.compile(r"(?:\s+[a-z]+){0,2}\s+")
_RESPONSIBILITY_FOR = re.compile(r"\s+(?:responsibility\s+for\s+)?")
_SELF = re.compile(r"\s+(?:that\s+)?(?:it|they|its\s+\w+|their\s+\w+)\s")
_PASSIVE_VERB = re.compile(r"\b(?:been|were|was|are|is)\s+(?:\w+ly\s+)?\w+\s+$", re.IGNORECASE)


def last_armed_group(view: SentenceView, previous: ActorRef | None) -> ActorRef | None:
    """The armed group of the last sentence that names one, its first (the subject, as a rule: "The Huthis, who ..., are
    part of the axis of resistance"): what a later "the group" refers to."""
    kinds = view.tools.lexicon.words["armed_group_kinds"]
    for m in view.mentions:
        if m.actor and view.actor_kind(m.actor) in kinds and not view.is_descriptor(m):
            return actor_ref(m)
    return previous


def _stat_target(view: SentenceView, pos: int) -> str | None:
    m = _TARGET_PHRASE.match(view.after(pos, 80))
    return m.group(1) if m else None


_TARGET_PHRASE = re.compile(r"\s+((?:against|targeting|on|inside|in|at)\s+[^,.;]{3,60}?)(?=\s+(?:where|and have|and|in recent|since|which)\b|[,.;]|$)")


def _period(view: SentenceView) -> tuple[str | None, object, object]:
    m = _PERIOD.search(view.text, view.start, view.end)
    if not m:
        return None, None, None
    dates: list[DateMention] = [d for d in view.dates if m.start() <= d.start < m.end() and d.on]
    start = dates[0].on if dates else None
    if start is None and _YEAR_START.search(m.group(0)) and view.published:
        start = view.published.replace(month=1, day=1)
    return m.group(0), start, view.published if start else None


_YEAR_START = re.compile(r"beginning of (?:this|the) year")


def affiliations(view: SentenceView) -> list[AffiliationStatement]:
    out = []
    lex = view.tools.lexicon
    backing = lex.derived(_backing_suffix)
    for m in view.mentions:
        if not m.actor or not backing.match(view.after(m.end, 20)) or not view.is_descriptor(m):
            continue  # the suffix first: most names have none, and is_descriptor reads more
        named = _apposition(view, m.start, m.end)
        if named and named.key != m.actor:
            out.append(AffiliationStatement(named, actor_ref(m), "backed_by", view.span(), confidence=0.6))
    for r in view.find("roles"):
        relation = lex.roles.get(" ".join(r.group(0).lower().replace("-", " ").split()), "member_of")
        org_before = [a for a in view.actors(max(view.start, r.start() - 40), r.start()) if view.actor_kind(a.actor) != "person"]
        person = _PERSON_AFTER.match(view.after(r.end(), 60))
        if org_before and person and _MAYBE_SPACES.fullmatch(view.text[org_before[-1].end:r.start()]):
            s = r.end() + person.start(1)
            out.append(AffiliationStatement(_named(view, person.group(1), s),
                                            actor_ref(org_before[-1]), relation, view.span(), confidence=0.5))
            continue
        org_after = _ORG_AFTER.match(view.after(r.end(), 20))
        names_after = [a for a in view.actors(r.end(), min(view.end, r.end() + 60)) if view.actor_kind(a.actor) != "person"]
        who = _PERSON_BEFORE.search(view.before(r.start(), 70))
        if org_after and names_after and who and names_after[0].start - r.end() <= 30:
            s = r.start() - len(view.before(r.start(), 70)) + who.start(1)
            out.append(AffiliationStatement(_named(view, who.group(1), s),
                                            actor_ref(names_after[0]), relation, view.span(), confidence=0.5))
    return out


_PERSON_AFTER = re.compile(r"\s+([A-Z][\w’'-]+(?:\s(?:(?:al|bin|ibn|el)[-\s])?[A-Z][\w’'-]+)+)")
_MAYBE_SPACES = re.compile(r"\s*")
_ORG_AFTER = re.compile(r"\s+(?:for\s+|of\s+)?(?:the\s+)?")
_PERSON_BEFORE = re.compile(r"([A-Z][\w’'-]+(?:\s(?:(?:al|bin|ibn|el)[-\s])?[A-Z][\w’'-]+)+),\s+(?:the\s+)?(?:[a-z]+\s+)?$")


def _backing_suffix(lex: Lexicon) -> re.Pattern[str]:
    """ "-backed", " supported": what follows a state named as a group's backer."""
    return re.compile(rf"^[-\s](?:{'|'.join(lex.words['backing_suffixes'])})")


def _named(view: SentenceView, name: str, start: int) -> ActorRef:
    """A name found by its capitals, resolved when the reference knows it (a mention inside the name)."""
    end = start + len(name)
    known = [a for a in view.actors(start, end) if view.actor_kind(a.actor) == "person"]
    return actor_ref(known[-1]) if known else ActorRef(name, None, start, end)


def _apposition(view: SentenceView, start: int, end: int) -> ActorRef | None:
    """ "X, one of the Iranian-backed militias" or "the Iranian-backed militia, X"."""
    before = [a for a in view.actors(max(view.start, start - 60), start)
              if _APPOSITION_BEFORE.fullmatch(view.text[a.end:start])]
    if before:
        return actor_ref(before[-1])
    after = [a for a in view.actors(end, min(view.end, end + 40))
             if _APPOSITION_AFTER.fullmatch(view.text[end:a.start])]
    return actor_ref(after[0]) if after else None


_APPOSITION_BEFORE = re.compile(r",\s+(?:one of\s+)?(?:the\s+|an?\s+)?(?:[a-z]+\s+){0,2}")
_APPOSITION_AFTER = re.compile(r"[-\s]\w+\s+(?:[a-z]+\s+)?\w+,\s+")


def tally_sequel(view: SentenceView, previous: list[Statistic]) -> list[Statistic]:
    """ "These strikes killed 118 persons" after a sentence that stated a statistic: the toll of that aggregate, with its
    actor, target and period."""
    if not previous or not view.counts:
        return []
    m = view.tools.lexicon.derived(_demonstrative_toll).match(view.text, view.start, view.end)
    if m is None:
        return []
    count = next((c for c in view.counts if c.start == m.end()), None)
    if count is None:
        return []
    noun = _NOUN_AFTER.match(view.text, count.end, view.end)
    what = f"{noun.group(1)} {m.group('verb').lower()}" if noun else m.group("verb").lower()
    base = previous[0]
    return [replace(base, count=count.value, count_text=count.text, qualifier=count.qualifier, what=what, span=view.span())]


_NOUN_AFTER = re.compile(r"\s+((?:[\w-]+\s+){0,2}?[\w-]+?)(?=[\s,.;]|$)")


def _demonstrative_toll(lex: Lexicon) -> re.Pattern[str]:
    """ "These strikes killed ", "Those attacks have wounded ": a demonstrative plural of attacks and a casualty verb."""
    plural = lex.alternation("plural_triggers")
    hurt = f"{lex.alternation('killed_words')}|{lex.alternation('injured_words')}"
    return re.compile(rf"\s*(?:These|Those|The|Such)\s+(?:[\w-]+\s+)?(?:{plural})\s+(?:(?:have|has|had)\s+)?(?:\w+ly\s+)?"
                      rf"(?P<verb>{hurt})\s+", re.IGNORECASE)


def casualty_tallies(view: SentenceView, stats: list[Statistic], previous_tally: bool = False) -> list[Statistic]:
    """The dead and wounded a toll over a period counts (`tolls.running_total`), each count its own statistic: "Israeli
    strikes in Lebanon have killed about 330 people since October 8, including about 60 civilians" (330 and 60 people
    killed, by Israel); "10 soldiers and six civilians have been killed, according to the army" (no one named does the
    killing: no actor); and the toll a statistic of the same sentence counts ("The group attacked more than 100 ships
    between ... and ..., killing four sailors": its actor's, over its period). `stats`: the sentence's other statistics; `previous_tally`: the
    sentence before counted casualties over a period, so a perfect-tense toll in this one continues the tally ("On the
    Israeli side, 10 soldiers have been killed")."""
    if not view.counts or not (view.has("killed_words") or view.has("injured_words")):
        return []
    from eventdb.extract.tolls import bounded_period, running_total, tally_counts  # tolls imports incident_actors, which needs this module
    if running_total(view, view.start, view.end) or (previous_tally and _perfect_toll(view)):
        base = None
    elif stats and _spans_period(view) or stats and bounded_period(view):
        base = stats[0]  # "attacked more than 100 ships between ... and ..., killing four sailors" (not one night's wave)
    else:
        return []
    known = {s.count for s in stats}
    out: list[Statistic] = []
    if base is not None:  # "..., sinking two vessels and killing four sailors": the ships the counted attacks sank
        for m in _SINKING.finditer(view.text, view.start, view.end):
            c = next((c for c in view.counts if c.start == m.end()), None)
            noun = _SUNK_NOUN.match(view.text, c.end) if c else None
            if c is not None and noun and c.value not in known:
                out.append(replace(base, count=c.value, count_text=c.text, qualifier=c.qualifier,
                                   what=f"{noun.group(1)} sunk", target=None))
    actor = None
    for c, kind, noun, word, subject in tally_counts(view, view.start, view.end):
        if c.value in known:
            continue  # counted already ("more than 100 fatalities")
        if base is not None:
            if not _after_stat(view, c.start):
                continue
            who = base.actor
        elif _INCLUDED.search(view.before(c.start, 20)) and out:
            who = actor  # "including about 60 civilians": the total's
        elif subject:
            who = _killed_by(view, word.end())
        else:
            who = _stat_actor(view, word.start(), word.end())
        actor = who
        what = f"{noun} {'killed' if kind == 'killed' else 'wounded'}".strip()
        if base is not None:
            out.append(replace(base, count=c.value, count_text=c.text, qualifier=c.qualifier, what=what, target=None))
        else:
            out.append(Statistic(who, c.value, c.text, c.qualifier, what, None, *_period(view), view.span(),
                                 stance=_stance(view), confidence=0.5))
    return out


def _perfect_toll(view: SentenceView) -> bool:
    from eventdb.extract.tolls import perfect_toll
    return perfect_toll(view, view.start, view.end)


_SINKING = re.compile(r"\bsinking\s+", re.IGNORECASE)
_SUNK_NOUN = re.compile(r"\s+(?:[\w-]+\s+)?(vessels?|ships?|boats?|tankers?)\b", re.IGNORECASE)
_INCLUDED = re.compile(r"\b(?:including|among\s+them|of\s+whom)\s+$", re.IGNORECASE)


def _after_stat(view: SentenceView, pos: int) -> bool:
    """The toll is the counted acts' own: a participle after the statistic's count ("..., killing four sailors", "...,
    with 56 personnel sustaining minor injuries")."""
    return _PARTICIPLE_TOLL.search(view.before(pos, 40)) is not None


_PARTICIPLE_TOLL = re.compile(r"\b(?:killing|wounding|injuring)\s+(?:\w+ly\s+)?$|\band\s+(?:\w+\s+){0,2}$|,\s+with\s+$", re.IGNORECASE)


def _killed_by(view: SentenceView, pos: int) -> ActorRef | None:
    """ "people killed in Lebanon by Israeli fire": the agent after "by" in the clause, else no one."""
    m = _BY_AGENT.match(view.text, pos, min(view.end, pos + 50))
    if m is None:
        return None
    agents = view.actors(m.end(), min(view.end, m.end() + 30))
    return actor_ref(agents[0]) if agents and _MAYBE_SPACES.fullmatch(view.text[m.end():agents[0].start]) else None


_BY_AGENT = re.compile(r"(?:\s+(?:in|on|at)\s+(?:the\s+)?[A-Z][\w’'-]+(?:\s+[A-Z][\w’'-]+)?)?\s+by\s+(?:the\s+)?")


def operation_totals(view: SentenceView, about: list) -> list[Statistic]:
    """ "US warplanes struck targets in Sanaa and Saada on Saturday. The health ministry said 31 people were killed and
    101 wounded.": a toll told after one operation split into an incident per place, naming none of the places, sums
    the operation; a total is never one incident's toll (tests/GOLD.md), so it is a statistic of the operation's
    perpetrator. `about`: the incidents the sentence refers back to (`references.referred`)."""
    drafts = list({id(f.incident): f.incident for f in about}.values())
    if len(drafts) < 2 or len({d.span for d in drafts}) != 1 or len({d.sentence_index for d in drafts}) != 1:
        return []
    if not (view.has("killed_words") or view.has("injured_words")) or any(m.place for m in view.mentions):
        return []  # "Thirteen of the dead were in Sanaa's Shouab district": that place's incident
    from eventdb.extract.tolls import tally_counts  # tolls imports incident_actors, which needs this module
    out = []
    for c, kind, noun, _word, _subject in tally_counts(view, view.start, view.end):
        what = f"{noun or 'people'} {'killed' if kind == 'killed' else 'wounded'}"
        out.append(Statistic(drafts[0].perpetrator, c.value, c.text, c.qualifier, what, None, None, None, None,
                             view.span(), stance=_stance(view), confidence=0.5))
    return out


_ORDINALS = {"second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7, "eighth": 8, "ninth": 9,
             "tenth": 10, "eleventh": 11, "twelfth": 12}
_ORDINAL = re.compile(r"\b(?:is|was|marks|marked|as)\s+(?:the\s+)?(?P<n>" + "|".join(_ORDINALS) + r")\s+", re.IGNORECASE)


def ordinal_tallies(view: SentenceView) -> list[Statistic]:
    """ "This was the third drone attack on Erbil airport since April", "It was the second Israeli strike on the Dahiyeh
    in five days", "The attack on Conoco is the third on the base this week": an ordinal counting events over a period
    (`ordinal_periods`) is a statistic of that count; the actor is one named in the counted words ("Israeli strike") or
    after "by", else none."""
    words = view.words()
    if words is not None and words.isdisjoint(_ORDINALS):
        return []
    lex = view.tools.lexicon
    out = []
    for m in _ORDINAL.finditer(view.text, view.start, view.end):
        rest = view.text[m.end():view.end]
        period = lex.pattern("ordinal_periods").search(rest[:90])
        if period is None or _CLAUSE_CUT.search(rest[:period.start()]):
            continue
        head = rest[:period.start()]
        noun = _head_noun(lex, head)
        if noun is None and not (_ELIDED.match(head) and view.has("triggers", view.start, m.start())):
            continue  # "the third day of fighting since ...", "the second son of ...": not a count of attacks
        what_end = m.end() + (noun.end() if noun else 0)
        what = view.text[m.end():what_end].strip() or "attacks"
        by = _BY.search(head)
        agents = view.actors(m.end() + by.end(), min(view.end, m.end() + by.end() + 30)) if by else []
        inside = view.actors(m.end(), what_end)
        if agents and agents[0].start == m.end() + by.end():
            actor = actor_ref(agents[0])  # "the third commander killed by Israel since October"
        elif inside and not (by and lex.pattern("killed_words").search(head)):
            actor = actor_ref(inside[0])  # "the second Israeli strike on the Dahiyeh"
        else:
            actor = None
        out.append(Statistic(actor, _ORDINALS[m.group("n").lower()], m.group("n"), "exact", what, None,
                             view.text[m.end() + period.start():m.end() + period.end()], None, None, view.span(),
                             stance=_stance(view), confidence=0.4))
    return out


_CLAUSE_CUT = re.compile(r"[;:]|,\s+(?:and|but|while|which|who)\b")
_WORD_START = re.compile(r"[\w’'-]+\s*")
_STOP_WORDS = frozenset({"of", "on", "in", "at", "against", "between", "by", "since", "to"})


def _head_noun(lex: Lexicon, head: str) -> re.Match[str] | None:
    """The counted noun after up to three modifiers ("drone attack", "Israeli strike"), before any preposition."""
    pos = 0
    for _ in range(4):
        noun = lex.pattern("ordinal_nouns").match(head, pos)
        if noun is not None:
            return noun
        word = _WORD_START.match(head, pos)
        if word is None or word.group(0).strip().lower() in _STOP_WORDS:
            return None
        pos = word.end()
    return None
_BY = re.compile(r"\bby\s+(?:the\s+)?")
_ELIDED = re.compile(r"(?:on|against|in|at)\s", re.IGNORECASE)
