"""Sentences and parses: a cheap rule-based sentence splitter and a lazily loaded, cached spaCy pipeline."""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from timeline.settings import DEFAULTS

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc

ABBREVIATIONS = frozenset(
    [
        "mr", "mrs", "ms", "dr", "gen", "lt", "col", "sgt", "capt", "maj", "brig", "adm", "gov", "sen", "rep",
        "st", "jr", "sr", "prof", "rev", "gens", "no", "vs", "etc", "inc", "ltd", "corp", "co", "jan", "feb",
        "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "mon", "tue", "tues", "wed",
        "thu", "thur", "thurs", "fri", "sat", "sun", "approx", "est", "fig", "dept", "u.s", "u.k", "u.n", "e.u",
        "a.m", "p.m"
    ]
)
"""Words that end with a dot without ending the sentence (lower case, without the final dot)."""

_BOUNDARY = re.compile(r"[.!?][\"'”’)\]]*(?=\s+[\"'“‘(\[]?[A-Z0-9])")
_PARAGRAPH = re.compile(r"\n[ \t]*\n\s*")
_LINE = re.compile(r"[^\n]+")
_LAST_WORD = re.compile(r"[A-Za-z.]+$")


@dataclass(frozen=True, slots=True)
class Sentence:
    """A sentence of a text: its offsets (end exclusive), its text and its paragraph number."""

    start: int
    end: int
    text: str
    paragraph: int


def _ends_with_abbreviation(text: str, dot: int) -> bool:
    """True when the dot at `dot` closes an abbreviation or an initial rather than a sentence."""
    match = _LAST_WORD.search(text, max(0, dot - 40), dot)  # a bounded look-back keeps splitting linear
    if not match:
        return False
    word = match.group(0).lower().rstrip(".")
    return word in ABBREVIATIONS or len(word) == 1 or ("." in word and len(word) <= 5)


def _paragraphs(text: str) -> Iterator[tuple[int, int]]:
    start = 0
    for gap in _PARAGRAPH.finditer(text):
        yield start, gap.start()
        start = gap.end()
    yield start, len(text)


def _bounded(start: int, end: int, text: str, max_chars: int) -> Iterator[tuple[int, int]]:
    """Pieces of text[start:end] of at most `max_chars`, cut at a space where there is one."""
    while end - start > max_chars:
        cut = text.rfind(" ", start + max_chars // 2, start + max_chars)
        cut = cut if cut > start else start + max_chars
        yield start, cut
        start = cut
    yield start, end


def split_sentences(text: str, max_chars: int = DEFAULTS.max_split_chars) -> list[Sentence]:
    """Sentences of `text` with offsets; a line break always ends a sentence, a blank line a paragraph, and a run
    longer than `max_chars` without a sentence end (lists, tables, broken markup) is cut."""
    sentences: list[Sentence] = []
    for number, (p_start, p_end) in enumerate(_paragraphs(text)):
        for line in _LINE.finditer(text, p_start, p_end):
            start = line.start()
            cuts = [m.end() for m in _BOUNDARY.finditer(text, line.start(), line.end())
                    if not (text[m.start()] == "." and _ends_with_abbreviation(text, m.start()))]
            for end in [*cuts, line.end()]:
                for lo, hi in _bounded(start, end, text, max_chars):
                    piece = text[lo:hi]
                    if piece.strip():
                        lead = len(piece) - len(piece.lstrip())
                        stripped = piece.strip()
                        sentences.append(Sentence(lo + lead, lo + lead + len(stripped), stripped, number))
                start = end
    return sentences


@functools.cache
def pipeline() -> Language:
    """The spaCy English pipeline (loaded once, on first use).

    Its layers multiply matrices through numpy's BLAS rather than thinc's bundled BLIS kernels, which were
    three to six times slower for the small model's matrices on the AMD EPYC development machine; the parses
    are the same.
    """
    import spacy  # about 0.6 s to import: loaded only when the first sentence is parsed
    from thinc.api import use_ops

    with use_ops("numpy", use_blis=False):
        return spacy.load(DEFAULTS.spacy_model)


def parse(texts: Sequence[str]) -> Iterator[Doc]:
    """Parsed documents (tags, dependencies, entities) of `texts`, in order."""
    yield from pipeline().pipe(texts, batch_size=64)
