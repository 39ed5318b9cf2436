"""Casualties: the killed and injured counts a trigger's clause gives (`casualties`).

First the count-and-noun rules ("killed two soldiers", "three people were injured"), then the phrasings that carry
no plain "<count> <victims> were killed": zeros, single victims, named victims with others, and a count whose
victims were named once for two verbs.

Decisions:
- "None of the 23 crew were hurt", "no personnel were hurt": zero; "hurt" covers both killed and injured, "killed" or
  "wounded" only its own kind;
- "A seven-year-old girl was seriously wounded", "also wounded a passer-by": one victim (a singular noun from
  `single_victim_words` after "a", "an" or "one");
- "killed businessman Peshraw Dizayee and at least three members of his family": the named person and the others;
- "killed three people and wounded nine": the second count's victims are the first one's ("nine" people), and so are
  "at least one of them" and "five of the group's fighters";
- "Israeli strikes in Lebanon have killed about 450 people since October 8", "Hezbollah attacks have killed 23
  soldiers", "more than 350 fighters have been killed in that time": a running total (a perfect-tense casualty verb in
  a sentence that opens a period or names a tally, or whose subject is a bare plural of attacks) is a statistic, never
  a toll;
- "No injuries were reported" says nothing of the dead: injured 0, killed unknown (`zero_injuries_only`; likewise
  `zero_deaths_only`);
- "no American personnel were hurt": a zero whose victims are qualified by a party is about that party's people, who
  may not be the incident's victims; precision first, it is no toll (the claim keeps the words);
- "confirmed the deaths of two fighters", "announced the death of three members": the count after a death noun
  (`death_nouns`) and "of" is killed;
- a sentence that names several incidents gives its toll to the one whose clause holds the casualty word: the last
  incident named before that word ("X fired at Y in response to the strike on Z, in which seven were killed": Z's).
"""

from __future__ import annotations

import re

from eventdb.extract.context import SentenceView
from eventdb.extract.incident_actors import ADVERB_ONLY
from eventdb.extract.lexicon import Lexicon

_KINDS = {"killed": "killed_words", "injured": "injured_words"}


def zero_victims(view: SentenceView, ws: int, we: int) -> dict[str, int]:
    """ "None of the 23 crew were hurt", "no personnel were killed": the kinds the sentence says nobody suffered."""
    out: dict[str, int] = {}
    words = view.find("killed_words", ws, we) + view.find("injured_words", ws, we)
    if not words:
        return out  # the pattern ends in one of these words (cached per sentence): no scan without one
    lo = max(ws, min(w.start() for w in words) - 80)
    for m in view.tools.lexicon.derived(_zero_pattern).finditer(view.text, lo, max(w.end() for w in words)):
        if _qualified_by_party(view, m.start("who"), m.end("who")):
            continue  # "no American personnel were hurt": that party's people, perhaps not the incident's victims
        word = m.group("word").lower()
        kinds = ("killed", "injured") if word == "hurt" else \
            tuple(k for k, cat in _KINDS.items() if view.tools.lexicon.is_a(cat, word))
        for k in kinds:
            out.setdefault(k, 0)
    return out


def _zero_pattern(lex: Lexicon) -> re.Pattern[str]:
    return _passive_toll(rf"\b(?:no|none\s+of\s+the(?:\s+\d+)?)\s+(?P<who>[\w.-]+\s+)?", "victims", "(?:were|was)", lex)


def _qualified_by_party(view: SentenceView, start: int, end: int) -> bool:
    """The word before the victims names a party: "no American personnel", "no US troops", "no Israeli soldiers"."""
    if start < 0:
        return False
    for m in view.mentions:
        if m.actor and m.start == start and m.end <= end:
            return True
    return False


def _passive_toll(head: str, nouns: str, verb: str, lex: Lexicon) -> re.Pattern[str]:
    """ "<head> <a noun of `nouns`> <verb> (badly) <killed or injured word>", the word captured as `word`."""
    words = _alternation(lex.words["killed_words"] + lex.words["injured_words"])
    return re.compile(rf"{head}(?:{_alternation(lex.words[nouns])})\s+{verb}\s+(?:\w+ly\s+)?(?P<word>{words})\b",
                      re.IGNORECASE)


