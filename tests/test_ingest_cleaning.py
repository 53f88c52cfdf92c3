"""Noise patterns (resources/noise.yaml): page furniture goes, reporting stays."""

from __future__ import annotations

import pytest

from timeline.ingest.cleaning import clean, noise_rules
from timeline.models import OffsetMap

REPORT = "Iranian forces launched a missile strike on the Ain al-Asad air base on Wednesday, the Pentagon said."


@pytest.mark.parametrize(
    "line",
    [
        "0 $ 2,500 $ 5,000 $",
        "0 $ 2,500 $ 5,000 $ 7,500 $ 10,000 $",
        "$5 $10 $25",
        "Do you like this content? Consider helping us!",
        "Consider helping us!",
        "Support independent journalism. Donate from $5 a month and get our weekly briefing.",
        "Independent journalism needs your support: donate.",
        "Sign up for our morning newsletter",
        "Subscribe | Log in | Newsletters",
        "Read more: What is Operation Prosperity Guardian, the Red Sea naval mission?",
        "READ MORE",
        "Related",
        "Most read",
        "Share this article: Facebook | X | WhatsApp | Email",
        "Share on Facebook | Share on X | Copy link",
        "Follow us on X and Facebook for live updates.",
        "By Claire Vogt",
        "By Miriam Adler and Tom Reyes",
        "By Daniel Okafor, Washington bureau",
        "By Staff reporters",
        "By Irina Sokolova · Published · 6 min read",
        "(Photo: Netanyahu, Trump, Al Nahyan and al-Zayani at the signing on the South Lawn. White House pool)",
        "Photo: Vladimir Putin and Kim Jong-un shake hands at the Vostochny Cosmodrome. (Kremlin pool)",
        "Image: Smoke over Gaza City",
        "Nancy Pelosi and Fumio Kishida before their talks in Tokyo. (Pool photo)",
        "We use cookies to improve your experience. Accept all Settings",
        "This site uses cookies to personalise content. By continuing you agree to our cookie policy.",
        "We value your privacy",
        "Advertisement",
        "ADVERTISEMENT",
        "© 2022 Pacific Wire Ltd. All rights reserved.",
        "6 min read",
        "Home | World | Asia | Business | Markets | Sport",
        "Home › World › Middle East",
        "Menu",
        "Skip to main content",
        "Last updated: January 4, 2020, 10:12 GMT",
        "Listen to this article",
        "Comments (12)",
    ],
)
def test_noise_lines_are_recognised(line: str) -> None:
    assert noise_rules().is_noise(line)


@pytest.mark.parametrize(
    "line",
    [
        REPORT,
        "By Saturday morning Wagner fighters had taken control of the headquarters in Rostov-on-Don.",
        "By then the talks had collapsed.",
        "Biden said he would donate his salary to charity.",
        "Prosecutors read more than 40 charges to the court on Monday.",
        "The photo agency said its staff had been detained.",
        "Related talks in Oman were held in 2021 and 2022, the statement said.",
        "Share prices fell on Facebook's results on Tuesday.",
        "Officials said the advertisement campaign was paused.",
        "The ministry said cookies and sweets were handed out to children on Sunday after the ceasefire.",
        "Updated figures released on Monday showed 40 people had been killed.",
        "Home Secretary Priti Patel visited the scene on Tuesday.",
        "Nikkei 27,932 | Hang Seng 20,201 | Updated 12 minutes ago | markets closed for the day.",
    ],
)
def test_reporting_is_not_noise(line: str) -> None:
    assert not noise_rules().is_noise(line)


def test_inline_caption_is_cut_and_offsets_follow() -> None:
    text = f"{REPORT} (Photo: the base after the strike) Damage was light.\n\nSecond paragraph."
    result = clean(text)
    assert result.text == f"{REPORT} Damage was light.\n\nSecond paragraph."
    mapping = OffsetMap(result.anchors)
    at = result.text.index("Damage")
    assert text[mapping.to_original(at) :].startswith("Damage")


def test_repeated_title_lines_are_removed_once_at_the_top() -> None:
    title = "Biden and Putin meet in Geneva"
    result = clean(f"{title}\n{title}\n\n{REPORT}\n\nBiden and Putin meet in Geneva", title)
    assert result.text == f"{REPORT}\n\nBiden and Putin meet in Geneva"


def test_dateline_place_stays_and_its_date_is_read() -> None:
    result = clean(f"GENEVA, June 16, 2021 — {REPORT}")
    assert result.text == f"GENEVA — {REPORT}"
    assert str(result.dateline_date) == "2021-06-16"


def test_blank_lines_separate_paragraphs_and_runs_of_blank_lines_collapse() -> None:
    result = clean(f"\n\n  {REPORT}  \n\n\n\nAdvertisement\n\n\nSecond.\n")
    assert result.text == f"{REPORT}\n\nSecond."


def test_html_lines_are_paragraphs() -> None:
    long_line = "a line of extracted web text that is long enough to look wrapped but is not"
    assert clean(f"{long_line}\nnext paragraph", hard_wrapped=False).text == f"{long_line}\n\nnext paragraph"
    assert clean(f"{long_line}\nnext paragraph").text == f"{long_line} next paragraph"


def test_published_line_and_dateline_are_both_cut_and_the_first_date_kept() -> None:
    result = clean(f"Published: January 9, 2020\n\nBAGHDAD, Jan. 8, 2020 — {REPORT}")
    assert result.text == f"BAGHDAD — {REPORT}"
    assert str(result.dateline_date) == "2020-01-09"
