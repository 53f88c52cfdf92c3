"""A small event table for the dashboard tests: two reports of one strike, an interval, a planned meeting,
an undated call and an event whose actors carry HTML and a spreadsheet formula."""

from __future__ import annotations

import pandas as pd

from timeline.table import normalise_frame

HOSTILE = "<img src=x onerror=alert(1)>"
FORMULA = '=HYPERLINK("http://evil.example","x")'

ROWS = [
    # event_id, date, end, precision, type, modality, actor1, actor2, other, source, confidence, cluster, date_text
    ("e1", "2020-01-03", "2020-01-03", "day", "strike", "asserted", "United States", "Iran", "", "a.txt", 0.9, "k1",
     "on Friday"),
    ("e2", "2020-01-03", "2020-01-03", "day", "strike", "asserted", "United States", "Iran", "", "b.txt", 0.8, "k1",
     "January 3"),
    ("e3", "2020-01-08", "2020-01-08", "day", "strike", "asserted", "Iran", "United States", "Iraq", "b.txt", 0.7,
     "k2", "Wednesday"),
    ("e4", "2020-01-01", "2020-01-31", "month", "visit", "asserted", "Mike Pompeo", "Iraq", "", "c.txt", 0.5, "",
     "in January"),
    ("e5", "2020-02-10", "2020-02-10", "day", "meeting", "planned", "Emmanuel Macron", "Iran", "", "c.txt", 0.6, "",
     "next Monday"),
    ("e6", "2020-01-06", "2020-01-06", "day", "attack", "asserted", HOSTILE, FORMULA, "", "d.txt", 0.95, "",
     "Monday"),
    ("e7", "", "", "", "call", "asserted", "Donald Trump", "Iraq", "", "d.txt", 0.3, "", ""),
]


def event_frame() -> pd.DataFrame:
    columns = ["event_id", "event_date", "date_end", "time_precision", "event_type", "modality", "actor1", "actor2",
               "other_actors", "source", "confidence", "cluster_id", "date_text"]
    frame = pd.DataFrame(ROWS, columns=columns)
    frame["date_start"] = frame["event_date"]
    frame["source_title"] = frame["source"].str.upper()
    frame["date_rule"] = "explicit"
    frame["pub_date"] = "2020-01-10"
    frame["source_sentence"] = [
        f"{a} {t} {b} {d}." for a, t, b, d in zip(frame["actor1"], frame["event_type"], frame["actor2"],
                                                   frame["date_text"], strict=True)
    ]
    frame["char_start"] = 0
    frame["trigger_start"] = frame["actor1"].str.len() + 1
    frame["trigger_end"] = frame["trigger_start"] + frame["event_type"].str.len()
    dated = frame["date_text"] != ""
    date_start = frame["source_sentence"].str.len() - frame["date_text"].str.len() - 1
    frame["date_char_start"] = date_start.where(dated)
    frame["date_char_end"] = (date_start + frame["date_text"].str.len()).where(dated)
    frame.loc[frame["event_id"] == "e1", ["location", "latitude", "longitude"]] = ["Baghdad", 33.31, 44.37]
    return normalise_frame(frame)