def single_victim(view: SentenceView, kind: str, ws: int, we: int) -> int | None:
    """ "A seven-year-old girl was seriously wounded", "wounded a passer-by": one victim of `kind`."""
    words = view.find(_KINDS[kind], ws, we)
    if not words:
        return None  # both patterns hold a word of this kind (cached per sentence): no scan without one
    lo = max(ws, words[0].start() - 80)
    m = view.tools.lexicon.derived(_single_subject_pattern).search(view.text, lo, words[-1].end())
    if m and view.tools.lexicon.is_a(_KINDS[kind], m.group("word")):
        return 1
    for w in words:
        if view.tools.lexicon.derived(_single_object_pattern).match(view.text, w.end(), we):
            return 1
    return None


def _single_subject_pattern(lex: Lexicon) -> re.Pattern[str]:
    return _passive_toll(r"(?:^|(?<=[\s“\"]))(?:an?|one)\s+(?:[\w-]+\s+){0,3}?", "single_victim_words", r"was(?:\s+found)?", lex)


def _single_object_pattern(lex: Lexicon) -> re.Pattern[str]:
    single = _alternation(lex.words["single_victim_words"])
    return re.compile(rf"\s+(?:an?|one)\s+(?:[\w-]+\s+){{0,2}}?(?:{single})\b(?!-?\s*(?:and|of)\b)", re.IGNORECASE)


# "killed <Name> (, known as <Alias>,) and at least three members ...": a capitalized name right before "and" and the count.
_NAMED_AND = re.compile(r"\s+(?:[\w’'-]+\s+){0,6}(?:al-|el-)?[A-Z][\w’'-]+(?:,\s+(?:also\s+)?known\s+as\s+[^,;]{1,40},)?\s+and\s+")
# "at least one of them", "five of the group's fighters": the victims named after "of".
_OF_VICTIMS = re.compile(r"\s+of\s+(?:them|those|(?:the|its|his|her|their)\s+(?:[\w’'-]+['’]s\s+)?)", re.IGNORECASE)
# "killed three people and wounded nine.": a count closing the clause.
_WORDS = re.compile(r"[A-Za-z’'-]+")
_CLAUSE_END = re.compile(r"\s*(?:[.,;:)”\"]|$)")


def named_with_others(view: SentenceView, verb_end: int, count_start: int) -> bool:
    """ "killed businessman Peshraw Dizayee and at least three members": one named victim besides the count."""
    return _NAMED_AND.fullmatch(view.text, verb_end, count_start) is not None


def of_victims_end(view: SentenceView, pos: int) -> int | None:
    """Where the victim noun after "of them", "of the group's" starts (or the end of "of them")."""
    m = _OF_VICTIMS.match(view.text, pos)
    return m.end() if m else None


def elliptic_victims(view: SentenceView, count_end: int, ws: int) -> bool:
    """ "killed three people and wounded nine": a bare count closing its clause, victims named just before."""
    if not _CLAUSE_END.match(view.text, count_end):
        return False
    before = view.text[max(ws, count_end - 200):count_end]  # "killed ten people, seven of them civilians ..., and wounded eleven"
    return any(view.tools.lexicon.is_a("victims", w) for w in _WORDS.findall(before))


def _alternation(words: tuple[str, ...] | list[str]) -> str:
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))



def casualties(view: SentenceView, ws: int, we: int) -> tuple[int | None, int | None]:
    """Killed and injured counts next to a casualty word: "killed one person", "two people were injured" (and the
    phrasings of `tolls`: zeros, single victims, a named victim with others, elided victims).

    Cached on the view per stretch: a sentence's only trigger reads the whole sentence, as its claims do after it
    (the answer reads only the view and the stretch)."""
    known = view.tolls.get((ws, we))
    if known is None:
        known = view.tolls[(ws, we)] = _casualties(view, ws, we)
    return known


