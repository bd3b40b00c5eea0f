"""Form fields and forms residents fill in."""

import re

from django import forms
from django.conf import settings
from django.forms.utils import flatatt
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminModelForm

from campaigns.models import Neighbourhood, PledgePage, PledgeSignature
from campaigns.residents import (
    known_neighbourhood,
    neighbourhood_directory,
    normalise_phone,
    participant_key,
)
from campaigns.roles import neighbourhoods_for

NAME = re.compile(r"[\u3400-\u9fffA-Za-z][\u3400-\u9fffA-Za-z·• .'-]*")


def option_tags(choices, selected):
    """Return the <option> and <optgroup> tags of choices, marking those whose value is selected.

    Written in Python: a few hundred neighbourhoods rendered through Django's template for each
    option took longer than the rest of a page.
    """
    tags = []
    for value, label in choices:
        if isinstance(label, list | tuple):
            # Towns and their neighbourhoods are names in Chinese, whatever the interface speaks.
            group = '<optgroup label="{}" lang="{}">'
            tags.append(format_html(group, value, settings.CONTENT_LANGUAGE))
            tags.extend(option_tags(label, selected))
            tags.append("</optgroup>")
        else:
            mark = " selected" if str(value) in selected else ""
            tags.append(format_html('<option value="{}"{}>{}</option>', value, mark, label))
    return mark_safe("".join(tags))  # noqa: S308 (every part went through format_html)


class NeighbourhoodSelect(forms.Select):
    """A drop-down rendered as Django's Select renders it, without a template per option."""

    def render(self, name, value, attrs=None, renderer=None):
        attributes = flatatt(self.build_attrs(self.attrs, attrs))
        options = option_tags(self.choices, set(self.format_value(value)))
        return format_html('<select name="{}"{}>{}</select>', name, attributes, options)


class NeighbourhoodChoiceField(forms.ModelChoiceField):
    """A neighbourhood drop-down grouped by town, listed and checked against the cached directory
    unless the form narrows the queryset."""

    widget = NeighbourhoodSelect

    def __init__(self, **kwargs):
        self.from_directory = "queryset" not in kwargs
        kwargs.setdefault("queryset", Neighbourhood.objects.select_related("town"))
        kwargs.setdefault("label", _("Your neighbourhood"))
        kwargs.setdefault("empty_label", _("Choose your neighbourhood"))
        kwargs.setdefault(
            "error_messages",
            {
                "required": _("Please choose your neighbourhood."),
                "invalid_choice": _("Please choose your neighbourhood from the list."),
            },
        )
        super().__init__(**kwargs)

    def to_python(self, value):
        if not (self.from_directory and isinstance(value, str)) or value in self.empty_values:
            return super().to_python(value)
        try:
            found = known_neighbourhood(int(value))
        except (TypeError, ValueError):
            found = None
        if found is None:
            raise forms.ValidationError(
                self.error_messages["invalid_choice"],
                code="invalid_choice",
                params={"value": value},
            )
        return found

    class iterator(forms.models.ModelChoiceIterator):  # noqa: N801 (Django's attribute name)
        def __iter__(self):
            if self.field.empty_label is not None:
                yield ("", self.field.empty_label)
            groups = {}
            listed = neighbourhood_directory() if self.field.from_directory else self.queryset
            for neighbourhood in listed:
                groups.setdefault(neighbourhood.town.name, []).append(self.choice(neighbourhood))
            yield from groups.items()


class NeighbourhoodForm(forms.Form):
    neighbourhood = NeighbourhoodChoiceField()
    next = forms.CharField(required=False, widget=forms.HiddenInput)


class PhoneField(forms.CharField):
    """A mainland mobile number, normalised to its eleven digits."""

    def __init__(self, **kwargs):
        kwargs.setdefault("label", _("Mobile number"))
        kwargs.setdefault("max_length", 20)
        kwargs.setdefault("error_messages", {"required": _("Please enter your mobile number.")})
        kwargs.setdefault(
            "widget", forms.TextInput(attrs={"inputmode": "tel", "autocomplete": "tel"})
        )
        super().__init__(**kwargs)

    def clean(self, value):
        return normalise_phone(super().clean(value))


