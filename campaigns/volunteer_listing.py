"""What the public volunteer pages list: upcoming activities, filters and yearly totals."""

from django import forms
from django.core.paginator import Paginator
from django.db.models import Count, OuterRef, Q, Subquery, Sum
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from campaigns.models import Neighbourhood, Town, VolunteerEventPage, VolunteerSignup
from campaigns.residents import known_neighbourhood

PER_PAGE = 20
RECENT_PAST = 10
CAMPAIGN_EVENTS = 6


class EventFilterForm(forms.Form):
    town = forms.ModelChoiceField(
        Town.objects.all(),
        to_field_name="slug",
        required=False,
        label=_("Town"),
        empty_label=_("All towns"),
    )
    neighbourhood = forms.ModelChoiceField(
        Neighbourhood.objects.select_related("town"),
        to_field_name="slug",
        required=False,
        label=_("Neighbourhood"),
        empty_label=_("All neighbourhoods"),
    )
    date = forms.DateField(
        required=False, label=_("On or after"), widget=forms.DateInput(attrs={"type": "date"})
    )


def with_places(events):
    """Annotate each activity with its confirmed sign-ups, in the same query.

    Counted in a subquery, which reads only the confirmed entries of the sign-ups' index, rather
    than joining every sign-up and grouping the pages' rows.
    """
    confirmed = VolunteerSignup.objects.filter(
        event=OuterRef("pk"), status=VolunteerSignup.Status.CONFIRMED
    )
    count = confirmed.order_by().values("event").annotate(n=Count("*")).values("n")
    return (
        events.select_related("neighbourhood__town")
        .defer("neighbourhood__outline")
        .annotate(confirmed=Coalesce(Subquery(count), 0))
    )


def upcoming_events():
    """Return the planned activities that have not ended yet, soonest first, with their places."""
    events = VolunteerEventPage.objects.live().filter(
        status=VolunteerEventPage.Status.PLANNED, ends_at__gte=timezone.now()
    )
    return with_places(events).order_by("starts_at", "pk")


def campaign_events(campaign, neighbourhood_ids, limit=CAMPAIGN_EVENTS):
    """Return the upcoming activities tied to a campaign or held in its target neighbourhoods."""
    # A campaign previewed before its first save has no activities tied to it yet.
    tied = Q(campaign=campaign) if campaign.pk else Q(pk__in=[])
    events = upcoming_events().filter(tied | Q(neighbourhood__in=neighbourhood_ids))
    return events[:limit]


def upcoming_events_context(request, index):
    """Return the filter form and one page of upcoming activities across the county."""
    form = EventFilterForm(request.GET or None)
    events = upcoming_events().filter(path__startswith=index.path)
    if form.is_valid():
        data = form.cleaned_data
        if data["town"]:
            events = events.filter(neighbourhood__town=data["town"])
        if data["neighbourhood"]:
            events = events.filter(neighbourhood=data["neighbourhood"])
        if data["date"]:
            events = events.filter(starts_at__date__gte=data["date"])
    paginator = Paginator(events, PER_PAGE)
    return {"filter_form": form, "events": paginator.get_page(request.GET.get("page"))}


def neighbourhood_events_context(room):
    """Return a room's upcoming and recent activities and this year's volunteer totals."""
    events = with_places(VolunteerEventPage.objects.live().child_of(room))
    now = timezone.now()
    return {
        "place": known_neighbourhood(room.neighbourhood_id),
        "upcoming": events.filter(ends_at__gte=now).order_by("starts_at", "pk"),
        "past": events.filter(ends_at__lt=now).order_by("-starts_at", "-pk")[:RECENT_PAST],
        "totals": year_totals(room.neighbourhood_id, timezone.localdate().year),
    }


def year_totals(neighbourhood_id, year):
    """Return the distinct volunteers and hours served at a neighbourhood's activities in year."""
    return VolunteerSignup.objects.filter(
        event__neighbourhood_id=neighbourhood_id,
        event__starts_at__year=year,
        hours__isnull=False,
    ).aggregate(volunteers=Count("participant", distinct=True), hours=Sum("hours"))