def _casualties(view: SentenceView, ws: int, we: int) -> tuple[int | None, int | None]:
    if _no_toll_words(view, we) or running_total(view, ws, we):
        return None, None
    lex = view.tools.lexicon
    result: dict[str, int] = {}
    casualty_word = lex.derived(_casualty_word_pattern)
    in_window = [c for c in view.counts if ws <= c.start < we]
    for kind, category in (("killed", "killed_words"), ("injured", "injured_words")):
        objects: list[int] = []  # "injured six others": the count after the verb is its own
        subjects: list[int] = []  # "two people were injured"
        words = view.find(category, ws, we)
        if kind == "injured" and view.has("injury_care_words"):  # "34 service members were being evaluated for injuries"
            words = sorted(words + view.find("injury_care_words", ws, we), key=lambda m: m.start())
        if kind == "killed" and view.has("death_nouns"):
            words = sorted(words + [d for d in view.find("death_nouns", ws, we) if all(d.start() != w.start() for w in words)],
                           key=lambda m: m.start())
        for w in words:
            for c in in_window:
                if c.start >= w.end() and ADVERB_ONLY.fullmatch(view.text[w.end():c.start]) and _counted_victims(view, c.end, ws):
                    objects.append(c.value + _one_more(view, c.end, we) + _and_more(view, c.end, we))
                    # "killed two U.S. troops and a British medic", "killing three fighters and two civilians"
                elif kind == "killed" and c.start >= w.end() and _deaths_of(view, w, c.start) and _victim_noun(view, c.end):
                    objects.append(c.value + _and_more(view, c.end, we))  # "the martyrdom of three children and two women"
                elif c.start >= w.end() and named_with_others(view, w.end(), c.start) and _victim_noun(view, c.end):
                    objects.append(c.value + 1)  # "killed businessman X and three members of his family"
                elif c.end <= w.start() and (_counted_subject(view.text[c.end:w.start()]) and _victim_noun(view, c.end)
                                              or _bare_count_of(view, c, w)) \
                        and not casualty_word.search(view.before(c.start, 20)) and not _NONE_OF.search(view.before(c.start, 15)):
                    subjects.append(c.value)
        if not objects and kind == "killed":
            objects = [n for w in view.find(category, ws, we) if (n := _singular_victims(view, w.end(), we)) is not None][:1]
        if not objects and not subjects:
            one_victim = single_victim(view, kind, ws, we)
            objects = [one_victim] if one_victim is not None else []
        if objects or subjects:
            result[kind] = (objects or subjects)[0]
    counted = dict(result)
    for m in view.find("no_casualties", ws, we):
        phrase = m.group(0)
        if _ZERO_IN_DOUBT.search(view.before(m.start(), 40)):
            continue  # "it was unclear whether the crew were safe": asked, not told
        kinds = [kind for kind, only in (("killed", "zero_injuries_only"), ("injured", "zero_deaths_only"))
                 if not view.tools.lexicon.is_a(only, phrase)]  # "No injuries were reported": nothing said of the dead
        if not any(counted.get(k) for k in kinds):  # "killed two militants ... no civilian casualties": others' zero
            for kind in kinds:
                result.setdefault(kind, 0)
    zeros = zero_victims(view, ws, we)
    if not any(counted.get(k) for k in zeros):  # "killed a man ..., and no soldiers were hurt": said of other people
        for kind, zero in zeros.items():
            result.setdefault(kind, zero)
    return result.get("killed"), result.get("injured")


_TOLL_CATEGORIES = ("killed_words", "injured_words", "no_casualties", "death_nouns", "injury_care_words")  # every rule of `casualties` needs a phrase of one
_WORD_CHAR = re.compile(r"\w")


def _no_toll_words(view: SentenceView, we: int) -> bool:
    """The sentence has no killed, injured or no-casualties phrase, so `casualties` would find nothing in [ws, we).

    Its rules start from `view.find`/`view.has` of these categories over the clause, which match as a scan of the
    stretch; a phrase found there that does not end at `we` is a match in the whole sentence too, and so is one that
    ends at `we` when no word character follows `we` (nothing else differs in a scan that stops there)."""
    if we < view.end and _WORD_CHAR.match(view.text, we):
        return False
    for category in _TOLL_CATEGORIES:  # a plain loop, not any(<genexpr>): this runs for most triggers
        if view.has(category):
            return False
    return True


def _bare_count_of(view: SentenceView, c, w: re.Match[str]) -> bool:
    """ "the toll had risen to seven dead", "four people were killed ..., and seven wounded": a count right before a
    casualty word, no noun between, counts the dead or wounded themselves (not "killed", which needs its victims)."""
    return view.text[c.end:w.start()] == " " and w.group(0).lower() in _BARE_WORDS


_BARE_WORDS = ("dead", "wounded", "injured")
_ZERO_IN_DOUBT = re.compile(r"\b(?:whether|if|unclear|not clear|not known|unknown)\b(?:\s+(?:the|all|its|their|any)\b)?"
                            r"(?:\s+\w+){0,3}\s*$", re.IGNORECASE)


