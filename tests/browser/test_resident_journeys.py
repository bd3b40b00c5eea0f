"""A resident on a phone reaches every open quiz, pledge and activity from the home page."""

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from campaigns import factories, posters
from quizzes import factories as quiz_factories

pytestmark = pytest.mark.browser


@pytest.fixture
def offers(campaign, neighbourhood_pages):
    """Return the campaign's quiz, its pledge and an activity tied to it."""
    questions = quiz_factories.QuestionFactory.create_batch(2)
    quiz = quiz_factories.QuizPageFactory(
        parent=campaign, title="垃圾分类知识问答", questions=questions
    )
    pledge = factories.PledgePageFactory(parent=campaign, title="垃圾分类家庭文明公约")
    event = factories.VolunteerEventPageFactory(
        parent=neighbourhood_pages[0], title="楼道杂物清理", campaign=campaign
    )
    return quiz, pledge, event


def tap(page, name, within="main"):
    page.locator(within).get_by_role("link", name=name, exact=True).first.click()


def heading(page):
    return page.get_by_role("heading", level=1)


def test_from_home_one_tap_opens_the_pledge_and_the_quiz(phone, offers):
    quiz, pledge, _event = offers

    phone.goto("/")
    tap(phone, pledge.title, "#actions-heading + ul")
    expect(heading(phone)).to_have_text(pledge.title)

    phone.goto("/")
    tap(phone, quiz.title, "#actions-heading + ul")
    expect(heading(phone)).to_have_text(quiz.title)


def test_the_campaign_page_offers_its_quiz_pledge_and_activity_as_actions(phone, campaign, offers):
    quiz, pledge, event = offers

    for target in (quiz, pledge, event):
        phone.goto("/")
        tap(phone, campaign.title)
        section = phone.locator("section.take-part")
        expect(section).to_be_visible()
        section.locator(f'a[href="{target.url}"]').first.click()
        expect(heading(phone)).to_have_text(target.title)


def test_an_activity_is_two_taps_from_home_through_the_menu(phone, offers):
    _quiz, _pledge, event = offers

    phone.goto("/")
    phone.locator("nav.site-nav").get_by_role("link", name="志愿服务").click()
    tap(phone, event.title)

    expect(heading(phone)).to_have_text(event.title)


def test_a_poster_scan_opens_the_campaigns_ways_to_take_part_on_screen(
    phone, campaign, offers, neighbourhood_pages
):
    token = posters.make_token(campaign.pk, neighbourhood_pages[0].neighbourhood_id)

    phone.goto(reverse("poster_visit", args=[token]))

    take_part = phone.locator("#take-part")
    expect(take_part).to_be_in_viewport()
    expect(phone.locator("section.take-part")).to_contain_text("签署承诺")
