"""Campaign QR posters: the short link residents scan, and the admin pages that print them."""

import re

from django.http import Http404, HttpResponseForbidden
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods
from wagtail.models import Revision

from campaigns import posters, qr
from campaigns.models import CampaignPage, Neighbourhood, Participation, record_participation
from campaigns.reach_forms import database_id
from campaigns.residents import remember_neighbourhood, remembered_neighbourhood_id
from campaigns.roles import neighbourhoods_for
from home.ratelimit import client_ip, hit

# A poster in a busy square may be scanned by many phones behind one address, but not by a script.
LIMIT_PER_ADDRESS = (30, 60)
# Link previews and crawlers follow the link without a resident behind them.
ROBOT = re.compile(r"bot|crawl|spider|slurp|preview|facebookexternalhit", re.IGNORECASE)
PERMISSION = "campaigns.view_participation"


# The link on the poster


@never_cache
@require_http_methods(["GET", "HEAD"])
def visit(request, token):
    """Count a poster scan once per browser session and campaign, then open its ways to join in."""
    ids = posters.read_token(token)
    campaigns = CampaignPage.objects.live().public()
    campaign = campaigns.filter(pk=ids[0]).first() if ids else None
    neighbourhood = Neighbourhood.objects.filter(pk=ids[1]).first() if campaign else None
    if neighbourhood is None:
        message = _("This poster's code does not lead to a campaign that is open to the public.")
        return render(request, "home/message.html", {"message": message, "back": "/"}, status=404)
    # The poster promises quizzes, pledges and volunteering: land on them, not the campaign's top.
    response = redirect(f"{campaign.get_url(request)}#take-part")
    visited = posters.visited_campaigns(request)
    wanted = counts_as_visit(request) and campaign.pk not in visited
    # Over the limit the resident still reaches the campaign; the scan just is not counted.
    if wanted and hit("poster-visit", client_ip(request), *LIMIT_PER_ADDRESS):
        record_participation(
            Participation.Kind.VISIT, neighbourhood=neighbourhood, campaign=campaign
        )
        posters.remember_visits(response, [*visited, campaign.pk])
    if remembered_neighbourhood_id(request) is None:
        remember_neighbourhood(response, neighbourhood)
    return response


def counts_as_visit(request):
    return request.method == "GET" and not ROBOT.search(request.headers.get("User-Agent", ""))


# Printing posters in the admin


def may_print(view):
    """Answer 403 unless the user may see reach figures; Wagtail would redirect instead."""

    def wrapper(request, *args, **kwargs):
        if not request.user.has_perm(PERMISSION):
            return HttpResponseForbidden(_("You may not print campaign posters."))
        return view(request, *args, **kwargs)

    return wrapper


@may_print
def choose(request):
    """Pick a campaign, then the neighbourhoods to print its posters for, or print them."""
    if "campaign" not in request.GET:
        campaigns = list(CampaignPage.objects.order_by("-start_date"))
        return render_chooser(request, {"campaigns": with_status(campaigns)})
    campaign = get_object_or_404(CampaignPage, pk=database_id(request.GET["campaign"]))
    wanted = {database_id(pk) for pk in request.GET.getlist("neighbourhood")}
    if not wanted:
        return render_chooser(request, {"campaign": campaign, "towns": offered(campaign, request)})
    if None in wanted:
        raise Http404
    places = neighbourhoods_for(request.user).filter(pk__in=wanted).select_related("town")
    if len(places) != len(wanted):
        return HttpResponseForbidden(_("You may print posters only for your own neighbourhood."))
    return render_posters(request, campaign, places)


@may_print
def single(request, campaign_id, neighbourhood_id):
    """Print one campaign's poster for one neighbourhood."""
    campaign = get_object_or_404(CampaignPage, pk=database_id(campaign_id))
    places = neighbourhoods_for(request.user).filter(pk=database_id(neighbourhood_id))
    places = places.select_related("town")
    if not places:
        return HttpResponseForbidden(_("You may print posters only for your own neighbourhood."))
    return render_posters(request, campaign, places)


def offered(campaign, request):
    """Return [(town, neighbourhoods)] the user may print for: the campaign's targets, or all."""
    allowed = neighbourhoods_for(request.user).select_related("town")
    places = list(allowed.filter(campaigns=campaign)) or list(allowed)
    towns = {}
    for place in places:
        towns.setdefault(place.town, []).append(place)
    return list(towns.items())


def with_status(campaigns):
    """Return (campaign, status) pairs, in Wagtail's own words: published, scheduled or draft."""
    scheduled = scheduled_ids(campaigns)
    pairs = []
    for campaign in campaigns:
        if campaign.live:
            status = _("Published")
        elif campaign.expired:
            status = _("expired")
        else:
            status = _("scheduled") if campaign.pk in scheduled else _("draft")
        pairs.append((campaign, status))
    return pairs


def scheduled_ids(campaigns):
    """Return the ids of the pages with a revision approved to go live later, in one query."""
    revisions = Revision.page_revisions.filter(
        object_id__in=[str(campaign.pk) for campaign in campaigns],
        approved_go_live_at__isnull=False,
    )
    return {int(pk) for pk in revisions.values_list("object_id", flat=True)}


def render_chooser(request, context):
    context = {"page_title": _("Campaign posters"), "header_icon": "doc-full", **context}
    return render(request, "campaigns/reach_poster_chooser.html", context)


def render_posters(request, campaign, places):
    sheets = []
    for place in places:
        url = posters.poster_url(campaign, place)
        sheets.append({"neighbourhood": place, "url": url, "svg": qr.qr_svg(url, scale=12)})
    back = reverse("reach_posters") + f"?campaign={campaign.pk}"
    context = {"campaign": campaign, "sheets": sheets, "back": back}
    return render(request, "campaigns/reach_poster.html", context)
