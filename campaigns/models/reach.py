"""Daily rollups of the participation log, kept by campaigns.reach so reach reports stay fast.

Neighbourhood and campaign are plain integer columns with 0 for "none": the rollups are upserted
on their natural keys, and a unique key with NULLs in it would not match on every database.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _

# Bits of ReachResidentDay.kinds: what a resident did on a day.
QUIZ, PLEDGE, SIGNUP, ATTENDANCE = 1, 2, 4, 8


class ReachDaily(models.Model):
    """Acts per neighbourhood, campaign, kind and day: how many, their weight, their quiz score."""

    day = models.DateField()
    neighbourhood_id = models.PositiveIntegerField()
    campaign_id = models.PositiveIntegerField()
    kind = models.CharField(max_length=30)
    count = models.PositiveIntegerField(default=0)
    # Sums kept as whole hundredths of an hour and tenths of a percent, so they add up exactly on
    # every database.
    weight_hundredths = models.BigIntegerField(default=0)
    scored = models.PositiveIntegerField(default=0)
    score_tenths = models.BigIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["neighbourhood_id", "campaign_id", "kind", "day"], name="one_reach_cell"
            )
        ]
        indexes = [models.Index(fields=["campaign_id", "day"], name="reach_daily_campaign_day")]
        verbose_name = _("daily reach")
        verbose_name_plural = _("daily reach")

    def __str__(self):
        return f"{self.day} {self.neighbourhood_id}/{self.campaign_id} {self.kind}: {self.count}"


class ReachResident(models.Model):
    """A short number for each participant key, so distinct counts compare integers."""

    key = models.CharField(max_length=64, unique=True)

    def __str__(self):
        return str(self.pk)


class ReachResidentDay(models.Model):
    """One row per resident, neighbourhood, campaign and day they took part: reached residents
    over any range are the distinct residents among these rows."""

    day = models.DateField()
    neighbourhood_id = models.PositiveIntegerField()
    campaign_id = models.PositiveIntegerField()
    resident_id = models.PositiveBigIntegerField()
    kinds = models.PositiveSmallIntegerField(default=0)
    hours_hundredths = models.BigIntegerField(default=0)

    class Meta:
        constraints = [
            # Leads with neighbourhood and resident: the distinct count per neighbourhood reads
            # this index in order.
            models.UniqueConstraint(
                fields=["neighbourhood_id", "resident_id", "day", "campaign_id"],
                name="one_resident_day",
            )
        ]
        indexes = [
            models.Index(fields=["campaign_id", "day"], name="reach_resident_campaign_day"),
            models.Index(fields=["day"], name="reach_resident_day"),
        ]

    def __str__(self):
        return f"{self.day} {self.neighbourhood_id}/{self.campaign_id} #{self.resident_id}"


class ReachWatermark(models.Model):
    """How far the rollups have read the log: every row with an id up to last_id is counted."""

    name = models.CharField(max_length=30, primary_key=True)
    last_id = models.PositiveBigIntegerField(default=0)
    updated_at = models.DateTimeField(null=True)

    def __str__(self):
        return f"{self.name}: {self.last_id}"
