"""Property: every character of the clean text maps back to the same character of the input text."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from timeline.ingest.files import read_upload
from timeline.models import Article

LINES = (
    "Iran launched a missile strike on the Ain al-Asad air base early on Wednesday, officials said.",
    "The killing came three days after supporters of the militia stormed the embassy compound",
    "in Baghdad and set fire to a reception area.",
    "By Claire Vogt",
    "Advertisement",
    "Read more: Who was Qassem Soleimani?",
    "(Photo: the base after the strike)",
    "0 $ 2,500 $ 5,000 $",
    "BAGHDAD, Jan. 8, 2020 — Missiles struck two bases.",
    "Published: January 8, 2020",
    "Share on Facebook | Share on X",
    "Talks (Photo: pool) resumed on Thursday.",
    "# Iran strikes back",
    "*Photo: Mourners in Tehran*",
    "**BAGHDAD** — Officials [said](https://x.example/a) the _damage_ was `light`.",
    "![A base](img/base.jpg)",
    "> A quoted line from the statement.",
    "- a listed point about the attack",
    "",
    "",
)


@settings(max_examples=60, deadline=None)
@given(
    lines=st.lists(st.sampled_from(LINES), min_size=1, max_size=14),
    name=st.sampled_from(["a.txt", "a.md"]),
)
def test_clean_characters_map_back_to_the_same_input_characters(lines: list[str], name: str) -> None:
    original = "\n".join(lines)
    for item in read_upload(name, original.encode("utf-8")):
        if not isinstance(item, Article):
            continue
        for i, char in enumerate(item.text):
            if char in " \n":
                continue  # separators joined in by cleaning
            j = item.offset_map.to_original(i)
            assert original[j] == char, (i, j, item.text, original)
