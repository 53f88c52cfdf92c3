"""Vocabularies of the event stage: trigger words (event_types.yaml, event_lexicon.yaml), modality cues, actor
words and aliases (plus user alias files), read once and checked."""

from __future__ import annotations

import functools
import os
import re
import sys
import unicodedata
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from timeline import resources
from timeline.event_types import PREP_ROLES, EventType, event_types

ALIASES_ENV = "TIMELINE_ALIASES"
"""Environment variable naming extra alias files (same format as resources/aliases.yaml)."""


@dataclass(frozen=True, slots=True)
class Trigger:
    """One trigger word of the lexicon and the conditions under which it starts an event."""

    lemma: str
    pos: str
    event_type: str
    sub_event_type: str
    cameo: str
    forms: tuple[str, ...]
    particle: str = ""
    prep: frozenset[str] = frozenset()
    prep_object: frozenset[str] = frozenset()
    object: frozenset[str] = frozenset()
    not_object: frozenset[str] = frozenset()
    compound: frozenset[str] = frozenset()
    complement: frozenset[str] = frozenset()
    governor: frozenset[str] = frozenset()
    not_prep_object: frozenset[str] = frozenset()
    prep_place: bool = False
    object_place: bool = False
    """The direct object (or passive subject) must be a place or ground that is held ("captured the airport")."""
    weapon: bool = False
    named_actor: bool = False
    person_subject: bool = False
    not_infinitive: bool = False
    """The verb must not carry a to-infinitive: "called on the parties to refrain" is an appeal, not a visit."""
    host: bool = False
    dyadic: bool = False
    """One event per counterpart: "spoke with A and B" is two conversations."""
    guest_visits: str = ""
    """A type name: the guest of a hosting trigger also makes a visit of that type ("received X in Y")."""
    subject_role: str = ""
    prep_roles: tuple[tuple[str, str], ...] = ()

    @property
    def conditions(self) -> int:
        """How many conditions the entry sets: entries with more are tried first for the same word."""
        sets = (self.prep, self.prep_object, self.object, self.compound, self.complement, self.governor)
        flags = (self.particle, self.prep_place, self.object_place, self.weapon, self.person_subject)
        return sum(1 for s in sets if s) + sum(1 for f in flags if f)


@dataclass(frozen=True, slots=True)
class Modifier:
    """A word in a trigger's phrase that refines its sub-type ("missile strike")."""

    words: frozenset[str]
    sub_event_type: str
    cameo: str


_WORD = re.compile(r"\w+")


@dataclass(frozen=True, slots=True)
class WordForms:
    """Word forms to look for in a sentence; a form of several words is present when all its words are."""

    single: frozenset[str]
    several: tuple[frozenset[str], ...]

    @classmethod
    def of(cls, forms: set[str] | frozenset[str]) -> WordForms:
        """The forms, split into words (lower case)."""
        split = [frozenset(_WORD.findall(form.lower())) for form in forms]
        return cls(frozenset(w for words in split if len(words) == 1 for w in words),
                   tuple(words for words in split if len(words) > 1))

    def found_in(self, words: frozenset[str]) -> bool:
        """True when one of the forms is among `words`."""
        return not self.single.isdisjoint(words) or any(form <= words for form in self.several)


@dataclass(frozen=True, slots=True)
class SentenceFilter:
    """Which sentences may hold a trigger: a word form, for conditional triggers also a word they need, and for
    triggers that need a place after a preposition ("was in Lyon") the form, the preposition and a capital."""

    unconditional: WordForms
    conditional: tuple[tuple[WordForms, WordForms], ...]
    place_phrases: re.Pattern[str] | None = None

    def may_hold_trigger(self, text: str) -> bool:
        """True when `text` is worth parsing for events."""
        words = frozenset(_WORD.findall(text.lower()))
        if self.unconditional.found_in(words):
            return True
        if any(form.found_in(words) and needed.found_in(words) for form, needed in self.conditional):
            return True
        return self.place_phrases is not None and self.place_phrases.search(text) is not None


