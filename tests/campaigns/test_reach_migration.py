"""Migration 0008 dates logged hour corrections with their attendance and empties the rollups,
so the next roll-up counts the whole log into the new tallies."""

import datetime
from decimal import Decimal

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from campaigns import factories
from campaigns.models import Participation
from campaigns.volunteering import correct_attendance, enter_paper_attendance

BEFORE = [("campaigns", "0007_reach_page_and_api_tokens")]
AFTER = [("campaigns", "0008_reach_tallies")]


def migrate(targets):
    executor = MigrationExecutor(connection)
    executor.migrate(targets)
    executor.loader.build_graph()
    return executor.loader.project_state(targets).apps


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_corrections_move_to_their_attendance_and_the_rollups_start_again(volunteer_index):
    room = factories.NeighbourhoodVolunteerPageFactory(parent=volunteer_index)
    event = factories.VolunteerEventPageFactory(parent=room)
    signup = enter_paper_attendance(
        event,
        name="钱大爷",
        neighbourhood=room.neighbourhood,
        phone="13512345678",
        hours=Decimal(2),
        entered_by=None,
    )
    correct_attendance(signup, hours=Decimal(1), corrected_by=None)
    attended, corrected = Participation.objects.filter(kind="volunteer_attendance").order_by("pk")
    # As the site logged corrections until now: at the time of the correction.
    later = attended.occurred_at + datetime.timedelta(days=30)
    Participation.objects.filter(pk=corrected.pk).update(occurred_at=later)

    old = migrate(BEFORE)
    try:
        old.get_model("campaigns", "ReachDaily").objects.create(
            day=attended.occurred_at.date(),
            neighbourhood_id=room.neighbourhood_id,
            campaign_id=0,
            kind="volunteer_attendance",
            count=1,
        )
        old.get_model("campaigns", "ReachWatermark").objects.create(
            name="participation", last_id=corrected.pk
        )
        new = migrate(AFTER)

        moved = Participation.objects.filter(pk=corrected.pk).values("occurred_at", "weight")
        assert moved.get() == {"occurred_at": attended.occurred_at, "weight": corrected.weight}
        assert not new.get_model("campaigns", "ReachDaily").objects.exists()
        assert new.get_model("campaigns", "ReachWatermark").objects.get().last_id == 0
    finally:
        # Every later migration too, so the tests after this one find the whole schema.
        migrate(MigrationExecutor(connection).loader.graph.leaf_nodes())
