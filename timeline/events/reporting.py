"""Reported speech: the verb that reports an event ("officials said ...", "according to ...") and the source it
names, which is the claim's source (`reported_by`), never the event's initiator."""

from __future__ import annotations

from typing import TYPE_CHECKING

from timeline.events.lexicon import modality_cues

if TYPE_CHECKING:
    from spacy.tokens import Token

CONTENT_DEPS = frozenset({"ccomp", "parataxis", "xcomp", "dobj", "conj"})
"""How the clause a verb of saying reports hangs on it ("said that ...", "said: ...")."""


def is_report(token: Token) -> bool:
    """A verb of saying or reporting ("said", "told", "according to"): its subject is a source, its date the
    report's."""
    return (token.pos_ in ("VERB", "AUX") and token.lemma_.lower() in modality_cues()["reporting_verbs"]) or (
        token.lower_ == "according"
    )


def reporting_verb(trigger: Token) -> Token | None:
    """The verb of saying whose reported content holds the trigger ("officials said [forces struck ...]")."""
    node = trigger
    for _ in range(12):
        if node.head is node:
            return None
        if node.dep_ in CONTENT_DEPS and is_report(node.head):
            return node.head
        node = node.head
    return None


def source_tokens(trigger: Token) -> list[Token]:
    """The words that name who reports the event: the subject of the verb of saying, or the object of an
    "according to" phrase in the event's sentence."""
    verb = reporting_verb(trigger)
    if verb is not None:
        subjects = [c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")]
        if subjects:
            return subjects
    according = [t for t in trigger.sent if t.lower_ == "according"]
    return [obj for a in according for prep in a.children if prep.lower_ == "to"
            for obj in prep.children if obj.dep_ == "pobj"]
