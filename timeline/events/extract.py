"""Event extraction: an Article -> typed, dated, attributed events (triggers, roles, modality, dates, dedup)."""

from __future__ import annotations

import bisect
import dataclasses
import datetime as dt
import hashlib
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from timeline.event_types import event_types, family_of
from timeline.events import lexicon
from timeline.events.actors import Actor, ArticleActors, demonym_country, leading_group, leading_name
from timeline.events.dating import (
    OWN_SENTENCE_KINDS,
    DateChoice,
    PlacedTimex,
    attach_date,
    first_date,
    headline_past,
    last_mentioned_date,
    main_clause_date,
    named_event_date,
    place_timexes,
    publication,
    reanchor,
    report_date,
)
from timeline.events.dedup import Mention, absorb, dates_agree, merge_mentions
from timeline.events.geo import locate
from timeline.events.lexicon import Trigger
from timeline.events.modality import modality_of
from timeline.events.nlp import Sentence, parse, split_sentences
from timeline.events.roles import Roles, clause_places, reported_by, roles_of, target_places
from timeline.events.story import Story
from timeline.events.triggers import find_triggers, is_anchor_only, sub_type
from timeline.events.verb_forms import (
    is_agentless_passive,
    is_generic_present,
    is_habitual,
    is_ongoing,
    is_present,
    is_summary,
)
from timeline.models import Article, Event, Timex
from timeline.settings import DEFAULTS, Settings
from timeline.temporal import find_timexes

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

__all__ = ["extract_events", "extract_with_timexes"]

DATELINE = re.compile(
    r"^(?:\((?:Update|UPDATE)[^()]{0,80}\)\s*"
    r"|(?P<place>[A-Z][A-Z.'\- ]{2,}(?:/[A-Z][A-Z.'\- ]+)*)"
    r"(?:,\s*(?P<region>[A-Z][A-Za-z.]*(?:\s+[A-Z][A-Za-z.]*)*))?(?:,?\s+[A-Z][a-z]{2,8}\.?\s+\d{1,2})?"
    r"(?:\s+\([A-Za-z. ]{2,24}\))?\s+(?:[—–]+|--?)\s+"
    r"|(?:(?P<city>[A-Z][A-Za-z.'\- ]{1,40}?(?:/[A-Z][A-Za-z.'\- ]+)*)"
    r"(?:,\s*(?P<country>[A-Z][A-Za-z.]*(?:\s+[A-Z][A-Za-z.]*)*))?(?:,?\s+[A-Z][a-z]{2,8}\.?\s+\d{1,2})?\s+)?"
    r"\((?:Reuters|CNN|AP|AFP|BBC|Guardian)\)\s*(?:--?|[—–])\s+)"
)
"""What opens a paragraph without being part of its sentence: a dateline ("GENEVA — ", "BEIJING, March 11 — ",
"BENGHAZI, Libya (Reuters) - ", "(CNN) -- ") or a live blog's time stamp ("(Update 12:30 a.m. in Cairo) ")."""


CAPTION = re.compile(
    r"^\(?(?:photo|image|picture|pictured|caption|video)\b|\((?:[^()]*\b(?:photo|pool|file|reuters|afp|ap|getty)\b[^()]*)\)\.?$",
    re.IGNORECASE,
)
"""A photo caption: "Photo: ...", "(Photo: ...)" or a closing credit such as "(Pool photo)"."""


def _without_dateline(sentence: Sentence) -> Sentence:
    """The sentence without a leading dateline (which would otherwise be parsed as its subject)."""
    match = DATELINE.match(sentence.text)
    if not match:
        return sentence
    cut = match.end()
    return Sentence(sentence.start + cut, sentence.end, sentence.text[cut:], sentence.paragraph)


def extract_events(article: Article, settings: Settings = DEFAULTS) -> list[Event]:
    """Every event of one article, one row per real-world event, with all columns filled where known."""
    return extract_with_timexes(article, find_timexes(article.text, article.published), settings)


