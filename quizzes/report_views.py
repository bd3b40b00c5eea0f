"""Admin report views on quizzes, exported to XLSX and CSV with Wagtail's report export."""

from dataclasses import dataclass

import django_filters
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404
from django.urls import path, reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.ui.tables import Column, TitleColumn
from wagtail.admin.views.reports import ReportView
from wagtail.permission_policies.pages import PagePermissionPolicy

from campaigns.models import Neighbourhood
from home.exports import OfficeExportMixin
from quizzes import reports
from quizzes.models import Attempt, QuizPage

EDIT_ACTIONS = ["change", "publish"]


class FigureColumn(Column):
    empty_value_display = "—"


class QuizReportMixin(OfficeExportMixin):
    header_icon = "help"
    permission_policy = PagePermissionPolicy()
    any_permission_required = EDIT_ACTIONS


@dataclass(frozen=True)
class QuizResult:
    quiz: QuizPage
    summary: reports.Summary


class QuizResultsView(QuizReportMixin, ReportView):
    page_title = _("Quiz results")
    index_url_name = "quizzes_reports:index"
    index_results_url_name = "quizzes_reports:index_results"
    export_filename = "quiz-results"
    columns = [
        TitleColumn(
            "title",
            label=_("Quiz"),
            accessor="quiz.title",
            get_url=lambda row: reverse("quizzes_reports:quiz", args=[row.quiz.pk]),
        ),
        Column("attempts", label=_("Attempts"), accessor="summary.attempts"),
        FigureColumn("average", label=_("Average score (%)"), accessor="summary.average_score"),
        FigureColumn("pass_rate", label=_("Pass rate (%)"), accessor="summary.pass_rate"),
    ]
    list_export = ["quiz.title", "summary.attempts", "summary.average_score", "summary.pass_rate"]
    export_headings = {
        "quiz.title": _("Quiz"),
        "summary.attempts": _("Attempts"),
        "summary.average_score": _("Average score (%)"),
        "summary.pass_rate": _("Pass rate (%)"),
    }

    def get_queryset(self):
        editable = self.permission_policy.instances_user_has_any_permission_for(
            self.request.user, EDIT_ACTIONS
        )
        quizzes = list(QuizPage.objects.filter(pk__in=editable.values("pk")).order_by("title"))
        summaries = reports.quiz_summaries(quizzes)
        return [QuizResult(quiz, summaries[quiz.pk]) for quiz in quizzes]


class QuizReportFilterSet(WagtailFilterSet):
    neighbourhood = django_filters.ModelChoiceFilter(
        queryset=Neighbourhood.objects.select_related("town"),
        label=_("Neighbourhood"),
        empty_label=_("Whole county"),
    )
    breakdown = django_filters.ChoiceFilter(
        choices=[("neighbourhood", _("One row per question and neighbourhood"))],
        label=_("Rows"),
        empty_label=_("One row per question"),
    )

    class Meta:
        model = Attempt
        fields = []


class QuizReportView(QuizReportMixin, ReportView):
    results_template_name = "quizzes/admin/quiz_report_results.html"
    filterset_class = QuizReportFilterSet
    paginate_by = 100
    columns = [
        Column("question", label=_("Question"), accessor="question.text"),
        Column("citation", label=_("Source")),
        Column("place", label=_("Neighbourhood")),
        Column("answered", label=_("Answered"), accessor="answered_display"),
        FigureColumn("correct_share", label=_("Answered correctly (%)")),
        FigureColumn("wrong_answer", label=_("Most chosen wrong answer")),
        FigureColumn("wrong_share", label=_("Chose it (%)")),
    ]
    list_export = [
        "question.text",
        "question.kind",
        "citation",
        "place",
        "answered_display",
        "correct_share",
        "wrong_answer",
        "wrong_share",
    ]
    export_headings = {
        "question.text": _("Question"),
        "question.kind": _("Kind"),
        "citation": _("Source"),
        "place": _("Neighbourhood"),
        "answered_display": _("Answered"),
        "correct_share": _("Answered correctly (%)"),
        "wrong_answer": _("Most chosen wrong answer"),
        "wrong_share": _("Chose it (%)"),
    }

    def setup(self, request, *args, **kwargs):
        super().setup(request, *args, **kwargs)
        self.quiz = get_object_or_404(QuizPage, pk=kwargs["pk"])

    def dispatch(self, request, *args, **kwargs):
        if not self.quiz.permissions_for_user(request.user).can_edit():
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_page_title(self):
        return _("Quiz results: %(title)s") % {"title": self.quiz.title}

    def get_index_url(self):
        return reverse("quizzes_reports:quiz", args=[self.quiz.pk])

    def get_index_results_url(self):
        return reverse("quizzes_reports:quiz_results", args=[self.quiz.pk])

    def get_filename(self):
        return f"quiz-{self.quiz.pk}-results"

    @cached_property
    def options(self):
        data = self.filters.form.cleaned_data if self.filters.is_valid() else {}
        return {
            "neighbourhood": data.get("neighbourhood"),
            "by_neighbourhood": data.get("breakdown") == "neighbourhood",
        }

    def get_queryset(self):
        return reports.question_rows(self.quiz, **self.options)

    def filter_queryset(self, queryset):
        # The rows were computed from the filters already.
        return queryset

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["quiz"] = self.quiz
        context["summary"] = reports.quiz_summary(self.quiz, self.options["neighbourhood"])
        context["neighbourhoods"] = reports.neighbourhood_summaries(self.quiz)
        context["min_cell"] = reports.MIN_CELL
        return context


urlpatterns = [
    path("", QuizResultsView.as_view(), name="index"),
    path("results/", QuizResultsView.as_view(results_only=True), name="index_results"),
    path("<int:pk>/", QuizReportView.as_view(), name="quiz"),
    path("<int:pk>/results/", QuizReportView.as_view(results_only=True), name="quiz_results"),
]
