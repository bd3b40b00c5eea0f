"""What residents can do now: the open quizzes and pledges, found by the pages that offer them."""

from django.db.models import CharField, Exists, ExpressionWrapper, F, OuterRef, Q
from django.utils import timezone
from wagtail.models import PageViewRestriction, get_page_models


class ResidentActionPage:
    """A page where residents take part, open from opens_at until closes_at (either may be empty).

    Mixed into the quiz and pledge pages, so home and campaign pages can list them as actions
    without importing the apps that define them.
    """

    action_label = ""


def action_page_models():
    return [
        model
        for model in get_page_models()
        if issubclass(model, ResidentActionPage) and not model._meta.abstract
    ]


def restricted():
    """Match a page under a view restriction, inside its own query.

    Wagtail's public() reads every restriction in a query of its own first; this asks the
    database instead, so each kind of action costs one query.
    """
    outer_path = ExpressionWrapper(OuterRef("path"), output_field=CharField())
    restrictions = PageViewRestriction.objects.annotate(outer_path=outer_path)
    return Exists(restrictions.filter(outer_path__startswith=F("page__path")))


def open_actions(within=None):
    """Return the live, public action pages open now, below within if given, in tree order."""
    now = timezone.now()
    is_open = Q(Q(opens_at__isnull=True) | Q(opens_at__lte=now)) & Q(
        Q(closes_at__isnull=True) | Q(closes_at__gt=now)
    )
    found = []
    for model in action_page_models():
        pages = model.objects.live().filter(is_open).exclude(restricted())
        if within is not None:
            pages = pages.descendant_of(within)
        found.extend(pages)
    return sorted(found, key=lambda page: page.path)