def place_phrase_pattern(phrases: dict[frozenset[str], set[str]]) -> re.Pattern[str] | None:
    """A form, at most three words, one of its prepositions and a capitalised word ("was also in Lyon")."""
    if not phrases:
        return None
    parts = [
        rf"(?i:\b(?:{'|'.join(sorted(map(re.escape, forms)))})\b(?:\s+\w+){{0,3}}?\s+(?:{'|'.join(sorted(preps))}))"
        for preps, forms in phrases.items()
    ]
    return re.compile(rf"(?:{'|'.join(parts)})\s+(?:(?i:the)\s+)?[A-Z]")


@dataclass(frozen=True, slots=True)
class TriggerLexicon:
    """Triggers by (lemma, part of speech), the refining modifiers, weapon and accident words, a sentence filter."""

    by_lemma: dict[tuple[str, str], tuple[Trigger, ...]]
    modifiers: tuple[Modifier, ...]
    refinable: frozenset[str]
    ongoing_verbs: frozenset[str]
    habitual_adverbs: frozenset[str]
    not_names: frozenset[str]
    weapons: frozenset[str]
    ground: frozenset[str]
    support_verbs: frozenset[str]
    sentence_filter: SentenceFilter
    accidents: frozenset[str] = frozenset()


@dataclass(frozen=True, slots=True)
class ActorLexicon:
    """Titles, role, group and place nouns, demonyms and aliases (variant key -> canonical name)."""

    titles: tuple[str, ...]
    role_nouns: frozenset[str]
    group_nouns: frozenset[str]
    person_nouns: frozenset[str]
    place_nouns: frozenset[str]
    town_nouns: frozenset[str]
    bodies: frozenset[str]
    demonyms: dict[str, str]
    aliases: dict[str, str]
    leading_title: re.Pattern[str]
    """One title at the start of a name, with the spaces after it, when a name follows."""


LEXICON_FILE = "event_lexicon.yaml"
MODALITY_FILE = "modality.yaml"
ACTORS_FILE = "actors.yaml"
ALIASES_FILE = "aliases.yaml"
TRIGGER_FIELDS = frozenset({"lemma", "pos", "sub", "cameo", "forms", "particle", "prep", "prep_object", "object",
                            "not_object", "compound", "complement", "governor", "not_prep_object", "prep_place",
                            "object_place", "weapon", "named_actor", "person_subject", "not_infinitive", "host",
                            "dyadic", "guest_visits", "roles"})
SUBJECT_ROLES = frozenset({"", "initiator", "target"})
POSITIONS = ("VERB", "NOUN")