def _and_more(view: SentenceView, pos: int, we: int) -> int:
    """ "three fighters and two civilians": the counts of more victims joined by "and" to the counted ones (their sum),
    not "three of them" (part of the first) nor "and wounded nine" (another kind)."""
    more = 0
    for _ in range(3):
        m = _VICTIMS_AND.match(view.text, pos, we)
        if m is None or not any(view.tools.lexicon.is_a("victims", w.rstrip(".,")) for w in m.group("noun").split()):
            return more
        nxt = next((c for c in view.counts if c.start == m.end()), None)
        if nxt is None or not _victim_noun(view, nxt.end) or _PART_OF.match(view.text, nxt.end):
            return more
        more += nxt.value
        pos = nxt.end
    return more


_VICTIMS_AND = re.compile(r"\s+(?P<noun>(?:[\w.’'-]+\s+){0,3}?[\w.’'-]+)\s+and\s+")
_PART_OF = re.compile(r"\s+of\s+(?:them|whom|those|the\s+dead|the\s+wounded)\b", re.IGNORECASE)


def _one_more(view: SentenceView, pos: int, we: int) -> int:
    """ "two U.S. troops and a British medic": one more victim named after the counted ones (1), else 0."""
    return 1 if view.tools.lexicon.derived(_one_more_pattern).match(view.text, pos, we) else 0


def _one_more_pattern(lex: Lexicon) -> re.Pattern[str]:
    victims = _alternation(lex.words["victims"])
    single = _alternation(lex.words["single_victim_words"])
    return re.compile(rf"\s+(?:[\w.’'-]+\s+){{0,2}}?(?:{victims})\s+and\s+(?:an?|one)\s+(?:[\w’'-]+\s+){{0,2}}?(?:{single})\b"
                      rf"(?!-|\s+and\b)", re.IGNORECASE)


def _counted_subject(between: str) -> bool:
    """ "16 people, including civilians, were killed": what stands between a count and a casualty word after it (asides
    dropped) may be up to three words and a passive auxiliary, no list ("and", "or", a comma)."""
    between = _APPOSITIVE.sub("", _INCLUDING.sub("", between))
    if _LIST_WORDS.search(between):
        return False
    return _SUBJECT_WORDS.fullmatch(between) is not None or \
        (_OF_SUBJECT.fullmatch(between) is not None and not _CLAUSE_WORDS.search(between))


# "two Syrian members of a militia loyal to Iran's Revolutionary Guard were killed": victims qualified by an "of" phrase
_OF_SUBJECT = re.compile(r"\s+(?:[\w’'-]+\s+){1,2}of\s+(?:[\w.’'-]+\s+){1,7}(?:were|was|have been|had been)\s+(?:\w+ly\s+)?")
_CLAUSE_WORDS = re.compile(r"\b(?:that|who|which|where|when|said|says|after|before|as|while)\b", re.IGNORECASE)


_SUBJECT_WORDS = re.compile(r"\s+(?:[\w.’'-]+\s+){0,3}(?:were|was|have been|had been)?\s*(?:being\s+)?(?:\w+ly\s+)?")
_LIST_WORDS = re.compile(r"\b(?:and|or)\b|[,;]")
_APPOSITIVE = re.compile(r",\s+(?:an?|the)\s+[^,;]{1,40},")  # "one crew member, a Filipino sailor, was killed"
_NONE_OF = re.compile(r"\bnone\s+of\s+the\s+$", re.IGNORECASE)  # "None of the 23 crew were hurt": not 23


def _counted_victims(view: SentenceView, pos: int, ws: int) -> bool:
    """The count after a casualty verb counts people: "killed two soldiers", "one of them", "nine" after "three people"."""
    if _victim_noun(view, pos):
        return True
    of_end = of_victims_end(view, pos)
    if of_end is not None:
        return view.text[of_end - 4:of_end].lower() in ("them", "hose") or _victim_noun(view, of_end)
    return elliptic_victims(view, pos, ws)


def _casualty_word_pattern(lex: Lexicon) -> re.Pattern[str]:
    """A killed or injured word right before a count: "killed two", "wounded some"."""
    return re.compile(f"(?:{lex.pattern('killed_words').pattern}|{lex.pattern('injured_words').pattern})\\s+(?:\\w+ly\\s+)?$",
                      re.IGNORECASE)


