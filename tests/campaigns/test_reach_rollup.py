"""The reach rollups always give the numbers a recount of the raw participation log gives."""

import datetime
import random
from collections import defaultdict
from decimal import ROUND_HALF_UP, Decimal
from zoneinfo import ZoneInfo

import pytest
from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.management import call_command

from campaigns import factories, reach
from campaigns.models import AttendanceCorrection, Participation, ReachWatermark
from campaigns.residents import participant_key
from campaigns.volunteering import correct_attendance, enter_paper_attendance

pytestmark = pytest.mark.django_db

Kind = Participation.Kind
LOCAL = ZoneInfo(settings.TIME_ZONE)
FIRST_DAY = datetime.date(2026, 3, 1)


@pytest.fixture
def county(campaign_index):
    towns = factories.TownFactory.create_batch(2)
    places = [factories.NeighbourhoodFactory(town=towns[i % 2]) for i in range(5)]
    campaigns = factories.CampaignPageFactory.create_batch(2, parent=campaign_index)
    return towns, places, campaigns


def random_rows(county, count, seed):
    """Write count random acts: some anonymous, some hour corrections, spread over 20 days.

    A correction is logged as the site logs one: dated with the attendance it corrects, for the
    same resident, place and campaign, taking away some or all of its hours.
    """
    _towns, places, campaigns = county
    chance = random.Random(seed)
    people = [participant_key(f"1381234{n:04d}") for n in range(40)]
    correction_type = ContentType.objects.get_for_model(AttendanceCorrection)
    rows, attended = [], []
    for _ in range(count):
        kind = chance.choice(list(Kind))
        day = FIRST_DAY + datetime.timedelta(days=chance.randrange(20))
        # Near midnight in local time, so a day cut in UTC instead would be caught.
        at = datetime.datetime.combine(day, datetime.time(chance.choice([0, 7, 23]), 30), LOCAL)
        row = Participation(
            kind=kind,
            neighbourhood=chance.choice([*places, None]),
            campaign=chance.choice([*campaigns, None]),
            participant=""
            if kind == Kind.VISIT or chance.random() < 0.2
            else chance.choice(people),
            occurred_at=at,
        )
        if kind == Kind.QUIZ:
            row.score = Decimal(chance.randrange(0, 1001)) / 10
        if kind == Kind.VOLUNTEER_ATTENDANCE:
            if attended and chance.random() < 0.4:
                corrected = attended.pop(chance.randrange(len(attended)))
                row.neighbourhood, row.campaign = corrected.neighbourhood, corrected.campaign
                row.participant, row.occurred_at = corrected.participant, corrected.occurred_at
                row.weight = -chance.choice([corrected.weight, corrected.weight / 2])
                row.source_type, row.source_id = correction_type, chance.randrange(10**9)
            else:
                row.weight = Decimal(chance.choice(["0.5", "1.5", "3"]))
                attended.append(row)
        rows.append(row)
    Participation.objects.bulk_create(rows)


def take_part(kind, place, campaign, participant, day):
    """Log one act at noon, day days after the first day."""
    at = datetime.datetime.combine(
        FIRST_DAY + datetime.timedelta(days=day), datetime.time(12), LOCAL
    )
    Participation.objects.create(
        kind=kind, neighbourhood=place, campaign=campaign, participant=participant, occurred_at=at
    )


def recount(scope):
    """Count straight from the log what the report should show, per neighbourhood and county."""
    rows = Participation.objects.all()
    if scope.campaign:
        rows = rows.filter(campaign_id=scope.campaign)
    if scope.town:
        rows = rows.filter(neighbourhood__town_id=scope.town)
    per_place = defaultdict(lambda: defaultdict(Decimal))
    people = defaultdict(lambda: defaultdict(lambda: defaultdict(Decimal)))
    for row in rows.select_related("source_type"):
        day = row.occurred_at.astimezone(LOCAL).date()
        if (scope.start and day < scope.start) or (scope.end and day > scope.end):
            continue
        for place in (row.neighbourhood_id or 0, "county"):
            figures = per_place[place]
            acts = 0 if row.source_type and row.source_type.model == "attendancecorrection" else 1
            figures["participations"] += acts
            figures[row.kind] += acts
            if row.kind == Kind.VOLUNTEER_ATTENDANCE:
                figures["hours"] += row.weight
            if row.score is not None:
                figures["scored"] += 1
                figures["score_sum"] += row.score
            if row.participant:
                person = people[place][row.participant]
                person[row.kind] += 1
                if row.kind == Kind.VOLUNTEER_ATTENDANCE:
                    person["hours"] += row.weight
    result = {}
    for place, figures in per_place.items():
        residents = people[place].values()
        average = (
            (figures["score_sum"] / figures["scored"]).quantize(Decimal("0.1"), ROUND_HALF_UP)
            if figures["scored"]
            else None
        )
        result[place] = {
            "participations": int(figures["participations"]),
            "quiz_attempts": int(figures[Kind.QUIZ]),
            "average_score": average,
            "pledges": int(figures[Kind.PLEDGE]),
            "volunteer_signups": int(figures[Kind.VOLUNTEER_SIGNUP]),
            "visits": int(figures[Kind.VISIT]),
            "hours": figures["hours"].quantize(Decimal("0.01")),
            "residents": len(residents),
            "quiz_takers": sum(1 for person in residents if person[Kind.QUIZ]),
            "pledgers": sum(1 for person in residents if person[Kind.PLEDGE]),
            "attendees": sum(1 for person in residents if person["hours"] > 0),
        }
    return result


