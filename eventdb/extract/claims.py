"""Claims: who says what about an incident, with the stance the words give it."""

from __future__ import annotations

import re
from dataclasses import replace

from eventdb.assertions import ActorRef, Claim
from eventdb.extract.context import SentenceView, actor_ref
from eventdb.extract.incidents import Draft, Found
from eventdb.extract.lexicon import Lexicon
from eventdb.extract.reported import (
    OwnAct, characterizations, denied_acts, may_hold, ordered_acts, own_acts, own_denials, speaks_last,
)
from eventdb.extract.speakers import (
    BY_AGENT,
    casualty_speaker,
    clause_speaker,
    joint_speakers,
    negated_clause,
    pronoun_speaker,
    ref,
    reported_subject,
    subject_of,
    unvoiced,
    fold_phrase,
    framed_speaker,
    bodies_of,
    official_bodies,
    own_side,
    subject_before,
    voice,
)
from eventdb.extract.interceptions import interceptions
from eventdb.extract.tolls import casualties, running_total, toll_owner


def _for_both_speakers(view: SentenceView, claims: list[Claim]) -> list[Claim]:
    """The claims a joint speaker makes ("the two countries said"), once for each of the two."""
    verbs = view.find("speech_verbs")
    joint = next((j for j in (joint_speakers(view, v.start()) for v in verbs) if j), None)
    if joint is None:
        return claims
    first, second = joint
    pair = {first.key, second.key}
    claims = [c for c in claims if not (c.type == "attribution" and c.perpetrator and c.perpetrator.key in pair)]
    # (the speakers do not blame themselves: such an attribution misreads who did what)
    out = list(claims)
    for c in claims:
        if c.claimant and c.claimant.key == first.key:
            perp = second if c.perpetrator and c.perpetrator.key == first.key else c.perpetrator
            out.append(replace(c, claimant=second, perpetrator=perp))
    return out



_NOT_CLAIMED = re.compile(r"\b(?:has|have|had)\s+(?:not|never)\s+(?:\w+ly\s+)?$|\bnever\s+$|\b(?:did|does)\s+not\s+$")
_DEFINITE_ACT = re.compile(r"claimed\s+(?:the|that|this|[A-Z][a-z]+day['’]s)\s")


def _unclaimed(view: SentenceView, m: re.Match[str], found: list[Found]) -> list[Claim]:
    """ "Hezbollah has not claimed the Safed attack": a named actor that has not claimed an incident named definitely
    leaves it unconfirmed; not "No group has claimed ..." (no one named), "It has not claimed an attack on US forces
    since February" (no one incident), nor a sentence that goes on to a denial (the denial is the claim)."""
    if not found or not _NOT_CLAIMED.search(view.before(m.start(), 25)) or not _DEFINITE_ACT.match(m.group(0)) \
            or view.has("denial_verbs"):
        return []
    who = subject_before(view, m.start())
    target = nearest(found, m.end())
    if who is None or not who.key or target is None or not _NOT_CLAIMED_SUBJECT.fullmatch(view.text, who.char_end or 0, m.start()):
        return []
    return [Claim("non_confirmation", target.incident.local_id, who, "not_confirmed", view.span(), confidence=0.5)]


_NOT_CLAIMED_SUBJECT = re.compile(r"\s+(?:(?:has|have|had|did|does|not|never|yet|so\s+far|publicly|formally|officially)\s+)+")


_COORDINATED_TYPES = ("attribution", "non_confirmation", "involvement_denied", "responsibility_denied", "confirmation",
                      "responsibility_claimed")
_AND_BEFORE = re.compile(r"\s+and\s+(?:the\s+)?$")
_CLAUSE_START = re.compile(r"(?:[,;:—–]\s*|\b(?:but|while|whereas)\s+)(?:[Bb]oth\s+|[Tt]he\s+)?$")
_OPENERS = re.compile(r"\s*(?:[-–—•*]\s*)?(?:[Bb]oth\s+|[Tt]he\s+)?")


def _opens_clause(view: SentenceView, pos: int) -> bool:
    """A name at `pos` opens the sentence or a clause (after a comma, a semicolon, "but")."""
    return _OPENERS.fullmatch(view.text, view.start, pos) is not None or _CLAUSE_START.search(view.before(pos, 15)) is not None


def _for_coordinated_subjects(view: SentenceView, claims: list[Claim]) -> list[Claim]:
    """ "X and Y did not respond to requests for comment", "X and Y blamed Z": a claim whose claimant is the second of
    two names joined as the subject of its clause is the first one's too (not "strikes on X and Y said ...": the first
    name must open its clause; not a name the claim blames)."""
    out = list(claims)
    for c in claims:
        who = c.claimant
        if c.type not in _COORDINATED_TYPES or who is None or not who.key or who.char_start is None \
                or not view.start <= who.char_start < view.end:
            continue
        gap = _AND_BEFORE.search(view.text, max(view.start, who.char_start - 12), who.char_start)
        if gap is None:
            continue
        first = next((m for m in view.mentions if m.actor and m.end == gap.start() and not view.is_descriptor(m)), None)
        if first is None or first.actor == who.key or (c.perpetrator is not None and c.perpetrator.key == first.actor) \
                or not _opens_clause(view, first.start) \
                or any(o.claimant and o.claimant.key == first.actor and o.type == c.type and o.incident == c.incident for o in out):
            continue
        out.append(replace(c, claimant=actor_ref(first), perpetrator=actor_ref(first) if c.perpetrator == who else c.perpetrator))
    return out


_COMMON_SUBJECT = re.compile(r"\b(?:the|this|a|an)\s+[a-z]+\s+$")



def stance(view: SentenceView, default: str = "asserted") -> str:
    return "hedged" if view.has("hedges") else default


def nearest(found: list[Found], pos: int) -> Found | None:
    """The incident named closest to a claim phrase, preferring one named after it ("claimed ... the attack on X")."""
    if not found:
        return None
    return min(found, key=lambda f: (abs(f.pos - pos) if f.pos >= pos else abs(f.pos - pos) + 80))


def _mentioned(f: Found | None, name: str) -> int | None:
    """A count as this sentence gives it (the faction's 30 missiles), not as merged from other reports (the outlet's 14)."""
    if f is None:
        return None
    return getattr(f.mention, name) if f.mention is not None else getattr(f.incident, name)


