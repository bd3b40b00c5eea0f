"""Forms residents fill in: who is answering, a quiz's answers, and the daily question."""

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from campaigns.forms import NeighbourhoodChoiceField
from campaigns.residents import normalise_phone
from quizzes.models import Question

QUESTION_PREFIX = "question-"


class OptionalPhoneField(forms.CharField):
    """A mainland mobile number, normalised to its eleven digits, or empty."""

    def __init__(self, **kwargs):
        kwargs.setdefault("label", _("Mobile number (optional)"))
        kwargs.setdefault("max_length", 20)
        kwargs.setdefault("required", False)
        kwargs.setdefault(
            "help_text",
            _(
                "Give it to be counted as one resident, however often you take part. "
                "It is kept only as a code and never shown."
            ),
        )
        kwargs.setdefault(
            "widget", forms.TextInput(attrs={"inputmode": "tel", "autocomplete": "tel"})
        )
        super().__init__(**kwargs)

    def clean(self, value):
        value = super().clean(value)
        return normalise_phone(value) if value else ""


class ResidentForm(forms.Form):
    """Who is answering: their neighbourhood and, if they like, their mobile number."""

    neighbourhood = NeighbourhoodChoiceField()
    phone = OptionalPhoneField()
    consent = forms.BooleanField(
        required=False,
        label=_("I agree that my number is kept as a code so that I am counted only once."),
    )

    def clean(self):
        data = super().clean()
        if data.get("phone") and not data.get("consent"):
            self.add_error("consent", _("Tick the box to agree, or leave the mobile number empty."))
        reject_repeated_fields(self)
        return data


def answer_field(options, kind, label):
    """Return the radio buttons or tick boxes for one question, valued by letter only."""
    multiple = kind == Question.Kind.MULTIPLE
    field_class = forms.MultipleChoiceField if multiple else forms.ChoiceField
    widget = forms.CheckboxSelectMultiple if multiple else forms.RadioSelect
    return field_class(
        label=label,
        choices=[(letter, choice.text) for letter, choice in options],
        widget=widget,
        error_messages={
            "required": _("Please answer this question."),
            "invalid_choice": _("That answer is not one of the choices. Please choose again."),
            "invalid_list": _("That answer is not one of the choices. Please choose again."),
        },
    )


def picked(options, value):
    """Return the choices whose letters were picked, in the order they were shown."""
    letters = set(value if isinstance(value, list) else [value])
    return [choice for letter, choice in options if letter in letters]


def reject_repeated_fields(form):
    """Refuse a submission that sends a field twice: browsers never do, tampering does."""
    for name, field in form.fields.items():
        values = form.data.getlist(form.add_prefix(name))
        many = isinstance(field, forms.MultipleChoiceField)
        if len(values) != len(set(values)) or (not many and len(values) > 1):
            raise ValidationError(
                _("An answer was sent twice. Please reload the page and answer again."),
                code="repeated_field",
            )


class AnswerForm(forms.Form):
    """The answers to one attempt: a field per question, named after the question."""

    def __init__(self, answers, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.answers = {f"{QUESTION_PREFIX}{answer.question_id}": answer for answer in answers}
        for name, answer in self.answers.items():
            question = answer.question
            self.fields[name] = answer_field(answer.options, question.kind, question.text)

    def clean(self):
        data = super().clean()
        foreign = [k for k in self.data if k.startswith(QUESTION_PREFIX) and k not in self.fields]
        if foreign:
            raise ValidationError(
                _("The answers name a question that is not in this quiz. Please reload the page."),
                code="foreign_question",
            )
        reject_repeated_fields(self)
        return data

    def questions(self):
        """Yield (number, answer, bound field) for the template, in the attempt's order."""
        for number, (name, answer) in enumerate(self.answers.items(), start=1):
            yield number, answer, self[name]

    def picked(self):
        """Pair each answer with the choices picked for it."""
        return [
            (answer, picked(answer.options, self.cleaned_data[name]))
            for name, answer in self.answers.items()
        ]


class DailyAnswerForm(ResidentForm):
    """An answer to the daily question, with who is answering."""

    day = forms.DateField(widget=forms.HiddenInput)

    field_order = ["answer", "neighbourhood", "phone", "consent", "day"]

    def __init__(self, daily, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.daily = daily
        question = daily.question
        self.fields["answer"] = answer_field(daily.options, question.kind, question.text)
        self.order_fields(self.field_order)

    def clean_day(self):
        if self.cleaned_data["day"] != self.daily.date:
            raise ValidationError(
                _("A new daily question has started. Please answer today's question."),
                code="stale_day",
            )
        return self.cleaned_data["day"]

    def picks(self):
        return picked(self.daily.options, self.cleaned_data["answer"])
