"""Generate a made-up county and a large participation log, to measure reach at scale.

Towns, neighbourhoods and campaigns are named as generated (生成镇01, gen-001, gen-campaign-01)
and created only when missing; each run adds --rows new log rows. Residents are keyed by a hash
of a made-up label, never of a phone number, so generated rows cannot stand for a real resident.
"""

import datetime
import hashlib
import math
import random
import time
from zoneinfo import ZoneInfo

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import connection, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from wagtail.models import Site

from campaigns.demo.county import PERSONS_PER_HOUSEHOLD
from campaigns.models import CampaignIndexPage, CampaignPage, Neighbourhood, Participation, Town

Kind = Participation.Kind
CHUNK = 100_000
PER_TOWN = 15
# Towns are blocks of 5 × 3 square neighbourhoods, five blocks to a row, near 莲塘.
BLOCK_COLUMNS, BLOCK_ROWS, TOWNS_PER_ROW = 5, 3, 5
ORIGIN, CELL = (115.80, 28.40), 0.012
KIND_SHARES = {
    Kind.VISIT: 30,
    Kind.QUIZ: 35,
    Kind.PLEDGE: 15,
    Kind.VOLUNTEER_SIGNUP: 10,
    Kind.VOLUNTEER_ATTENDANCE: 10,
}
ANONYMOUS_QUIZZES = 0.15
# Local hours acts happen at: mornings, lunchtime and evenings are busiest, nights are quiet.
HOUR_SHARES = [1, 0, 0, 0, 0, 1, 3, 6, 8, 7, 6, 6, 8, 6, 5, 5, 6, 7, 8, 10, 11, 9, 5, 2]
SCORE_SHARES = {0: 1, 10: 1, 20: 1, 30: 2, 40: 3, 50: 5, 60: 9, 70: 14, 80: 20, 90: 22, 100: 22}
HOURS_WORKED = ["0.5", "1", "1.5", "2", "2", "2.5", "3", "3", "3.5", "4"]
THEMES = [
    "垃圾分类",
    "文明交通",
    "文明养犬",
    "厕所革命",
    "文明餐桌",
    "控烟",
    "社区环境",
    "节约用水",
]
COLUMNS = ("kind", "neighbourhood_id", "campaign_id", "participant", "weight", "score")
NULL = "\\N"  # how COPY's text format spells NULL


def seeded(label):
    """Return a random generator fixed by label, so a place or campaign is the same every run."""
    return random.Random(label)  # noqa: S311 (made-up data, not secrets)


def bag(shares):
    """Return a list holding each item as often as its share, to draw from with one index."""
    return [item for item, share in shares.items() for _ in range(share)]


class Command(BaseCommand):
    help = _(
        "Generate a made-up county and a large participation log, to measure reach at scale; "
        "each run adds --rows rows."
    )

    def add_arguments(self, parser):
        parser.add_argument("--rows", type=int, default=1_000_000, help=_("rows to add"))
        parser.add_argument(
            "--neighbourhoods",
            type=int,
            default=300,
            help=_("generated neighbourhoods to spread the rows over"),
        )
        parser.add_argument(
            "--campaigns",
            type=int,
            default=10,
            help=_("generated campaigns to spread the rows over"),
        )
        parser.add_argument(
            "--days",
            type=int,
            default=180,
            help=_("days in the period, ending yesterday"),
        )
        parser.add_argument(
            "--seed", type=int, default=1, help=_("seed of the rows' random choices")
        )

    def handle(self, *args, **options):
        if (
            options["rows"] < 0
            or min(options[n] for n in ("neighbourhoods", "campaigns", "days")) < 1
        ):
            raise CommandError(
                _("Rows must be zero or more; neighbourhoods, campaigns and days one or more.")
            )
        started = time.monotonic()
        places = ensure_places(options["neighbourhoods"])
        campaigns = ensure_campaigns(options["campaigns"], options["days"])
        self.stdout.write(
            _(
                "%(places)d neighbourhoods in %(towns)d towns and %(campaigns)d campaigns ready "
                "in %(seconds).1f s."
            )
            % {
                "places": len(places),
                "towns": len({place.town_id for place in places}),
                "campaigns": len(campaigns),
                "seconds": time.monotonic() - started,
            }
        )
        rows = Rows(places, campaigns, options["rows"], options["seed"])
        write = copy_rows if connection.vendor == "postgresql" else create_rows
        began, done = time.monotonic(), 0
        for chunk in rows.chunks():
            with transaction.atomic():
                write(chunk)
            done += len(chunk)
            self.stdout.write(
                f"  {done:>10,} / {options['rows']:,}  {time.monotonic() - began:6.1f} s"
            )
        seconds = time.monotonic() - began
        self.stdout.write(
            self.style.SUCCESS(
                _("Wrote %(rows)s participation rows in %(seconds).1f s (%(rate)s rows/s).")
                % {
                    "rows": f"{done:,}",
                    "seconds": seconds,
                    "rate": f"{done / seconds if seconds else 0:,.0f}",
                }
            )
        )


