import itertools
from decimal import Decimal

import pytest
from django.contrib.auth import get_user_model

from campaigns import factories as campaign_factories
from campaigns import roles
from quizzes import attempts, factories, reports
from tests.spreadsheets import csv_rows, sheet_of, table_rows

pytestmark = pytest.mark.django_db
DEVICES = itertools.count()


def take(quiz, neighbourhood, picks):
    """Finish an attempt picking, per question, the choices with these texts."""
    attempt = attempts.start_attempt(
        quiz, neighbourhood=neighbourhood, participant="", device=f"device:{next(DEVICES)}"
    )
    picked = []
    for answer in attempts.drawn_answers(attempt):
        texts = picks.get(answer.question_id, [])
        picked.append((answer, [c for c in answer.question.choices.all() if c.text in texts]))
    return attempts.submit_attempt(attempt, picked)


@pytest.fixture
def answered(quiz, single, true_false, multiple, neighbourhood, other_neighbourhood):
    """Eight residents of one neighbourhood and three of another answer the quiz."""
    right = {
        single.pk: ["蓝色（可回收物）"],
        true_false.pk: ["错误"],
        multiple.pk: ["废电池", "过期药品"],
    }
    for n in range(8):
        wrong_bin = "绿色（厨余垃圾）" if n < 5 else "灰色（其他垃圾）"
        take(quiz, neighbourhood, {**right, single.pk: [wrong_bin] if n < 6 else right[single.pk]})
    for _ in range(3):
        take(quiz, other_neighbourhood, right)
    return quiz


def row_for(rows, question, place=""):
    return next(r for r in rows if r.question == question and r.place == place)


def test_the_report_shows_attempts_average_and_pass_rate(answered):
    summary = reports.quiz_summary(answered)

    assert summary.attempts == 11
    assert summary.pass_rate == 100
    assert summary.average_score == Decimal("81.8")


def test_each_question_shows_the_share_correct_and_the_most_chosen_wrong_answer(
    answered, single, true_false
):
    rows = reports.question_rows(answered)
    waste_bin = row_for(rows, single)

    assert rows[0] == waste_bin
    assert (waste_bin.answered, waste_bin.correct_share) == (11, Decimal("45.5"))
    assert waste_bin.wrong_answer == "绿色（厨余垃圾）"
    assert waste_bin.wrong_share == Decimal("45.5")
    assert row_for(rows, true_false).wrong_answer == ""


def test_per_neighbourhood_rows_show_where_a_rule_is_misunderstood_and_hide_small_groups(
    answered, single, neighbourhood, other_neighbourhood
):
    rows = reports.question_rows(answered, by_neighbourhood=True)
    here = row_for(rows, single, neighbourhood.name)
    small = row_for(rows, single, other_neighbourhood.name)

    assert here.correct_share == 25
    assert here.wrong_answer == "绿色（厨余垃圾）"
    assert small.suppressed
    assert (small.answered_display, small.correct_share, small.wrong_answer) == ("<5", None, "")


def test_one_neighbourhood_can_be_reported_alone(answered, single, neighbourhood):
    rows = reports.question_rows(answered, neighbourhood=neighbourhood)

    assert {row.place for row in rows} == {neighbourhood.name}
    assert reports.quiz_summary(answered, neighbourhood).attempts == 8


@pytest.fixture
def staff_client(client, home_page):
    user = get_user_model().objects.create_user("publicity", password="pw")
    user.groups.add(roles.ensure_publicity_staff_group())
    client.force_login(user)
    return client


def test_staff_read_the_report_in_the_admin(staff_client, answered):
    index = staff_client.get("/admin/quizzes/reports/").content.decode()
    report = staff_client.get(f"/admin/quizzes/reports/{answered.pk}/")
    html = report.content.decode()

    assert answered.title in index
    assert report.status_code == 200
    assert "废纸箱应当投放到哪种颜色的收集容器？" in html
    assert "绿色（厨余垃圾）" in html
    assert "45.5" in html


def test_the_report_exports_to_csv_and_xlsx(staff_client, answered, neighbourhood):
    url = f"/admin/quizzes/reports/{answered.pk}/"

    csv_response = staff_client.get(url, {"export": "csv", "breakdown": "neighbourhood"})
    xlsx_response = staff_client.get(url, {"export": "xlsx"})

    lines = csv_rows(csv_response)
    assert len(lines) == 1 + 6
    assert any(neighbourhood.name in line and "绿色（厨余垃圾）" in line for line in lines)
    cells = table_rows(sheet_of(xlsx_response))
    assert len(cells) == 1 + 3
    assert "绿色（厨余垃圾）" in cells[1]


def test_exported_text_cannot_run_as_a_spreadsheet_formula(staff_client, campaign, neighbourhood):
    question = factories.QuestionFactory(choices=[("对", True), ('=HYPERLINK("http://x")', False)])
    quiz = factories.QuizPageFactory(parent=campaign, questions=[question])
    for _ in range(5):
        take(quiz, neighbourhood, {question.pk: ['=HYPERLINK("http://x")']})

    response = staff_client.get(f"/admin/quizzes/reports/{quiz.pk}/", {"export": "csv"})

    text = b"".join(response.streaming_content).decode()
    assert "'=HYPERLINK" in text
    assert ",=HYPERLINK" not in text


def test_the_report_is_for_staff_who_may_edit_the_quiz(client, answered, volunteer_index):
    url = f"/admin/quizzes/reports/{answered.pk}/"
    anonymous = client.get(url)
    page = campaign_factories.NeighbourhoodVolunteerPageFactory(parent=volunteer_index)
    committee = get_user_model().objects.create_user("committee", password="pw")
    committee.groups.add(roles.ensure_committee_group(page))
    client.force_login(committee)

    assert anonymous.status_code == 302 and "/admin/login/" in anonymous["Location"]
    assert client.get(url).status_code in (302, 403)
    assert answered.title not in client.get("/admin/quizzes/reports/").content.decode()
