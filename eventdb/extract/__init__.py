"""Rule-based extraction: one Article in, the assertions it makes out (pure, no database).

`extract(article)` reads the article sentence by sentence, then decides what needs the whole
article. The passes, each a module:

- `layout`: the headline, the dateline (its place and date are the filing's, never an incident's; its date stands in
  for a missing publication date) and the sentences, without time stamps and the lines that wrap the story
  ("Related:", captions, "(Reporting by ...)", cookie and newsletter notices);
- per sentence (`context.SentenceView`): names and places (`gazetteer`), dates (`dates`),
  numbers (`numbers`), phrases of the lexicon (`lexicon`);
- `triggers`: the words that name a use of force, the clause each reads, realis or not;
- `incidents` drafts one incident per trigger from its clause: `incident_actors` (who did it to
  whom), `incident_places`, `incident_dates`, `incident_weapons`, `tolls` (casualties),
  `incident_lists` (one per listed place), `nonevents` (aggregates, hypotheticals, opinions), `outcomes`
  (interceptions, negated or not, and what an incident's toll says of its outcome);
- `headings`: a dispatch's item heading ("2.1 12 JUN 2024, approx. 0930 UTC, Red Sea, ...") dates and places the
  incidents of its item;
- `events` runs those per sentence, and `clusters` decides whether a mention is an incident
  named before (merging the two); `references` finds the earlier incident a sentence without one
  of its own talks about;
- `speech_frames` (per sentence, who says what: speaker, cue and content, direct, indirect or mixed; also across
  sentences: a quotation continued, a statement quoted after its heading, a transcript's speaker turns), with
  `speaker_book` (whom a speaker's words stand for: a spokesman's body, "the group", "the army", "the ministry");
- `speakers` (the speaker of a phrase, read from the frame that holds it) and `claims` (what they claim about which
  incident, with its stance), `reported` (reported speech), `aggregates` (statistics and affiliations);
- `incident_sieves`: once the whole article is read, sieves over the incidents (surest first) join the mentions
  of one event the sentence loop kept apart and place an incident at a site a later sentence describes (each
  records its name: `decisions`); `incident_outcomes` decides each outcome from all the article says about it;
- `document`: claims are deduplicated and placed, details the claims give are completed (`claimed_details`),
  and unknown names are listed for curators.
"""

from __future__ import annotations

from eventdb.assertions import Article, Claim, Extraction
from eventdb.extract.tolls import no_harm
from eventdb.extract.aggregates import affiliations, casualty_tallies, operation_totals, ordinal_tallies, last_armed_group, statistics, tally_sequel
from eventdb.extract.claimed_details import complete
from eventdb.extract.claims import not_against_itself, sentence_claims, without_spokesman_repeats
from eventdb.extract.speakers import revised_subject, voice
from eventdb.extract.clusters import last_event_date, latest_date
from eventdb.extract.context import SentenceView, Tools
from eventdb.extract.dates import filing_date, resolve_sequels, running_years, stated_year, year_before, year_hint
from eventdb.extract.document import dedupe_claims, dedupe_statistics, in_the_issuers_voice, issuer, placed_claims, unresolved_actors, unresolved_places
from eventdb.extract.events import sentence_incidents
from eventdb.extract.gazetteer import build_gazetteer
from eventdb.extract.headings import day_section_of, heading_of, is_heading
from eventdb.extract.incident_outcomes import decide_outcomes
from eventdb.extract.incident_sieves import relinked, settle, shared_sentences
from eventdb.extract.incidents import Draft, air_strikes_by_claims, told_again
from eventdb.extract.layout import article_sentences, dateline, headline_end
from eventdb.extract.lexicon import Lexicon, default_lexicon
from eventdb.extract.references import referred, with_the_other
from eventdb.extract.speaker_book import SpeakerBook
from eventdb.extract.frames import attributed, bare_quotation, quoted_speaker
from eventdb.extract.speech_frames import last_speaker, sentence_frames
from eventdb.reference import Reference, default_reference

EXTRACTOR_VERSION = "rules-8"

__all__ = ["EXTRACTOR_VERSION", "decisions", "explained", "extract", "tools_for"]


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
    return _extract(article, reference)[0]


def explained(article: Article, reference: Reference | None = None) -> tuple[Extraction, dict[str, list[str]]]:
    """The extraction, and which document-level sieve changed what, by incident id ("lead_then_site: joined i3"):
    why a value is there (`eventdb extract --explain`)."""
    x, drafts = _extract(article, reference)
    return x, {d.local_id: list(d.decisions) for d in drafts}


def decisions(article: Article, reference: Reference | None = None) -> dict[str, list[str]]:
    return explained(article, reference)[1]


