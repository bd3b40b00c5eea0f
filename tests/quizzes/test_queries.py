"""Quiz pages run a small fixed number of queries, whatever the number of questions."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from quizzes import factories
from quizzes.models import Question
from tests.quizzes.conftest import letters, start

pytestmark = pytest.mark.django_db
KINDS = [Question.Kind.SINGLE, Question.Kind.MULTIPLE, Question.Kind.TRUE_FALSE]
MOST_QUERIES = 25


def quiz_of(size, campaign, regulation):
    questions = [
        factories.QuestionFactory(
            kind=KINDS[n % 3], regulation=regulation, article_number=1 + n % 10, tags=["垃圾分类"]
        )
        for n in range(size)
    ]
    return factories.QuizPageFactory(parent=campaign, questions=questions, attempts_per_day=None)


def queries(action):
    with CaptureQueriesContext(connection) as captured:
        response = action()
    assert response.status_code in (200, 302), response.status_code
    return len(captured)


@pytest.fixture
def quizzes(client, campaign, regulation, neighbourhood):
    """Two quizzes, of 3 and 12 questions, each with an attempt started and one submitted."""
    made = {}
    for size in (3, 12):
        quiz = quiz_of(size, campaign, regulation)
        running = start(client, quiz, neighbourhood)
        client.cookies.clear()
        finished = start(client, quiz, neighbourhood)
        client.post(finished.get_absolute_url(), letters(finished))
        client.cookies.clear()
        made[size] = (quiz, running, finished)
    client.get(made[3][0].url)
    return made


@pytest.mark.parametrize("step", ["quiz page", "start", "questions", "submit", "result"])
def test_query_count_does_not_grow_with_the_number_of_questions(
    client, quizzes, neighbourhood, django_assert_num_queries, step
):
    def act(size):
        quiz, running, finished = quizzes[size]
        answers = letters(running)
        return {
            "quiz page": lambda: client.get(quiz.url),
            "start": lambda: client.post(quiz.url, {"neighbourhood": neighbourhood.pk}),
            "questions": lambda: client.get(running.get_absolute_url()),
            "submit": lambda: client.post(running.get_absolute_url(), answers),
            "result": lambda: client.get(finished.result_url()),
        }[step]

    small = queries(act(3))
    client.cookies.clear()
    big = act(12)
    with django_assert_num_queries(small):
        big()

    print(f"{step}: {small} queries")
    assert small <= MOST_QUERIES
