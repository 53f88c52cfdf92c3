"""Golden tests per input format: clean text, title, publication date, URL, outlet, hash, offsets."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from pathlib import Path

import pytest

from timeline.ingest.files import read_paths, read_upload
from timeline.models import Article, IngestFailure

BODY = "On 8 January 2020, Iran launched a missile strike on the Ain al-Asad air base in Iraq."
SECOND = "Iraqi Prime Minister Adel Abdul Mahdi said he had been warned shortly after midnight."


def only_article(items: object) -> Article:
    found = list(items)  # type: ignore[call-overload]
    assert len(found) == 1, found
    assert isinstance(found[0], Article), found[0]
    return found[0]


def test_plain_text_title_dateline_and_byline(tmp_path: Path) -> None:
    path = tmp_path / "iran_strike.txt"
    path.write_text(
        "Iran strikes US bases in Iraq\nIran strikes US bases in Iraq\n\nBy Samir Haddad\n\n"
        f"BAGHDAD, Jan. 8, 2020 — {BODY}\n\n{SECOND}\n",
        encoding="utf-8",
    )
    article = only_article(read_paths([path]))
    assert article.title == "Iran strikes US bases in Iraq"
    assert article.text == f"BAGHDAD — {BODY}\n\n{SECOND}"
    assert (article.published, article.pub_date_source) == (dt.date(2020, 1, 8), "dateline")
    assert article.source == str(path)
    assert article.source_name == "iran_strike.txt"
    assert article.content_hash == hashlib.sha256(article.text.encode()).hexdigest()


def test_offset_map_points_back_to_the_original_text(tmp_path: Path) -> None:
    original = f"Headline here\n\nBy Jo Smith\n\nGENEVA, June 16, 2021 — {BODY}\n\nAdvertisement\n\n{SECOND}\n"
    path = tmp_path / "a.txt"
    path.write_text(original, encoding="utf-8")
    article = only_article(read_paths([path]))
    for word in ("GENEVA", "Iran launched", "Iraqi Prime Minister", "midnight"):
        clean_at = article.text.index(word)
        original_at = article.offset_map.to_original(clean_at)
        assert original[original_at : original_at + len(word)] == word


def test_hard_wrapped_lines_join_into_paragraphs(tmp_path: Path) -> None:
    wrapped = (
        "On 8 January 2020, Iran launched a missile strike on the\n"
        "Ain al-Asad air base in Iraq, the Pentagon said on the same\n"
        "day.\n\nA second paragraph.\n"
    )
    path = tmp_path / "wrapped.txt"
    path.write_text(wrapped, encoding="utf-8")
    article = only_article(read_paths([path]))
    assert article.text == (
        "On 8 January 2020, Iran launched a missile strike on the Ain al-Asad air base in Iraq, "
        "the Pentagon said on the same day.\n\nA second paragraph."
    )


def test_markdown_markup_is_removed_and_front_matter_read(tmp_path: Path) -> None:
    path = tmp_path / "story.md"
    path.write_text(
        "---\ntitle: Iran strikes US bases\ndate: 2020-01-08\nsource: Gulf Ledger\n"
        "url: https://gulf.example/a\n---\n\n# Iran strikes US bases\n\n*By Samir Haddad*\n\n"
        "![A base](img/base.jpg)\n\n*Photo: The base after the strike. (Pool)*\n\n"
        f"**BAGHDAD** — {BODY} [Read the statement](https://x.example/s) and _more_.\n\n"
        "## Reaction\n\n> Quoted `words` here.\n\n- a listed point\n\n"
        "[Read more: Who was Soleimani?](https://x.example/r)\n",
        encoding="utf-8",
    )
    article = only_article(read_paths([path]))
    assert article.text == (
        f"BAGHDAD — {BODY} Read the statement and more.\n\nReaction\n\nQuoted words here.\n\na listed point"
    )
    assert article.title == "Iran strikes US bases"
    assert (article.published, article.pub_date_source) == (dt.date(2020, 1, 8), "record")
    assert (article.url, article.source_name) == ("https://gulf.example/a", "Gulf Ledger")


def test_markdown_title_comes_from_the_first_heading(tmp_path: Path) -> None:
    path = tmp_path / "story.md"
    path.write_text(f"# Missiles hit Ain al-Asad\n\nPublished: January 8, 2020\n\n{BODY}\n", encoding="utf-8")
    article = only_article(read_paths([path]))
    assert article.title == "Missiles hit Ain al-Asad"
    assert article.text == BODY
    assert (article.published, article.pub_date_source) == (dt.date(2020, 1, 8), "dateline")


PAGE = """<!doctype html><html><head>
<title>Iran strikes US bases | Gulf Ledger</title>
<meta property="og:site_name" content="Gulf Ledger">
<meta property="og:url" content="https://gulf.example/2020/01/08/strike">
{meta}
<script>var built = "2019-05-01";</script>
</head><body>
<nav><a href="/">Home</a> | <a href="/world">World</a></nav>
<div class="cookies">We use cookies to improve your experience. <button>Accept</button></div>
<article><h1>Iran strikes US bases</h1>
<p>By Samir Haddad</p>
<p>BAGHDAD — {body} The attack came five days after a US drone strike killed General Qassem Soleimani.</p>
<p>{second} Officials in Washington were still assessing the damage on Wednesday.</p>
<p>Advertisement</p>
<p>Share this article: Facebook | X | Email</p>
{time}
</article>
<footer>&copy; 2020 Gulf Ledger. All rights reserved.</footer>
</body></html>"""


def html_page(meta: str = "", time: str = "") -> bytes:
    return PAGE.format(meta=meta, time=time, body=BODY, second=SECOND).encode()


def test_html_main_text_metadata_and_noise() -> None:
    article = only_article(
        read_upload("page.html", html_page('<meta property="article:published_time" content="2020-01-08T09:15:00Z">'))
    )
    assert article.text.startswith(f"BAGHDAD — {BODY}")
    assert article.text.count("\n\n") == 1, article.text
    for noise in ("Home", "cookies", "By Samir", "Advertisement", "Share", "©", "Iran strikes US bases"):
        assert noise not in article.text
    assert article.title == "Iran strikes US bases"
    assert (article.published, article.pub_date_source) == (dt.date(2020, 1, 8), "html-meta")
    assert (article.url, article.source_name) == ("https://gulf.example/2020/01/08/strike", "Gulf Ledger")


def test_json_single_record_and_list_with_synonyms(tmp_path: Path) -> None:
    single = tmp_path / "one.json"
    single.write_text(
        json.dumps({"headline": "Strike", "body": BODY, "date": "June 17, 2021", "link": "https://n.example/1"}),
        encoding="utf-8",
    )
    article = only_article(read_paths([single]))
    assert (article.source, article.title, article.text) == (str(single), "Strike", BODY)
    assert (article.published, article.pub_date_source, article.url) == (
        dt.date(2021, 6, 17),
        "record",
        "https://n.example/1",
    )
    assert article.source_name == "n.example"
    several = tmp_path / "many.json"
    several.write_text(json.dumps([{"text": BODY, "published": 1578441600}, {"content": SECOND}]), encoding="utf-8")
    articles = list(read_paths([several]))
    assert [a.source for a in articles] == [f"{several}#1", f"{several}#2"]
    assert isinstance(articles[0], Article) and articles[0].published == dt.date(2020, 1, 8)
    assert isinstance(articles[1], Article) and articles[1].pub_date_source == "none"


def test_json_object_wrapping_a_list_of_records() -> None:
    data = json.dumps({"articles": [{"text": BODY}, {"text": SECOND}]}).encode()
    assert [a.text for a in read_upload("export.json", data) if isinstance(a, Article)] == [BODY, SECOND]


def test_jsonl_and_csv_records(tmp_path: Path) -> None:
    jsonl = tmp_path / "feed.jsonl"
    jsonl.write_text(
        json.dumps({"text": BODY, "published": "2020-01-08"}) + "\n\n" + json.dumps({"text": SECOND}) + "\n",
        encoding="utf-8",
    )
    table = tmp_path / "table.csv"
    table.write_text(
        f'Title,Text,Published,URL\nStrike,"{BODY}\n\nMore.",2020-01-08,https://n.example/2\n', encoding="utf-8"
    )
    items = list(read_paths([tmp_path]))
    assert [a.source for a in items] == [f"{jsonl}#1", f"{jsonl}#2", f"{table}#1"]
    csv_article = items[2]
    assert isinstance(csv_article, Article)
    assert (csv_article.title, csv_article.text, csv_article.url) == (
        "Strike",
        f"{BODY}\n\nMore.",
        "https://n.example/2",
    )
    assert csv_article.published == dt.date(2020, 1, 8)


def test_directories_are_recursed_in_name_order_and_unsupported_files_reported(tmp_path: Path) -> None:
    (tmp_path / "b").mkdir()
    (tmp_path / "b" / "2.txt").write_text(SECOND, encoding="utf-8")
    (tmp_path / "a.txt").write_text(BODY, encoding="utf-8")
    (tmp_path / "c.pdf").write_bytes(b"%PDF-1.4")
    (tmp_path / ".hidden.txt").write_text(BODY, encoding="utf-8")
    items = list(read_paths([tmp_path]))
    assert [i.source for i in items] == [
        str(tmp_path / "a.txt"),
        str(tmp_path / "b" / "2.txt"),
        str(tmp_path / "c.pdf"),
    ]
    failure = items[2]
    assert isinstance(failure, IngestFailure)
    assert failure.message().startswith(f"error: {tmp_path / 'c.pdf'}: unsupported file type '.pdf'")


def test_upload_format_comes_from_the_name() -> None:
    as_markdown = only_article(read_upload("notes.MD", f"# Title\n\n**{BODY}**".encode()))
    assert as_markdown.text == BODY
    [failure] = list(read_upload("notes.docx", b"PK\x03\x04"))
    assert isinstance(failure, IngestFailure) and "unsupported file type '.docx'" in failure.reason


@pytest.mark.parametrize("url", ["javascript:alert(1)", "ftp://x.example/a", "https://", "http://a b.example/"])
def test_only_web_urls_are_kept(url: str) -> None:
    article = only_article(read_upload("r.json", json.dumps({"text": BODY, "url": url}).encode()))
    assert article.url == ""


@pytest.mark.parametrize("delimiter", [",", ";", "\t", "|"], ids=["comma", "semicolon", "tab", "bar"])
def test_csv_delimiter_is_taken_from_the_header(delimiter: str) -> None:
    header = delimiter.join(["title", "text", "date"])
    row = delimiter.join(["Strike", '"On 8 January 2020, Iran struck; officials said, late."', "2020-01-08"])
    article = only_article(read_upload("t.csv", f"{header}\n{row}\n".encode()))
    assert (article.title, article.text) == ("Strike", "On 8 January 2020, Iran struck; officials said, late.")
    assert article.published == dt.date(2020, 1, 8)


def test_json_lines_saved_as_json_are_read_line_by_line() -> None:
    data = (json.dumps({"text": BODY}) + "\n" + "{broken\n" + json.dumps({"text": SECOND}) + "\n").encode()
    items = list(read_upload("feed.json", data))
    assert [i.source for i in items] == ["feed.json#1", "feed.json:2", "feed.json#3"]
    assert isinstance(items[1], IngestFailure) and items[1].reason.startswith("invalid JSON")


def test_site_name_is_cut_from_a_page_title() -> None:
    head = '<meta property="og:site_name" content="Gulf Ledger">'
    head += '<meta property="og:title" content="Strike | Gulf Ledger">'
    page = f"<html><head>{head}</head><body><article><p>{BODY} {SECOND}</p><p>{BODY}</p></article></body></html>"
    article = only_article(read_upload("p.html", page.encode()))
    assert (article.title, article.source_name) == ("Strike", "Gulf Ledger")
    plain = "<html><head><title>Strike near Baghdad - Eastern Monitor</title></head><body><article>"
    article = only_article(read_upload("q.html", f"{plain}<p>{BODY} {SECOND}</p></article></body></html>".encode()))
    assert (article.title, article.source_name) == ("Strike near Baghdad", "Eastern Monitor")


def test_text_copied_from_a_browser_page(tmp_path: Path) -> None:
    copied = (
        "Skip to main content\nHome | World | Middle East | Business\nMenu\n\n"
        "We use cookies to improve your experience. Accept all\n\n"
        "Iran strikes US bases in Iraq\n\nBy Samir Haddad\nPublished January 8, 2020, 09:15 GMT\n"
        "Share on Facebook | Share on X\n\n"
        f"BAGHDAD — {BODY}\n\nAdvertisement\n\n{SECOND}\n\nRead more: Who was Qassem Soleimani?\n"
        "© 2020 Gulf Ledger. All rights reserved.\n"
    )
    path = tmp_path / "copied.txt"
    path.write_text(copied, encoding="utf-8")
    article = only_article(read_paths([path]))
    assert article.title == "Iran strikes US bases in Iraq"
    assert article.text == f"BAGHDAD — {BODY}\n\n{SECOND}"
    assert (article.published, article.pub_date_source) == (dt.date(2020, 1, 8), "dateline")


def test_web_page_saved_as_text_is_read_as_html() -> None:
    page = "<!DOCTYPE html><html><head><title>Strike</title>"
    page += '<meta property="article:published_time" content="2020-01-08"></head>'
    page += f"<body><nav>Home | World</nav><article><p>{BODY}</p><p>{SECOND}</p></article></body></html>"
    article = only_article(read_upload("saved.txt", page.encode()))
    assert article.text == f"{BODY}\n\n{SECOND}"
    assert article.pub_date_source == "html-meta"


def test_news_api_style_record() -> None:
    record = {
        "source": {"id": None, "name": "Gulf Ledger"},
        "title": "Iran strikes US bases",
        "url": "https://gulf.example/a",
        "publishedAt": "2020-01-08T09:15:00Z",
        "content": BODY,
    }
    article = only_article(read_upload("news.json", json.dumps({"articles": [record]}).encode()))
    assert (article.source_name, article.published, article.text) == ("Gulf Ledger", dt.date(2020, 1, 8), BODY)
