"""The printable QR code that opens an activity's check-in page."""

import io
from functools import wraps

import segno
from django.conf import settings
from django.http import HttpResponse, HttpResponseForbidden
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.translation import gettext as _

from campaigns.models import VolunteerEventPage
from campaigns.roles import neighbourhoods_for


def checkin_url(event):
    """Return the absolute address of the activity's check-in page."""
    path = reverse("volunteer_check_in", args=[event.checkin_token])
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/") + path


def qr_svg(url, scale=8):
    """Return an SVG QR code for url, readable from a poster on a wall."""
    buffer = io.BytesIO()
    segno.make(url, error="m").save(
        buffer, kind="svg", scale=scale, border=2, xmldecl=False, title=url
    )
    return buffer.getvalue().decode()


def own_event(view):
    """Give view the activity if it is the user's neighbourhood's; answer 403 otherwise."""

    @wraps(view)
    def wrapper(request, event_id):
        event = get_object_or_404(VolunteerEventPage, pk=event_id)
        if not neighbourhoods_for(request.user).filter(pk=event.neighbourhood_id).exists():
            # Wagtail would turn PermissionDenied into a redirect; a committee should see 403.
            return HttpResponseForbidden(_("This activity belongs to another neighbourhood."))
        return view(request, event)

    return wrapper


@own_event
def qr_code_svg(request, event):
    """Download the activity's check-in QR code as an SVG file."""
    response = HttpResponse(qr_svg(checkin_url(event)), content_type="image/svg+xml")
    response["Content-Disposition"] = f'attachment; filename="checkin-{event.pk}.svg"'
    return response


@own_event
def qr_code_poster(request, event):
    """Show a printable sheet with the activity's check-in QR code."""
    url = checkin_url(event)
    context = {"event": event, "url": url, "svg": qr_svg(url, scale=10)}
    return render(request, "campaigns/volunteer_qr_poster.html", context)
