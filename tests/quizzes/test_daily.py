import datetime

import pytest
from django.utils import timezone

from campaigns.models import Participation
from quizzes import daily, factories
from quizzes.models import DailyAnswer, DailyQuestion

pytestmark = pytest.mark.django_db


@pytest.fixture
def today(single):
    return factories.DailyQuestionFactory(date=timezone.localdate(), question=single)


def answer(client, today, neighbourhood, letter="A", **fields):
    data = {"answer": letter, "day": today.date.isoformat(), "neighbourhood": neighbourhood.pk}
    return client.post("/daily-question/", {**data, **fields})


def test_everyone_gets_the_same_question_on_a_date_and_it_is_kept(single, multiple, true_false):
    day = datetime.date(2026, 3, 1)

    first = daily.question_for(day)

    assert daily.question_for(day) == first
    assert DailyQuestion.objects.get(date=day).question in {single, multiple, true_false}


def test_a_question_is_not_repeated_on_the_next_day_while_others_are_left(
    single, multiple, true_false
):
    days = [datetime.date(2026, 3, 1) + datetime.timedelta(days=n) for n in range(3)]

    picked = {daily.question_for(day).question for day in days}

    assert picked == {single, multiple, true_false}


def test_staff_may_schedule_the_question_of_a_date(single, multiple):
    scheduled = factories.DailyQuestionFactory(date=datetime.date(2026, 3, 1), question=multiple)

    assert daily.question_for(scheduled.date) == scheduled


def test_no_question_is_shown_when_the_bank_is_empty(client, home_page):
    assert daily.question_for(timezone.localdate()) is None
    assert client.get("/").status_code == 200


def test_the_home_page_asks_todays_question_without_revealing_the_answer(client, home_page, today):
    html = client.get("/").content.decode()

    assert today.question.text in html
    assert 'action="/daily-question/#error-summary"' in html
    assert today.question.explanation not in html
    assert "checked" not in html.split('class="daily-question"')[1].split("</section>")[0]


def test_answering_shows_the_right_answer_and_the_article_and_counts_once(
    client, home_page, today, neighbourhood, regulation
):
    response = answer(client, today, neighbourhood, letter="B")
    result = client.get(response["Location"])
    html = result.content.decode()

    assert response.status_code == 302
    assert "纸箱是可回收物，压扁后投入蓝色桶。" in html
    assert f'href="{regulation.url}#article-12"' in html
    assert "B. 绿色（厨余垃圾）" in html
    row = Participation.objects.get()
    assert (row.kind, row.neighbourhood, row.campaign) == ("quiz", neighbourhood, None)
    assert not DailyAnswer.objects.get().correct


def test_the_home_page_remembers_that_this_phone_answered_today(
    client, home_page, today, neighbourhood
):
    response = answer(client, today, neighbourhood)

    html = client.get("/").content.decode()

    assert response["Location"].removesuffix("#result") in html
    assert 'action="/daily-question/' not in html


def test_a_second_answer_from_the_same_number_looks_the_same_and_is_not_counted(
    client, today, neighbourhood
):
    number = {"phone": "13812345678", "consent": "on"}
    first = answer(client, today, neighbourhood, **number)
    client.cookies.clear()
    second = answer(client, today, neighbourhood, **number)

    assert first.status_code == second.status_code == 302
    assert first["Location"] != second["Location"]
    assert DailyAnswer.objects.filter(counted=True).count() == 1
    assert Participation.objects.count() == 1


def test_an_answer_to_yesterdays_question_is_refused_with_a_message(client, today, neighbourhood):
    response = client.post(
        "/daily-question/",
        {
            "answer": "A",
            "day": (today.date - datetime.timedelta(days=1)).isoformat(),
            "neighbourhood": neighbourhood.pk,
        },
    )

    assert response.status_code == 400
    assert response.context["daily_form"].errors["day"]
    assert not DailyAnswer.objects.exists()


@pytest.mark.parametrize(
    "fields",
    [
        {"answer": "F"},
        {"answer": ["A", "B"]},
        {"answer": ""},
        {"neighbourhood": ""},
        {"phone": "123", "consent": "on"},
    ],
)
def test_bad_daily_answers_are_refused_and_nothing_is_saved(client, today, neighbourhood, fields):
    data = {"answer": "A", "day": today.date.isoformat(), "neighbourhood": neighbourhood.pk}

    response = client.post("/daily-question/", {**data, **fields})

    assert response.status_code == 400
    assert not DailyAnswer.objects.exists()
    assert not Participation.objects.exists()


def test_opening_the_answer_address_leads_home_and_a_forged_result_is_not_found(client, today):
    assert client.get("/daily-question/")["Location"] == "/"
    assert client.get("/daily-question/00000000-0000-0000-0000-000000000000/").status_code == 404


def test_staff_changes_to_todays_question_show_at_once(settings, client, home_page, today):
    settings.PAGE_CACHE_SECONDS = 300
    client.cookies["quiz_device"] = "device"  # a personal page, rendered every time
    assert today.question.text in client.get("/").content.decode()

    today.question.text = "垃圾分类投放点每天几点开放？"
    today.question.save()
    other = factories.QuestionFactory(text="共享单车应停放在哪里？")
    today.question = other
    today.save()

    html = client.get("/").content.decode()
    assert "共享单车应停放在哪里？" in html
    assert "垃圾分类投放点" not in html
