"""Security properties: formula injection, no network at run time, XML entity tricks, upload limits, lint.

What a security reviewer asks of a tool that reads the open web: that a hostile file cannot
make it reach the network, read local files, run code in a spreadsheet or a browser, or
exhaust the machine; and that the code base passes the security lint rules.
"""

from __future__ import annotations

import ast
import csv
import io
import re
import shutil
import socket
import subprocess
import sys
import threading
import tomllib
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from hostile import EVENT_MISSILES, EVENT_STRIKE, FORMULAS, MARKUP_NAMES, PUBLISHED, ROOT, CliRun, run_cli

from timeline.export import neutralise_cell, write_csv
from timeline.models import EVENT_COLUMNS
from timeline.settings import DEFAULTS

NETWORK_MODULES = ("socket", "urllib.request", "http.client", "requests", "httpx", "urllib3", "aiohttp", "ftplib")
"""Modules through which code could reach the network; the product's own code imports none of them."""

FETCHING_CALLS = ("fetch_url", "fetch_response", "urlopen")
"""Library functions that download (trafilatura, htmldate, urllib)."""


def _product_sources() -> list[Path]:
    return [ROOT / "dashboard.py", *sorted((ROOT / "timeline").rglob("*.py"))]


# -- spreadsheet formula injection ----------------------------------------------------------------------------


@pytest.mark.parametrize("formula", [*FORMULAS, "=cmd|' /C notepad'!'A1'", "@A1", "+A1", "-A1", "=", "\t", "\r\n=1"])
def test_formula_cells_are_neutralised(formula: str) -> None:
    cell = neutralise_cell(formula)
    assert cell == "'" + formula


@pytest.mark.parametrize("value", ["-2", "+3.5", "-0.25", "1e5", "-1.5E-3", "42", "", "Iran", "O'Brien", " =1"])
def test_ordinary_cells_are_kept(value: str) -> None:
    assert neutralise_cell(value) == value


def test_negative_coordinates_stay_numbers() -> None:
    assert neutralise_cell(-33.3) == "-33.3"
    assert neutralise_cell(None) == ""


def test_written_csv_holds_no_live_formula() -> None:
    rows = [{c: formula for c in EVENT_COLUMNS} for formula in FORMULAS]
    out = io.StringIO()
    assert write_csv(rows, out) == len(FORMULAS)
    parsed = list(csv.reader(io.StringIO(out.getvalue())))
    assert tuple(parsed[0]) == EVENT_COLUMNS
    for row in parsed[1:]:
        assert all(cell.startswith("'") for cell in row), row


def test_carriage_return_inside_a_cell_cannot_start_a_new_row() -> None:
    """A bare CR left unquoted splits the row in a spreadsheet, and the formula after it would run."""
    rows = [{"actor1": 'Iran\r=HYPERLINK("http://evil.example")', "actor2": "a\r\nb"}]
    out = io.StringIO()
    write_csv(rows, out)
    assert "\r" not in out.getvalue(), "a bare CR left in the table"
    parsed = list(csv.DictReader(io.StringIO(out.getvalue(), newline="")))
    assert len(parsed) == 1 and parsed[0]["actor1"].startswith("Iran") and "HYPERLINK" in parsed[0]["actor1"]


# -- no network, no local file disclosure, no entity expansion ----------------------------------------------------


class Listener:
    """A TCP listener on 127.0.0.1 that counts connection attempts (a canary for any run-time download)."""

    def __init__(self) -> None:
        self.sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen(16)
        self.sock.settimeout(0.2)
        self.port = self.sock.getsockname()[1]
        self.connections = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._serve, daemon=True)
        self._thread.start()

    def _serve(self) -> None:
        while not self._stop.is_set():
            try:
                conn, _ = self.sock.accept()
            except OSError:
                continue
            self.connections += 1
            conn.close()

    def close(self) -> None:
        self._stop.set()
        self._thread.join()
        self.sock.close()


@pytest.fixture(scope="module")
def listener() -> Iterator[Listener]:
    canary = Listener()
    yield canary
    canary.close()


