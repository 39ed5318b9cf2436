"""Speech frames: in each sentence, who speaks, by which cue, and the stretch of text they say (stage 1 of quote
attribution), the speaker resolved with what the article said before (stage 2, `speaker_book`).

Reported speech is most of what news is made of, and about half of it is indirect or mixed, so the claims of a
sentence are read frame by frame: what a frame's content says decides the type of claim, its speaker the claimant.
A frame is a speaker (as resolved; None when the words cannot be resolved), the cue that makes it speak (a speech
verb, "according to", a transcript's speaker label) and its content, as offsets into the article text.

Sieves, each a shape of English news text, most precise first:

1. `according_to`: "According to X, C." / "C, according to X."
2. `closing`: the speaker after what he says: "C, X said." / "C, said X." / "“C,” X told reporters." (also in
   mid-sentence: "C, the army said, and several fires broke out": C only);
3. `parenthetical`: "In response, the army said, jets struck X": the whole sentence;
4. `subject`: "X said (that) C" / "X told reporters on Monday C", up to where the next frame's speaker stands
   ("One said A; the other said B": two frames); `passive`: "C was reported by X";
5. `continued`: a sentence that is nothing but a quotation, right after a frame of direct speech, is the same
   speaker's ("“A few fell in open areas,” a spokesman said. “There were no casualties.”");
6. `turn`: a transcript speaker's turn ("MS. SINGH: ..."): each sentence of it that no frame of its own covers.

Pronouns and descriptions ("he said", "it added", "the ministry said", "One said ...; the other said ...") stand for
the speaker of the frame before them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from eventdb.assertions import ActorRef
from eventdb.extract.context import SentenceView
from eventdb.extract.lexicon import Lexicon
from eventdb.extract.speakers import (
    described_speaker,
    fold_phrase,
    joint_speakers,
    passive_agent,
    ref,
    resolved,
    speaker_after_according,
    subject_of,
    unresolved_speaker,
)


@dataclass(frozen=True)
class Frame:
    """One act of speech: the speaker, the cue, what is said (offsets into the article)."""

    speaker: ActorRef | None  # resolved; None when someone speaks whom we cannot name ("residents said")
    cue_start: int
    cue_end: int
    cue: str  # the cue folded: "said", "according to", "confirmed", "turn", "continued"
    content_start: int
    content_end: int
    mode: str  # "direct" (a quotation), "indirect", "mixed" (indirect with quoted words)
    sieve: str  # the sieve that made it

    def covers(self, pos: int) -> bool:
        return self.content_start <= pos < self.content_end


_PASSIVE = re.compile(r"\b(?:was|were|been|is|are|being|be)\s+(?:\w+ly\s+)?$", re.IGNORECASE)
_WHAT_X = re.compile(r"\bwhat\s+(?:the\s+)?(?:[\w'’-]+\s+){1,3}$")
# After a cue, words that are not yet the content: "that", a day, "in a statement", a recipient ("told reporters").
_LEAD_IN = re.compile(r"(?:\s+(?:on|late\s+on|early\s+on)\s+\w+day(?:\s+(?:morning|afternoon|evening|night))?"
                      r"|\s+(?:yesterday|today|later|earlier|also|again|at\s+the\s+time)"
                      r"|\s+(?:in|during)\s+an?\s+(?:[\w-]+\s+){0,3}?(?:statement|briefing|interview|post|message|conference)"
                      r"(?:\s+(?:on|carried\s+by|published\s+by)\s+[^,;:“”\"]{1,40}?(?=\s+that\b|,))?)*"
                      r"(?:\s+that\b|\s*[:,]\s*(?=[“\"])|\s*:)?\s*")
# After "told": the one told ("told reporters", "told Meridian Wire", "told a local television channel").
_RECIPIENT = re.compile(r"\s+(?:reporters|journalists|(?:the\s+)?[A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*){0,3}"
                        r"|an?\s+(?:[\w-]+\s+){0,3}(?:channel|agency|conference|briefing|outlet|newspaper|reporter|station|"
                        r"television|radio|broadcaster))")
# After a closing speaker's verb, what may end the sentence: a few words of time, place or medium ("said on
# Thursday", "told reporters at the scene", "said in a statement on its Telegram channel"), no clause of its own.
_CLOSING_TAIL = re.compile(r"(?:\s+(?!(?:that|it|they|he|she|was|were|is|are|had|has|have|been|would|will|could)\b)[\w'’-]+){0,8}"
                           r"\s*[.!]?[”\"]?\s*$")
_PARENTHESIS_TAIL = re.compile(r"\s*(?:(?:on|late\s+on)\s+\w+day|in\s+an?\s+(?:[\w-]+\s+){0,3}?statement|also|later)?\s*,\s+")
_SPEAKER_OPENS = re.compile(r"(?:[,—–]|[,.][”\"]|[”\"],?)\s*$")
_QUOTE_OPEN = "“\""
_PRONOUN = re.compile(r"(?<![\w-])(?P<p>it|they|he|she|we|one|the\s+other|another(?:\s+[\w-]+){0,2}\s+official|"
                      r"a\s+second(?:\s+[\w-]+){0,2}\s+official|the\s+(?:first|second)(?:\s+[\w-]+){0,2}\s+official)"
                      r"\s+(?:also\s+|later\s+|then\s+|had\s+|has\s+)?$", re.IGNORECASE)


def sentence_frames(view: SentenceView, previous: ActorRef | None = None) -> list[Frame]:
    """The frames of one sentence, in text order, each with its content; `previous` is the last speaker before the
    sentence (what "he said" stands for). Reads the article's speaker book for descriptions, quotations continued
    and transcript turns, and keeps its frames there for the claims and the next sentences."""
    book = view.book
    if book is not None:
        known = book.frames_of(view.sentence.index)  # type: ignore[attr-defined]
        if known is not None:
            return known
    frames = _according_to_frames(view) + _verb_frames(view, previous)
    frames = _bounded(view, sorted(frames, key=lambda f: f.cue_start))
    if not frames:
        frames = _continued(view)
    if book is not None:
        frames = _in_turn(view, frames)
        book.keep_frames(view.sentence.index, frames)  # type: ignore[attr-defined]
    return frames


def last_speaker(frames: list[Frame]) -> ActorRef | None:
    """The speaker of the last frame that has one."""
    for f in reversed(frames):
        if f.speaker is not None:
            return f.speaker
    return None


def frame_at(view: SentenceView, pos: int) -> Frame | None:
    """The frame whose content holds `pos` (the innermost when frames nest: "X said Y told Z ...")."""
    sentence_frames(view)
    return view.book.frame_at(view.sentence.index, pos, view.end) if view.book is not None else None  # type: ignore[attr-defined]


def _mode(view: SentenceView, start: int, end: int) -> str:
    text = view.text[start:end].strip()
    if text[:1] in _QUOTE_OPEN and text.rstrip(".,")[-1:] in "”\"":
        return "direct"
    return "mixed" if any(q in text for q in "“\"") else "indirect"


def _according_to_frames(view: SentenceView) -> list[Frame]:
    words = view.words()
    if words is not None and "according" not in words:
        return []  # (most sentences: no scan)
    out = []
    for v in view.find("speech_verbs"):
        if fold_phrase(v.group(0)) != "according to":
            continue
        who = _according_to_speaker(view, v.end())
        if who is None:
            continue
        before = view.text[view.start:v.start()]
        if before.strip() == "" or before.rstrip().endswith(("(", "—")):
            comma = view.text.find(",", v.end(), view.end)  # "According to X, C."
            cs, ce = (comma + 1, view.end) if comma != -1 else (v.end(), view.end)
        else:
            cs, ce = _clause_start(view, v.start()), v.start()  # "C, according to X."
        out.append(Frame(who, v.start(), v.end(), "according to", cs, ce, _mode(view, cs, ce), "according_to"))
    return out


def _according_to_speaker(view: SentenceView, pos: int) -> ActorRef | None:
    names = [m for m in view.mentions if (m.actor or m.outlet) and m.start >= pos and m.start - pos < 25
             and _FIRST_PHRASE.fullmatch(view.text, pos, m.start) and not view.is_descriptor(m)
             and not _RUN_BY.match(view.text, m.end)]
    if names:
        return resolved(view, ref(view, names[0]))
    anaphor = view.tools.lexicon.derived(_anaphor_after).match(view.text, pos, view.end)
    if anaphor is not None and view.book is not None:
        return view.book.body(anaphor.group("head"), anaphor.start("head"))  # type: ignore[attr-defined]
    return resolved(view, speaker_after_according(view, pos))


_FIRST_PHRASE = re.compile(r"\s+(?:(?:the|a|an)\s+)?(?:[\w'’-]+\s+){0,3}?")
_RUN_BY = re.compile(r"-(?:run|owned|controlled|funded|based)\b")


def _anaphor_after(lex: Lexicon) -> re.Pattern[str]:
    return re.compile(rf"\s+(?P<head>{lex.alternation('speaker_anaphora')})\b", re.IGNORECASE)


def _verb_frames(view: SentenceView, previous: ActorRef | None) -> list[Frame]:
    out: list[Frame] = []
    for v in view.find("frame_cues"):
        if _PASSIVE.search(view.before(v.start(), 14)):
            agent = passive_agent(view, v.end())  # "An attack ... was reported by CENTCOM": the agent speaks
            if agent is not None:
                cs = _clause_start(view, v.start())
                out.append(Frame(resolved(view, agent), v.start(), v.end(), fold_phrase(v.group(0)), cs, v.start(),
                                 _mode(view, cs, v.start()), "passive"))
            continue  # "no injuries were reported": no one speaks
        if _WHAT_X.search(view.before(v.start(), 40)) or _inside_a_name(view, v.start()) \
                or fold_phrase(v.group(0)) == "according to":
            continue  # "what X described as": no statement
        frame = _verb_frame(view, v, previous)
        if frame is not None:
            out.append(frame)
            previous = frame.speaker or previous
    return out


def _inside_a_name(view: SentenceView, pos: int) -> bool:
    for m in view.mentions:
        if m.start <= pos < m.end:
            return True
    return False


def _verb_frame(view: SentenceView, v: re.Match[str], previous: ActorRef | None) -> Frame | None:
    cue = fold_phrase(v.group(0))
    after = _inverted(view, v)
    if after is not None:  # "“C,” said X."
        cs, ce = _clause_start(view, v.start()), _before_speaker(view, v.start())
        return Frame(after, v.start(), v.end(), cue, cs, ce, _mode(view, cs, ce), "closing")
    shared = _coordinated(view, v.start())
    if shared is not None:  # "SANA, quoting a military source, blamed X and said one soldier had been killed"
        cs = (_LEAD_IN.match(view.text, v.end(), view.end) or v).end()
        return Frame(shared, v.start(), v.end(), cue, cs, view.end, _mode(view, cs, view.end), "subject")
    who, at = _subject(view, v.start(), previous)
    if at is None:
        return None
    at = _phrase_start(view, at)
    opens = _SPEAKER_OPENS.search(view.text, max(view.start, at - 4), at)
    if opens is not None and at > view.start + 2:  # ", the army said" / "“C,” X said"
        tail_start = v.end()
        if cue in ("told", "tells", "informed"):
            recipient = _RECIPIENT.match(view.text, tail_start, view.end)
            tail_start = recipient.end() if recipient is not None else tail_start
        end_of_clause = _CLOSING_TAIL.match(view.text, tail_start, view.end)
        if end_of_clause is not None or view.text[v.end():v.end() + 1] in ",;":
            tail = _PARENTHESIS_TAIL.match(view.text, v.end(), view.end)
            cs = _clause_start(view, at)
            if tail is not None and end_of_clause is None and _adverbial(view, cs, opens.start()):
                return Frame(who, v.start(), v.end(), cue, cs, view.end, _mode(view, tail.end(), view.end), "parenthetical")
            ce = opens.start()
            return Frame(who, v.start(), v.end(), cue, cs, ce, _mode(view, cs, ce), "closing")
    pos = v.end()
    if cue in ("told", "tells", "informed"):
        recipient = _RECIPIENT.match(view.text, pos, view.end)
        pos = recipient.end() if recipient is not None else pos
    lead = _LEAD_IN.match(view.text, pos, view.end)
    cs = lead.end() if lead is not None else pos
    return Frame(who, v.start(), v.end(), cue, cs, view.end, _mode(view, cs, view.end), "subject")


_MODIFIERS = re.compile(r"(?:(?:[,;:—–]|[,.]?[”\"])\s*)(?P<words>(?:(?:[Tt]he|[Aa]n?|[Tt]wo|[Tt]hree|[Aa]nother|[A-Z][\w.’'-]*['’]s|"
                        r"[a-z]+-(?:run|owned|based)|[A-Z][\w-]*-run|state-run|official|senior|local)\s+){1,3})$")


def _phrase_start(view: SentenceView, at: int) -> int:
    """Where the speaker's phrase starts, before its determiner, possessive and epithet ("..., Lebanon's state-run
    National News Agency reported": at "Lebanon's")."""
    m = _MODIFIERS.search(view.text, max(view.start, at - 50), at)
    return m.start("words") if m is not None else at