def sentence_claims(view: SentenceView, found: list[Found], stats_spans: list[tuple[int, int]],
                    previous: ActorRef | None = None) -> list[Claim]:
    """Typed claims in one sentence; `found` are the incidents the sentence names (with trigger offsets),
    `previous` the last speaker before this sentence (who "it" is in "..., it added")."""
    if _QUESTION.search(view.text, view.start, view.end):
        return []  # "Can you confirm that?", "Did the US have any role in the strike?": asked, nothing asserted
    out: list[Claim] = []
    incident = found[0].incident if found else None
    mention = found[0].mention if found else None
    iid = incident.local_id if incident else None
    span = view.span()

    def about_statistic(pos: int) -> bool:
        return any(s - 60 <= pos <= e for s, e in stats_spans)

    for m in _claim_phrases(view) if found else view.find("responsibility_claimed"):
        if about_statistic(m.end()):
            continue
        if negated_clause(view, m.start()):  # "No group claimed responsibility", "has not claimed responsibility"
            out.extend(_unclaimed(view, m, found))
            continue
        who = subject_before(view, m.start())
        target = nearest(found, m.end())
        both = _CLAIMED_PLURAL.search(view.text, m.start(), min(view.end, m.end() + 25))  # "claimed both attacks"
        listed = [f for f in found if f.pos >= m.start()] if m.group(0).endswith("s") else []  # "claimed attacks on A, B and C"
        if both and len(found) > 1:
            ids = _described(found)
        elif len({f.incident.local_id for f in listed}) > 1:
            ids = _described(listed)
        else:
            ids = [target.incident.local_id if target else None]
        out.extend(Claim("responsibility_claimed", i, who, stance(view), span, perpetrator=who,
                         projectiles=_mentioned(target, "projectiles") if len(ids) == 1 else None, confidence=0.7) for i in ids)
    for category, kind, default in (("responsibility_denied", "responsibility_denied", "denied"),
                                    ("involvement_denied", "involvement_denied", "denied"),
                                    ("non_confirmation", "non_confirmation", "not_confirmed")):
        for m in view.find(category):
            if _COMMON_SUBJECT.search(view.before(m.start(), 30)) \
                    and not view.has("group_anaphora", max(view.start, m.start() - 30), m.start()):
                continue  # "a figure the monitor could not confirm": a subject we cannot name, not the actor before it
            if view.tools.lexicon.is_a("silence_phrases", m.group(0)) and not _names_a_place_after(view, m.end()):
                continue  # "did not mention any drones": silence about a place claimed is a non-confirmation, not this
            if category == "non_confirmation" and _asks_about_another_event(view, m.end()):
                continue  # "He would not say whether further strikes were planned": no incident left unconfirmed
            who = framed_claimant(view, m.start(), subject_before(view, m.start()) or reported_subject(view, m.start(), previous),
                                  previous)
            typ = kind
            if typ == "involvement_denied" and who and view.tools.lexicon.is_a("role_denials", m.group(0)) \
                    and view.actor_kind(who.key) in view.tools.lexicon.words["armed_group_kinds"]:
                typ = "responsibility_denied"  # an armed group denying a role denies it did it; a state denies involvement
            plural = _PLURAL_OBJECT.match(view.after(m.end(), 40))
            anaphoric = _ANAPHORIC_PLURAL.match(view.after(m.end(), 40))  # "the attacks": the ones just described
            referred = len(found) > 1 and all(f.mention is None for f in found)  # the listed incidents referred back to
            ids = _described(found) if anaphoric or referred else [None] if plural \
                else [_appositive_incident(view, found, m.start()) or iid]
            out.extend(Claim(typ, i, who, default, span, perpetrator=who if typ != "non_confirmation" else None, confidence=0.7)
                       for i in ids)
    if found and not any(c.type == "responsibility_claimed" for c in out):
        out.extend(_for_each_listed(_own_act_claims(view, found, previous), found))
    if found and not any(c.type in ("responsibility_denied", "involvement_denied") for c in out):
        out.extend(_own_denial_claims(view, found))
    if view.has("confirmation") and all(c.type == "non_confirmation" for c in out):  # (few sentences confirm: asked first)
        for m in view.find("confirmation"):  # "confirmed that an MQ-9 had crashed but would not say whether ...": both
            if negated_clause(view, m.start()) or _NOT_BEFORE.search(view.before(m.start(), 20)):
                break  # "did not confirm", "has not confirmed"
            confirmed = nearest(found, m.end())  # "confirmed that a rocket had hit Branit": the incident it names
            if confirmed is not None and _confirms_incident(view, m.end(), confirmed.mention):
                who = framed_claimant(view, m.start(), subject_before(view, m.start()), previous)
                doer = confirmed.incident.perpetrator
                if who is not None and who.key and doer is not None and doer.key and own_side(view, who, doer):
                    # "Saree ... confirmed that the hits of the operation were accurate": the doer's side confirming
                    # its own act claims it
                    out.append(Claim("responsibility_claimed", confirmed.incident.local_id, who, stance(view), span,
                                     perpetrator=doer, confidence=0.6))
                else:
                    out.append(Claim("confirmation", confirmed.incident.local_id, who, stance(view), span, confidence=0.6))
            break
    for m in interceptions(view, view.start, view.end):  # "the drone was not intercepted": no interception (outcomes)
        if _ATTRIBUTIVE.search(view.before(m.start(), 6)):
            continue  # "shrapnel from an intercepted missile": what was intercepted, not anyone's claim to have done it
        if about_statistic(m.start()) and _counts_what_it_downed(view, m.end()):
            break  # "its warships have shot down more than 200 drones over the same period": a tally, not one interception
        if _open_question(view, m.start()):
            break  # "would not say whether it had been shot down": asked, not asserted
        who = clause_speaker(view, m.start()) or voice(view, m.start(), previous)
        if who is None and (not unvoiced(view) or _CLAIMING.search(view.text, view.start, m.start())):
            break  # "..., the army said", "claiming that its air defences had intercepted": someone we cannot name
            # speaks; never the outlet's own claim
        said = "denied" if _denied_here(view, m.start()) else stance(view)  # "rejected claims that it was shot down"
        out.append(Claim("interception", iid, who, said, span, confidence=0.6))
        break
    out.extend(_characterized(view, found) if found else [])
    for m in view.find("attribution"):
        if any(c.type == "attribution" for c in out):
            break
        if about_statistic(m.start()):
            continue
        who = voice(view, m.start(), previous)
        if view.tools.lexicon.is_a("attribution_needs_event", m.group(0)) and not view.has("triggers", max(view.start, m.start() - 50), m.start()):
            continue  # "ships linked to Israel": only an attack linked to someone is an attribution
        agent_before = view.tools.lexicon.is_a("attribution_agent_before", m.group(0))
        perp = _named_before(view, m.start()) if agent_before else _named_after(view, m.end())
        if who is None or perp is None or negated_clause(view, m.start()):
            continue  # "has not blamed X", "nobody blamed X": no one attributes it
        plural = _GENERIC_OBJECT.match(view.after(m.end(), 60)) if agent_before \
            else _ATTACKS.search(view.text[view.start:m.start()])
        about = _appositive_incident(view, found, m.start()) or iid
        out.append(Claim("attribution", None if plural else about, who, stance(view), span, perpetrator=perp, confidence=0.5))
        break
    if not any(c.type == "attribution" for c in out) and view.has("attribution"):
        out.extend(_relative_blame(view, found))
    if found and not any(c.type == "attribution" for c in out) and may_hold(view, "aggression_nouns"):
        out.extend(_aggression_named(view, found, previous))
    who = voice(view, view.end, previous)
    if who is None and incident and all(f.incident.sentence_index < view.sentence.index for f in found) and unvoiced(view):
        killed, injured = casualties(view, view.start, view.end)
        if killed is not None or injured is not None:  # "There were no casualties.": the outlet's own later report of the toll
            out.append(Claim("casualty_report", iid, None, stance(view), span, killed=killed, injured=injured, confidence=0.5))
    if who and incident:
        if not any(c.type in ("attribution", "responsibility_claimed", "confirmation") for c in out):
            out.extend(_said_perpetrator_in_frame(view, who, found[0]) if found else [])
        for f in found[1:]:
            if f.incident is not incident and not any(c.incident == f.incident.local_id for c in out) \
                    and (f.pos == found[0].pos or view.has("justification_connectors", found[0].pos, f.pos)):
                out.extend(_said_perpetrator_in_frame(view, who, f))  # "X said it struck A in response to fire by Y at B";
                # "X said Israeli missiles hit A and B": one trigger, split per listed place, is one statement about each
        killed, injured = casualties(view, view.start, view.end)
        if (killed is not None or injured is not None or _tells_casualties(view)) and not _said_after_the_toll(view) \
                and not _cumulative_toll(view) and not _only_blames(view) and not _naming_toll(view):
            toll = [w.start() for c in ("killed_words", "injured_words") for w in view.find(c)[:1]]
            framed, teller = framed_speaker(view, min(toll)) if toll else (False, None)
            reporter = teller if framed and teller is not None else casualty_speaker(view) or who  # the frame that says it
            said = "denied" if toll and _denied_here(view, min(toll)) else stance(view)  # "denied reports that two were killed"
            owner = toll_owner(view, found)  # "X said it fired at Y in response to the strike on Z, in which seven were killed"
            for i in [owner.incident.local_id if owner else iid, *_listed_unharmed(found, killed, injured)]:
                out = _with_casualties(out, Claim("casualty_report", i, reporter, said, span, killed=killed,
                                                  injured=injured, confidence=0.6))
    out = _for_both_speakers(view, out) if out and view.has("joint_speakers") else out
    out = _for_coordinated_subjects(view, out) if out and " and " in view.sentence.text else out
    return _toll_left_open(out) if out and view.has("open_circumstances") else out