_INCLUDING = re.compile(r",\s+(?:including|among them)\s+[^,;]{1,40},")
_SINGULAR: dict[int, tuple[object, re.Pattern[str]]] = {}


def _singular_pattern(view: SentenceView) -> re.Pattern[str]:
    """ "a <group> commander and two of his bodyguards": built once per lexicon from `single_victim_words` and `victims`."""
    lex = view.tools.lexicon
    cached = _SINGULAR.get(id(lex))
    if cached is not None and cached[0] is lex:
        return cached[1]
    roles = "|".join(re.escape(w) for w in sorted(lex.words["single_victim_words"], key=len, reverse=True))
    victims = "|".join(re.escape(w) for w in sorted(lex.words["victims"], key=len, reverse=True))
    pattern = re.compile(rf"\s+(?:an?|one)\s+(?:[\w’'-]+\s+){{0,4}}?(?:{roles})\b(?!-)"
                         rf"(?P<more>\s+and\s+(?:(?:his|her|their)\s+)?(?P<n>[\w-]+)\s+(?:of\s+(?:his|her|their|its)\s+)?(?:{victims})\b)?")
    _SINGULAR[id(lex)] = (lex, pattern)
    return pattern


def _singular_victims(view: SentenceView, pos: int, we: int) -> int | None:
    """ "killed a senior adviser" = 1; "killed a commander and two of his bodyguards" = 3."""
    m = _singular_pattern(view).match(view.text, pos, we)
    if not m:
        return None
    if not m.group("more"):
        return 1
    counts = [c for c in view.counts if c.start == m.start("n")]
    return 1 + counts[0].value if counts else None


def _victim_noun(view: SentenceView, pos: int) -> bool:
    words = [w.rstrip(".") for w in _NOUN_WORDS.findall(view.after(pos, 40))[:3]]
    return any(view.tools.lexicon.is_a("victims", w) or any(m.actor and m.adjective for m in view.mentions if m.text == w)
               for w in words)


_NOUN_WORDS = re.compile(r"[A-Za-z.’'-]+")


_DEATHS_OF = re.compile(r"\s+of\s+(?:(?:the|its|his|their)\s+)?$", re.IGNORECASE)


def _deaths_of(view: SentenceView, word: re.Match[str], count_start: int) -> bool:
    """ "the deaths of two fighters": a death noun, "of" and the count."""
    return view.tools.lexicon.is_a("death_nouns", word.group(0)) and \
        _DEATHS_OF.fullmatch(view.text, word.end(), count_start) is not None


def running_total(view: SentenceView, ws: int, we: int) -> bool:
    """ "Since October 8, Israeli strikes in Lebanon have killed about 450 people", "more than 350 fighters have been
    killed in that time", "Hezbollah attacks have killed 23 soldiers": a perfect-tense casualty verb in the clause, with
    a period or a tally named in the sentence, or with a bare plural of attacks as its subject, counts many incidents."""
    lex = view.tools.lexicon
    perfect = lex.derived(_perfect_toll_pattern).search(view.text, ws, we)
    if perfect is None:
        return _bounded_toll(view, ws, we)
    if view.has("period_openers") or view.has("cumulative_markers"):
        return True
    return lex.derived(_plural_subject_pattern).search(view.text, max(view.start, perfect.start() - 60), perfect.start()) is not None


def perfect_toll(view: SentenceView, ws: int, we: int) -> bool:
    """A perfect-tense casualty verb in the stretch: "have killed", "have been killed", "has announced the deaths of"."""
    lex = view.tools.lexicon
    return lex.derived(_perfect_toll_pattern).search(view.text, ws, we) is not None or \
        lex.derived(_perfect_deaths_pattern).search(view.text, ws, we) is not None


def _perfect_deaths_pattern(lex: Lexicon) -> re.Pattern[str]:
    """ "has announced the deaths of", "have confirmed the deaths of": a perfect tense telling of deaths."""
    aux = lex.alternation("perfect_auxiliaries")
    return re.compile(rf"\b(?:{aux})\s+(?:\w+ly\s+)?\w+ed\s+the\s+(?:{lex.alternation('death_nouns')})\s+of\b", re.IGNORECASE)


