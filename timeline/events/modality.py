"""Modality of an event mention: asserted, negated, planned or hypothetical, read off the dependency parse."""

from __future__ import annotations

from typing import TYPE_CHECKING

from timeline.events import lexicon

if TYPE_CHECKING:
    from spacy.tokens import Token

CLAUSE_STOPS = frozenset({"relcl", "acl", "parataxis", "appos"})
"""Dependencies across which a governing word's modality no longer applies."""


def word_lemmas(token: Token) -> frozenset[str]:
    """The token's lemma and the stems of its regular inflection: the tagger's lemma is wrong for some verbs
    ("hoped" -> "hop")."""
    word = token.lower_
    forms = {token.lemma_.lower(), word}
    if token.tag_ in ("VBD", "VBN") and word.endswith("ed"):
        forms |= {word[:-1], word[:-2]}
    return frozenset(forms)


def _has_own_subject(token: Token) -> bool:
    return any(c.dep_ in ("nsubj", "nsubjpass", "expl") for c in token.children)


def is_fronted_adjunct(node: Token) -> bool:
    """A prepositional phrase before its verb's subject sets the scene ("In phone calls on Saturday, he urged ..."):
    the verb's own wish or threat is about its complement, not about the scene."""
    subjects = [c.i for c in node.head.children if c.dep_ in ("nsubj", "nsubjpass")]
    return node.dep_ == "prep" and bool(subjects) and node.i < min(subjects)


def _node_modality(node: Token, is_trigger: bool, cues: dict[str, frozenset[str]], lexical: bool = True) -> str | None:
    """The modality a single word imposes on the event it governs (or is), or None."""
    lemma = node.lemma_.lower()
    for child in node.children:
        child_lemma = child.lemma_.lower()
        if child.dep_ == "neg":
            return "negated"
        if child.dep_ == "det" and child.lower_ in cues["negation_determiners"] and node.pos_ in ("NOUN", "PROPN"):
            return "negated"
        if child.dep_ == "det" and child.lower_ in cues["hypothetical_determiners"] and node.pos_ in ("NOUN", "PROPN"):
            return "hypothetical"
        if child.dep_ == "mark" and child.lower_ in cues["hypothetical_marks"]:
            return "hypothetical"
        if child.dep_ == "aux" and child.lower_ in cues["planned_aux"]:
            return "planned"
        if child.dep_ == "aux" and child.lower_ in cues["hypothetical_aux"]:
            return "hypothetical"
        if child.dep_ == "amod" and child.lower_ in cues["planned_adjectives"] and is_trigger:
            return "planned"
        if child.dep_ == "prt" and child.lower_ == "off" and lemma in ("call", "put"):
            return "negated"
        if child.dep_ == "aux" and child_lemma == "be" and node.tag_ == "VB" and any(
            c.dep_ == "aux" and c.lower_ == "to" for c in node.children
        ):
            return "planned"
    if not is_trigger and lexical:
        forms = word_lemmas(node)
        if forms & cues["cancel_verbs"]:
            return "negated"
        if forms & cues["planned_verbs"]:
            return "planned"
        if forms & cues["hypothetical_verbs"]:
            return "hypothetical"
    return None


def modality_of(trigger: Token) -> str:
    """asserted, negated, planned or hypothetical for the event whose trigger is `trigger`.

    The trigger and each word that governs it are checked in turn, up to a reporting verb ("said"),
    a subordinate clause of time ("since ...", "after ...") or a relative clause; reported claims
    stay asserted.
    """
    cues = lexicon.modality_cues()
    node = trigger
    is_trigger = True
    lexical = True
    for _ in range(12):
        if not is_trigger and node.lemma_.lower() in cues["reporting_verbs"] and node.pos_ in ("VERB", "AUX"):
            return "asserted"
        found = _node_modality(node, is_trigger, cues, lexical)
        if found:
            return found
        if node.dep_ == "ROOT" or node.head is node:
            return "asserted"
        if node.dep_ in CLAUSE_STOPS:
            governor = node.head.lemma_.lower()
            if node.dep_ == "acl" and governor in cues["planned_verbs"]:
                return "planned"
            if node.dep_ == "acl" and governor in cues["hypothetical_verbs"]:
                return "hypothetical"
            return "asserted"
        if node.dep_ == "advcl" and any(
            c.dep_ == "mark" and c.lower_ in cues["time_marks"] for c in node.children
        ):
            return "asserted"
        if node.dep_ == "pobj" and node.head.lower_ in cues["time_marks"]:
            return "asserted"
        if node.dep_ == "conj" and _has_own_subject(node):
            return "asserted"
        if node.dep_ in ("ccomp",) and _has_own_subject(node) and node.head.lemma_.lower() not in (
            cues["planned_verbs"] | cues["hypothetical_verbs"]
        ):
            return "asserted"
        lexical = not is_fronted_adjunct(node)
        node = node.head
        is_trigger = False
    return "asserted"
