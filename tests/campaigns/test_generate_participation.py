"""generate_participation makes a made-up county whose log looks real and the report counts."""

import io
import re
from collections import Counter
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
from django.conf import settings
from django.core.management import call_command

from campaigns import reach
from campaigns.models import CampaignPage, Neighbourhood, Participation, Town
from campaigns.residents import MAINLAND_MOBILE

pytestmark = pytest.mark.django_db

Kind = Participation.Kind
LOCAL = ZoneInfo(settings.TIME_ZONE)
KEY = re.compile(r"[0-9a-f]{64}")
ROWS = 2000


def generate(seed=3):
    out = io.StringIO()
    call_command(
        "generate_participation",
        rows=ROWS,
        neighbourhoods=20,
        campaigns=2,
        seed=seed,
        stdout=out,
    )
    return out.getvalue()


def test_it_writes_the_rows_asked_for_over_generated_places_and_campaigns(home_page):
    output = generate()

    assert f"{ROWS:,} / {ROWS:,}" in output
    places = {place.pk: place for place in Neighbourhood.objects.filter(slug__startswith="gen-")}
    assert len(places) == 20
    assert Town.objects.filter(slug__startswith="gen-town-").count() == 2
    assert all(1500 <= place.population <= 12000 for place in places.values())
    assert all(place.outline["type"] == "Polygon" for place in places.values())
    campaigns = {page.pk: page for page in CampaignPage.objects.live()}
    assert sorted(page.slug for page in campaigns.values()) == [
        "gen-campaign-01",
        "gen-campaign-02",
    ]
    assert all(page.get_parent().slug == "campaigns" for page in campaigns.values())

    rows = list(Participation.objects.order_by("pk"))
    assert len(rows) == ROWS
    # Appended as acts happen, like a real log: ids rise with time.
    assert [row.occurred_at for row in rows] == sorted(row.occurred_at for row in rows)
    # Most places are reached; a cold one may not be at this small scale.
    reached = {row.neighbourhood_id for row in rows}
    assert reached <= set(places) and len(reached) >= 15
    assert {row.campaign_id for row in rows} == set(campaigns)
    for row in rows:
        campaign = campaigns[row.campaign_id]
        assert campaign.start_date <= row.occurred_at.astimezone(LOCAL).date() <= campaign.end_date
        assert row.source_type_id is None and row.source_id is None


def test_the_rows_mix_kinds_anonymous_acts_scores_and_hours_like_real_ones(home_page):
    generate()

    rows = list(Participation.objects.all())
    shares = Counter(row.kind for row in rows)
    assert 0.25 < shares[Kind.VISIT] / ROWS < 0.35
    assert 0.30 < shares[Kind.QUIZ] / ROWS < 0.40
    assert all(shares[kind] > ROWS * 0.05 for kind in Kind)
    assert all(row.participant == "" for row in rows if row.kind == Kind.VISIT)
    quizzes = [row for row in rows if row.kind == Kind.QUIZ]
    assert 0 < sum(1 for row in quizzes if not row.participant) < len(quizzes) / 3
    assert all(Decimal(0) <= row.score <= Decimal(100) for row in quizzes)
    assert all(row.score is None for row in rows if row.kind != Kind.QUIZ)
    hours = {row.weight for row in rows if row.kind == Kind.VOLUNTEER_ATTENDANCE}
    assert min(hours) == Decimal("0.5") and max(hours) == Decimal(4)
    assert {row.weight for row in rows if row.kind != Kind.VOLUNTEER_ATTENDANCE} == {Decimal(1)}
    # Residents are keyed like real ones, and nothing stored is a phone number.
    keys = {row.participant for row in rows if row.participant}
    assert all(KEY.fullmatch(key) for key in keys)
    assert not any(MAINLAND_MOBILE.fullmatch(key) for key in keys)
    assert ROWS / 6 < len(keys) < ROWS / 3
    # Acts happen through the day, local time, and not at one hour.
    assert len({row.occurred_at.astimezone(LOCAL).hour for row in rows}) > 12


def test_each_resident_lives_in_one_neighbourhood_and_reach_is_uneven(home_page):
    generate()
    reach.roll_up()

    homes = {}
    for key, place in Participation.objects.exclude(participant="").values_list(
        "participant", "neighbourhood_id"
    ):
        homes.setdefault(key, set()).add(place)
    assert {len(places) for places in homes.values()} == {1}
    rates = [row.per_thousand for _place, row in reach.report(reach.Scope()).neighbourhoods]
    assert max(rates) > 2 * min(rates)


def test_the_report_counts_every_generated_row_after_a_roll_up(home_page):
    generate()

    reach.roll_up()

    county = reach.report(reach.Scope()).county
    assert county.participations == ROWS
    people = Participation.objects.exclude(participant="").values("participant").distinct()
    assert county.residents == people.count()


def test_running_it_again_adds_rows_to_the_same_county(campaign_index):
    generate()
    generate(seed=4)

    assert Participation.objects.count() == 2 * ROWS
    assert Neighbourhood.objects.count() == 20
    assert Town.objects.count() == 2
    assert CampaignPage.objects.child_of(campaign_index).count() == 2
