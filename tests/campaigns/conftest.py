"""Fixtures for the campaigns tests: two neighbourhoods' committees and an activity of the first."""

import pytest
from django.contrib.auth import get_user_model

from campaigns import factories
from campaigns.roles import ensure_committee_group, ensure_volunteer_workflow
from campaigns.volunteering import sign_up

PHONE = "13812345678"


@pytest.fixture
def rooms(volunteer_index):
    ensure_volunteer_workflow(volunteer_index)
    return [factories.NeighbourhoodVolunteerPageFactory(parent=volunteer_index) for _ in range(2)]


def member(group, username):
    user = get_user_model().objects.create_user(username, password="pw", email=f"{username}@x.cn")
    user.groups.add(group)
    return user


@pytest.fixture
def committee_a(rooms):
    return member(ensure_committee_group(rooms[0]), "committee-a")


@pytest.fixture
def committee_b(rooms):
    return member(ensure_committee_group(rooms[1]), "committee-b")


@pytest.fixture
def event(rooms):
    event = factories.VolunteerEventPageFactory(parent=rooms[0])
    sign_up(event, name="赵六一", neighbourhood=event.neighbourhood, phone=PHONE)
    return event
