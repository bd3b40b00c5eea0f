"""Reach (DESIGN §6): the participation log rolled up by day, and the metrics reports show.

Two rollups are kept from the log, incrementally from a watermark:

- ReachDaily: per neighbourhood × campaign × day, the acts of each kind, hours and quiz scores,
  and the residents each tally saw there for the first time;
- ReachResidentDay: which residents took part per neighbourhood × campaign × day, each row with
  the resident's previous day in every tally, so "reached residents" over any date range is an
  exact distinct count, never a sum of daily counts, read without grouping residents
  (campaigns.models.reach explains how).

Acts are upserts that add what the new rows bring; the tallies of the residents the new rows are
about are taken away, recomputed from all their rows and added back, so a run is exact whatever
it finds. Runs are serialised on the watermark row, and only rows no transaction can still be
writing are read. A correction of volunteer hours changes hours, not the number of acts.
"""

import datetime
from collections import Counter
from dataclasses import dataclass, field, replace
from decimal import ROUND_HALF_UP, Decimal
from functools import cached_property

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import connection, transaction
from django.db.models import Max
from django.utils import timezone

from campaigns.models import AttendanceCorrection, Neighbourhood, Participation, Town
from campaigns.models.reach import (
    ATTENDANCE,
    FIGURES,
    PLEDGE,
    QUIZ,
    SIGNUP,
    TALLIES,
    ReachDaily,
    ReachResident,
    ReachResidentDay,
    ReachWatermark,
    tally_name,
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

# ReachDaily's count of acts of each kind, and every column a batch of acts adds to.
ACT_COLUMNS = {
    "visits": Kind.VISIT,
    "quizzes": Kind.QUIZ,
    "pledges": Kind.PLEDGE,
    "signups": Kind.VOLUNTEER_SIGNUP,
    "attendances": Kind.VOLUNTEER_ATTENDANCE,
}
SUMMED_COLUMNS = [*ACT_COLUMNS, "hours_hundredths", "scored", "score_tenths"]
# Per tally: residents first seen (ReachDaily), a resident's previous day (ReachResidentDay).
NEW = {tally: f"new_{tally_name(*tally)}" for tally in TALLIES}
BEFORE = {tally: f"before_{tally_name(*tally)}" for tally in TALLIES}
NEW_COLUMNS, BEFORE_COLUMNS = list(NEW.values()), list(BEFORE.values())


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
        read = add_rows(mark.last_id, high) if high > mark.last_id else 0
        # Stamped even when nothing was new: pages say how current their figures are.
        mark.last_id, mark.updated_at = max(high, mark.last_id), timezone.now()
        mark.save()
    return read


def rebuild(progress=None):
    """Recompute the rollups from the whole log; progress(done, total) is called per batch."""
    high = settled_high_mark()
    with transaction.atomic():
        mark = locked_watermark()
        read = add_rows(0, high, progress)
        mark.last_id, mark.updated_at = high, timezone.now()
        mark.save()
        if connection.vendor == "postgresql":
            # Every row is new: give the planner fresh figures before the next report.
            with connection.cursor() as cursor:
                cursor.execute(f"ANALYZE {DAILY}, {RESIDENT_DAY}")
    return read


def add_rows(low, high, progress=None):
    """Fold the log rows with low < id <= high into both rollups, a batch of ids at a time.

    Acts are added to ReachDaily as they are read. Residents' days are then counted in the
    tallies: from the first row (a rebuild), every resident's days are gathered in a scratch
    table and written once, counted; otherwise the residents these rows are about have theirs
    recounted from all their days.
    """
    total = Participation.objects.filter(pk__gt=low, pk__lte=high).count()
    done = 0
    if not low:
        # Counting from the first row starts from nothing, whatever the tables hold.
        ReachDaily.objects.all().delete()
        ReachResidentDay.objects.all().delete()
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            # A batch's grouping stays in memory rather than spilling to disk.
            cursor.execute("SET LOCAL work_mem = '64MB'")
        for table in SCRATCH:
            cursor.execute(f"DROP TABLE IF EXISTS {table}")
        days = RESIDENT_DAY
        if not low:
            days = DAYS_TABLE
            cursor.execute(
                f"CREATE TEMPORARY TABLE {DAYS_TABLE} AS SELECT {', '.join(DAY_COLUMNS)} "
                f"FROM {RESIDENT_DAY} WHERE 1 = 0"
            )
            cursor.execute(f"CREATE UNIQUE INDEX {DAYS_TABLE}_key ON {DAYS_TABLE} ({DAY_KEY})")
        for start in range(low, high, BATCH):
            end = min(start + BATCH, high)
            add_batch(cursor, start, end, days)
            done = Participation.objects.filter(pk__gt=low, pk__lte=end).count()
            if progress:
                progress(done, total)
        if low:
            recount_tallies(cursor, TOUCHED, [low, high])
        else:
            count_every_resident(cursor)
        for table in SCRATCH:
            cursor.execute(f"DROP TABLE IF EXISTS {table}")
    return total


# The residents that log rows low < id <= high are about.
TOUCHED = f"""
    SELECT DISTINCT r.id AS resident_id FROM {RESIDENT} r JOIN {LOG} p ON r.key = p.participant
    WHERE p.id > %s AND p.id <= %s AND p.participant <> ''
"""
# Scratch tables of one run: residents' days gathered by a rebuild, the residents a roll-up
# touched, and their days recounted.
DAYS_TABLE, TOUCHED_TABLE, RECOUNTED_TABLE = "reach_days", "reach_touched", "reach_recounted"
SCRATCH = (DAYS_TABLE, TOUCHED_TABLE, RECOUNTED_TABLE)
DAY_KEY = "resident_id, neighbourhood_id, day, campaign_id"
DAY_COLUMNS = ["day", "neighbourhood_id", "campaign_id", "resident_id", "kinds", "hours_hundredths"]


def add_batch(cursor, start, end, days):
    """Add the acts of log rows start < id <= end to ReachDaily and residents' days to days."""
    correction = ContentType.objects.get_for_model(AttendanceCorrection).pk
    day, day_params = connection.ops.datetime_cast_date_sql("p.occurred_at", (), settings.TIME_ZONE)
    act = f"CASE WHEN p.source_type_id = {int(correction)} THEN 0 ELSE 1 END"
    hundredths = "CAST(ROUND(p.weight * 100) AS INTEGER)"
    counts = ", ".join(
        f"SUM(CASE WHEN p.kind = '{kind}' THEN {act} ELSE 0 END)" for kind in ACT_COLUMNS.values()
    )
    cursor.execute(
        f"""
        INSERT INTO {DAILY}
            (day, neighbourhood_id, campaign_id, {", ".join(ACT_COLUMNS)}, hours_hundredths,
            scored, score_tenths, {", ".join(NEW_COLUMNS)})
        SELECT {day}, COALESCE(p.neighbourhood_id, 0), COALESCE(p.campaign_id, 0), {counts},
            SUM(CASE WHEN p.kind = %s THEN {hundredths} ELSE 0 END), COUNT(p.score),
            COALESCE(SUM(CAST(ROUND(p.score * 10) AS INTEGER)), 0),
            {", ".join("0" for _ in NEW_COLUMNS)}
        FROM {LOG} p
        WHERE p.id > %s AND p.id <= %s
        GROUP BY 1, 2, 3
        ON CONFLICT (neighbourhood_id, campaign_id, day) DO UPDATE SET
            {", ".join(f"{name} = {DAILY}.{name} + excluded.{name}" for name in SUMMED_COLUMNS)}
        """,
        [*day_params, Kind.VOLUNTEER_ATTENDANCE, start, end],
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
    # New days of the rollup itself count in no tally until they are recounted.
    firsts = (", firsts", ", 0") if days == RESIDENT_DAY else ("", "")
    cursor.execute(
        f"""
        INSERT INTO {days} ({", ".join(DAY_COLUMNS)}{firsts[0]})
        SELECT {day}, COALESCE(p.neighbourhood_id, 0), COALESCE(p.campaign_id, 0), r.id,
            SUM(DISTINCT CASE p.kind {bits} ELSE 0 END),
            SUM(CASE WHEN p.kind = %s THEN {hundredths} ELSE 0 END){firsts[1]}
        FROM {LOG} p JOIN {RESIDENT} r ON r.key = p.participant
        WHERE p.id > %s AND p.id <= %s AND p.participant <> ''
        GROUP BY 1, 2, 3, 4
        ON CONFLICT ({DAY_KEY}) DO UPDATE SET
            kinds = {days}.kinds | excluded.kinds,
            hours_hundredths = {days}.hours_hundredths + excluded.hours_hundredths
        """,
        [*day_params, Kind.VOLUNTEER_ATTENDANCE, start, end],
    )


# How each tally groups and orders a resident's rows: its partition, and the order within it.
# Ties on a day are broken by neighbourhood and campaign, so each row has one previous row.
PARTITIONS = {
    ("place", "all"): ("x.neighbourhood_id", "x.day, x.campaign_id"),
    ("place", "each"): ("x.neighbourhood_id, x.campaign_id", "x.day"),
    ("town", "all"): ("n.town_id", "x.day, x.neighbourhood_id, x.campaign_id"),
    ("town", "each"): ("n.town_id, x.campaign_id", "x.day, x.neighbourhood_id"),
    ("county", "all"): ("0", "x.day, x.neighbourhood_id, x.campaign_id"),
    ("county", "each"): ("x.campaign_id", "x.day, x.neighbourhood_id"),
}


def counted(tally, alias="x"):
    """The condition under which a resident's day counts in the tally's figure."""
    return {
        "residents": "1 = 1",
        "quiz_takers": f"({alias}.kinds & {QUIZ}) > 0",
        "pledgers": f"({alias}.kinds & {PLEDGE}) > 0",
        "attendees": f"{alias}.hours_hundredths > 0",
    }[tally[2]]


def tallied(days, *, kept="", where="1 = 1"):
    """SQL selecting residents' days from the table days with, for every tally, the day of the
    resident's previous day in it (BEFORE), the earliest of those (earliest_before) and the
    tallies the day is first in as bits (firsts); kept names more columns of days to keep."""
    windows = ", ".join(
        f"w_{level}_{campaigns} AS (PARTITION BY x.resident_id, {partition} ORDER BY {order} "
        "ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING)"
        for (level, campaigns), (partition, order) in PARTITIONS.items()
    )
    befores = ", ".join(
        f"CASE WHEN {counted(tally)} THEN MAX(x.day) FILTER (WHERE {counted(tally)}) "
        f"OVER w_{tally[0]}_{tally[1]} END AS {BEFORE[tally]}"
        for tally in TALLIES
    )
    firsts = " + ".join(
        f"CASE WHEN {counted(tally, 'w')} AND w.{BEFORE[tally]} IS NULL THEN {1 << bit} ELSE 0 END"
        for bit, tally in enumerate(TALLIES)
    )
    # Days compare as dates on PostgreSQL, as ISO text on SQLite.
    least = "LEAST" if connection.vendor == "postgresql" else "MIN"
    never = "'9999-12-31'"
    earliest = ", ".join(f"COALESCE(w.{name}, {never})" for name in BEFORE_COLUMNS)
    columns = ", ".join(f"x.{name}" for name in DAY_COLUMNS)
    return f"""
        SELECT w.*, NULLIF({least}({earliest}), {never}) AS earliest_before, {firsts} AS firsts
        FROM (
            SELECT {columns}{kept}, {befores}
            FROM {days} x LEFT JOIN {NEIGHBOURHOOD} n ON n.id = x.neighbourhood_id
            WHERE {where}
            WINDOW {windows}
        ) w
    """


def count_every_resident(cursor):
    """Write the days a rebuild gathered to ReachResidentDay, counted, and ReachDaily's new_*."""
    columns = [*DAY_COLUMNS, *BEFORE_COLUMNS, "earliest_before", "firsts"]
    cursor.execute(
        f"""
        INSERT INTO {RESIDENT_DAY} ({", ".join(columns)})
        SELECT {", ".join(f"t.{name}" for name in columns)} FROM ({tallied(DAYS_TABLE)}) t
        """
    )
    add_firsts(cursor, f"SELECT x.*, 0 AS counted_firsts FROM {RESIDENT_DAY} x")


def add_firsts(cursor, days):
    """Move ReachDaily's new_* counts by the days (SQL) whose firsts changed from
    counted_firsts, what they counted in until now."""
    moved = ", ".join(
        f"SUM((CASE WHEN (w.firsts & {1 << bit}) <> 0 THEN 1 ELSE 0 END) - "
        f"(CASE WHEN (w.counted_firsts & {1 << bit}) <> 0 THEN 1 ELSE 0 END)) AS {NEW[tally]}"
        for bit, tally in enumerate(TALLIES)
    )
    cursor.execute(
        f"""
        UPDATE {DAILY} SET
            {", ".join(f"{name} = {DAILY}.{name} + m.{name}" for name in NEW_COLUMNS)}
        FROM (
            SELECT w.day, w.neighbourhood_id, w.campaign_id, {moved}
            FROM ({days}) w WHERE w.firsts <> w.counted_firsts
            GROUP BY w.day, w.neighbourhood_id, w.campaign_id
        ) m
        WHERE {DAILY}.day = m.day AND {DAILY}.neighbourhood_id = m.neighbourhood_id
            AND {DAILY}.campaign_id = m.campaign_id
        """
    )


def recount_tallies(cursor, residents, params):
    """Recount the tallies of the days of the residents the SQL `residents` selects (a column
    resident_id, with params); return how many residents that was.

    The days are tallied again into a scratch table; ReachDaily's new_* counts move by the
    firsts that changed, and the days that changed are written back.
    """
    for table in (TOUCHED_TABLE, RECOUNTED_TABLE):
        cursor.execute(f"DROP TABLE IF EXISTS {table}")
    cursor.execute(f"CREATE TEMPORARY TABLE {TOUCHED_TABLE} AS {residents}", params)
    cursor.execute(
        f"""
        CREATE TEMPORARY TABLE {RECOUNTED_TABLE} AS
        {
            tallied(
                RESIDENT_DAY,
                kept=", x.id, x.firsts AS counted_firsts",
                where=f"x.resident_id IN (SELECT resident_id FROM {TOUCHED_TABLE})",
            )
        }
        """
    )
    if connection.vendor == "postgresql":
        # Autovacuum never looks at a scratch table: tell the planner what it holds.
        cursor.execute(f"ANALYZE {RECOUNTED_TABLE}")
    add_firsts(cursor, f"SELECT * FROM {RECOUNTED_TABLE}")
    written = [*BEFORE_COLUMNS, "earliest_before", "firsts"]
    # Days whose tallies stay as they were are not written again.
    changed = " OR ".join(f"{RESIDENT_DAY}.{name} IS DISTINCT FROM w.{name}" for name in written)
    cursor.execute(
        f"""
        UPDATE {RESIDENT_DAY} SET {", ".join(f"{name} = w.{name}" for name in written)}
        FROM {RECOUNTED_TABLE} w
        WHERE {RESIDENT_DAY}.id = w.id AND ({changed})
        """
    )
    cursor.execute(f"SELECT COUNT(*) FROM {TOUCHED_TABLE}")
    (count,) = cursor.fetchone()
    for table in (TOUCHED_TABLE, RECOUNTED_TABLE):
        cursor.execute(f"DROP TABLE {table}")
    return count


def recount_place(neighbourhood_id):
    """Recount the tallies of every resident who took part in the neighbourhood, as after it
    moved to another town; return how many residents that was."""
    residents = f"SELECT DISTINCT resident_id FROM {RESIDENT_DAY} WHERE neighbourhood_id = %s"
    with transaction.atomic(), connection.cursor() as cursor:
        locked_watermark()  # one recount at a time, never during a roll-up
        return recount_tallies(cursor, residents, [neighbourhood_id])


def watermark():
    """Return the highest log id the rollups have counted, and when they last looked."""
    mark = ReachWatermark.objects.filter(name=WATERMARK).first()
    return (mark.last_id, mark.updated_at) if mark else (0, None)


def rolled_up_to():
    """Return the watermark: the highest log id the rollups have counted."""
    return watermark()[0]


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
            # The town's neighbourhoods as values, not a subquery: the plan then never hangs on
            # what the planner believes of the neighbourhood table.
            places = self.places_in_town or [0]
            clauses.append(f"{alias}.neighbourhood_id IN ({', '.join(['%s'] * len(places))})")
            params.extend(places)
        return " AND ".join(clauses), params

    @cached_property
    def places_in_town(self):
        return list(Neighbourhood.objects.filter(town_id=self.town).values_list("pk", flat=True))


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
    town_of, town_population = {}, Counter()
    for place, town, population in Neighbourhood.objects.values_list("pk", "town_id", "population"):
        town_of[place] = town
        town_population[town] += population
    per_place = tallies(scope)
    # Towns add up their neighbourhoods' town tallies, the county its county tallies; within one
    # town, the county is that town.
    by_town, county = {}, Counter()
    for place, row in per_place.items():
        if place in town_of:
            by_town.setdefault(town_of[place], Counter()).update(row)
        county.update(row)
    result = Report(scope=scope)
    for place in places:
        reach = as_reach(per_place.get(place.pk), "place")
        reach.population = place.population
        result.neighbourhoods.append((place, reach))
    for town in towns:
        reach = as_reach(by_town.get(town.pk), "town")
        reach.population = town_population.get(town.pk, 0)
        result.towns.append((town, reach))
    result.county = as_reach(county, "town" if scope.town else "county")
    result.county.population = (
        town_population.get(scope.town, 0) if scope.town else sum(town_population.values())
    )
    return result


def as_reach(sums, level):
    """Turn counted sums into Reach figures, with the residents counted at that level."""
    reach = Reach()
    if not sums:
        return reach
    reach.participations = sum(sums[name] for name in ACT_COLUMNS)
    reach.visits, reach.quiz_attempts = sums["visits"], sums["quizzes"]
    reach.pledges, reach.volunteer_signups = sums["pledges"], sums["signups"]
    reach.hours = exact(Decimal(sums["hours_hundredths"]) / 100, "0.01")
    if sums["scored"]:
        reach.average_score = exact(Decimal(sums["score_tenths"]) / 10 / sums["scored"], "0.1")
    for figure in FIGURES:
        setattr(reach, figure, sums[(level, figure)])
    return reach


def exact(number, places):
    return number.quantize(Decimal(places), rounding=ROUND_HALF_UP)


def tallies(scope):
    """Return {neighbourhood id: sums} over the scope: acts, hours and scores, and for each
    level and figure the residents counted there (campaigns.models.reach explains how)."""
    campaigns = "each" if scope.campaign else "all"
    mine = [tally for tally in TALLIES if tally[1] == campaigns]
    where, params = scope.where("x")
    sums = [*SUMMED_COLUMNS, *(NEW[tally] for tally in mine)]
    rows = {}
    with connection.cursor() as cursor:
        cursor.execute(
            f"""
            SELECT x.neighbourhood_id, {", ".join(f"SUM(x.{name})" for name in sums)}
            FROM {DAILY} x WHERE {where} GROUP BY x.neighbourhood_id
            """,
            params,
        )
        for place, *values in cursor.fetchall():
            row = dict(zip(SUMMED_COLUMNS, values, strict=False))
            for tally, value in zip(mine, values[len(SUMMED_COLUMNS) :], strict=True):
                row[(tally[0], tally[2])] = value
            rows[place] = row
        if scope.start:
            # Residents seen before the range who come back in it are counted on their first
            # row in it: the one whose previous day in the tally is before the start.
            back = ", ".join(
                f"SUM(CASE WHEN {counted(tally)} AND x.{BEFORE[tally]} < %s THEN 1 ELSE 0 END)"
                for tally in mine
            )
            cursor.execute(
                f"""
                SELECT x.neighbourhood_id, {back} FROM {RESIDENT_DAY} x
                WHERE {where} AND x.earliest_before < %s GROUP BY x.neighbourhood_id
                """,
                [*[scope.start] * len(mine), *params, scope.start],
            )
            for place, *values in cursor.fetchall():
                row = rows[place]
                for tally, value in zip(mine, values, strict=True):
                    row[(tally[0], tally[2])] += value
    return rows


def trend(scope, *, neighbourhood=None):
    """Return [(day, {kind: count})] of acts per day over the scope, days without acts left out."""
    where, params = scope.where("x")
    if neighbourhood is not None:
        where += " AND x.neighbourhood_id = %s"
        params.append(neighbourhood)
    with connection.cursor() as cursor:
        cursor.execute(
            f"""
            SELECT x.day, {", ".join(f"SUM(x.{name})" for name in ACT_COLUMNS)} FROM {DAILY} x
            WHERE {where} GROUP BY x.day ORDER BY x.day
            """,
            params,
        )
        days = []
        for day, *counts in cursor.fetchall():
            if isinstance(day, str):
                day = datetime.date.fromisoformat(day)
            acts = {kind: n for kind, n in zip(ACT_COLUMNS.values(), counts, strict=True) if n}
            if acts:
                days.append((day, acts))
    return days


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
