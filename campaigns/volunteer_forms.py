"""Forms for volunteering: residents sign up and check in, committees enter and correct hours."""

from decimal import Decimal

from django import forms
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminModelForm

from campaigns import volunteering
from campaigns.forms import NeighbourhoodChoiceField, PhoneField, ResidentNameField
from campaigns.models import VolunteerEventPage
from campaigns.roles import neighbourhoods_for

HOURS_ERRORS = {
    "required": _("Please enter the hours served."),
    "invalid": _("Enter the hours as a number, such as 2 or 1.5."),
    "min_value": _("Enter a number of hours greater than zero."),
    "max_value": _("Enter at most 24 hours."),
    "max_digits": _("Enter the hours as a number, such as 2 or 1.5."),
    "max_decimal_places": _("Enter the hours to one decimal place, such as 1.5."),
}


class HoursField(forms.DecimalField):
    """Volunteer hours to a tenth, between a tenth and a day."""

    def __init__(self, **kwargs):
        kwargs.setdefault("label", _("Hours"))
        super().__init__(
            min_value=Decimal("0.1"),
            max_value=Decimal(24),
            max_digits=4,
            decimal_places=1,
            error_messages=HOURS_ERRORS,
            **kwargs,
        )


class VolunteerSignupForm(forms.Form):
    name = ResidentNameField()
    neighbourhood = NeighbourhoodChoiceField()
    phone = PhoneField(
        help_text=_(
            "The committee uses it to reach you about this activity; it is never shown publicly."
        )
    )
    consent = forms.BooleanField(
        error_messages={"required": _("Please tick the box to agree before signing up.")}
    )
    website = forms.CharField(
        required=False,
        label=_("Leave this field empty"),
        widget=forms.TextInput(attrs={"tabindex": "-1", "autocomplete": "off"}),
    )

    def __init__(self, *args, event, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["consent"].label = event.consent_wording

    def is_spam(self):
        return bool(self.cleaned_data.get("website"))


class CheckInForm(forms.Form):
    phone = PhoneField(help_text=_("The mobile number you signed up with."))


def committee_events(user):
    """Return the activities whose sign-ups the user may manage."""
    return VolunteerEventPage.objects.filter(neighbourhood__in=neighbourhoods_for(user)).order_by(
        "-starts_at"
    )


NOT_STARTED = _(
    "This activity has not started yet: attendance and hours can be entered once it has begun."
)


CANCELLED = _("This activity was cancelled: no attendance can be entered for it.")


def refuse_unless_held(event):
    """Raise the committee's error if the activity has not begun or was cancelled."""
    if event is None:
        return
    if event.status == VolunteerEventPage.Status.CANCELLED:
        raise forms.ValidationError(CANCELLED, code="cancelled")
    if not volunteering.hours_may_be_recorded(event):
        raise forms.ValidationError(NOT_STARTED, code="not_started")


class PaperAttendanceForm(WagtailAdminModelForm):
    """A committee enters one line of a paper sign-in sheet for one of its activities."""

    event = forms.ModelChoiceField(queryset=VolunteerEventPage.objects.none(), label=_("Activity"))
    name = ResidentNameField()
    phone = PhoneField()
    hours = HoursField()
    paper_consent = forms.BooleanField(
        label=_("The volunteer signed the paper sheet, including its consent statement"),
        error_messages={"required": _("Only enter sheets the volunteer signed themselves.")},
    )

    def __init__(self, *args, for_user=None, **kwargs):
        super().__init__(*args, for_user=for_user, **kwargs)
        self.fields["event"].queryset = committee_events(for_user)

    def clean_event(self):
        event = self.cleaned_data["event"]
        refuse_unless_held(event)
        return event

    def save(self, commit=True):
        data = self.cleaned_data
        self.instance = volunteering.enter_paper_attendance(
            data["event"],
            name=data["name"],
            neighbourhood=data["neighbourhood"],
            phone=data["phone"],
            hours=data["hours"],
            entered_by=self.for_user,
        )
        return self.instance


class AttendanceCorrectionForm(WagtailAdminModelForm):
    """A committee corrects a volunteer's sign-in, sign-out and hours."""

    hours = HoursField(required=False, help_text=_("Leave empty if the volunteer did not come."))

    def clean(self):
        refuse_unless_held(self.instance.event)
        return super().clean()

    def save(self, commit=True):
        signup = super().save(commit=False)
        signup.save(update_fields=["checked_in_at", "checked_out_at"])
        return volunteering.correct_attendance(
            signup, hours=self.cleaned_data["hours"], corrected_by=self.for_user
        )
