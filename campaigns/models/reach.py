"""Daily rollups of the participation log, kept by campaigns.reach so reach reports stay fast.

Neighbourhood and campaign are plain integer columns with 0 for "none": the rollups are upserted
on their natural keys, and a unique key with NULLs in it would not match on every database.

Distinct residents over any date range [start, end] are counted without grouping residents at
read time. Within a "tally" (a level, a choice of campaigns and a figure, listed in TALLIES), a
resident's rows are ordered; each row keeps the day of the resident's previous row in the same
tally. The residents counted over [start, end] are then exactly the rows in the range whose
previous day is before start or absent: one row per resident, their first in the range.
ReachDaily keeps how many rows of each cell have no previous day (new residents), so only the
rows that come back after a gap spanning start are read from ReachResidentDay.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _

# Bits of ReachResidentDay.kinds: what a resident did on a day.
QUIZ, PLEDGE, SIGNUP, ATTENDANCE = 1, 2, 4, 8

# A tally counts distinct residents per neighbourhood, per town or in the whole county; over all
# campaigns or within each; for a figure: residents who took part at all, took a quiz, signed a
# pledge, or have positive hours for the day (hour corrections are dated with their attendance).
LEVELS = ("place", "town", "county")
CAMPAIGNS = ("all", "each")
FIGURES = ("residents", "quiz_takers", "pledgers", "attendees")
TALLIES = [
    (level, campaigns, figure) for level in LEVELS for campaigns in CAMPAIGNS for figure in FIGURES
]


def tally_name(level, campaigns, figure):
    return f"{level}_{campaigns}_{figure}"


class ReachDaily(models.Model):
    """What happened per neighbourhood, campaign and day: acts of each kind, volunteer hours,
    quiz scores, and how many residents each tally saw for the first time."""

    day = models.DateField()
    neighbourhood_id = models.PositiveIntegerField()
    campaign_id = models.PositiveIntegerField()
    visits = models.IntegerField(default=0)
    quizzes = models.IntegerField(default=0)
    pledges = models.IntegerField(default=0)
    signups = models.IntegerField(default=0)
    # Attendances, not counting hour corrections; their hours in whole hundredths.
    attendances = models.IntegerField(default=0)
    hours_hundredths = models.IntegerField(default=0)
    # Scored quiz acts and the sum of their scores in tenths of a percent.
    scored = models.IntegerField(default=0)
    score_tenths = models.IntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["neighbourhood_id", "campaign_id", "day"], name="one_reach_day"
            )
        ]
        indexes = [models.Index(fields=["campaign_id", "day"], name="reach_daily_campaign_day")]
        verbose_name = _("daily reach")
        verbose_name_plural = _("daily reach")

    def __str__(self):
        return f"{self.day} {self.neighbourhood_id}/{self.campaign_id}"


class ReachResident(models.Model):
    """A short number for each participant key, so distinct counts compare integers."""

    key = models.CharField(max_length=64, unique=True)

    def __str__(self):
        return str(self.pk)


class ReachResidentDay(models.Model):
    """One row per resident, neighbourhood, campaign and day they took part, with the day of the
    resident's previous row in each tally (see the module's docstring)."""

    day = models.DateField()
    neighbourhood_id = models.PositiveIntegerField()
    campaign_id = models.PositiveIntegerField()
    resident_id = models.PositiveBigIntegerField()
    kinds = models.PositiveSmallIntegerField(default=0)
    hours_hundredths = models.IntegerField(default=0)
    # The earliest of the previous days below: rows with none before a range's start cannot
    # come back into it, and are not read.
    earliest_before = models.DateField(null=True)
    # Bit n set: the row is the resident's first in TALLIES[n], counted in ReachDaily.
    firsts = models.IntegerField(default=0)

    class Meta:
        constraints = [
            # Leads with the resident: a recount reads a resident's days in one range.
            models.UniqueConstraint(
                fields=["resident_id", "neighbourhood_id", "day", "campaign_id"],
                name="one_resident_day",
            )
        ]
        indexes = [
            models.Index(fields=["campaign_id", "day"], name="reach_resident_campaign_day"),
            models.Index(fields=["day"], name="reach_resident_day"),
            models.Index(fields=["earliest_before"], name="reach_resident_day_earliest"),
        ]

    def __str__(self):
        return f"{self.day} {self.neighbourhood_id}/{self.campaign_id} #{self.resident_id}"


# A column per tally on both rollups, added here rather than spelled out twenty-four times.
for _tally in TALLIES:
    ReachDaily.add_to_class(f"new_{tally_name(*_tally)}", models.IntegerField(default=0))
    ReachResidentDay.add_to_class(f"before_{tally_name(*_tally)}", models.DateField(null=True))


class ReachWatermark(models.Model):
    """How far the rollups have read the log: every row with an id up to last_id is counted."""

    name = models.CharField(max_length=30, primary_key=True)
    last_id = models.PositiveBigIntegerField(default=0)
    updated_at = models.DateTimeField(null=True)

    def __str__(self):
        return f"{self.name}: {self.last_id}"
