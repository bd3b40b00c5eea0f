"""Every public page type runs the same small number of queries however much it lists."""

import datetime

import pytest
import wagtail_factories
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from campaigns import factories, pledges
from campaigns.volunteering import sign_up
from quizzes import factories as quiz_factories
from quizzes.models import QuizQuestion

pytestmark = pytest.mark.django_db
# The campaign page lists its articles, its open quizzes and pledges, and nearby activities.
BUDGET = 16
FEW, MANY = 2, 20


def phone(n):
    return f"1381234{n:04d}"


def once(tree, name, make):
    """Return the page made for this test under name, making it the first time."""
    if name not in tree:
        tree[name] = make()
    return tree[name]


def tagged(page, *tags):
    page.tags.add(*tags)
    page.save()


def articles(parent, count):
    for _ in range(count):
        tagged(factories.ArticlePageFactory(parent=parent), "垃圾分类", "文明交通")


def campaigns(parent, count):
    for _ in range(count):
        picture = wagtail_factories.ImageFactory()
        tagged(factories.CampaignPageFactory(parent=parent, hero_image=picture), "垃圾分类")


def regulations(parent, count):
    for _ in range(count):
        tagged(factories.RegulationPageFactory(parent=parent), "垃圾分类")


def events(room, count):
    for n in range(count):
        factories.VolunteerEventPageFactory(
            parent=room, starts_at=timezone.now() + datetime.timedelta(days=2, hours=n)
        )


@pytest.fixture
def tree(home_page, campaign_index, news_index, regulation_index, volunteer_index):
    place = factories.NeighbourhoodFactory()
    campaign = factories.CampaignPageFactory(parent=campaign_index)
    room = factories.NeighbourhoodVolunteerPageFactory(parent=volunteer_index, neighbourhood=place)
    return {
        "home": home_page,
        "campaigns": campaign_index,
        "news": news_index,
        "regulations": regulation_index,
        "volunteer": volunteer_index,
        "campaign": campaign,
        "place": place,
        "room": room,
    }


def actions(campaign, count):
    for _ in range(count):
        factories.PledgePageFactory(parent=campaign)
        quiz_factories.QuizPageFactory(
            parent=campaign, questions=quiz_factories.QuestionFactory.create_batch(1)
        )


def grow_home(tree, count):
    campaigns(tree["campaigns"], count)
    articles(tree["news"], count)
    events(tree["room"], count)
    actions(tree["campaign"], count)


def grow_campaign(tree, count):
    articles(tree["campaign"], count)
    actions(tree["campaign"], count)
    events(tree["room"], count)
    tree["campaign"].target_neighbourhoods.add(tree["place"])
    for _ in range(count):
        tree["campaign"].target_neighbourhoods.add(factories.NeighbourhoodFactory())
    tree["campaign"].save_revision().publish()


def grow_article(tree, count):
    article = once(tree, "article", lambda: factories.ArticlePageFactory(parent=tree["campaign"]))
    article.tags.add(*[f"标签{len(article.tags.all()) + n}" for n in range(count)])
    article.body = [{"type": "paragraph", "value": "<p>正文</p>"}] * (count + 1)
    article.save_revision().publish()
    return article.url


def grow_regulation(tree, count):
    regulation = once(
        tree, "regulation", lambda: factories.RegulationPageFactory(parent=tree["regulations"])
    )
    regulation.body = factories.regulation_body(chapters=count, articles_per_chapter=5)
    regulation.tags.add(*[f"标签{len(regulation.tags.all()) + n}" for n in range(count)])
    regulation.save_revision().publish()
    return regulation.url


def grow_event(tree, count):
    event = once(tree, "event", lambda: factories.VolunteerEventPageFactory(parent=tree["room"]))
    event.capacity = 100
    event.save()
    done = event.signups.count()
    for n in range(done, done + count):
        sign_up(event, name="吴九", neighbourhood=tree["place"], phone=phone(n))
    return event.url


def grow_pledge(tree, count):
    pledge = once(tree, "pledge", lambda: factories.PledgePageFactory(parent=tree["campaign"]))
    done = pledge.signatures.count()
    for n in range(done, done + count):
        pledges.sign_pledge(
            pledge, name="张三明", neighbourhood=tree["place"], phone=phone(n), hide_name=False
        )
    return pledge.url


def grow_quiz_index(tree, count):
    index = once(
        tree, "quiz_index", lambda: quiz_factories.QuizIndexPageFactory(parent=tree["home"])
    )
    for _ in range(count):
        quiz_factories.QuizPageFactory(
            parent=index, questions=quiz_factories.QuestionFactory.create_batch(2)
        )
    return index.url


def grow_quiz(tree, count):
    quiz = once(tree, "quiz", lambda: quiz_factories.QuizPageFactory(parent=tree["campaign"]))
    done = quiz.quiz_questions.count()
    for order, question in enumerate(quiz_factories.QuestionFactory.create_batch(count), done):
        QuizQuestion.objects.create(page=quiz, question=question, sort_order=order)
    return quiz.url


PAGES = {
    "home": lambda tree, n: grow_home(tree, n) or "/",
    "campaign index": lambda tree, n: campaigns(tree["campaigns"], n) or tree["campaigns"].url,
    "campaign": lambda tree, n: grow_campaign(tree, n) or tree["campaign"].url,
    "article": grow_article,
    "news index": lambda tree, n: articles(tree["news"], n) or tree["news"].url,
    "regulation index": lambda tree, n: (
        regulations(tree["regulations"], n) or tree["regulations"].url
    ),
    "regulation": grow_regulation,
    "volunteer index": lambda tree, n: events(tree["room"], n) or tree["volunteer"].url,
    "neighbourhood volunteering": lambda tree, n: events(tree["room"], n) or tree["room"].url,
    "volunteer event": grow_event,
    "pledge": grow_pledge,
    "quiz index": grow_quiz_index,
    "quiz": grow_quiz,
    "search": lambda tree, n: articles(tree["news"], n) or "/search/?q=文章",
    "tag": lambda tree, n: articles(tree["news"], n) or "/tags/垃圾分类/",
}


def queries(client, url):
    client.get(url)  # Warm what Wagtail keeps per process, such as the site root paths.
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(captured)


@pytest.mark.parametrize("page", PAGES)
def test_a_public_page_runs_the_same_few_queries_for_little_or_much_content(client, tree, page):
    url = PAGES[page](tree, FEW)
    few = queries(client, url)

    url = PAGES[page](tree, MANY - FEW)
    many = queries(client, url)

    print(f"{page}: {few} queries")
    assert many == few
    assert few <= BUDGET
