"""Admin wiring: the question bank, the daily questions and the quiz reports."""

import django_filters
from django.contrib import messages
from django.db.models import Q
from django.shortcuts import redirect
from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _
from taggit.models import Tag
from wagtail import hooks
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.tables import Column
from wagtail.admin.widgets import Button
from wagtail.permission_policies.pages import PagePermissionPolicy
from wagtail.search.backends import get_search_backend
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import IndexView, SnippetViewSet, SnippetViewSetGroup

from campaigns.choosers import SafeChooserViewSet
from home.chinese import segment
from quizzes import report_views
from quizzes.models import DailyQuestion, Question, QuizPage

SEARCH_LIMIT = 500


def question_topics(request):
    return Tag.objects.filter(quizzes_questiontag_items__isnull=False).distinct().order_by("name")


class QuestionFilterSet(WagtailFilterSet):
    tags = django_filters.ModelChoiceFilter(
        queryset=question_topics, label=_("Topic"), distinct=True
    )


class QuestionIndexView(IndexView):
    base_filterset_class = QuestionFilterSet

    def search_queryset(self, queryset):
        # Questions are indexed as jieba-segmented text, so the query is segmented alike.
        if not self.is_searching:
            return queryset
        words = segment(self.search_query)
        found = get_search_backend().search(" ".join(words), Question, operator="and")
        return queryset.filter(pk__in=[q.pk for q in found[:SEARCH_LIMIT]] if words else [])


class QuestionViewSet(SnippetViewSet):
    chooser_viewset_class = SafeChooserViewSet
    model = Question
    icon = "help"
    menu_label = _("Question bank")
    index_view_class = QuestionIndexView
    list_display = [
        "__str__",
        "kind",
        "difficulty",
        Column("citation", label=_("Source"), accessor=lambda q: q.citation()),
        Column(
            "topics", label=_("Topics"), accessor=lambda q: "、".join(t.name for t in q.tags.all())
        ),
    ]
    list_filter = ["kind", "difficulty", "regulation"]

    def get_queryset(self, request):
        return Question.objects.select_related("regulation").prefetch_related("tags")


class DailyQuestionViewSet(SnippetViewSet):
    chooser_viewset_class = SafeChooserViewSet
    model = DailyQuestion
    icon = "date"
    menu_label = _("Daily questions")
    list_display = ["date", "question"]
    ordering = ["-date"]

    def get_queryset(self, request):
        return DailyQuestion.objects.select_related("question")


class QuizzesViewSetGroup(SnippetViewSetGroup):
    items = (QuestionViewSet, DailyQuestionViewSet)
    menu_icon = "help"
    menu_label = _("Quizzes")
    menu_name = "quizzes"


register_snippet(QuizzesViewSetGroup)


class QuizResultsMenuItem(MenuItem):
    def is_shown(self, request):
        return PagePermissionPolicy().user_has_any_permission(
            request.user, report_views.EDIT_ACTIONS
        )


@hooks.register("register_admin_urls")
def register_quiz_report_urls():
    return [path("quizzes/reports/", include((report_views.urlpatterns, "quizzes_reports")))]


@hooks.register("register_reports_menu_item")
def register_quiz_results_menu_item():
    return QuizResultsMenuItem(
        _("Quiz results"),
        reverse("quizzes_reports:index"),
        name="quiz-results",
        icon_name="help",
        order=300,
    )


@hooks.register("before_delete_snippet")
def keep_answered_questions(request, instances):
    # Reports and results are built from residents' answers; their questions must stay.
    questions = [item for item in instances if isinstance(item, Question)]
    answered = Question.objects.filter(pk__in=[q.pk for q in questions]).filter(
        Q(answers__isnull=False) | Q(daily_dates__isnull=False)
    )
    if answered.exists():
        messages.error(
            request,
            _(
                "Residents have answered this question, so it cannot be deleted. "
                "Take it off the quizzes that use it instead."
            ),
        )
        return redirect(Question.snippet_viewset.get_url_name("list"))
    return None


@hooks.register("register_page_listing_more_buttons")
def quiz_results_button(page, user, next_url=None):
    if page.specific_class is QuizPage and page.permissions_for_user(user).can_edit():
        yield Button(
            _("Results"),
            reverse("quizzes_reports:quiz", args=[page.pk]),
            icon_name="help",
            priority=45,
        )