def _network_bait(directory: Path, port: int) -> None:
    url = f"http://127.0.0.1:{port}/probe"
    (directory / "only_a_url.html").write_text(url, encoding="utf-8")
    (directory / "only_a_url.htm").write_bytes(url.encode())
    (directory / "only_a_url.txt").write_text(url, encoding="utf-8")
    (directory / "resources.html").write_text(
        f"""<html><head><link rel="stylesheet" href="{url}.css"><script src="{url}.js"></script>
        <meta http-equiv="refresh" content="0; url={url}"><link rel="canonical" href="{url}"></head>
        <body><article><p>{EVENT_STRIKE}</p><img src="{url}.png"><iframe src="{url}"></iframe>
        <p>{EVENT_MISSILES}</p></article></body></html>""",
        encoding="utf-8",
    )
    (directory / "record.json").write_text(f'{{"text": "{url}", "url": "{url}", "title": "{url}"}}', encoding="utf-8")


def test_uploads_pointing_at_urls_never_connect(listener: Listener, tmp_path: Path) -> None:
    from timeline import ingest

    _network_bait(tmp_path, listener.port)
    for path in sorted(tmp_path.iterdir()):
        list(ingest.read_upload(path.name, path.read_bytes()))
    assert listener.connections == 0, "reading an upload reached out to the network"


XXE = """<?xml version="1.0"?>
<!DOCTYPE html [<!ENTITY secret SYSTEM "file:///etc/passwd"><!ENTITY canary SYSTEM "{probe}">]>
<html><body><article><p>Leaked: &secret; &canary;</p><p>{event}</p></article></body></html>
"""

BILLION_LAUGHS = """<?xml version="1.0"?>
<!DOCTYPE html [
 <!ENTITY a "lol lol lol lol lol lol lol lol lol lol">
 <!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;"><!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;">
 <!ENTITY d "&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;"><!ENTITY e "&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;">
 <!ENTITY f "&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;"><!ENTITY g "&f;&f;&f;&f;&f;&f;&f;&f;&f;&f;">
 <!ENTITY h "&g;&g;&g;&g;&g;&g;&g;&g;&g;&g;"><!ENTITY i "&h;&h;&h;&h;&h;&h;&h;&h;&h;&h;">
]>
<html><body><article><p>&i;</p><p>{event}</p></article></body></html>
"""


@dataclass(frozen=True)
class BaitRun:
    """One CLI run over files that point at the canary or carry XML entity tricks."""

    run: CliRun
    output: str


@pytest.fixture(scope="module")
def bait_run(listener: Listener, tmp_path_factory: pytest.TempPathFactory) -> BaitRun:
    corpus = tmp_path_factory.mktemp("bait")
    _network_bait(corpus, listener.port)
    probe = f"http://127.0.0.1:{listener.port}/entity"
    (corpus / "xxe.html").write_text(XXE.format(probe=probe, event=EVENT_STRIKE), encoding="utf-8")
    (corpus / "laughs.html").write_text(BILLION_LAUGHS.format(event=EVENT_MISSILES), encoding="utf-8")
    out = corpus.parent / f"{corpus.name}.csv"
    run = run_cli(["extract", str(corpus), "--published", PUBLISHED, "--output", str(out)], timeout=180)
    return BaitRun(run, out.read_text(encoding="utf-8") if out.exists() else "")


def test_inputs_pointing_at_urls_never_make_the_command_line_connect(bait_run: BaitRun, listener: Listener) -> None:
    assert "Traceback" not in bait_run.run.stderr, bait_run.run.stderr
    assert bait_run.run.returncode in (0, 1)
    assert listener.connections == 0, "reading an article reached out to the network"


def test_xml_entities_neither_leak_files_nor_explode(bait_run: BaitRun) -> None:
    assert "root:" not in bait_run.output, "an external entity disclosed a local file"
    assert "lol lol lol lol lol lol lol lol lol lol lol" not in bait_run.output, "nested entities were expanded"
    assert bait_run.run.peak_rss_bytes < 2 * 1024**3
    assert "2020-01-08" in bait_run.output, "the article around the entity bomb was lost"


