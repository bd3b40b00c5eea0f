"""Admin wiring: places, sign-ups and signatures, reports, posters, API keys, committee groups."""

import django_filters
from django.http import Http404
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.menu import MenuItem
from wagtail.admin.panels import FieldPanel, ObjectList
from wagtail.admin.ui.tables import Column, DateColumn
from wagtail.admin.widgets import Button
from wagtail.permissions import register_permission_policy
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import (
    CreateView,
    DeleteView,
    EditView,
    HistoryView,
    IndexView,
    SnippetViewSet,
    SnippetViewSetGroup,
    UsageView,
)

from campaigns import poster_views, qr, volunteer_roster
from campaigns.api_admin import ApiTokenViewSet, SuperuserOnlyPolicy
from campaigns.choosers import SafeChooserViewSet, ScopedChooserViewSet
from campaigns.forms import AssistedSignatureForm
from campaigns.models import (
    ApiToken,
    CampaignPage,
    Neighbourhood,
    NeighbourhoodVolunteerPage,
    PledgeSignature,
    Town,
    VolunteerEventPage,
    VolunteerIndexPage,
    VolunteerSignup,
)
from campaigns.reach_report import ReachReport
from campaigns.reports import SignatureCountReport
from campaigns.roles import (
    OwnEventPolicy,
    OwnNeighbourhoodExportMixin,
    OwnNeighbourhoodPolicy,
    ensure_committee_group,
    ensure_volunteer_workflow,
    neighbourhoods_for,
)
from campaigns.volunteer_forms import (
    AttendanceCorrectionForm,
    PaperAttendanceForm,
    committee_events,
)
from home.columns import YesNoColumn


class TownViewSet(SnippetViewSet):
    chooser_viewset_class = SafeChooserViewSet
    model = Town
    icon = "site"
    menu_label = _("Towns")
    list_display = ["name", "slug", "sort_order"]
    search_fields = ["name"]


class NeighbourhoodViewSet(SnippetViewSet):
    chooser_viewset_class = SafeChooserViewSet
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


class SignatureIndexView(OwnNeighbourhoodExportMixin, IndexView):
    pass


class OwnNeighbourhoodObjectMixin:
    """Answer 404 for a row of a neighbourhood the user may not see."""

    def neighbourhood_id_of(self, instance):
        return instance.neighbourhood_id

    def get_object(self, *args, **kwargs):
        instance = super().get_object(*args, **kwargs)
        allowed = neighbourhoods_for(self.request.user)
        if not allowed.filter(pk=self.neighbourhood_id_of(instance)).exists():
            raise Http404
        return instance


class OwnEventObjectMixin(OwnNeighbourhoodObjectMixin):
    """Answer 404 for a sign-up to another neighbourhood's activity."""

    def neighbourhood_id_of(self, instance):
        return instance.event.neighbourhood_id


class SignatureEditView(OwnNeighbourhoodObjectMixin, EditView):
    pass


class SignatureDeleteView(OwnNeighbourhoodObjectMixin, DeleteView):
    pass


class SignatureHistoryView(OwnNeighbourhoodObjectMixin, HistoryView):
    pass


class SignatureUsageView(OwnNeighbourhoodObjectMixin, UsageView):
    pass


class SignatureCreateView(CreateView):
    """Entering a paper signature; a number counted already in a neighbourhood the user does not
    see gets the answer a first signature gets, and no second row (DESIGN §7)."""

    def save_instance(self):
        if self.form.counted_elsewhere:
            return self.form.save()
        return super().save_instance()

    def get_success_buttons(self):
        # No link to the signature: an entry that was not kept would have none to give.
        return []


