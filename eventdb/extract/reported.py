"""Reported speech: a speaker, a reporting verb and the clause it reports.

The claim rules ask of that grammar: does the speaker report an act of its own ("the Pentagon said it had carried
out the strike", "X said its aircraft had hit ...": a claim of responsibility), or deny a role of its own ("denied it
was behind", "said it was not behind"); does a speaker stand after the clause it reports ("No one was hurt, the
ministry said."): then the whole sentence before it is what the speaker says; and does a speaker characterize an
event ("in what Tehran described as an Israeli attack"). Who the speaker is stays the caller's question.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from eventdb.extract.context import SentenceView
from eventdb.extract.lexicon import Lexicon


@dataclass(frozen=True)
class OwnAct:
    """ "X said (that) it had struck ...": the reporting verb and the act the speaker says it did itself."""

    verb_start: int
    verb_end: int
    act_start: int
    act_end: int


def _own_act_pattern(lex: Lexicon) -> re.Pattern[str]:
    """After a reporting verb: a short stretch ending in "that" or a day ("on Thursday"), a self pronoun ("it", "its
    aircraft"), an optional appositive (", supported by the RAF,"), perfect or adverb auxiliaries only, then the act.
    A modal ("would strike"), a negation ("had not fired") or a passive ("had been targeted") leaves no match."""
    pronouns = "|".join(re.escape(p).replace(r"\ ", r"\s+").replace("'", "['’]") for p in lex.words["self_pronouns"])
    acts = lex.alternation("claimed_actions")
    ongoing = r"striking|conducting|carrying\s+out|targeting|attacking|bombing|shelling|launching"  # "says it is striking ..."
    return re.compile(
        rf"(?:\s+[^,;.“”\"]{{0,80}}?\bthat|\s+(?:(?:late|early)\s+)?on\s+\w+day|\s+in\s+an?\s+(?:[\w-]+\s+){{0,2}}?statement)?"
        rf"\s+(?:{pronouns})(?:,[^,;.“”\"]{{1,60}},)?(?:\s+(?:was|were)(?=\s+(?:behind|responsible)))?"
        rf"\s+(?:(?:had|has|have|also|already|successfully|then|now|currently|\w+ly)\s+|(?:is|are)\s+(?=(?:now\s+|currently\s+)?(?:{ongoing})\b))*[“\"]?"
        rf"(?P<act>{acts}|{ongoing}|(?<=was\s)behind|(?<=were\s)behind|(?<=was\s)responsible\s+for|(?<=were\s)responsible\s+for)\b",
        re.IGNORECASE)


_ONGOING_WORDS = frozenset({"striking", "conducting", "carrying", "targeting", "attacking", "bombing", "shelling", "launching"})


def own_acts(view: SentenceView) -> list[OwnAct]:
    """Every "X said it had <act>" in the sentence; who X is is the caller's question (the verb's subject).
    The pattern needs a self pronoun fenced by spaces or a comma, so each of its words stands whole in the sentence:
    without one of their key words (`may_hold`) nothing can match, and the verbs are not scanned."""
    lex = view.tools.lexicon
    words = view.words()
    ongoing = words is None or not _ONGOING_WORDS.isdisjoint(words)
    if not (ongoing or may_hold(view, "claimed_actions", "denied_roles")) or not may_hold(view, "self_pronouns") \
            or not view.has("statement_verbs"):
        return []
    pattern = lex.derived(_own_act_pattern)
    out = []
    for v in view.find("statement_verbs"):
        m = pattern.match(view.text, v.end(), view.end)
        if m:
            out.append(OwnAct(v.start(), v.end(), m.start("act"), m.end("act")))
    return out


# "X said he had ordered the strikes", "said it had authorized strikes on ...": the speaker (a leader, a command) reports
# an act it had done by its order; the act is the attack named right after the verb (at most three words between, so
# "ordered an investigation into the attack" is no order of the attack).
_ORDERED = re.compile(r"(?:\s+that)?\s+(?:he|she|it|they|we|I)\s+(?:(?:had|has|have|personally|also|just)\s+)*"
                      r"(?P<act>ordered|authori[sz]ed|directed)\s+")
_ORDER_WORDS = frozenset({"ordered", "authorized", "authorised", "directed"})
_ORDER_OBJECT = re.compile(r"(?:[“\"]?[\w-]+[”\"]?\s+){0,3}[“\"]?")


def ordered_acts(view: SentenceView) -> list[OwnAct]:
    """Every "X said he had ordered <attack>" in the sentence: the act is the trigger right after the ordering verb."""
    words = view.words()
    if (words is not None and _ORDER_WORDS.isdisjoint(words)) or not view.has("statement_verbs"):
        return []
    out = []
    for v in view.find("statement_verbs"):
        m = _ORDERED.match(view.text, v.end(), view.end)
        if m is None:
            continue
        trigger = view.first("triggers", m.end(), min(view.end, m.end() + 60))
        if trigger is not None and _ORDER_OBJECT.fullmatch(view.text, m.end(), trigger.start()):
            out.append(OwnAct(v.start(), v.end(), m.start("act"), m.end("act")))
    return out


_TRAILING_SAY = re.compile(r"\s*(?:(?:on|late on|early on)\s+\w+day|in\s+an?\s+(?:[\w-]+\s+){0,2}?statement|"
                           r"(?:also|later|earlier|at\s+the\s+time)|,\s*(?:adding|citing|declining|saying)\b[^.]*)?\s*[.!]?[”\"]?\s*$", re.IGNORECASE)


def speaks_last(view: SentenceView, verb_end: int) -> bool:
    """The reporting verb closes the sentence ("..., the ministry said." / "... said on Monday."): nothing it reports
    follows it, so it reports what came before."""
    return _TRAILING_SAY.match(view.text, verb_end, view.end) is not None


def _own_denial_pattern(lex: Lexicon) -> re.Pattern[str]:
    """ "denied (that) they were behind", "denies it was responsible for", "said it was not behind": a denial whose
    clause has a self pronoun as subject and a role as predicate."""
    pronouns, roles = lex.alternation("self_pronouns"), lex.alternation("denied_roles")
    return re.compile(rf"(?:(?:{lex.alternation('denial_verbs')})\s+(?:that\s+)?(?:{pronouns})\s+"
                      rf"(?:was|were|is|are|had\s+been|has\s+been|have\s+been)\s+(?:in\s+any\s+way\s+|ever\s+)?(?:{roles})"
                      rf"|(?:{lex.alternation('statement_verbs')})\s+(?:that\s+)?(?:{pronouns})\s+(?:was|were|is|are|had|has|have)"
                      rf"\s+(?:not|never)\s+(?:been\s+)?(?:in\s+any\s+way\s+)?(?:{roles}))\b", re.IGNORECASE)


def own_denials(view: SentenceView) -> list[re.Match[str]]:
    """Every "X denied it was behind ..." in the sentence (the denier is the caller's question)."""
    if not may_hold(view, "denied_roles"):
        return []
    pattern = view.tools.lexicon.derived(_own_denial_pattern)
    verbs = view.find("denial_verbs") + view.find("statement_verbs")
    return [m for m in (pattern.match(view.text, v.start(), view.end) for v in verbs) if m is not None]


@dataclass(frozen=True)
class DeniedAct:
    """ "X denied (in a statement) that <doer> carried out ...": the denial verb, the doer's stretch and the act."""

    verb_start: int
    doer_start: int
    doer_end: int
    act_start: int


# Acts of a state behind an attack that a denial may deny of it ("denied that Tehran directs the attacks").
_DIRECTING_ACTS = frozenset({"directs", "directed", "orchestrated", "ordered", "controls", "commands", "sponsored", "armed",
                             "supplied"})


def _denied_act_pattern(lex: Lexicon) -> re.Pattern[str]:
    """After a denial verb: an optional "in a statement" or day, "that", a short doer, auxiliaries, then an act."""
    return re.compile(rf"\s+(?:in\s+an?\s+(?:[\w-]+\s+){{0,2}}?statement\s+|(?:on\s+)?\w+day\s+)?that\s+"
                      rf"(?P<doer>[^,;.“”\"]{{2,60}}?)\s+(?:(?:had|has|have|ever|any)\s+)*(?P<act>{lex.alternation('claimed_actions')}"
                      rf"|{'|'.join(sorted(_DIRECTING_ACTS))})\b",
                      re.IGNORECASE)


def denied_acts(view: SentenceView) -> list[DeniedAct]:
    """Every "X denied that Y carried out ..." in the sentence (who X and Y are is the caller's question)."""
    if not view.has("denial_verbs"):
        return []
    words = view.words()
    if words is not None and _DIRECTING_ACTS.isdisjoint(words) and not may_hold(view, "claimed_actions"):
        return []
    pattern = view.tools.lexicon.derived(_denied_act_pattern)
    out = []
    for v in view.find("denial_verbs"):
        m = pattern.match(view.text, v.end(), view.end)
        if m:
            out.append(DeniedAct(v.start(), m.start("doer"), m.end("doer"), m.start("act")))
    return out


def may_hold(view: SentenceView, *categories: str) -> bool:
    """Some phrase of the categories may stand in the sentence: one of their key words is among its words (a set
    lookup, so that a rule skips its scans in the many sentences that cannot match). The lexicon caches each
    category's key words (`Lexicon.shape`); a category with a phrase that is not plain ASCII has none and may always hold."""
    words = view.words()
    if words is None:
        return True
    for category in categories:
        known = view.tools.lexicon.shape(category).key_words
        if not known or not known.isdisjoint(words):
            return True
    return False


@dataclass(frozen=True)
class Characterization:
    """ "what X described as an Israeli attack": the speaker's stretch (between "what" and the verb) and where the
    characterization ("an Israeli attack") starts."""

    speaker_start: int
    speaker_end: int
    object_start: int


def _characterization_pattern(lex: Lexicon) -> re.Pattern[str]:
    verbs = "|".join(re.escape(p) for p in lex.words["characterization_verbs"])
    return re.compile(rf"\bwhat\s+(?P<who>[^,;“”\"]{{2,50}}?)\s+(?:\w+ly\s+|also\s+)?(?:{verbs})\s+(?:it\s+)?as\s+[“\"]?",
                      re.IGNORECASE)


def characterizations(view: SentenceView) -> list[Characterization]:
    if not may_hold(view, "characterization_verbs") or "what" not in (view.words() or {"what"}):
        return []
    return [Characterization(m.start("who"), m.end("who"), m.end())
            for m in view.tools.lexicon.derived(_characterization_pattern).finditer(view.text, view.start, view.end)]
