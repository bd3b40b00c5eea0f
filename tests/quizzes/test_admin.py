import pytest
from django.contrib.auth import get_user_model

from campaigns import factories as campaign_factories
from campaigns import roles
from quizzes import factories
from quizzes.models import Question, QuizPage
from tests.quizzes.conftest import letters, start

pytestmark = pytest.mark.django_db
ADD_QUESTION = "/admin/snippets/quizzes/question/add/"
QUESTIONS = "/admin/snippets/quizzes/question/"


@pytest.fixture
def admin_client(client, home_page):
    client.force_login(get_user_model().objects.create_superuser("admin", password="pw"))
    return client


def question_data(kind="single", choices=(("蓝色", True), ("绿色", False)), **fields):
    data = {
        "text": "废纸箱应投放到哪种颜色的桶？",
        "kind": kind,
        "difficulty": 1,
        "explanation": "纸箱是可回收物。",
        "tags": "垃圾分类",
        "choices-TOTAL_FORMS": len(choices),
        "choices-INITIAL_FORMS": 0,
        "choices-MIN_NUM_FORMS": 2,
        "choices-MAX_NUM_FORMS": 6,
        **fields,
    }
    for n, (text, correct) in enumerate(choices):
        data[f"choices-{n}-text"] = text
        data[f"choices-{n}-ORDER"] = n + 1
        if correct:
            data[f"choices-{n}-is_correct"] = "on"
    return data


def test_staff_add_a_question_with_its_choices_and_cited_article(admin_client, regulation):
    response = admin_client.post(
        ADD_QUESTION, question_data(regulation=regulation.pk, article_number=12)
    )

    assert response.status_code == 302
    question = Question.objects.get()
    assert [(c.text, c.is_correct) for c in question.choices.all()] == [
        ("蓝色", True),
        ("绿色", False),
    ]
    assert question.citation().endswith("第十二条")
    assert [tag.name for tag in question.tags.all()] == ["垃圾分类"]


@pytest.mark.parametrize(
    ("kind", "choices"),
    [
        ("single", (("蓝色", True), ("绿色", True))),
        ("true_false", (("正确", False), ("错误", False))),
        ("multiple", (("甲", False), ("乙", False))),
    ],
)
def test_staff_are_told_when_the_correct_flags_do_not_suit_the_kind(admin_client, kind, choices):
    response = admin_client.post(ADD_QUESTION, question_data(kind=kind, choices=choices))

    assert response.status_code == 200
    assert response.context["form"].non_field_errors()
    assert not Question.objects.exists()


def test_staff_are_told_when_the_article_is_not_in_the_regulation(admin_client, regulation):
    response = admin_client.post(
        ADD_QUESTION, question_data(regulation=regulation.pk, article_number=99)
    )

    assert response.status_code == 200
    assert response.context["form"].errors["article_number"]


def test_the_question_list_filters_by_topic_kind_and_regulation(admin_client, single, multiple):
    traffic = factories.QuestionFactory(text="人行道可以停车吗？", tags=["文明交通"])
    waste_tag = single.tags.get()

    by_tag = admin_client.get(QUESTIONS, {"tags": waste_tag.pk}).content.decode()
    by_kind = admin_client.get(QUESTIONS, {"kind": "multiple"}).content.decode()
    by_regulation = admin_client.get(QUESTIONS, {"regulation": single.regulation_id})

    assert single.text[:20] in by_tag and traffic.text not in by_tag
    assert multiple.text[:20] in by_kind and single.text[:20] not in by_kind
    assert traffic.text not in by_regulation.content.decode()


