"""Reach (DESIGN §6): the participation log rolled up by day, and the metrics reports show.

Two rollups are kept from the log, incrementally from a watermark:

- ReachDaily: acts per neighbourhood × campaign × kind × day (count, weight, quiz scores);
- ReachResidentDay: which residents took part per neighbourhood × campaign × day, so "reached
  residents" over any date range is a distinct count, never a sum of daily counts.

Both are upserts that add what the new rows bring, so a run is exact whatever it finds; runs are
serialised on the watermark row, and only rows no transaction can still be writing are read.
A correction of volunteer hours changes hours, not the number of acts.
"""

import contextlib
import datetime
from dataclasses import dataclass, field, replace
from decimal import ROUND_HALF_UP, Decimal

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import connection, transaction
from django.db.models import Max
from django.utils import timezone

from campaigns.models import AttendanceCorrection, Neighbourhood, Participation, Town
from campaigns.models.reach import (
    ATTENDANCE,
    PLEDGE,
    QUIZ,
    SIGNUP,
    ReachDaily,
    ReachResident,
    ReachResidentDay,
    ReachWatermark,
)

WATERMARK = "participation"
BATCH = 250_000
Kind = Participation.Kind
BITS = {Kind.QUIZ: QUIZ, Kind.PLEDGE: PLEDGE, Kind.VOLUNTEER_SIGNUP: SIGNUP}
BITS[Kind.VOLUNTEER_ATTENDANCE] = ATTENDANCE

LOG = Participation._meta.db_table
DAILY = ReachDaily._meta.db_table
RESIDENT = ReachResident._meta.db_table
RESIDENT_DAY = ReachResidentDay._meta.db_table
NEIGHBOURHOOD = Neighbourhood._meta.db_table


# Keeping the rollups


def settled_high_mark():
    """Return the highest log id below which no transaction can still add a row.

    On PostgreSQL ids are handed out before rows commit, so a share lock waits for every
    transaction writing to the log to finish; ids handed out after it are higher. SQLite runs one
    writer at a time, so the highest committed id is already settled.
    """
    with transaction.atomic():
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("SET LOCAL lock_timeout = '10s'")
                cursor.execute(f"LOCK TABLE {LOG} IN SHARE MODE")
        return Participation.objects.aggregate(high=Max("pk"))["high"] or 0


def locked_watermark():
    ReachWatermark.objects.get_or_create(name=WATERMARK)
    return ReachWatermark.objects.select_for_update().get(name=WATERMARK)


def roll_up():
    """Add the log rows written since the last run to the rollups; return how many were read."""
    high = settled_high_mark()
    with transaction.atomic():
        mark = locked_watermark()
        if high <= mark.last_id:
            return 0
        read = add_rows(mark.last_id, high)
        mark.last_id, mark.updated_at = high, timezone.now()
        mark.save()
    return read


def rebuild(progress=None):
    """Recompute the rollups from the whole log; progress(done, total) is called per batch."""
    high = settled_high_mark()
    with transaction.atomic():
        mark = locked_watermark()
        ReachDaily.objects.all().delete()
        ReachResidentDay.objects.all().delete()
        read = add_rows(0, high, progress)
        mark.last_id, mark.updated_at = high, timezone.now()
        mark.save()
        if connection.vendor == "postgresql":
            # Every row is new: give the planner fresh figures before the next report.
            with connection.cursor() as cursor:
                cursor.execute(f"ANALYZE {DAILY}, {RESIDENT_DAY}")
    return read