def _calls_and_imports(path: Path) -> Iterator[tuple[int, str]]:
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), filename=str(path))):
        if isinstance(node, ast.Import):
            yield from ((node.lineno, alias.name) for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            yield node.lineno, node.module
            yield from ((node.lineno, alias.name) for alias in node.names)
        elif isinstance(node, ast.Attribute):
            yield node.lineno, node.attr
        elif isinstance(node, ast.Name):
            yield node.lineno, node.id


def test_product_code_has_no_network_client() -> None:
    found = []
    for path in _product_sources():
        for line, name in _calls_and_imports(path):
            if name in NETWORK_MODULES or name in FETCHING_CALLS:
                found.append(f"{path.relative_to(ROOT)}:{line}: {name}")
    assert not found, found


def _unsafe_html_calls(path: Path) -> Iterator[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    for node in ast.walk(tree):
        if not isinstance(node, ast.Call):
            continue
        func = node.func
        name = func.attr if isinstance(func, ast.Attribute) else func.id if isinstance(func, ast.Name) else ""
        unsafe = any(
            k.arg == "unsafe_allow_html" and not (isinstance(k.value, ast.Constant) and k.value.value is False)
            for k in node.keywords
        )
        literal = all(isinstance(a, ast.Constant) and isinstance(a.value, str) for a in node.args)
        if (unsafe or name == "html") and not literal:
            yield f"{path.relative_to(ROOT)}:{node.lineno}: {name}(...) renders HTML built at run time"


def test_html_is_rendered_only_from_fixed_strings() -> None:
    """`unsafe_allow_html` / `st.html` only with string literals (styling), never with data from articles."""
    found = [finding for path in _product_sources() for finding in _unsafe_html_calls(path)]
    assert not found, found


# -- configuration and lint ---------------------------------------------------------------------------------------


def test_streamlit_limits_uploads_and_sends_no_usage_statistics() -> None:
    config_path = ROOT / ".streamlit" / "config.toml"
    assert config_path.exists(), ".streamlit/config.toml is missing"
    config = tomllib.loads(config_path.read_text(encoding="utf-8"))
    server, browser = config.get("server", {}), config.get("browser", {})
    assert 0 < server.get("maxUploadSize", 200) <= 50, "uploads must be capped (Streamlit's default is 200 MB)"
    assert server["maxUploadSize"] * 1024 * 1024 <= DEFAULTS.max_file_bytes, (
        "the server would accept what ingest refuses"
    )
    assert browser.get("gatherUsageStats") is False
    assert server.get("enableXsrfProtection", True) is True
    assert server.get("enableCORS", True) is True


def test_security_lint_rules_pass_on_the_whole_project() -> None:
    ruff = shutil.which("ruff", path=str(Path(sys.executable).parent)) or shutil.which("ruff")
    if ruff is None:
        pytest.skip("ruff is not installed (requirements-dev.txt)")
    done = subprocess.run(
        [ruff, "check", "--select", "S", "--output-format", "concise", "."],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stdout + done.stderr


# -- the dashboard shows hostile names as text ---------------------------------------------------------------------


def _hostile_events_csv(path: Path) -> None:
    from timeline.synthetic import synthetic_events

    frame = synthetic_events(24, seed=11)
    names = [*MARKUP_NAMES, *FORMULAS]
    for i, name in enumerate(names):
        frame.loc[i, ["actor1", "source_title", "location"]] = [name, name, name]
        frame.loc[i, "modality"] = "asserted"
        frame.loc[i, "source_sentence"] = f"{name} launched a drone strike on the base."
    with path.open("w", encoding="utf-8", newline="") as out:
        write_csv([{str(k): v for k, v in row.items()} for row in frame.to_dict("records")], out)


def test_dashboard_shows_hostile_names_as_text(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from streamlit.testing.v1 import AppTest

    events = tmp_path / "events.csv"
    _hostile_events_csv(events)
    monkeypatch.setattr(sys, "argv", [str(ROOT / "dashboard.py"), "--events", str(events)])
    at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=120).run()
    assert not at.exception, [e.value for e in at.exception]
    live = re.compile(r"(?<!\\)<\s*(img|script|a|svg|iframe)\b|(?<!\\)\]\(\s*javascript:", re.IGNORECASE)
    for kind in ("markdown", "caption", "info", "warning", "error", "success", "text", "title", "header", "subheader"):
        for element in getattr(at, kind):
            body = str(element.value)
            assert not live.search(body), f"{kind} would render live markup: {body[:300]!r}"
    shown = {str(v) for table in at.dataframe for v in table.value.to_numpy().ravel()}
    for name in MARKUP_NAMES:
        assert name in shown, f"{name!r} is not shown verbatim in the table"


def test_dashboard_download_bytes_hold_no_live_formula(tmp_path: Path) -> None:
    from timeline.table import csv_bytes, read_events_csv

    events = tmp_path / "events.csv"
    _hostile_events_csv(events)
    frame = read_events_csv(events)
    frame.loc[0, "actor2"] = 'Iran\r=HYPERLINK("http://evil.example")'
    data = csv_bytes(frame).decode("utf-8")
    assert "\r" not in data
    for row in csv.reader(io.StringIO(data, newline="")):
        for cell in row:
            assert not (cell.startswith(("=", "+", "-", "@", "\t")) and not re.fullmatch(r"-?[\d.]+", cell)), cell