def test_the_question_list_finds_chinese_words_inside_chinese_text(
    admin_client, single, multiple, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        traffic = factories.QuestionFactory(text="人行道上可以停放机动车吗？", tags=["文明交通"])
        single.save()
        multiple.save()

    html = admin_client.get(QUESTIONS, {"q": "有害"}).content.decode()
    tagged = admin_client.get(QUESTIONS, {"q": "交通"}).content.decode()

    assert multiple.text[:20] in html and single.text[:20] not in html
    assert traffic.text[:20] in tagged and multiple.text[:20] not in tagged


def test_staff_can_open_the_quiz_editors(admin_client, home_page, campaign, quiz):
    add_index = admin_client.get(f"/admin/pages/add/quizzes/quizindexpage/{home_page.pk}/")
    index = factories.QuizIndexPageFactory(parent=home_page)

    assert add_index.status_code == 200
    for url in (
        f"/admin/pages/add/quizzes/quizpage/{campaign.pk}/",
        f"/admin/pages/add/quizzes/quizpage/{index.pk}/",
        f"/admin/pages/{quiz.pk}/edit/",
        "/admin/snippets/quizzes/dailyquestion/",
    ):
        assert admin_client.get(url).status_code == 200, url


def quiz_data(**fields):
    return {
        "title": "随机测验",
        "slug": "suiji",
        "selection": "random",
        "pass_mark": 60,
        "attempts_per_day": 3,
        "shuffle_choices": "on",
        "quiz_questions-TOTAL_FORMS": 0,
        "quiz_questions-INITIAL_FORMS": 0,
        "quiz_questions-MIN_NUM_FORMS": 0,
        "quiz_questions-MAX_NUM_FORMS": 1000,
        **fields,
    }


def test_a_random_quiz_needs_topics_with_enough_questions(admin_client, campaign, single):
    url = f"/admin/pages/add/quizzes/quizpage/{campaign.pk}/"

    no_topics = admin_client.post(url, quiz_data(draw_count=2))
    too_many = admin_client.post(url, quiz_data(draw_count=2, draw_tags="垃圾分类"))
    good = admin_client.post(url, quiz_data(draw_count=1, draw_tags="垃圾分类"))

    assert no_topics.status_code == too_many.status_code == 200
    assert no_topics.context["form"].errors["draw_tags"]
    assert too_many.context["form"].errors["draw_count"]
    assert good.status_code == 302
    assert QuizPage.objects.get(slug="suiji").draw_count == 1


def test_a_fixed_quiz_needs_at_least_one_question(admin_client, campaign):
    response = admin_client.post(
        f"/admin/pages/add/quizzes/quizpage/{campaign.pk}/", quiz_data(selection="fixed")
    )

    assert response.status_code == 200
    assert response.context["form"].non_field_errors()


def test_a_quiz_may_sit_under_a_campaign_or_the_quiz_index_only(home_page, campaign):
    assert QuizPage.can_exist_under(campaign)
    assert not QuizPage.can_exist_under(home_page)
    assert factories.QuizIndexPageFactory._meta.model.can_exist_under(home_page)


def test_a_committee_cannot_edit_questions_or_quizzes(client, quiz, volunteer_index):
    page = campaign_factories.NeighbourhoodVolunteerPageFactory(parent=volunteer_index)
    group = roles.ensure_committee_group(page)
    user = get_user_model().objects.create_user("committee", password="pw")
    user.groups.add(group)
    client.force_login(user)

    assert client.get(QUESTIONS).status_code in (302, 403)
    assert not quiz.permissions_for_user(user).can_edit()


def test_an_answered_question_cannot_be_deleted_from_under_the_report(
    admin_client, client, quiz, neighbourhood, single
):
    attempt = start(client, quiz, neighbourhood)
    client.post(attempt.get_absolute_url(), letters(attempt))
    unused = factories.QuestionFactory()

    refused = admin_client.post(f"/admin/snippets/quizzes/question/delete/{single.pk}/")
    deleted = admin_client.post(f"/admin/snippets/quizzes/question/delete/{unused.pk}/")

    assert refused.status_code == deleted.status_code == 302
    assert Question.objects.filter(pk=single.pk).exists()
    assert not Question.objects.filter(pk=unused.pk).exists()


def test_the_page_explorer_links_each_quiz_to_its_results(admin_client, campaign, quiz):
    html = admin_client.get(f"/admin/pages/{campaign.pk}/").content.decode()

    assert f"/admin/quizzes/reports/{quiz.pk}/" in html


def test_staff_preview_a_new_quiz_before_saving_it(
    admin_client, campaign, quiz, neighbourhood, single
):
    url = f"/admin/pages/add/quizzes/quizpage/{campaign.pk}/preview/"
    data = quiz_data(
        selection="fixed",
        **{
            "quiz_questions-TOTAL_FORMS": 1,
            "quiz_questions-0-question": single.pk,
            "quiz_questions-0-ORDER": 1,
        },
    )
    start(admin_client, quiz, neighbourhood)

    posted = admin_client.post(url, data)
    shown = admin_client.get(url)

    assert posted.json()["is_valid"]
    assert shown.status_code == 200
    assert "随机测验" in shown.content.decode()
    assert 'name="neighbourhood"' in shown.content.decode()
