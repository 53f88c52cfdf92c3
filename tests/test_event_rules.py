"""The general rules that make event extraction hold on news it was not written from: which clause dates an event,
who reports it and who does it, when two mentions are one event, and which statements are not events at all.
Each rule is checked on sentences written for the test."""

from __future__ import annotations

import datetime as dt

import pytest

from timeline.events import extract_events
from timeline.models import Article, Event

PUBLISHED = dt.date(2021, 3, 12)  # a Friday


def events_of(text: str, title: str = "") -> list[Event]:
    return extract_events(Article(source="rules.txt", text=text, published=PUBLISHED, title=title))


def asserted(events: list[Event], family_types: tuple[str, ...] = ("strike", "attack", "killing")) -> list[Event]:
    return [e for e in events if e.modality == "asserted" and e.event_type in family_types]


def test_the_event_clause_dates_the_event_not_the_report() -> None:
    (event,) = asserted(events_of("Officials said on Thursday that rebels had shelled the port of Tobruk on Tuesday."))
    assert event.event_date == dt.date(2021, 3, 9)
    assert event.actor1 == "rebels"
    assert event.location == "Tobruk"


def test_a_date_in_a_relative_clause_dates_only_that_clause() -> None:
    (event,) = asserted(events_of("In Homs, where the army crushed a revolt in 1982, soldiers opened fire on "
                                  "mourners."))
    assert event.event_date == PUBLISHED
    assert event.location == "Homs"


def test_the_reporting_date_is_the_last_resort_and_says_so() -> None:
    (event,) = asserted(events_of("Police in Basra said on Wednesday that gunmen killed two guards at a checkpoint."))
    assert event.event_date == dt.date(2021, 3, 10)
    assert event.date_rule == "reporting-date"


def test_a_running_total_is_an_interval_not_a_day() -> None:
    (event,) = asserted(events_of("More than 3,000 people have been killed since January, the monitoring group said."))
    assert (event.date_start, event.date_end) == (dt.date(2021, 1, 1), PUBLISHED)
    assert event.date_rule == "since-date"


def test_the_source_of_a_claim_is_recorded_and_never_the_initiator() -> None:
    (event,) = asserted(events_of("The Syrian Observatory for Human Rights said at least two people were killed in "
                                  "Douma."))
    assert "Observatory" in event.reported_by
    assert "Observatory" not in event.actor1
    assert event.location == "Douma"


def test_an_event_without_a_named_actor_is_kept_by_its_place() -> None:
    (event,) = asserted(events_of("At least eight people were killed in Aleppo on Friday after prayers."))
    assert event.actor1 == ""
    assert event.location == "Aleppo"
    assert event.event_date == PUBLISHED


@pytest.mark.parametrize("text", [
    "Government forces shelled Talbiseh on Saturday. Rebels shelled Rastan on Saturday.",
    "Five people were killed in Idlib on Saturday. Three more were killed in Idlib on Sunday.",
])
def test_mentions_of_different_events_stay_apart(text: str) -> None:
    events = asserted(events_of(text))
    assert len(events) == 2, [(e.actor1, e.location, e.event_date) for e in events]
    assert len({(e.location, e.event_date) for e in events}) == 2


def test_a_mention_told_again_joins_its_event_without_importing_a_date() -> None:
    events = asserted(events_of(
        "Syrian air defences shot down a Turkish F-4 jet over the sea on Friday. Turkey called the shooting down "
        "of the F-4 an act of aggression."))
    assert [e.event_date for e in events] == [PUBLISHED]


def test_a_dated_past_event_inside_a_quote_is_kept() -> None:
    (event,) = asserted(events_of('"Our jets struck the depot near Hama on Tuesday," the army said.'))
    assert event.event_date == dt.date(2021, 3, 9)
    assert event.location == "Hama"


@pytest.mark.parametrize("text", [
    '"We attack whoever attacks us," the commander said.',
    "The militia targets only army positions, its spokesman said.",
])
def test_a_generic_present_statement_is_not_an_event(text: str) -> None:
    assert asserted(events_of(text)) == []


@pytest.mark.parametrize("text", [
    "The army denied attacking the village of Kafr Nabl on Monday.",
    "Officials said pilots had been ordered to bomb the protesters on Monday.",
])
def test_denied_and_ordered_strikes_are_not_asserted(text: str) -> None:
    assert asserted(events_of(text)) == []


def test_taking_ground_is_a_force_event_at_that_place() -> None:
    (event,) = asserted(events_of("Insurgents seized the airport of Kunduz on Monday, the governor said."))
    assert event.sub_event_type == "territory_taken"
    assert event.location == "Kunduz"
    assert event.event_date == dt.date(2021, 3, 8)


def test_the_city_refers_back_to_the_town_named_before() -> None:
    events = asserted(events_of("Rebels entered the city of Misrata on Monday. The army said the city was shelled "
                                "on Tuesday."))
    assert [(e.location, e.event_date) for e in events if e.event_type == "strike"] == [
        ("Misrata", dt.date(2021, 3, 9))]


def test_the_doer_of_a_claimed_attack_is_the_claimant() -> None:
    (event,) = asserted(events_of("The Shabaab group claimed responsibility for Wednesday's bombing of a police "
                                  "station near Kismayo."))
    assert "Shabaab" in event.actor1
    assert event.event_date == dt.date(2021, 3, 10)


