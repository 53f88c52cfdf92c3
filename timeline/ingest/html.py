"""Saved web pages: main text by trafilatura, and the page's own title, site, URL and dates."""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Iterator
from copy import deepcopy
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlsplit

import lxml.etree
import lxml.html

from timeline.ingest.fields import field_names
from timeline.ingest.pubdate import DateSources, parse_date_value
from timeline.settings import DEFAULTS

TITLE_SUFFIX = re.compile(r"\s+[|–—-]\s+[^|–—-]{2,60}$")
"""The site name after a page title: "Headline | Pacific Wire", "Headline - Eastern Europe Monitor"."""



@dataclass(frozen=True, slots=True)
class HtmlPage:
    """What a page says about itself, and its main text (paragraphs one per line)."""

    text: str
    title: str = ""
    site_name: str = ""
    url: str = ""
    dates: DateSources = field(default_factory=dict)
    """The publication date found, as (pub_date_source, day)."""


def web_url(value: object) -> str:
    """`value` if it is an http(s) URL with a host and no spaces or control characters, else ''."""
    if not isinstance(value, str):
        return ""
    url = value.strip()
    if not url.lower().startswith(("http://", "https://")) or any(c.isspace() or ord(c) < 32 for c in url):
        return ""
    try:
        return url if urlsplit(url).hostname else ""
    except ValueError:
        return ""


def url_host(url: str) -> str:
    """The host of a web URL without a leading 'www.'."""
    host = urlsplit(url).hostname or "" if url else ""
    return host.removeprefix("www.")


def parse_tree(html: str) -> Any:
    """The lxml tree of `html`, or None when there is nothing to parse."""
    if not html.strip():
        return None
    try:
        return lxml.html.document_fromstring(html)
    except (lxml.etree.ParserError, ValueError):
        return None


def meta_values(tree: Any) -> dict[str, str]:
    """<meta> contents keyed by lower-case property, name or itemprop (first one wins)."""
    values: dict[str, str] = {}
    for meta in tree.iter("meta"):
        content = meta.get("content")
        if not content:
            continue
        for attr in ("property", "name", "itemprop"):
            key = (meta.get(attr) or "").strip().lower()
            if key:
                values.setdefault(key, content.strip())
    return values


def json_ld_objects(tree: Any) -> Iterator[dict[str, Any]]:
    """Every JSON object in the page's JSON-LD scripts, nested ones and @graph members included."""
    for script in tree.iter("script"):
        if (script.get("type") or "").strip().lower() != "application/ld+json":
            continue
        raw = script.text or ""
        if len(raw) > DEFAULTS.json_ld_max_chars:
            continue
        try:
            data = json.loads(raw)
        except (ValueError, RecursionError):
            continue
        stack = [data]
        while stack:
            item = stack.pop()
            if isinstance(item, dict):
                yield item
                stack.extend(reversed([v for v in item.values() if isinstance(v, dict | list)]))
            elif isinstance(item, list):
                stack.extend(reversed(item))


def time_element_dates(tree: Any) -> Iterator[dt.date]:
    """Days of <time datetime> elements, those marked as the publication time first."""
    marked: list[dt.date] = []
    plain: list[dt.date] = []
    for element in tree.iter("time"):
        day = parse_date_value(element.get("datetime") or "")
        if day is None:
            continue
        hints = " ".join(element.get(a) or "" for a in ("class", "itemprop", "pubdate", "id")).lower()
        (marked if "pub" in hints or element.get("pubdate") is not None else plain).append(day)
    yield from marked
    yield from plain


def htmldate_date(tree: Any, url: str) -> dt.date | None:
    """htmldate's pick (original date preferred, markup only, never the network) or None."""
    from htmldate import find_date  # about 0.1 s to import, and only web pages need it

    try:
        found = find_date(deepcopy(tree), url=url or None, original_date=True, extensive_search=False)
    except Exception:  # htmldate raises assorted errors on odd markup; a date is optional
        return None
    return parse_date_value(found) if found else None


def is_article(obj: dict[str, Any]) -> bool:
    """True for a JSON-LD object typed as an article or post (NewsArticle, BlogPosting, ...)."""
    kinds = obj.get("@type")
    names = kinds if isinstance(kinds, list) else [kinds]
    return any(isinstance(n, str) and ("Article" in n or "Posting" in n) for n in names)