def _adverbial(view: SentenceView, start: int, end: int) -> bool:
    """What stands before ", the army said," is an opener, not a clause ("In response", "On Thursday"): no verb."""
    chunk = view.text[start:end]
    return len(chunk) < 40 and not view.has("triggers", start, end) and not re.search(r"\b\w+ed\b|\bwere\b|\bwas\b", chunk)


def _before_speaker(view: SentenceView, verb: int) -> int:
    """Where the content ends before ", said X" / "“...,” said X": before the comma and closing quote."""
    pos = verb
    while pos > view.start and view.text[pos - 1] in " ,”\"":
        pos -= 1
    return pos + 1 if view.text[pos:pos + 1] in "”\"" else pos


def _clause_start(view: SentenceView, pos: int) -> int:
    """The start of the clause that ends before `pos`: the sentence start, or just after a semicolon."""
    semi = view.text.rfind(";", view.start, pos)
    start = semi + 1 if semi != -1 else view.start
    while start < pos and view.text[start].isspace():
        start += 1
    return start


_AND = re.compile(r",?\s+and\s+(?:also\s+|later\s+|then\s+)?$")


def _coordinated(view: SentenceView, verb: int) -> ActorRef | None:
    """The subject of a verb coordinated with an earlier speech verb of the sentence ("X blamed Y and said ..."):
    that verb's subject, when we can name it."""
    if not _AND.search(view.before(verb, 20)):
        return None
    earlier = [v for v in view.find("speech_verbs", view.start, verb) if v.end() < verb - 4]
    if not earlier or fold_phrase(earlier[-1].group(0)) == "according to":
        return None
    head = earlier[-1].start()
    if view.text.find(";", head, verb) != -1 or view.has("triggers", head, verb) and _CLAUSE_SUBJECT.search(view.text, head, verb):
        return None
    who = subject_of(view, head) or described_speaker(view, head)
    return resolved(view, who) if who is not None else None


