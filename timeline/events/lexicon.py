"""Vocabularies of the event stage, read once from timeline/resources/*.yaml (plus user alias files)."""

from __future__ import annotations

import functools
import os
import re
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any

import yaml

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
    weapon: bool = False
    named_actor: bool = False
    host: bool = False


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
    """Which sentences may hold a trigger: a word form, and for conditional triggers also a word they need."""

    unconditional: WordForms
    conditional: tuple[tuple[WordForms, WordForms], ...]

    def may_hold_trigger(self, text: str) -> bool:
        """True when `text` is worth parsing for events."""
        words = frozenset(_WORD.findall(text.lower()))
        if self.unconditional.found_in(words):
            return True
        return any(form.found_in(words) and needed.found_in(words) for form, needed in self.conditional)


@dataclass(frozen=True, slots=True)
class TriggerLexicon:
    """Triggers by (lemma, part of speech), the refining modifiers, weapon and accident words, a sentence filter."""

    by_lemma: dict[tuple[str, str], tuple[Trigger, ...]]
    modifiers: tuple[Modifier, ...]
    weapons: frozenset[str]
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
    demonyms: dict[str, str]
    aliases: dict[str, str]
    leading_title: re.Pattern[str]
    """One title at the start of a name, with the spaces after it, when a name follows."""


def _load(name: str) -> Any:
    text = resources.files("timeline").joinpath("resources", name).read_text(encoding="utf-8")
    return yaml.safe_load(text)


def _words(values: Any) -> frozenset[str]:
    return frozenset(str(v).lower() for v in (values or ()))


@functools.cache
def triggers() -> TriggerLexicon:
    """The trigger lexicon of resources/triggers.yaml."""
    data = _load("triggers.yaml")
    by_lemma: dict[tuple[str, str], list[Trigger]] = {}
    forms: set[str] = set()
    weapons = _words(data.get("weapons"))
    conditional: dict[frozenset[str], set[str]] = {}
    for entry in data["triggers"]:
        trigger = Trigger(
            lemma=str(entry["lemma"]).lower(),
            pos=str(entry["pos"]).upper(),
            event_type=str(entry["type"]),
            sub_event_type=str(entry["sub"]),
            cameo=str(entry["cameo"]),
            forms=tuple(str(f).lower() for f in entry.get("forms", [entry["lemma"]])),
            particle=str(entry.get("particle", "")).lower(),
            prep=_words(entry.get("prep")),
            prep_object=_words(entry.get("prep_object")),
            object=_words(entry.get("object")),
            not_object=_words(entry.get("not_object")),
            compound=_words(entry.get("compound")),
            weapon=bool(entry.get("weapon", False)),
            named_actor=bool(entry.get("named_actor", False)),
            host=bool(entry.get("host", False)),
        )
        by_lemma.setdefault((trigger.lemma, trigger.pos), []).append(trigger)
        needed = trigger.object | trigger.prep_object | trigger.compound | (
            weapons if trigger.weapon else frozenset()) | ({trigger.particle} if trigger.particle else set())
        if needed:
            conditional.setdefault(frozenset(needed), set()).update(trigger.forms)
        else:
            forms.update(trigger.forms)
    modifiers = tuple(
        Modifier(_words(m["words"]), str(m["sub"]), str(m["cameo"])) for m in data.get("modifiers", [])
    )
    sentence_filter = SentenceFilter(
        WordForms.of(forms),
        tuple((WordForms.of(group - forms), WordForms.of(needed)) for needed, group in conditional.items()
              if group - forms),
    )
    return TriggerLexicon(
        by_lemma={k: tuple(v) for k, v in by_lemma.items()},
        modifiers=modifiers,
        weapons=weapons,
        support_verbs=_words(data.get("support_verbs")),
        sentence_filter=sentence_filter,
        accidents=_words(data.get("accidents")),
    )


@functools.cache
def modality_cues() -> dict[str, frozenset[str]]:
    """Cue lemmas of resources/modality.yaml by cue kind."""
    return {key: _words(values) for key, values in _load("modality.yaml").items()}


def name_key(name: str) -> str:
    """A spelling-insensitive key: no accents, case, dots, hyphens or apostrophes; single spaces."""
    import unicodedata

    folded = unicodedata.normalize("NFKD", name)
    folded = "".join(c for c in folded if not unicodedata.combining(c)).lower()
    folded = folded.replace("ı", "i")
    folded = re.sub(r"[.'’`]", "", folded)
    return " ".join(re.sub(r"[-‐–_/]", " ", folded).split())


def alias_files() -> list[Path]:
    """User alias files named by the TIMELINE_ALIASES environment variable."""
    value = os.environ.get(ALIASES_ENV, "")
    return [Path(p) for p in value.split(os.pathsep) if p.strip()]


def read_alias_file(text: str) -> dict[str, str]:
    """Variant key -> canonical name from the text of an alias file."""
    data = yaml.safe_load(text) or {}
    table: dict[str, str] = {}
    for canonical, variants in (data.get("aliases") or {}).items():
        table[name_key(str(canonical))] = str(canonical)
        for variant in variants or ():
            table[name_key(str(variant))] = str(canonical)
    return table


@functools.cache
def actors() -> ActorLexicon:
    """Actor vocabulary of resources/actors.yaml and resources/aliases.yaml, extended by user alias files."""
    data = _load("actors.yaml")
    aliases = read_alias_file(resources.files("timeline").joinpath("resources", "aliases.yaml").read_text("utf-8"))
    for path in alias_files():
        try:
            aliases.update(read_alias_file(path.read_text(encoding="utf-8")))
        except (OSError, yaml.YAMLError, AttributeError) as exc:
            import sys

            print(f"error: {path}: cannot read alias file: {exc}", file=sys.stderr)
    titles = tuple(sorted((str(t) for t in data["titles"]), key=len, reverse=True))
    return ActorLexicon(
        titles=titles,
        role_nouns=_words(data.get("role_nouns")),
        group_nouns=_words(data.get("group_nouns")),
        person_nouns=_words(data.get("person_nouns")),
        place_nouns=_words(data.get("place_nouns")),
        demonyms={name_key(str(k)): str(v) for k, v in (data.get("demonyms") or {}).items()},
        aliases=aliases,
        leading_title=_leading_title_pattern(titles),
    )


def _leading_title_pattern(titles: tuple[str, ...]) -> re.Pattern[str]:
    """A title opening a name and the spaces after it, tried in the given order (longest first)."""
    alternatives = "|".join(re.escape(t) for t in titles)
    return re.compile(rf"(?:{alternatives}) +(?=\S)", re.IGNORECASE)
