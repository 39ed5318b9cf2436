"""Rule-based extraction: one Article in, the assertions it makes out (pure, no database).

`extract(article)` reads sentence by sentence: incidents are merged across
sentences of one article, claims point at them, statistics and affiliations are
collected, and names the reference does not know are listed for curators.
"""

from __future__ import annotations

import re
from dataclasses import replace
from urllib.parse import urlsplit

from eventdb.assertions import ActorRef, Article, Claim, Extraction, IncidentReport, Statistic, UnresolvedName
from eventdb.extract.aggregates import affiliations, last_armed_group, statistics
from eventdb.extract.claimed_details import complete
from eventdb.extract.claims import own_side, sentence_claims, voice
from eventdb.extract.context import SentenceView, Tools
from eventdb.extract.dates import DateMention, resolve_sequels, running_years, stated_year, year_before, year_hint
from eventdb.extract.gazetteer import build_gazetteer
from eventdb.extract.incident_lists import split_listed
from eventdb.extract.incidents import (Draft, Found, air_strikes_by_claims, also_meant, attach, draft_from_trigger, example_triggers, find_triggers,
                                       last_event_date, latest_date, note_interception, same_day_as, windows)
from eventdb.extract.lexicon import Lexicon, default_lexicon
from eventdb.extract.nonevents import aggregate
from eventdb.extract.sentences import Sentence, sentence_spans
from eventdb.reference import Reference, default_reference

EXTRACTOR_VERSION = "rules-6"

__all__ = ["EXTRACTOR_VERSION", "extract", "tools_for"]


_TOOLS: dict[tuple[int, int], Tools] = {}


def _tools(reference: Reference, lexicon: Lexicon) -> Tools:
    key = (id(reference), id(lexicon))
    tools = _TOOLS.get(key)
    if tools is None or tools.reference is not reference or tools.lexicon is not lexicon:
        if len(_TOOLS) > 8:
            _TOOLS.clear()
        tools = _TOOLS[key] = Tools(reference, build_gazetteer(reference), lexicon)
    return tools


def tools_for(reference: Reference | None = None, lexicon: Lexicon | None = None) -> Tools:
    """Gazetteer and lexicon, built once per reference (building is the expensive part)."""
    return _tools(reference or default_reference(), lexicon or default_lexicon())


def extract(article: Article, reference: Reference | None = None) -> Extraction:
    tools = tools_for(reference)
    drafts: list[Draft] = []
    claims: list[Claim] = []
    stats = []
    affs = []
    headline = _headline_end(article.text)
    group = None  # the armed group named last: what "the group" refers to
    said = None  # the last speaker: who "it" is in "..., it added"
    last_date = None  # (sentence, date) of the last event date named: what "the same day" counts from
    year = None if article.published else \
        stated_year(f"{article.title or ''}\n{article.text}", tools.lexicon) or year_hint(article.text, tools.lexicon)
    years = running_years(article.text) if year is None and article.published is None else []  # several years: "that year" is the last one stated
    for sentence in _sentences(article.text, headline):
        if sentence.end <= headline:
            continue  # a headline restates the lead: the body sentence says it with its details
        view = SentenceView.build(article.text, sentence, article.published, tools,
                                  year_before(years, article.text, sentence.start, sentence.end) if years else year)
        view.dates = resolve_sequels(view.dates, last_event_date(drafts, last_date))
        last_date = latest_date(view, last_date)
        sentence_stats = statistics(view, group)
        group = last_armed_group(view, group)
        stats.extend(sentence_stats)
        affs.extend(affiliations(view))
        blocked = [(view.start, view.end) for _ in sentence_stats[:1]] if sentence_stats else []
        stat_spans = [(view.start, view.end)] if sentence_stats else []
        found = _incidents(view, drafts, blocked, said, sentence_stats)
        claims.extend(sentence_claims(view, _with_the_other(view, found, drafts) if found else _referred(view, drafts),
                                      stat_spans, said))
        said = voice(view, view.end, said) if view.has("speech_verbs") else said
    claims = _in_the_issuers_voice(_placed(_dedupe(claims), tools.lexicon), _issuer(article, tools))
    incidents = complete(tuple(d.report() for d in drafts), claims, tools.lexicon)
    incidents = air_strikes_by_claims(incidents, drafts, tools.lexicon, tools.actor_kind)
    return Extraction(EXTRACTOR_VERSION, incidents, tuple(claims), tuple(_dedupe_stats(stats)),
                      tuple(affs), tuple(_unresolved(incidents, claims, tools) + _unresolved_places(drafts)))


