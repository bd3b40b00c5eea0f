"""City-management regulations, structured as chapters and numbered articles."""

from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey
from taggit.models import Tag, TaggedItemBase
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Orderable, Page
from wagtail.search import index

from campaigns.blocks import RegulationTextBlock, article_anchor
from home.search import SegmentedSearchMixin


class RegulationPageTag(TaggedItemBase):
    content_object = ParentalKey(
        "RegulationPage", on_delete=models.CASCADE, related_name="tagged_items"
    )


class RegulationIndexPage(Page):
    intro = RichTextField(_("introduction"), blank=True)

    content_panels = Page.content_panels + [FieldPanel("intro")]
    parent_page_types = ["home.HomePage"]
    subpage_types = ["campaigns.RegulationPage"]
    max_count = 1
    per_page = 10

    # Names the section in the menu and home tiles when the interface is not Chinese.
    menu_label = _("Regulations")

    class Meta:
        verbose_name = _("regulation index")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        regulations = RegulationPage.objects.child_of(self).live()
        filters = {
            "topic": request.GET.get("topic", ""),
            "status": request.GET.get("status", ""),
            "year": request.GET.get("year", ""),
        }
        context["topics"] = (
            Tag.objects.filter(campaigns_regulationpagetag_items__content_object__in=regulations)
            .distinct()
            .order_by("name")
        )
        context["years"] = [d.year for d in regulations.dates("promulgated_on", "year", "DESC")]
        context["statuses"] = RegulationPage.Status.choices
        if filters["topic"]:
            regulations = regulations.filter(tags__name=filters["topic"])
        if filters["status"] in RegulationPage.Status.values:
            regulations = regulations.filter(status=filters["status"])
        if filters["year"].isdigit():
            regulations = regulations.filter(promulgated_on__year=int(filters["year"]))
        paginator = Paginator(regulations.order_by("-promulgated_on", "title"), self.per_page)
        context["regulations"] = paginator.get_page(request.GET.get("page"))
        context["filters"] = filters
        return context


class RegulationPage(SegmentedSearchMixin, Page):
    class Status(models.TextChoices):
        IN_FORCE = "in_force", _("In force")
        AMENDED = "amended", _("Amended")
        REPEALED = "repealed", _("Repealed")

    document_number = models.CharField(_("document number"), max_length=100, blank=True)
    issuer = models.CharField(_("issuing body"), max_length=100)
    promulgated_on = models.DateField(_("promulgation date"))
    effective_on = models.DateField(_("effective date"))
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.IN_FORCE
    )
    summary = RichTextField(
        _("plain-language summary"),
        blank=True,
        help_text=_("What the regulation means for residents, in everyday words."),
    )
    body = StreamField(RegulationTextBlock(), verbose_name=_("text"))
    tags = ClusterTaggableManager(through=RegulationPageTag, blank=True, verbose_name=_("topics"))

    content_panels = Page.content_panels + [
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("document_number"), FieldPanel("issuer")]),
                FieldRowPanel([FieldPanel("promulgated_on"), FieldPanel("effective_on")]),
                FieldPanel("status"),
            ],
            heading=_("Document"),
        ),
        FieldPanel("summary"),
        FieldPanel("body"),
        InlinePanel("attachments", label=_("Attachments")),
        InlinePanel("related_regulations", label=_("Related regulations")),
        FieldPanel("tags"),
    ]
    search_text_attributes = ("document_number", "issuer", "summary")
    # The county's rules come first among pages that match alike: residents search to know them.
    search_rank = 0
    search_fields = (
        Page.search_fields
        + SegmentedSearchMixin.segmented_search_fields
        + [
            index.FilterField("status"),
            index.FilterField("promulgated_on"),
        ]
    )
    parent_page_types = ["campaigns.RegulationIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("regulation")

    def clean(self):
        super().clean()
        numbers = [article["number"] for article in self.articles()]
        duplicates = sorted({n for n in numbers if numbers.count(n) > 1})
        if duplicates:
            raise ValidationError(
                _("Each article number may appear only once; repeated: %(numbers)s")
                % {"numbers": ", ".join(map(str, duplicates))}
            )

    def articles(self):
        """Return every article in order, whether inside a chapter or on its own."""
        found = []
        for block in self.body:
            if block.block_type == "chapter":
                found.extend(block.value["articles"])
            else:
                found.append(block.value)
        return found

    def article(self, number):
        """Return the article with this number, or None."""
        return next((a for a in self.articles() if a["number"] == number), None)

    def article_url(self, number):
        return f"{self.url}#{article_anchor(number)}"

    def citation(self, number):
        article = self.article(number)
        label = article.label() if article else ""
        return f"《{self.title}》{label}"

    def search_text_parts(self):
        parts = super().search_text_parts()
        for article in self.articles():
            parts.extend([article.label(), article["text"].source])
        return parts

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["attachments"] = self.attachments.select_related("document")
        # Links are stored one way; show them from both ends.
        linked = models.Q(related_regulations__regulation=self) | models.Q(
            pk__in=self.related_regulations.values("regulation")
        )
        context["related"] = RegulationPage.objects.live().filter(linked).distinct()
        return context


class RegulationAttachment(Orderable):
    page = ParentalKey(RegulationPage, on_delete=models.CASCADE, related_name="attachments")
    document = models.ForeignKey(
        "wagtaildocs.Document",
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("document"),
    )
    title = models.CharField(_("title"), max_length=200, blank=True)

    panels = [FieldPanel("document"), FieldPanel("title")]

    class Meta(Orderable.Meta):
        verbose_name = _("attachment")

    def __str__(self):
        return self.title or self.document.title


class RelatedRegulation(Orderable):
    page = ParentalKey(RegulationPage, on_delete=models.CASCADE, related_name="related_regulations")
    regulation = models.ForeignKey(
        RegulationPage, on_delete=models.CASCADE, related_name="+", verbose_name=_("regulation")
    )

    panels = [FieldPanel("regulation")]

    class Meta(Orderable.Meta):
        verbose_name = _("related regulation")

    def __str__(self):
        return self.regulation.title