class ResidentNameField(forms.CharField):
    """A resident's name as they write it: Chinese or Latin letters, a dot between parts."""

    def __init__(self, **kwargs):
        kwargs.setdefault("label", _("Your name"))
        kwargs.setdefault("max_length", 20)
        kwargs.setdefault(
            "error_messages",
            {
                "required": _("Please enter your name."),
                "max_length": _("Please enter a name of at most 20 characters."),
            },
        )
        kwargs.setdefault("widget", forms.TextInput(attrs={"autocomplete": "name"}))
        super().__init__(**kwargs)

    def clean(self, value):
        name = super().clean(value)
        if not NAME.fullmatch(name):
            raise forms.ValidationError(
                _("Please write your name in Chinese or Latin letters only."), code="invalid_name"
            )
        return name


class PledgeForm(forms.Form):
    name = ResidentNameField()
    neighbourhood = NeighbourhoodChoiceField()
    phone = PhoneField(
        help_text=_("Used only so that each resident is counted once. It is never shown.")
    )
    hide_name = forms.BooleanField(
        label=_("Do not show my name in the public list of signers"), required=False
    )
    consent = forms.BooleanField(
        error_messages={"required": _("Please tick the box to agree before signing.")}
    )
    # Left empty by people; filled in by bots that fill every field.
    website = forms.CharField(
        required=False,
        label=_("Leave this field empty"),
        widget=forms.TextInput(attrs={"tabindex": "-1", "autocomplete": "off"}),
    )

    def __init__(self, *args, pledge, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["consent"].label = pledge.consent_wording

    def is_spam(self):
        return bool(self.cleaned_data.get("website"))


class AssistedSignatureForm(WagtailAdminModelForm):
    """A committee enters one signature from a paper pledge sheet of its own neighbourhood."""

    pledge = forms.ModelChoiceField(queryset=PledgePage.objects.live(), label=_("Pledge"))
    phone = PhoneField()
    paper_consent = forms.BooleanField(
        label=_("The resident signed the paper sheet, including its consent statement"),
        error_messages={"required": _("Only enter sheets the resident signed themselves.")},
    )

    def __init__(self, *args, for_user=None, **kwargs):
        super().__init__(*args, for_user=for_user, **kwargs)
        self.fields["neighbourhood"].queryset = neighbourhoods_for(for_user)

    # The number signed already in a neighbourhood this user does not see (DESIGN §7): the
    # entry is answered as a first signature would be, and not counted twice.
    counted_elsewhere = False

    def clean(self):
        data = super().clean()
        if data.get("pledge") and data.get("phone"):
            key = participant_key(data["phone"])
            # One signature per number and pledge: where it was signed, if it was.
            signed_in = (
                data["pledge"]
                .signatures.filter(participant=key)
                .values_list("neighbourhood_id", flat=True)
                .first()
            )
            if signed_in is not None:
                if neighbourhoods_for(self.for_user).filter(pk=signed_in).exists():
                    self.add_error("phone", _("This mobile number has already signed this pledge."))
                else:
                    self.counted_elsewhere = True
        return data

    def save(self, commit=True):
        from campaigns.pledges import sign_pledge

        data = self.cleaned_data
        if self.counted_elsewhere:
            self.instance = PledgeSignature(
                pledge=data["pledge"], name=data["name"], neighbourhood=data["neighbourhood"]
            )
            return self.instance
        signature = sign_pledge(
            data["pledge"],
            name=data["name"],
            neighbourhood=data["neighbourhood"],
            phone=data["phone"],
            hide_name=data["hide_name"],
            entered_by=self.for_user,
        )
        self.instance = signature or data["pledge"].signatures.get(
            participant=participant_key(data["phone"])
        )
        return self.instance
