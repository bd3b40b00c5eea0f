"""Towns and the neighbourhoods every act of taking part is counted against."""

from django.contrib.auth.models import Group
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.search import index

GEOJSON_TYPES = {"Polygon", "MultiPolygon", "Feature", "FeatureCollection"}


def validate_geojson(value):
    """Accept only a GeoJSON outline: a polygon, a feature or a feature collection."""
    if not isinstance(value, dict) or value.get("type") not in GEOJSON_TYPES:
        raise ValidationError(
            _("Enter a GeoJSON Polygon, MultiPolygon, Feature or FeatureCollection.")
        )


class Town(index.Indexed, models.Model):
    name = models.CharField(_("name"), max_length=50, unique=True)
    slug = models.SlugField(_("slug"), max_length=80, unique=True, allow_unicode=True)
    sort_order = models.PositiveSmallIntegerField(_("sort order"), default=0)

    panels = [FieldPanel("name"), FieldPanel("slug"), FieldPanel("sort_order")]
    search_fields = [index.SearchField("name"), index.AutocompleteField("name")]

    class Meta:
        ordering = ["sort_order", "name"]
        verbose_name = _("town")
        verbose_name_plural = _("towns")

    def __str__(self):
        return self.name


class Neighbourhood(index.Indexed, models.Model):
    name = models.CharField(_("name"), max_length=50)
    slug = models.SlugField(_("slug"), max_length=80, unique=True, allow_unicode=True)
    town = models.ForeignKey(
        Town, on_delete=models.PROTECT, related_name="neighbourhoods", verbose_name=_("town")
    )
    population = models.PositiveIntegerField(_("population"))
    households = models.PositiveIntegerField(_("households"))
    outline = models.JSONField(
        _("outline (GeoJSON)"), blank=True, null=True, validators=[validate_geojson]
    )
    committee_group = models.OneToOneField(
        Group,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        related_name="neighbourhood",
        verbose_name=_("committee group"),
    )

    panels = [
        FieldPanel("name"),
        FieldPanel("slug"),
        FieldPanel("town"),
        FieldPanel("population"),
        FieldPanel("households"),
        FieldPanel("outline"),
    ]
    search_fields = [
        index.SearchField("name"),
        index.AutocompleteField("name"),
        index.FilterField("town"),
    ]

    class Meta:
        ordering = ["town__sort_order", "name"]
        constraints = [
            models.UniqueConstraint(fields=["town", "name"], name="unique_neighbourhood_in_town")
        ]
        verbose_name = _("neighbourhood")
        verbose_name_plural = _("neighbourhoods")

    def __str__(self):
        return self.name