def figures(reach_row):
    return {
        name: getattr(reach_row, name)
        for name in (
            "participations",
            "quiz_attempts",
            "average_score",
            "pledges",
            "volunteer_signups",
            "visits",
            "hours",
            "residents",
            "quiz_takers",
            "pledgers",
            "attendees",
        )
    }


EMPTY = figures(reach.Reach())


def assert_report_matches_log(county):
    towns, _places, campaigns = county
    scopes = [
        reach.Scope(),
        reach.Scope(campaign=campaigns[0].pk),
        reach.Scope(start=FIRST_DAY + datetime.timedelta(days=3), end=FIRST_DAY.replace(day=12)),
        reach.Scope(campaign=campaigns[1].pk, town=towns[0].pk, end=FIRST_DAY.replace(day=9)),
        reach.Scope(start=FIRST_DAY.replace(day=7), end=FIRST_DAY.replace(day=7)),
    ]
    for scope in scopes:
        expected, counted = recount(scope), reach.report(scope)
        for place, reach_row in counted.neighbourhoods:
            assert figures(reach_row) == expected.get(place.pk, EMPTY), (scope, place)
        # The county also counts acts with no neighbourhood, unless a town narrows it.
        assert figures(counted.county) == expected.get("county", EMPTY), scope


def test_the_report_equals_a_recount_of_the_log_after_each_run_and_interleaved_inserts(county):
    random_rows(county, 300, seed=1)
    reach.roll_up()
    assert_report_matches_log(county)

    # Running again with nothing new changes nothing.
    assert reach.roll_up() == 0
    assert_report_matches_log(county)

    # Rows written between runs are folded in once.
    for seed in (2, 3):
        random_rows(county, 150, seed=seed)
        reach.roll_up()
        random_rows(county, 40, seed=seed + 10)
        reach.roll_up()
        reach.roll_up()
    assert_report_matches_log(county)
    assert ReachWatermark.objects.get().last_id == Participation.objects.latest("pk").pk


def test_a_rebuild_gives_the_same_numbers_as_the_incremental_rollups(county):
    random_rows(county, 200, seed=4)
    reach.roll_up()
    random_rows(county, 100, seed=5)
    reach.roll_up()
    before = reach.report(reach.Scope())

    messages = []
    reach.rebuild(progress=lambda done, total: messages.append((done, total)))

    after = reach.report(reach.Scope())
    assert [figures(row) for _, row in after.neighbourhoods] == [
        figures(row) for _, row in before.neighbourhoods
    ]
    assert figures(after.county) == figures(before.county)
    assert messages[-1] == (300, 300)


def test_the_rebuild_command_reports_progress_and_recounts_everything(county, capsys):
    random_rows(county, 120, seed=6)

    call_command("rebuild_reach")

    assert "120/120" in capsys.readouterr().out
    assert_report_matches_log(county)


def test_reach_rate_counts_each_resident_once_however_often_they_took_part(county):
    _towns, places, campaigns = county
    place = places[0]
    place_population = place.population
    someone = participant_key("13812340001")
    for day in range(3):
        for kind in (Kind.QUIZ, Kind.PLEDGE):
            take_part(kind, place, campaigns[0], someone, day)
    reach.roll_up()

    row = dict(reach.report(reach.Scope()).neighbourhoods)[place]

    assert (row.participations, row.residents) == (6, 1)
    assert row.per_thousand == (Decimal(1000) / place_population).quantize(Decimal("0.1"))