# A new subject between two verbs ("X said Y fired ... and said"): the second verb is not X's.
_CLAUSE_SUBJECT = re.compile(r"\b(?:that|who|which)\b")


def _inverted(view: SentenceView, v: re.Match[str]) -> ActorRef | None:
    """ "“...,” said Centcom": after a closing quotation or comma the speaker follows the verb."""
    if not re.search(r"[”\"][\s,]*$|[,.][”\"]\s*$|,\s*$", view.text[max(view.start, v.start() - 4):v.start()]):
        return None
    names = [m for m in view.mentions if (m.actor or m.outlet) and v.end() <= m.start < v.end() + 30
             and re.fullmatch(r"\s+(?:the\s+)?", view.text[v.end():m.start]) and not view.is_descriptor(m)]
    return resolved(view, ref(view, names[0])) if names else None


def _subject(view: SentenceView, verb: int, previous: ActorRef | None) -> tuple[ActorRef | None, int | None]:
    """The speaker of a speech verb and where its words start; (None, start) when someone speaks whom we cannot
    name, (None, None) when the verb has no subject we can see."""
    joint = joint_speakers(view, verb) if view.has("joint_speakers") else None
    if joint:
        return joint[0], joint[0].char_start
    pronoun = _PRONOUN.search(view.before(verb, 60))
    if pronoun is not None and _starts_clause(view, verb - len(view.before(verb, 60)) + pronoun.start()):
        at = verb - len(view.before(verb, 60)) + pronoun.start()
        word = pronoun.group("p").lower()
        if word == "it" and previous is not None and view.book is not None and view.book._is_person(previous):  # type: ignore[attr-defined]
            body = view.book.last_body(at)  # type: ignore[attr-defined]
            return (body or previous), at  # "CENTCOM gave another account. In a statement, it said ...": not the
            # spokesman heard before (a person is "he", not "it")
        return (previous if word != "we" else None), at
    spoken_for = _spokesman_for(view, verb)
    if spoken_for is not None:  # "“...,” a spokesman for Kata'ib Sayyid al-Shuhada said": the group speaks
        return spoken_for
    quoted = _after_quote(view, verb)
    if quoted is not None:
        closing = max(view.text.rfind("”", view.start, verb), view.text.rfind('"', view.start, verb))
        return quoted, closing + 1
    described = described_speaker(view, verb)
    if described is not None:
        return described, described.char_start
    for category in ("army_anaphora", "group_anaphora"):
        for a in view.find(category, max(view.start, verb - 40), verb):
            if view.text[a.end():verb].isspace():
                return None, a.start()  # "the army said" with no army we can name: someone speaks all the same
    ministry = _MINISTRY.search(view.before(verb, 40))
    if ministry is not None:  # "The UAE intercepted two missiles ..., the Ministry of Defence said": the subject state's
        at = verb - len(view.before(verb, 40)) + ministry.start("who")
        return _subject_state(view, at, ministry.group("who")), at
    anaphor = view.tools.lexicon.derived(_anaphor_before).search(view.before(verb, 40))
    if anaphor is not None and view.book is not None:
        at = verb - len(view.before(verb, 40)) + anaphor.start("head")
        return view.book.body(anaphor.group("head"), at), at  # type: ignore[attr-defined]
    who = subject_of(view, verb)
    if who is not None and who.char_start is not None:
        return resolved(view, who), who.char_start
    anonymous = view.tools.lexicon.derived(_anonymous_pattern).search(view.before(verb, 40))
    if anonymous is not None:  # "Witnesses said", "Residents told AFP": someone speaks whom we cannot name
        return None, verb - len(view.before(verb, 40)) + anonymous.start("who")
    written = unresolved_speaker(view, verb) or _titled_person(view, verb)
    if written is not None and written.char_start is not None:
        return resolved(view, written), written.char_start
    return None, None


