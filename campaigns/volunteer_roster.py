"""The committee's roster of an activity: tick who came, with hours prefilled, saved in one go."""

from django import forms
from django.http import HttpResponseForbidden
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail.admin import messages

from campaigns import volunteering
from campaigns.models import VolunteerSignup
from campaigns.qr import own_event
from campaigns.roles import OwnEventPolicy
from campaigns.volunteer_forms import HoursField, refuse_unless_held

policy = OwnEventPolicy(VolunteerSignup)


class RosterForm(forms.Form):
    """A line per volunteer with a place: whether they came, and the hours to credit them."""

    def __init__(self, *args, event, signups, **kwargs):
        super().__init__(*args, **kwargs)
        self.event, self.signups = event, signups
        for signup in signups:
            self.fields[f"came-{signup.pk}"] = forms.BooleanField(
                required=False, initial=signup.hours is not None, label=signup.name
            )
            self.fields[f"hours-{signup.pk}"] = HoursField(
                required=False,
                initial=signup.hours or event.credited_hours,
                label=gettext_lazy("Hours"),
            )

    def clean(self):
        refuse_unless_held(self.event)
        for signup in self.signups:
            field = f"hours-{signup.pk}"
            came, hours = self.cleaned_data.get(f"came-{signup.pk}"), self.cleaned_data.get(field)
            if field in self.errors or not came:
                continue
            if hours is None:
                self.add_error(field, _("Please enter the hours served."))
            elif hours > self.event.credited_hours:
                most = {"hours": self.event.credited_hours}
                self.add_error(field, _("This activity credits at most %(hours)s hours.") % most)
        return self.cleaned_data

    def lines(self):
        """Yield each volunteer whose hours differ from those recorded, with the new hours."""
        for signup in self.signups:
            came = self.cleaned_data[f"came-{signup.pk}"]
            hours = self.cleaned_data[f"hours-{signup.pk}"] if came else None
            if hours != signup.hours:
                yield signup, hours

    def rows(self):
        for signup in self.signups:
            yield signup, self[f"came-{signup.pk}"], self[f"hours-{signup.pk}"]


@own_event
def roster(request, event):
    """Show the activity's confirmed volunteers and save who came and for how long."""
    if not policy.user_has_permission(request.user, "change"):
        return HttpResponseForbidden(_("You may not record attendance."))
    signups = list(
        event.signups.filter(status=VolunteerSignup.Status.CONFIRMED).order_by("signed_up_at")
    )
    form = RosterForm(request.POST or None, event=event, signups=signups)
    if request.method == "POST" and form.is_valid():
        saved = volunteering.record_roster(list(form.lines()), corrected_by=request.user)
        if saved:
            done = _("Attendance saved for %(count)s volunteers.") % {"count": len(saved)}
            messages.success(request, done)
        else:
            messages.info(request, _("Nothing had changed, so nothing was saved."))
        return redirect("volunteer_roster", event.pk)
    context = {
        "event": event,
        "form": form,
        "page_title": _("Attendance roster"),
        "page_subtitle": event.title,
        "header_icon": "group",
        "paper_url": reverse("wagtailsnippets_campaigns_volunteersignup:add"),
    }
    status = 400 if form.is_bound else 200
    return render(request, "campaigns/admin/volunteer_roster.html", context, status=status)