def add_rows(low, high, progress=None):
    """Fold the log rows with low < id <= high into both rollups, a batch of ids at a time."""
    total = Participation.objects.filter(pk__gt=low, pk__lte=high).count()
    done = 0
    correction = ContentType.objects.get_for_model(AttendanceCorrection).pk
    day, day_params = connection.ops.datetime_cast_date_sql("p.occurred_at", (), settings.TIME_ZONE)
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            # A batch's grouping stays in memory rather than spilling to disk.
            cursor.execute("SET LOCAL work_mem = '64MB'")
        for start in range(low, high, BATCH):
            end = min(start + BATCH, high)
            cursor.execute(
                f"""
                INSERT INTO {DAILY}
                    (day, neighbourhood_id, campaign_id, kind, count, weight_hundredths, scored,
                    score_tenths)
                SELECT {day}, COALESCE(p.neighbourhood_id, 0), COALESCE(p.campaign_id, 0),
                    p.kind, SUM(CASE WHEN p.source_type_id = %s THEN 0 ELSE 1 END),
                    SUM(CAST(ROUND(p.weight * 100) AS BIGINT)), COUNT(p.score),
                    COALESCE(SUM(CAST(ROUND(p.score * 10) AS BIGINT)), 0)
                FROM {LOG} p
                WHERE p.id > %s AND p.id <= %s
                GROUP BY 1, 2, 3, 4
                ON CONFLICT (neighbourhood_id, campaign_id, kind, day) DO UPDATE SET
                    count = {DAILY}.count + excluded.count,
                    weight_hundredths = {DAILY}.weight_hundredths + excluded.weight_hundredths,
                    scored = {DAILY}.scored + excluded.scored,
                    score_tenths = {DAILY}.score_tenths + excluded.score_tenths
                """,
                [*day_params, correction, start, end],
            )
            cursor.execute(
                f"""
                INSERT INTO {RESIDENT} (key)
                SELECT DISTINCT p.participant FROM {LOG} p
                WHERE p.id > %s AND p.id <= %s AND p.participant <> ''
                ON CONFLICT (key) DO NOTHING
                """,
                [start, end],
            )
            bits = " ".join(f"WHEN '{kind}' THEN {bit}" for kind, bit in BITS.items())
            cursor.execute(
                f"""
                INSERT INTO {RESIDENT_DAY}
                    (day, neighbourhood_id, campaign_id, resident_id, kinds, hours_hundredths)
                SELECT {day}, COALESCE(p.neighbourhood_id, 0), COALESCE(p.campaign_id, 0), r.id,
                    SUM(DISTINCT CASE p.kind {bits} ELSE 0 END),
                    SUM(CASE WHEN p.kind = %s THEN CAST(ROUND(p.weight * 100) AS BIGINT) ELSE 0 END)
                FROM {LOG} p JOIN {RESIDENT} r ON r.key = p.participant
                WHERE p.id > %s AND p.id <= %s AND p.participant <> ''
                GROUP BY 1, 2, 3, 4
                ON CONFLICT (neighbourhood_id, resident_id, day, campaign_id) DO UPDATE SET
                    kinds = {RESIDENT_DAY}.kinds | excluded.kinds,
                    hours_hundredths = {RESIDENT_DAY}.hours_hundredths + excluded.hours_hundredths
                """,
                [*day_params, Kind.VOLUNTEER_ATTENDANCE, start, end],
            )
            done = Participation.objects.filter(pk__gt=low, pk__lte=end).count()
            if progress:
                progress(done, total)
    return total


def rolled_up_to():
    """Return the watermark: the highest log id the rollups have counted."""
    mark = ReachWatermark.objects.filter(name=WATERMARK).first()
    return mark.last_id if mark else 0


# Reading the rollups


@dataclass(frozen=True)
class Scope:
    """What a report counts: one campaign (or all), a date range (inclusive), one town (or all)."""

    campaign: int | None = None
    start: datetime.date | None = None
    end: datetime.date | None = None
    town: int | None = None

    def where(self, alias):
        clauses, params = ["1 = 1"], []
        if self.campaign:
            clauses.append(f"{alias}.campaign_id = %s")
            params.append(self.campaign)
        if self.start:
            clauses.append(f"{alias}.day >= %s")
            params.append(self.start)
        if self.end:
            clauses.append(f"{alias}.day <= %s")
            params.append(self.end)
        if self.town:
            clauses.append(
                f"{alias}.neighbourhood_id IN (SELECT id FROM {NEIGHBOURHOOD} WHERE town_id = %s)"
            )
            params.append(self.town)
        return " AND ".join(clauses), params


@dataclass
class Reach:
    """The reach figures of one neighbourhood, one town or the county over a scope."""

    population: int = 0
    participations: int = 0
    residents: int = 0
    quiz_attempts: int = 0
    quiz_takers: int = 0
    average_score: Decimal | None = None
    pledges: int = 0
    pledgers: int = 0
    volunteer_signups: int = 0
    attendees: int = 0
    hours: Decimal = Decimal(0)
    visits: int = 0
    suppressed: tuple = ()

    @property
    def per_thousand(self):
        if not self.population or self.residents is None:
            return None
        return (Decimal(self.residents) * 1000 / self.population).quantize(
            Decimal("0.1"), rounding=ROUND_HALF_UP
        )

    @property
    def funnel(self):
        """Poster visits, then residents who took a quiz, signed a pledge, volunteered."""
        return [
            ("visit", self.visits),
            ("quiz", self.quiz_takers),
            ("pledge", self.pledgers),
            ("volunteer", self.attendees),
        ]


