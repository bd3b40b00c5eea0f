"""In zh-hans the Wagtail admin our staff open speaks Chinese throughout."""

import pytest
from django.contrib.auth import get_user_model

from campaigns import factories
from campaigns.models import PledgeSignature

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client(client, home_page):
    client.force_login(get_user_model().objects.create_superuser("admin", password="pw"))
    return client


def test_the_page_editor_has_no_english_leftovers(admin_client, news_index):
    article = factories.ArticlePageFactory(parent=news_index)

    html = admin_client.get(f"/admin/pages/{article.pk}/edit/").content.decode()

    leftovers = ("Schedule to publish", "Locking:", "Anyone can edit this", "Privacy and access")
    assert [english for english in leftovers if english in html] == []
    assert "定时发布" in html and "锁定：" in html


def test_the_page_explorer_and_dashboard_count_pages_in_chinese(admin_client, news_index):
    factories.ArticlePageFactory(parent=news_index)

    explorer = admin_client.get(f"/admin/pages/{news_index.pk}/").content.decode()
    dashboard = admin_client.get("/admin/").content.decode()

    assert "Pages" not in explorer.replace("w-", "") and "页面" in explorer
    assert " Pages" not in dashboard and "个页面" in dashboard
    assert "Search all pages" not in dashboard


def test_the_editor_s_javascript_strings_are_chinese(admin_client):
    catalogue = admin_client.get("/admin/jsi18n/").content.decode()

    # The Draftail placeholder, escaped as the catalogue sends it.
    assert '"Write something or type \\u2018/\\u2019 to insert a block": "' in catalogue
    assert "\\u8f93\\u5165\\u5185\\u5bb9" in catalogue  # 输入内容


def test_paper_sheet_column_says_yes_or_no_in_chinese(admin_client, campaign_index):
    campaign = factories.CampaignPageFactory(parent=campaign_index)
    pledge = factories.PledgePageFactory(parent=campaign)
    neighbourhood = factories.NeighbourhoodFactory()
    for assisted, phone in ((True, "13800000001"), (False, "13800000002")):
        PledgeSignature.objects.create(
            pledge=pledge,
            name="张三",
            neighbourhood=neighbourhood,
            participant=phone,
            phone_masked="138****0001",
            assisted=assisted,
        )

    html = admin_client.get("/admin/snippets/campaigns/pledgesignature/").content.decode()

    assert ">是<" in html.replace(" ", "").replace("\n", "")
    assert ">否<" in html.replace(" ", "").replace("\n", "")
    assert "True" not in html and "False" not in html


def test_the_default_workflow_is_named_in_chinese(admin_client, news_index):
    article = factories.ArticlePageFactory(parent=news_index)

    html = admin_client.get(f"/admin/pages/{article.pk}/edit/").content.decode()

    assert "Moderators approval" not in html
