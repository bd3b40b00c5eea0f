"""A resident signs up for an activity on a phone, then signs in and out with its QR page."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import expect

from campaigns import factories
from campaigns.models import VolunteerSignup
from tests.browser.conftest import serious

pytestmark = pytest.mark.browser


@pytest.fixture
def event(neighbourhood_pages):
    start = timezone.now() - datetime.timedelta(minutes=5)
    return factories.VolunteerEventPageFactory(
        parent=neighbourhood_pages[0],
        title="澄湖社区楼道清理",
        starts_at=start,
        ends_at=start + datetime.timedelta(hours=2),
        signup_deadline=start + datetime.timedelta(hours=1),
        capacity=5,
    )


def test_resident_signs_up_then_signs_in_and_out(phone, event):
    phone.goto(event.url)
    assert serious(phone) == []

    phone.locator("#id_name").fill("张三明")
    phone.locator("#id_neighbourhood").select_option(label="澄湖社区")
    phone.get_by_label("手机号码").fill("138 1234 5678")
    phone.locator("#id_consent").check()
    phone.locator("form[action*='sign-up'] button[type=submit]").click()

    expect(phone.locator(".signup-received")).to_be_visible()
    expect(phone.locator(".places-left")).to_contain_text("4")
    assert "13812345678" not in phone.content()
    assert serious(phone) == []

    phone.goto(reverse("volunteer_check_in", args=[event.checkin_token]))
    assert serious(phone) == []
    phone.get_by_label("手机号码").fill("13812345678")
    phone.locator("main form button[type=submit]").click()
    expect(phone.locator(".checkin-notice")).to_be_visible()
    phone.get_by_label("手机号码").fill("13812345678")
    phone.locator("main form button[type=submit]").click()
    expect(phone.locator(".checkin-notice")).to_be_visible()
    assert serious(phone) == []

    signup = VolunteerSignup.objects.get()
    assert signup.checked_in_at and signup.checked_out_at and signup.hours is not None