_SELF_SUBJECT = re.compile(r"(?:^|[,;:“\"]\s*|\b(?:and|but)\s+)(?:I|we|We|it|It|they|They|he|He|she|She)\s+"
                           r"(?:(?:am|are|is|was|were|have|has|had|do|does|did|would|could|can|will|still|also|not|'m|’m|'re|’re|'ve|’ve)\s*)*$")


_NEW_CLAUSE = re.compile(r",\s+(?:and|but|while)\s+(?:an?|the)\s|;\s")


def framed_claimant(view: SentenceView, pos: int, subject: ActorRef | None, previous: ActorRef | None) -> ActorRef | None:
    """Who makes the claim whose cue stands at `pos`, given the cue's subject as read before it: the speaker of the
    frame whose content holds the cue when the subject is a pronoun or none we can name ("I'm not able to confirm
    that", "We were not involved", "The Islamic Republic has no role ..." in a spokesman's quotation), or the
    speaker's own side ("Ryder said the United States had no involvement": the Pentagon's denial); a pronoun outside
    any frame ("It did not mention Safed") is the last speaker."""
    framed, speaker = framed_speaker(view, pos)
    pronoun = _SELF_SUBJECT.search(view.before(pos, 40)) is not None
    if framed and speaker is not None and subject is not None and subject.char_start is not None \
            and speaker.char_end is not None and speaker.char_end <= subject.char_start \
            and _NEW_CLAUSE.search(view.text, speaker.char_end, subject.char_start):
        return subject  # "The US military has not confirmed it, and a Pentagon spokesperson declined to comment"
    if framed and speaker is not None:
        if subject is None or pronoun or (subject.key and speaker.key and own_side(view, speaker, subject)):
            return speaker
        return subject
    if subject is None and pronoun and not framed:
        return previous
    return subject


_WHETHER = re.compile(r"\s+(?:on\s+|about\s+)?(?:whether|if)\s+(?P<clause>[^;.]{3,160})")


def _asks_about_another_event(view: SentenceView, pos: int) -> bool:
    """ "would not say whether further strikes were planned", "declined to comment on whether the base had been struck
    previously": the question left open is about strikes to come or before, not the incident the sentence is about."""
    m = _WHETHER.match(view.text, pos, view.end)
    return m is not None and view.has("other_event_markers", m.start("clause"), m.end("clause"))


def _names_a_place_after(view: SentenceView, pos: int) -> bool:
    return any(m.place and pos <= m.start < pos + 30 for m in view.mentions)


_QUESTION = re.compile(r"\?[”\"]?\s*$")


def without_spokesman_repeats(claims: list[Claim], reference) -> list[Claim]:
    """A spokesman's claim of responsibility for an incident his group claims itself in the article is the group's
    claim told again: recorded once, under the group (tests/GOLD.md; "Yahya Saree said the group had targeted the
    vessel" after "the Houthis said they fired a missile at it")."""
    by_group = {(c.incident, c.claimant.key) for c in claims
                if c.type == "responsibility_claimed" and c.incident and c.claimant and c.claimant.key}
    return [c for c in claims if not (c.type == "responsibility_claimed" and c.incident and c.claimant and c.claimant.key
                                      and any((c.incident, b) in by_group for b in bodies_of(reference, c.claimant.key)))]


def _toll_left_open(claims: list[Claim]) -> list[Claim]:
    """ "Hezbollah announced the deaths of two of its fighters, without saying where or how they had been killed": the
    speaker leaves open which incident its toll belongs to, so its toll is not linked to one (its non-confirmation is
    kept)."""
    open_by = [c.claimant for c in claims if c.type == "non_confirmation" and c.claimant]
    return [c for c in claims if not (c.type == "casualty_report" and c.claimant and any(_same_claimant(c.claimant, o) for o in open_by))]


def _claim_phrases(view: SentenceView) -> list[re.Match[str]]:
    """ "claimed responsibility", "claimed the attack", and a claim verb before an act noun ("claimed drone attacks on
    ...", "claimed Sunday's strike"), never before a tally ("claimed scores of attacks", "claimed 150 attacks")."""
    fixed = view.find("responsibility_claimed") + _claimed_it(view)
    if not (view.has("claim_verbs") and may_hold(view, "claimable_acts")) and not may_hold(view, "claimed_act_nouns"):
        return fixed
    starts = {m.start() for m in fixed}
    found = [m for m in view.tools.lexicon.derived(_claimed_act_pattern).finditer(view.text, view.start, view.end)
             if m.start() not in starts and not _TALLY.search(_DATE_IN.sub("", m.group(0)))]  # (a title's "Claims Drone
    # Attack" is no sentence; a date is no tally: "claimed the February 15, 2021 rocket attack")
    return sorted(fixed + found, key=lambda m: m.start())


_CLAIMED_IT = re.compile(r"\bclaimed\s+(?:it|them)(?=\s*[.,;]|\s+(?:on|in|via|through|within|hours|shortly|later|soon|the\s+same|"
                         r"as|minutes|days)\b)")


def _claimed_it(view: SentenceView) -> list[re.Match[str]]:
    """ "The Islamic Resistance in Iraq claimed it.", "X claimed it on Telegram": the incident just told, claimed (only
    with an incident the sentence refers to: the caller asks with one)."""
    words = view.words()
    if words is not None and "claimed" not in words:
        return []
    return list(_CLAIMED_IT.finditer(view.text, view.start, view.end))


def _claimed_act_pattern(lex: Lexicon) -> re.Pattern[str]:
    """Past tense only ("claimed"): the present ("the militias claim their operations") is habitual."""
    acts = lex.alternation("claimable_acts")
    date = r"(?:[A-Z][a-z]+\s+\d{1,2},?\s+\d{4}|\d{1,2}\s+[A-Z][a-z]+\s+\d{4}|[A-Z][a-z]+\s+\d{4})\s+"  # "the February 15, 2021 attack"
    return re.compile(rf"\b(?:claimed\s+(?:(?:the|an?|both|these|those|that|this)\s+)?[“\"]?(?:{date})?(?:[\w'’-]+\s+){{0,2}}?(?i:{acts})"
                      rf"|(?:claimed|announced)\s+(?:the\s+)?(?i:{lex.alternation('claimed_act_nouns')})\s+of)\b")


_DATE_IN = re.compile(r"\b(?:[A-Z][a-z]+\s+\d{1,2},?\s+\d{4}|\d{1,2}\s+[A-Z][a-z]+\s+\d{4}|[A-Z][a-z]+\s+\d{4})\b")
_TALLY = re.compile(r"\d|\b(?:scores|dozens|tens|hundreds|thousands|more|than|over|several|many|numerous|multiple|most|some|all)\b",
                    re.IGNORECASE)


def _characterized(view: SentenceView, found: list[Found]) -> list[Claim]:
    """ "in what Tehran described as an Israeli attack", "what CENTCOM called the largest Houthi attack yet": the
    speaker attributes the incident to the actor it names before an attack noun; not "strikes on what Washington
    described as Huthi radar sites" (a target, no attack noun)."""
    for ch in characterizations(view):
        speakers = [m for m in view.mentions if (m.actor or m.outlet) and ch.speaker_start <= m.start and m.end <= ch.speaker_end]
        perps = [m for m in view.mentions if m.actor and ch.object_start <= m.start < ch.object_start + 30]
        if not speakers or not perps:
            continue
        trigger = view.first("triggers", perps[0].end, min(view.end, perps[0].end + 25))
        target = nearest(found, trigger.start()) if trigger is not None else None
        if target is None or not _ATTACK_NOUN_GAP.fullmatch(view.text, perps[0].end, trigger.start()):
            continue
        return [Claim("attribution", target.incident.local_id, ref(view, speakers[0]), stance(view), view.span(),
                      perpetrator=actor_ref(perps[0]), confidence=0.5)]
    return []


_ATTACK_NOUN_GAP = re.compile(r"(?:['’]s)?\s+(?:[a-z-]+\s+){0,2}")


