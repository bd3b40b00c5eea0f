"""The question bank: questions, their ordered choices and the regulation article each cites."""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.text import Truncator
from django.utils.translation import gettext_lazy as _
from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from taggit.models import TaggedItemBase
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.models import Orderable
from wagtail.search import index

from campaign_site.celery import delay_on_commit
from home.chinese import segmented
from quizzes.admin_forms import QuestionForm

MIN_CHOICES = 2
MAX_CHOICES = 6
LETTERS = "ABCDEF"


class QuestionTag(TaggedItemBase):
    content_object = ParentalKey("Question", on_delete=models.CASCADE, related_name="tagged_items")


class Question(index.Indexed, ClusterableModel):
    class Kind(models.TextChoices):
        SINGLE = "single", _("Single choice")
        MULTIPLE = "multiple", _("Multiple choice")
        TRUE_FALSE = "true_false", _("True or false")

    class Difficulty(models.IntegerChoices):
        EASY = 1, _("Easy")
        MEDIUM = 2, _("Medium")
        HARD = 3, _("Hard")

    text = models.TextField(_("question"), max_length=500)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices, default=Kind.SINGLE)
    explanation = models.TextField(
        _("explanation"), help_text=_("Shown after answering: why the right answer is right.")
    )
    regulation = models.ForeignKey(
        "campaigns.RegulationPage",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="questions",
        verbose_name=_("source regulation"),
    )
    article_number = models.PositiveSmallIntegerField(
        _("article number"),
        null=True,
        blank=True,
        help_text=_("The article (条) of the regulation that gives the answer."),
    )
    tags = ClusterTaggableManager(through=QuestionTag, blank=True, verbose_name=_("topics"))
    difficulty = models.PositiveSmallIntegerField(
        _("difficulty"), choices=Difficulty.choices, default=Difficulty.MEDIUM
    )

    panels = [
        FieldPanel("text"),
        FieldRowPanel([FieldPanel("kind"), FieldPanel("difficulty")]),
        InlinePanel("choices", label=_("Choices"), min_num=MIN_CHOICES, max_num=MAX_CHOICES),
        FieldPanel("explanation"),
        MultiFieldPanel(
            [FieldPanel("regulation"), FieldPanel("article_number")], heading=_("Source")
        ),
        FieldPanel("tags"),
    ]
    search_fields = [
        index.SearchField("segmented_text"),
        index.FilterField("kind"),
        index.FilterField("difficulty"),
        index.FilterField("regulation"),
    ]
    base_form_class = QuestionForm

    class Meta:
        ordering = ["pk"]
        verbose_name = _("question")
        verbose_name_plural = _("questions")

    def __str__(self):
        return Truncator(self.text).chars(40)

    def clean(self):
        super().clean()
        if self.article_number and not self.regulation_id:
            raise ValidationError(
                {"regulation": _("Choose the regulation the article number belongs to.")}
            )
        cited = self.regulation_id and self.article_number
        if cited and self.regulation.article(self.article_number) is None:
            message = _("%(regulation)s has no article %(number)s.") % {
                "regulation": self.regulation.title,
                "number": self.article_number,
            }
            raise ValidationError({"article_number": message})

    def save(self, *args, **kwargs):
        super().save(*args, **kwargs)
        from quizzes.tasks import update_question_index

        # The search index saw the row before its choices and tags; index again on commit.
        delay_on_commit(update_question_index, self.pk)

    def segmented_text(self):
        parts = [self.text, self.explanation]
        parts.extend(choice.text for choice in self.choices.all())
        parts.extend(tag.name for tag in self.tags.all())
        return segmented(" ".join(parts))

    def correct_choices(self):
        return [choice for choice in self.choices.all() if choice.is_correct]

    def citation(self):
        """Return the regulation and article the question cites, as 《…》第十二条."""
        if not self.regulation:
            return ""
        if not self.article_number:
            return f"《{self.regulation.title}》"
        return self.regulation.citation(self.article_number)

    def source_url(self):
        """Return the address of the cited article on the live regulation page, if there is one."""
        if not (self.regulation and self.regulation.live):
            return ""
        if not self.article_number:
            return self.regulation.url
        return self.regulation.article_url(self.article_number)


class Choice(Orderable):
    question = ParentalKey(Question, on_delete=models.CASCADE, related_name="choices")
    text = models.CharField(_("choice"), max_length=200)
    is_correct = models.BooleanField(_("correct"), default=False)

    panels = [FieldPanel("text"), FieldPanel("is_correct")]

    class Meta(Orderable.Meta):
        verbose_name = _("choice")
        verbose_name_plural = _("choices")

    def __str__(self):
        return self.text


def validate_choices(kind, choices):
    """Raise ValidationError unless the (text, is_correct) pairs suit a question of this kind."""
    if not MIN_CHOICES <= len(choices) <= MAX_CHOICES:
        raise ValidationError(
            _("Give between %(min)s and %(max)s choices.")
            % {"min": MIN_CHOICES, "max": MAX_CHOICES},
            code="choice_count",
        )
    texts = [text.strip() for text, _correct in choices]
    if len(set(texts)) != len(texts):
        raise ValidationError(_("Two choices have the same text."), code="duplicate_choice")
    correct = sum(1 for _text, is_correct in choices if is_correct)
    if kind == Question.Kind.TRUE_FALSE and len(choices) != 2:
        raise ValidationError(
            _("A true-or-false question has exactly two choices, such as 正确 and 错误."),
            code="true_false_choices",
        )
    if kind == Question.Kind.MULTIPLE:
        if correct < 1:
            raise ValidationError(_("Mark at least one choice as correct."), code="no_correct")
    elif correct != 1:
        raise ValidationError(_("Mark exactly one choice as correct."), code="one_correct")