@dataclass
class _Draft:
    """A mention being built: its trigger word, the lexicon entry and its roles."""

    token: Token
    trigger: Trigger
    roles: Roles
    mention: Mention


NARRATIVE_PRECISIONS = frozenset({"day", "week", "month"})
"""A date of a main clause sets the story's date when it is this precise ("earlier this year" does not)."""
RECENT = dt.timedelta(days=31)
CHAINED_PRECISIONS = frozenset({"day", "week"})
"""A story date this precise and recent dates the whole story that follows it; an older or a month-long one dates
only the sentence right after it: background told in passing is not the story."""
DEFINITE = frozenset({"the", "this", "that", "these", "those", "its", "their", "his", "her"})
"""Determiners of a noun that refers back to an event already told ("the strikes", "their meeting")."""


def _place(event: Event, location: str) -> None:
    """Set the event's location, with its country and coordinates where the gazetteer knows it."""
    event.location = location
    place = locate(location)
    if place is not None:
        event.country, event.latitude, event.longitude = place.country, place.latitude, place.longitude


def dyads(draft: _Draft) -> list[_Draft]:
    """For a dyadic trigger ("spoke with A and B"), one more event per further counterpart; the draft keeps the
    first."""
    event = draft.mention.event
    if not draft.trigger.dyadic or not event.actor2 or not event.other_actors:
        return []
    counterparts = {a.name for a in draft.roles.patients}
    others = [o for o in event.other_actors.split(";") if o and o in counterparts]
    extra = []
    for n, other in enumerate(others, 1):
        copy = dataclasses.replace(event, actor2=other, other_actors="",
                                   event_id=hashlib.sha1(f"{event.event_id}|{n}".encode(), usedforsecurity=False)
                                   .hexdigest()[:16])
        extra.append(_Draft(draft.token, draft.trigger, draft.roles, dataclasses.replace(draft.mention, event=copy)))
    if extra:
        event.other_actors = ";".join(o for o in event.other_actors.split(";") if o and o not in others)
    return extra


def guest_visit(draft: _Draft) -> _Draft | None:
    """The visit a hosting trigger implies: the guest it received or welcomed visited the host ("Sisi received
    Blinken in Cairo"), on the same day and at the same place."""
    host = draft.mention.event
    visit_type = draft.trigger.guest_visits
    if not visit_type or not host.actor2 or not host.country:  # a visit to a town or a country, not to a lawn
        return None
    visit = dataclasses.replace(
        host,
        event_type=visit_type,
        sub_event_type=visit_type,
        cameo_code=event_types()[visit_type].cameo,
        actor1=host.actor2,
        actor2=host.actor1,
        event_id=hashlib.sha1(f"{host.event_id}|{visit_type}".encode(), usedforsecurity=False).hexdigest()[:16],
    )
    mention = dataclasses.replace(draft.mention, event=visit)
    trigger = dataclasses.replace(draft.trigger, event_type=visit_type, guest_visits="", host=False)
    return _Draft(draft.token, trigger, draft.roles, mention)


def _unique(actors: list[Actor]) -> list[str]:
    seen: dict[str, None] = {}
    for a in actors:
        if a.name and a.name not in seen:
            seen[a.name] = None
    return list(seen)


def _confidence(date: DateChoice | None, event: Event, nominal: bool, named_agent: bool) -> float:
    """How sure the row is: a date from the event's own clause, a named initiator, a counterpart or place,
    and a verb rather than a noun each add to it."""
    score = 0.25
    score += 0.06 * (date.strength if date else 0)
    score += 0.25 if event.actor1 and named_agent else 0.08 if event.actor1 else 0.0
    score += 0.1 if event.actor2 or event.location else 0.0
    score += 0.0 if nominal else 0.1
    return round(min(score, 0.95), 3)