# Figures counted from residents, each shown only when at least SUPPRESS_BELOW residents are in it.
GROUPS = {
    "residents": ("residents", "participations"),
    "quiz_takers": ("quiz_takers", "quiz_attempts", "average_score"),
    "pledgers": ("pledgers", "pledges"),
    "attendees": ("attendees", "hours", "volunteer_signups"),
}


def suppress(reach, below=None):
    """Blank the figures that would single out fewer than `below` residents (DESIGN §7)."""
    below = settings.REACH_SUPPRESS_BELOW if below is None else below
    hidden = {}
    for group, figures in GROUPS.items():
        value = getattr(reach, group)
        if value is not None and 0 < value < below:
            hidden.update(dict.fromkeys(figures))
    if not hidden:
        return reach
    return replace(reach, **hidden, suppressed=(*reach.suppressed, *hidden))


def suppress_table(rows, below=None):
    """Suppress each (place, reach) row, then hide one more cell wherever a single hidden cell
    could be worked out from its town's or the county's total by subtraction."""
    shown = [(place, suppress(reach, below)) for place, reach in rows]
    towns = {}
    for index, (place, _reach) in enumerate(shown):
        towns.setdefault(getattr(place, "town_id", None), []).append(index)
    for members in [*towns.values(), range(len(shown))]:
        for group, figures in GROUPS.items():
            hidden = [i for i in members if figures[0] in shown[i][1].suppressed]
            visible = [i for i in members if i not in hidden and getattr(shown[i][1], group)]
            if len(hidden) == 1 and visible:
                smallest = min(visible, key=lambda i: getattr(shown[i][1], group))
                place, reach = shown[smallest]
                cells = dict.fromkeys(figures)
                shown[smallest] = (
                    place,
                    replace(reach, **cells, suppressed=(*reach.suppressed, *figures)),
                )
    return shown


@dataclass
class Report:
    """Reach per neighbourhood, per town and for the county over one scope."""

    scope: Scope
    neighbourhoods: list = field(default_factory=list)  # (Neighbourhood, Reach)
    towns: list = field(default_factory=list)  # (Town, Reach)
    county: Reach = field(default_factory=Reach)


def report(scope, *, neighbourhoods=None):
    """Count reach over the scope; neighbourhoods limits which neighbourhood rows are listed."""
    places = Neighbourhood.objects.select_related("town")
    if scope.town:
        places = places.filter(town_id=scope.town)
    if neighbourhoods is not None:
        places = places.filter(pk__in=neighbourhoods.values("pk"))
    places = list(places)
    towns = list(Town.objects.filter(pk=scope.town) if scope.town else Town.objects.all())
    by_place, by_town, county = acts(scope), residents(scope), Reach()
    result = Report(scope=scope)
    counted = {**by_place["neighbourhood"]}
    for place in places:
        reach = merge(counted.get(place.pk), by_town["neighbourhood"].get(place.pk))
        reach.population = place.population
        result.neighbourhoods.append((place, reach))
    town_population = population_by_town()
    for town in towns:
        reach = merge(by_place["town"].get(town.pk), by_town["town"].get(town.pk))
        reach.population = town_population.get(town.pk, 0)
        result.towns.append((town, reach))
    county = merge(by_place["county"].get(0), by_town["county"].get(0))
    county.population = (
        town_population.get(scope.town, 0) if scope.town else sum(town_population.values())
    )
    result.county = county
    return result


def population_by_town():
    totals = {}
    for town, population in Neighbourhood.objects.values_list("town_id", "population"):
        totals[town] = totals.get(town, 0) + population
    return totals


def merge(acted, reached):
    reach = Reach(**(acted or {}))
    for name, value in (reached or {}).items():
        setattr(reach, name, value)
    return reach


# Level: (the key selected, what is grouped by before the rest, a join it needs).
GROUPINGS = {
    "neighbourhood": ("x.neighbourhood_id", "x.neighbourhood_id, ", ""),
    "town": ("n.town_id", "n.town_id, ", f"JOIN {NEIGHBOURHOOD} n ON n.id = x.neighbourhood_id"),
    "county": ("0", "", ""),
}


def exact(number, places):
    return number.quantize(Decimal(places), rounding=ROUND_HALF_UP)


@contextlib.contextmanager
def roomy():
    """On PostgreSQL, let the distinct counts hash in memory rather than spill to disk."""
    if connection.vendor != "postgresql":
        yield
        return
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("SET LOCAL work_mem = '64MB'")
        yield