def meta_date(meta: dict[str, str]) -> dt.date | None:
    """The first publication date among the page's meta tags."""
    return next(filter(None, (parse_date_value(meta.get(name)) for name in field_names()["html_date_meta"])), None)


def json_ld_date(json_ld: list[dict[str, Any]]) -> dt.date | None:
    """The `datePublished` of the page's JSON-LD, articles first."""
    ordered = sorted(json_ld, key=lambda o: not is_article(o))
    return next(filter(None, (parse_date_value(obj.get("datePublished")) for obj in ordered)), None)


def page_dates(tree: Any, meta: dict[str, str], json_ld: list[dict[str, Any]], url: str) -> DateSources:
    """Where the page may declare its publication date, each read only when asked (see `pubdate.SOURCES`)."""
    return {
        "html-meta": lambda: meta_date(meta),
        "json-ld": lambda: json_ld_date(json_ld),
        "html-time": lambda: next(time_element_dates(tree), None),
        "htmldate": lambda: htmldate_date(tree, url),
    }


def page_site_name(meta: dict[str, str], json_ld: list[dict[str, Any]]) -> str:
    """The outlet's name from meta tags or the JSON-LD publisher."""
    for name in field_names()["html_site_meta"]:
        value = meta.get(name, "").strip().lstrip("@")
        if value and not value.lower().startswith("http"):
            return value
    for obj in json_ld:
        publisher = obj.get("publisher")
        if isinstance(publisher, dict) and isinstance(publisher.get("name"), str):
            return str(publisher["name"]).strip()
    return ""


def title_suffix_site(tree: Any) -> str:
    """The site name a <title> ends with after its headline ("Headline | Pacific Wire")."""
    element = next(tree.iter("title"), None)
    if element is None:
        return ""
    match = TITLE_SUFFIX.search(" ".join(element.text_content().split()))
    return match.group().strip(" |–—-") if match else ""


def page_title(tree: Any, meta: dict[str, str], json_ld: list[dict[str, Any]], site: str) -> str:
    """The headline: og:title, JSON-LD headline, the first <h1>, else <title> without the site suffix."""
    for value in (meta.get("og:title"), meta.get("twitter:title")):
        if value:
            text = " ".join(value.split())
            suffix = TITLE_SUFFIX.search(text)
            return text[: suffix.start()] if suffix and site and suffix.group().strip(" |–—-") == site else text
    for obj in json_ld:
        if isinstance(obj.get("headline"), str):
            return " ".join(obj["headline"].split())
    for tag in ("h1", "title"):
        element = next(tree.iter(tag), None)
        if element is not None:
            text = " ".join(element.text_content().split())
            if tag == "title":
                text = TITLE_SUFFIX.sub("", text) if not site or site in text else text
            if text:
                return text
    return ""


def page_url(tree: Any, meta: dict[str, str], json_ld: list[dict[str, Any]]) -> str:
    """The page's own address: og:url, the canonical link, or the JSON-LD url."""
    canonical = next((link.get("href") for link in tree.iter("link") if link.get("rel") == "canonical"), None)
    candidates = [meta.get("og:url"), canonical, *(obj.get("url") for obj in json_ld if "headline" in obj)]
    return next((url for url in map(web_url, candidates) if url), "")


def main_text(html: str) -> str:
    """Main text of the page by trafilatura (precision first, then recall), one paragraph a line."""
    import trafilatura  # about 0.15 s to import, and only web pages need it

    for favor_recall in (False, True):
        try:
            text = trafilatura.extract(
                html,
                output_format="txt",
                include_comments=False,
                include_tables=False,
                include_images=False,
                include_links=False,
                deduplicate=False,
                with_metadata=False,
                favor_recall=favor_recall,
            )
        except (ValueError, TypeError, RecursionError):
            text = None
        if text and text.strip():
            return str(text)
    return ""


def read_html(html: str) -> HtmlPage | None:
    """The page's main text and metadata, or None when `html` is not a parseable page."""
    tree = parse_tree(html)
    if tree is None:
        return None
    meta = meta_values(tree)
    json_ld = list(json_ld_objects(tree))
    url = page_url(tree, meta, json_ld)
    site = page_site_name(meta, json_ld) or title_suffix_site(tree)
    return HtmlPage(
        text=main_text(html),
        title=page_title(tree, meta, json_ld, site),
        site_name=site,
        url=url,
        dates=page_dates(tree, meta, json_ld, url),
    )
