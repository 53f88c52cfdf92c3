"""Event extraction rules, one test per rule, on articles built in the test with a fixed publication date."""

from __future__ import annotations

import datetime as dt

import pytest

from timeline.events import cluster_events, extract_events
from timeline.models import Article, Event

PUBLISHED = dt.date(2020, 2, 6)  # a Thursday


def events_of(text: str, published: dt.date = PUBLISHED, source: str = "test.txt") -> list[Event]:
    return extract_events(Article(source=source, text=text, published=published, title=""))


def only(events: list[Event], event_type: str, modality: str = "asserted") -> Event:
    found = [e for e in events if e.event_type == event_type and e.modality == modality]
    assert len(found) == 1, [(e.event_type, e.modality, e.actor1, e.event_date) for e in events]
    return found[0]


def test_passive_voice_takes_the_agent_as_initiator() -> None:
    event = only(events_of("The al-Asad air base in Iraq was struck by Iranian missiles on Wednesday."), "strike")
    assert event.actor1 == "Iran"
    assert event.sub_event_type == "missile_strike"
    assert event.event_date == dt.date(2020, 2, 5)


def test_nominal_trigger_with_possessive_and_target() -> None:
    event = only(events_of("Iran's strike on the Ain al-Asad base on Tuesday caused no deaths."), "strike")
    assert event.actor1 == "Iran"
    assert "Asad" in event.actor2 + event.location
    assert event.event_date == dt.date(2020, 2, 4)


def test_negation_scope_covers_the_governing_verb_only() -> None:
    events = events_of(
        "Saudi Arabia did not take part in the strikes on Monday.\n\n"
        "He had not left Ukraine since Russia invaded the country on Feb. 24, 2019."
    )
    assert only(events, "strike", "negated").actor1 == "Saudi Arabia"
    invasion = only(events, "attack")
    assert invasion.actor1 == "Russia"
    assert invasion.event_date == dt.date(2019, 2, 24)


def test_no_strikes_were_reported_is_negated() -> None:
    events = events_of("No clashes were reported in Moscow on Monday.")
    assert [e.modality for e in events if e.event_type == "attack"] == ["negated"]


@pytest.mark.parametrize(
    "sentence",
    [
        "Kim Jong Un is expected to visit Vladivostok.",
        "Secretary of State Mike Pompeo will meet Chinese President Xi Jinping next week.",
        "Qin Gang accepted an invitation to visit Washington.",
        "Emmanuel Macron had planned to travel to Amman, but the trip was called off.",
    ],
)
def test_planned_and_cancelled_events_are_not_asserted(sentence: str) -> None:
    events = events_of(sentence)
    assert events
    assert all(e.modality in ("planned", "negated") for e in events), [(e.event_type, e.modality) for e in events]


@pytest.mark.parametrize(
    "sentence",
    [
        "Israeli leaders said Israel could strike Iran's nuclear facilities if diplomacy fails.",
        "Abdul-Malik al-Houthi warned on Thursday that any American attack on Yemen would not go unanswered.",
        "Biden warned that the United States would respond if Russian hackers attacked them.",
    ],
)
def test_hypothetical_events_are_not_asserted(sentence: str) -> None:
    events = events_of(sentence)
    assert events
    assert all(e.modality == "hypothetical" for e in events), [(e.event_type, e.modality) for e in events]


def test_reported_claims_stay_asserted() -> None:
    event = only(events_of("Israeli aircraft struck ten Hamas targets in Gaza on Wednesday, the military said."),
                 "strike")
    assert event.actor1 == "Israel"
    assert event.location == "Gaza"


def test_sentence_without_date_inherits_the_narrative_date() -> None:
    events = events_of(
        "On February 4th Defense Secretary Mark Esper met Iraqi Prime Minister Adil Abdul-Mahdi in Baghdad. "
        "He also visited the al-Asad air base, which Iranian missiles had hit in January."
    )
    meeting = only(events, "meeting")
    visit = only(events, "visit")
    assert meeting.event_date == visit.event_date == dt.date(2020, 2, 4)
    assert visit.date_rule == "inherited-from-narrative"
    assert visit.actor1 == "Mark Esper"


def test_year_less_date_across_the_year_boundary() -> None:
    event = only(events_of("On December 31, protesters stormed the US embassy in Baghdad.",
                           published=dt.date(2020, 1, 5)), "attack")
    assert event.event_date == dt.date(2019, 12, 31)
    assert event.sub_event_type == "storming"


def test_publication_date_is_the_last_resort_and_says_so() -> None:
    event = only(events_of("Turkish warplanes struck Kurdish militant targets in northern Syria."), "strike")
    assert event.event_date == PUBLISHED
    assert event.date_rule == "publication-date"
    assert event.actor1 == "Turkey"


def test_dates_of_named_events_are_not_the_articles_year() -> None:
    events = events_of("Biden met Benjamin Netanyahu in Tel Aviv on Wednesday and recalled the mistakes the "
                       "United States made after the Sept. 11 attacks.", published=dt.date(2023, 10, 19))
    assert all(e.event_date != dt.date(2023, 9, 11) for e in events)
    assert only(events, "meeting").event_date == dt.date(2023, 10, 18)


def test_durations_are_not_event_dates() -> None:
    event = only(events_of("Pelosi began a two-week tour of Asia in Singapore on Monday."), "visit")
    assert event.event_date == dt.date(2020, 2, 3)


def test_spelling_variants_titles_and_surnames_share_one_name() -> None:
    events = events_of(
        "Gen. Kenneth McKenzie met Iraqi Prime Minister Adil Abdul-Mahdi in Baghdad on Monday.\n\n"
        "On Tuesday, McKenzie met Adel Abdul Mahdi again in Baghdad."
    )
    meetings = [e for e in events if e.event_type == "meeting"]
    assert len(meetings) == 2
    assert {e.actor1 for e in meetings} == {"Kenneth McKenzie"}
    assert {e.actor2 for e in meetings} == {"Adil Abdul-Mahdi"}