def acts(scope):
    """Count acts, hours and quiz scores per neighbourhood, town and county from ReachDaily."""
    where, params = scope.where("x")
    result = {}
    with connection.cursor() as cursor:
        for level, (key, group, join) in GROUPINGS.items():
            cursor.execute(
                f"""
                SELECT {key}, x.kind, SUM(x.count), SUM(x.weight_hundredths), SUM(x.scored),
                    SUM(x.score_tenths)
                FROM {DAILY} x {join}
                WHERE {where}
                GROUP BY {group}x.kind
                """,
                params,
            )
            rows = {}
            for place, kind, count, weight, scored, score_sum in cursor.fetchall():
                figures = rows.setdefault(place, {"participations": 0})
                figures["participations"] += count
                if kind == Kind.QUIZ:
                    figures["quiz_attempts"] = count
                    if scored:
                        figures["average_score"] = exact(Decimal(score_sum) / 10 / scored, "0.1")
                elif kind == Kind.PLEDGE:
                    figures["pledges"] = count
                elif kind == Kind.VOLUNTEER_SIGNUP:
                    figures["volunteer_signups"] = count
                elif kind == Kind.VOLUNTEER_ATTENDANCE:
                    figures["hours"] = exact(Decimal(weight) / 100, "0.01")
                elif kind == Kind.VISIT:
                    figures["visits"] = count
            result[level] = rows
    return result


def residents(scope):
    """Count distinct residents per neighbourhood, town and county from ReachResidentDay.

    One pass folds the scope's rows into (neighbourhood, resident) pairs; towns and the county
    are counted from those pairs, which are far fewer than the rows.
    """
    where, params = scope.where("x")
    took_part = "COUNT(*), SUM(q), SUM(p), SUM(CASE WHEN h > 0 THEN 1 ELSE 0 END)"
    result = {level: {} for level in GROUPINGS}
    with roomy(), connection.cursor() as cursor:
        cursor.execute(
            f"""
            WITH pairs AS (
                SELECT x.neighbourhood_id AS place, x.resident_id AS resident,
                    MAX(CASE WHEN (x.kinds & {QUIZ}) > 0 THEN 1 ELSE 0 END) AS q,
                    MAX(CASE WHEN (x.kinds & {PLEDGE}) > 0 THEN 1 ELSE 0 END) AS p,
                    SUM(x.hours_hundredths) AS h
                FROM {RESIDENT_DAY} x
                WHERE {where}
                GROUP BY x.neighbourhood_id, x.resident_id
            )
            SELECT 'neighbourhood', place, {took_part} FROM pairs GROUP BY place
            UNION ALL
            SELECT 'town', town, {took_part} FROM (
                SELECT n.town_id AS town, MAX(q) AS q, MAX(p) AS p, SUM(h) AS h
                FROM pairs JOIN {NEIGHBOURHOOD} n ON n.id = pairs.place
                GROUP BY n.town_id, pairs.resident
            ) per_town GROUP BY town
            UNION ALL
            SELECT 'county', 0, {took_part} FROM (
                SELECT MAX(q) AS q, MAX(p) AS p, SUM(h) AS h FROM pairs GROUP BY resident
            ) per_county
            """,
            params,
        )
        for level, place, reached, quiz, pledge, attended in cursor.fetchall():
            if reached:
                result[level][place] = {
                    "residents": reached,
                    "quiz_takers": quiz,
                    "pledgers": pledge,
                    "attendees": attended,
                }
    return result


def trend(scope, *, neighbourhood=None):
    """Return [(day, {kind: count})] of acts per day over the scope, days without acts left out."""
    where, params = scope.where("x")
    if neighbourhood is not None:
        where += " AND x.neighbourhood_id = %s"
        params.append(neighbourhood)
    with connection.cursor() as cursor:
        cursor.execute(
            f"""
            SELECT x.day, x.kind, SUM(x.count) FROM {DAILY} x
            WHERE {where} GROUP BY x.day, x.kind ORDER BY x.day
            """,
            params,
        )
        days = {}
        for day, kind, count in cursor.fetchall():
            if isinstance(day, str):
                day = datetime.date.fromisoformat(day)
            days.setdefault(day, {})[kind] = count
    return list(days.items())


def cold_spots(rows, threshold=None):
    """Return the (neighbourhood, reach) rows whose reach rate is below the threshold.

    Without a threshold, a neighbourhood is cold when it reached under half the county's rate, or
    nobody at all.
    """
    if threshold is None:
        reached = sum(reach.residents or 0 for _place, reach in rows)
        people = sum(reach.population for _place, reach in rows)
        threshold = Decimal(reached) * 1000 / people / 2 if people else Decimal(0)
    return [
        (place, reach)
        for place, reach in rows
        if not reach.residents or (reach.per_thousand or 0) < threshold
    ]