def _own_denial_claims(view: SentenceView, found: list[Found]) -> list[Claim]:
    """ "The Houthis denied they were behind a drone-boat attack": the denier denies responsibility for the incident
    named after the denial; a state denies involvement."""
    for m in own_denials(view):
        who = subject_before(view, m.start())
        target = nearest(found, m.end())
        if who is None or target is None:
            continue
        armed = view.actor_kind(who.key) in view.tools.lexicon.words["armed_group_kinds"]
        typ = "responsibility_denied" if armed or not who.key else "involvement_denied"
        return [Claim(typ, target.incident.local_id, who, "denied", view.span(), perpetrator=who, confidence=0.6)]
    return _denied_act_claims(view, found)


def _denied_act_claims(view: SentenceView, found: list[Found]) -> list[Claim]:
    """ "The US embassy denied in a statement that American forces carried out any air strike": a speaker denying that
    its own side did the act denies its role in the incident the act names (an armed group its responsibility); a
    denial that someone else did it is no claim of the speaker's role."""
    for d in denied_acts(view):
        who = subject_before(view, d.verb_start)
        target = nearest(found, d.act_start)
        if who is None or not who.key or target is None:
            continue
        doers = [m for m in view.mentions if m.actor and d.doer_start <= m.start < d.doer_end and not view.is_descriptor(m)]
        if not doers or not own_side(view, who, actor_ref(doers[0])):
            continue
        armed = view.actor_kind(who.key) in view.tools.lexicon.words["armed_group_kinds"]
        typ = "responsibility_denied" if armed else "involvement_denied"
        return [Claim(typ, target.incident.local_id, who, "denied", view.span(), perpetrator=who, confidence=0.6)]
    return []


def _act_names(view: SentenceView, act: OwnAct, target: Found) -> bool:
    """The reported act is the incident: its trigger stands at or after the act ("carried out the strike"), or the
    sentence refers back to an incident; never an act that counts ("says it has hit hundreds of targets" is a tally,
    "fired 200 missiles at ..." names its attack after the count)."""
    if target.pos == act.act_start:
        return True  # the act is the trigger that made the incident (a tally would have made none)
    if any(act.act_end <= c.start <= act.act_end + 25 for c in view.counts):
        return False
    return target.pos > act.act_start or target.pos == view.start


_PARTICIPLE_SAY = re.compile(r",\s*saying$", re.IGNORECASE)


def _participle_speaker(view: SentenceView, found: list[Found], act: OwnAct) -> tuple[ActorRef | None, Found | None]:
    """ "X fired twelve missiles at Erbil, saying it had targeted ...": the participle's subject is the main clause's
    subject, the perpetrator of the incident named before it, and its act is that incident."""
    before = [f for f in found if f.pos < act.verb_start and f.mention is not None and f.mention.perpetrator]
    if not before:
        return None, None
    return before[-1].mention.perpetrator, before[-1]


def _own_act_claims(view: SentenceView, found: list[Found], previous: ActorRef | None) -> list[Claim]:
    """ "The Pentagon said it had carried out the strike", "X said its aircraft had hit ...": the speaker reports an act
    of its own, a claim of responsibility for the incident that act names (the speaker is its perpetrator)."""
    for act in own_acts(view) + ordered_acts(view):
        if negated_clause(view, act.verb_start):
            continue
        if _PARTICIPLE_SAY.search(view.before(act.verb_end, 10)):
            who, target = _participle_speaker(view, found, act)
        else:
            who = subject_of(view, act.verb_start) or pronoun_speaker(view, act.verb_start, previous)
            target = nearest(found, act.act_start)
            target = target if target is not None and _act_names(view, act, target) else None
        if who is None or target is None or target.incident.reference_only:
            continue
        perp = target.mention.perpetrator if target.mention is not None and target.mention.perpetrator else who
        if not own_side(view, who, perp):
            continue  # "X said it had hit ..." where the sentence names someone else as doing it
        return [Claim("responsibility_claimed", target.incident.local_id, who, stance(view), view.span(), perpetrator=perp,
                      projectiles=_mentioned(target, "projectiles"), confidence=0.6)]
    return []


def _listed_unharmed(found: list[Found], killed: int | None, injured: int | None) -> list[str]:
    """ "X and Y came under rocket attack ..., no injuries, an official said": a toll of none holds for each incident the
    sentence's first trigger listed by place (a count would be counted twice, so it stays with the first)."""
    if killed or injured:
        return []
    first = found[0]
    return list(dict.fromkeys(f.incident.local_id for f in found[1:] if f.pos == first.pos and f.incident is not first.incident))


def _for_each_listed(claims: list[Claim], found: list[Found]) -> list[Claim]:
    """ "X struck A and B. Y said it had targeted both bases": a claim in a sentence that refers back to the incidents
    one trigger listed (all of `found` referred to, none named) is about each of them."""
    ids = _described(found)
    if len(ids) < 2 or any(f.mention is not None for f in found):
        return claims
    return [replace(c, incident=i) for c in claims for i in ids]



def _said_perpetrator_in_frame(view: SentenceView, who: ActorRef, f: Found) -> list[Claim]:
    """`_said_perpetrator` by the speaker of the frame that tells the incident ("One said rockets hit the compound; the
    other said ..."; "X said A, and Y said B"), the sentence's speaker where no frame holds its trigger; none when the
    frame's speaker is no one we can name."""
    framed, teller = framed_speaker(view, f.pos)
    if framed and teller is None:
        return []
    if _DENIAL_VERB.search(view.text, view.start, f.pos) and _denied_here(view, f.pos):
        return []  # "Iran denied that Tehran directed the attack": a denial, never a claim nor a blame
    return _said_perpetrator(view, teller if framed else who, f)


def _said_perpetrator(view: SentenceView, who: ActorRef, f: Found) -> list[Claim]:
    """A speaker naming who did an incident: its own side claims it, anyone else attributes it. The perpetrator is the
    one the incident's words name, or a described group as its subject ("Iran-backed militants fired ...")."""
    mention = f.mention
    if mention is None:  # the sentence only refers back to the incident: "said the rockets were launched by X"
        own = _group_act(view, who)  # "... Yahya Saree said the group had targeted both bulk carriers"
        if own is not None:
            return [Claim("responsibility_claimed", f.incident.local_id, who, stance(view), view.span(), perpetrator=own,
                          confidence=0.5)]
        perp = _reported_agent(view)
        return [Claim("attribution", f.incident.local_id, who, stance(view), view.span(), perpetrator=perp, confidence=0.5)] \
            if perp is not None and not (perp.key and own_side(view, who, perp)) else []
    if mention.reference_only or _before_the_speakers_clause(view, f.pos):
        return []
    perp = mention.perpetrator or _described_before(view, f.pos) or _speakers_group(view, who, f.pos) \
        or _own_act_at(view, who, f.pos)
    own = _own_doer_before(view, who, f.pos)
    if own is not None and (perp is None or not own_side(view, who, perp)):
        perp = own  # "US aircraft struck facilities used by KH, Ryder said": the speaker's side is the doer
    if perp is None:
        return _army_reports_a_strike(view, who, f)
    if own is None and _not_the_doer(view, perp, mention.target or f.incident.target):
        return []
    if perp.key and own_side(view, who, perp):
        drafted = f.incident.perpetrator
        conflict = own is not None and drafted is not None and drafted.key and not own_side(view, who, drafted)
        # (an incident whose perpetrator is someone else than the side that claims it is not this act: no link)
        return [Claim("responsibility_claimed", None if conflict else f.incident.local_id, who, stance(view), view.span(),
                      perpetrator=perp, projectiles=mention.projectiles, confidence=0.6)]
    if _toll_of_a_described_strike(view, perp):
        return []
    return [Claim("attribution", f.incident.local_id, who, stance(view), view.span(), perpetrator=perp, confidence=0.5)]


# Between the doer's name and its verb: the force or the weapon ("aircraft", "fighter jets"), no verb or determiner.
def _own_act_at(view: SentenceView, who: ActorRef, pos: int) -> ActorRef | None:
    """ "X said it had carried out drone attacks on A and B": the trigger at `pos` is (or follows, in the same clause)
    an act the speaker says it did itself; the speaker is its doer."""
    for act in own_acts(view):
        if act.act_start <= pos and not view.text.count(";", act.act_start, pos) and not negated_clause(view, act.verb_start):
            return who
    return None


