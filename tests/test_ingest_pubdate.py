"""The publication-date ladder and the parsing of date values found in records, pages and text."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from timeline.ingest.files import read_paths, read_upload
from timeline.ingest.pubdate import SOURCES, find_dateline, parse_date_value
from timeline.models import Article

BODY = "Iran launched a missile strike on the Ain al-Asad air base in Iraq early on Wednesday, officials said."
DEV = Path(__file__).resolve().parent.parent.parent / "shared" / "events_eval" / "dev" / "articles"


def article_of(name: str, data: str | bytes, published: dt.date | None = None) -> Article:
    raw = data.encode() if isinstance(data, str) else data
    [item] = list(read_upload(name, raw, published=published))
    assert isinstance(item, Article), item
    assert item.pub_date_source in SOURCES
    return item


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2023-06-20T05:12:00Z", dt.date(2023, 6, 20)),
        ("2023-06-26T11:20:00+03:00", dt.date(2023, 6, 26)),
        ("2021-06-17", dt.date(2021, 6, 17)),
        ("June 17, 2021", dt.date(2021, 6, 17)),
        ("17 June 2021", dt.date(2021, 6, 17)),
        ("Thu, 17 Jun 2021 09:30:00 GMT", dt.date(2021, 6, 17)),
        ("Oct. 6, 2019", dt.date(2019, 10, 6)),
        ("3rd of January 2020", dt.date(2020, 1, 3)),
        ("Monday, January 6, 2020 at 10:15 a.m. EST", dt.date(2020, 1, 6)),
        ("2020/01/06", dt.date(2020, 1, 6)),
        ("February 30, 2020", None),
        (1578441600, dt.date(2020, 1, 8)),
        (1578441600000, dt.date(2020, 1, 8)),
        ("1578441600", dt.date(2020, 1, 8)),
        (dt.date(2020, 1, 8), dt.date(2020, 1, 8)),
        (dt.datetime(2020, 1, 8, 23, 59), dt.date(2020, 1, 8)),
        ("2020-02-30", None),
        ("99999-01-01", None),
        ("0000-00-00", None),
        ("1066-10-14", None),
        ("2999-01-01", None),
        ("June 2021", None),
        ("in July", None),
        ("wrong date", None),
        ("", None),
        (1e308, None),
        (float("nan"), None),
        (-5, None),
        (True, None),
        (["2020-01-05"], None),
        ({"date": "2020-01-05"}, None),
        (None, None),
    ],
)
def test_record_date_values(value: object, expected: dt.date | None) -> None:
    assert parse_date_value(value) == expected


def test_override_beats_every_other_source() -> None:
    page = '<html><head><meta property="article:published_time" content="2020-01-08"></head><body>'
    page += f"<article><p>{BODY} " * 3 + "</p></article></body></html>"
    article = article_of("p.html", page, published=dt.date(2020, 1, 9))
    assert (article.published, article.pub_date_source) == (dt.date(2020, 1, 9), "override")


def test_record_field_beats_a_dateline() -> None:
    record = {"text": f"BAGHDAD, Jan. 7, 2020 — {BODY}", "published": "2020-01-08"}
    article = article_of("r.json", json.dumps(record))
    assert (article.published, article.pub_date_source) == (dt.date(2020, 1, 8), "record")
    assert article.text == f"BAGHDAD — {BODY}"


def test_absurd_record_date_keeps_the_record_without_a_date() -> None:
    article = article_of("r.json", json.dumps({"text": BODY, "published": "2020-02-30"}))
    assert (article.published, article.pub_date_source) == (None, "none")


def page(head: str, body: str = "") -> str:
    paragraphs = "".join(
        f"<p>{BODY} Paragraph {i} adds detail about the attack and the response.</p>" for i in range(3)
    )
    return f"<html><head>{head}</head><body><article>{body}{paragraphs}</article></body></html>"


META = '<meta property="article:published_time" content="2020-01-08T09:00:00Z">'
JSON_LD = (
    '<script type="application/ld+json">{"@graph": [{"@type": "NewsArticle", "datePublished": "2020-01-07"}]}</script>'
)
TIME = '<time datetime="2020-01-06T10:00:00Z">6 January</time>'


@pytest.mark.parametrize(
    ("head", "body", "expected", "source"),
    [
        (META + JSON_LD, TIME, dt.date(2020, 1, 8), "html-meta"),
        (JSON_LD, TIME, dt.date(2020, 1, 7), "json-ld"),
        ("", TIME, dt.date(2020, 1, 6), "html-time"),
        ('<meta name="date" content="2020-01-05">', "", dt.date(2020, 1, 5), "htmldate"),
        (
            '<link rel="canonical" href="https://n.example/2020/01/04/strike-story">',
            "",
            dt.date(2020, 1, 4),
            "htmldate",
        ),
        ("<script>var cfg = {built: '2021-11-30'};</script>", "", None, "none"),
    ],
    ids=["meta", "json-ld", "time", "meta-name-date", "htmldate-url", "script-date-is-not-a-pub-date"],
)
def test_html_metadata_ladder(head: str, body: str, expected: dt.date | None, source: str) -> None:
    article = article_of("page.html", page(head, body))
    assert (article.published, article.pub_date_source) == (expected, source)


def test_html_without_metadata_falls_back_to_a_published_line() -> None:
    article = article_of("page.html", page("", "<p>Published: January 3, 2020</p>"))
    assert (article.published, article.pub_date_source) == (dt.date(2020, 1, 3), "dateline")
    assert "Published" not in article.text


@pytest.mark.parametrize(
    ("line", "expected", "kept"),
    [
        ("BAGHDAD, Jan. 3, 2020 — A US drone strike", dt.date(2020, 1, 3), "BAGHDAD — A US drone strike"),
        (
            "KYIV, Ukraine, Feb. 24, 2022 (Wire) - Russia attacked",
            dt.date(2022, 2, 24),
            "KYIV, Ukraine - Russia attacked",
        ),
        ("NUSA DUA, 14 November 2022 – Leaders met", dt.date(2022, 11, 14), "NUSA DUA – Leaders met"),
        ("DUBAI/WASHINGTON, Jan 12 — Warplanes struck", None, "DUBAI/WASHINGTON — Warplanes struck"),
        ("Published: October 8, 2023", dt.date(2023, 10, 8), ""),
        ("Published 19 April 2024, 14:10 GMT | Updated 20 April 2024", dt.date(2024, 4, 19), ""),
        ("Posted on 2020-01-03", dt.date(2020, 1, 3), ""),
        ("January 3, 2020", dt.date(2020, 1, 3), ""),
    ],
)
def test_datelines(line: str, expected: dt.date | None, kept: str) -> None:
    found = find_dateline(line)
    assert found is not None and found.date == expected
    rest = line[: found.cut[0]] + (" " if found.keep_place else "") + line[found.cut[1] :]
    assert rest.strip() == kept


@pytest.mark.parametrize(
    "line",
    [
        "GENEVA — US President Joe Biden met Putin.",
        "By Saturday morning, troops had left.",
        "Published",
        "On January 3, 2020, a drone strike killed the general.",
        "The ministry, Jan. 3, 2020 figures show - more.",
    ],
)
def test_lines_that_are_not_datelines(line: str) -> None:
    assert find_dateline(line) is None


def test_dateline_only_counts_near_the_top(tmp_path: Path) -> None:
    late = "\n\n".join([BODY] * 4 + ["January 3, 2020"])
    path = tmp_path / "late.txt"
    path.write_text(late, encoding="utf-8")
    [article] = list(read_paths([path]))
    assert isinstance(article, Article) and article.published is None and "January 3, 2020" in article.text


@pytest.mark.skipif(not DEV.is_dir(), reason="the development articles (../shared/events_eval) are not present")
@pytest.mark.parametrize(
    ("name", "expected", "source"),
    [
        ("dev03_pelosi_asia_tour.html", dt.date(2022, 8, 5), "html-meta"),
        ("dev07_wagner_mutiny.html", dt.date(2023, 6, 26), "html-time"),
        ("dev04_blinken_beijing.json", dt.date(2023, 6, 20), "record"),
    ],
)
def test_development_articles_give_their_publication_date(name: str, expected: dt.date, source: str) -> None:
    [article] = list(read_paths([DEV / name]))
    assert isinstance(article, Article)
    assert (article.published, article.pub_date_source) == (expected, source)


def test_json_ld_prefers_the_article_over_other_dated_objects() -> None:
    graph = (
        '{"@graph": [{"@type": "WebSite", "datePublished": "2015-03-01"},'
        ' {"@type": "WebPage", "mainEntity": {"@type": ["NewsArticle"], "datePublished": "2020-01-08"}}]}'
    )
    article = article_of("p.html", page(f'<script type="application/ld+json">{graph}</script>'))
    assert (article.published, article.pub_date_source) == (dt.date(2020, 1, 8), "json-ld")