_ELISION = re.compile(r"(?<![.!?\s])[\s,;:]*(?:\.\s){2}\.$|(?<![.!?\s])[\s,;:]*…$")
# How every _ELISION match ends: tested on the last characters first, since searching a whole sentence is slow.
_ELISION_END = re.compile(r"(?:\.\s\.\s\.|…)\n?\Z")


def _ends_with_elision(text: str) -> bool:
    return _ELISION_END.search(text, max(0, len(text) - 6)) is not None and _ELISION.search(text) is not None


_HEADLINE = re.compile(r"[ \t]*(?P<line>[^\n]*[^\s.!?:;,”\"])[ \t]*\n\s*\S")
_HEADLINE_MAX_WORDS = 20


def _headline_end(text: str) -> int:
    """End of a headline: a short first line without a final stop, followed by the body; 0 when there is none."""
    m = _HEADLINE.match(text)
    if not m or len(m.group("line").split()) > _HEADLINE_MAX_WORDS:
        return 0
    return m.end("line")


def _sentences(text: str, headline: int = 0) -> list[Sentence]:
    """Sentences, with an elision mark inside a sentence ("Since November 2023, . . . militias") not taken as its end.
    The passes below hand on (start, end) pairs: only the final sentences are built (each copies its text)."""
    out: list[Sentence] = []
    glue = False
    spans = sentence_spans(text)
    for start, end in _at_line_ends(text, _split_at(text, spans, headline)):
        if glue and out:
            start = out.pop().start
        s = Sentence(len(out), start, end, text[start:end])
        out.append(s)
        glue = _ends_with_elision(s.text)
    return out


def _split_at(text: str, spans: list[tuple[int, int]], cut: int) -> list[tuple[int, int]]:
    """The sentence that runs over `cut` (a headline's end) becomes two."""
    if not cut:
        return spans
    out = []
    for start, end in spans:
        if start < cut < end:
            body = cut + len(text[cut:end]) - len(text[cut:end].lstrip())
            out.append((start, cut))
            out.append((body, end))
        else:
            out.append((start, end))
    return out


_LINE_END = re.compile(r"(?<=[.!?:”\"])[ \t]*\n\s*")


