"""Security headers on every page and a lockout for guessed admin passwords."""

import pytest
from django.test import Client

from campaigns import factories

pytestmark = pytest.mark.django_db
LOGIN = "/admin/login/"


def policy_of(response):
    """Return the response's Content-Security-Policy as a mapping of directive to sources."""
    policy = response["Content-Security-Policy"]
    return dict(part.strip().split(" ", 1) for part in policy.split(";"))


def test_public_pages_forbid_inline_scripts_and_other_origins(client, campaign_index):
    campaign = factories.CampaignPageFactory(parent=campaign_index)

    policy = client.get(campaign.url)["Content-Security-Policy"]

    directives = dict(part.strip().split(" ", 1) for part in policy.split(";"))
    assert directives["script-src"] == "'self'"
    assert directives["style-src"] == "'self'"
    assert directives["frame-ancestors"] == "'none'"
    assert "unsafe-inline" not in policy


def test_the_admin_runs_wagtails_inline_widgets_but_nothing_from_other_origins(client, admin_user):
    client.force_login(admin_user)

    policy = client.get("/admin/")["Content-Security-Policy"]

    directives = dict(part.strip().split(" ", 1) for part in policy.split(";"))
    assert directives["script-src"] == "'self' 'unsafe-inline'"
    assert directives["frame-ancestors"] == "'self'"
    assert directives["default-src"] == "'self'"
    assert directives["object-src"] == "'none'"
    assert "http" not in policy


@pytest.fixture
def axes_on(settings):
    settings.AXES_ENABLED = True


def log_in(client, password, address="203.0.113.5"):
    return client.post(LOGIN, {"username": "editor", "password": password}, HTTP_X_REAL_IP=address)


def test_five_wrong_passwords_lock_the_account_from_that_address(axes_on, django_user_model):
    django_user_model.objects.create_superuser("editor", "e@example.com", "right-password-1")
    client = Client()
    for _ in range(4):
        assert log_in(client, "guess").status_code == 200

    locked = log_in(client, "guess")
    even_right = log_in(client, "right-password-1")

    assert locked.status_code == even_right.status_code == 429
    assert "登录失败次数过多" in even_right.content.decode()
    assert "_auth_user_id" not in client.session


def test_a_lockout_does_not_stop_the_same_user_from_another_address(axes_on, django_user_model):
    django_user_model.objects.create_superuser("editor", "e@example.com", "right-password-1")
    for _ in range(5):
        log_in(Client(), "guess")

    response = log_in(Client(), "right-password-1", address="203.0.113.77")

    assert response.status_code == 302


def test_a_successful_login_clears_earlier_failures(axes_on, django_user_model):
    django_user_model.objects.create_superuser("editor", "e@example.com", "right-password-1")
    for _ in range(4):
        log_in(Client(), "guess")
    assert log_in(Client(), "right-password-1").status_code == 302

    for _ in range(4):
        log_in(Client(), "guess")

    assert log_in(Client(), "right-password-1").status_code == 302


def test_a_page_preview_keeps_the_sites_policy_but_the_admin_may_frame_it(campaign_index):
    campaign = factories.CampaignPageFactory(parent=campaign_index)

    # The admin's preview panel renders the page through this dummy request, then frames it.
    preview = campaign.make_preview_request()

    directives = policy_of(preview)
    assert directives["frame-ancestors"] == "'self'"
    assert directives["script-src"] == "'self'"
