"""In English the interface is English, and the Chinese content says it is Chinese."""

import datetime
import re

import pytest
from django.conf import settings
from django.utils import timezone

from campaigns import factories
from quizzes.factories import QuizIndexPageFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def english(client):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    return client


@pytest.fixture
def sections(campaign_index, regulation_index, news_index, volunteer_index, home_page):
    return QuizIndexPageFactory(parent=home_page)


def links_in(html, opening):
    """Return (attributes, text) of the links in the first list after opening."""
    part = html.split(opening, 1)[1].split("</ul>", 1)[0]
    return re.findall(r"<a href=\"[^\"]*\"([^>]*)>([^<]*)</a>", part)


def test_in_english_the_menu_and_home_tiles_name_the_sections_in_english(english, sections):
    html = english.get("/").content.decode()

    expected = {"Campaigns", "Regulations", "News", "Volunteering", "Quizzes"}
    assert {text for _, text in links_in(html, 'class="site-nav"')} >= expected | {"Home"}
    assert {text for _, text in links_in(html, 'class="entry-points"')} == expected
    assert "政策法规" not in html


def test_in_chinese_the_menu_keeps_the_titles_editors_gave_the_sections(client, sections):
    html = client.get("/").content.decode()

    assert {text for _, text in links_in(html, 'class="entry-points"')} == {
        "宣传活动",
        "政策法规",
        "新闻动态",
        "志愿服务",
        "知识问答",
    }


def test_a_menu_page_without_a_section_label_keeps_its_chinese_title_marked_chinese(
    english, home_page
):
    factories.CampaignPageFactory(parent=home_page, title="垃圾分类专题", show_in_menus=True)

    html = english.get("/").content.decode()

    assert (' lang="zh-Hans"', "垃圾分类专题") in links_in(html, 'class="site-nav"')


def test_in_english_the_page_is_english_and_its_chinese_content_is_marked(english, news_index):
    article = factories.ArticlePageFactory(parent=news_index, title="分类驿站开放")

    html = english.get(article.url).content.decode()

    assert '<html lang="en">' in html
    assert '<h1 lang="zh-Hans">分类驿站开放</h1>' in html
    assert '<div lang="zh-Hans"><div class="w-block-paragraph block-paragraph"><p>文章正文' in html


def test_in_chinese_content_needs_no_language_of_its_own(client, news_index):
    article = factories.ArticlePageFactory(parent=news_index, title="分类驿站开放")

    html = client.get(article.url).content.decode()

    assert '<html lang="zh-hans">' in html and 'lang="zh-Hans"' not in html.split("<footer")[0]


def test_in_english_the_standard_consent_sentence_is_english(english, campaign_index):
    campaign = factories.CampaignPageFactory(parent=campaign_index)
    pledge = factories.PledgePageFactory(parent=campaign)

    html = english.get(pledge.url).content.decode()

    assert "I agree that this platform keeps my name and neighbourhood" in html
    assert "我同意本平台" not in html


def test_a_pledge_s_own_consent_sentence_is_shown_as_chinese_content(english, campaign_index):
    campaign = factories.CampaignPageFactory(parent=campaign_index)
    pledge = factories.PledgePageFactory(parent=campaign, consent_text="我同意公开我的社区。")

    html = english.get(pledge.url).content.decode()

    assert re.search(r'<label for="id_consent" lang="zh-Hans">我同意公开我的社区。</label>', html)


def test_in_chinese_the_standard_consent_sentence_is_chinese(client, volunteer_index):
    room = factories.NeighbourhoodVolunteerPageFactory(parent=volunteer_index)
    event = factories.VolunteerEventPageFactory(parent=room)

    html = client.get(event.url).content.decode()

    assert "我同意本平台保存我的姓名、手机号和所在社区" in html


def test_in_english_home_activity_dates_are_english(english, volunteer_index):
    room = factories.NeighbourhoodVolunteerPageFactory(parent=volunteer_index)
    starts = timezone.make_aware(datetime.datetime(2031, 3, 8, 9, 0))
    factories.VolunteerEventPageFactory(
        parent=room, starts_at=starts, ends_at=starts + datetime.timedelta(hours=3)
    )

    html = english.get("/").content.decode()

    assert "March 8, 2031, 9 a.m.–noon" in html
    assert "2031年" not in html