def _trigger(entry: Any, event_type: EventType) -> Trigger:
    """One trigger entry of a type in event_types.yaml, checked."""
    unknown = set(entry) - TRIGGER_FIELDS if isinstance(entry, dict) else set()
    if unknown:
        resources.fail(entry, f"trigger of {event_type.name!r}: unknown fields {sorted(unknown)}")
    lemma = str(resources.field(entry, "lemma")).lower()
    pos = str(resources.field(entry, "pos")).upper()
    if pos not in POSITIONS:
        resources.fail(entry, f"trigger {lemma!r}: pos {pos!r} is not one of {list(POSITIONS)}")
    roles = entry.get("roles") or {}
    subject_role = str(roles.get("subject", ""))
    if not isinstance(roles, dict) or subject_role not in SUBJECT_ROLES:
        resources.fail(entry, f"trigger {lemma!r}: roles must map 'subject' to one of {sorted(SUBJECT_ROLES)} and "
                              "prepositions to roles")
    if entry.get("guest_visits") and entry["guest_visits"] not in event_types():
        resources.fail(entry, f"trigger {lemma!r}: guest_visits names no event type ({entry['guest_visits']!r})")
    for prep, role in roles.items():
        if prep != "subject" and role not in PREP_ROLES:
            resources.fail(entry, f"trigger {lemma!r}: role {role!r} of {prep!r} is not one of {sorted(PREP_ROLES)}")
    return Trigger(
        lemma=lemma,
        pos=pos,
        event_type=event_type.name,
        sub_event_type=str(resources.field(entry, "sub")),
        cameo=str(entry.get("cameo", event_type.cameo)),
        forms=tuple(str(f).lower() for f in entry.get("forms", [lemma])),
        particle=str(entry.get("particle", "")).lower(),
        prep=resources.words(entry.get("prep")),
        prep_object=resources.words(entry.get("prep_object")),
        object=resources.words(entry.get("object")),
        not_object=resources.words(entry.get("not_object")),
        compound=resources.words(entry.get("compound")),
        complement=resources.words(entry.get("complement")),
        governor=resources.words(entry.get("governor")),
        not_prep_object=resources.words(entry.get("not_prep_object")),
        prep_place=bool(entry.get("prep_place", False)),
        object_place=bool(entry.get("object_place", False)),
        weapon=bool(entry.get("weapon", False)),
        named_actor=bool(entry.get("named_actor", False)),
        person_subject=bool(entry.get("person_subject", False)),
        not_infinitive=bool(entry.get("not_infinitive", False)),
        host=bool(entry.get("host", False)),
        dyadic=bool(entry.get("dyadic", False)),
        guest_visits=str(entry.get("guest_visits", "")),
        subject_role=subject_role,
        prep_roles=tuple((str(p).lower(), str(r)) for p, r in roles.items() if p != "subject"),
    )


@functools.cache
def triggers() -> TriggerLexicon:
    """The trigger words of every type in event_types.yaml and the shared words of event_lexicon.yaml."""
    data = resources.load(LEXICON_FILE)
    by_lemma: dict[tuple[str, str], list[Trigger]] = {}
    forms: set[str] = set()
    weapons = resources.words(data.get("weapons"))
    conditional: dict[frozenset[str], set[str]] = {}
    place_phrases: dict[frozenset[str], set[str]] = {}
    for event_type in event_types().values():
        for entry in event_type.triggers:
            trigger = _trigger(entry, event_type)
            by_lemma.setdefault((trigger.lemma, trigger.pos), []).append(trigger)
            needed = trigger.object | trigger.prep_object | trigger.compound | trigger.complement | (
                weapons if trigger.weapon else frozenset()) | ({trigger.particle} if trigger.particle else set())
            if not needed and trigger.prep:
                needed = trigger.prep
            if trigger.prep_place:
                place_phrases.setdefault(trigger.prep, set()).update(trigger.forms)
            elif needed:
                conditional.setdefault(frozenset(needed), set()).update(trigger.forms)
            else:
                forms.update(trigger.forms)
    modifiers = tuple(
        Modifier(resources.words(resources.field(m, "words", list)), str(resources.field(m, "sub")),
                 str(resources.field(m, "cameo")))
        for m in resources.section(data, "modifiers", resources.display_path(LEXICON_FILE))
    )
    sentence_filter = SentenceFilter(
        WordForms.of(forms),
        tuple((WordForms.of(group - forms), WordForms.of(needed)) for needed, group in conditional.items()
              if group - forms),
        place_phrase_pattern({preps: group - forms for preps, group in place_phrases.items() if group - forms}),
    )
    return TriggerLexicon(
        by_lemma={k: tuple(sorted(v, key=lambda t: -t.conditions)) for k, v in by_lemma.items()},
        modifiers=modifiers,
        refinable=resources.words(data.get("refines")),
        ongoing_verbs=resources.words(data.get("ongoing_verbs")),
        habitual_adverbs=resources.words(data.get("habitual_adverbs")),
        not_names=resources.words(data.get("not_names")),
        weapons=weapons,
        ground=resources.words(data.get("ground")),
        support_verbs=resources.words(data.get("support_verbs")),
        sentence_filter=sentence_filter,
        accidents=resources.words(data.get("accidents")),
    )


