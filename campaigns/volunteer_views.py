"""Views residents use for volunteering: sign up, cancel through a private link, check in."""

from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_http_methods

from campaigns import volunteering
from campaigns.models import VolunteerEventPage, VolunteerSignup
from campaigns.residents import remember_neighbourhood, remembered_neighbourhood_id
from campaigns.volunteer_forms import CheckInForm, VolunteerSignupForm
from home.pages import visible_page_or_404
from home.ratelimit import client_ip, hit, too_many_requests

# A neighbourhood event may see a few hundred residents sign up from one shared address.
LIMIT_PER_ADDRESS = (600, 600)
LIMIT_PER_PHONE = (5, 3600)
CHECKIN_LIMIT_PER_PHONE = (10, 3600)
CLOSED_MESSAGE = _("Sign-ups for this activity have closed.")
CHECKIN_MESSAGES = {
    "closed": _(
        "Sign-in for this activity is open only from an hour before it starts "
        "until an hour after it ends."
    ),
    "not_signed_up": _(
        "This mobile number has no confirmed place at this activity. "
        "Please ask the committee staff on site."
    ),
    "already_out": _("You have already signed in and out of this activity. Thank you!"),
}
CHECKIN_DONE = {
    "in": _("You are signed in. Remember to sign out here when you leave."),
    "out": _("You are signed out. Thank you for volunteering!"),
}


def event_context(request, event, form=None):
    """Return what the activity page shows: places left and the sign-up form."""
    confirmed = volunteering.confirmed_count(event)
    initial = {"neighbourhood": remembered_neighbourhood_id(request)}
    return {
        "places_left": max(0, event.capacity - confirmed),
        "form": form or VolunteerSignupForm(event=event, initial=initial),
        "signed_up": request.GET.get("signed") == "1",
    }


def message(request, text, status):
    return render(request, "home/message.html", {"message": text}, status=status)


def sign_up(request, event_id):
    """Take a sign-up; posted here directly rather than through Wagtail's page routing."""
    event = visible_page_or_404(VolunteerEventPage, event_id, request)
    if request.method != "POST":
        return redirect(event.url)
    if not event.open_for_signups:
        return message(request, CLOSED_MESSAGE, 403)
    if not hit("volunteer", client_ip(request), *LIMIT_PER_ADDRESS):
        return too_many_requests(request)
    form = VolunteerSignupForm(request.POST, event=event)
    if not form.is_valid():
        context = {"page": event, "self": event, **event_context(request, event, form)}
        return render(request, "campaigns/volunteer_event_page.html", context, status=400)
    data = form.cleaned_data
    if not hit("volunteer-phone", data["phone"], *LIMIT_PER_PHONE):
        return too_many_requests(request)
    if not form.is_spam():
        volunteering.sign_up(
            event, name=data["name"], neighbourhood=data["neighbourhood"], phone=data["phone"]
        )
    # A first and a repeat sign-up get the same answer; the private details go by text message.
    # The thank-you is in the address, not the session: the page cache keys on the whole address,
    # so the page without it, which others get, never shows it.
    response = redirect(event.url + "?signed=1#thanks")
    remember_neighbourhood(response, data["neighbourhood"])
    return response


@require_http_methods(["GET", "POST"])
def cancel(request, token):
    """Show, then take, a cancellation through the private link sent to the volunteer."""
    signup = get_object_or_404(VolunteerSignup.objects.select_related("event"), cancel_token=token)
    if request.method == "POST":
        if not hit("volunteer-cancel", client_ip(request), *LIMIT_PER_ADDRESS):
            return too_many_requests(request)
        volunteering.cancel(signup)
        return redirect(reverse("volunteer_cancel", args=[token]) + "#cancelled")
    return render(request, "campaigns/volunteer_cancel.html", {"signup": signup})


@require_http_methods(["GET", "POST"])
def check_in(request, token):
    """Sign a volunteer in, and later out, on the page the activity's QR code opens."""
    event = VolunteerEventPage.objects.live().filter(checkin_token=token).first()
    if event is None:
        raise Http404
    if not volunteering.checkin_open(event):
        return render_check_in(request, event, None, CHECKIN_MESSAGES["closed"], status=403)
    form = CheckInForm(request.POST or None)
    if request.method != "POST":
        done = CHECKIN_DONE.get(request.GET.get("done"), "")
        return render_check_in(request, event, form, done)
    if not hit("checkin", client_ip(request), *LIMIT_PER_ADDRESS):
        return too_many_requests(request)
    if not form.is_valid():
        return render_check_in(request, event, form, "", status=400)
    if not hit("checkin-phone", form.cleaned_data["phone"], *CHECKIN_LIMIT_PER_PHONE):
        return too_many_requests(request)
    try:
        direction, _signup = volunteering.check_in_or_out(event, form.cleaned_data["phone"])
    except volunteering.CheckInRefused as refused:
        status = 403 if refused.code == "closed" else 409
        return render_check_in(request, event, form, CHECKIN_MESSAGES[refused.code], status=status)
    return redirect(f"{request.path}?done={direction}#notice")


def render_check_in(request, event, form, notice, status=200):
    context = {"event": event, "form": form, "notice": notice}
    return render(request, "campaigns/volunteer_check_in.html", context, status=status)
