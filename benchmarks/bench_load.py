"""Load: concurrent dashboard sessions filtering and downloading against one store, through the real server.

Starts `streamlit run dashboard.py -- --store DIR` on 127.0.0.1 (a free port; nothing listens
beyond the loopback interface), then opens N browser-like sessions on Streamlit's websocket
protocol (the protobuf messages its front end exchanges) and, in each, for a bounded time:
renders the page, changes a filter widget and waits for the rerun to finish, and fetches the
CSV download over HTTP. Prints the median and 90th-percentile filter response, first render
and download times, and every error (an exception shown on the page, a failed rerun, a bad
download). Exit status 1 if any session saw an error.

Measured on 2 shared cores, 50,000 events, 20 sessions for 60 s (figures vary with the other load):
with no pause between actions, filter response median 4.2 s (p90 6.3 s), first render 5.5 s, about
1.8 reruns/s across all sessions (the server is saturated: each rerun costs ~1 s of CPU); with 3 s
between actions, median 1.9 s (p90 3.5 s). No exception and no failed rerun in any session.
Downloads of up to 20,000 rows are registered with the page and served reliably; a larger one is
built on click (`data=` a callable), which Streamlit keeps under no session and prunes after two
later script runs of any session, so under many concurrent sessions such a file can be gone before
the browser fetches it (1 of 102 downloads answered 404 in a 30 s run; 5-11 of ~120 before small
downloads were made inline).

    python benchmarks/bench_load.py [--sessions 20] [--events 50000] [--seconds 60] [--think 1] [--store DIR]
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import http.client
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd
from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg
from streamlit.proto.WidgetStates_pb2 import WidgetState
from websockets.asyncio.client import ClientConnection, connect
from websockets.typing import Origin, Subprotocol

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from timeline.store.schema import ARTICLE_KEY  # noqa: E402
from timeline.store.writer import StoreWriter  # noqa: E402
from timeline.synthetic import synthetic_events  # noqa: E402

HOST = "127.0.0.1"
RERUN_TIMEOUT = 60.0


def build_store(path: Path, n_events: int) -> None:
    """A store of `n_events` synthetic events (one batch) with its article table."""
    frame = synthetic_events(n_events)
    frame[ARTICLE_KEY] = frame["source"].map(lambda s: f"hash-{s}")
    events: list[dict[str, object]] = [
        {str(k): v for k, v in row.items()}
        for row in frame.astype(object).where(frame.notna(), None).to_dict("records")
    ]
    sources = frame.drop_duplicates("source")
    now = pd.Timestamp.now(tz="UTC").to_pydatetime()
    articles = [
        {
            "source": row.source,
            "content_hash": f"hash-{row.source}",
            "title": row.source_title,
            "published": row.pub_date,
            "pub_date_source": "record",
            "url": "",
            "source_name": "synthetic",
            "n_events": int((frame["source"] == row.source).sum()),
            "ingested_at": now,
        }
        for row in sources.itertuples()
    ]
    with StoreWriter(path) as writer:
        writer.commit(articles, events)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind((HOST, 0))
        return int(sock.getsockname()[1])


@contextlib.contextmanager
def streamlit_server(app: Path, store: Path, port: int, log: Path) -> Iterator[subprocess.Popen[bytes]]:
    """The dashboard served on the loopback interface, stopped on exit."""
    args = [
        sys.executable, "-m", "streamlit", "run", str(app),
        "--server.address", HOST, "--server.port", str(port), "--server.headless", "true",
        "--browser.gatherUsageStats", "false", "--server.fileWatcherType", "none",
        "--", "--store", str(store),
    ]  # fmt: skip
    with open(log, "wb") as out:
        proc = subprocess.Popen(args, cwd=ROOT, stdout=out, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL)
    try:
        deadline = time.monotonic() + 90
        while time.monotonic() < deadline:
            if proc.poll() is not None:
                raise RuntimeError(f"the server exited with status {proc.returncode}; see {log}")
            with contextlib.suppress(OSError):
                if http_get(port, "/_stcore/health")[0] == 200:
                    break
            time.sleep(0.2)
        else:
            raise RuntimeError("the server did not become healthy within 90 s")
        yield proc
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


def http_get(port: int, path: str) -> tuple[int, bytes]:
    conn = http.client.HTTPConnection(HOST, port, timeout=30)
    try:
        conn.request("GET", path)
        response = conn.getresponse()
        return response.status, response.read()
    finally:
        conn.close()


@dataclass
class Page:
    """What one script run put on the page: widgets by kind, download URLs and exceptions shown."""

    multiselects: list[tuple[str, str, list[str]]] = field(default_factory=list)
    downloads: list[str] = field(default_factory=list)
    deferred_downloads: list[str] = field(default_factory=list)
    exceptions: list[str] = field(default_factory=list)
    session_id: str = ""


@dataclass
class SessionFigures:
    first_render: float = 0.0
    filters: list[float] = field(default_factory=list)
    downloads: list[float] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    widgets: list[str] = field(default_factory=list)


def _record(page: Page, msg: ForwardMsg) -> None:
    if msg.WhichOneof("type") == "new_session":
        page.session_id = msg.new_session.initialize.session_id
    if msg.WhichOneof("type") != "delta" or msg.delta.WhichOneof("type") != "new_element":
        return
    element = msg.delta.new_element
    kind = element.WhichOneof("type")
    if kind == "multiselect":
        page.multiselects.append((element.multiselect.id, element.multiselect.label, list(element.multiselect.options)))
    elif kind == "download_button" and element.download_button.url:
        page.downloads.append(element.download_button.url)
    elif kind == "download_button" and element.download_button.deferred_file_id:
        page.deferred_downloads.append(element.download_button.deferred_file_id)
    elif kind == "exception":
        page.exceptions.append(f"{element.exception.type}: {element.exception.message}")


async def rerun(ws: ClientConnection, states: list[WidgetState]) -> Page:
    """Ask for a script run with these widget states and read the page until the run finishes."""
    back = BackMsg()
    back.rerun_script.query_string = ""
    back.rerun_script.page_script_hash = ""
    back.rerun_script.widget_states.widgets.extend(states)
    await ws.send(back.SerializeToString())
    page = Page()
    async with asyncio.timeout(RERUN_TIMEOUT):
        while True:
            data = await ws.recv()
            msg = ForwardMsg()
            msg.ParseFromString(data if isinstance(data, bytes) else data.encode())
            _record(page, msg)
            if msg.WhichOneof("type") == "script_finished":
                if msg.script_finished == ForwardMsg.FINISHED_WITH_COMPILE_ERROR:
                    page.exceptions.append("the script failed to compile")
                if msg.script_finished != ForwardMsg.FINISHED_EARLY_FOR_RERUN:
                    return page


async def deferred_url(ws: ClientConnection, session_id: str, file_id: str) -> str:
    """Ask the server to build a deferred download (as a click on the button does) and return its URL."""
    back = BackMsg()
    request = back.backend_operation_request
    request.request_id, request.session_id = uuid.uuid4().hex, session_id
    request.deferred_file.file_id = file_id
    await ws.send(back.SerializeToString())
    async with asyncio.timeout(RERUN_TIMEOUT):
        while True:
            data = await ws.recv()
            msg = ForwardMsg()
            msg.ParseFromString(data if isinstance(data, bytes) else data.encode())
            response = msg.backend_operation_response
            if msg.WhichOneof("type") == "backend_operation_response" and response.request_id == request.request_id:
                if response.error_msg:
                    raise RuntimeError(f"deferred download failed: {response.error_msg}")
                return response.deferred_file.url


async def download(ws: ClientConnection, port: int, session_id: str, page: Page) -> tuple[int, bytes] | None:
    """The page's CSV download, fetched as the browser does: HTTP GET of its media URL."""
    if page.downloads:
        url = page.downloads[0]
    elif page.deferred_downloads:
        url = await deferred_url(ws, session_id, page.deferred_downloads[0])
    else:
        return None
    return await asyncio.to_thread(http_get, port, url)


