"""Actor names: noun phrases -> canonical names (titles stripped, aliases, demonyms, in-article coreference)."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from timeline.events import lexicon
from timeline.events.geo import capital_of, locate
from timeline.events.lexicon import name_key

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

ACTOR_LABELS = frozenset({"PERSON", "ORG", "GPE", "NORP", "FAC", "LOC", "EVENT", "PRODUCT", "WORK_OF_ART"})
MISREAD_LABELS = frozenset({"EVENT", "PRODUCT", "WORK_OF_ART"})
"""Labels the small model sometimes gives to a person's name; read as PERSON when the name is known."""
PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})
NON_ACTOR_LABELS = frozenset({"DATE", "TIME", "CARDINAL", "ORDINAL", "QUANTITY", "MONEY", "PERCENT"})
QUANTITY_WORDS = frozenset({"hundreds", "thousands", "dozens", "scores", "tens", "millions", "some", "many", "most",
                            "several", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten"})
PERSON_PRONOUNS = frozenset({"he", "she", "him", "her", "his", "hers", "himself", "herself"})
GROUP_PRONOUNS = frozenset({"they", "them", "their", "theirs", "themselves", "it", "its"})


@dataclass(frozen=True, slots=True)
class Actor:
    """A resolved participant: its canonical name and whether it names a place."""

    name: str
    is_place: bool = False
    is_person: bool = False
    named: bool = True
    place: str = ""

    @property
    def place_name(self) -> str:
        """The name to use as a location: the place as written ("Moscow"), not the actor it stands for (Russia)."""
        return self.place or self.name


def strip_title(name: str) -> str:
    """`name` without leading titles and roles ("Gen. Kenneth McKenzie" -> "Kenneth McKenzie")."""
    text = _ARTICLE.sub("", name.strip())
    text = _POSSESSIVE.sub("", text).strip()
    leading_title = lexicon.actors().leading_title
    while match := leading_title.match(text):
        text = text[match.end() :]
    return text


_ARTICLE = re.compile(r"^(?:the|a|an)\s+", re.IGNORECASE)
_POSSESSIVE = re.compile(r"(?:'s|’s|')$")


def demonym_country(word: str) -> str | None:
    """The country or group a demonym or country abbreviation names ("Iranian" -> "Iran"); demonyms are written
    with a capital ("us" is a pronoun, "US" a country)."""
    if not word[:1].isupper():
        return None
    return lexicon.actors().demonyms.get(name_key(word))


@dataclass
class ArticleActors:
    """Canonical names within one article: full names seen so far, and the most recent persons and groups."""

    people: dict[str, str] = field(default_factory=dict)
    recent_people: list[str] = field(default_factory=list)
    recent_groups: list[str] = field(default_factory=list)
    descriptions: dict[str, str] = field(default_factory=dict)
    subjects: list[str] = field(default_factory=list)
    sentence_subjects: list[tuple[int, str]] = field(default_factory=list)
    group_subjects: list[tuple[int, str]] = field(default_factory=list)
    acronyms: dict[str, str] = field(default_factory=dict)
    subject_groups: list[str] = field(default_factory=list)
    """Groups earlier sentences had as their subject, latest last: what "its jets" and "their fighters" refer to."""
    towns: list[str] = field(default_factory=list)
    """Towns and cities named so far, latest last: what "the city" refers to."""
    sentence_towns: list[tuple[int, str]] = field(default_factory=list)
    scene_towns: list[tuple[int, str]] = field(default_factory=list)
    """Towns the current sentence names as a scene ("in Zawiyah", "near Brega")."""

    def learn_acronyms(self, text: str) -> None:
        """Remember the short forms an article defines ("the Baloch Liberation Army (BLA)"), so "BLA fighters"
        later names the same group."""
        for match in _ACRONYM_DEFINITION.finditer(text):
            name, short = match.group(1).strip(), match.group(2)
            if name.lower().startswith("the "):
                name = name[4:]
            self.acronyms.setdefault(short, self.canonical(name, "ORG"))

    def begin_sentence(self, doc: Doc) -> None:
        """Register the sentence's persons and note its person subjects (antecedents of later pronouns)."""
        self.subjects.extend(name for _, name in self.sentence_subjects)
        self.sentence_subjects = []
        self.towns.extend(name for _, name in self.sentence_towns)
        self.sentence_towns = [(e.root.i, e.text) for e in doc.ents if (
            e.label_ in PLACE_LABELS or (e.label_ in MISREAD_PLACE_LABELS and in_place_phrase(e.root))
        ) and _is_town(e.text)]
        self.scene_towns = [(root, name) for root, name in self.sentence_towns if is_scene(doc[root])]
        for _, name in self.group_subjects:
            self._remember(self.recent_groups, name)
            self._remember(self.subject_groups, name)
        self.group_subjects = []
        for token in doc:
            if token.dep_ in ("nsubj", "nsubjpass") and token.pos_ == "PROPN" and token.ent_type_ not in (
                "PERSON", "GPE", "NORP", "LOC", "FAC"
            ) and token.is_title and not demonym_country(token.text) and not _in_relative_clause(token):
                self.sentence_subjects.append((token.i, self.canonical(token.text, "PERSON")))
        table = lexicon.actors()
        for token in doc:
            if token.dep_ == "nsubj" and token.lemma_.lower() in table.group_nouns and not _in_relative_clause(token):
                group = phrase_actor(token, self)
                if group is not None and group.named and not group.is_person:
                    self.group_subjects.append((token.i, group.name))
        for ent in doc.ents:
            if ent.label_ not in ("PERSON", "ORG", "NORP", "GPE", *MISREAD_LABELS):
                continue
            actor = _entity_actor(ent, self)
            if _in_relative_clause(ent.root):
                continue
            if ent.root.dep_ in ("nsubj", "nsubjpass") or any(
                t.dep_ in ("nsubj", "nsubjpass") for t in ent.root.conjuncts
            ):
                if actor.is_person:
                    self.sentence_subjects.append((ent.start, actor.name))
                else:
                    self.group_subjects.append((ent.start, actor.name))

    def town_before(self, token: Token) -> str | None:
        """The town or city a definite "the city" refers to: the latest one named before it."""
        earlier = [n for i, n in self.sentence_towns if i < token.i]
        return earlier[-1] if earlier else self.towns[-1] if self.towns else None

    def group_in_sentence(self, token: Token) -> str | None:
        """The group a they/their pronoun refers to when its own sentence named one as a subject before it."""
        earlier = [n for i, n in self.group_subjects if i < token.i]
        return earlier[-1] if earlier else None

    def note_subject(self, name: str) -> None:
        """Remember a person named as the subject of an unparsed sentence."""
        self.subjects.extend(n for _, n in self.sentence_subjects)
        self.sentence_subjects = []
        self.subjects.append(self.canonical(name, "PERSON"))

    def note_towns(self, text: str, not_names: frozenset[str]) -> None:
        """Remember the towns an unparsed sentence names (what a later "the city" refers to)."""
        self.towns.extend(name for _, name in self.sentence_towns)
        self.sentence_towns = []
        self.towns.extend(w for w in _CAPITALISED.findall(text) if w.lower() not in not_names and _is_town(w))

    def note_group(self, name: str) -> None:
        """Remember a group named as the subject of an unparsed sentence ("The Israeli army has moved ...")."""
        self._remember(self.recent_groups, name)
        self._remember(self.subject_groups, name)

    def antecedent(self, token: Token) -> str | None:
        """The person a he/she/his/her pronoun refers to: the latest person subject before it."""
        own_subjects = {c.i for c in token.head.children if c.dep_ in ("nsubj", "nsubjpass")}
        earlier = [n for i, n in self.sentence_subjects if i < token.i and (
            token.dep_ in ("nsubj", "nsubjpass", "poss") or i not in own_subjects)]
        if earlier:
            return earlier[-1]
        if self.subjects:
            return self.subjects[-1]
        return self.last_person()

    def canonical(self, text: str, label: str = "") -> str:
        """The canonical name of an entity mention, registering persons for later short mentions."""
        table = lexicon.actors()
        bare = strip_title(text)
        if not bare:
            return ""
        if bare in self.acronyms:
            return self.acronyms[bare]
        key = name_key(bare)
        if key in table.aliases:
            name = table.aliases[key]
        elif label == "NORP" or (key in table.demonyms and label not in ("PERSON",)):
            name = table.demonyms.get(key, bare)
        else:
            name = bare
        if label == "PERSON" or name in self.recent_people or (label != "GPE" and name_key(name) in self.people):
            name = self._person(name)
        elif label in ("ORG", "NORP"):
            self._remember(self.recent_groups, name)
        return name

    def _person(self, name: str) -> str:
        key = name_key(name)
        words = key.split()
        if len(words) >= 2:
            self.people.setdefault(key, name)
            full = self.people[key]
            self.people.setdefault(words[-1], full)
        else:
            full = self.people.get(key) or next(
                (p for p in reversed(self.recent_people) if key in name_key(p).split()), name
            )
        self._remember(self.recent_people, full)
        return full

    @staticmethod
    def _remember(recent: list[str], name: str) -> None:
        if name in recent:
            recent.remove(name)
        recent.append(name)

    def describe(self, name: str, description: str) -> None:
        """Remember the words that introduced a person ("Chinese President") for role descriptions."""
        self.descriptions[name] = description.lower()

    def by_role(self, head: str, modifiers: list[str]) -> str | None:
        """The person a definite description refers to ("the Chinese leader" -> the latest Chinese leader)."""
        wanted = {name_key(m) for m in modifiers}
        countries = {demonym_country(m) for m in modifiers} - {None}
        title_words = {w for t in lexicon.actors().titles for w in name_key(t).split()}
        rank = wanted & title_words  # "the vice president" is not the president
        for person in reversed(self.recent_people):
            description = self.descriptions.get(person, "")
            words = set(name_key(description).split())
            nation = {demonym_country(w) for w in words} - {None}
            if countries and not countries & nation and not wanted & words:
                continue
            if rank - words:
                continue
            if head in words or head in ("leader", "guest", "host", "counterpart", "diplomat", "official") or (
                not description and not countries
            ):
                return person
        return None

    def last_person(self) -> str | None:
        """The most recently mentioned person."""
        return self.recent_people[-1] if self.recent_people else None

    def last_group(self) -> str | None:
        """The most recently mentioned organisation or group."""
        return self.recent_groups[-1] if self.recent_groups else None

    def possessor_group(self) -> str | None:
        """The group a possessive "its" or "their" outside its own sentence's subjects refers to: the latest group
        subject of an earlier sentence, else the latest group named."""
        return self.subject_groups[-1] if self.subject_groups else self.last_group()


def _in_relative_clause(token: Token) -> bool:
    """True inside a relative clause ("Shoigu, whose dismissal Prigozhin had demanded, ...")."""
    return any(a.dep_ == "relcl" for a in token.ancestors)


def entity_of(token: Token) -> Span | None:
    """The named entity of an actor-like label that contains `token`, if any."""
    if token.ent_type_ in ACTOR_LABELS:
        for ent in token.doc.ents:
            if ent.start <= token.i < ent.end:
                return ent
    return None


def phrase_actor(token: Token, registry: ArticleActors) -> Actor | None:
    """The actor a noun phrase headed by `token` names, or None (weapons, numbers, unknown words)."""
    table = lexicon.actors()
    weapons = lexicon.triggers().weapons
    lower = token.lower_
    if token.ent_type_ in NON_ACTOR_LABELS and not (token.like_num or lower in QUANTITY_WORDS):
        return None
    if lower in PERSON_PRONOUNS:
        person = registry.antecedent(token)
        return Actor(person, is_person=True) if person else None
    if lower in RELATIVE_PRONOUNS and token.head.dep_ == "relcl" and token.head.head.i != token.i:
        return phrase_actor(token.head.head, registry)  # "Obama, who had a meeting with ..."
    if lower in GROUP_PRONOUNS:
        group = registry.group_in_sentence(token)
        return Actor(group) if group else None
    if (token.like_num or lower in QUANTITY_WORDS) and token.dep_ != "pobj":
        for prep in token.children:
            if prep.dep_ == "prep" and prep.lower_ == "of":
                for obj in prep.children:
                    if obj.dep_ == "pobj":
                        return phrase_actor(obj, registry)
    if lower in table.place_nouns:
        appositives = [c for c in token.children if c.dep_ == "appos" and c.pos_ == "PROPN"]
        if appositives:  # "Syria's second city, Aleppo"
            first = appositives[0]
            called = " ".join(t.text for t in first.subtree if t.dep_ in ("compound", "flat") or t.i == first.i)
            return Actor(registry.canonical(called, "GPE"), is_place=True, place=called)
        capital = _named_capital(token)
        if capital:  # "the Libyan capital", "Syria's capital"
            return Actor(registry.canonical(capital, "GPE"), is_place=True, place=capital)
        town = registry.town_before(token) if _refers_back(token, table.town_nouns) else None
        if town:  # "the western city" after "the rebel-held city of Misrata"
            return Actor(registry.canonical(town, "GPE"), is_place=True, place=town)
    chain = _person_chain(token) or _titled_name(token)
    if chain:
        return Actor(registry.canonical(chain, "PERSON"), is_person=True)
    if token.pos_ == "NOUN" and token.is_title and name_key(token.text) in registry.people:
        return Actor(registry.canonical(token.text, "PERSON"), is_person=True)  # a known surname tagged as a noun
    ent = entity_of(token)
    if ent is not None:
        return _entity_actor(ent, registry)
    for child in token.children:
        if child.dep_ == "acl" and child.lemma_.lower() in HOLDER_VERBS:  # "a delegation led by", "areas held by"
            for agent in (c for c in child.children if c.dep_ == "agent"):
                for obj in (c for c in agent.children if c.dep_ == "pobj"):
                    leader = phrase_actor(obj, registry)
                    if leader is not None:
                        return leader
    appositions = [t for t in token.subtree if t.dep_ == "appos" and entity_of(t) is not None
                   and (t.head.i == token.i or t.head.head.head.i == token.i)]
    if appositions and token.pos_ != "PROPN":
        return phrase_actor(appositions[0], registry)
    for child in token.children:
        if child.dep_ == "prep" and child.lower_ in ("of", "from") and token.pos_ == "NOUN":
            table = lexicon.actors()
            members = table.role_nouns | table.person_nouns | table.group_nouns
            member = token.lemma_.lower() in members or lower in members
            if child.lower_ == "from" and not member:
                continue
            for obj in child.children:
                named = entity_of(obj)
                if obj.dep_ == "pobj" and named is not None and lower in table.place_nouns:
                    return Actor(registry.canonical(named.text), is_place=True)
                if obj.dep_ == "pobj" and named is not None and (named.label_ in PLACE_LABELS or member):
                    return _entity_actor(named, registry)
                if obj.dep_ == "pobj" and member:
                    inner = phrase_actor(obj, registry)
                    if inner is not None and inner.named:
                        return inner
    left = [t for t in token.subtree if t.i < token.i]
    modifiers = sorted((c for c in left if c.dep_ in ("compound", "amod", "poss", "nmod")),
                       key=lambda c: (c.dep_ == "poss", c.head.i != token.i))
    is_weapon = lower in weapons or token.lemma_.lower() in weapons
    name = None if is_weapon else _name_before(token, registry)
    if name:
        return Actor(name)
    if not is_weapon and (lower in table.group_nouns or lower in table.person_nouns) and any(
        c.dep_ == "poss" and c.lower_ in ("its", "their") for c in token.children
    ):
        group = registry.group_in_sentence(token) or registry.possessor_group()
        if group:
            return Actor(group)
    for child in [] if is_weapon else modifiers:
        ent = entity_of(child)
        if ent is not None and ent.label_ == "NORP" and demonym_country(ent.text) is None and child.dep_ == "amod" \
                and {lower, token.lemma_.lower()} & (table.group_nouns | table.person_nouns | table.role_nouns):
            return Actor(f"{ent.text} {token.text}")  # "African presidents": a group no one country stands for
        if ent is not None:
            return _entity_actor(ent, registry)
        country = demonym_country(child.text) or demonym_country(re.sub(r"-\w+$", "", child.text))
        if country and not child.text.lower().endswith(("-aligned", "-backed", "-led", "-run", "-held")):
            return Actor(country)
    if token.pos_ == "PROPN" and not is_weapon:
        place = locate(token.text) if token.ent_type_ in ("", "PERSON", "ORG") and in_place_phrase(token) else None
        if place is not None:
            return Actor(registry.canonical(token.text, "GPE"), is_place=True, place=token.text)
        return Actor(registry.canonical(token.text), named=True)
    if demonym_country(token.text):
        return Actor(str(demonym_country(token.text)))
    if lower in weapons or token.lemma_.lower() in weapons:
        if any(c.dep_ == "poss" and c.lower_ in ("its", "their") for c in token.children):
            group = registry.group_in_sentence(token) or registry.possessor_group()
            if group:
                return Actor(group)
        for child in modifiers:
            named = entity_of(child)
            if named is not None and named.label_ in ("NORP", "GPE", "ORG") and child.lower_ not in weapons:
                return _entity_actor(named, registry)
            if named is None and child.pos_ == "PROPN" and child.lower_ not in weapons and not child.is_sent_start:
                return Actor(registry.canonical(child.text, "ORG"))  # "RSF drones"
            country = demonym_country(child.text)
            if country:
                return Actor(country)
        for child in token.children:
            if child.dep_ == "acl":
                for agent in (c for c in child.children if c.dep_ == "agent"):
                    for obj in (c for c in agent.children if c.dep_ == "pobj"):
                        return phrase_actor(obj, registry)
                for prep in child.children:
                    if prep.dep_ == "prep" and prep.lower_ == "from":
                        for obj in prep.children:
                            if obj.dep_ == "pobj":
                                return phrase_actor(obj, registry)
        return None
    if lower in table.group_nouns and any(c.lower_ == "the" for c in token.children):
        group = registry.last_group()
        if group:
            return Actor(group)
    if lower in table.role_nouns or token.lemma_.lower() in table.role_nouns:
        described = [c.text for c in modifiers]
        person = registry.by_role(token.lemma_.lower(), described)
        if person:
            return Actor(person, is_person=True)
    if lower in table.bodies or token.lemma_.lower() in table.bodies:
        return Actor(_common_phrase(token))  # "a three-member panel", "the AU delegation": one identifiable body
    if lower in table.person_nouns or token.lemma_.lower() in table.person_nouns:
        return Actor(_common_phrase(token), named=False)
    return None


def is_scene(token: Token) -> bool:
    """The name stands where something happens: the object of a preposition of place, directly or inside the
    phrase it names ("in the eastern town of Ajdabiyah", "across Tajoura district")."""
    node = token
    for _ in range(4):
        if node.dep_ == "pobj" and node.head.lower_ in SCENE_PREPOSITIONS:
            return True
        if node.dep_ == "pobj" and node.head.lower_ == "of" and node.head.head.lower_ in lexicon.actors().place_nouns:
            node = node.head.head
        elif node.dep_ in ("compound", "appos"):
            node = node.head
        else:
            return False
    return False


def _is_town(name: str) -> bool:
    """The gazetteer knows the name as a town or city (not a country)."""
    place = locate(name)
    return place is not None and place.latitude is not None


def _named_capital(token: Token) -> str | None:
    """The city "the Libyan capital" or "Syria's capital" names."""
    if token.lower_ != "capital":
        return None
    for child in token.children:
        country = demonym_country(child.text) if child.dep_ in ("amod", "compound", "poss") else None
        capital = capital_of(country) if country else None
        if capital:
            return capital
    return None


def _refers_back(token: Token, town_nouns: frozenset[str]) -> bool:
    """A definite town noun with no name of its own ("the city", "the besieged western town")."""
    children = list(token.children)
    definite = any(c.dep_ == "det" and c.lower_ in ("the", "this", "that") for c in children)
    named = any(c.dep_ in ("prep", "appos", "compound") for c in children)
    return token.lower_ in town_nouns and definite and not named


HOLDER_VERBS = frozenset({"lead", "head", "command", "hold", "control", "occupy", "run"})
"""Participles whose by-phrase names who a phrase stands for."""
RELATIVE_PRONOUNS = frozenset({"who", "which", "that"})
"""Subjects of a relative clause, standing for the noun the clause describes."""
MISREAD_PLACE_LABELS = frozenset({"PERSON", "ORG", "NORP"})
"""Labels the small model gives some town names ("the city of Misrata" as a person)."""
SCENE_PREPOSITIONS = frozenset({"in", "at", "near", "outside", "inside", "around", "across", "along"})
"""Prepositions whose object is where something happens (not where it heads: "to", "on", "towards")."""
PLACE_PREPOSITIONS = frozenset({"in", "at", "near", "outside", "inside", "around", "of", "into", "to", "from",
                                "across"})


def in_place_phrase(token: Token) -> bool:
    """The word stands where a place is expected: the object of a preposition of place or direction."""
    return token.dep_ == "pobj" and token.head.lower_ in PLACE_PREPOSITIONS


def _name_before(token: Token, registry: ArticleActors) -> str | None:
    """The organisation a run of capitalised words before a common noun names ("Islamic State militants",
    "TPLF fighters"), when it is longer than one word or a short form the article defined."""
    run: list[Token] = []
    for t in reversed(list(token.doc[max(0, token.i - 6) : token.i])):
        if t.dep_ not in ("compound", "amod", "nmod") or not (t.is_title or t.is_upper) or t.head.i not in (
            token.i, *(r.i for r in run)
        ):
            break
        run.insert(0, t)
    if not run:
        return None
    text = " ".join(t.text for t in run)
    if len(run) == 1 and text not in registry.acronyms:
        return None
    if len(run) > 1 and any(t.ent_type_ == "PERSON" for t in run):
        return None
    return registry.canonical(text, "ORG")


_PHRASE_SKIP = frozenset({"det", "nummod", "quantmod", "predet", "case", "punct", "poss", "advmod"})


def _common_phrase(token: Token) -> str:
    """A common noun actor with the words that say which one ("pro-government forces", "security guards")."""
    words = [t for t in token.subtree if t.i < token.i and t.dep_ not in _PHRASE_SKIP and not t.like_num
             and t.lower_ not in QUANTITY_WORDS]
    first = min((t.i for t in words), default=token.i)
    span = [t for t in token.doc[first : token.i + 1] if t.dep_ not in ("det", "nummod", "quantmod", "predet")]
    return "".join(t.text_with_ws for t in span).strip().lower()


NAME_PARTICLES = frozenset({"von", "van", "der", "de", "den", "da", "di", "du", "la", "le", "al", "el", "bin", "ibn"})


def _person_chain(token: Token) -> str | None:
    """A person's name the model split into several entities ("Ursula von" + "Leyen"), read off the compounds."""
    if token.pos_ != "PROPN":
        return None
    words = [t for t in token.subtree if (t.i <= token.i and t.dep_ in ("compound", "flat")) or t.i == token.i]
    start = token.i
    for t in sorted(words, key=lambda t: -t.i):
        if t.i == start - 1 and (t.is_title or t.lower_ in NAME_PARTICLES):
            start = t.i
    span = token.doc[start : token.i + 1]
    labels = {t.ent_type_ for t in span}
    if len(span) < 3 or "PERSON" not in labels or labels <= {"PERSON"} or not any(
        t.lower_ in NAME_PARTICLES for t in span
    ):
        return None
    titles = {t.lower() for t in lexicon.actors().titles}
    last_title = max((i for i, t in enumerate(span) if t.lower_ in titles), default=-1)
    return strip_title(span[last_title + 1 :].text)


def _joins_name(word: Token, start: int, end: int) -> bool:
    """The word before a name's first word belongs to its run of capitalised words and hyphens."""
    return word.dep_ in ("compound", "punct") and start <= word.head.i <= end and (word.is_title or word.text == "-")


def _titled_name(token: Token) -> str | None:
    """A name the model did not label, read after the title before it ("NATO Secretary-General Florian
    Richter")."""
    if token.pos_ != "PROPN" or token.ent_type_ not in ("", "NORP"):
        return None
    start = token.i
    while start > 0 and _joins_name(token.doc[start - 1], start, token.i):
        start -= 1
    titles = {t.lower() for t in lexicon.actors().titles}
    span = token.doc[start : token.i + 1]
    last_title = max((i for i, t in enumerate(span) if t.lower_ in titles), default=-1)
    words = list(span[last_title + 1 :])
    if last_title < 0 or not 2 <= len(words) <= 3 or any(demonym_country(t.text) for t in words):
        return None
    return " ".join(t.text for t in words)


def _extended(ent: Span) -> Span:
    """The entity with a hyphenated tail the model left out ("Yoon Suk" + "-yeol", but not the participle of
    "US-led") and without a preposition it ran on into ("Hama of")."""
    doc, end = ent.doc, ent.end
    while end + 1 < len(doc) and doc[end].text == "-" and not doc[end - 1].whitespace_ and not doc[end].whitespace_ \
            and doc[end + 1].pos_ != "VERB":
        end += 2
    while end - 1 > ent.start and doc[end - 1].pos_ in ("ADP", "DET", "CCONJ", "PUNCT") and doc[end - 1].text != ".":
        end -= 1
    return doc[ent.start : end] if end != ent.end else ent


def _entity_actor(ent: Span, registry: ArticleActors) -> Actor:
    label = ent.label_
    ent = _extended(ent)
    if label in MISREAD_LABELS:
        known = name_key(strip_title(ent.text)) in registry.people
        label = "PERSON" if known or (len(ent) <= 3 and all(t.is_title for t in ent)) else "ORG"
    name = registry.canonical(ent.text, label)
    if label == "PERSON":
        start = ent.start
        words: list[str] = []
        while start > 0 and ent.doc[start - 1].is_title and ent.doc[start - 1].ent_type_ in ("", "NORP", "ORG"):
            start -= 1
            words.insert(0, ent.doc[start].text)
        if words:
            registry.describe(name, " ".join(words))
    is_place = label in PLACE_LABELS
    return Actor(name, is_place=is_place, is_person=label == "PERSON", place=strip_title(ent.text) if is_place else "")


_ACRONYM_DEFINITION = re.compile(
    r"((?:[A-Z][\w'’.-]*(?:\s+(?:of|the|for|and|de|al)\b)*\s+){1,7}[A-Z][\w'’.-]*)\s+\(([A-Z][A-Z0-9-]{1,7})\)"
)
"""A name of several capitalised words followed by its short form in brackets."""

_LEADING_WORDS = re.compile(r"^((?:[A-Z][\w'’.-]*\s+)+)[a-z]")


_CAPITALISED = re.compile(r"(?<![\w'’-])[A-Z][a-z][\w'’-]+")
_LEADING_GROUP = re.compile(r"^(?:The\s+)?([A-Z][\w'’.-]*)\s+([a-z]+)\b")


def leading_group(sentence: str) -> str | None:
    """The country or group whose forces open a sentence ("The Israeli army ...", "Houthi fighters ...")."""
    match = _LEADING_GROUP.match(sentence)
    table = lexicon.actors()
    if not match or match.group(2) not in table.group_nouns | table.person_nouns:
        return None
    return demonym_country(match.group(1))


def leading_name(sentence: str) -> str | None:
    """The person name opening a sentence ("President Volodymyr Zelensky declared ..."), if it looks like one."""
    match = _LEADING_WORDS.match(sentence)
    if not match:
        return None
    name = strip_title(match.group(1).strip())
    words = name.split()
    if not 2 <= len(words) <= 4 or any(demonym_country(w) for w in words):
        return None
    if name_key(name) in lexicon.actors().aliases:
        return None
    return name