def _group_act(view: SentenceView, who: ActorRef) -> ActorRef | None:
    """ "the group had targeted ..." told by the group's spokesman: the act (a claimed action right after "the group"
    and its auxiliaries) is the speaker's own group's."""
    if not view.has("group_anaphora") or not may_hold(view, "claimed_actions"):
        return None
    for act in view.find("claimed_actions"):
        if negated_clause(view, act.start()):
            continue
        group = _speakers_group(view, who, act.start())
        if group is not None:
            return group
    return None


def _speakers_group(view: SentenceView, who: ActorRef, pos: int) -> ActorRef | None:
    """ "Houthi military spokesman Yahya Saree said the group had launched ...": "the group" as the subject of the act is
    the speaker's own armed group (the speaker itself, or the group its spokesman belongs to)."""
    anaphor = [a for a in view.find("group_anaphora", max(view.start, pos - 40), pos)
               if _DOER_GAP.fullmatch(view.text, a.end(), pos) or _AUXILIARIES.fullmatch(view.text, a.end(), pos)]
    if not anaphor or not who.key:
        return None
    armed = view.tools.lexicon.words["armed_group_kinds"]
    groups = [who.key] if view.actor_kind(who.key) in armed else \
        [k for k in official_bodies(view, who.key) if view.actor_kind(k) in armed]
    if len(groups) != 1:
        return None
    a = anaphor[-1]
    return ActorRef(a.group(0), groups[0], a.start(), a.end())


_DOER_GAP = re.compile(r"\s+(?:(?!(?:the|a|an|its|their|his|her|that|said|says|say|told|has|had|have|was|were|is|are|and|"
                       r"or|on|in|at|of|to|by|for|with)\s)[a-z-]+\s+){0,2}$")


def _own_doer_before(view: SentenceView, who: ActorRef, pos: int) -> ActorRef | None:
    """The speaker's own side named as the subject right before the trigger at `pos` ("US aircraft struck", "Israeli
    jets hit", "IDF fighter jets struck"): a name or demonym with at most two words (the force, the weapon) between."""
    if not who.key or view.has("interception", pos, min(view.end, pos + 20)):
        return None  # "US forces shot down drones fired by the Houthis": the interceptor did not do the attack
    for m in view.mentions:
        if m.actor and m.end <= pos and pos - m.end < 30 and _DOER_GAP.fullmatch(view.text, m.end, pos) \
                and not _OBJECT_BEFORE.search(view.before(m.start, 12)) and not view.has("interceptor_words", m.end, pos) \
                and own_side(view, who, actor_ref(m)):  # (not "an Israeli interceptor missile fired": a defender)
            return actor_ref(m)
    return None


_OBJECT_BEFORE = re.compile(r"\b(?:on|at|against|by|of|targeting|in)\s+(?:the\s+)?$", re.IGNORECASE)


def _army_reports_a_strike(view: SentenceView, who: ActorRef, f: Found) -> list[Claim]:
    """ "In response, the army said, fighter jets struck Hezbollah infrastructure in X": an army telling of an air strike
    whose doer the sentence leaves unnamed tells of its own strike (an army names others' aircraft: "Israeli jets"),
    unless the doer is said to be unknown ("unidentified drones") or the strike hit the army's own side."""
    if f.incident.event_type != "airstrike" or view.actor_kind(who.key) != "state_force" or view.has("unknown_doers"):
        return []
    target = f.mention.target if f.mention is not None and f.mention.target else f.incident.target
    if target is not None and target.key and view.actor_country(target.key) == view.actor_country(who.key):
        return []
    if f.incident.perpetrator is not None and not own_side(view, who, f.incident.perpetrator):
        return []  # "Israeli jets struck sites in Iran. Iran's army said its air defences had countered the attack"
    return [Claim("responsibility_claimed", f.incident.local_id, who, stance(view), view.span(), perpetrator=who, confidence=0.5)]


def _not_the_doer(view: SentenceView, perp: ActorRef, target: ActorRef | None) -> bool:
    """A perpetrator no one can claim or be blamed for: the incident's own target ("struck a PMF base", read as both), or
    a name that heads the victims of a passive clause ("Several US personnel were wounded when rockets struck X, two US
    officials said": the officials report their side's casualties, they claim nothing)."""
    if target is not None and target.key and target.key == perp.key:
        return True
    return perp.char_end is not None and _VICTIMS_AFTER.match(view.text, perp.char_end, view.end) is not None


_VICTIMS_AFTER = re.compile(r"\s+(?:[a-z-]+\s+){0,2}(?:was|were|had\s+been|have\s+been|has\s+been)\s+(?:\w+ly\s+)?"
                            r"(?:killed|wounded|injured|hurt|targeted|attacked|hit|struck)\b")


_IN_THE = re.compile(r"\b(?:in|by|during)\s+(?:the|an?)\s+$", re.IGNORECASE)


def _toll_of_a_described_strike(view: SentenceView, perp: ActorRef) -> bool:
    """ "two civilians were killed in the Israeli strike on X, the agency reports": a speaker giving a toll, with the
    perpetrator only an adjective of the incident's noun inside "in the ...", reports casualties; it does not say who
    struck (the adjective is how the outlet names the incident). A clause that names the doer ("Israel carried out
    ...", "Israeli missiles struck X") and an incident the speaker reports as the subject ("An Israeli drone strike
    killed two, the Pentagon said", "the suspected Israeli attack killed one") still attribute."""
    adjective = [m for m in view.mentions if m.adjective and m.start == perp.char_start]
    if not adjective or not _IN_THE.search(view.before(adjective[0].start, 12)):
        return False  # "An Israeli drone strike killed two, the Pentagon said": the strike is what the speaker reports
    if not view.tools.lexicon.derived(_act_noun_after).match(view.text, adjective[0].end):
        return False  # "Israeli missiles struck X": the adjective names who fired, in the speaker's own clause
    killed, injured = casualties(view, view.start, view.end)
    return killed is not None or injured is not None or _tells_casualties(view)


def _act_noun_after(lex: Lexicon) -> re.Pattern[str]:
    """An act noun right after an adjective, past at most one weapon word: "Israeli strike", "Israeli drone strike"."""
    acts = lex.alternation("claimable_acts")
    return re.compile(rf"\s+(?:[\w-]+\s+)?(?:{acts})\b", re.IGNORECASE)


_NAME_BEFORE = re.compile(r"(?<![\w'’-])[A-Z][\w'’-]+(?:\s+(?:(?:al|el|bin|ibn|Abu)[-\s])?[A-Z][\w'’-]+){1,3}$")
_RELATIVE_BLAME = re.compile(r",?\s+(?:which|whom|who)\s+(?P<who>[A-Z][\w'’.-]*(?:\s+[A-Z][\w'’.-]*){0,3}|the\s+[A-Z][\w'’.-]*"
                             r"(?:\s+[A-Z][\w'’.-]*){0,3})\s+(?:has\s+|have\s+|had\s+)?(?:(?:long|repeatedly|also|publicly)\s+)?"
                             r"(?:holds|held|blamed|blames|hold)\s+(?:(?:directly|ultimately|largely)\s+)?(?:responsible\s+)?for\b")


def _relative_blame(view: SentenceView, found: list[Found]) -> list[Claim]:
    """ "Kataib Hezbollah, which Washington holds responsible for the Jordan attack", "Fuad Shukr, whom Israel blamed
    for the Majdal Shams attack": the speaker of the relative clause blames its antecedent for the attack named after."""
    for m in _RELATIVE_BLAME.finditer(view.text, view.start, view.end):
        ante = [actor_ref(n) for n in view.mentions if n.actor and n.end == m.start() and not view.is_descriptor(n)]
        if not ante:  # a person the reference lacks, as written ("Fuad Shukr, whom ...")
            name = _NAME_BEFORE.search(view.text, max(view.start, m.start() - 60), m.start())
            ante = [ActorRef(name.group(0), None, name.start(), name.end())] if name else []
        speakers = [n for n in view.mentions if n.actor and m.start("who") <= n.start < m.end("who") and not view.is_descriptor(n)]
        if not ante or not speakers or ante[0].key == speakers[0].actor:
            continue
        before = {f.incident.local_id for f in found if f.pos < m.start()}
        after = [f for f in found if m.end() <= f.pos <= m.end() + 40]  # the attack named right after "for", not the
        target = after[0] if after and after[0].incident.local_id not in before else None  # sentence's own act
        named = next((n.place for n in view.mentions if n.place and m.end() <= n.start < m.end() + 40), None)
        if target is not None and named and named != target.incident.place \
                and not (view.tools.reference.places_by_key[named].kind == "country"
                         and view.country_of(named) == (target.incident.country or view.country_of(target.incident.place))):
            target = None  # "blamed for the Majdal Shams attack": not an incident somewhere else
        return [Claim("attribution", target.incident.local_id if target else None, ref(view, speakers[0]), stance(view),
                      view.span(), perpetrator=ante[0], confidence=0.5)]
    return []


