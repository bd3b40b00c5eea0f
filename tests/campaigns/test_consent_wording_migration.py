"""Pages that kept the old Chinese default consent wording read the translatable standard one."""

import importlib

import pytest
from django.apps import apps

from campaigns import factories

pytestmark = pytest.mark.django_db
migration = importlib.import_module("campaigns.migrations.0010_standard_consent_wording")


def test_the_old_default_wording_is_emptied_in_the_page_and_its_latest_revision(campaign_index):
    campaign = factories.CampaignPageFactory(parent=campaign_index)
    old = migration.OLD_DEFAULTS["pledgepage"]
    pledge = factories.PledgePageFactory(parent=campaign, consent_text=old)
    pledge.save_revision().publish()
    own = factories.PledgePageFactory(parent=campaign, consent_text="我同意公开我的姓名。")
    own.save_revision().publish()

    migration.use_standard_wording(apps, None)

    pledge.refresh_from_db()
    assert pledge.consent_text == ""
    assert pledge.get_latest_revision_as_object().consent_text == ""
    own.refresh_from_db()
    assert own.get_latest_revision_as_object().consent_text == "我同意公开我的姓名。"
