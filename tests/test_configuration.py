"""The data files are the configuration: a new event type, filter or file format needs data alone, and a mistake
in the data stops start-up with one line naming the file and the line.

Each test works on a copy of the `timeline` package whose resource files it edits, and runs the real command line
(and the real dashboard, through AppTest) in a child process that imports that copy.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent

PROTEST_TYPE = """
  protest:
    family: protest
    colour: "#8c564b"
    cameo: "141"
    triggers:
      - {lemma: protest, pos: VERB, sub: demonstration, forms: [protest, protests, protested, protesting]}
"""
PROTEST_FAMILY = """
  protest:
    labels: [Protesters, Target]
    frame:
      object: target
      passive_subject: target
      preps: {against: target, in: place, at: place, outside: place}
      carried_by: []
"""
COUNTRY_FILTER = """
  - {name: countries, kind: values, column: country, label: Countries, param: country, option: --country,
     metavar: C, facet: true, placeholder: Any country, help: "Events located in these countries."}
"""
ARTICLE = (
    "DHAKA, Bangladesh — Thousands of students protested in Dhaka on Monday against a new quota for civil "
    "service jobs, blocking the main roads of the capital for hours.\n"
)


def package_copy(tmp_path: Path) -> Path:
    """A folder holding a copy of the `timeline` package, to be put first on the child's import path."""
    home = tmp_path / "pkg"
    shutil.copytree(ROOT / "timeline", home / "timeline", ignore=shutil.ignore_patterns("__pycache__"))
    return home


