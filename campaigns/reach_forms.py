"""The filters of the public 文明榜 ranking."""

import re

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from campaigns.models import CampaignPage, Town


def database_id(value):
    """Return value as a row id, or None if it is not one any id column could hold."""
    # ASCII digits only: str.isdigit() also takes ² and ①, which int() refuses.
    value = str(value)
    return int(value) if re.fullmatch(r"[0-9]{1,18}", value) else None


class IdChoiceField(forms.ModelChoiceField):
    """A choice by id that refuses ids no database column holds, rather than failing on them."""

    def to_python(self, value):
        if value in self.empty_values:
            return None
        if database_id(value) is None:
            raise ValidationError(self.error_messages["invalid_choice"], code="invalid_choice")
        return super().to_python(value)


class ReachFilterForm(forms.Form):
    town = IdChoiceField(
        Town.objects.all(), required=False, label=_("Town"), empty_label=_("All towns")
    )
    campaign = IdChoiceField(
        CampaignPage.objects.none(),
        required=False,
        label=pgettext_lazy("filter", "Campaign"),
        empty_label=_("All campaigns"),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # public() reads the view restrictions when called, so per form, not once at import.
        campaigns = CampaignPage.objects.live().public().order_by("-start_date")
        self.fields["campaign"].queryset = campaigns
