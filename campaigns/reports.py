"""Admin report: pledge signatures per neighbourhood against its population."""

import django_filters
from django.db.models import Count, Q
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from wagtail.admin.filters import DateRangePickerWidget, WagtailFilterSet
from wagtail.admin.ui.tables import Column
from wagtail.admin.views.reports import ReportView
from wagtail.permissions import policy_registry

from campaigns.models import Neighbourhood, PledgePage, PledgeSignature
from campaigns.roles import OwnNeighbourhoodExportMixin, neighbourhoods_for


class SignatureCountFilterSet(WagtailFilterSet):
    pledge = django_filters.ModelChoiceFilter(
        queryset=PledgePage.objects.all(), label=_("Pledge"), method="no_filter"
    )
    signed_at = django_filters.DateFromToRangeFilter(
        label=_("Signed between"), widget=DateRangePickerWidget, method="no_filter"
    )

    class Meta:
        model = Neighbourhood
        fields = ["town"]

    def no_filter(self, queryset, name, value):
        # These narrow the signatures counted, not the neighbourhoods listed.
        return queryset


class SignatureCountReport(OwnNeighbourhoodExportMixin, ReportView):
    page_title = _("Pledge signatures by neighbourhood")
    header_icon = "group"
    filterset_class = SignatureCountFilterSet
    index_url_name = "pledge_signature_counts"
    index_results_url_name = "pledge_signature_counts_results"
    any_permission_required = ["view"]
    export_filename = "pledge-signatures-by-neighbourhood"
    list_export = ["town.name", "name", "population", "signatures", "assisted", "per_thousand"]
    export_headings = {
        "town.name": _("Town"),
        "name": _("Neighbourhood"),
        "population": _("Population"),
        "signatures": _("Signatures"),
        "assisted": _("Entered from paper"),
        "per_thousand": _("Per 1,000 residents"),
    }
    columns = [
        Column("town", label=_("Town"), accessor="town.name"),
        Column("name", label=_("Neighbourhood")),
        Column("population", label=_("Population")),
        Column("signatures", label=_("Signatures")),
        Column("assisted", label=_("Entered from paper")),
        Column("per_thousand", label=_("Per 1,000 residents")),
    ]

    @cached_property
    def permission_policy(self):
        return policy_registry.get_by_type(PledgeSignature)

    def get_queryset(self):
        signatures = Q()
        form = self.filters.form if self.filters and self.filters.is_valid() else None
        if form and form.cleaned_data.get("pledge"):
            signatures &= Q(pledge_signatures__pledge=form.cleaned_data["pledge"])
        span = form.cleaned_data.get("signed_at") if form else None
        if span and span.start:
            signatures &= Q(pledge_signatures__signed_at__gte=span.start)
        if span and span.stop:
            signatures &= Q(pledge_signatures__signed_at__lt=span.stop)
        return (
            neighbourhoods_for(self.request.user)
            .select_related("town")
            .annotate(
                signatures=Count("pledge_signatures", filter=signatures),
                assisted=Count(
                    "pledge_signatures", filter=signatures & Q(pledge_signatures__assisted=True)
                ),
            )
            .order_by("-signatures", "town__sort_order", "name")
        )

    def decorate_paginated_queryset(self, neighbourhoods):
        for neighbourhood in neighbourhoods:
            people = neighbourhood.population
            rate = neighbourhood.signatures * 1000 / people if people else 0
            neighbourhood.per_thousand = round(rate, 1)
        return neighbourhoods