def _extract(article: Article, reference: Reference | None = None) -> tuple[Extraction, list[Draft]]:
    tools = tools_for(reference)
    drafts: list[Draft] = []
    claims: list[Claim] = []
    stats = []
    affs = []
    headline = headline_end(article.text)
    group = None  # the armed group named last: what "the group" refers to
    said = None  # the last speaker: who "it" is in "..., it added"
    previous_stats: list = []  # the last sentence's statistics: what "These strikes killed 118" counts
    summed: set[int] = set()  # sentences whose toll sums an operation split into several incidents
    previous_tally = False  # the last sentence counted casualties over a period: "On the Israeli side, 10 soldiers have been killed"
    book = SpeakerBook()  # who speaks for whom, as the article has told so far
    quotation = None  # the last sentence if it was a bare quotation: the next may name its speaker
    last_date = None  # (sentence, date) of the last event date named: what "the same day" counts from
    year = None if article.published else \
        stated_year(f"{article.title or ''}\n{article.text}", tools.lexicon) or year_hint(article.text, tools.lexicon)
    published = article.published or filing_date(article.text, dateline(article.text, headline), tools.lexicon, year)
    years = running_years(article.text) if year is None and published is None else []  # several years: "that year" is the last one stated
    views: list[SentenceView] = []
    day_section = None  # the last day heading ("SATURDAY (27 July)"): the day of the items under it (headings.py)
    heading = None  # the last item heading ("20 January, al-Tanf."): its day and place are its item's (headings.py)
    for sentence in article_sentences(article.text, headline, tools.lexicon):
        if sentence.end <= headline:
            if tools.lexicon.has("spokesman_roles", sentence.text):  # "Pentagon Press Secretary Pat Ryder Holds a Briefing"
                book.read(SentenceView.build(article.text, sentence, published, tools, year))
            continue  # a headline restates the lead: the body sentence says it with its details
        view = SentenceView.build(article.text, sentence, published, tools,
                                  year_before(years, article.text, sentence.start, sentence.end, tools.lexicon) if years else year)
        view.book = book
        view.heading = heading_of(view, heading)
        heading = view if is_heading(view) else view.heading
        view.day_section = day_section = day_section_of(view, day_section)
        book.read(view)
        frames = sentence_frames(view, said)  # who says what (kept in the book for the claims and the sentences after)
        views.append(view)
        view.dates = resolve_sequels(view.dates, last_event_date(drafts, last_date))
        last_date = latest_date(view, last_date)
        sentence_stats = statistics(view, group)
        tallies = casualty_tallies(view, sentence_stats, previous_tally)  # "... have killed 330 people since October 8"
        previous_tally = bool(tallies)
        sentence_stats = sentence_stats + tallies
        sequel = [] if sentence_stats else tally_sequel(view, previous_stats)  # "These strikes killed 118": the tally's
        sentence_stats = previous_stats = sentence_stats or sequel
        group = last_armed_group(view, group)
        stats.extend(sentence_stats)
        stats.extend(ordinal_tallies(view))  # "the third drone attack on Erbil airport since April"
        affs.extend(affiliations(view))
        blocked = [(view.start, view.end) for _ in sentence_stats[:1]] if sentence_stats else []
        stat_spans = [(view.start, view.end)] if sentence_stats else []
        found = sentence_incidents(view, drafts, blocked, said, sentence_stats)
        book.note_parties(view, [r for f in found for r in (f.incident.perpetrator, f.incident.target)])
        if quotation is not None and quoted_speaker(view) is not None:
            claims = attributed(claims, quotation, quoted_speaker(view))  # the quotation just before is this speaker's
        quotation = view if bare_quotation(view) else None
        about = with_the_other(view, found, drafts) if found else referred(view, drafts)
        if not found:
            told_again(view, about, drafts)
        totals = operation_totals(view, about) if not found and len(about) > 1 else []  # "... 31 people were killed"
        stats.extend(totals)
        if totals:
            summed.add(view.sentence.index)  # the operation's total: no incident's toll (claimed_details.complete)
        if not sequel:  # a tally's toll is no one's claim about an incident
            said_here = sentence_claims(view, about, stat_spans, said)
            claims.extend([c for c in said_here if c.type != "casualty_report"] if tallies else said_here)  # a tally is no toll
        said = last_speaker(frames) or (voice(view, view.end, said) if view.has("speech_verbs") else revised_subject(view) or said)
    claims = relinked(claims, settle(drafts, views))  # the document-level sieves may join incidents
    claims = not_against_itself(claims, drafts, views[0] if views else None)  # no side claims an attack on itself
    claims = without_spokesman_repeats(claims, tools.reference)
    claims = in_the_issuers_voice(placed_claims(dedupe_claims(claims), tools.lexicon), issuer(article, tools))
    incidents = complete(tuple(d.report() for d in drafts), claims, tools.lexicon, shared_sentences(drafts) | summed)
    claims = [c for c in claims if c.type != "casualty_report" or c.claimant is not None or no_harm(c.killed, c.injured)]
    # the outlet telling a toll ("These strikes killed four people.") gives the incident its toll, and is no one's claim
    incidents = air_strikes_by_claims(incidents, drafts, tools.lexicon, tools.actor_kind)
    incidents = decide_outcomes(incidents, drafts, tools.lexicon)  # after the tolls and kinds are final
    return Extraction(EXTRACTOR_VERSION, incidents, tuple(claims), tuple(dedupe_statistics(stats)),
                      tuple(affs), tuple(unresolved_actors(incidents, claims, tools) + unresolved_places(drafts))), drafts