def _aggression_pattern(lex: Lexicon) -> re.Pattern[str]:
    """ "the Israeli enemy", "American-British aggression", "a flagrant American aggression", "the aggression of the
    criminal Zionist regime": the attacker's name or demonym (group `who`) with an aggression noun."""
    nouns = lex.alternation("aggression_nouns")
    name = r"[A-Z][\w’'-]+(?:\s+[A-Z][\w’'-]+)?"
    return re.compile(rf"\b(?P<who>{name})\s+(?:(?:air|aerial|flagrant|criminal|brutal|blatant|treacherous|military)\s+)?(?:{nouns})\b"
                      rf"|\b(?:{nouns})\s+of\s+(?:the\s+)?(?:(?:criminal|usurping)\s+)?(?P<of>{name})")


_AGGRESSION_AS_CAUSE = re.compile(r"\b(?:response\s+to|retaliation\s+(?:for|to)|revenge\s+for|against|face\s+of|of|on|to|"
                                  r"continu\w+|depth|capital|resist\w*)\s+(?:[\w-]+\s+){0,3}$", re.IGNORECASE)
_DOER_AFTER_ENEMY = re.compile(r"[”\"]?\s+(?:(?:has|had|have|also)\s+)?(?:carried\s+out|launched|struck|targeted|bombed|committed|"
                               r"attacked|shelled|fired)\b")
_BY_BEFORE = re.compile(r"\bby\s+[“\"]?(?:the\s+)?$")
_NAMING_CUE = re.compile(r"\b(?:called|calling|described|describing|condemned|condemning|denounced|denouncing|accused|"
                         r"accusing|termed|blamed|held)\b")


def _aggression_named(view: SentenceView, found: list[Found], previous: ActorRef | None) -> list[Claim]:
    """ "Saba said the Israeli enemy carried out an air aggression on X", "the group called the strikes a crime by the
    American-British enemy": a speaker naming the attacker with an aggression noun blames it for the incident; never
    a speaker of the attacker's own side, nor an incident someone else is said to have done (a group's own attack "in
    response to the American aggression")."""
    for m in view.tools.lexicon.derived(_aggression_pattern).finditer(view.text, view.start, view.end):
        at = m.start("who") if m.group("who") else m.start("of")
        if _AGGRESSION_AS_CAUSE.search(view.before(m.start(), 40)):
            continue  # "in response to the continued American aggression", "the capital of the Saudi enemy"
        if m.group(0).endswith("enemy") and not (_DOER_AFTER_ENEMY.match(view.text, m.end())
                                                 or _BY_BEFORE.search(view.before(m.start(), 12))):
            continue  # "fabrications of the American enemy": a name of the other side, not the doer of anything
        perps = [n for n in view.mentions if n.actor and n.start == at]
        if not perps:
            continue
        perp = actor_ref(perps[0])
        cue = None
        for c in _NAMING_CUE.finditer(view.text, view.start, at):
            cue = c
        who = voice(view, at, previous) if view.has("speech_verbs", view.start, at) else None
        if who is None and cue is not None:
            who = subject_before(view, cue.start())
        if who is None or (who.key and perp.key and own_side(view, who, perp)) or who.key == perp.key:
            continue
        target = nearest(found, at)
        if target is None or target.incident.reference_only:
            continue
        doer = target.incident.perpetrator
        if doer is not None and doer.key and perp.key and not own_side(view, perp, doer) and doer.key != perp.key:
            continue  # "X said it fired at Y in response to the American aggression": X's own attack, not the one blamed
        return [Claim("attribution", target.incident.local_id, who, stance(view), view.span(), perpetrator=perp, confidence=0.5)]
    return []


def _appositive_incident(view: SentenceView, found: list[Found], pos: int) -> str | None:
    """ "..., a drone struck Tower 22, killing three soldiers, an attack Washington has blamed on X and which Y has
    neither confirmed nor denied": a phrase inside an appositive noun ("an attack ...") is about the incident named
    last before that appositive, not the sentence's first one."""
    head = view.tools.lexicon.derived(_appositive_pattern).search(view.text, max(view.start, pos - 90), pos)
    if head is None:
        return None
    before = [f for f in found if f.pos < head.start()]
    return before[-1].incident.local_id if before else None


def _appositive_pattern(lex: Lexicon) -> re.Pattern[str]:
    acts = lex.alternation("claimable_acts")
    return re.compile(rf",\s+(?:an?|the)\s+(?:[\w-]+\s+){{0,2}}?(?:{acts})\b[^,;]*$", re.IGNORECASE)


def _reported_agent(view: SentenceView) -> ActorRef | None:
    """The agent of a passive attack verb in a reported clause: "the rockets were “almost certainly” launched by X"."""
    for t in view.find("triggers"):
        by = BY_AGENT.match(view.text, t.end())
        if by and _PASSIVE_BEFORE.search(view.before(t.start(), 40)):
            part = _MEMBERS_OF.match(view.text, by.end())  # "launched by members of X": X's
            at = part.end() if part else by.end()
            names = [m for m in view.mentions if m.actor and at <= m.start < at + 5 and not view.is_descriptor(m)]
            if names:
                return actor_ref(names[0])
    return None


_MEMBERS_OF = re.compile(r"(?:(?:some|several|two|three|a\s+cell\s+of)\s+)?(?:members|fighters|elements|militants|operatives|a\s+unit)"
                         r"\s+(?:of|from)\s+(?:the\s+)?")
_PASSIVE_BEFORE = re.compile(r"\b(?:was|were|been|being)\s+(?:[“\"]?[\w-]+[”\"]?\s+){0,3}$", re.IGNORECASE)


def _before_the_speakers_clause(view: SentenceView, pos: int) -> bool:
    """ "US aircraft struck X; the group said eight of its fighters were killed": the speaker's clause starts after the
    semicolon, so it does not say who struck."""
    verbs = [v for v in view.find("speech_verbs") if v.start() > pos]
    return bool(verbs) and all(";" in view.text[pos:v.start()] for v in verbs) and \
        not any(view.find("speech_verbs", view.start, pos))


def _described_before(view: SentenceView, pos: int) -> ActorRef | None:
    """ "Iran-backed militants fired ... missiles": a described group ("X-backed ...") as the subject of an attack verb
    before the trigger at `pos` (auxiliaries only between the group and the verb)."""
    for d in _DESCRIBED_ANYWHERE.finditer(view.text, max(view.start, pos - 120), pos):
        verb = view.first("triggers", d.end(), min(view.end, d.end() + 40))
        if verb is not None and verb.start() <= pos and (view.text[d.end():verb.start()].isspace()
                                                         or _AUXILIARIES.fullmatch(view.text, d.end(), verb.start())):
            named = [m for m in view.mentions if m.actor and d.start() <= m.start < d.end() and not view.is_descriptor(m)]
            if named:  # "Iran-backed Houthi militants fired ...": the Houthis
                return actor_ref(named[-1])
            return ActorRef(d.group(0), None, d.start(), d.end())
    return None


def _with_casualties(claims: list[Claim], report: Claim) -> list[Claim]:
    """A side announcing the toll of its own strike claims the strike with that toll; only others' tolls are casualty reports.

    "A US drone strike killed a commander, CENTCOM said" is CENTCOM's claim of the strike (the figures ride on it),
    not a third party's count of the victims."""
    for i, c in enumerate(claims):
        if c.type == "responsibility_claimed" and c.incident == report.incident and _same_claimant(c.claimant, report.claimant):
            claims[i] = replace(c, killed=report.killed, injured=report.injured)
            return claims
    return claims + [report]


