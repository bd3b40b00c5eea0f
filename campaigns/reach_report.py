"""Admin report "传播覆盖": reach per neighbourhood against population, with charts and map."""

from dataclasses import dataclass, replace
from decimal import Decimal

import django_filters
from django.urls import NoReverseMatch, reverse
from django.utils.functional import cached_property
from django.utils.http import urlencode
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _
from wagtail.admin.filters import DateRangePickerWidget, WagtailFilterSet
from wagtail.admin.ui.tables import Column, Table
from wagtail.admin.views.reports import ReportView
from wagtail.permissions import policy_registry

from campaigns import reach, reach_charts
from campaigns.models import CampaignPage, Neighbourhood, Participation, Town
from campaigns.roles import (
    OwnNeighbourhoodExportMixin,
    neighbourhoods_for,
    sees_every_neighbourhood,
)

COLUMNS = [
    ("town", _("Town")),
    ("neighbourhood", _("Neighbourhood")),
    ("population", _("Population")),
    ("participations", _("Participations")),
    ("residents", _("Reached residents")),
    ("per_thousand", _("Reached per 1,000 residents")),
    ("quiz_attempts", _("Quiz attempts")),
    ("average_score", _("Average quiz score (%)")),
    ("pledges", _("Pledge signatures")),
    ("attendees", _("Volunteer attendees")),
    ("hours", _("Volunteer hours")),
    ("visits", _("Poster visits")),
    ("cold", _("Cold spot")),
]
FIGURES = {name for name, _label in COLUMNS[2:-1]}
PANEL_FIGURES = [
    "participations",
    "residents",
    "per_thousand",
    "visits",
    "quiz_attempts",
    "pledges",
    "attendees",
    "hours",
]
FUNNEL_LABELS = {
    "visit": _("Poster visits"),
    "quiz": _("Took a quiz"),
    "pledge": _("Signed a pledge"),
    "volunteer": _("Volunteered"),
}


class ReachFilterSet(WagtailFilterSet):
    campaign = django_filters.ModelChoiceFilter(
        queryset=CampaignPage.objects.order_by("-start_date"),
        label=capfirst(CampaignPage._meta.verbose_name),
        method="keep",
    )
    dates = django_filters.DateFromToRangeFilter(
        label=_("Between"), widget=DateRangePickerWidget, method="keep"
    )
    town = django_filters.ModelChoiceFilter(
        queryset=Town.objects.all(), label=capfirst(Town._meta.verbose_name), method="keep"
    )
    threshold = django_filters.NumberFilter(
        label=_("Cold spot below (reached per 1,000 residents)"), min_value=0, method="keep"
    )

    class Meta:
        model = Neighbourhood
        fields = []

    def __init__(self, *args, request=None, **kwargs):
        super().__init__(*args, request=request, **kwargs)
        if request is None or not sees_every_neighbourhood(request.user):
            # A town's total less a committee's own would give away its neighbours' figures.
            del self.filters["town"]

    def keep(self, queryset, name, value):
        # The filters choose the scope the report counts over, not rows to drop afterwards.
        return queryset


def shown(figures, name):
    """Return a suppressed Reach's figure as shown: the number, or the "fewer than" text."""
    hidden = figures.suppressed
    if name in hidden or (name == "per_thousand" and "residents" in hidden):
        return reach_charts.fewer_than()
    return getattr(figures, name)


@dataclass
class Row:
    """One line of the table and the export: a neighbourhood, a town or the county."""

    town: str
    neighbourhood: str
    figures: reach.Reach  # already suppressed
    is_cold: bool = False
    is_total: bool = False

    def __getattr__(self, name):
        if name not in FIGURES:
            raise AttributeError(name)
        return shown(self.figures, name)

    @property
    def cold(self):
        return _("Cold spot") if self.is_cold else ""


def sort_value(row, name):
    """Return what a row sorts by; None for blank and suppressed cells, which always go last."""
    if name == "neighbourhood":
        return row.neighbourhood
    if name == "cold":
        return row.is_cold
    value = shown(row.figures, name)
    return value if isinstance(value, int | Decimal) else None