_SPOKESMAN_FOR = re.compile(r"\b(?:an?|the)\s+(?:[\w-]+\s+)?spokes(?:man|woman|person)\s+(?:for|of)\s+(?:the\s+)?$", re.IGNORECASE)
_SPEAKER_GAP = re.compile(r"\s+(?:(?:also|later|had|has|have|then)\s+)?")


def _spokesman_for(view: SentenceView, verb: int) -> tuple[ActorRef | None, int] | None:
    """ "a spokesman for X said": X, the body named right before the verb after "a spokesman for", and where the
    speaker's phrase starts."""
    for m in view.mentions:
        if (m.actor or m.outlet) and m.end < verb and _SPEAKER_GAP.fullmatch(view.text, m.end, verb) and not view.is_descriptor(m):
            role = _SPOKESMAN_FOR.search(view.before(m.start, 40))
            if role is not None:
                return resolved(view, ref(view, m)), m.start - len(view.before(m.start, 40)) + role.start()
    return None


def _anonymous_pattern(lex: Lexicon) -> re.Pattern[str]:
    return re.compile(rf"(?:^|[,;:—–]\s+|[”\"]\s*|^\s*)(?P<who>(?:[A-Z]?[a-z-]+\s+){{0,2}}(?i:{lex.alternation('anonymous_speakers')}))"
                      rf"(?:\s+(?:also|later|had|have|has))?\s+$")


