import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command

from campaigns import reach
from campaigns.models import Neighbourhood
from quizzes import reports
from quizzes.demo.builder import build_quiz_demo
from quizzes.models import Question, QuizPage
from tests.quizzes.conftest import letters, start

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo(db):
    call_command("load_demo")


def test_the_demo_bank_cites_an_existing_article_for_every_question(demo):
    questions = Question.objects.select_related("regulation").prefetch_related("tags")

    assert questions.count() >= 40
    for question in questions:
        assert question.regulation.article(question.article_number) is not None, question
        assert question.source_url().endswith(f"#article-{question.article_number}")
        assert question.tags.exists()
    topics = {tag.name for q in questions for tag in q.tags.all()}
    assert {"垃圾分类", "市容环境", "占道经营", "文明交通", "油烟排放"} <= topics


def test_the_demo_has_three_quizzes_one_drawn_at_random_and_loads_again_without_duplicates(demo):
    before = (Question.objects.count(), QuizPage.objects.count())

    created = build_quiz_demo()

    assert (Question.objects.count(), QuizPage.objects.count()) == before
    assert set(created.values()) == {0}
    assert before[1] == 3
    assert QuizPage.objects.filter(selection=QuizPage.Selection.RANDOM).count() == 1
    assert all(quiz.live and quiz.question_count() >= 5 for quiz in QuizPage.objects.all())


def test_a_resident_finds_and_takes_the_random_demo_quiz_from_the_home_page(client, demo):
    quiz = QuizPage.objects.get(selection=QuizPage.Selection.RANDOM)
    assert quiz.title in client.get("/quizzes/").content.decode()
    assert 'href="/quizzes/"' in client.get("/").content.decode()

    attempt = start(client, quiz, Neighbourhood.objects.first())
    response = client.post(attempt.get_absolute_url(), letters(attempt))

    attempt.refresh_from_db()
    assert response.status_code == 302
    assert (attempt.max_score, attempt.percent) == (10, 100)


def test_publicity_staff_of_the_demo_manage_the_question_bank(client, demo):
    client.force_login(get_user_model().objects.get(username="publicity"))

    assert client.get("/admin/snippets/quizzes/question/").status_code == 200
    assert client.get("/admin/snippets/quizzes/question/add/").status_code == 200
    assert client.get("/admin/snippets/quizzes/dailyquestion/").status_code == 200


def test_the_demo_item_analysis_counts_the_attempts_the_reach_figures_count(demo):
    for quiz in QuizPage.objects.filter(selection=QuizPage.Selection.FIXED):
        summary = reports.quiz_summary(quiz)
        rows = reports.question_rows(quiz)
        figures = reach.report(reach.Scope(campaign=quiz.campaign().pk)).county

        assert figures.quiz_attempts == summary.attempts >= 100, quiz.title
        assert rows and not any(row.suppressed for row in rows)
        assert all(row.answered == summary.attempts for row in rows)
        assert 0 < min(row.correct_share for row in rows) < 100
        assert summary.average_score is not None and summary.pass_rate is not None
