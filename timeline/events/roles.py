"""Who did what to whom, and where: the participants of an event trigger read off the dependency parse."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from timeline.event_types import Frame, event_types
from timeline.events import lexicon
from timeline.events.actors import SCENE_PREPOSITIONS, Actor, ArticleActors, demonym_country, phrase_actor
from timeline.events.lexicon import Trigger
from timeline.events.reporting import CONTENT_DEPS, is_report, source_tokens

if TYPE_CHECKING:
    from spacy.tokens import Token

SUBJECT_DEPS = ("nsubj", "nsubjpass")
LEADING_VERB = "lead"
"""The participle that names the initiator of a nominal trigger in a compound modifier ("the US-led invasion")."""
INHERIT_DEPS = ("xcomp", "advcl", "conj", "pcomp")
PAIR_WORDS = frozenset({"two", "both", "sides", "leaders", "pair", "men", "women", "presidents", "countries",
                        "ministers", "governments", "rivals", "delegations", "neighbours", "neighbors", "allies"})


@dataclass
class Roles:
    """Participants of one event: initiators, targets or counterparts, and places."""

    agents: list[Actor] = field(default_factory=list)
    patients: list[Actor] = field(default_factory=list)
    places: list[Actor] = field(default_factory=list)
    agent_trigger: int | None = None
    pair: bool = False


def _conjoined(token: Token) -> list[Token]:
    return [token, *token.conjuncts]


def _actors(token: Token, registry: ArticleActors) -> list[Actor]:
    found = []
    for t in _conjoined(token):
        actor = phrase_actor(t, registry)
        if actor is not None and actor.name:
            found.append(actor)
            for modifier in (c for c in t.children if c.dep_ in ("amod", "compound") and c.conjuncts):
                for other in modifier.conjuncts:
                    country = demonym_country(other.text)
                    if country:
                        found.append(Actor(country))
    return found


def _is_pair(token: Token) -> bool:
    return token.lower_ in ("they", "both") or (token.lower_ in PAIR_WORDS and any(
        c.lower_ in ("two", "both") for c in token.children)) or (token.lower_ == "two" and any(
        c.lower_ == "the" for c in token.children))


def _governing_subject(token: Token) -> Token | None:
    """The subject of the verb governing a subject-less clause or a nominal trigger."""
    node = token
    for _ in range(8):
        if node.head is node:
            return None
        if node.dep_ == "pcomp" and node.head.lower_ in ("of", "for"):
            verb = node.head.head
            objects = [c for c in verb.children if c.dep_ == "dobj"]
            if objects:
                return objects[0]
        if node.dep_ == "acl" and node.tag_ in ("VBG", "TO"):
            return node.head
        if node.dep_ in CONTENT_DEPS and is_report(node.head):
            return None  # "officials said [five were killed]": the speakers are the source, not the initiator
        node = node.head
        if node.pos_ in ("VERB", "AUX"):
            subjects = [c for c in node.children if c.dep_ in SUBJECT_DEPS]
            if subjects:
                return subjects[0]
            if node.dep_ not in INHERIT_DEPS and node.dep_ != "acl":
                return None
    return None


def roles_of(token: Token, trigger: Trigger, registry: ArticleActors, trigger_ids: frozenset[int]) -> Roles:
    """The participants of the event whose trigger word is `token`."""
    roles = Roles()
    frame = event_types()[trigger.event_type].family.frame
    to_places = frame.object == "destination"
    children = list(token.children)
    if token.pos_ in ("VERB", "AUX"):
        for child in children:
            if child.dep_ == "nsubj":
                roles.pair = roles.pair or _is_pair(child)
                (roles.patients if trigger.subject_role == "target" else roles.agents).extend(_actors(child, registry))
            elif child.dep_ == "nsubjpass":
                passive = roles.agents if frame.passive_subject == "initiator" else roles.patients
                passive.extend(_actors(child, registry))
            elif child.dep_ == "agent":
                for obj in child.children:
                    if obj.dep_ == "pobj":
                        roles.agents += _actors(obj, registry)
            elif child.dep_ == "dobj":
                targets = _actors(child, registry)
                if to_places:
                    roles.places += [a for a in targets if a.is_place] or [
                        Actor(_phrase_text(child), is_place=True, named=False)]
                    roles.patients += [a for a in targets if not a.is_place]
                else:
                    roles.patients += targets
        inherits = token.dep_ in (*INHERIT_DEPS, "acl", "ccomp", "dep")
        if inherits and not any(c.dep_ in ("nsubj", "agent") for c in children):
            if token.dep_ == "acl" and token.tag_ == "VBN":
                weapons = lexicon.triggers().weapons
                if token.head.lower_ not in weapons:
                    roles.patients += _actors(token.head, registry)
            else:
                subject = _governing_subject(token)
                if subject is not None:
                    roles.agents += _subject_actors(roles, subject, trigger_ids, registry) or []
    else:
        for child in children:
            if child.dep_ == "poss" and child.pos_ == "PRON" and _governing_subject(token) is not None:
                subject = _governing_subject(token)
                if subject is not None and subject.i not in trigger_ids:
                    roles.pair = roles.pair or _is_pair(subject) or child.lower_ == "their"
                    roles.agents += _actors(subject, registry)
            elif child.dep_ in ("poss", "nsubj"):  # "NATO's strikes"; a misparsed "NATO airstrikes hit"
                roles.agents += _actors(child, registry)
            elif child.dep_ == "amod" and child.lemma_.lower() == LEADING_VERB:  # "the US-led invasion"
                roles.agents += [a for c in child.children if c.dep_ in ("npadvmod", "compound", "nmod")
                                 for a in _actors(c, registry)]
            elif child.dep_ in ("compound", "amod", "nmod") and child.i < token.i and not _capitalised_word(child):
                actor = phrase_actor(child, registry)
                if actor is not None and actor.name:
                    if actor.is_place and (to_places or child.ent_type_ in ("LOC", "FAC")):
                        roles.places.append(actor)
                    else:
                        roles.agents.append(actor)
        if not roles.agents:
            roles.agents += _claimants(token, registry)
        if not roles.agents and _carried(token, frame):
            subject = _governing_subject(token)
            actors = None if subject is None else _subject_actors(roles, subject, trigger_ids, registry)
            if actors is not None:
                roles.agents += actors or _carried_objects(token, registry)
                head = token.head
                if head.pos_ in ("VERB", "AUX") and token.dep_ == "dobj":
                    for obj in head.children:
                        if obj.dep_ in ("dobj", "dative") and obj.i != token.i:
                            roles.patients += _actors(obj, registry)
                        if obj.dep_ == "prep" and obj.lower_ in frame.counterpart_preps:
                            for pobj in obj.children:
                                if pobj.dep_ == "pobj":
                                    roles.patients += _actors(pobj, registry)
    if token.pos_ not in ("VERB", "AUX"):
        roles.places += _subject_places(token, registry)
        for clause in (c for c in children if c.dep_ == "relcl"):
            for prep in (c for c in clause.children if c.dep_ == "prep" and c.lower_ in frame.counterpart_preps):
                for obj in (c for c in prep.children if c.dep_ == "pobj"):
                    (roles.patients if roles.patients or roles.agents else roles.agents).extend(_actors(obj, registry))
    nominal = token.pos_ == "NOUN"
    own = dict(trigger.prep_roles)
    preps = {**frame.preps, **own}
    required = [obj for p in children if p.dep_ == "prep" and p.lower_ in trigger.prep for obj in p.children]
    for child in [*children, *(c for obj in required for c in obj.children), *_hung_on_names(token)]:
        role = preps.get(child.lower_) if child.dep_ == "prep" else None
        if role is None or (role in NOMINAL_ROLES and not nominal and child.lower_ not in own):
            continue
        for obj in (c for c in child.children if c.dep_ == "pobj"):
            _fill(roles, role, _actors(obj, registry), obj, registry)
    roles.places.sort(key=lambda a: not a.named)
    return roles


def _hung_on_names(token: Token) -> list[Token]:
    """Prepositions the parser hung on a proper name in the trigger's phrase; a name takes no complement, so they
    belong to the trigger ("the arrival in Deraa of a government delegation")."""
    return [p for prep in token.children if prep.dep_ == "prep" for name in prep.children
            if name.dep_ == "pobj" and name.pos_ == "PROPN" for p in name.children if p.dep_ == "prep"]


NOMINAL_ROLES = frozenset({"initiator", "part", "visitor_or_place"})
"""Roles a preposition gives only to a nominal trigger ("the attack by rebels"; a verb's by-phrase is its agent)."""


def _fill(roles: Roles, role: str, found: list[Actor], obj: Token, registry: ArticleActors) -> None:
    """Add the actors of a prepositional object to the roles its preposition gives (see event_types.yaml)."""
    places = [a for a in found if a.is_place]
    others = [a for a in found if not a.is_place]
    if role == "initiator":
        roles.agents += found
    elif role == "counterpart":
        roles.patients += found
    elif role == "person_counterpart":
        roles.patients += others
    elif role == "destination":
        roles.places += [a for a in found if not a.is_person]
        roles.patients += [a for a in found if a.is_person]
    elif role == "target":
        roles.patients += found
        roles.places += places
    elif role == "part":
        roles.patients += others
        roles.places += places
    elif role == "visitor_or_place":
        roles.agents[:0] = others  # the visitor comes before whoever a governing verb carries
        roles.places += places
    elif role == "target_or_place":
        roles.patients += others
        roles.places += places + _nested_places(obj, registry)
    elif role == "place":
        roles.places += places + _nested_places(obj, registry)


def _capitalised_word(token: Token) -> bool:
    """An ordinary word capitalised only because it opens the sentence ("Fierce fighting")."""
    return bool(token.is_sent_start) and token.pos_ == "ADJ" and demonym_country(token.text) is None


def reported_by(token: Token, registry: ArticleActors) -> str:
    """Who the sentence says reports the event ("the Syrian Observatory said ...", "according to officials")."""
    for source in source_tokens(token):
        actor = phrase_actor(source, registry)
        if actor is not None and actor.name:
            return actor.name
        if source.pos_ in ("NOUN", "PROPN"):
            return " ".join(t.text for t in source.subtree if t.dep_ not in ("det", "punct", "relcl", "acl")).strip()
    return ""


def _subject_actors(
    roles: Roles, subject: Token, trigger_ids: frozenset[int], registry: ArticleActors
) -> list[Actor] | None:
    """The actors of the subject governing a trigger; None when the subject is itself a trigger (noted in roles)."""
    roles.pair = roles.pair or _is_pair(subject)
    if subject.i in trigger_ids:
        roles.agent_trigger = subject.i
        return None
    return _actors(subject, registry)


CLAIM_VERBS = frozenset({"claim", "carry", "conduct", "stage", "launch", "mount", "perpetrate", "commit"})
"""Participles that give a nominal trigger its doer in a by-phrase ("an attack claimed by the TPLF")."""
RESPONSIBILITY_NOUNS = frozenset({"responsibility", "credit"})


def _claimants(token: Token, registry: ArticleActors) -> list[Actor]:
    """Who a nominal trigger is claimed by or done by: "an attack ..., claimed by the TPLF", "al-Shabaab claimed
    responsibility for the bombing", "the bombing of a post near Mosul by French forces" (the parser hangs the
    by-phrase inside the object)."""
    agents: list[Actor] = []
    for child in token.children:
        if child.dep_ == "acl" and child.lemma_.lower() in CLAIM_VERBS:
            agents += [a for by in child.children if by.dep_ == "agent" for o in by.children if o.dep_ == "pobj"
                       for a in _actors(o, registry)]
    if not agents and token.dep_ == "pobj" and token.head.lower_ == "for" and \
            token.head.head.lemma_.lower() in RESPONSIBILITY_NOUNS:
        verb = token.head.head.head
        agents += [a for s in verb.children if s.dep_ == "nsubj" for a in _actors(s, registry)]
    if not agents:
        agents += [a for by in _by_phrases_inside(token) for o in by.children if o.dep_ == "pobj"
                   for a in _actors(o, registry)]
    return agents


def _by_phrases_inside(token: Token) -> list[Token]:
    """By-phrases hung inside the trigger's of-object, not inside a clause or participle there."""
    found: list[Token] = []
    stack = [c for c in token.children if c.dep_ == "prep" and c.lower_ == "of"]
    while stack:
        node = stack.pop()
        for child in node.children:
            if child.dep_ == "prep" and child.lower_ == "by":
                found.append(child)
            elif child.dep_ in ("pobj", "prep", "compound", "amod"):
                stack.append(child)
    return found


def _carried(token: Token, frame: Frame) -> bool:
    """A nominal trigger whose initiator is the subject of the verb above it ("held talks", "flew in for talks")."""
    head = token.head
    if token.dep_ == "dobj":
        return head.lemma_.lower() in lexicon.triggers().support_verbs
    if token.dep_ in ("appos", "attr", "npadvmod"):
        return True
    if token.dep_ == "pobj" and head.head.lemma_.lower() in lexicon.triggers().support_verbs:
        return True
    if token.dep_ == "pobj":
        return head.lower_ in frame.carried_by
    return False


def target_places(token: Token, registry: ArticleActors) -> list[Actor]:
    """Places named inside the target's phrase: "a border post in Kiryat Shmona was hit"."""
    targets = [c for c in token.children if c.dep_ in ("dobj", "nsubjpass")]
    return [a for t in targets for a in _nested_places(t, registry)]


def _nested_places(token: Token, registry: ArticleActors) -> list[Actor]:
    """Places named inside a place phrase ("at a market in Kabul")."""
    found: list[Actor] = []
    for prep in (c for c in token.children if c.dep_ == "prep" and c.lower_ in ("in", "of", "near")):
        for obj in (c for c in prep.children if c.dep_ == "pobj"):
            found += [a for a in _actors(obj, registry) if a.is_place]
    return found


def _carried_objects(token: Token, registry: ArticleActors) -> list[Actor]:
    """The object of the verb that carries a nominal trigger when its subject is not an actor
    ("the flight carried a delegation led by Jared Kushner ... for talks")."""
    verb = token.head.head if token.dep_ == "pobj" else token.head
    if verb.pos_ not in ("VERB", "AUX"):
        return []
    found: list[Actor] = _actors(verb.head, registry) if verb.dep_ == "acl" else []
    for obj in (c for c in verb.children if c.dep_ == "dobj" and c.i != token.i):
        found += _actors(obj, registry)
    return found


def clause_places(token: Token, registry: ArticleActors, trigger_ids: frozenset[int]) -> list[Actor]:
    """Named places that set the scene of the clauses above the trigger, nearest first: "In Hama, a witness
    said troops opened fire", "A doctor in Misrata said eight civilians were killed"; failing those, the town
    named nearest to the trigger outside other events' phrases ("skirmishes on the road to the port of Brega")."""
    found: list[Actor] = []
    node = token
    for _ in range(8):
        if node.head is node:
            break
        node = node.head
        phrases = [c for c in node.children if c.dep_ == "prep" and c.lower_ in SCENE_PREPOSITIONS]
        if is_report(node):
            phrases += [p for s in node.children if s.dep_ == "nsubj" for p in s.children
                        if p.dep_ == "prep" and p.lower_ in SCENE_PREPOSITIONS]
        for prep in phrases:
            for obj in (c for c in prep.children if c.dep_ == "pobj"):
                found += [a for a in _actors(obj, registry) if a.is_place and a.named]
    return found or _nearest_town(token, registry, trigger_ids)


def _nearest_town(token: Token, registry: ArticleActors, trigger_ids: frozenset[int]) -> list[Actor]:
    """The town named as a scene ("in X", "near X") nearest the trigger, when no other event's phrase holds it."""
    others = [token.doc[i] for i in trigger_ids if i != token.i]
    taken = {t.i for other in others if token not in other.subtree for t in other.subtree}
    towns = [(abs(i - token.i), name) for i, name in registry.scene_towns if i not in taken]
    return [Actor(registry.canonical(min(towns)[1], "GPE"), is_place=True, place=min(towns)[1])] if towns else []


def _subject_places(token: Token, registry: ArticleActors) -> list[Actor]:
    """Places of the verb a nominal trigger is the subject of ("the tour began in Singapore", "explosions rocked
    Tripoli")."""
    if token.dep_ not in ("nsubj", "nsubjpass"):
        return []
    found = []
    for child in token.head.children:
        if child.dep_ == "prep" and child.lower_ in ("in", "at"):
            for obj in child.children:
                if obj.dep_ == "pobj":
                    found += [a for a in _actors(obj, registry) if a.is_place]
        if child.dep_ == "dobj":  # "explosions rocked Tripoli"
            found += [a for a in _actors(child, registry) if a.is_place]
    return found


def _phrase_text(token: Token) -> str:
    words = [t for t in token.subtree if t.dep_ not in ("det", "poss", "case") and t.i <= token.i]
    return " ".join(t.text for t in words)
