"""A resident takes a quiz on a phone, sees what was wrong and follows the link to the article."""

import re

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from quizzes import factories
from quizzes.models import Question
from tests.browser.conftest import PHONE, serious

pytestmark = pytest.mark.browser


def fits_the_screen(page):
    return page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]


@pytest.fixture
def quiz(home_page, campaign, waste_regulation):
    factories.QuizIndexPageFactory(parent=home_page)
    cite = {"regulation": waste_regulation, "tags": ["垃圾分类"]}
    questions = [
        factories.QuestionFactory(
            text="废纸箱应当投放到哪种颜色的收集容器？",
            choices=[("蓝色（可回收物）", True), ("绿色（厨余垃圾）", False)],
            article_number=12,
            explanation="纸箱是可回收物，压扁后投入蓝色桶。",
            **cite,
        ),
        factories.QuestionFactory(
            text="下列哪些属于有害垃圾？",
            kind=Question.Kind.MULTIPLE,
            choices=[("废电池", True), ("过期药品", True), ("菜叶", False)],
            article_number=3,
            explanation="废电池、过期药品属于有害垃圾。",
            **cite,
        ),
        factories.QuestionFactory(
            text="厨余垃圾可以连同塑料袋一起投入绿色桶。",
            kind=Question.Kind.TRUE_FALSE,
            choices=[("正确", False), ("错误", True)],
            article_number=12,
            explanation="应当破袋投放，袋子投入其他垃圾桶。",
            **cite,
        ),
    ]
    return factories.QuizPageFactory(parent=campaign, title="垃圾分类知识问答", questions=questions)


def test_resident_takes_a_quiz_one_question_a_screen_and_follows_the_explanation(
    phone, quiz, neighbourhood_pages
):
    phone.goto("/")
    phone.locator(".entry-points").get_by_role("link", name="知识问答").click()
    phone.get_by_role("link", name=quiz.title).click()
    expect(phone.get_by_role("heading", level=1)).to_have_text(quiz.title)
    assert serious(phone) == [] and fits_the_screen(phone)

    phone.locator("#id_neighbourhood").select_option(label="澄湖社区")
    phone.locator(".start-box button[type=submit]").click()

    questions = phone.locator("[data-question]")
    expect(questions.nth(0)).to_be_visible()
    expect(questions.nth(1)).to_be_hidden()
    expect(phone.locator(".quiz-progress progress")).to_have_attribute("value", "1")
    assert "纸箱是可回收物" not in phone.content()
    assert serious(phone) == [] and fits_the_screen(phone)

    phone.locator("[data-next]").click()
    expect(phone.locator(".js-required")).to_be_visible()
    phone.get_by_label("绿色（厨余垃圾）").check()
    phone.locator("[data-next]").click()
    phone.get_by_label("废电池").check()
    phone.get_by_label("过期药品").check()
    phone.locator("[data-next]").click()
    expect(phone.locator(".quiz-progress progress")).to_have_attribute("value", "3")
    phone.get_by_label("错误").check()
    phone.locator("[data-submit]").click()

    expect(phone.locator(".score")).to_contain_text("2")
    wrong = phone.locator(".review.outcome-wrong")
    expect(wrong).to_have_count(1)
    expect(wrong).to_contain_text("纸箱是可回收物，压扁后投入蓝色桶。")
    assert serious(phone) == [] and fits_the_screen(phone)

    wrong.get_by_role("link", name=re.compile("第十二条")).click()
    expect(phone).to_have_url(re.compile(r"#article-12$"))
    expect(phone.locator("#article-12")).to_be_in_viewport()
    phone.wait_for_load_state("networkidle")


def test_a_quiz_can_be_taken_without_javascript(browser, live_server, quiz, neighbourhood_pages):
    context = browser.new_context(
        viewport=PHONE, base_url=live_server.url, java_script_enabled=False
    )
    page = context.new_page()
    page.goto(quiz.url)
    page.locator("#id_neighbourhood").select_option(label="向阳社区")
    page.locator(".start-box button[type=submit]").click()

    expect(page.locator("[data-question]")).to_have_count(3)
    for question in page.locator("[data-question]").all():
        expect(question).to_be_visible()
    page.get_by_label("蓝色（可回收物）").check()
    page.get_by_label("废电池").check()
    page.get_by_label("错误").check()
    page.locator("[data-submit]").click()

    expect(page.locator(".review")).to_have_count(3)
    expect(page.locator(".review.outcome-partial")).to_contain_text("废电池")
    page.wait_for_load_state("networkidle")
    context.close()


def test_resident_answers_the_daily_question_on_the_home_page(phone, quiz, neighbourhood_pages):
    question = quiz.quiz_questions.first().question
    factories.DailyQuestionFactory(date=timezone.localdate(), question=question)
    phone.goto("/")
    daily = phone.locator(".daily-question")
    expect(daily).to_contain_text(question.text)
    assert serious(phone) == [] and fits_the_screen(phone)

    daily.get_by_label("绿色（厨余垃圾）").check()
    daily.locator("select").select_option(label="澄湖社区")
    daily.locator("button[type=submit]").click()

    expect(phone.locator(".review.outcome-wrong")).to_contain_text("纸箱是可回收物")
    expect(phone.locator(".review")).to_contain_text("蓝色（可回收物）")
    assert serious(phone) == [] and fits_the_screen(phone)
    phone.goto("/")
    expect(phone.locator(".daily-question form")).to_have_count(0)
    phone.wait_for_load_state("networkidle")