class _ArticleExtractor:
    """The state of one article while its sentences are read in order."""

    def __init__(self, article: Article, timexes: Sequence[Timex], settings: Settings) -> None:
        self.article = article
        self.settings = settings
        self.timexes = sorted(timexes, key=lambda t: t.start)
        self.starts = [t.start for t in self.timexes]
        self.registry = ArticleActors()
        self.countries: Counter[str] = Counter()
        self.registry.learn_acronyms(article.text)
        self.narrative: DateChoice | None = None
        self.mentions: list[Mention] = []
        self.lexicon = lexicon.triggers()
        self.last_pair: tuple[str, str] | None = None
        self.pair_sentence = -1
        self.previous_sentence = -1
        self.mentioned: DateChoice | None = None
        self.story = Story(self.lexicon.not_names)

    def sentence_timexes(self, sentence: Sentence) -> list[Timex]:
        lo = bisect.bisect_left(self.starts, sentence.start)
        hi = bisect.bisect_left(self.starts, sentence.end)
        return [t for t in self.timexes[lo:hi] if t.end <= sentence.end]

    def anchor(self, event_type: str) -> DateChoice | None:
        """The date of the article's first well-dated event of this type: what "the summit" refers to."""
        dated = [m for m in self.mentions
                 if m.event.event_type == event_type and m.strength >= 2 and m.event.date_start]
        if not dated:
            return None
        e = dated[0].event
        if e.date_start is None or e.date_end is None:
            return None
        return DateChoice(e.date_start, e.date_end, e.time_precision, e.date_text, e.date_rule, "anchor")

    def run(self) -> list[Event]:
        sentences = split_sentences(self.article.text, self.settings.max_split_chars)
        clauses = [_without_dateline(s) for s in sentences]
        flagged = [
            i
            for i, s in enumerate(sentences)
            if len(s.text) <= self.settings.max_sentence_chars and self.lexicon.sentence_filter.may_hold_trigger(s.text)
        ]
        headline = self.headline()
        texts = [clauses[i].text for i in flagged] + ([headline.text] if headline else [])
        parsed = list(parse(texts))
        docs = dict(zip(flagged, parsed, strict=False))
        if headline is not None:
            self.story.enter(-1, headline.text)
            title_timexes = headline_past(self.title_timexes(headline), headline.text)
            self.read_sentence(headline, headline, parsed[-1], title_timexes)
        for index, sentence in enumerate(sentences):
            timexes = reanchor(self.sentence_timexes(clauses[index]), self.mentioned, self.narrative)
            doc = docs.get(index)
            self.story.enter(index, clauses[index].text)
            if doc is None:
                self.story.places, self.story.town, self.story.initiators = {}, "", {}
                opening = first_date(timexes)
                if opening is not None and opening.precision in NARRATIVE_PRECISIONS:
                    self.narrative = opening
                    self.story.restart(clauses[index].text)
                days = [t for t in timexes if t.granularity == "day" and t.is_calendar_date]
                self.mentioned = first_date(days[-1:]) or self.mentioned
                subject = leading_name(clauses[index].text)
                if subject:
                    self.registry.note_subject(subject)
                group = leading_group(clauses[index].text)
                if group:
                    self.registry.note_group(group)
                self.registry.note_towns(clauses[index].text, self.lexicon.not_names)
                continue
            if self.is_headline(sentence):
                timexes = headline_past(timexes, sentence.text)
            self.read_sentence(sentence, clauses[index], doc, timexes)
        kept = [m for m in self.mentions if m.event.actor1 or m.event.actor2 or m.event.location]
        for mention in kept:
            if not mention.event.location and mention.place_hint:
                _place(mention.event, mention.place_hint)
        events = [e for e in merge_mentions(kept) if e.actor1 or e.actor2 or e.location]
        home = self.home_country()
        if home is not None:
            for event in events:
                if not event.location and event_types()[event.event_type].family.frame.targets_locate:
                    event.location = event.country = home  # fighting the story does not place is in its country
        return events

    def home_country(self) -> str | None:
        """The country the story is about: the one its sentences name far more often than any other (a dateline
        may be a neighbouring capital)."""
        ranked = self.countries.most_common(2)
        if not ranked or ranked[0][1] < 3 or (len(ranked) > 1 and ranked[0][1] < 2 * ranked[1][1]):
            return None  # the story is not told from one country
        return ranked[0][0]

    def read_sentence(self, sentence: Sentence, clause: Sentence, doc: Doc, timexes: list[Timex]) -> None:
        self.registry.begin_sentence(doc)
        for ent in doc.ents:
            people = demonym_country(ent.text) if ent.label_ == "NORP" else None  # "Syrian forces"
            place = locate(ent.text) if ent.label_ == "GPE" else locate(people) if people else None
            if place is not None and place.country:
                self.countries[place.country] += 1
        placed = place_timexes(doc, clause.start, timexes)
        found = [(t, tr) for t, tr in find_triggers(doc, self.lexicon) if not is_anchor_only(t)]
        ids = frozenset(t.i for t, _ in found)
        drafts: list[_Draft] = []
        for token, trigger in found:
            draft = self.draft(sentence, clause, token, trigger, placed, ids)
            if draft is not None:
                drafts.append(draft)
                drafts.extend(dyads(draft))
                visit = guest_visit(draft)
                if visit is not None:
                    drafts.append(visit)
                event = draft.mention.event
                partner = event.actor2 or event.other_actors.split(";")[0]
                if event.actor1 and partner:
                    self.last_pair = (event.actor1, partner)
                    self.pair_sentence = sentence.start
        by_token = {d.token.i: d for d in drafts}
        for draft in drafts:
            if draft.roles.agent_trigger is not None and not draft.mention.event.actor1:
                source = by_token.get(draft.roles.agent_trigger)
                if source is not None:
                    draft.mention.event.actor1 = source.mention.event.actor1
        survivors = self.merge_in_sentence(drafts)
        self.previous_sentence = sentence.start
        self.mentions.extend(d.mention for d in survivors)
        self.mentioned = last_mentioned_date(placed) or self.mentioned
        main = main_clause_date(doc, placed)
        own = [d.mention for d in survivors if d.mention.strength >= 3 and d.token.dep_ in ("ROOT", "nsubj", "dobj")]
        first = own[0].event if own else None
        if main is None and first is not None and first.date_start is not None and first.date_end is not None:
            main = DateChoice(first.date_start, first.date_end, first.time_precision, first.date_text,
                              first.date_rule, "narrative")
        if main is not None and main.precision in NARRATIVE_PRECISIONS:
            self.narrative = main
            self.story.restart(clause.text)
        self.story.places = {
            d.mention.family: d.mention.event.location
            for d in survivors if d.mention.event.location and d.mention.event.modality == "asserted"
        }
        self.story.town = self.registry.scene_towns[-1][1] if self.registry.scene_towns else ""
        self.story.initiators = {
            d.mention.family: d.mention.event.actor1
            for d in survivors if d.mention.event.actor1 and d.mention.event.modality == "asserted"
        }

    def headline(self) -> Sentence | None:
        """The article's title when its text does not hold it: read first, it only supports (and dates) what the
        story tells."""
        title = (self.article.title or "").strip()
        if not title or self.article.text.lstrip().startswith(title) or len(title) > self.settings.max_sentence_chars:
            return None
        return Sentence(-len(title) - 1, -1, title, -1)

    def title_timexes(self, headline: Sentence) -> list[Timex]:
        """The title's date expressions, placed at the title's (negative) offsets."""
        return [dataclasses.replace(t, start=t.start + headline.start, end=t.end + headline.start)
                for t in find_timexes(headline.text, self.article.published)]

    def pair_agents(self, sentence: Sentence) -> list[Actor]:
        """Who "they" are in a meeting or a call: the pair the story just named, else the group."""
        people = self.registry.recent_people[-2:]
        if self.last_pair and self.pair_sentence in (sentence.start, self.previous_sentence):
            return [Actor(self.last_pair[0]), Actor(self.last_pair[1])]
        if len(people) == 2:
            return [Actor(people[1]), Actor(people[0])]
        if self.last_pair:
            return [Actor(self.last_pair[0]), Actor(self.last_pair[1])]
        group = self.registry.last_group()
        return [Actor(group)] if group else []

    def is_headline(self, sentence: Sentence) -> bool:
        """A title, headline or caption line: it repeats the story and only supports events told in full."""
        text = sentence.text.strip()
        if self.article.title and text == self.article.title.strip():
            return True
        if CAPTION.search(text):
            return True
        return not text.endswith((".", "!", "?", '"', "”", "’", "'", ")"))

    def merge_in_sentence(self, drafts: list[_Draft]) -> list[_Draft]:
        """Force mentions of one sentence that govern one another ("struck ..., killing ten") are one event."""
        removed: set[int] = set()
        for inner in drafts:
            for outer in drafts:
                if inner.token.i == outer.token.i or id(outer) in removed or id(inner) in removed:
                    continue
                same_family = family_of(inner.trigger.event_type) == family_of(outer.trigger.event_type)
                if not same_family or inner.mention.event.modality != outer.mention.event.modality:
                    continue
                own_dates = min(inner.mention.strength, outer.mention.strength) >= 2
                if own_dates and not dates_agree(inner.mention.event, outer.mention.event):
                    continue  # "killed seven on Sunday when ... killed one on Monday": two events
                if inner.token.dep_ == "conj" and inner.trigger.event_type == outer.trigger.event_type:
                    continue
                if outer.token.i in [a.i for a in inner.token.ancestors] or inner.token.head.i == outer.token.i:
                    keep, drop = (inner, outer) if inner.mention.strength > outer.mention.strength else (outer, inner)
                    if inner.token.pos_ == "NOUN" and outer.token.pos_ != "NOUN" and inner.token.dep_ not in (
                        "appos", "attr", "dobj", "nsubj"
                    ) and inner.trigger.event_type != outer.trigger.event_type:
                        continue
                    absorb(keep.mention, drop.mention)
                    removed.add(id(drop))
        return [d for d in drafts if id(d) not in removed]

    def draft(
        self,
        sentence: Sentence,
        clause: Sentence,
        token: Token,
        trigger: Trigger,
        placed: list[PlacedTimex],
        ids: frozenset[int],
    ) -> _Draft | None:
        roles = roles_of(token, trigger, self.registry, ids)
        frame = event_types()[trigger.event_type].family.frame
        if roles.pair and not roles.agents and frame.mutual:  # elsewhere an unresolved "they" stays unnamed
            roles.agents = self.pair_agents(sentence)
        agents = _unique(roles.agents)
        patients = [p for p in _unique(roles.patients) if p not in agents]
        places = _unique([Actor(p.place_name) for p in roles.places])
        if not places and frame.targets_locate:
            places = _unique([Actor(a.place_name) for a in roles.patients if a.is_place])
        if not places and frame.targets_locate:
            places = _unique([Actor(a.place_name) for a in target_places(token, self.registry)])
        if not places and frame.targets_locate:
            places = _unique([Actor(a.place_name) for a in clause_places(token, self.registry, ids)])
        named_agent = any(a.named for a in roles.agents)
        named_counterpart = frame.named_counterpart_suffices and any(p.named for p in roles.patients)
        if trigger.named_actor and not named_agent and not named_counterpart:
            return None
        modality = modality_of(token)
        date = named_event_date(clause.text, token.idx, clause.start) or attach_date(
            token, placed, ids, self.anchor, self.narrative, self.article.published
        )
        if date is None and is_ongoing(token, self.lexicon.ongoing_verbs):
            return None  # "began targeting ships": a campaign with no date of its own is not one event
        published = self.article.published
        if date is None and is_generic_present(token) and not self.is_headline(sentence):
            return None  # "We strike whoever strikes us": a habit or a threat, not an event
        if date is None and is_summary(token):
            return None  # "despite all the attacks": every event of a kind, not one
        if date is None and is_habitual(token, self.lexicon.habitual_adverbs):
            return None  # "gun attacks occasionally pepper the patrols": a habit, not one event
        if date is None and is_present(token):
            date = report_date(token, placed) or (publication(published) if published else None)
        if date is None and self.narrative is not None and self.story.continued and (
            self.story.follows_origin or published is None
            or (self.narrative.precision in CHAINED_PRECISIONS and self.narrative.start >= published - RECENT)
        ):
            date = self.narrative.with_kind("narrative", "inherited-from-narrative")
        if date is None:
            date = report_date(token, placed)
        if date is None and self.article.published is not None:
            date = publication(self.article.published)
        if modality == "asserted" and date is not None and self.article.published is not None and \
                date.start > self.article.published:
            modality = "planned"
        sub, cameo = sub_type(token, trigger, [c for c in token.children if c.dep_ in ("nsubj", "agent", "dobj")],
                               self.lexicon)
        location = places[0] if places else ""
        if location and location in patients and frame.destination_is_not_target:
            patients.remove(location)
        actor1 = agents[0] if agents else ""
        if not actor1 and self.story.continued and is_agentless_passive(token):
            # "Troops opened fire on the march. Four people were killed."
            actor1 = self.story.initiators.get(family_of(trigger.event_type), "")
        actor2 = patients[0] if patients else ""
        others = [*agents[1:], *patients[1:]]
        event = Event(
            event_type=trigger.event_type,
            sub_event_type=sub,
            modality=modality,
            actor1=actor1,
            actor2=actor2,
            other_actors=";".join(o for o in others if o not in (actor1, actor2)),
            location=location,
            cameo_code="043" if trigger.host else cameo,
            source_sentence=sentence.text,
            char_start=sentence.start,
            char_end=sentence.end,
            source=self.article.source,
            source_title=self.article.title,
            source_url=self.article.url,
            pub_date=self.article.published,
            reported_by=reported_by(token, self.registry),
            trigger_start=clause.start + token.idx,
            trigger_end=clause.start + token.idx + len(token.text),
        )
        if date is None:
            event.date_rule = "undated"
        else:
            event.event_date = event.date_start = date.start
            event.date_end = date.end
            if date.kind in OWN_SENTENCE_KINDS and date.span is not None:
                event.date_char_start, event.date_char_end = date.span
            event.time_precision = date.precision
            event.date_text = date.text
            event.date_rule = date.rule
        if location:
            _place(event, location)
        digest = hashlib.sha1(
            f"{self.article.source}|{sentence.start}|{token.idx}|{trigger.event_type}".encode(), usedforsecurity=False
        )
        event.event_id = digest.hexdigest()[:16]
        nominal = token.pos_ in ("NOUN", "PROPN")
        supporting = self.is_headline(sentence)
        event.confidence = _confidence(date, event, nominal, named_agent) - (0.2 if supporting else 0.0)
        strength = 0 if supporting else date.strength if date else 0
        anaphoric = nominal and any(c.dep_ in ("det", "poss") and c.lower_ in DEFINITE for c in token.children)
        town = self.story.town if frame.targets_locate else ""
        hint = self.story.places.get(family_of(trigger.event_type), "") or town
        mention = Mention(event, strength, sentence.start * 1000 + token.i, nominal, supporting, anaphoric,
                          hint if self.story.continued else "")
        return _Draft(token, trigger, roles, mention)


def extract_with_timexes(article: Article, timexes: Sequence[Timex], settings: Settings = DEFAULTS) -> list[Event]:
    """Events of `article` given its date expressions (from `timeline.temporal.find_timexes`)."""
    return _ArticleExtractor(article, timexes, settings).run()