def _filter_choices(page: Page) -> list[tuple[str, list[str]]]:
    """(widget id, selection) pairs to cycle through: one or two options of each multiselect, then none."""
    choices: list[tuple[str, list[str]]] = []
    for widget_id, _label, options in page.multiselects:
        for option in options[:3]:
            choices.append((widget_id, [option]))
        if len(options) >= 2:
            choices.append((widget_id, options[:2]))
        choices.append((widget_id, []))
    return choices


async def session(port: int, deadline: float, think: float, figures: SessionFigures) -> None:
    """One browser-like session: render, then filter and download until the deadline."""
    url = f"ws://{HOST}:{port}/_stcore/stream"
    origin = f"http://{HOST}:{port}"
    subprotocols = [Subprotocol("streamlit")]
    async with connect(url, subprotocols=subprotocols, origin=Origin(origin), max_size=None) as ws:
        started = time.perf_counter()
        page = await rerun(ws, [])
        figures.first_render = time.perf_counter() - started
        session_id = page.session_id
        figures.errors.extend(page.exceptions)
        choices = _filter_choices(page)
        figures.widgets = [label for _, label, _ in page.multiselects]
        if not choices:
            figures.errors.append("no filter widget (multiselect) on the page")
            return
        i = 0
        while time.monotonic() < deadline and not figures.errors:
            widget_id, selection = choices[i % len(choices)]
            state = WidgetState(id=widget_id)
            state.string_array_value.data.extend(selection)
            started = time.perf_counter()
            page = await rerun(ws, [state])
            figures.filters.append(time.perf_counter() - started)
            figures.errors.extend(page.exceptions)
            started = time.perf_counter()
            fetched = await download(ws, port, session_id, page)
            if fetched is not None:
                figures.downloads.append(time.perf_counter() - started)
                status, body = fetched
                if status != 200 or not body.startswith(b"event_id,"):
                    figures.errors.append(f"download: HTTP {status}, {body[:60]!r}")
            i += 1
            await asyncio.sleep(think)