def _at_line_ends(text: str, spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """A line that ends with a stop or a colon ends its sentence ("... these groups:\nSince November");
    trailing spaces are trimmed and empty pieces dropped."""
    out = []
    for start, end in spans:
        cuts = [start, end] if text.find("\n", start, end) == -1 else \
            [start] + [m.end() for m in _LINE_END.finditer(text, start, end)] + [end]
        for a, b in zip(cuts, cuts[1:]):
            while b > a and text[b - 1].isspace():
                b -= 1
            if b > a:
                out.append((a, b))
    return out


def _incidents(view: SentenceView, drafts: list[Draft], blocked: list[tuple[int, int]],
               previous: ActorRef | None = None, stats: list[Statistic] | None = None) -> list[Found]:
    """Incidents this sentence creates or adds to, with the offset of the trigger that named each
    (in a sentence that states an aggregate, only the examples it names: "including a strike on X")."""
    triggers = find_triggers(view, blocked) if not stats else example_triggers(view, stats[0])
    triggers = [t for t in triggers if t.example_of or not aggregate(view, t.start, t.end)]  # tallies name no one incident
    found: list[Found] = []
    claimant = voice(view, view.end, previous)
    for trigger, (ws, we) in zip(triggers, windows(view, triggers)):
        ws = max(ws, trigger.start - 40) if trigger.example_of else ws  # the example's own clause, not the aggregate's
        draft = draft_from_trigger(view, trigger, ws, we, f"i{len(drafts) + 1}")
        if draft is None:
            continue
        if found:
            same_day_as(view, found[-1], trigger.start, draft)  # "..., hours after US warplanes struck X"
        story = None if found or draft.date is not None else _story_date(view, drafts, draft)
        for new in split_listed(view, draft, ws, we, trigger.start):  # "struck X near A and Y near B": one per place
            new.local_id = f"i{len(drafts) + 1}"
            _basis(new, claimant, view)
            new.separate = new.separate or _caused(view, found, trigger)
            kept = attach(view, drafts, new)
            if kept is new and story and new.date is None:
                new.date = story  # a new incident, not a reference to one told before
            if kept is not None:
                kept.last_sentence = view.sentence.index
                found.append(Found(trigger.start, kept, new))
                found.extend(Found(trigger.start, d) for d in also_meant(view, drafts, kept, new))
    if len({id(f.incident) for f in found}) == 1:
        note_interception(view, found[0].incident)  # "two drones targeted X; one of them was shot down"
    _mark_asides(view, found)
    return found


def _story_date(view: SentenceView, drafts: list[Draft], new: Draft) -> DateMention | None:
    """ "A drone struck Metula on Tuesday. In response, the army said, jets struck Hezbollah sites in Kfar Kila.": a new,
    undated incident that a speaker reports in the sentence right after a dated one, in an article with a date, is part
    of the same story when it is in the same country or the sentence ties it to the last ("in response", "later"): it
    took place that day (within the day matching allows). None when that does not hold."""
    if not drafts or view.published is None or not view.has("speech_verbs"):
        return None
    last = max(reversed(drafts), key=lambda d: d.last_sentence)
    if view.sentence.index - last.last_sentence > 1 or last.date is None or last.date.on is None \
            or last.date.precision != "day" or last.date_is_statement:
        return None
    country = new.country or view.country_of(new.place)
    if not (country and country == (last.country or view.country_of(last.place))) and not view.has("story_connectors"):
        return None
    return last.date


def _mark_asides(view: SentenceView, found: list[Found]) -> None:
    """ "X said it targeted a ship, hours after US jets struck Y": Y is named in an aside about X, so a later sentence
    that refers back without a name ("None of the crew were hurt") means X, the main clause's incident."""
    for f in found[1:]:
        if f.incident is not found[0].incident and view.has("sequence_connectors", found[0].pos, f.pos):
            f.incident.aside_in = view.sentence.index


def _caused(view: SentenceView, found: list[Found], trigger) -> bool:
    """ "a drone struck X, ... which prompted waves of US air strikes on Friday": what an incident of this sentence
    led to, or answered, is another incident."""
    return bool(found) and view.has("sequence_connectors", found[-1].pos, trigger.start)


def _basis(d: Draft, claimant, view: SentenceView) -> None:
    """Claimed when the perpetrator speaks, attributed when a third party names it, reported in the outlet's voice."""
    if claimant is None or d.reference_only:
        return
    d.claimant = claimant
    if d.perpetrator is None and claimant.key:
        return
    if d.perpetrator and claimant.key and own_side(view, claimant, d.perpetrator):
        d.perpetrator_basis = "claimed"
    elif d.perpetrator:
        d.perpetrator_basis = "attributed"


def _referred(view: SentenceView, drafts: list[Draft]) -> list[Found]:
    named = _referred_by_name(view, drafts)
    found = named or _referred_one(view, drafts)
    if found is None:
        return []
    listed = _listed_with(found, drafts) if named is None else []  # "Haniyeh's death" names one of those listed
    for d in (found, *listed):
        d.last_sentence = view.sentence.index  # now the one just talked about ("Israel has not confirmed that killing")
    note_interception(view, found)
    both = [d for d in drafts if d is not found and d not in listed and d.last_sentence >= view.sentence.index - _RECENT] \
        if _BOTH.search(view.text, view.start, view.end) else []
    # "the Houthis claimed both attacks"; "Israeli missiles hit A and B. The Israeli military declined to comment."
    return [Found(view.start, d) for d in (found, *listed, *both)]


def _listed_with(found: Draft, drafts: list[Draft]) -> list[Draft]:
    """The incidents one trigger of the last sentence made with `found`, one per listed place ("missiles hit A and B"),
    not talked about apart since: a sentence referring back to one of them is about the list."""
    if found.sentence_index != found.last_sentence:
        return []
    return [d for d in drafts if d is not found and d.sentence_index == d.last_sentence == found.sentence_index
            and d.span == found.span and d.event_type == found.event_type]


def _with_the_other(view: SentenceView, found: list[Found], drafts: list[Draft]) -> list[Found]:
    """ "Two days later, a drone hit ship B; the Houthis claimed both attacks": a sentence that names one incident and
    speaks of both is also about the one talked about before it."""
    if len({id(f.incident) for f in found}) != 1 or not _BOTH.search(view.text, view.start, view.end):
        return found
    now = view.sentence.index
    earlier = [d for d in drafts if d is not found[0].incident and now - _RECENT <= d.last_sentence < now]
    if not earlier:
        return found
    other = _last_talked_about(view, earlier)
    return [*found, Found(view.start, other)]  # the sentence's own incident stays first: its other claims are about it


_BOTH = re.compile(r"\b(?:both|the two)\s+(?:\w+\s+)?(?:attacks|strikes)\b", re.IGNORECASE)


def _referred_by_name(view: SentenceView, drafts: list[Draft]) -> Draft | None:
    """An earlier incident a sentence names: by its victim ("Haniyeh's death"), or by a specific place (a country names
    too many incidents)."""
    for d in reversed(drafts):
        if d.event_type == "assassination" and d.target and _names_victim(view, d.target):
            return d
    places = {m.place for m in view.mentions if m.place}  # read once, not once per incident
    for d in reversed(drafts):
        if d.place in places and view.is_specific_place(d.place):
            return d
    for d in reversed(drafts):
        if d.place is None and d.place_text and _names_place(view, d.place_text):
            return d  # a place the reference lacks, written the same way ("a house in Aita al-Shaab was destroyed")
    return None


def _names_place(view: SentenceView, name: str) -> bool:
    """The place name as written stands in the sentence as whole words."""
    return name in view.sentence.text and re.search(rf"(?<![\w-]){re.escape(name)}(?![\w-])", view.sentence.text) is not None


_REFERRING_CATEGORIES = ("interception", "non_confirmation", "no_casualties", "killed_words", "injured_words",
                         "attribution", "casualty_nouns", "unharmed_words")  # words that go on about an incident just told


def _referred_one(view: SentenceView, drafts: list[Draft]) -> Draft | None:
    """A sentence without its own incident nor a name of one may still talk about an earlier one: the one whose target
    it names, or the one just talked about."""
    if not drafts:
        return None
    by_target = _by_target(view, drafts)
    if by_target is not None:
        return by_target
    last = _last_talked_about(view, drafts)
    if last.left_in > last.last_sentence or _elsewhere(view, last):
        return None  # "Friday - Saudi air defences intercepted a drone over Jizan": not the Hodeidah strike told before
    gap = view.sentence.index - last.last_sentence
    if gap <= 3 and view.has("triggers"):
        return last
    if gap <= 2:
        for category in _REFERRING_CATEGORIES:  # a plain loop, not any(<genexpr>): this runs for most sentences
            if view.has(category):
                return last
    return None


_FROM = re.compile(r"\bfrom\s+(?:the\s+)?(?:[\w-]+\s+){0,2}$", re.IGNORECASE)


def _elsewhere(view: SentenceView, last: Draft) -> bool:
    """The sentence names a specific place in another country than the incident talked about last: it turned to
    something else (a roundup's next item), and it and the sentences after it do not refer back to that incident
    (marked on the incident)."""
    country = last.country or view.country_of(last.place)
    if not country:
        return False
    for m in view.mentions:
        if m.place and not m.actor and view.is_specific_place(m.place) and view.country_of(m.place) not in (None, country) \
                and not _FROM.search(view.before(m.start, 20)):  # "launched from Albu Kamal": where it came from
            last.left_in = view.sentence.index
            return True
    return False


_RECENT = 3  # sentences back that a sentence without names of its own (or "both attacks") may still be about


_CLAIM_CUES = ("speech_verbs", "non_confirmation", "confirmation", "responsibility_denied", "involvement_denied",
               "interception", "attribution")


def _by_target(view: SentenceView, drafts: list[Draft]) -> Draft | None:
    """ "... a day after a US strike on a PMF base. The Pentagon has not confirmed targeting the PMF base.": a sentence
    that names, after its speaker and verb, the target of an incident of the last sentences is about that incident
    (the latest such); the one who speaks ("Israel has not confirmed ...") refers to nothing by being named."""
    named = {m.actor for m in view.mentions if m.actor}
    recent = [d for d in drafts if view.sentence.index - d.last_sentence <= _RECENT and d.target and d.target.key in named]
    if not recent:
        return None  # (checked first: finding where the verb is costs more)
    keys = _named_after_the_verb(view)
    recent = [d for d in recent if d.target.key in keys]
    if not recent:
        return None
    best = max(reversed(recent), key=lambda d: d.last_sentence)
    latest = max(reversed(drafts), key=lambda d: d.last_sentence)
    if latest.target is None and latest.last_sentence > best.last_sentence and latest.event_type == best.event_type:
        return None  # "an Israeli drone strike hit a car. The IDF said it had struck a Hezbollah cell": the one just
        # talked about, of the same kind and with no known target, may be the one meant
    return best


def _named_after_the_verb(view: SentenceView) -> set[str]:
    """Actors named (as nouns) after the sentence's first speech or claim verb: what it is about, not who speaks; not
    an adjective ("downed three Israeli drones" names the attacker's weapons, not a target) nor the subject of an
    attack verb ("has not confirmed that X fired the rockets": a doer)."""
    cues = [m.start() for c in _CLAIM_CUES for m in view.find(c)[:1]]
    if not cues:
        return set()
    return {m.actor for m in view.mentions if m.actor and not m.adjective and m.start > min(cues)
            and not view.has("triggers", m.end, min(view.end, m.end + _DOER_GAP))}


_DOER_GAP = 20  # characters between a name and an attack verb that make it the verb's subject ("X has fired")


def _last_talked_about(view: SentenceView, drafts: list[Draft]) -> Draft:
    """The incident the last sentences named. Of several named in the same sentence: the one whose target this sentence
    names ("... in response to an Israeli attack on a PMF base. The Israeli military has not confirmed targeting the PMF
    base."), else one of the main clause (not named in an aside about another), else the one named last."""
    latest = drafts[0].last_sentence  # max() as a plain loop (runs for most sentences); both callers pass drafts
    for d in drafts:
        if d.last_sentence > latest:
            latest = d.last_sentence
    tied = [d for d in drafts if d.last_sentence == latest]
    named = {m.actor for m in view.mentions if m.actor}
    if len(tied) > 1 and any(d.target and d.target.key in named for d in tied):
        keys = _named_after_the_verb(view)
        targeted = [d for d in tied if d.target and d.target.key in keys]
        tied = targeted or tied
    return max(reversed(tied), key=lambda d: d.aside_in != latest)


def _names_victim(view: SentenceView, victim: ActorRef) -> bool:
    """The victim's family name stands in the sentence as a word ("Haniyeh's death" for Ismail Haniyeh)."""
    name = victim.text.split()[-1]
    return len(name) > 3 and name in view.sentence.text and re.search(rf"(?<![\w-]){re.escape(name)}(?![\w-])", view.text[view.start:view.end]) is not None


def _dedupe(claims: list[Claim]) -> list[Claim]:
    """One claim per sentence and kind; and a claimant repeating the same claim about the same incident later in the
    article ("X claimed the attack. ... In a statement, the group said its fighters struck ...") is recorded once, at
    its first statement (different counts or stances stay separate claims)."""
    seen = set()
    out = []
    for c in claims:
        who = (c.claimant.key or c.claimant.text.casefold()) if c.claimant else None
        where = c.span.char_start if c.incident is None or c.claimant is None else (c.stance, c.killed, c.injured, c.projectiles)
        key = (c.type, c.incident, who, where)
        if key not in seen:
            seen.add(key)
            out.append(c)
    return out


def _dedupe_stats(stats):
    seen = set()
    out = []
    for s in stats:
        key = (s.actor.key if s.actor else None, s.count, s.qualifier, s.what.split()[-1].lower())
        if key not in seen:
            seen.add(key)
            out.append(s)
    return out


def _unresolved(incidents: tuple[IncidentReport, ...], claims: list[Claim], tools: Tools) -> list[UnresolvedName]:
    """Names used as actors that the reference lacks (outlet names are not actors: storage resolves them)."""
    outlets = _outlet_names(tools)
    out: dict[tuple[str, int], UnresolvedName] = {}
    refs = [(i.perpetrator, i.span) for i in incidents] + [(c.claimant, c.span) for c in claims]
    for ref, span in refs:
        if ref and ref.key is None and ref.char_start is not None and ref.text[:1].isupper() and ref.text not in outlets:
            out[(ref.text, ref.char_start)] = UnresolvedName(ref.text, "actor", ref.char_start, ref.char_end, span)
    return list(out.values())


def _placed(claims: list[Claim], lexicon: Lexicon) -> list[Claim]:
    """A claim that only means something about one incident (a toll, an interception, "has not commented") but that
    no incident of the article could be found for is dropped: unplaced, it cannot be checked or used."""
    bound = lexicon.words["incident_bound_claims"]
    return [c for c in claims if c.incident is not None or c.type not in bound]


def _in_the_issuers_voice(claims: list[Claim], issuer: ActorRef | None) -> list[Claim]:
    """A release the military publishes itself ("The missile was shot down. There were no injuries."): what it says in
    its own voice is its claim, not an outlet's."""
    if issuer is None:
        return claims
    return [replace(c, claimant=issuer) if c.claimant is None else c for c in claims]


def _issuer(article: Article, tools: Tools) -> ActorRef | None:
    """The state body that publishes the article itself: its outlet is one of the body's names ("U.S. Central
    Command"), or, with no outlet given, its web address is (a host label that is the body's acronym: "centcom.mil",
    "idf.il"). News outlets are never issuers."""
    names = _issuer_names(tools)
    if article.outlet:
        key = names.get(article.outlet.strip().casefold())
        return ActorRef(tools.reference.actors_by_key[key].name, key) if key else None
    host = urlsplit(article.url).hostname if article.url else None
    if not host:
        return None
    for label in re.split(r"[.-]", host.casefold()):
        key = names.get(label)
        if key and label.upper() in tools.reference.actors_by_key[key].aliases:  # acronyms only ("centcom"), not words
            return ActorRef(tools.reference.actors_by_key[key].name, key)
    return None


_ISSUERS: dict[int, tuple[Tools, dict[str, str]]] = {}


def _issuer_names(tools: Tools) -> dict[str, str]:
    """Casefolded names of the state bodies that issue statements of their own, by actor key (built once per tools)."""
    cached = _ISSUERS.get(id(tools))
    if cached is None or cached[0] is not tools:
        kinds = tools.lexicon.words["issuer_kinds"]
        cached = (tools, {n.casefold(): a.key for a in tools.reference.actors if a.kind in kinds for n in (a.name, *a.aliases)})
        if len(_ISSUERS) > 8:
            _ISSUERS.clear()
        _ISSUERS[id(tools)] = cached
    return cached[1]


def _outlet_names(tools: Tools) -> frozenset[str]:
    return frozenset(n for o in tools.reference.outlets for n in (o.name, *o.aliases))


def _unresolved_places(drafts: list[Draft]) -> list[UnresolvedName]:
    """Place names an incident is located at that match no reference place."""
    out = []
    for d in drafts:
        if d.place is None and d.place_span and d.place_text:
            s, e = d.place_span
            out.append(UnresolvedName(d.place_text, "place", s, e, d.span))
    return out