@functools.cache
def modality_cues() -> dict[str, frozenset[str]]:
    """Cue lemmas of resources/modality.yaml by cue kind."""
    data = resources.load(MODALITY_FILE)
    if not isinstance(data, dict):
        resources.fail(data, "expected a mapping of cue kinds", resources.display_path(MODALITY_FILE))
    return {key: resources.words(values) for key, values in data.items()}


_KEY_DROPPED = re.compile(r"[.'’`]")
_KEY_SPACED = re.compile(r"[-‐–_/]")


@functools.lru_cache(maxsize=65536)
def name_key(name: str) -> str:
    """A spelling-insensitive key: no accents, case, dots, hyphens or apostrophes; single spaces."""
    folded = unicodedata.normalize("NFKD", name)
    folded = "".join(c for c in folded if not unicodedata.combining(c)).lower()
    folded = _KEY_DROPPED.sub("", folded.replace("ı", "i"))
    return " ".join(_KEY_SPACED.sub(" ", folded).split())


def alias_files() -> list[Path]:
    """User alias files named by the TIMELINE_ALIASES environment variable."""
    value = os.environ.get(ALIASES_ENV, "")
    return [Path(p) for p in value.split(os.pathsep) if p.strip()]


def alias_table(data: Any, file: str) -> dict[str, str]:
    """Variant key -> canonical name from the data of an alias file (`aliases:` canonical name -> variants)."""
    aliases = (data or {}).get("aliases") if isinstance(data or {}, dict) else None
    if not isinstance(aliases or {}, dict):
        resources.fail(data, "expected `aliases:` mapping canonical names to lists of variants", file)
    table: dict[str, str] = {}
    for canonical, variants in (aliases or {}).items():
        if not isinstance(variants or [], list):
            resources.fail(aliases, f"the variants of {canonical!r} must be a list", file)
        table[name_key(str(canonical))] = str(canonical)
        for variant in variants or ():
            table[name_key(str(variant))] = str(canonical)
    return table


@functools.cache
def actors() -> ActorLexicon:
    """Actor vocabulary of resources/actors.yaml and resources/aliases.yaml, extended by user alias files."""
    data = resources.load(ACTORS_FILE)
    aliases = alias_table(resources.load(ALIASES_FILE), resources.display_path(ALIASES_FILE))
    for path in alias_files():
        try:
            aliases.update(alias_table(resources.load_file(path), str(path)))
        except resources.ResourceError as exc:  # a user's broken alias file is reported, the bundled ones still hold
            print(f"error: {exc}", file=sys.stderr)
    titles = tuple(sorted((str(t) for t in resources.field(data, "titles", list)), key=len, reverse=True))
    outlets = tuple(str(o) for o in data.get("outlets") or [])
    return ActorLexicon(
        titles=titles,
        role_nouns=resources.words(data.get("role_nouns")),
        group_nouns=resources.words(data.get("group_nouns")),
        person_nouns=resources.words(data.get("person_nouns")),
        place_nouns=resources.words(data.get("place_nouns")),
        town_nouns=resources.words(data.get("town_nouns")),
        bodies=resources.words(data.get("bodies")),
        demonyms={name_key(str(k)): str(v) for k, v in (data.get("demonyms") or {}).items()},
        aliases=aliases,
        leading_title=_leading_title_pattern(tuple(sorted(titles + outlets, key=len, reverse=True))),
    )


def _leading_title_pattern(titles: tuple[str, ...]) -> re.Pattern[str]:
    """A title opening a name and the spaces after it, tried in the given order (longest first)."""
    alternatives = "|".join(re.escape(t) for t in titles)
    return re.compile(rf"(?:{alternatives}) +(?=\S)", re.IGNORECASE)
