"""Demo reach: a hexagon outline per neighbourhood and a month of poster visits.

Quiz attempts are made by residents taking the demo quizzes (quizzes/demo/attempts.py), so the
log's quiz rows are those attempts' own.
"""

import datetime
import itertools
import math
import random

from django.utils import timezone

from campaigns.demo import campaigns, county
from campaigns.models import CampaignPage, Neighbourhood, Participation

CENTRE = (115.94, 28.55)  # Nanchang County, near 莲塘镇
KM_PER_DEGREE = 111.32
HEX_KM = 2.6  # centre to corner
GRID_ROWS = 5
JITTER = 0.15  # of HEX_KM, so the tiles look like places rather than a honeycomb
DAYS = 30
# Residents per campaign in the places the campaigns have not reached: the cold spots to find.
QUIET = {"xiangdong": 0, "nanhu": 0, "jiangkou": 3, "yuejin": 4}

Kind = Participation.Kind


# Outlines


def demo_slugs():
    """Return the demo neighbourhood slugs in county order, town by town."""
    return [slug for _town, _name, hoods in county.TOWNS for slug, _n, _p in hoods]


def snake():
    """Yield grid cells down one column and up the next, so consecutive cells always touch."""
    for column in itertools.count():
        rows = range(GRID_ROWS) if column % 2 == 0 else reversed(range(GRID_ROWS))
        for row in rows:
            yield column, row


def corner(i, j):
    """Return a hexagon corner on the lattice (i half-widths, j half-radii) in km, jittered.

    Neighbouring tiles share corners, and the jitter is seeded by the corner, so they still meet.
    """
    chance = random.Random(f"{i},{j}")
    x = i * math.sqrt(3) * HEX_KM / 2 + chance.uniform(-JITTER, JITTER) * HEX_KM
    y = j * HEX_KM / 2 + chance.uniform(-JITTER, JITTER) * HEX_KM
    return x, y


def hexagon(column, row, columns):
    """Return the GeoJSON Polygon of one pointy-topped tile, odd rows shifted half a tile."""
    i, j = 2 * column + 1 + row % 2, 3 * row + 2  # the centre, in lattice units
    corners = [
        (i, j - 2),
        (i + 1, j - 1),
        (i + 1, j + 1),
        (i, j + 2),
        (i - 1, j + 1),
        (i - 1, j - 1),
    ]
    middle_x = (2 * columns + 1) * math.sqrt(3) * HEX_KM / 4
    middle_y = (3 * GRID_ROWS + 1) * HEX_KM / 4
    shrink = math.cos(math.radians(CENTRE[1]))
    ring = []
    for x, y in (corner(ci, cj) for ci, cj in corners):
        lon = CENTRE[0] + (x - middle_x) / (KM_PER_DEGREE * shrink)
        lat = CENTRE[1] - (y - middle_y) / KM_PER_DEGREE  # rows run north to south
        ring.append([round(lon, 5), round(lat, 5)])
    return {"type": "Polygon", "coordinates": [[*ring, ring[0]]]}


def add_outlines():
    """Give each demo neighbourhood without an outline its tile, each town's tiles together."""
    slugs = demo_slugs()
    columns = math.ceil(len(slugs) / GRID_ROWS)
    hoods = Neighbourhood.objects.in_bulk(slugs, field_name="slug")
    for slug, (column, row) in zip(slugs, snake(), strict=False):
        hood = hoods.get(slug)
        if hood is not None and not hood.outline:
            hood.outline = hexagon(column, row, columns)
            hood.save(update_fields=["outline"])


# Participation history


def add_history():
    """Write, once per demo campaign, a month of poster visits, unevenly spread."""
    slugs = demo_slugs()
    places = sorted(Neighbourhood.objects.filter(slug__in=slugs), key=lambda p: slugs.index(p.slug))
    today = timezone.localdate()
    for data in campaigns.CAMPAIGNS:
        campaign = CampaignPage.objects.filter(slug=data["slug"]).first()
        if campaign is None or campaign.participations.filter(kind=Kind.VISIT).exists():
            continue
        Participation.objects.bulk_create(history(campaign, places, today), batch_size=2000)


def history(campaign, places, today):
    """Return the campaign's last month of poster visits (up to yesterday): many in its targets."""
    last = min(today - datetime.timedelta(days=1), campaign.end_date)
    first = max(campaign.start_date, last - datetime.timedelta(days=DAYS - 1))
    days = [first + datetime.timedelta(days=n) for n in range((last - first).days + 1)]
    if not days:
        return []
    chance = random.Random(campaign.slug)
    targets = set(campaign.target_neighbourhoods.values_list("pk", flat=True))
    rows = []
    for place in places:
        readers = poster_readers(place, place.pk in targets, chance)
        for _visit in range(round(readers * chance.uniform(1.5, 2.5)) + chance.randint(0, 8)):
            rows.append(visit(place, campaign, days, chance))
    return rows


def poster_readers(place, targeted, chance):
    """Return how many residents of place read the campaign's posters: more where it was aimed."""
    rate = chance.uniform(12, 22) if targeted else chance.uniform(2, 9)
    return QUIET.get(place.slug, round(place.population * rate / 1000))


def visit(place, campaign, days, chance):
    moment = datetime.datetime.combine(
        chance.choice(days), datetime.time(chance.randint(7, 21), chance.randint(0, 59))
    )
    return Participation(
        kind=Kind.VISIT,
        neighbourhood=place,
        campaign=campaign,
        occurred_at=timezone.make_aware(moment),
    )