class PledgeSignatureViewSet(SnippetViewSet):
    chooser_viewset_class = ScopedChooserViewSet
    model = PledgeSignature
    icon = "doc-full"
    menu_label = _("Pledge signatures")
    menu_order = 250
    add_to_admin_menu = True
    index_view_class = SignatureIndexView
    add_view_class = SignatureCreateView
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
        YesNoColumn("assisted", label=_("entered from a paper sheet")),
        "entered_by",
    ]
    list_filter = {"neighbourhood": ["exact"], "pledge": ["exact"], "signed_at": ["date"]}
    list_export = [
        "name",
        "phone_masked",
        "neighbourhood",
        "pledge",
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


class SignupEditView(OwnEventObjectMixin, EditView):
    pass


class SignupHistoryView(OwnEventObjectMixin, HistoryView):
    pass


class SignupUsageView(OwnEventObjectMixin, UsageView):
    pass


def own_events(request):
    return committee_events(request.user) if request else VolunteerEventPage.objects.none()


class SignupFilterSet(WagtailFilterSet):
    # Only the user's own activities are offered, so other committees' titles never show.
    event = django_filters.ModelChoiceFilter(queryset=own_events, label=_("Activity"))

    class Meta:
        model = VolunteerSignup
        fields = ["event", "status"]


class VolunteerSignupViewSet(SnippetViewSet):
    chooser_viewset_class = ScopedChooserViewSet
    model = VolunteerSignup
    icon = "group"
    menu_label = _("Volunteer sign-ups")
    menu_order = 260
    add_to_admin_menu = True
    index_view_class = SignatureIndexView
    edit_view_class = SignupEditView
    history_view_class = SignupHistoryView
    usage_view_class = SignupUsageView
    delete_view_enabled = False
    copy_view_enabled = False
    inspect_view_enabled = False
    list_display = [
        "name",
        "phone",
        "neighbourhood",
        "event",
        "status",
        DateColumn("signed_up_at", label=_("signed up at")),
        "checked_in_at",
        "checked_out_at",
        "hours",
        YesNoColumn("assisted", label=_("entered from a paper sheet")),
        "corrected_by",
    ]
    filterset_class = SignupFilterSet
    list_export = [
        "event",
        "name",
        "phone",
        "neighbourhood",
        "status",
        "signed_up_at",
        "checked_in_at",
        "checked_out_at",
        "hours",
        "assisted",
        "entered_by",
        "corrected_by",
        "corrected_at",
    ]
    export_filename = "volunteer-signups"
    ordering = ["event", "signed_up_at"]
    edit_handler = ObjectList(
        [FieldPanel("checked_in_at"), FieldPanel("checked_out_at"), FieldPanel("hours")],
        base_form_class=AttendanceCorrectionForm,
    )
    paper_handler = ObjectList(
        [
            FieldPanel("event"),
            FieldPanel("name"),
            FieldPanel("neighbourhood"),
            FieldPanel("phone"),
            FieldPanel("hours"),
            FieldPanel("paper_consent"),
        ],
        base_form_class=PaperAttendanceForm,
    )

    def get_add_view_kwargs(self, **kwargs):
        panel = self.paper_handler.bind_to_model(self.model)
        return super().get_add_view_kwargs(panel=panel, form_class=panel.get_form_class())

    def get_queryset(self, request):
        return VolunteerSignup.objects.filter(
            event__neighbourhood__in=neighbourhoods_for(request.user)
        ).select_related("neighbourhood", "event", "entered_by", "corrected_by")


register_permission_policy(PledgeSignature, OwnNeighbourhoodPolicy(PledgeSignature))
register_permission_policy(VolunteerSignup, OwnEventPolicy(VolunteerSignup))
register_snippet(PlacesViewSetGroup)
register_snippet(PledgeSignatureViewSet)
register_snippet(VolunteerSignupViewSet)
# API keys are for administrators only: they open the county's figures to another system.
register_permission_policy(ApiToken, SuperuserOnlyPolicy(ApiToken))
register_snippet(ApiTokenViewSet)


@hooks.register("register_admin_urls")
def register_admin_urls():
    return [
        path("volunteer-events/<int:event_id>/qr/", qr.qr_code_poster, name="volunteer_qr"),
        path(
            "volunteer-events/<int:event_id>/roster/",
            volunteer_roster.roster,
            name="volunteer_roster",
        ),
        path("volunteer-events/<int:event_id>/qr.svg", qr.qr_code_svg, name="volunteer_qr_svg"),
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
        path("reports/reach/", ReachReport.as_view(), name="reach_report"),
        path(
            "reports/reach/results/",
            ReachReport.as_view(results_only=True),
            name="reach_report_results",
        ),
        path("reach/posters/", poster_views.choose, name="reach_posters"),
        path(
            "reach/posters/<int:campaign_id>/<int:neighbourhood_id>/",
            poster_views.single,
            name="reach_poster",
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
    if isinstance(page.specific, VolunteerIndexPage):
        ensure_volunteer_workflow(page)


@hooks.register("register_page_header_buttons")
def volunteer_event_buttons(page, user, view_name, next_url=None):
    if isinstance(page.specific_deferred, VolunteerEventPage):
        signups = reverse("wagtailsnippets_campaigns_volunteersignup:list")
        yield Button(_("Sign-ups"), f"{signups}?event={page.pk}", icon_name="group", priority=80)
        yield Button(
            _("Attendance roster"),
            reverse("volunteer_roster", args=[page.pk]),
            icon_name="tick",
            priority=80,
        )
        yield Button(
            _("Check-in QR code"),
            reverse("volunteer_qr", args=[page.pk]),
            icon_name="link",
            priority=81,
        )


class PosterMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perm(poster_views.PERMISSION)


@hooks.register("register_reports_menu_item")
def register_poster_menu_item():
    return PosterMenuItem(
        _("Campaign posters"), reverse("reach_posters"), icon_name="doc-full", order=720
    )


@hooks.register("register_page_header_buttons")
def campaign_poster_button(page, user, view_name, next_url=None):
    if isinstance(page.specific_deferred, CampaignPage) and user.has_perm(poster_views.PERMISSION):
        posters = reverse("reach_posters")
        yield Button(
            _("QR posters"), f"{posters}?campaign={page.pk}", icon_name="doc-full", priority=82
        )


class ReachReportMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perm("campaigns.view_participation")


@hooks.register("register_reports_menu_item")
def register_reach_report_menu_item():
    return ReachReportMenuItem(_("Reach"), reverse("reach_report"), icon_name="site", order=710)
