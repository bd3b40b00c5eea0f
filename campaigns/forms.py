"""Form fields and forms residents fill in."""

from django import forms
from django.utils.translation import gettext_lazy as _

from campaigns.models import Neighbourhood


class NeighbourhoodChoiceField(forms.ModelChoiceField):
    """A neighbourhood drop-down grouped by town."""

    def __init__(self, **kwargs):
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

    class iterator(forms.models.ModelChoiceIterator):  # noqa: N801 (Django's attribute name)
        def __iter__(self):
            if self.field.empty_label is not None:
                yield ("", self.field.empty_label)
            groups = {}
            for neighbourhood in self.queryset:
                groups.setdefault(neighbourhood.town.name, []).append(self.choice(neighbourhood))
            yield from groups.items()


class NeighbourhoodForm(forms.Form):
    neighbourhood = NeighbourhoodChoiceField()
    next = forms.CharField(required=False, widget=forms.HiddenInput)
