import pytest
from django.contrib.contenttypes.models import ContentType

from campaigns import factories
from campaigns.models import Participation, record_participation
from campaigns.residents import participant_key

pytestmark = pytest.mark.django_db


def test_recording_an_act_writes_one_row_with_its_neighbourhood_and_campaign(campaign_index):
    neighbourhood = factories.NeighbourhoodFactory()
    campaign = factories.CampaignPageFactory(parent=campaign_index)

    row = record_participation(
        Participation.Kind.PLEDGE,
        neighbourhood=neighbourhood,
        campaign=campaign,
        participant=participant_key("13812345678"),
    )

    stored = Participation.objects.get()
    assert stored == row
    assert (stored.neighbourhood, stored.campaign, stored.weight) == (neighbourhood, campaign, 1)


def test_the_same_source_recorded_twice_is_counted_once():
    source = factories.NeighbourhoodFactory()

    first = record_participation(Participation.Kind.VISIT, neighbourhood=source, source=source)
    second = record_participation(Participation.Kind.VISIT, neighbourhood=source, source=source)

    assert first.pk == second.pk
    assert Participation.objects.count() == 1
    assert first.source_type == ContentType.objects.get_for_model(source)


def test_volunteer_hours_are_kept_as_the_weight():
    row = record_participation(Participation.Kind.VOLUNTEER_ATTENDANCE, weight=2.5)

    assert str(Participation.objects.get(pk=row.pk).weight) == "2.50"


def test_the_log_holds_no_phone_number():
    record_participation(Participation.Kind.QUIZ, participant=participant_key("13812345678"))

    values = Participation.objects.values_list()
    assert not any("13812345678" in str(value) for row in values for value in row)


def test_the_log_is_append_only():
    row = record_participation(Participation.Kind.QUIZ)
    row.weight = 5

    with pytest.raises(ValueError, match="append-only"):
        row.save()
    assert Participation.objects.get().weight == 1