def _name_pattern(lex: Lexicon) -> re.Pattern[str]:
    """A name after titles ("Maj. Gen. Pat Ryder"), past an apposition, right before a verb (the caller's end)."""
    titles = lex.alternation("name_titles")
    name = r"[A-Z][\w'’-]+(?:\s+(?:(?:al|el|bin|ibn|Abu|abu)[-\s])?[A-Z][\w'’-]+){0,3}"
    return re.compile(rf"(?:[,;:—–]\s+|[”\"]\s*)?(?:(?:{titles})\s+)*(?P<name>{name})"
                      rf"(?P<apposition>,\s+(?:an?\s+|the\s+)?[^,;“”\"]{{3,120}},)?\s+(?:also\s+|later\s+)?$")


def _after_quote(view: SentenceView, verb: int) -> ActorRef | None:
    """ "“...,” Major General Yehia Rasool, spokesman for the commander-in-chief, said": the name right after a
    closing quotation (a reference name, or as written), past an apposition."""
    closing = max(view.text.rfind("”", view.start, verb), view.text.rfind('"', view.start, verb))
    if closing == -1 or closing < verb - 200:
        return None
    if view.text[closing] == '"' and view.text.count('"', view.text.rfind("\n", 0, view.start) + 1, closing) % 2 == 0:
        return None  # a straight quotation mark that opens a quotation ('"Initial reports indicate ...," X said')
    m = view.tools.lexicon.derived(_name_pattern).match(view.text, closing, verb)
    if m is None or not view.text[closing:m.start("name")].strip(" ,”\"").replace(".", "").replace(" ", "").isalpha() \
            and view.text[closing:m.start("name")].strip(" ,”\""):
        return None
    return _named_at(view, m.start("name"), m.end("name"))


