"""What a resident sees first after starting or submitting a quiz or answering the daily one."""

import pytest
from django.urls import reverse
from django.utils import timezone

from quizzes import factories
from quizzes.attempts import drawn_answers
from tests.feedback import description_of, page, summary_links
from tests.quizzes.conftest import letters, start

pytestmark = pytest.mark.django_db


@pytest.fixture
def today(single):
    return factories.DailyQuestionFactory(date=timezone.localdate(), question=single)


def test_a_number_without_consent_is_summarised_at_the_start_form(client, quiz, neighbourhood):
    url = reverse("quizzes:start", args=[quiz.pk])
    response = client.post(url, {"neighbourhood": neighbourhood.pk, "phone": "13812345678"})

    assert response.status_code == 400
    assert summary_links(response) == ["id_consent"]
    assert description_of(response, "id_consent")[0]
    assert page(response).find("form", method="post")["action"] == url + "#error-summary"


def test_an_unanswered_question_is_summarised_with_a_link_to_its_first_choice(
    client, quiz, neighbourhood, single
):
    attempt = start(client, quiz, neighbourhood)
    answers = letters(attempt)
    del answers[f"question-{single.pk}"]

    response = client.post(attempt.get_absolute_url(), answers)

    target = f"id_question-{single.pk}_0"
    number = [a.question_id for a in drawn_answers(attempt)].index(single.pk) + 1
    assert response.status_code == 400
    assert summary_links(response) == [target]
    assert page(response).find(id="error-summary").a.get_text() == f"第 {number} 题：请回答此题。"
    assert page(response).find(id=target)["aria-invalid"] == "true"


def test_a_submission_lands_on_the_score(client, quiz, neighbourhood):
    attempt = start(client, quiz, neighbourhood)

    response = client.post(attempt.get_absolute_url(), letters(attempt))

    assert response["Location"].endswith("#score")
    assert page(client.get(response["Location"])).find(id="score") is not None


def test_a_daily_answer_lands_on_its_result_and_an_empty_one_is_summarised(
    client, today, neighbourhood
):
    data = {"day": today.date.isoformat(), "neighbourhood": neighbourhood.pk}
    refused = client.post("/daily-question/", data)
    answered = client.post("/daily-question/", {**data, "answer": "A"})

    assert refused.status_code == 400
    assert summary_links(refused) == ["id_answer_0"]
    assert answered["Location"].endswith("#result")
    assert page(client.get(answered["Location"])).find(id="result") is not None
