"""The thread of an article's story: which sentences continue one another, and so share a date, a place and a
doer."""

from __future__ import annotations

import dataclasses
import re
from dataclasses import dataclass

from timeline.events.lexicon import name_key

_NAME = re.compile(r"(?<![\w'’-])[A-Z][\w'’-]{2,}")


def story_names(text: str, not_names: frozenset[str]) -> set[str]:
    """The names a sentence mentions (capitalised words that are not function words, days or titles)."""
    return {key for key in (name_key(n) for n in _NAME.findall(text)) if key not in not_names}


@dataclass
class Story:
    """The thread of sentences that continue one another: a sentence continues the story when it follows the
    last sentence of it or names someone or somewhere it named. Only such sentences inherit its date and place."""

    not_names: frozenset[str] = frozenset()
    names: set[str] = dataclasses.field(default_factory=set)
    index: int = -10
    current: int = -10
    continued: bool = False
    adjacent: bool = False
    origin: int = -10
    """The sentence that set the narrative date."""
    places: dict[str, str] = dataclasses.field(default_factory=dict)
    """Where the previous sentence's asserted events of each family happened."""
    town: str = ""
    """The last town the previous sentence named: where fighting it does not place happened."""
    initiators: dict[str, str] = dataclasses.field(default_factory=dict)
    """Who carried out the previous sentence's asserted events of each family."""

    def enter(self, index: int, text: str) -> None:
        """Read sentence `index`: does it continue the story?"""
        names = story_names(text, self.not_names)
        if index != self.current + 1:
            self.places, self.town, self.initiators = {}, "", {}  # these carry over to the very next sentence only
        self.current = index
        self.adjacent = index == self.index + 1
        self.continued = self.adjacent or bool(names & self.names)
        if self.continued:
            self.names |= names
            self.index = index
        else:
            self.places, self.town, self.initiators = {}, "", {}

    def restart(self, text: str) -> None:
        """The current sentence set a new date: the story goes on from it."""
        self.names = story_names(text, self.not_names)
        self.index = self.origin = self.current
        self.continued = True

    @property
    def follows_origin(self) -> bool:
        """The current sentence comes right after the one that set the narrative date."""
        return self.current == self.origin + 1
