"""Admin forms that check a question's choices and a quiz's questions before they are saved."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminModelForm, WagtailAdminPageForm


def kept_rows(formset):
    """Return the cleaned data of the formset's rows that are not being deleted."""
    if not formset.is_valid():
        return None
    return [
        form.cleaned_data
        for form in formset.forms
        if form.cleaned_data and not form.cleaned_data.get("DELETE")
    ]


class QuestionForm(WagtailAdminModelForm):
    def clean(self):
        from quizzes.models import validate_choices

        cleaned = super().clean()
        rows = kept_rows(self.formsets["choices"])
        if rows is not None and cleaned.get("kind"):
            choices = [(row["text"], row.get("is_correct", False)) for row in rows]
            try:
                validate_choices(cleaned["kind"], choices)
            except ValidationError as error:
                self.add_error(None, error)
        return cleaned


class QuizPageForm(WagtailAdminPageForm):
    def clean(self):
        cleaned = super().clean()
        if cleaned.get("selection") == "random":
            self.clean_draw(cleaned)
        else:
            self.clean_fixed_list()
        opens, closes = cleaned.get("opens_at"), cleaned.get("closes_at")
        if opens and closes and closes <= opens:
            self.add_error("closes_at", _("A quiz must close after it opens."))
        return cleaned

    def clean_fixed_list(self):
        rows = kept_rows(self.formsets["quiz_questions"])
        if rows is None:
            return
        questions = [row["question"].pk for row in rows if row.get("question")]
        if not questions:
            self.add_error(None, _("Add at least one question to the fixed list."))
        elif len(set(questions)) != len(questions):
            self.add_error(None, _("A question appears twice in the fixed list."))

    def clean_draw(self, cleaned):
        from quizzes.models import Question

        count, tags = cleaned.get("draw_count"), cleaned.get("draw_tags") or []
        if not count:
            self.add_error("draw_count", _("Say how many questions to draw."))
        if not tags:
            self.add_error("draw_tags", _("Choose at least one topic to draw from."))
        if not (count and tags):
            return
        available = Question.objects.filter(tags__name__in=tags).distinct().count()
        if count > available:
            self.add_error(
                "draw_count",
                _("Only %(available)s questions have these topics.") % {"available": available},
            )
