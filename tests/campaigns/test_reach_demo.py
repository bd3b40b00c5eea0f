"""The demo gives every neighbourhood a map tile and each campaign a month of uneven reach, once."""

import pytest

from campaigns import factories, reach
from campaigns.demo import campaigns as demo_campaigns
from campaigns.demo import county
from campaigns.demo import reach as demo_reach
from campaigns.models import Neighbourhood, Participation
from campaigns.reach_charts import rings

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo_county(campaign_index):
    """The demo's towns and neighbourhoods, and its first campaign aimed at a few of them."""
    for order, (town_slug, town_name, hoods) in enumerate(county.TOWNS):
        town = factories.TownFactory(slug=town_slug, name=town_name, sort_order=order)
        for slug, name, population in hoods:
            factories.NeighbourhoodFactory(slug=slug, name=name, town=town, population=population)
    data = demo_campaigns.CAMPAIGNS[0]
    campaign = factories.CampaignPageFactory(parent=campaign_index, slug=data["slug"])
    campaign.target_neighbourhoods.set(
        Neighbourhood.objects.filter(slug__in=data["neighbourhoods"])
    )
    return campaign


def corners(place):
    return {tuple(point) for ring in rings(place.outline) for point in ring}


def test_each_neighbourhood_gets_a_tile_touching_the_next_one_in_its_town(demo_county):
    demo_reach.add_outlines()
    demo_reach.add_outlines()

    places = {place.slug: place for place in Neighbourhood.objects.all()}
    for _town, _name, hoods in county.TOWNS:
        tiles = [places[slug] for slug, _n, _p in hoods]
        for place, after in zip(tiles, tiles[1:], strict=False):
            assert len(corners(place) & corners(after)) == 2  # they share an edge
    for place in places.values():
        lon, lat = next(iter(corners(place)))
        assert 115.7 < lon < 116.2 and 28.4 < lat < 28.7


def test_an_outline_staff_drew_is_kept(demo_county):
    drawn = {"type": "Polygon", "coordinates": [[[1, 1], [2, 1], [2, 2], [1, 1]]]}
    Neighbourhood.objects.filter(slug="chenghu").update(outline=drawn)

    demo_reach.add_outlines()

    assert Neighbourhood.objects.get(slug="chenghu").outline == drawn


def test_the_history_writes_poster_visits_once_most_in_the_campaigns_targets(demo_county):
    demo_reach.add_history()
    written = Participation.objects.count()
    demo_reach.add_history()
    reach.roll_up()

    counted = reach.report(reach.Scope(campaign=demo_county.pk))
    visits = {place.slug: figures.visits for place, figures in counted.neighbourhoods}
    targets = set(demo_county.target_neighbourhoods.values_list("slug", flat=True))
    assert Participation.objects.count() == written > 1000
    # Quiz rows come from residents' own attempts (tests/quizzes/test_demo.py), not from here.
    assert set(Participation.objects.values_list("kind", flat=True)) == {Participation.Kind.VISIT}
    assert min(visits[slug] for slug in targets) > max(visits["xiangdong"], visits["nanhu"])
