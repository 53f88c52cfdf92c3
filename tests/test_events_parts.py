"""The event stage's pure parts: sentence splitting, gazetteer lookup, anaphoric dates, named events, merging."""

from __future__ import annotations

import datetime as dt

import pytest

from timeline.events.dating import DateChoice, named_event_date, reanchor
from timeline.events.dedup import Mention, merge_mentions
from timeline.events.geo import locate
from timeline.events.lexicon import WordForms, triggers
from timeline.events.nlp import split_sentences
from timeline.models import Event, Timex


def test_sentences_keep_abbreviations_initials_and_offsets() -> None:
    text = "Gen. Kenneth F. McKenzie met U.S. officials on Feb. 4.\nHe left.\n\nA new paragraph starts here."
    sentences = split_sentences(text)
    assert [s.text for s in sentences] == [
        "Gen. Kenneth F. McKenzie met U.S. officials on Feb. 4.", "He left.", "A new paragraph starts here."]
    assert [s.paragraph for s in sentences] == [0, 0, 1]
    assert all(text[s.start : s.end] == s.text for s in sentences)


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("Israeli jets STRUCK targets near Gaza.", True),
        ("The air-strike hit a depot.", True),
        ("He called for calm.", False),
        ("They fired missiles at the base.", True),
        ("The strikers marched through the capital.", False),
        ("Markets were calm in early trading.", False),
    ],
)
def test_sentence_filter_finds_whole_trigger_words_and_conditions(sentence: str, expected: bool) -> None:
    assert triggers().sentence_filter.may_hold_trigger(sentence) is expected


def test_word_forms_of_several_words_need_all_their_words() -> None:
    forms = WordForms.of({"phone call", "visit"})
    assert forms.found_in(frozenset({"a", "phone", "call"}))
    assert forms.found_in(frozenset({"visit"}))
    assert not forms.found_in(frozenset({"phone", "rang"}))


@pytest.mark.parametrize(
    ("name", "country"),
    [("Geneva", "Switzerland"), ("Kiev", "Ukraine"), ("Britain", "United Kingdom"),
     ("Gaza Strip", "Palestinian Territory"), ("Taipei", "Taiwan")],
)
def test_gazetteer_finds_places_offline(name: str, country: str) -> None:
    place = locate(name)
    assert place is not None and place.country == country


def test_unknown_places_are_none() -> None:
    assert locate("the island's legislature") is None


def timex(text: str, start: int, day: dt.date) -> Timex:
    return Timex(start, start + len(text), text, "DATE", day.isoformat(), day, day, "day", "relative-to-previous-date")


def test_anaphora_count_from_the_narrative_date_unless_the_sentence_gave_one() -> None:
    narrative = DateChoice(dt.date(2022, 12, 21), dt.date(2022, 12, 21), "day", "Wednesday", "explicit", "narrative")
    wrong = dt.date(2022, 2, 23)
    (moved,) = reanchor([timex("A day earlier", 0, wrong)], None, narrative)
    assert moved.date_start == dt.date(2022, 12, 20) and moved.rule == "relative-to-narrative-date"
    explicit = Timex(0, 7, "Tuesday", "DATE", "2022-12-20", dt.date(2022, 12, 20), dt.date(2022, 12, 20), "day",
                     "weekday-before-publication")
    kept = reanchor([explicit, timex("that evening", 20, dt.date(2022, 12, 20))], None, narrative)
    assert kept[1].date_start == dt.date(2022, 12, 20) and kept[1].rule == "relative-to-previous-date"


def test_bare_clock_times_take_the_narrative_day_and_day_anaphora_the_last_mentioned() -> None:
    narrative = DateChoice(dt.date(2020, 1, 8), dt.date(2020, 1, 8), "day", "Wednesday", "explicit", "narrative")
    mentioned = DateChoice(dt.date(2020, 1, 3), dt.date(2020, 1, 3), "day", "last Friday", "explicit", "mentioned")
    named_in_passing = dt.date(2020, 1, 3)
    clock, next_day = reanchor(
        [timex("1:30 a.m.", 0, named_in_passing), timex("the next day", 30, dt.date(2020, 1, 4))], mentioned, narrative
    )
    assert clock.date_start == dt.date(2020, 1, 8) and clock.rule == "relative-to-narrative-date"
    assert next_day.date_start == dt.date(2020, 1, 4)


def test_named_events_keep_their_own_date() -> None:
    sentence = "He recalled the mistakes made after the Sept. 11 attacks."
    choice = named_event_date(sentence, sentence.index("attacks"))
    assert choice is not None and choice.start == dt.date(2001, 9, 11) and choice.rule == "named-event"
    assert named_event_date(sentence, sentence.index("mistakes")) is None


def mention(order: int, strength: int, actor1: str, iso_day: str, nominal: bool = False) -> Mention:
    day = dt.date.fromisoformat(iso_day)
    event = Event(event_type="strike", actor1=actor1, event_date=day, date_start=day, date_end=day,
                  event_id=str(order), confidence=0.5)
    return Mention(event, strength, order, nominal)


def test_merge_keeps_the_best_dated_mention_and_separates_other_days() -> None:
    rows = merge_mentions([
        mention(1, 1, "", "2020-01-08", nominal=True),
        mention(2, 4, "Iran", "2020-01-08"),
        mention(3, 4, "Iran", "2020-01-03"),
    ])
    assert [(r.actor1, r.event_date) for r in rows] == [("Iran", dt.date(2020, 1, 8)), ("Iran", dt.date(2020, 1, 3))]
    assert rows[0].confidence > 0.5