def ensure_places(count):
    """Create the missing generated towns and neighbourhoods; return the first count of them."""
    towns = {}
    for number in range(1, math.ceil(count / PER_TOWN) + 1):
        towns[number], _ = Town.objects.get_or_create(
            slug=f"gen-town-{number:02d}",
            defaults={"name": f"生成镇{number:02d}", "sort_order": 1000 + number},
        )
    places = []
    for index in range(count):
        population = seeded(f"gen-place-{index}").randrange(1500, 12001, 10)
        place, _ = Neighbourhood.objects.get_or_create(
            slug=f"gen-{index + 1:03d}",
            defaults={
                "name": f"生成社区{index + 1:03d}",
                "town": towns[index // PER_TOWN + 1],
                "population": population,
                "households": round(population / PERSONS_PER_HOUSEHOLD),
                "outline": square(index),
            },
        )
        places.append(place)
    return places


def square(index):
    """Return the GeoJSON square of the index-th neighbourhood on the generated town grid."""
    town, within = divmod(index, PER_TOWN)
    column = town % TOWNS_PER_ROW * BLOCK_COLUMNS + within % BLOCK_COLUMNS
    row = town // TOWNS_PER_ROW * BLOCK_ROWS + within // BLOCK_COLUMNS
    west, south = ORIGIN[0] + column * CELL, ORIGIN[1] - row * CELL
    # A little smaller than the cell, so neighbouring outlines do not share an edge on the map.
    east, north = west + CELL * 0.94, south + CELL * 0.94
    ring = [[west, south], [east, south], [east, north], [west, north], [west, south]]
    return {"type": "Polygon", "coordinates": [[[round(x, 5), round(y, 5)] for x, y in ring]]}


def ensure_campaigns(count, days):
    """Create the missing generated campaigns, spread over the days before today."""
    index = campaign_index()
    last = timezone.localdate() - datetime.timedelta(days=1)
    first = last - datetime.timedelta(days=days - 1)
    campaigns = []
    for number in range(1, count + 1):
        slug = f"gen-campaign-{number:02d}"
        page = CampaignPage.objects.child_of(index).filter(slug=slug).first()
        if page is None:
            chance = seeded(slug)
            length = min(chance.randint(30, 90), days)
            start = first + datetime.timedelta(days=chance.randint(0, days - length))
            theme = THEMES[(number - 1) % len(THEMES)]
            page = CampaignPage(
                title=f"生成活动{number:02d}·{theme}",
                slug=slug,
                theme=theme,
                slogan=f"{theme}，从我做起",
                start_date=start,
                end_date=start + datetime.timedelta(days=length - 1),
                intro="为测量传播覆盖而生成的活动。",
            )
            index.add_child(instance=page)
            page.save_revision().publish()
        campaigns.append(page)
    return campaigns


def campaign_index():
    """Return the campaign index, adding one under the home page when there is none."""
    index = CampaignIndexPage.objects.first()
    if index is None:
        home = Site.objects.get(is_default_site=True).root_page
        index = CampaignIndexPage(title="宣传活动", slug="campaigns", show_in_menus=True)
        home.add_child(instance=index)
        index.save_revision().publish()
    return index


class Rows:
    """Draws made-up acts: residents living in one neighbourhood each, some places cold."""

    def __init__(self, places, campaigns, count, seed):
        self.count, self.chance = count, random.Random(seed)  # noqa: S311 (made-up data)
        self.residents = [
            hashlib.sha256(f"generated resident {n}".encode()).hexdigest()
            for n in range(max(1, count // 4))
        ]
        self.homes = homes(places, self.residents)
        self.campaigns = [page.pk for page in campaigns]
        self.spans = [
            (page.start_date.toordinal(), (page.end_date - page.start_date).days + 1)
            for page in campaigns
        ]
        self.shares = [
            seeded(f"gen-campaign-share-{page.slug}").uniform(0.4, 2) for page in campaigns
        ]

    def moments(self):
        """Return every row's moment and campaign as one sortable number, in time order.

        A real log is appended as acts happen, so its ids rise with time; the rollups read it
        in id order and should meet it that way.
        """
        chance, hours, count = self.chance, bag(dict(enumerate(HOUR_SHARES))), len(self.campaigns)
        moments = []
        for campaign in chance.choices(range(count), self.shares, k=self.count):
            first, length = self.spans[campaign]
            day = first + int(chance.random() * length)
            second = hours[int(chance.random() * len(hours))] * 3600 + int(chance.random() * 3600)
            moments.append((day * 86400 + second) * count + campaign)
        moments.sort()
        return moments

    def chunks(self):
        """Yield lists of row tuples, CHUNK at a time, occurred_at as local ISO text."""
        chance, residents, homes = self.chance, self.residents, self.homes
        kinds, scores, count = bag(KIND_SHARES), bag(SCORE_SHARES), len(self.campaigns)
        moments, dates = self.moments(), LocalDates()
        for start in range(0, self.count, CHUNK):
            chunk = []
            for moment in moments[start : start + CHUNK]:
                moment, campaign = divmod(moment, count)
                day, second = divmod(moment, 86400)
                date, offset = dates[day]
                kind = kinds[int(chance.random() * len(kinds))]
                who = int(chance.random() * len(residents))
                anonymous = kind == Kind.VISIT or (
                    kind == Kind.QUIZ and chance.random() < ANONYMOUS_QUIZZES
                )
                chunk.append(
                    (
                        kind,
                        homes[who],
                        self.campaigns[campaign],
                        "" if anonymous else residents[who],
                        HOURS_WORKED[int(chance.random() * len(HOURS_WORKED))]
                        if kind == Kind.VOLUNTEER_ATTENDANCE
                        else "1",
                        f"{scores[int(chance.random() * len(scores))]}.0"
                        if kind == Kind.QUIZ
                        else None,
                        f"{date} {second // 3600:02d}:{second // 60 % 60:02d}:"
                        f"{second % 60:02d}{offset}",
                    )
                )
            yield chunk


class LocalDates(dict):
    """(ISO date, local UTC offset) of day ordinals, worked out once per day."""

    zone = ZoneInfo(settings.TIME_ZONE)

    def __missing__(self, ordinal):
        day = datetime.date.fromordinal(ordinal)
        offset = datetime.datetime.combine(day, datetime.time(12), self.zone).strftime("%z")
        self[ordinal] = (day.isoformat(), f"{offset[:3]}:{offset[3:]}")
        return self[ordinal]


def homes(places, residents):
    """Return each resident's neighbourhood id: drawn by population, fewer in cold places."""
    weights = []
    for place in places:
        chance = seeded(f"gen-warmth-{place.slug}")
        # About one place in seven is cold: a campaign barely reached it.
        warmth = chance.uniform(0.02, 0.15) if chance.random() < 0.15 else chance.uniform(0.5, 2)
        weights.append(place.population * warmth)
    chance = random.Random(0)  # noqa: S311 (a resident keeps their home whatever the seed)
    return chance.choices([place.pk for place in places], weights, k=len(residents))


def copy_rows(chunk):
    """Stream a chunk into the log with COPY, the fastest way PostgreSQL takes rows."""
    text = "".join(
        f"{kind}\t{place}\t{campaign}\t{who}\t{weight}\t{score or NULL}\t{at}\n"
        for kind, place, campaign, who, weight, score, at in chunk
    )
    table = Participation._meta.db_table
    columns = ", ".join((*COLUMNS, "occurred_at"))
    with connection.cursor() as cursor, cursor.copy(f"COPY {table} ({columns}) FROM STDIN") as copy:
        copy.write(text.encode())


def create_rows(chunk):
    """Insert a chunk with bulk_create, for databases without COPY."""
    Participation.objects.bulk_create(
        Participation(
            **dict(zip(COLUMNS, values, strict=False)),
            occurred_at=datetime.datetime.fromisoformat(at),
        )
        for *values, at in chunk
    )
