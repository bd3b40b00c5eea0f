"""The read-only reach API for the county's digital city-management platform (DESIGN §6–§7).

Every figure goes through reach.suppress, as on the admin report; a suppressed figure is null and
named in the row's "suppressed" list. Decimal figures are JSON numbers. campaigns/api_schema.py
describes all of it as OpenAPI and serves that description.
"""

import datetime
import functools
import re
from decimal import Decimal

from django.http import JsonResponse
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt

from campaigns import api_keys, reach
from campaigns.models import CampaignPage, Neighbourhood, Town
from home import ratelimit

RATE_LIMIT = 120  # requests per token per RATE_PERIOD seconds
RATE_PERIOD = 60
# Ids are 32-bit in the schema; a bigger number would overflow the database's integer columns.
MAX_ID = 2**31 - 1
# Three years, one of them a leap year.
MAX_DAYS = 1096
WHOLE_NUMBER = re.compile(r"[0-9]{1,10}")
ISO_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
METHODS = ("GET", "HEAD")

# (API name, Reach attribute), in the order rows list them.
FIGURES = (
    ("population", "population"),
    ("participations", "participations"),
    ("residents", "residents"),
    ("per_thousand", "per_thousand"),
    ("quiz_attempts", "quiz_attempts"),
    ("average_score", "average_score"),
    ("pledges", "pledges"),
    ("volunteer_attendees", "attendees"),
    ("volunteer_hours", "hours"),
    ("poster_visits", "visits"),
)


class BadParameter(Exception):
    """A query parameter the API cannot answer for; the message names it."""

    def __init__(self, name, message):
        super().__init__(message)
        self.name = name


# Responses


def respond(data, status=200):
    response = JsonResponse(data, status=status, json_dumps_params={"ensure_ascii": False})
    response["Cache-Control"] = "private, no-store"
    return response


def error(message, status, **extra):
    return respond({"error": message, **extra}, status=status)


def unauthorized(message):
    response = error(message, 401)
    response["WWW-Authenticate"] = 'Bearer realm="reach"'
    return response


def not_found(request, *args, **kwargs):
    return error(
        _("There is no such API address; GET /api/v1/openapi.json describes the API."), 404
    )


# Guards


def read_only(view):
    """Answer 405 to anything but GET and HEAD, without a CSRF check since nothing is written."""

    @csrf_exempt
    @functools.wraps(view)
    def wrapped(request, *args, **kwargs):
        if request.method not in METHODS:
            response = error(_("Only GET and HEAD requests are allowed."), 405)
            response["Allow"] = ", ".join(METHODS)
            return response
        return view(request, *args, **kwargs)

    return wrapped


def bearer_key(request):
    scheme, _space, key = request.headers.get("Authorization", "").partition(" ")
    return key.strip() if scheme.lower() == "bearer" else ""


def token_required(view):
    """Let through live keys within their rate limit; answer bad parameters with a 400."""

    @read_only
    @functools.wraps(view)
    def wrapped(request, *args, **kwargs):
        key = bearer_key(request)
        if not key:
            return unauthorized(_("Send the API key as “Authorization: Bearer <key>”."))
        token = api_keys.authenticate(key)
        if token is None:
            return unauthorized(_("This API key is not valid or has been revoked."))
        if not ratelimit.hit("reach-api", token.pk, RATE_LIMIT, RATE_PERIOD):
            response = error(_("Too many requests with this key. Please wait a minute."), 429)
            response["Retry-After"] = str(RATE_PERIOD)
            return response
        try:
            return view(request, *args, **kwargs)
        except BadParameter as exc:
            return error(str(exc), 400, parameter=exc.name)

    return wrapped


# Parameters


def whole_number(request, name):
    value = request.GET.get(name, "")
    if not value:
        return None
    if not WHOLE_NUMBER.fullmatch(value) or not 1 <= int(value) <= MAX_ID:
        message = _("%(name)s must be a whole number from 1 to %(max)d.")
        raise BadParameter(name, message % {"name": name, "max": MAX_ID})
    return int(value)


def day(request, name):
    value = request.GET.get(name, "")
    if not value:
        return None
    if ISO_DATE.fullmatch(value):
        try:
            return datetime.date.fromisoformat(value)
        except ValueError:
            pass
    raise BadParameter(name, _("%(name)s must be a date written YYYY-MM-DD.") % {"name": name})


def scope_from(request):
    """Read the report's scope from the query string, raising BadParameter for what cannot be."""
    campaign, town = whole_number(request, "campaign"), whole_number(request, "town")
    if campaign and not live_campaigns().filter(pk=campaign).exists():
        message = _(
            "campaign %(id)d is not a published campaign; GET /api/v1/campaigns/ lists them."
        )
        raise BadParameter("campaign", message % {"id": campaign})
    if town and not Town.objects.filter(pk=town).exists():
        message = _("town %(id)d does not exist; GET /api/v1/neighbourhoods/ lists the towns.")
        raise BadParameter("town", message % {"id": town})
    start, end = day(request, "start"), day(request, "end")
    if start and end and start > end:
        raise BadParameter("start", _("start must not be after end."))
    if start and end and (end - start).days >= MAX_DAYS:
        message = _("The range from start to end may span at most %(days)d days.")
        raise BadParameter("end", message % {"days": MAX_DAYS})
    return reach.Scope(campaign=campaign, start=start, end=end, town=town)


def live_campaigns():
    return CampaignPage.objects.live().public()


# Shaping


def number(value):
    return float(value) if isinstance(value, Decimal) else value


def figures(counted):
    """Return one row's figures, suppressed as DESIGN §7 asks, under their API names.

    Rows of a table come through reach.suppress_table, which also hides a second cell where a
    lone hidden one could be worked out from the total."""
    shown = reach.suppress(counted)
    hidden = set(shown.suppressed)
    if "residents" in hidden:
        hidden.add("per_thousand")
    data = {name: number(getattr(shown, attribute)) for name, attribute in FIGURES}
    data["suppressed"] = [name for name, attribute in FIGURES if attribute in hidden]
    return data


def place(instance):
    return {"id": instance.pk, "name": instance.name}


def rolled_up_at():
    return iso(reach.watermark()[1])


def iso(value):
    return value.isoformat() if value else None


# Views


@token_required
def reach_view(request):
    scope = scope_from(request)
    rolled_up_to = rolled_up_at()
    counted = reach.report(scope)
    return respond(
        {
            "scope": {
                "campaign": scope.campaign,
                "start": iso(scope.start),
                "end": iso(scope.end),
                "town": scope.town,
            },
            "rolled_up_to": rolled_up_to,
            "county": figures(counted.county),
            "towns": [
                {**place(town), **figures(row)} for town, row in reach.suppress_table(counted.towns)
            ],
            "neighbourhoods": [
                {**place(where), "town": place(where.town), **figures(row)}
                for where, row in reach.suppress_table(counted.neighbourhoods)
            ],
        }
    )


@token_required
def campaigns_view(request):
    pages = live_campaigns().order_by("-start_date", "pk")
    return respond(
        {
            "campaigns": [
                {
                    "id": page.pk,
                    "title": page.title,
                    "theme": page.theme,
                    "start_date": iso(page.start_date),
                    "end_date": iso(page.end_date),
                    "url": page.get_full_url(request),
                }
                for page in pages
            ]
        }
    )


@token_required
def neighbourhoods_view(request):
    places = Neighbourhood.objects.select_related("town")
    return respond(
        {
            "neighbourhoods": [
                {
                    **place(where),
                    "town": place(where.town),
                    "population": where.population,
                    "households": where.households,
                }
                for where in places
            ]
        }
    )
