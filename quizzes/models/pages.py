"""Quiz pages: the quiz index under home, and quizzes under a campaign or the index."""

from django import forms
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey
from taggit.models import TaggedItemBase
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Orderable, Page

from home.actions import ResidentActionPage
from home.search import SegmentedSearchMixin
from quizzes.admin_forms import QuizPageForm

MAX_DRAW = 50


class QuizIndexPage(Page):
    intro = RichTextField(_("introduction"), blank=True)

    content_panels = Page.content_panels + [FieldPanel("intro")]
    parent_page_types = ["home.HomePage"]
    subpage_types = ["quizzes.QuizPage"]
    max_count = 1

    # Names the section in the menu and home tiles when the interface is not Chinese.
    menu_label = _("Quizzes")

    class Meta:
        verbose_name = _("quiz index")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        # Campaign quizzes live under their campaign; the index lists every quiz on the site.
        context["quizzes"] = QuizPage.objects.live().public().order_by("-first_published_at")
        return context


class QuizDrawTag(TaggedItemBase):
    content_object = ParentalKey(
        "QuizPage", on_delete=models.CASCADE, related_name="draw_tagged_items"
    )


class QuizPage(SegmentedSearchMixin, ResidentActionPage, Page):
    action_label = _("Take the quiz")

    class Selection(models.TextChoices):
        FIXED = "fixed", _("A fixed list of questions")
        RANDOM = "random", _("Questions drawn at random from topics")

    class State(models.TextChoices):
        NOT_OPEN = "not_open", _("Not open yet")
        OPEN = "open", _("Open")
        CLOSED = "closed", _("Closed")

    intro = RichTextField(_("introduction"), blank=True)
    selection = models.CharField(
        _("questions"), max_length=10, choices=Selection.choices, default=Selection.FIXED
    )
    draw_count = models.PositiveSmallIntegerField(
        _("number of questions to draw"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(MAX_DRAW)],
    )
    draw_tags = ClusterTaggableManager(
        through=QuizDrawTag,
        blank=True,
        verbose_name=_("draw from topics"),
        help_text=_("Questions with any of these topics may be drawn."),
    )
    shuffle_choices = models.BooleanField(_("shuffle the choices"), default=True)
    pass_mark = models.PositiveSmallIntegerField(
        _("pass mark (%)"), default=60, validators=[MaxValueValidator(100)]
    )
    time_limit = models.PositiveSmallIntegerField(
        _("time limit (minutes)"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(180)],
        help_text=_("Leave empty for no time limit."),
    )
    attempts_per_day = models.PositiveSmallIntegerField(
        _("attempts per resident per day"),
        null=True,
        blank=True,
        default=3,
        validators=[MinValueValidator(1), MaxValueValidator(100)],
        help_text=_("Leave empty for no limit."),
    )
    opens_at = models.DateTimeField(_("opens at"), null=True, blank=True)
    closes_at = models.DateTimeField(_("closes at"), null=True, blank=True)

    content_panels = Page.content_panels + [
        FieldPanel("intro"),
        MultiFieldPanel(
            [
                FieldPanel("selection", widget=forms.RadioSelect),
                InlinePanel("quiz_questions", label=_("Fixed list")),
                FieldRowPanel([FieldPanel("draw_count"), FieldPanel("draw_tags")]),
                FieldPanel("shuffle_choices"),
            ],
            heading=_("Questions"),
        ),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("pass_mark"), FieldPanel("time_limit")]),
                FieldPanel("attempts_per_day"),
                FieldRowPanel([FieldPanel("opens_at"), FieldPanel("closes_at")]),
            ],
            heading=_("Rules"),
        ),
    ]
    search_text_attributes = ("intro",)
    search_fields = Page.search_fields + SegmentedSearchMixin.segmented_search_fields
    parent_page_types = ["campaigns.CampaignPage", "quizzes.QuizIndexPage"]
    subpage_types = []
    base_form_class = QuizPageForm

    class Meta:
        verbose_name = _("quiz")
        verbose_name_plural = _("quizzes")

    @property
    def state(self):
        now = timezone.now()
        if self.opens_at and now < self.opens_at:
            return self.State.NOT_OPEN
        if self.closes_at and now >= self.closes_at:
            return self.State.CLOSED
        return self.State.OPEN

    def get_state_display(self):
        return self.State(self.state).label

    def question_count(self):
        """Return how many questions each attempt holds."""
        if self.selection == self.Selection.RANDOM:
            return self.draw_count or 0
        return self.quiz_questions.count()

    def campaign(self):
        """Return the campaign the quiz belongs to, or None when it sits under the quiz index."""
        from campaigns.models import CampaignPage

        return CampaignPage.above(self)

    def get_context(self, request, *args, **kwargs):
        from quizzes.views import start_context

        context = super().get_context(request, *args, **kwargs)
        context.update(start_context(request, self))
        return context

    def serve(self, request, *args, **kwargs):
        if request.method == "POST":
            from quizzes.views import start

            return start(request, self)
        return super().serve(request, *args, **kwargs)


class QuizQuestion(Orderable):
    page = ParentalKey(QuizPage, on_delete=models.CASCADE, related_name="quiz_questions")
    question = models.ForeignKey(
        "quizzes.Question",
        on_delete=models.CASCADE,
        related_name="quiz_links",
        verbose_name=_("question"),
    )

    panels = [FieldPanel("question")]

    class Meta(Orderable.Meta):
        verbose_name = _("quiz question")

    def __str__(self):
        return str(self.question)