def test_a_passive_killing_takes_the_doer_the_previous_sentence_named() -> None:
    events = asserted(events_of("Security forces opened fire on protesters in Deraa on Thursday. "
                                "Four people were killed in the nearby town of Sanamein."))
    killing = next(e for e in events if e.event_type == "killing")
    assert killing.actor1 == "security forces"
    assert killing.event_date == dt.date(2021, 3, 11)


def test_a_headline_dates_what_the_story_tells_undated() -> None:
    events = events_of("Kenyan Foreign Minister Amina Wekesa met her Ghanaian counterpart Kofi Mensah in Nairobi.",
                       title="Wekesa meets Mensah in Nairobi on Wednesday")
    (meeting,) = [e for e in events if e.event_type == "meeting"]
    assert meeting.event_date == dt.date(2021, 3, 10)
    assert meeting.actor1 == "Amina Wekesa"


def test_the_arrival_of_a_delegation_names_the_visitor() -> None:
    (visit,) = [e for e in events_of("Crowds gathered on Sunday for the arrival in Hama of a government delegation.")
                if e.event_type == "visit"]
    assert visit.actor1 == "government delegation"
    assert visit.location == "Hama"


def test_explosions_that_rock_a_city_happen_there_and_a_national_capital_is_its_city() -> None:
    (blast,) = asserted(events_of("Explosions rocked Benghazi on Wednesday."))
    assert blast.location == "Benghazi"
    (raid,) = asserted(events_of("Warplanes bombed targets in the Syrian capital on Wednesday."))
    assert raid.location == "Damascus"


def test_they_who_attack_are_not_the_people_just_named() -> None:
    (attack,) = asserted(events_of("Omar Haddad spoke to the reporter Lina Farouk in Sfax on Thursday. \"They are "
                                   "attacking students,\" she said."))
    assert attack.actor1 == ""
    assert attack.actor2 == "students"


def test_all_the_attacks_are_no_one_event() -> None:
    events = events_of("The minister defended the governor, saying: \"In spite of all the attacks against him, he "
                       "kept the peace.\" Gunmen attacked a checkpoint in Mosul on Tuesday.")
    (attack,) = asserted(events)
    assert attack.actor1 == "gunmen"
    assert attack.event_date == dt.date(2021, 3, 9)


def test_a_weekend_trip_is_last_weekend_not_a_duration() -> None:
    events = events_of("Back in Rome after a weekend trip to Tunisia, the minister Paolo Russo told reporters on "
                       "Thursday that talks would resume.")
    (trip,) = [e for e in events if e.event_type == "visit"]
    assert (trip.date_start, trip.date_end) == (dt.date(2021, 3, 6), dt.date(2021, 3, 7))
    assert trip.location == "Tunisia"


def test_the_leader_of_a_led_offensive_is_its_initiator() -> None:
    (attack,) = asserted(events_of("A Saudi-led offensive retook the port of Hodeidah on Tuesday."), ("attack",))
    assert attack.actor1 == "Saudi Arabia"
    assert attack.event_date == dt.date(2021, 3, 9)


def test_a_measured_time_after_a_dated_event_dates_the_event() -> None:
    events = events_of("The envoy met rebel leaders in Sirte three days after the bombing of the port on 2 "
                       "February.")
    meeting = next(e for e in events if e.event_type == "meeting")
    assert meeting.event_date == dt.date(2021, 2, 5)
    assert meeting.date_rule == "offset-from-clause-date"


def test_an_adverb_of_frequency_makes_a_habit_not_an_event() -> None:
    events = events_of("Mortar attacks occasionally hit the base near Kirkuk. Militants rarely strike the city "
                       "itself. Gunmen attacked the base on Tuesday.")
    (attack,) = asserted(events)
    assert attack.event_date == dt.date(2021, 3, 9)


def test_calling_on_someone_to_act_is_an_appeal_not_a_visit() -> None:
    events = events_of("The envoy called on the factions to end the fighting. The envoy called on President Haddad "
                       "in Tunis on Tuesday.")
    (meeting,) = [e for e in events if e.event_type == "meeting"]
    assert meeting.actor2 == "Haddad"
    assert meeting.event_date == dt.date(2021, 3, 9)


def test_a_particle_follows_its_verb() -> None:
    events = events_of("On Wednesday, the foreign ministry called the raid a violation of the truce.")
    assert [e for e in events if e.event_type == "meeting"] == []


def test_a_group_no_one_country_stands_for_keeps_its_noun() -> None:
    events = events_of("European ministers met the rebel leadership in Benghazi on Monday.")
    (meeting,) = [e for e in events if e.event_type == "meeting"]
    assert meeting.actor1 == "European ministers"


def test_a_lead_the_parser_gave_no_verb_still_dates_the_story() -> None:
    events = events_of("Rebels to the west and east of Libya's increasingly isolated capital fought forces loyal to "
                       "Muammar Gaddafi on Wednesday for control of oil facilities vital to winning the war.\n\n"
                       "In Zawiyah, west of Tripoli, they assaulted a coastal oil refinery.")
    assault = next(e for e in events if e.location == "Zawiyah")
    assert assault.event_date == dt.date(2021, 3, 10)
