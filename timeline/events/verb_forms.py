"""What the form of a trigger says about its event: news of the day, a habit, a doer left unsaid, an ongoing
campaign, or every event of a kind."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.tokens import Token


def is_present(token: Token) -> bool:
    """The event is told in the present or the present perfect ("has held talks", "troops are shelling"): news of
    the day the article is published, not of the day the previous sentences told."""
    verb = token if token.pos_ in ("VERB", "AUX") else token.head
    if verb.pos_ not in ("VERB", "AUX"):
        return False
    auxiliaries = {c.lower_ for c in verb.children if c.dep_ in ("aux", "auxpass")}
    return verb.tag_ in ("VBZ", "VBP") or bool(auxiliaries & {"has", "have", "is", "are", "'s", "'re"})


def is_generic_present(token: Token) -> bool:
    """The trigger is a verb in the simple present with no date of its own ("we attack whoever attacks us",
    "the army targets only militants"): what someone does in general, not an event."""
    return token.pos_ == "VERB" and token.tag_ in ("VBZ", "VBP") and not any(
        c.dep_ in ("aux", "auxpass") for c in token.children)


def is_agentless_passive(token: Token) -> bool:
    """A passive trigger with no by-phrase ("four people were killed"): its doer is the one the story just named."""
    return token.tag_ == "VBN" and any(c.dep_ == "auxpass" for c in token.children) and not any(
        c.dep_ == "agent" for c in token.children)


def is_ongoing(token: Token, verbs: frozenset[str]) -> bool:
    """The trigger is the -ing complement of a verb of beginning or continuing ("began targeting ships")."""
    return token.tag_ == "VBG" and token.dep_ in ("xcomp", "ccomp") and token.head.lemma_.lower() in verbs


def is_summary(token: Token) -> bool:
    """The trigger is a noun quantified by "all" ("despite all the attacks against him"): every such event, not one."""
    return token.pos_ == "NOUN" and any(c.lower_ == "all" and c.dep_ in ("det", "predet") for c in token.children)


HABIT_CARRIERS = frozenset({"nsubj", "nsubjpass", "dobj", "xcomp"})
"""How a trigger hangs on the verb whose adverb of frequency makes it a habit ("attacks occasionally pepper")."""


def is_habitual(token: Token, adverbs: frozenset[str]) -> bool:
    """An adverb of frequency governs the trigger ("rarely have they met", "snipers seldom get to shoot"): a habit,
    not one event."""
    holders = [token, token.head] if token.dep_ in HABIT_CARRIERS else [token]
    return any(c.dep_ == "advmod" and c.lower_ in adverbs for h in holders for c in h.children)