def _perfect_toll_pattern(lex: Lexicon) -> re.Pattern[str]:
    """ "have killed", "has been wounded", "have now been killed"."""
    aux = lex.alternation("perfect_auxiliaries")
    hurt = f"{lex.alternation('killed_words')}|{lex.alternation('injured_words')}"
    return re.compile(rf"\b(?:{aux})\s+(?:been\s+)?(?:\w+ly\s+)?(?:{hurt})\b", re.IGNORECASE)


def _plural_subject_pattern(lex: Lexicon) -> re.Pattern[str]:
    """A bare plural of attacks right before the verb, no determiner or count before it: "Israeli strikes in Lebanon",
    "Hezbollah attacks" (not "the strikes", "two strikes")."""
    plural = lex.alternation("plural_triggers")
    return re.compile(rf"(?<!\bthe\s)(?<!\bthese\s)(?<!\bthose\s)(?<!\bboth\s)(?<!\d\s)\b(?:[A-Z][\w'’-]*\s+)?(?:{plural})"
                      rf"(?:\s+(?:in|on|against|along|across)\s+(?:the\s+)?(?:[\w'’-]+\s+){{1,3}}?)?\s*$")


def zeros_of_others(toll: tuple[int | None, int | None], known: list[tuple[int | None, int | None]]) -> bool:
    """A toll with a zero where another toll of the same incident counts victims of that kind ("Hezbollah rockets
    killed a man", then "no soldiers were hurt"): its zeros are said of other people (tests/GOLD.md), so none of them
    is the incident's toll, for either kind."""
    for other in known:
        for mine, theirs in zip(toll, other):
            if mine == 0 and theirs:
                return True
    return False


def no_harm(killed: int | None, injured: int | None) -> bool:
    """A toll the outlet may report in its own voice, as a casualty report of no one: a zero ("There were no
    casualties.", "No injuries were reported."). "In Israel, a navy sailor was killed." is the outlet telling the
    incident, its toll the incident's, no one's claim (tests/GOLD.md: a claim is an assertion by someone)."""
    return (killed == 0 or injured == 0) and not killed and not injured


def toll_owner(view: SentenceView, found: list):
    """Of the incidents a sentence names (`events.Found`, in the order named), the one whose clause holds the first
    casualty word: the last one named before it, else the first; None when the sentence names none."""
    if not found:
        return None
    words = [w.start() for c in ("killed_words", "injured_words", "no_casualties") for w in view.find(c)[:1]]
    if not words or len({id(f.incident) for f in found}) == 1:
        return found[0]
    first = min(words)
    before = [f for f in found if f.pos < first]
    if not before:
        return found[0]
    return next(f for f in found if f.pos == before[-1].pos)  # "came under attack at A and B": the first one listed


# --- running totals as statistics ---------------------------------------------------------------------------------

# "between October 2023 and the ceasefire": a period with two bounds after a casualty word (a plain past-tense toll
# over it is a running total too: "more than 4,000 people were killed in Lebanon between October 2023 and ...").
_BOUNDED_PERIOD = re.compile(r"\bbetween\s+(?:\w+\s+){1,3}?(?:\d{1,2},?\s+)?(?:19|20)\d\d\b|\bbetween\s+(?:early\s+|mid-|late\s+)?"
                             r"(?:January|February|March|April|May|June|July|August|September|October|November|December)\b")
# What may stand between a count and the casualty word it is the subject of: "10 soldiers and six civilians have been
# killed", "101 wounded", "two of its fighters had been killed", "14 of its fighters killed".
_AFTER_COUNT = re.compile(r"\s+(?:of\s+(?:them|its|his|their|the)\s+)?(?:(?!(?:and|or)\s)[\w.’'-]+\s+){0,3}?(?:(?:were|was|have|has|had)\s+)?"
                          r"(?:been\s+)?(?:now\s+)?(?:\w+ly\s+)?$")
_INCLUDING_BEFORE = re.compile(r"\b(?:including|among\s+them|of\s+whom)\s+$", re.IGNORECASE)


def bounded_period(view: SentenceView) -> bool:
    """The sentence names a period with two bounds ("between November 2023 and January 2025")."""
    words = view.words()
    if words is not None and "between" not in words:
        return False
    return _BOUNDED_PERIOD.search(view.text, view.start, view.end) is not None