def _same_claimant(a: ActorRef | None, b: ActorRef | None) -> bool:
    return bool(a and b and ((a.key and a.key == b.key) or (not a.key and not b.key and fold_phrase(a.text) == fold_phrase(b.text))))


def _described(found: list[Found]) -> list[str | None]:
    """The incidents a definite plural ("the attacks") refers to, in the order the article named them."""
    drafts = sorted({f.incident.local_id: f.incident for f in found}.values(), key=lambda d: d.span.char_start)
    return [d.local_id for d in drafts] or [None]



_CLAIMING = re.compile(r"\b(?:claiming|claimed|claims|admitted|admitting|insisted|insisting|asserting|asserted|alleging|"
                       r"alleged)\s+(?:that\s+)?")
_ATTRIBUTIVE = re.compile(r"\b(?:an?|the)\s+$", re.IGNORECASE)
_CLAIMED_PLURAL = re.compile(r"\b(?:both|the two|the|these)\s+(?:\w+\s+)?(?:attacks|strikes|operations)\b", re.IGNORECASE)
_PLURAL_OBJECT = re.compile(r"\s+(?:\w+\s+){0,2}attacks\b")
_ATTACKS = re.compile(r"\battacks\b")
_ANAPHORIC_PLURAL = re.compile(r"\s+(?:\w+\s+){0,2}(?:the|these|those|both)\s+(?:\w+\s+)?attacks\b", re.IGNORECASE)



def _casualty_clause_pattern(lex: Lexicon) -> re.Pattern[str]:
    """A casualty word used of victims: passive ("was lightly wounded", "were killed") or with its victims as object
    ("killed two men", "wounded a passer-by", "killed Kurdish businessman X", "the wounding of two others", "soldiers
    killed in the attack": the pattern is case-insensitive, so any word may follow the verb); not "the killing of X"."""
    words = "|".join(re.escape(w) for w in lex.words["killed_words"] + lex.words["injured_words"])
    nouns = "|".join(re.escape(w) for w in lex.words["casualty_nouns"])
    unharmed = "|".join(re.escape(w) for w in lex.words["unharmed_words"])
    return re.compile(rf"\b(?:(?:was|were|been|being)\s+(?:\w+ly\s+|also\s+)?(?:{words}|{unharmed})\b"
                      rf"|(?:{words})\s+(?:of\s+(?=(?:an?|one|two|three|four|five|six|seven|eight|nine|ten|\d)))?"
                      rf"(?:at\s+least\s+|more\s+than\s+|up\s+to\s+)?(?:(?:an?|one|two|three|four|five|six|"
                      rf"seven|eight|nine|ten|several|dozens|scores|many|some|his|her|their|its)\b|\d|[A-Z])"
                      rf"|no\s+(?:[\w.-]+\s+)?(?:[a-z]+\s+(?:or|and)\s+)?(?:{nouns})\b)", re.IGNORECASE)  # "no US injuries"




def _cumulative_toll(view: SentenceView) -> bool:
    """ "Since October 8, attacks have killed 13 civilians", "more than 450 people have been killed, according to an AFP
    tally": a perfect-tense toll over a period is a running total, not a report of the incident's casualties."""
    return running_total(view, view.start, view.end)  # the binding of numbers decides (tolls.running_total)


def _tells_casualties(view: SentenceView) -> bool:
    """A speaker states a toll even when it gives no number we read ("a passer-by was wounded, the ministry said");
    not someone who only blames ("killed in a strike X blamed on Y") nor a toll in doubt ("could not say whether
    anyone was killed")."""
    if not any(view.has(c) for c in ("killed_words", "injured_words", "casualty_nouns", "unharmed_words")):
        return False
    m = view.tools.lexicon.derived(_casualty_clause_pattern).search(view.text, view.start, view.end)
    if m is None or _IN_DOUBT.search(view.before(m.start(), 40)) or view.has("period_openers", m.end(), view.end):
        # ("the third commander killed by Israel since October, the army said": a tally over a period, not a toll)
        return False
    return any(_reports(view, v, m.start()) for v in view.find("speech_verbs")) or _said_without_a_verb(view, m.start())


def _said_without_a_verb(view: SentenceView, pos: int) -> bool:
    """What stands at `pos` is said in a frame with no verb of its own: a speaker's turn in a transcript, a statement
    quoted after its heading, a quotation continued from the sentence before (`speech_frames`)."""
    book = view.book
    frame = book.frame_at(view.sentence.index, pos, view.end) if book is not None else None  # type: ignore[attr-defined]
    return frame is not None and frame.speaker is not None and frame.sieve in ("turn", "statement", "continued")


def _naming_toll(view: SentenceView) -> bool:
    """ "said the commander had been involved in the drone attack that killed three U.S. soldiers", "asked about the
    strike that killed a senior adviser": a toll in a restrictive clause of a definite act noun names the incident the
    speaker talks about; it is not what the speaker reports (every casualty word of the sentence stands so)."""
    words = view.find("killed_words") + view.find("injured_words")
    if not words:
        return False
    naming = [m.end() for m in view.tools.lexicon.derived(_naming_clause_pattern).finditer(view.text, view.start, view.end)]
    return bool(naming) and all(any(w.start() <= end <= w.end() for end in naming) for w in words)


def _naming_clause_pattern(lex: Lexicon) -> re.Pattern[str]:
    acts = lex.alternation("claimable_acts")
    casualty = "|".join(re.escape(w) for w in lex.words["killed_words"] + lex.words["injured_words"])
    return re.compile(rf"\bthe\s+(?:[\w,-]+\s+){{0,5}}?(?i:{acts})\s+that\s+(?:had\s+)?(?i:{casualty})"
                      rf"|\b(?:in|for|of|to)\s+the\s+(?:[\w-]+\s+){{0,3}}?(?i:{acts})\s+(?:on|at|in|near|against)\s+[^,;.]{{3,80}},\s+which\s+"
                      rf"(?:also\s+)?(?:had\s+)?(?i:{casualty})", re.IGNORECASE)  # "denied any role in the attack on X, which
    # also wounded 40 soldiers": the toll names the incident denied


def _only_blames(view: SentenceView) -> bool:
    """ "A guard was killed in a strike the Pentagon blamed on X": the one who speaks only blames; the toll is the
    outlet's, not the Pentagon's report."""
    verbs = view.find("speech_verbs")
    return bool(verbs) and all(view.tools.lexicon.is_a("attribution", v.group(0)) for v in verbs)


def _reports(view: SentenceView, verb: re.Match[str], pos: int) -> bool:
    """The speech verb `verb` reports what stands at `pos`: an asserting verb before it ("X said two were killed"), or
    a closing speaker after it ("..., X said." / "..., according to X")."""
    lex = view.tools.lexicon
    if verb.start() < pos:
        negated = view.has("negations", max(view.start, verb.start() - 12), verb.start())
        return lex.is_a("statement_verbs", verb.group(0)) and not negated
    if fold_phrase(verb.group(0)) == "according to":
        return True
    return lex.is_a("statement_verbs", verb.group(0)) and speaks_last(view, verb.end())


_IN_DOUBT = re.compile(r"\b(?:whether|if|how\s+many)\s+(?:[\w-]+\s+){0,4}$", re.IGNORECASE)



def _said_after_the_toll(view: SentenceView) -> bool:
    """ "a drone hit the ship, again without casualties; the Houthis claimed both attacks": the toll is the outlet's,
    in a clause before the one where someone speaks."""
    words = view.find("killed_words") + view.find("injured_words") + view.find("no_casualties")
    verbs = view.find("speech_verbs")
    if not words or not verbs:
        return False
    toll = min(w.start() for w in words)
    if any(speaks_last(view, v.end()) for v in verbs[-1:]):
        return False  # "No one was killed; one was injured, the ministry said.": a closing speaker says it all
    return all(view.text.find(";", toll, v.start()) != -1 for v in verbs if v.start() > toll) and verbs[0].start() > toll



