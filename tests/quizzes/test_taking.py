import re

import pytest
from django.urls import reverse
from wagtail.models import PageViewRestriction

from campaigns.models import Participation
from campaigns.residents import participant_key
from quizzes import factories
from quizzes.models import Attempt, Choice, QuizPage
from tests.quizzes.conftest import letters, start

pytestmark = pytest.mark.django_db


def test_a_resident_takes_a_quiz_and_sees_what_was_wrong_and_why(
    client, quiz, neighbourhood, single, regulation
):
    attempt = start(client, quiz, neighbourhood)
    answers = letters(attempt)
    answers[f"question-{single.pk}"] = ["B"]

    submitted = client.post(attempt.get_absolute_url(), answers)
    result = client.get(submitted["Location"])
    html = result.content.decode()

    assert submitted["Location"] == attempt.result_url() + "#score"
    assert result.status_code == 200
    attempt.refresh_from_db()
    assert (attempt.score, attempt.max_score, attempt.passed) == (2, 3, True)
    assert "纸箱是可回收物，压扁后投入蓝色桶。" in html
    assert f'href="{regulation.url}#article-12"' in html
    assert "《南昌县生活垃圾分类管理办法》第十二条" in html
    assert "B. 绿色（厨余垃圾）" in html and "A. 蓝色（可回收物）" in html


def test_a_finished_attempt_is_counted_once_with_its_neighbourhood_and_campaign(
    client, quiz, neighbourhood, campaign
):
    attempt = start(client, quiz, neighbourhood, phone="138 1234 5678", consent="on")
    client.post(attempt.get_absolute_url(), letters(attempt))

    row = Participation.objects.get()
    assert row.kind == Participation.Kind.QUIZ
    assert (row.neighbourhood, row.campaign, row.source) == (neighbourhood, campaign, attempt)
    assert row.participant == participant_key("13812345678")


def test_a_quiz_under_the_quiz_index_counts_without_a_campaign(
    client, home_page, neighbourhood, single
):
    index = factories.QuizIndexPageFactory(parent=home_page)
    quiz = factories.QuizPageFactory(parent=index, questions=[single])

    attempt = start(client, quiz, neighbourhood)
    client.post(attempt.get_absolute_url(), letters(attempt))

    assert Participation.objects.get().campaign is None


def test_no_phone_number_is_kept_anywhere(client, quiz, neighbourhood):
    attempt = start(client, quiz, neighbourhood, phone="13812345678", consent="on")
    client.post(attempt.get_absolute_url(), letters(attempt))

    stored = list(Attempt.objects.values_list()) + list(Participation.objects.values_list())
    assert not any("13812345678" in str(value) for row in stored for value in row)
    assert "13812345678" not in client.get(attempt.result_url()).content.decode()


def test_a_number_without_consent_is_refused_with_a_message(client, quiz, neighbourhood):
    response = client.post(quiz.url, {"neighbourhood": neighbourhood.pk, "phone": "13812345678"})

    assert response.status_code == 400
    assert response.context["form"].errors["consent"]
    assert not Attempt.objects.exists()


def test_bad_resident_details_are_refused_with_a_message(client, quiz, neighbourhood):
    no_place = client.post(quiz.url, {"neighbourhood": ""})
    bad_phone = client.post(
        quiz.url, {"neighbourhood": neighbourhood.pk, "phone": "12345", "consent": "on"}
    )

    assert no_place.status_code == bad_phone.status_code == 400
    assert "neighbourhood" in no_place.context["form"].errors
    assert "phone" in bad_phone.context["form"].errors
    assert not Attempt.objects.exists()


def test_the_chosen_neighbourhood_is_remembered_for_next_time(client, quiz, neighbourhood):
    start(client, quiz, neighbourhood)

    form = client.get(quiz.url).context["form"]

    assert form["neighbourhood"].value() == neighbourhood.pk


def test_the_page_before_submission_holds_no_answer_key(client, quiz, neighbourhood):
    quiz_html = client.get(quiz.url).content.decode()
    attempt = start(client, quiz, neighbourhood)
    html = client.get(attempt.get_absolute_url()).content.decode()

    for text in ("纸箱是可回收物", "废电池、过期药品属于有害垃圾", "应当破袋投放", "第十二条"):
        assert text not in html and text not in quiz_html
    assert not re.search(r"correct|is_correct|data-answer|checked", html)
    values = set(re.findall(r'name="question-\d+" value="([^"]+)"', html))
    assert values == {"A", "B", "C", "D"}


