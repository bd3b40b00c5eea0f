import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from wagtail.images import get_image_model
from wagtail.models import Page

from campaigns.models import ArticlePage, CampaignPage, Neighbourhood, RegulationPage

pytestmark = pytest.mark.django_db


def counts():
    return (
        Page.objects.count(),
        Neighbourhood.objects.count(),
        get_user_model().objects.count(),
        get_image_model().objects.count(),
    )


def test_the_demo_county_loads_twice_without_duplicates_and_works(client, capsys):
    call_command("load_demo")
    first = counts()
    call_command("load_demo")
    printed = capsys.readouterr().out

    assert counts() == first
    assert first[1] >= 25
    assert RegulationPage.objects.live().count() >= 6
    assert "committee" in printed and "publicity" in printed and "admin" in printed

    waste = RegulationPage.objects.get(title__contains="垃圾分类")
    assert waste.article(12) is not None
    results = client.get("/search/", {"q": "垃圾"}).context["results"]
    assert waste.pk in [page.pk for page in results]
    assert any("市容" in page.title for page in results)  # the first page, not the fifth
    assert 'id="article-12"' in client.get(waste.url).content.decode()

    committee = get_user_model().objects.get(username="committee")
    own = committee.groups.get().neighbourhood.volunteer_page
    client.force_login(committee)
    explorer = client.get("/admin/pages/", follow=True).content.decode()
    assert own.title in explorer
    assert not waste.permissions_for_user(committee).can_edit()

    campaigns = CampaignPage.objects.live()
    assert all(campaign.hero_image for campaign in campaigns)
    assert 'alt="' in client.get(campaigns.first().url).content.decode()
    guide = ArticlePage.objects.get(title__contains="一图读懂")
    pictures = [block.value["image"] for block in guide.body if block.block_type == "image"]
    assert pictures and pictures[0].title == "一图读懂有害垃圾投放" and pictures[0].description
    assert "<img" in client.get(guide.url).content.decode()