def edit(home: Path, name: str, old: str, new: str) -> None:
    """Replace `old` (which must occur) by `new` in a resource file of the copy."""
    path = home / "timeline" / "resources" / name
    text = path.read_text(encoding="utf-8")
    assert old in text, (name, old)
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def run(home: Path, *args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    """`python -m timeline ARGS` with the copy first on the import path."""
    env = dict(os.environ, PYTHONPATH=str(home))
    return subprocess.run([sys.executable, "-m", "timeline", *args], cwd=cwd, env=env, capture_output=True,
                          text=True, timeout=300)


def test_a_new_type_filter_and_format_need_data_alone(tmp_path: Path) -> None:
    home = package_copy(tmp_path)
    edit(home, "event_types.yaml", "\nfamilies:\n", "\nfamilies:\n" + PROTEST_FAMILY.lstrip("\n"))
    edit(home, "event_types.yaml", "\ntypes:\n", "\ntypes:\n" + PROTEST_TYPE.lstrip("\n"))
    edit(home, "filters.yaml", "\nfilters:\n", "\nfilters:\n" + COUNTRY_FILTER.lstrip("\n"))
    edit(home, "formats.yaml", "extensions: [.txt, .text]", "extensions: [.txt, .text, .wire]")
    articles = tmp_path / "articles"
    articles.mkdir()
    (articles / "dhaka.wire").write_text(ARTICLE, encoding="utf-8")

    extracted = run(home, "extract", str(articles), "--published", "2024-07-16", cwd=tmp_path)
    assert extracted.returncode == 0, extracted.stderr
    assert ",protest,demonstration,asserted," in extracted.stdout
    assert "2024-07-15" in extracted.stdout and "Bangladesh" in extracted.stdout

    store = tmp_path / "store"
    ingested = run(home, "ingest", str(articles), "--store", str(store), "--published", "2024-07-16", cwd=tmp_path)
    assert ingested.returncode == 0, ingested.stderr
    queried = run(home, "query", "--store", str(store), "--type", "protest", "--country", "Bangladesh", cwd=tmp_path)
    assert queried.returncode == 0, queried.stderr
    assert len(queried.stdout.strip().splitlines()) == 2  # the header and the protest
    elsewhere = run(home, "query", "--store", str(store), "--country", "Chile", cwd=tmp_path)
    assert len(elsewhere.stdout.strip().splitlines()) == 1

    script = tmp_path / "app_check.py"
    script.write_text(textwrap.dedent(f"""
        import sys
        import timeline.app  # the edited copy, before the app's own folder can come first on the path
        from streamlit.testing.v1 import AppTest
        assert timeline.app.__file__.startswith({str(home)!r})
        sys.argv = ["dashboard.py", "--data", {str(articles)!r}]
        at = AppTest.from_file({str(ROOT / "dashboard.py")!r}, default_timeout=240).run()
        assert not at.exception, [e.value for e in at.exception]
        countries = at.multiselect(key="f_countries")
        print("countries:", countries.options)
        print("types:", at.multiselect(key="f_event_types").options)
        countries.set_value(["Bangladesh"]).run()
        print("url:", dict(at.query_params))
    """), encoding="utf-8")
    env = dict(os.environ, PYTHONPATH=str(home))
    app = subprocess.run([sys.executable, str(script)], cwd=tmp_path, env=env, capture_output=True, text=True,
                         timeout=300)
    assert app.returncode == 0, app.stderr[-2000:]
    assert "countries: ['Bangladesh (1)']" in app.stdout
    assert "protest (1)" in app.stdout
    assert "url: {'country': 'Bangladesh'}" in app.stdout


MISTAKES = [
    pytest.param("temporal_patterns.yaml", "  - rule: month_day\n", "  - rule: month_dya\n",
                 r"temporal_patterns\.yaml:\d+: unknown rule 'month_dya'", id="misspelled-rule-name"),
    pytest.param("temporal_patterns.yaml", "\npatterns:\n",
                 "\npatterns:\n  - rule: vague\n    pattern: 'hereafter'\n    example: 'hereafter'\n",
                 r"temporal_patterns\.yaml:\d+: the scanner never reaches the example 'hereafter'",
                 id="pattern-without-a-key-word"),
    pytest.param("event_types.yaml", '    colour: "#1f77b4"\n', "",
                 r"event_types\.yaml:\d+: type 'visit' has no colour", id="type-without-a-colour"),
    pytest.param("filters.yaml", "kind: text,", "kind: txt,",
                 r"filters\.yaml:\d+: filter 'text': kind 'txt' is not one of", id="unknown-filter-kind"),
    pytest.param("formats.yaml", "reader: markdown}", "reader: markdwon}",
                 r"formats\.yaml:\d+: format 'markdown': reader 'markdwon' is not one of", id="unknown-reader"),
]


@pytest.mark.parametrize(("name", "old", "new", "message"), MISTAKES)
def test_a_mistake_in_the_data_stops_start_up_with_one_line(
    tmp_path: Path, name: str, old: str, new: str, message: str
) -> None:
    home = package_copy(tmp_path)
    edit(home, name, old, new)
    (tmp_path / "a.txt").write_text("Iran struck the base on Monday.\n", encoding="utf-8")
    done = run(home, "extract", "a.txt", cwd=tmp_path)
    assert done.returncode == 2
    assert done.stdout == ""
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1, done.stderr
    assert lines[0].startswith("error: timeline/resources/") and re.search(message, lines[0]), lines[0]


def test_the_dashboard_shows_a_mistake_in_the_data_as_one_error(tmp_path: Path) -> None:
    home = package_copy(tmp_path)
    edit(home, "event_types.yaml", '    colour: "#1f77b4"\n', "")
    script = tmp_path / "app_check.py"
    script.write_text(textwrap.dedent(f"""
        import timeline.app  # the edited copy, before the app's own folder can come first on the path
        from streamlit.testing.v1 import AppTest
        at = AppTest.from_file({str(ROOT / "dashboard.py")!r}, default_timeout=120).run()
        assert not at.exception, [e.value for e in at.exception]
        print("errors:", len(at.error))
        print("message:", at.error[0].value.replace("\\\\", ""))
    """), encoding="utf-8")
    env = dict(os.environ, PYTHONPATH=str(home))
    app = subprocess.run([sys.executable, str(script)], cwd=tmp_path, env=env, capture_output=True, text=True,
                         timeout=300)
    assert app.returncode == 0, app.stderr[-2000:]
    assert "errors: 1" in app.stdout
    assert "message: error: timeline/resources/event_types.yaml:" in app.stdout and "has no colour" in app.stdout