def test_choices_are_shuffled_once_per_attempt_and_kept_on_reload(
    client, campaign, neighbourhood, multiple
):
    quiz = factories.QuizPageFactory(parent=campaign, questions=[multiple], shuffle_choices=True)
    attempt = start(client, quiz, neighbourhood)

    first = client.get(attempt.get_absolute_url()).content.decode()
    again = client.get(attempt.get_absolute_url()).content.decode()

    order = re.findall(r"<span>(废电池|过期药品|菜叶|卫生纸)</span>", first)
    assert sorted(order) == sorted(["废电池", "过期药品", "菜叶", "卫生纸"])
    assert order == re.findall(r"<span>(废电池|过期药品|菜叶|卫生纸)</span>", again)
    assert attempt.draw[0]["choices"] == [
        choice.pk for choice in sorted(multiple.choices.all(), key=lambda c: order.index(c.text))
    ]


def test_a_random_quiz_draws_from_its_topics_and_keeps_the_draw_with_the_attempt(
    client, campaign, neighbourhood, single, multiple
):
    other = factories.QuestionFactory(tags=["文明交通"])
    quiz = factories.QuizPageFactory(
        parent=campaign, selection=QuizPage.Selection.RANDOM, draw_count=2, draw_tags=["垃圾分类"]
    )

    attempt = start(client, quiz, neighbourhood)
    drawn = {item["question"] for item in attempt.draw}
    html = client.get(attempt.get_absolute_url()).content.decode()

    assert drawn == {single.pk, multiple.pk}
    assert other.text not in html
    assert client.post(attempt.get_absolute_url(), letters(attempt)).status_code == 302


def test_a_multiple_choice_answer_naming_some_right_choices_scores_partly(
    client, campaign, neighbourhood, multiple
):
    quiz = factories.QuizPageFactory(parent=campaign, questions=[multiple], pass_mark=50)
    attempt = start(client, quiz, neighbourhood)

    client.post(attempt.get_absolute_url(), {f"question-{multiple.pk}": ["A"]})

    attempt.refresh_from_db()
    assert (attempt.percent, attempt.passed) == (50, True)
    assert attempt.answers.get().outcome() == "partial"
    assert "outcome-partial" in client.get(attempt.result_url()).content.decode()


def test_the_result_page_lives_at_an_unguessable_address(client, quiz, neighbourhood):
    attempt = start(client, quiz, neighbourhood)
    client.post(attempt.get_absolute_url(), letters(attempt))

    missing = client.get("/quiz-attempts/00000000-0000-0000-0000-000000000000/result/")
    result = client.get(attempt.result_url())

    assert str(attempt.token) in attempt.result_url()
    assert missing.status_code == 404
    assert "no-store" in result["Cache-Control"]
    assert result["X-Robots-Tag"] == "noindex"


def test_the_quiz_index_lists_quizzes_from_campaigns_and_the_index(client, home_page, quiz, single):
    index = factories.QuizIndexPageFactory(parent=home_page)
    own = factories.QuizPageFactory(parent=index, title="城市管理随机测验", questions=[single])

    html = client.get(index.url).content.decode()

    assert quiz.title in html and own.title in html
    assert 'href="/quizzes/"' in client.get("/").content.decode()


def test_the_quiz_page_starts_attempts_at_its_own_address(client, quiz, neighbourhood):
    start_url = reverse("quizzes:start", args=[quiz.pk])

    assert f'action="{start_url}#error-summary"' in client.get(quiz.url).content.decode()
    response = client.post(start_url, {"neighbourhood": neighbourhood.pk})

    assert response.status_code == 302
    assert response["Location"] == Attempt.objects.get(quiz=quiz).get_absolute_url() + "#attempt"


def test_a_private_quiz_starts_no_attempt_for_strangers(client, quiz, neighbourhood):
    PageViewRestriction.objects.create(
        page=quiz, restriction_type=PageViewRestriction.PASSWORD, password="wenming"
    )

    response = client.post(reverse("quizzes:start", args=[quiz.pk]), {"neighbourhood": 1})

    assert response.status_code == 404
    assert not Attempt.objects.exists()


def test_the_start_address_sends_a_get_to_the_quiz_page(client, quiz):
    response = client.get(reverse("quizzes:start", args=[quiz.pk]))

    assert (response.status_code, response["Location"]) == (302, quiz.url)


def test_kept_questions_are_graded_by_the_answers_staff_corrected(
    client, settings, quiz, single, neighbourhood, django_capture_on_commit_callbacks
):
    settings.PAGE_CACHE_SECONDS = 300
    attempt = start(client, quiz, neighbourhood)
    corrected = Choice.objects.filter(question=single, is_correct=False).first()
    with django_capture_on_commit_callbacks(execute=True):
        Choice.objects.filter(question=single).update(is_correct=False)
        Choice.objects.filter(pk=corrected.pk).update(is_correct=True)
        single.save()

    client.post(attempt.get_absolute_url(), letters(attempt))

    attempt.refresh_from_db()
    assert attempt.score == attempt.max_score
    assert attempt.answers.get(question=single).chosen.get() == corrected