def test_demonyms_name_their_country() -> None:
    event = only(events_of("American and British warplanes struck Houthi targets in Yemen on Monday."), "strike")
    assert event.actor1 == "United States"
    assert "Britain" in event.other_actors


def test_the_same_event_told_three_times_is_one_row() -> None:
    events = events_of(
        "Iranian missiles struck the al-Asad air base in Iraq on Wednesday.\n\n"
        "The strike caused no casualties, officials said.\n\n"
        "Iran's strike on al-Asad was a response to the killing of Qassem Soleimani."
    )
    assert len([e for e in events if e.event_type == "strike"]) == 1


def test_struck_killing_is_one_event() -> None:
    events = events_of("Turkish jets struck a village in Syria on Sunday, killing ten people.")
    assert [e.event_type for e in events] == ["strike"]


@pytest.mark.parametrize(
    "sentence",
    [
        "A Ukrainian airliner crashed after take-off from Tehran on Wednesday, killing all 176 people on board.",
        "On Tuesday, a stampede at the funeral in Kerman killed dozens of mourners.",
        "An earthquake killed 300 people in Herat on Saturday.",
    ],
)
def test_deaths_in_accidents_and_disasters_are_not_killings(sentence: str) -> None:
    assert [e for e in events_of(sentence) if e.event_type == "killing"] == []


def test_a_killing_by_attackers_stays_a_killing() -> None:
    event = only(events_of("Gunmen killed three police officers in Karachi on Sunday."), "killing")
    assert event.actor1 == "gunmen"


def test_deal_is_not_a_strike() -> None:
    assert events_of("Putin spoke again after the deal was struck on Saturday.") == []


def test_phone_call_with_counterpart() -> None:
    event = only(events_of("Biden spoke by phone with Egyptian President Abdel Fattah al-Sisi on Wednesday."), "call")
    assert event.actor1 == "Biden"
    assert event.actor2 == "Abdel Fattah al-Sisi"


def test_evidence_points_at_the_sentence_and_ids_are_stable() -> None:
    text = "Reporters waited.\n\nChinese President Xi Jinping visited Riyadh on Wednesday."
    first, second = events_of(text), events_of(text)
    event = only(first, "visit")
    assert text[event.char_start : event.char_end] == event.source_sentence
    assert event.event_id == only(second, "visit").event_id
    assert event.country == "Saudi Arabia"
    assert event.latitude is not None and event.longitude is not None
    assert 0.0 < event.confidence <= 1.0


def test_user_alias_file_extends_the_aliases(tmp_path: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> None:
    from timeline.events import lexicon

    alias_file = tmp_path / "aliases.yaml"  # type: ignore[operator]
    alias_file.write_text("aliases:\n  Mohammed Shia al-Sudani: [Sudani, Mohammed al-Sudani]\n", encoding="utf-8")
    monkeypatch.setenv(lexicon.ALIASES_ENV, str(alias_file))
    lexicon.actors.cache_clear()
    try:
        event = only(events_of("Prime Minister Mohammed al-Sudani visited Tehran on Monday."), "visit")
        assert event.actor1 == "Mohammed Shia al-Sudani"
    finally:
        monkeypatch.delenv(lexicon.ALIASES_ENV)
        lexicon.actors.cache_clear()


def test_cluster_joins_the_same_event_from_two_sources() -> None:
    a = events_of("Iranian missiles struck the al-Asad air base in Iraq on Wednesday.", source="a.txt")
    b = events_of("Iran fired missiles at al-Asad on Wednesday, striking the base.", source="b.txt")
    c = events_of("Chinese President Xi Jinping visited Riyadh on Wednesday.", source="c.txt")
    rows = cluster_events([*a, *b, *c])
    strikes = [r for r in rows if r.event_type == "strike"]
    assert len({r.cluster_id for r in strikes}) == 1
    assert all(r.num_sources == 2 for r in strikes)
    visit = next(r for r in rows if r.event_type == "visit")
    assert visit.num_sources == 1 and visit.cluster_id not in {r.cluster_id for r in strikes}


def test_text_without_events_gives_no_rows() -> None:
    assert events_of("The weather in Geneva was mild. Markets were calm.") == []
    assert events_of("") == []


def test_without_publication_date_undated_events_say_so() -> None:
    events = extract_events(Article(source="x.txt", text="Turkish warplanes struck Kurdish targets in Syria."))
    event = only(events, "strike")
    assert event.event_date is None and event.date_rule == "undated"


def test_hostile_text_does_not_break_extraction() -> None:
    long_run = "troops attacked " * 5000
    text = f"{long_run}\n\n\u0000\u202e strike \ufeff on\n\n" + "Iran's strike on al-Asad on Tuesday. " * 3
    events = events_of(text)
    assert all(len(e.source_sentence) <= 1500 for e in events)
    assert any(e.actor1 == "Iran" for e in events)


def test_group_pronoun_target_and_place_as_written() -> None:
    events = events_of(
        "Hezbollah said it had fired rockets at an Israeli army post on Tuesday.\n\n"
        "A suicide bomber killed 12 people at a market in Kabul on Wednesday, police said.\n\n"
        "Chinese Foreign Minister Wang Yi visited Moscow on Monday."
    )
    strike = only(events, "strike")
    assert (strike.actor1, strike.actor2) == ("Hezbollah", "Israel")
    assert only(events, "killing").location == "Kabul"
    visit = only(events, "visit")
    assert (visit.location, visit.country) == ("Moscow", "Russia")
