"""What the public sees of reach: a campaign's summary and the 文明榜 ranking, cached per rollup."""

from django.core.cache import cache

from campaigns import reach
from campaigns.models import Neighbourhood, ReachPage

# Keys carry the rollup watermark, so each rollup that adds rows starts new keys; old ones expire.
CACHE_SECONDS = 600


def cached(key, count):
    """Return the figures stored under key for the current rollup, counting them if missing.

    They come with as_of, the time the rollups last looked at the log.
    """
    counted_to, as_of = reach.watermark()
    key = f"{key}:{counted_to}"
    figures = cache.get(key)
    if figures is None:
        figures = count()
        cache.set(key, figures, CACHE_SECONDS)
    return {**figures, "as_of": as_of}


def campaign_summary(campaign):
    """Return how many residents a campaign reached, and in how many of its neighbourhoods."""
    # The revision is in the key because editing the campaign may change its targets.
    key = f"reach:summary:{campaign.pk}:{campaign.latest_revision_id}"
    return cached(key, lambda: count_summary(campaign))


def count_summary(campaign):
    targets = Neighbourhood.objects.filter(campaigns=campaign)
    places = targets if targets.exists() else None
    found = reach.report(reach.Scope(campaign=campaign.pk), neighbourhoods=places)
    return {
        # None when fewer residents than the suppression threshold took part.
        "residents": reach.suppress(found.county).residents,
        "reached": sum(1 for _place, row in found.neighbourhoods if row.residents or row.visits),
        "places": len(found.neighbourhoods),
        "ranking_url": ranking_url(),
    }


def ranking_url():
    page = ReachPage.objects.live().public().first()
    return page.url if page else None


def ranking(town=None, campaign=None):
    """Return the county (or town) total and its neighbourhoods ranked by reach rate."""
    return cached(f"reach:ranking:{town or 0}:{campaign or 0}", lambda: rank(town, campaign))


def rank(town, campaign):
    found = reach.report(reach.Scope(campaign=campaign, town=town))
    ranked, few = [], []
    for place, row in reach.suppress_table(found.neighbourhoods):
        line = {
            "name": place.name,
            "town": place.town.name,
            "residents": row.residents,
            "per_thousand": row.per_thousand,
        }
        # A rank would give away a suppressed figure, so those neighbourhoods go unranked.
        (few if row.residents is None else ranked).append(line)
    ranked.sort(key=lambda line: (-(line["per_thousand"] or 0), -line["residents"]))
    number_ranks(ranked)
    total = reach.suppress(found.county)
    county = {"residents": total.residents, "per_thousand": total.per_thousand}
    return {"county": county, "ranked": ranked, "few": few}


def number_ranks(lines):
    """Give equal rates the same rank (1, 2, 2, 4) and each a bar relative to the top rate."""
    top = lines[0]["per_thousand"] if lines else None
    for position, line in enumerate(lines, start=1):
        rate = line["per_thousand"] or 0
        tied = position > 1 and rate == (lines[position - 2]["per_thousand"] or 0)
        line["rank"] = lines[position - 2]["rank"] if tied else position
        line["bar"] = round(rate * 100 / top) if top else 0