def test_a_volunteer_whose_hours_were_corrected_to_nothing_is_not_an_attendee(volunteer_index):
    room = factories.NeighbourhoodVolunteerPageFactory(parent=volunteer_index)
    ends = datetime.datetime.combine(FIRST_DAY, datetime.time(16), LOCAL)
    event = factories.VolunteerEventPageFactory(
        parent=room, starts_at=ends - datetime.timedelta(hours=2), ends_at=ends
    )
    signup = enter_paper_attendance(
        event,
        name="钱大爷",
        neighbourhood=room.neighbourhood,
        phone="13512345678",
        hours=Decimal(2),
        entered_by=None,
    )
    reach.roll_up()
    attended = dict(reach.report(reach.Scope(end=FIRST_DAY)).neighbourhoods)[room.neighbourhood]

    # Corrected today, months after the activity: the change belongs to the activity's day.
    correct_attendance(signup, hours=None, corrected_by=None)
    reach.roll_up()

    whole = dict(reach.report(reach.Scope()).neighbourhoods)[room.neighbourhood]
    that_day = dict(reach.report(reach.Scope(end=FIRST_DAY)).neighbourhoods)[room.neighbourhood]
    assert (attended.attendees, attended.hours) == (1, 2)
    assert (whole.volunteer_signups, whole.attendees, whole.hours) == (1, 0, 0)
    assert (that_day.attendees, that_day.hours) == (0, 0)
    assert {
        row.occurred_at for row in Participation.objects.filter(kind=Kind.VOLUNTEER_ATTENDANCE)
    } == {ends}


def test_a_neighbourhood_moved_to_another_town_is_counted_with_its_new_town(
    county, django_capture_on_commit_callbacks
):
    towns, places, campaigns = county
    here, there = places[0], places[1]  # in towns[0] and towns[1]
    someone = participant_key("13812340003")
    for day, place in enumerate((here, there)):
        take_part(Kind.QUIZ, place, campaigns[0], someone, day)
    reach.roll_up()
    before = {town.pk: row.residents for town, row in reach.report(reach.Scope()).towns}

    with django_capture_on_commit_callbacks(execute=True):
        there.town = towns[0]
        there.save()

    after = {town.pk: row.residents for town, row in reach.report(reach.Scope()).towns}
    within = reach.report(reach.Scope(town=towns[0].pk, campaign=campaigns[0].pk)).county
    assert (before[towns[0].pk], before[towns[1].pk]) == (1, 1)
    assert (after[towns[0].pk], after[towns[1].pk]) == (1, 0)
    assert (within.residents, within.quiz_takers, within.quiz_attempts) == (1, 1, 2)


@pytest.mark.parametrize(
    ("residents", "shown"),
    [(0, True), (1, False), (4, False), (5, True)],
)
def test_figures_that_would_single_out_fewer_than_five_residents_are_suppressed(residents, shown):
    row = reach.Reach(population=1000, residents=residents, participations=residents * 2)

    public = reach.suppress(row)

    assert (public.residents == residents) is shown
    assert (public.participations is not None) is shown
    assert (public.per_thousand is not None) is shown


def test_a_lone_hidden_cell_takes_a_second_one_with_it_so_totals_cannot_reveal_it():
    town = factories.TownFactory.build(pk=1)
    rows = [
        (factories.NeighbourhoodFactory.build(town=town, pk=pk), reach.Reach(residents=residents))
        for pk, residents in ((1, 3), (2, 20), (3, 10), (4, 0))
    ]

    shown = dict(reach.suppress_table(rows))

    assert [shown[place].residents for place, _ in rows] == [None, 20, None, 0]


def test_nothing_more_is_hidden_when_no_cell_is_small():
    town = factories.TownFactory.build(pk=1)
    rows = [
        (factories.NeighbourhoodFactory.build(town=town, pk=pk), reach.Reach(residents=residents))
        for pk, residents in ((1, 30), (2, 20))
    ]

    assert [row.residents for _, row in reach.suppress_table(rows)] == [30, 20]


def test_a_roll_up_from_the_first_row_starts_from_nothing(county):
    random_rows(county, 120, seed=8)
    reach.roll_up()
    # The watermark is set back, as migration 0008 does, with the rollups still full.
    ReachWatermark.objects.update(last_id=0)

    reach.roll_up()

    assert_report_matches_log(county)
