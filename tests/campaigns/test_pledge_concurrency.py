"""Bursts of simultaneous signatures on PostgreSQL: nothing lost, nothing counted twice."""

import pytest
from django.db import connection
from django.test import Client

from campaigns import factories
from campaigns.models import Participation, PledgeSignature
from campaigns.pledges import pledge_stats
from tests.campaigns.pledging import sign_url
from tests.conftest import require_service, run_concurrently

pytestmark = [
    pytest.mark.services,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


@pytest.fixture
def pledge(campaign_index):
    require_service(connection.vendor == "postgresql", "concurrency tests need PostgreSQL")
    campaign = factories.CampaignPageFactory(parent=campaign_index)
    return factories.PledgePageFactory(parent=campaign, goal=500)


def post_all(pledge, forms, threads):
    def post(data):
        response = Client().post(sign_url(pledge), data)
        return response.status_code, response.get("Location")

    return run_concurrently(post, forms, threads)


def form(neighbourhood, phone):
    return {"name": "张三", "neighbourhood": neighbourhood.pk, "phone": phone, "consent": "on"}


def test_fifty_simultaneous_signatures_with_one_phone_give_one(pledge):
    neighbourhood = factories.NeighbourhoodFactory()

    results = post_all(pledge, [form(neighbourhood, "13812345678")] * 50, threads=25)

    thanked = {location for status, location in results if status == 302}
    assert {status for status, _ in results} <= {302, 429}
    assert len(thanked) == 1
    assert PledgeSignature.objects.count() == 1
    assert Participation.objects.count() == 1


def test_two_hundred_simultaneous_residents_give_two_hundred(pledge):
    neighbourhoods = [factories.NeighbourhoodFactory() for _ in range(5)]
    forms = [form(neighbourhoods[n % 5], f"139{n:08d}") for n in range(200)]

    results = post_all(pledge, forms, threads=25)

    assert [status for status, _ in results] == [302] * 200
    assert PledgeSignature.objects.count() == 200
    assert Participation.objects.filter(kind="pledge").count() == 200
    assert pledge_stats(pledge)["total"] == 200
    assert sorted(pledge_stats(pledge)["counts"].values()) == [40] * 5
