"""The dashboard in a real headless Chromium: markers drawn, an actor filter, the CSV download, hostile names as text.

The server is `streamlit run dashboard.py` on a free local port; the browser is Debian's /usr/bin/chromium driven by
Playwright. Screenshots go to tests/artifacts/. Set TIMELINE_UPDATE_SCREENSHOT=1 to refresh docs/screenshot.png.
"""

from __future__ import annotations

import io
import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pandas as pd
import pytest
from dashboard_events import HOSTILE, event_frame

from timeline.table import csv_bytes

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parent.parent
ARTIFACTS = Path(__file__).resolve().parent / "artifacts"
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
    "--disable-sync", "--no-first-run", "--disable-quic",
]
START_TIMEOUT_S = 45

if not CHROMIUM.exists():
    pytest.skip(f"no Chromium at {CHROMIUM} (apt-get install chromium)", allow_module_level=True)
sync_api = pytest.importorskip("playwright.sync_api", reason="playwright is not installed")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port: int = s.getsockname()[1]
        return port


def start_server(app_args: list[str], log: Path) -> tuple[subprocess.Popen[bytes], str]:
    port = free_port()
    command = [
        sys.executable, "-m", "streamlit", "run", str(ROOT / "dashboard.py"), "--server.headless", "true",
        "--server.port", str(port), "--server.address", "127.0.0.1", "--browser.gatherUsageStats", "false",
        "--", *app_args,
    ]
    with log.open("wb") as out:
        server = subprocess.Popen(command, cwd=ROOT, stdout=out, stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + START_TIMEOUT_S
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as response:  # noqa: S310 (local)
                if response.status == 200:
                    return server, url
        except OSError:
            time.sleep(0.3)
    stop(server)
    pytest.fail(f"streamlit did not start within {START_TIMEOUT_S} s: {log.read_text(errors='replace')[-2000:]}")


def stop(server: subprocess.Popen[bytes]) -> None:
    server.terminate()
    try:
        server.wait(timeout=10)
    except subprocess.TimeoutExpired:
        server.kill()
        server.wait(timeout=10)


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    with sync_api.sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture(scope="module")
def events_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    folder = tmp_path_factory.mktemp("browser")
    events = folder / "events.csv"
    events.write_bytes(csv_bytes(event_frame()))
    server, url = start_server(["--events", str(events)], folder / "streamlit.log")
    try:
        yield url
    finally:
        stop(server)


def open_page(browser: Any, url: str, height: int = 1400) -> tuple[Any, list[str]]:
    page = browser.new_page(viewport={"width": 1400, "height": height}, accept_downloads=True)
    dialogs: list[str] = []

    def on_dialog(dialog: Any) -> None:
        dialogs.append(dialog.message)
        dialog.dismiss()

    page.on("dialog", on_dialog)
    page.goto(url)
    page.wait_for_function(
        "() => { const gd = document.querySelector('.js-plotly-plot'); return gd && gd._fullData"
        " && gd._fullData.length > 0; }",
        timeout=30_000,
    )
    wait_for_metric(page, "Events shown")
    return page, dialogs


def wait_for_metric(page: Any, label: str, value: str | None = None) -> str:
    metric = page.locator('[data-testid="stMetric"]', has_text=label)
    if value is not None:
        metric.locator('[data-testid="stMetricValue"]', has_text=value).wait_for(timeout=20_000)
    text: str = metric.locator('[data-testid="stMetricValue"]').inner_text(timeout=20_000)
    return text


def timeline_marks(page: Any) -> list[int]:
    """Points per trace of the timeline, as Plotly drew them."""
    marks: list[int] = page.evaluate(
        "() => document.querySelector('.js-plotly-plot')._fullData.map(t => (t.x || []).length)"
    )
    return marks


def coloured_pixels(png: bytes, colour: tuple[int, int, int]) -> int:
    from PIL import Image

    image = Image.open(io.BytesIO(png)).convert("RGB")
    return sum(
        1
        for pixel in image.get_flattened_data()
        if all(abs(channel - want) < 40 for channel, want in zip(pixel, colour, strict=True))
    )


def click_mark(page: Any, event_id: str) -> None:
    """A real mouse click on the timeline mark of `event_id`, at the pixel Plotly placed it."""
    position = page.evaluate(
        """(id) => {
            const gd = document.querySelector('.js-plotly-plot');
            const box = gd.getBoundingClientRect(), layout = gd._fullLayout;
            for (const trace of gd._fullData) {
                const i = Array.from(trace.customdata || []).indexOf(id);
                if (i < 0) continue;
                const x = layout.xaxis.l2p(layout.xaxis.d2l(trace.x[i])) + layout.xaxis._offset;
                const y = layout.yaxis.l2p(layout.yaxis.d2l(trace.y[i])) + layout.yaxis._offset;
                return [box.left + x, box.top + y];
            }
            return null;
        }""",
        event_id,
    )
    assert position is not None, f"no mark for {event_id}"
    page.mouse.click(*position)


def test_timeline_filter_download_and_hostile_names(browser: Any, events_server: str) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    page, dialogs = open_page(browser, events_server)
    try:
        assert wait_for_metric(page, "Events shown") == "6"
        assert sum(timeline_marks(page)) >= 6
        chart = page.locator(".js-plotly-plot").first
        strike_red = (214, 39, 40)
        assert coloured_pixels(chart.screenshot(), strike_red) > 30, "no strike markers were painted"

        # The hostile actor is a lane label and an option: text, never an element.
        assert page.locator("svg text", has_text=HOSTILE).count() >= 1
        assert page.locator("img[src='x']").count() == 0

        # Clicking its mark shows the details; the name is still text.
        click_mark(page, "e6")
        page.get_by_text("Target:").wait_for(timeout=20_000)
        details = page.locator('[data-testid="stMarkdownContainer"]', has_text="Target:").inner_text()
        assert HOSTILE in details
        assert page.locator("img[src='x']").count() == 0
        page.screenshot(path=str(ARTIFACTS / "browser_details.png"), full_page=False)

        # Filter by an actor through the sidebar multiselect.
        page.locator('[data-testid="stSidebar"] [data-testid="stMultiSelect"]').first.click()
        page.keyboard.type("Iran")
        page.keyboard.press("Enter")
        page.keyboard.press("Escape")
        wait_for_metric(page, "Events shown", "3")
        assert "actor=Iran" in page.url

        with page.expect_download(timeout=20_000) as download_info:
            page.get_by_role("button", name="Download CSV (3 events)").click()
        download = download_info.value
        table = pd.read_csv(download.path(), dtype=str, keep_default_na=False)
        assert list(table["event_id"]) == ["e1", "e2", "e3"]
        assert download.suggested_filename == "timeline-events.csv"

        # A shared link restores the view.
        shared, _ = open_page(browser, page.url)
        assert wait_for_metric(shared, "Events shown", "3") == "3"
        shared.close()
        page.screenshot(path=str(ARTIFACTS / "browser_filtered.png"), full_page=False)
        assert dialogs == []
    finally:
        page.close()


def test_sample_articles_page(browser: Any, tmp_path: Path) -> None:
    """The page a new user meets: the bundled sample articles, no set-up; also the README's screenshot."""
    server, url = start_server([], tmp_path / "streamlit.log")
    try:
        page, dialogs = open_page(browser, url, height=1500)
        shown = int(wait_for_metric(page, "Events shown").replace(",", ""))
        assert shown >= 10
        assert sum(timeline_marks(page)) >= 10
        assert page.locator('[data-testid="stException"]').count() == 0
        page.wait_for_timeout(1500)
        ARTIFACTS.mkdir(exist_ok=True)
        page.screenshot(path=str(ARTIFACTS / "browser_sample.png"))
        if os.environ.get("TIMELINE_UPDATE_SCREENSHOT") == "1":
            shutil.copy(ARTIFACTS / "browser_sample.png", ROOT / "docs" / "screenshot.png")
        assert dialogs == []
        page.close()
    finally:
        stop(server)