def _bounded_toll(view: SentenceView, ws: int, we: int) -> bool:
    """A casualty word followed in its clause by a period with two bounds: "more than 4,000 people were killed in
    Lebanon between October 2023 and the ceasefire"."""
    words = view.words()
    if words is not None and "between" not in words:
        return False
    hurt = view.find("killed_words", ws, we) + view.find("injured_words", ws, we)
    return any(_BOUNDED_PERIOD.search(view.text, w.end(), min(we, w.end() + 60)) for w in hurt)


def tally_counts(view: SentenceView, ws: int, we: int) -> list[tuple[object, str, str, re.Match[str], bool]]:
    """The counts of dead or wounded people in a toll over a period (the caller has decided it is one), in order:
    (count, "killed" or "injured", the victims as written, the casualty word, whether the count is its subject).

    "Israeli strikes have killed about 330 people since October 8, including about 60 civilians": 330 and 60, killed,
    objects of "killed"; "10 soldiers and six civilians have been killed": both subjects of "killed"; "31 people were
    killed and 101 wounded": 101 is the subject of "wounded"; a count of things ("launched 200 rockets") is none."""
    lex = view.tools.lexicon
    words = sorted(((w, kind) for kind, cat in _KINDS.items() for w in view.find(cat, ws, we)), key=lambda x: x[0].start())
    if not words:
        return []
    counts = [c for c in view.counts if ws <= c.start < we]
    subjects: dict[int, tuple] = {}
    for i in range(len(counts) - 1, -1, -1):  # from the last: "10 soldiers and six civilians have been killed"
        c = counts[i]
        noun = _victims_named(view, c.end)
        after = next(((w, k) for w, k in words if w.start() >= c.end and _AFTER_COUNT.fullmatch(view.text, c.end, w.start())), None)
        if after is not None and (noun or _CLAUSE_END.match(view.text, after[0].end()) or after[0].start() == c.end + 1):
            subjects[i] = (c, after[1], noun or "", after[0], True)  # "six civilians have been killed", "101 wounded"
        elif noun and i + 1 in subjects and _LIST_JOIN.fullmatch(view.text, c.end, counts[i + 1].start):
            subjects[i] = (c, *subjects[i + 1][1:2], noun, *subjects[i + 1][3:])  # "10 soldiers and" six ... killed
    out = []
    for i, c in enumerate(counts):
        if i in subjects:
            out.append(subjects[i])
            continue
        noun = _victims_named(view, c.end)
        if noun is None:
            continue
        before = [(w, k) for w, k in words if w.end() <= c.start and ";" not in view.text[w.end():c.start]]
        if not before:
            continue
        w, k = before[-1]
        between = view.text[w.end():c.start]
        if ADVERB_ONLY.fullmatch(between) or _INCLUDING_BEFORE.search(between) or _LISTED_BEFORE.search(between) \
                or _deaths_of(view, w, c.start):  # "the deaths of 245 of its fighters"
            out.append((c, k, noun, w, False))  # "have killed about 330 people", "including about 60 civilians", "and eight civilians"
    return out


_LIST_JOIN = re.compile(r"\s+(?:[\w’'-]+\s+){0,3}?[\w’'-]+(?:,\s+|\s+and\s+|,\s+and\s+)")
_LISTED_BEFORE = re.compile(r"^\s+(?:[\w’'-]+\s+){0,4}?(?:and|,)\s*$")


def _victims_named(view: SentenceView, pos: int) -> str | None:
    """The victims a count counts, as written ("people", "Israeli civilians", "of its fighters"), or None."""
    return _victims_as_written(view, pos)


def _victims_as_written(view: SentenceView, pos: int) -> str | None:
    of_end = of_victims_end(view, pos)
    start = of_end if of_end is not None else pos
    m = _NOUN_RUN.match(view.text, start, view.end)
    if m is None:
        return "of them" if of_end is not None and view.text[of_end - 4:of_end].lower() in ("them", "hose") else None
    words = m.group(0).split()
    for i, w in enumerate(words[:4]):
        if (w.endswith((",", ";", ":")) or w.endswith(".") and "." not in w[:-1]) and i < len(words) - 1:
            return None  # the phrase ends before any victim noun ("U.S." does not end it)
        if view.tools.lexicon.is_a("victims", w.rstrip(".,;:")):
            named = " ".join(words[:i + 1]).rstrip(".,;:")
            return f"{view.text[pos:start].strip()} {named}" if start > pos else named
    return None


_NOUN_RUN = re.compile(r"\s*(?:[\w.’'-]+\s+){0,3}[\w.’'-]+")