def ordered(rows, ordering):
    """Sort rows (in county order) by a column; ties keep county order, so nothing hidden leaks."""
    name, descending = ordering.lstrip("-"), ordering.startswith("-")
    if name == "town":
        return rows[::-1] if descending else rows
    known = [row for row in rows if sort_value(row, name) is not None]
    blank = [row for row in rows if sort_value(row, name) is None]
    known.sort(key=lambda row: sort_value(row, name), reverse=descending)
    return known + blank


class ReachTable(Table):
    def get_row_classname(self, instance):
        if instance.is_total:
            return "reach-report__total"
        return "reach-report__cold" if instance.is_cold else ""


class ReachReport(OwnNeighbourhoodExportMixin, ReportView):
    page_title = _("Reach")
    header_icon = "site"
    template_name = "campaigns/reach/report.html"
    results_template_name = "campaigns/reach/report_results.html"
    filterset_class = ReachFilterSet
    index_url_name = "reach_report"
    index_results_url_name = "reach_report_results"
    any_permission_required = ["view"]
    paginate_by = None
    default_ordering = "town"
    table_class = ReachTable
    columns = [Column(name, label=label, sort_key=name) for name, label in COLUMNS]
    list_export = [name for name, _label in COLUMNS]
    export_headings = dict(COLUMNS)
    export_filename = "reach-by-neighbourhood"

    @cached_property
    def permission_policy(self):
        return policy_registry.get_by_type(Participation)

    @cached_property
    def chosen(self):
        """Return the filter values that validated; an invalid one is simply not applied."""
        if not self.filters:
            return {}
        self.filters.is_valid()
        return self.filters.form.cleaned_data

    @cached_property
    def scope(self):
        """Return the county-wide scope; a chosen town narrows the rows listed, not the totals."""
        campaign, dates = self.chosen.get("campaign"), self.chosen.get("dates")
        return reach.Scope(
            campaign=campaign.pk if campaign else None,
            start=dates.start.date() if dates and dates.start else None,
            end=dates.stop.date() if dates and dates.stop else None,
        )

    @cached_property
    def town(self):
        return self.chosen.get("town")

    @cached_property
    def sees_all(self):
        return sees_every_neighbourhood(self.request.user)

    @cached_property
    def figures(self):
        listed = neighbourhoods_for(self.request.user)
        if self.town:
            listed = listed.filter(town=self.town)
        return reach.report(self.scope, neighbourhoods=listed)

    @cached_property
    def town_figures(self):
        return next((f for town, f in self.figures.towns if self.town and town == self.town), None)

    @cached_property
    def hidden(self):
        """Return each listed neighbourhood's figures as shown: suppressed, also against totals."""
        return {
            place.pk: figures
            for place, figures in reach.suppress_table(self.figures.neighbourhoods)
        }

    @cached_property
    def cold_spots(self):
        threshold = self.chosen.get("threshold")
        if threshold is None:
            # cold_spots' default, half the county rate, taken from the whole county even when
            # only a town or a committee's own neighbourhood is listed.
            county = self.figures.county
            people = county.population or 1
            threshold = Decimal(county.residents) * 1000 / people / 2
        return reach.cold_spots(self.figures.neighbourhoods, threshold)

    def get_queryset(self):
        cold = {place.pk for place, _figures in self.cold_spots}
        rows = [
            Row(place.town.name, place.name, self.hidden[place.pk], place.pk in cold)
            for place, _figures in self.figures.neighbourhoods
        ]
        return ordered(rows, self.ordering or self.default_ordering) + self.total_rows()

    def total_rows(self):
        rows = []
        if self.town_figures is not None:
            rows.append(Row(self.town.name, _("Town total"), reach.suppress(self.town_figures)))
        rows.append(Row(_("County"), _("County total"), reach.suppress(self.figures.county)))
        for row in rows:
            row.is_total = True
        return rows

    def filter_queryset(self, queryset):
        return queryset  # get_queryset already counted over the chosen scope

    def get_context_data(self, *args, **kwargs):
        context = super().get_context_data(*args, **kwargs)
        if not self.is_export:
            context.update(self.charts(), as_of=reach.watermark()[1])
        return context

    def charts(self):
        """Return the trend, map, funnel and cold spots shown above the table."""
        county = reach.suppress(self.figures.county)
        around = reach.suppress(self.town_figures) if self.town_figures else county
        places, unmapped = self.map_places()
        trend_scope = replace(self.scope, town=self.town.pk if self.town else None)
        return {
            "trend_chart": reach_charts.trend_chart(
                reach.trend(trend_scope), start=self.scope.start, end=self.scope.end
            ),
            "reach_map": reach_charts.reach_map(places, county.per_thousand),
            "unmapped": unmapped,
            "funnel_place": self.town.name if self.town_figures else _("County"),
            "funnel_chart": reach_charts.funnel_chart(
                [(FUNNEL_LABELS[step], count) for step, count in around.funnel]
            ),
            "cold_rows": [
                (place, reach_charts.rate_text(self.hidden[place.pk]))
                for place, _figures in self.cold_spots
            ],
            "threshold_chosen": self.chosen.get("threshold"),
            "posters_url": self.posters_url(),
            "towns_table": self.towns_table(),
        }

    def map_places(self):
        """Return every outlined neighbourhood for the map, coloured only where listed."""
        listed = {
            place.pk: (place.name, self.hidden[place.pk])
            for place, _figures in self.figures.neighbourhoods
        }
        outlined = Neighbourhood.objects.filter(outline__isnull=False)
        outlines = dict(outlined.values_list("pk", "outline"))
        places = []
        for pk, outline in outlines.items():
            if pk not in listed:
                places.append(reach_charts.MapPlace(None, outline))
                continue
            name, figures = listed[pk]
            label = reach_charts.rate_text(figures)
            places.append(reach_charts.MapPlace(name, outline, figures.per_thousand, label))
        unmapped = [
            name for pk, (name, _f) in listed.items() if not reach_charts.rings(outlines.get(pk))
        ]
        return places, unmapped

    def posters_url(self):
        """Link to posters for the cold spots of the chosen campaign, once that view exists."""
        campaign = self.chosen.get("campaign")
        if campaign is None or not self.cold_spots:
            return None
        try:
            base = reverse("reach_posters")
        except NoReverseMatch:
            return None
        query = [("campaign", campaign.pk)]
        query += [("neighbourhood", place.pk) for place, _figures in self.cold_spots]
        return f"{base}?{urlencode(query)}"

    def towns_table(self):
        """Return the town totals for staff looking at the whole county; committees get none."""
        if not self.sees_all or self.town:
            return None
        rows = [Row(town.name, "", f) for town, f in reach.suppress_table(self.figures.towns)]
        columns = [Column(name, label=label) for name, label in COLUMNS if name in FIGURES]
        return Table([Column("town", label=_("Town")), *columns], rows, classname="listing")


def campaign_summary(campaign):
    """Return a campaign's county-wide figures, suppressed, for its reach panel in the admin."""
    counted = reach.report(reach.Scope(campaign=campaign.pk))
    county = reach.suppress(counted.county)
    reached = sum(1 for _place, figures in counted.neighbourhoods if figures.participations)
    neighbourhoods = _("%(reached)s of %(total)s") % {
        "reached": reached,
        "total": len(counted.neighbourhoods),
    }
    labels = dict(COLUMNS)
    figures = [(labels[name], shown(county, name)) for name in PANEL_FIGURES[:3]]
    figures.append((_("Neighbourhoods reached"), neighbourhoods))
    figures += [(labels[name], shown(county, name)) for name in PANEL_FIGURES[3:]]
    return {
        "figures": figures,
        "as_of": reach.watermark()[1],
        "report_url": f"{reverse('reach_report')}?{urlencode({'campaign': campaign.pk})}",
    }
