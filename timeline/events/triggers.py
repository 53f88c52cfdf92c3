"""Trigger words: which words of a parsed sentence start an event, by the lexicon's conditions on the parse,
and the sub-type a trigger's phrase gives it."""

from __future__ import annotations

from typing import TYPE_CHECKING

from timeline.event_types import event_types
from timeline.events.lexicon import Trigger, TriggerLexicon

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token


def matches(token: Token, trigger: Trigger, words: TriggerLexicon) -> bool:
    """The conditions of a lexicon entry hold for this occurrence."""
    children = list(token.children)
    if trigger.particle and not any(c.dep_ in ("prt", "prep", "advmod") and c.lower_ == trigger.particle
                                    and c.i > token.i for c in children):  # "On Monday, X called ..." has none
        return False
    if trigger.prep:
        preps = [c for c in [*children, *misattached_preps(token)]
                 if c.dep_ in ("prep", "advmod", "prt", "agent") and c.lower_ in trigger.prep]
        objects = [g for p in preps for g in p.children if g.dep_ in ("pobj", "pcomp")]
        if not preps:
            return False
        if trigger.prep_object and not any(
            g.lemma_.lower() in trigger.prep_object or g.lower_ in trigger.prep_object for g in objects
        ):
            return False
        if trigger.prep_place and not any(is_place(g) for g in objects):
            return False
        if trigger.not_prep_object and any(
            g.lemma_.lower() in trigger.not_prep_object or g.lower_ in trigger.not_prep_object for g in objects
        ):
            return False
    if trigger.complement and not any(
        c.lemma_.lower() in trigger.complement for c in children if c.dep_ not in ("nsubj", "nsubjpass", "dobj")
    ):
        return False
    if trigger.governor and not governed_by(token, trigger.governor):
        return False
    arguments = [c for c in children if c.dep_ in ("dobj", "nsubj", "nsubjpass", "attr")]
    arguments += [g for c in children if c.dep_ == "agent" for g in c.children]
    if token.dep_ == "acl":
        arguments.append(token.head)
    if trigger.object and not any(a.lemma_.lower() in trigger.object for a in arguments):
        return False
    if trigger.object_place and not any(
        is_place(a) or a.lemma_.lower() in words.ground for a in arguments if a.dep_ in ("dobj", "nsubjpass")
    ):
        return False
    modifiers = [c for c in children if c.dep_ in ("compound", "amod", "nmod") and c.i < token.i]
    if trigger.not_object and any(a.lemma_.lower() in trigger.not_object or a.lower_ in trigger.not_object
                                  for a in [*arguments, *modifiers]):
        return False
    if trigger.compound and not any(m.lower_ in trigger.compound for m in modifiers):
        return False
    subjects = [c for c in children if c.dep_ in ("nsubj", "nsubjpass")]
    if trigger.person_subject and not any(s.ent_type_ == "PERSON" or s.lower_ in PERSON_PRONOUNS for s in subjects):
        return False
    if trigger.not_infinitive and any(
        c.dep_ == "xcomp" and any(g.dep_ == "aux" and g.lower_ == "to" for g in c.children) for c in children
    ):
        return False
    event_type = event_types()[trigger.event_type]
    if event_type.family.frame.no_weapon_subject and any(s.lemma_.lower() in words.weapons for s in subjects):
        return False
    if event_type.not_accidental and _accidental(token, words.accidents):
        return False
    if trigger.weapon:
        weapons = words.weapons
        nearby = [*arguments, *(g for a in arguments for g in a.conjuncts)]
        if not any(a.lower_ in weapons or a.lemma_.lower() in weapons for a in nearby):
            return False
    return True


def misattached_preps(token: Token) -> list[Token]:
    """Prepositional phrases the parser hung on the verb's object or on a participle inside it that may belong to
    the verb ("hit a post used by Hezbollah near Tyre with artillery fire": "with" hangs on "used")."""
    found: list[Token] = []
    for obj in (c for c in token.children if c.dep_ == "dobj"):
        for child in obj.children:
            if child.dep_ == "prep":
                found.append(child)
            elif child.dep_ == "acl":
                found += [c for c in child.children if c.dep_ == "prep"]
    return found


PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})
PERSON_PRONOUNS = frozenset({"he", "she"})


def is_place(token: Token) -> bool:
    """The word names a place: a place entity, or the head of a phrase that holds one ("the city of Misrata")."""
    if token.ent_type_ in PLACE_LABELS:
        return True
    return any(t.ent_type_ in PLACE_LABELS for t in token.subtree if t.dep_ in ("compound", "pobj", "appos"))


def governed_by(token: Token, verbs: frozenset[str]) -> bool:
    """A nominal trigger is the object of one of `verbs`, directly or through a preposition ("held a call",
    "came under fire")."""
    head = token.head
    if token.dep_ in ("dobj", "nsubjpass", "attr") and head.lemma_.lower() in verbs:
        return True
    return token.dep_ == "pobj" and head.head.lemma_.lower() in verbs


def _accidental(token: Token, accidents: frozenset[str]) -> bool:
    """Deaths caused by an accident or a disaster: the subject of the verb, or the verb a participle hangs on
    ("the airliner crashed, killing all 176") and its subject, is an accident word."""
    causes = [c for c in token.children if c.dep_ == "nsubj"]
    if token.dep_ in ("advcl", "xcomp", "conj"):
        causes += [token.head, *(c for c in token.head.children if c.dep_ == "nsubj")]
    return any(c.lemma_.lower() in accidents for c in causes)


def find_triggers(doc: Doc, words: TriggerLexicon) -> list[tuple[Token, Trigger]]:
    """The words of `doc` that start an event, each with the first lexicon entry whose conditions hold."""
    found = []
    for token in doc:
        pos = "VERB" if token.pos_ in ("VERB", "AUX") else "NOUN" if token.pos_ in ("NOUN", "PROPN") else ""
        if not pos:
            continue
        for trigger in words.by_lemma.get((token.lemma_.lower(), pos), ()):
            if matches(token, trigger, words):
                found.append((token, trigger))
                break
    return found


def is_anchor_only(token: Token) -> bool:
    """A nominal trigger that only places another event in time ("before the talks", "on the eve of the summit")."""
    if token.pos_ not in ("NOUN", "PROPN") or token.dep_ != "pobj":
        return False
    prep = token.head
    if prep.lower_ in ("before", "until", "ahead", "pending"):
        return True
    if prep.lower_ == "of" and prep.head.lower_ in ("eve", "day", "sidelines", "margins", "start", "end", "run-up"):
        return prep.head.lower_ != "end"
    return prep.lower_ == "of" and prep.head.lower_ == "ahead"


def sub_type(token: Token, trigger: Trigger, roles_tokens: list[Token], words: TriggerLexicon) -> tuple[str, str]:
    """The sub-type and CAMEO code of an event: the trigger's own, or one a modifier in its phrase or its
    arguments' phrases gives ("missile strike", "drones struck")."""
    if not event_types()[trigger.event_type].refined_by_modifiers or trigger.sub_event_type not in words.refinable:
        return trigger.sub_event_type, trigger.cameo
    phrase = [token.lower_, *(c.lower_ for c in token.children)]
    for t in roles_tokens:
        phrase += [t.lower_, *(c.lower_ for c in t.children)]
    for modifier in words.modifiers:
        if any(w in modifier.words for w in phrase):
            return modifier.sub_event_type, modifier.cameo
    return trigger.sub_event_type, trigger.cameo
