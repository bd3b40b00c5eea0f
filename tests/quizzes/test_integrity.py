import datetime
import re

import pytest
from django.test import Client
from django.utils import timezone

from campaigns.models import Participation
from quizzes import factories
from quizzes.models import Answer, Attempt
from tests.quizzes.conftest import letters, start

pytestmark = pytest.mark.django_db


@pytest.fixture
def attempt(client, quiz, neighbourhood):
    return start(client, quiz, neighbourhood)


def nothing_saved(attempt):
    attempt.refresh_from_db()
    chosen = Answer.chosen.through.objects.filter(answer__attempt=attempt)
    return (
        attempt.submitted_at is None and not chosen.exists() and not Participation.objects.exists()
    )


def error_codes(response):
    return [error.code for error in response.context["form"].non_field_errors().as_data()]


def post(client, quiz, attempt, fields):
    return client.post(attempt.get_absolute_url(), fields)


def test_an_answer_naming_a_question_outside_the_attempt_is_refused(client, quiz, attempt):
    outsider = factories.QuestionFactory()

    response = post(client, quiz, attempt, {**letters(attempt), f"question-{outsider.pk}": "A"})

    assert response.status_code == 400
    assert error_codes(response) == ["foreign_question"]
    assert nothing_saved(attempt)


def test_a_choice_that_does_not_exist_is_refused(client, quiz, attempt, single):
    response = post(client, quiz, attempt, {**letters(attempt), f"question-{single.pk}": "F"})

    assert response.status_code == 400
    assert response.context["form"].errors[f"question-{single.pk}"]
    assert nothing_saved(attempt)


def test_a_missing_answer_is_refused_and_the_other_answers_are_kept_on_the_page(
    client, quiz, attempt, single, multiple
):
    fields = letters(attempt)
    del fields[f"question-{multiple.pk}"]

    response = post(client, quiz, attempt, fields)

    assert response.status_code == 400
    assert response.context["form"].errors[f"question-{multiple.pk}"]
    kept = re.search(
        rf'name="question-{single.pk}" value="A"[^>]*checked', response.content.decode()
    )
    assert kept
    assert nothing_saved(attempt)


@pytest.mark.parametrize("values", [["A", "B"], ["A", "A"]])
def test_a_duplicated_field_is_refused(client, quiz, attempt, single, values):
    response = post(client, quiz, attempt, {**letters(attempt), f"question-{single.pk}": values})

    assert response.status_code == 400
    assert error_codes(response) == ["repeated_field"]
    assert nothing_saved(attempt)


def test_a_repeated_choice_in_a_multiple_choice_answer_is_refused(client, quiz, attempt, multiple):
    fields = {**letters(attempt), f"question-{multiple.pk}": ["A", "A"]}

    response = post(client, quiz, attempt, fields)

    assert response.status_code == 400
    assert error_codes(response) == ["repeated_field"]
    assert nothing_saved(attempt)


def test_resubmitting_an_attempt_does_not_score_it_again(client, quiz, attempt, single):
    first = post(client, quiz, attempt, letters(attempt))
    wrong = {**letters(attempt), f"question-{single.pk}": "B"}
    again = post(client, quiz, attempt, wrong)

    attempt.refresh_from_db()
    assert first["Location"] == again["Location"] == attempt.result_url() + "#score"
    assert attempt.score == 3
    assert Participation.objects.count() == 1
    assert Attempt.objects.count() == 1
    assert Answer.chosen.through.objects.filter(answer__question=single).count() == 1


def test_a_submission_after_the_time_limit_is_refused(client, campaign, neighbourhood, single):
    quiz = factories.QuizPageFactory(parent=campaign, questions=[single], time_limit=5)
    attempt = start(client, quiz, neighbourhood)
    Attempt.objects.filter(pk=attempt.pk).update(
        deadline=timezone.now() - datetime.timedelta(minutes=1)
    )

    response = post(client, quiz, attempt, letters(attempt))

    assert response.status_code == 403
    assert nothing_saved(attempt)
    assert client.get(attempt.get_absolute_url()).status_code == 403