def _titled_person(view: SentenceView, verb: int) -> ActorRef | None:
    """ "Gen. Pat Ryder said", "Brig. Gen. Yahya Saree said": a name after titles at the clause start."""
    pattern = view.tools.lexicon.derived(_name_pattern)
    m = pattern.match(view.text, view.start, verb) if verb - view.start < 80 else None
    if m is None:
        m = pattern.search(view.text, max(view.start, verb - 80), verb)
        if m is None or view.text[m.start()] not in ",;:—–”\"":
            return None
    if m.group("apposition"):
        return None
    if view.tools.lexicon.is_a("sentence_openers", m.group("name").split()[0]):
        return None
    return _named_at(view, m.start("name"), m.end("name"))


def _named_at(view: SentenceView, start: int, end: int) -> ActorRef:
    for m in view.mentions:
        if (m.actor or m.outlet) and m.start == start and not view.is_descriptor(m):
            return resolved(view, ref(view, m))  # type: ignore[return-value]
    return resolved(view, ActorRef(view.text[start:end], None, start, end))  # type: ignore[return-value]


_MINISTRY = re.compile(r"(?:^|[,;—–][”\"]?\s+)(?P<who>[Tt]he\s+(?:(?:[Dd]efen[cs]e|[Ff]oreign|[Ii]nterior)\s+[Mm]inistry|"
                       r"[Mm]inistry\s+of\s+(?:[Dd]efen[cs]e|[Ff]oreign\s+[Aa]ffairs|[Ii]nterior)))\s+(?:also\s+)?$")


def _subject_state(view: SentenceView, at: int, words: str) -> ActorRef | None:
    """The state that opens the sentence as its subject ("The United Arab Emirates intercepted ..."): what a bare "the
    Ministry of Defence" later in the sentence belongs to; None when the sentence does not open with one."""
    for m in view.mentions:
        if m.actor and m.start < at and view.actor_kind(m.actor) == "state" and not m.adjective \
                and _OPENS_WITH.fullmatch(view.text, view.start, m.start):
            return ActorRef(words, m.actor, at, at + len(words))
    return None


_OPENS_WITH = re.compile(r"\s*(?:[Tt]he\s+)?")


