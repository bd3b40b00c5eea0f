"""Concurrent duplicate submissions on PostgreSQL: exactly one row, whatever arrives together."""

import threading

import pytest
from django.db import connection, connections
from django.test import Client
from django.utils import timezone

from campaigns.models import Participation
from quizzes import daily, factories
from quizzes.models import Answer, Attempt, DailyAnswer
from tests.conftest import require_service
from tests.quizzes.conftest import letters, start

pytestmark = [
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.services,
]
THREADS = 8


@pytest.fixture(autouse=True)
def _postgresql():
    require_service(
        connection.vendor == "postgresql", "concurrency tests need PostgreSQL: set DATABASE_URL"
    )


def at_once(action):
    """Run action(index) in several threads released together; return their results."""
    barrier, results = threading.Barrier(THREADS), [None] * THREADS

    def run(index):
        try:
            barrier.wait()
            results[index] = action(index)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run, args=(i,)) for i in range(THREADS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return results


def test_a_burst_of_identical_submissions_scores_the_attempt_once(client, quiz, neighbourhood):
    attempt = start(client, quiz, neighbourhood)
    fields, url = letters(attempt), attempt.get_absolute_url()

    statuses = at_once(lambda i: Client().post(url, fields).status_code)

    assert statuses == [302] * THREADS
    assert Attempt.objects.filter(submitted_at__isnull=False).count() == 1
    assert Participation.objects.count() == 1
    assert Answer.chosen.through.objects.filter(answer__attempt=attempt).count() == 4


def test_the_daily_limit_holds_when_one_number_starts_from_many_phones(
    campaign, neighbourhood, single
):
    quiz = factories.QuizPageFactory(parent=campaign, questions=[single], attempts_per_day=2)
    fields = {"neighbourhood": neighbourhood.pk, "phone": "13812345678", "consent": "on"}

    statuses = at_once(lambda i: Client().post(quiz.url, fields).status_code)

    assert sorted(statuses) == [302, 302] + [403] * (THREADS - 2)
    assert Attempt.objects.count() == 2
    assert sorted(Attempt.objects.values_list("slot", flat=True)) == [1, 2]


def test_a_burst_of_daily_answers_from_one_number_is_counted_once(neighbourhood, single):
    question = factories.DailyQuestionFactory(date=timezone.localdate(), question=single)
    fields = {
        "answer": "A",
        "day": question.date.isoformat(),
        "neighbourhood": neighbourhood.pk,
        "phone": "13812345678",
        "consent": "on",
    }

    statuses = at_once(lambda i: Client().post("/daily-question/", fields).status_code)

    assert statuses == [302] * THREADS
    assert DailyAnswer.objects.count() == THREADS
    assert DailyAnswer.objects.filter(counted=True).count() == 1
    assert Participation.objects.count() == 1
    assert daily.question_for(question.date) == question