async def load(port: int, sessions: int, seconds: float, think: float) -> list[SessionFigures]:
    deadline = time.monotonic() + seconds
    figures = [SessionFigures() for _ in range(sessions)]
    results = await asyncio.gather(*(session(port, deadline, think, f) for f in figures), return_exceptions=True)
    for f, result in zip(figures, results, strict=True):
        if isinstance(result, BaseException):
            f.errors.append(f"{type(result).__name__}: {result}")
    return figures


def _summary(name: str, values: list[float]) -> str:
    if not values:
        return f"{name}: none measured"
    ordered = sorted(values)
    p90 = ordered[min(len(ordered) - 1, int(0.9 * len(ordered)))]
    return (
        f"{name}: median {statistics.median(ordered) * 1000:.0f} ms, p90 {p90 * 1000:.0f} ms, "
        f"max {ordered[-1] * 1000:.0f} ms over {len(ordered)}"
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sessions", type=int, default=20, help="concurrent sessions (default 20)")
    parser.add_argument("--events", type=int, default=50_000, help="synthetic events in the store (default 50,000)")
    parser.add_argument("--seconds", type=float, default=60.0, help="how long the sessions keep filtering")
    parser.add_argument("--think", type=float, default=1.0, help="seconds a person pauses between actions (default 1)")
    parser.add_argument("--store", type=Path, help="an existing store to use instead of a synthetic one")
    parser.add_argument("--app", type=Path, default=ROOT / "dashboard.py", help="the Streamlit script to serve")
    args = parser.parse_args()
    if not 1 <= args.sessions <= 100 or not 1 <= args.seconds <= 600:
        parser.error("--sessions must be 1..100 and --seconds 1..600")
    with tempfile.TemporaryDirectory(prefix="bench-load-") as tmp:
        store = args.store
        if store is None:
            store = Path(tmp) / "store"
            started = time.perf_counter()
            build_store(store, args.events)
            print(f"store: {args.events} synthetic events written in {time.perf_counter() - started:.1f} s")
        port = free_port()
        log = Path(tmp) / "server.log"
        with streamlit_server(args.app, store, port, log):
            started = time.perf_counter()
            figures = asyncio.run(load(port, args.sessions, args.seconds, args.think))
            wall = time.perf_counter() - started
        errors = [f"session {i}: {e}" for i, f in enumerate(figures) for e in f.errors]
        filters = [t for f in figures for t in f.filters]
        print(
            f"sessions: {args.sessions} concurrent on {HOST}:{port} for {wall:.1f} s, "
            f"{args.think:g} s between actions ({os.cpu_count()} cores)"
        )
        print(f"filter widgets changed: {', '.join(figures[0].widgets) or 'none'}")
        print(_summary("first render", [f.first_render for f in figures if f.first_render]))
        print(_summary("filter response", filters))
        print(_summary("CSV download", [t for f in figures for t in f.downloads]))
        print(f"filter reruns completed: {len(filters)} ({len(filters) / wall:.1f}/s across all sessions)")
        print(f"errors: {len(errors)}")
        for error in errors[:20]:
            print(f"  {error}")
        if errors:
            print("server log (last lines):")
            print("\n".join(log.read_text(encoding="utf-8", errors="replace").splitlines()[-15:]))
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