def test_a_submission_a_moment_before_the_limit_is_accepted(
    client, campaign, neighbourhood, single
):
    quiz = factories.QuizPageFactory(parent=campaign, questions=[single], time_limit=5)
    attempt = start(client, quiz, neighbourhood)
    Attempt.objects.filter(pk=attempt.pk).update(
        deadline=timezone.now() - datetime.timedelta(seconds=10)
    )

    assert post(client, quiz, attempt, letters(attempt)).status_code == 302


def test_the_daily_attempt_limit_is_held_on_the_server(client, campaign, neighbourhood, single):
    quiz = factories.QuizPageFactory(parent=campaign, questions=[single], attempts_per_day=2)
    for _ in range(2):
        attempt = start(client, quiz, neighbourhood)
        post(client, quiz, attempt, letters(attempt))

    refused = client.post(quiz.url, {"neighbourhood": neighbourhood.pk})
    page = client.get(quiz.url).content.decode()

    assert refused.status_code == 403
    assert Attempt.objects.count() == 2
    assert 'type="submit">' not in page.split('id="start-heading"')[1].split("</section>")[0]


def test_giving_a_number_on_a_new_device_does_not_reset_the_daily_limit(
    client, campaign, neighbourhood, single
):
    quiz = factories.QuizPageFactory(parent=campaign, questions=[single], attempts_per_day=1)
    fields = {"phone": "13812345678", "consent": "on"}
    attempt = start(client, quiz, neighbourhood, **fields)
    post(client, quiz, attempt, letters(attempt))

    other_phone = Client()
    refused = other_phone.post(quiz.url, {"neighbourhood": neighbourhood.pk, **fields})

    assert refused.status_code == 403
    assert Attempt.objects.count() == 1


def test_starting_again_resumes_the_running_attempt_instead_of_using_another(
    client, quiz, neighbourhood
):
    first = start(client, quiz, neighbourhood)
    second = start(client, quiz, neighbourhood)

    assert first == second
    assert f'href="{first.get_absolute_url()}"' in client.get(quiz.url).content.decode()


def test_a_closed_quiz_explains_and_refuses_to_start(client, campaign, neighbourhood, single):
    closed = factories.QuizPageFactory(
        parent=campaign, questions=[single], closes_at=timezone.now() - datetime.timedelta(days=1)
    )
    upcoming = factories.QuizPageFactory(
        parent=campaign, questions=[single], opens_at=timezone.now() + datetime.timedelta(days=1)
    )

    for quiz in (closed, upcoming):
        assert client.post(quiz.url, {"neighbourhood": neighbourhood.pk}).status_code == 403
        assert 'role="status"' in client.get(quiz.url).content.decode()
    assert not Attempt.objects.exists()


def test_a_quiz_without_questions_refuses_to_start(client, campaign, neighbourhood):
    quiz = factories.QuizPageFactory(parent=campaign)

    assert client.post(quiz.url, {"neighbourhood": neighbourhood.pk}).status_code == 403
    assert not Attempt.objects.exists()


def test_the_form_keeps_its_csrf_protection(quiz, neighbourhood):
    strict = Client(enforce_csrf_checks=True)

    assert strict.post(quiz.url, {"neighbourhood": neighbourhood.pk}).status_code == 403
    assert not Attempt.objects.exists()


def test_one_number_starting_again_and_again_is_slowed_down(
    client, campaign, neighbourhood, single
):
    quiz = factories.QuizPageFactory(parent=campaign, questions=[single], attempts_per_day=None)
    fields = {"neighbourhood": neighbourhood.pk, "phone": "13812345678", "consent": "on"}
    statuses = []
    for _ in range(25):
        client.cookies.clear()
        statuses.append(client.post(quiz.url, fields).status_code)

    assert statuses[:20] == [302] * 20
    assert statuses[-1] == 429


def test_many_residents_behind_one_address_can_all_start(client, campaign, neighbourhood, single):
    quiz = factories.QuizPageFactory(parent=campaign, questions=[single], attempts_per_day=1)
    statuses = set()
    for _ in range(150):
        client.cookies.clear()
        statuses.add(client.post(quiz.url, {"neighbourhood": neighbourhood.pk}).status_code)

    assert statuses == {302}