def _anaphor_before(lex: Lexicon) -> re.Pattern[str]:
    return re.compile(rf"(?<![\w-])(?P<head>{lex.alternation('speaker_anaphora')})\s+(?:also\s+|later\s+|has\s+|had\s+)?"
                      rf"(?:,\s+[^,]{{1,60}},\s+)?$", re.IGNORECASE)


def _starts_clause(view: SentenceView, pos: int) -> bool:
    """A pronoun subject stands at the start of the sentence or of a clause (after a comma, semicolon, quotation or
    conjunction): not "the launcher it used", "told him"."""
    before = view.text[view.start:pos].rstrip()
    return before == "" or before[-1] in ",;:”\"—–" or before.endswith((" and", " but", " while"))


def _bounded(view: SentenceView, frames: list[Frame]) -> list[Frame]:
    """A `subject` frame's content ends where the next frame's speaker begins ("One said A; the other said B")."""
    out = []
    for i, f in enumerate(frames):
        end = _new_time(view, f) if f.sieve == "subject" else f.content_end
        for g in frames[i + 1:]:
            if f.sieve == "subject" and g.cue_start > f.content_start and g.sieve == "subject":
                stop = _clause_break(view, f.content_start, g.cue_start)
                if stop is not None:
                    end = min(end, stop)
                    break
        out.append(f if end == f.content_end else Frame(f.speaker, f.cue_start, f.cue_end, f.cue, f.content_start, end,
                                                        _mode(view, f.content_start, end), f.sieve))
    return out


_AND_THEN = re.compile(r",\s+and\s+(?:then\s+)?(?:(?:on|in|late\s+on|early\s+on|by)\s+)?$")


def _new_time(view: SentenceView, f: Frame) -> int:
    """ "X announced that it was suspending operations, and on February 7 a US drone strike killed Y": a clause joined
    by "and" that opens with a time of its own tells what happened next in the outlet's voice; the content ends
    before it."""
    for d in view.dates:
        if f.content_start < d.start < f.content_end:
            m = _AND_THEN.search(view.text, max(f.content_start, d.start - 25), d.start)
            if m is not None:
                return m.start()
    return f.content_end


def _clause_break(view: SentenceView, start: int, verb: int) -> int | None:
    """The last clause break (";", ", and", ", while", ", but") between `start` and the next speech verb."""
    breaks = list(re.finditer(r";\s*|,\s+(?:and|while|but|whereas)\s+|\s+(?:and|while|but|whereas)\s+(?=[A-Z])", view.text[start:verb]))
    return start + breaks[-1].start() if breaks else None


def _continued(view: SentenceView) -> list[Frame]:
    """A sentence that is a quotation and nothing else, right after a frame of direct speech, continues it."""
    book = view.book
    text = view.text[view.start:view.end].strip()
    if book is None or text[:1] not in _QUOTE_OPEN and not book.open_quote(view):  # type: ignore[attr-defined]
        return []
    source = book.quoted_source(view)  # type: ignore[attr-defined]
    if source is not None:
        return [Frame(source, view.start, view.start, "statement", view.start, view.end, "direct", "statement")]
    last = book.frames_of(view.sentence.index - 1)  # type: ignore[attr-defined]
    if not last:
        return []
    direct = [f for f in last if f.mode in ("direct", "mixed") and f.speaker is not None]
    if not direct:
        return []
    f = direct[-1]
    return [Frame(f.speaker, view.start, view.start, "continued", view.start, view.end, "direct", "continued")]


def _in_turn(view: SentenceView, frames: list[Frame]) -> list[Frame]:
    """In a transcript, the sentences of a speaker's turn are that speaker's where no frame of their own speaks."""
    turn = view.book.turn_at(view.end - 1) if view.book is not None else None  # type: ignore[attr-defined]
    if turn is None:
        return frames
    start, label, who = turn
    cs = max(view.start, start)
    if frames or who is None or who.key is None:
        return frames  # ("UPDATE:", "BREAKING:" or a name the article never tied to a body speak for no one)
    return [Frame(who, cs, cs, "turn", cs, view.end, "direct", "turn")]
