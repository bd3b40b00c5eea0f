"""Search lists what residents look for first and the near-identical neighbourhood rooms as one."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from campaigns import factories
from campaigns.models import NeighbourhoodVolunteerPage

pytestmark = pytest.mark.django_db
# The demo's rooms share an introduction like this one, naming the work every room does.
ROOM_INTRO = "<p>{name}志愿服务站常年开展垃圾分类桶边督导、文明交通劝导等志愿服务。</p>"


def rooms(volunteer_index, count):
    """Make count neighbourhood rooms with the shared introduction."""
    made = []
    for _ in range(count):
        hood = factories.NeighbourhoodFactory()
        made.append(
            factories.NeighbourhoodVolunteerPageFactory(
                parent=volunteer_index, neighbourhood=hood, intro=ROOM_INTRO.format(name=hood.name)
            )
        )
    return made


def publish_event(room, capture, **fields):
    """Publish an activity in room as an editor would, indexing what changes on commit."""
    event = factories.VolunteerEventPageFactory(parent=room, **fields)
    with capture(execute=True):
        event.save_revision().publish()
    return event


def is_room(entry):
    return getattr(entry, "is_group", False) or isinstance(entry, NeighbourhoodVolunteerPage)


@pytest.fixture
def demo_like(regulation_index, campaign_index, news_index, volunteer_index):
    """Build pages like the demo's: a regulation, a campaign, articles and twenty rooms."""
    regulation = factories.RegulationPageFactory(
        parent=regulation_index,
        title="南昌县城市市容和环境卫生管理办法",
        summary="<p>规范城市市容和环境卫生管理。</p>",
        body=[
            {
                "type": "article",
                "value": {"number": 18, "text": "<p>禁止随意倾倒、抛撒或者堆放生活垃圾。</p>"},
            }
        ],
    )
    campaign = factories.CampaignPageFactory(parent=campaign_index, title="垃圾分类进社区")
    for n in range(6):
        factories.ArticlePageFactory(parent=campaign, title=f"垃圾分类进社区第{n}站")
    for n in range(4):
        factories.ArticlePageFactory(
            parent=news_index, title=f"城市管理简讯{n}", intro="桶边督导，垃圾分出率提高。"
        )
    return {"regulation": regulation, "rooms": rooms(volunteer_index, 20)}


def test_the_regulation_is_on_the_first_page_and_rooms_do_not_flood_it(client, demo_like):
    first = client.get("/search/", {"q": "垃圾"}).context["results"]

    assert demo_like["regulation"] in list(first)
    assert sum(is_room(entry) for entry in first) <= 1


def test_a_shared_room_introduction_does_not_make_the_room_match(client, demo_like):
    results = client.get("/search/", {"q": "垃圾"}).context["results"]

    assert results.paginator.count == 12
    assert not any(is_room(entry) for entry in results.paginator.object_list)


def test_rooms_with_matching_activities_are_listed_as_one_entry_after_the_rest(
    client, demo_like, django_capture_on_commit_callbacks
):
    for room in demo_like["rooms"][:5]:
        publish_event(room, django_capture_on_commit_callbacks, title="垃圾分类桶边督导")

    second = client.get("/search/", {"q": "垃圾", "page": 2})

    group = list(second.context["results"])[-1]
    assert [is_room(entry) for entry in second.context["results"]].count(True) == 1
    assert len(group.pages) == 5
    html = second.content.decode()
    assert "各社区志愿服务页 5 个" in html
    assert 'href="/volunteer/"' in html
    assert f'href="{group.shown[0].url}"' in html


def test_a_word_in_every_room_title_gives_one_entry_linking_to_the_volunteer_index(
    client, volunteer_index
):
    rooms(volunteer_index, 20)

    response = client.get("/search/", {"q": "志愿服务"})

    assert response.context["results"].paginator.count == 1
    assert "各社区志愿服务页 20 个" in response.content.decode()


def test_a_neighbourhood_name_finds_its_own_room(client, volunteer_index):
    own, *_ = rooms(volunteer_index, 3)

    results = list(client.get("/search/", {"q": own.neighbourhood.name}).context["results"])

    assert results == [own]


def test_a_room_is_found_by_its_activities_until_they_are_withdrawn(
    client, volunteer_index, django_capture_on_commit_callbacks
):
    room, _other = rooms(volunteer_index, 2)
    event = publish_event(room, django_capture_on_commit_callbacks, title="楼道杂物清理行动")

    found = list(client.get("/search/", {"q": "楼道杂物"}).context["results"])
    with django_capture_on_commit_callbacks(execute=True):
        event.unpublish()

    assert found == [event, room]
    assert list(client.get("/search/", {"q": "楼道杂物"}).context["results"]) == []


def test_a_regulation_comes_before_an_article_that_matches_alike(client, demo_like):
    results = list(client.get("/search/", {"q": "垃圾"}).context["results"])

    matching_in_text = [page.title for page in results if "垃圾" not in page.title]
    assert matching_in_text[0] == "南昌县城市市容和环境卫生管理办法"


def test_pages_of_grouped_results_are_counted_once_each(
    client, demo_like, django_capture_on_commit_callbacks
):
    for room in demo_like["rooms"][:3]:
        publish_event(room, django_capture_on_commit_callbacks, title="垃圾分类桶边督导")

    first = client.get("/search/", {"q": "垃圾"}).context["results"]
    second = client.get("/search/", {"q": "垃圾", "page": 2}).context["results"]

    # 12 pages, 3 activities and one entry for their 3 rooms.
    assert first.paginator.count == 16
    assert (len(first), len(second)) == (10, 6)
    assert not {entry.pk for entry in first if not is_room(entry)} & {
        entry.pk for entry in second if not is_room(entry)
    }


def search_queries(client, query):
    client.get("/search/", {"q": query})  # Warm what Wagtail keeps per process.
    with CaptureQueriesContext(connection) as captured:
        client.get("/search/", {"q": query})
    return len(captured)


def test_grouping_rooms_costs_the_same_queries_for_few_or_many(client, volunteer_index):
    rooms(volunteer_index, 2)
    few = search_queries(client, "志愿服务")
    rooms(volunteer_index, 20)

    assert search_queries(client, "志愿服务") == few
