"""Admin wiring: places, pledge signatures and their report, committee groups for new pages."""

from django.http import Http404
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.panels import FieldPanel, ObjectList
from wagtail.admin.ui.tables import Column, DateColumn
from wagtail.permissions import register_permission_policy
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import (
    DeleteView,
    EditView,
    HistoryView,
    IndexView,
    SnippetViewSet,
    SnippetViewSetGroup,
    UsageView,
)

from campaigns.forms import AssistedSignatureForm
from campaigns.models import Neighbourhood, NeighbourhoodVolunteerPage, PledgeSignature, Town
from campaigns.reports import SignatureCountReport
from campaigns.roles import OwnNeighbourhoodPolicy, ensure_committee_group, neighbourhoods_for
from home.exports import FormulaSafeExportMixin


class TownViewSet(SnippetViewSet):
    model = Town
    icon = "site"
    menu_label = _("Towns")
    list_display = ["name", "slug", "sort_order"]
    search_fields = ["name"]


class NeighbourhoodViewSet(SnippetViewSet):
    model = Neighbourhood
    icon = "group"
    menu_label = _("Neighbourhoods")
    list_display = ["name", "town", Column("population", label=_("population")), "households"]
    list_filter = ["town"]
    search_fields = ["name"]
    ordering = ["town__sort_order", "name"]


class PlacesViewSetGroup(SnippetViewSetGroup):
    items = (TownViewSet, NeighbourhoodViewSet)
    menu_icon = "site"
    menu_label = _("Places")
    menu_name = "places"


class SignatureIndexView(FormulaSafeExportMixin, IndexView):
    pass


class OwnNeighbourhoodObjectMixin:
    """Answer 404 for a row of a neighbourhood the user may not see."""

    def get_object(self, *args, **kwargs):
        instance = super().get_object(*args, **kwargs)
        if not neighbourhoods_for(self.request.user).filter(pk=instance.neighbourhood_id).exists():
            raise Http404
        return instance


class SignatureEditView(OwnNeighbourhoodObjectMixin, EditView):
    pass


class SignatureDeleteView(OwnNeighbourhoodObjectMixin, DeleteView):
    pass


class SignatureHistoryView(OwnNeighbourhoodObjectMixin, HistoryView):
    pass


class SignatureUsageView(OwnNeighbourhoodObjectMixin, UsageView):
    pass


class PledgeSignatureViewSet(SnippetViewSet):
    model = PledgeSignature
    icon = "doc-full"
    menu_label = _("Pledge signatures")
    menu_order = 250
    add_to_admin_menu = True
    index_view_class = SignatureIndexView
    edit_view_class = SignatureEditView
    delete_view_class = SignatureDeleteView
    history_view_class = SignatureHistoryView
    usage_view_class = SignatureUsageView
    list_display = [
        "name",
        "phone_masked",
        "neighbourhood",
        "pledge",
        DateColumn("signed_at", label=_("signed at")),
        "assisted",
        "entered_by",
    ]
    list_filter = {"neighbourhood": ["exact"], "pledge": ["exact"], "signed_at": ["date"]}
    list_export = [
        "name",
        "phone_masked",
        "neighbourhood.name",
        "pledge.title",
        "signed_at",
        "assisted",
        "entered_by",
    ]
    export_filename = "pledge-signatures"
    ordering = ["-signed_at"]
    copy_view_enabled = False
    edit_handler = ObjectList(
        [
            FieldPanel("pledge"),
            FieldPanel("name"),
            FieldPanel("neighbourhood"),
            FieldPanel("phone"),
            FieldPanel("hide_name"),
            FieldPanel("paper_consent"),
        ],
        base_form_class=AssistedSignatureForm,
    )

    def get_queryset(self, request):
        return PledgeSignature.objects.filter(
            neighbourhood__in=neighbourhoods_for(request.user)
        ).select_related("neighbourhood", "pledge", "entered_by")


register_permission_policy(PledgeSignature, OwnNeighbourhoodPolicy(PledgeSignature))
register_snippet(PlacesViewSetGroup)
register_snippet(PledgeSignatureViewSet)


@hooks.register("register_admin_urls")
def register_report_urls():
    return [
        path(
            "reports/pledge-signatures/",
            SignatureCountReport.as_view(),
            name="pledge_signature_counts",
        ),
        path(
            "reports/pledge-signatures/results/",
            SignatureCountReport.as_view(results_only=True),
            name="pledge_signature_counts_results",
        ),
    ]


class SignatureReportMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perm("campaigns.view_pledgesignature")


@hooks.register("register_reports_menu_item")
def register_signature_report_menu_item():
    return SignatureReportMenuItem(
        _("Pledge signatures by neighbourhood"),
        reverse("pledge_signature_counts"),
        icon_name="group",
        order=700,
    )


@hooks.register("after_create_page")
def give_new_neighbourhood_page_its_committee(request, page):
    if isinstance(page.specific, NeighbourhoodVolunteerPage):
        ensure_committee_group(page.specific)