def _denied_here(view: SentenceView, pos: int) -> bool:
    """What stands at `pos` is denied: a denial verb earlier in its clause ("rejected claims that the drones were shot
    down") or a negation right before it ("were not intercepted", "had never been shot down")."""
    lo = max(view.start, pos - 80)
    breaks = [m.end() for m in _DENIAL_CLAUSE_BREAK.finditer(view.text[lo:pos])]
    return _DENIAL_VERB.search(view.text, lo + (breaks[-1] if breaks else 0), pos) is not None \
        or _NOT_BEFORE.search(view.before(pos, 40)) is not None


_DENIAL_CLAUSE_BREAK = re.compile(r"[;:]|,\s+(?!that\b)|\b(?:but|while|whereas)\b")  # a ", that" clause stays
_DENIAL_VERB = re.compile(r"\b(?:denied|denies|deny|denying|rejected|rejects|dismissed|dismisses)\b", re.IGNORECASE)
_NOT_BEFORE = re.compile(r"\b(?:not|never|none\s+of\s+(?:them|the\s+[\w-]+)(?:\s+(?:had|has|have|was|were|could|would))?)"
                         r"\s+(?:been\s+|be\s+)?$", re.IGNORECASE)


def _counts_what_it_downed(view: SentenceView, pos: int) -> bool:
    """A count right after an interception word ("shot down more than 200 drones") counts what was intercepted: in a
    sentence that states a statistic, the interception is that tally's ("some of which were intercepted" is not)."""
    return any(pos <= c.start <= pos + 25 for c in view.counts)


def _open_question(view: SentenceView, pos: int) -> bool:
    """ "would not say whether it had been shot down", "asked if the drone was intercepted": a clause that a speaker
    leaves open is no assertion of what it says."""
    before = view.before(pos, 60)
    return ("whether" in before or "if " in before.lower()) and _OPEN_QUESTION.search(before) is not None


_OPEN_QUESTION = re.compile(r"\b(?:whether|if)\b[^,;.:]*$", re.IGNORECASE)



_CONFIRMED_ACT = 40  # characters after "confirmed" in which the act it confirms must stand
_THAT = re.compile(r"\s+that\b")


def _confirms_incident(view: SentenceView, pos: int, mention: Draft | None) -> bool:
    """ "confirmed the strike" or a sentence that names its own incident; not "confirmed that the frequency of attacks ..."."""
    after = view.after(pos, 40)
    if view.tools.lexicon.pattern("confirmation_generic").search(after):
        return False
    if mention is None:  # a sentence referring back: "confirmed that rockets had hit the base" (a clause with an attack
        # verb; not "confirmed Washington's operation on X", an act of its own the sentence names)
        return _THAT.match(after) is not None and view.has("triggers", pos, min(view.end, pos + _CONFIRMED_ACT))
    return not mention.plural


_GENERIC_OBJECT = re.compile(r"\s+(?:[a-z]+ing\s+)?(?:[\w-]+\s+){0,2}?(?:attacks|strikes|operations)\b")
_AUXILIARIES = re.compile(r"\s+(?:(?:has|have|had|was|were|is|are|been|being|also|directly|partly|solely|ultimately|not)\s+)+")


_DESCRIBED = r"(?:pro[-\s])?[A-Z][\w-]*(?:[-\s](?:backed|affiliated|aligned|linked))?\s+(?:[a-z]+\s+)?(?:militias?|factions?|groups?|proxies|militants)"
_DESCRIBED_SUBJECT = re.compile(rf"({_DESCRIBED})[”\"]?(?:{_AUXILIARIES.pattern}|\s+)$")  # '"Iran-aligned militia groups" were behind' 
# A described group with its backer ("Iran-backed militants", "pro-Iranian factions"); "Twitter the group" is no one.
_DESCRIBED_ANYWHERE = re.compile(r"(?:pro[-\s][A-Z][\w-]*|[A-Z][\w]*[-\s](?:backed|affiliated|aligned|linked))\s+(?:[A-Za-z]+\s+)?"
                                 r"(?:militias?|factions?|groups?|proxies|militants)\b")


def _named_before(view: SentenceView, pos: int) -> ActorRef | None:
    """The subject of "X was behind", "X had been directly responsible for": an actor (or a described group,
    "Iranian-backed militias") with only auxiliaries between."""
    described = _DESCRIBED_SUBJECT.search(view.before(pos, 80))
    if described:
        s = pos - len(view.before(pos, 80)) + described.start(1)
        return ActorRef(described.group(1), None, s, s + len(described.group(1)))
    for a in view.find("group_anaphora", max(view.start, pos - 40), pos):
        if _AUXILIARIES.fullmatch(view.text, a.end(), pos) or view.text[a.end():pos].isspace():
            group = view.book.group(a.start()) if view.book is not None else None  # type: ignore[attr-defined]
            return ActorRef(a.group(0), group.key, a.start(), a.end()) if group is not None else None  # "the group was behind"
    for m in reversed(view.mentions):
        if m.actor and m.end <= pos and not view.is_descriptor(m):
            between = view.text[m.end:pos]
            return actor_ref(m) if _AUXILIARIES.fullmatch(between) or between.isspace() else None
    return None


def _named_after(view: SentenceView, pos: int) -> ActorRef | None:
    """The actor (or described group, "Iranian-backed factions") right after an attribution phrase."""
    window = view.after(pos, 60)
    described = _DESCRIBED_AFTER.match(window)
    for m in view.mentions:
        if m.actor and pos <= m.start < pos + 40 and not view.is_descriptor(m):
            return actor_ref(m)
    if described:
        s = pos + described.start(1)
        return ActorRef(described.group(1), None, s, s + len(described.group(1)))
    return None


_DESCRIBED_AFTER = re.compile(rf"\s+(?:[a-z]+\s+){{0,3}}?(?:(?:by|to|on)\s+)?[“\"]?(?:the\s+)?(?:[a-z]+\s+)?({_DESCRIBED})")


def not_against_itself(claims: list[Claim], drafts: list[Draft], view: SentenceView | None) -> list[Claim]:
    """A claim or blame that names as the doer the side the incident struck ("Defense Secretary Lloyd Austin said he had
    ordered strikes ..." linked to the drone attack that killed an American): no side attacks itself, so the claim is
    about another incident. It moves to the one incident told in its sentence whose doer is that side (and whose target
    is not), else it is linked to none; the incident never takes its own target's side as perpetrator. With a toll
    ("... in response to the strike on its consulate, in which seven Guards members were killed") it is the side's
    report of its own losses: a casualty report, linked where it was."""
    if view is None or not drafts:
        return claims
    by_id = {d.local_id: d for d in drafts}
    out = []
    for c in claims:
        d = by_id.get(c.incident) if c.incident else None
        if d is None or c.type != "responsibility_claimed" or not _struck_itself(view, c.perpetrator, d.target):
            out.append(c)
            continue
        if c.killed is not None or c.injured is not None:  # "..., in which seven Guards members were killed": its losses
            out.append(replace(c, type="casualty_report", perpetrator=None))
            continue
        here = [o for o in drafts if o is not d and any(t.view.sentence.index == c.span.sentence_index for t in o.told)
                and o.perpetrator is not None and _one_side(view, c.perpetrator, o.perpetrator)
                and not _struck_itself(view, c.perpetrator, o.target)]
        moved = replace(c, incident=here[0].local_id if len(here) == 1 else None)
        if moved.incident is None or not any(o.type == c.type and o.incident == moved.incident and o.span == c.span for o in claims):
            out.append(moved)  # (not twice the claim already linked to the incident it moves to)
    return out


def _struck_itself(view: SentenceView, perp: ActorRef | None, target: ActorRef | None) -> bool:
    return bool(perp and target and perp.key and target.key) and _one_side(view, perp, target)  # type: ignore[arg-type]


def _one_side(view: SentenceView, a: ActorRef | None, b: ActorRef | None) -> bool:
    """One actor, a state and its own forces or bodies, or a person of one of them (either way round)."""
    if not (a and b and a.key and b.key):
        return False
    return a.key == b.key or own_side(view, a, b) or own_side(view, b, a)
