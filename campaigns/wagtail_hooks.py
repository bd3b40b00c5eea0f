"""Admin wiring: neighbourhood snippets and committee groups for new volunteer pages."""

from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.ui.tables import Column
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from campaigns.models import Neighbourhood, NeighbourhoodVolunteerPage, Town
from campaigns.roles import ensure_committee_group


class TownViewSet(SnippetViewSet):
    model = Town
    icon = "site"
    menu_label = _("Towns")
    list_display = ["name", "slug", "sort_order"]
    search_fields = ["name"]


class NeighbourhoodViewSet(SnippetViewSet):
    model = Neighbourhood
    icon = "group"
    menu_label = _("Neighbourhoods")
    list_display = ["name", "town", Column("population", label=_("population")), "households"]
    list_filter = ["town"]
    search_fields = ["name"]
    ordering = ["town__sort_order", "name"]


class PlacesViewSetGroup(SnippetViewSetGroup):
    items = (TownViewSet, NeighbourhoodViewSet)
    menu_icon = "site"
    menu_label = _("Places")
    menu_name = "places"


register_snippet(PlacesViewSetGroup)


@hooks.register("after_create_page")
def give_new_neighbourhood_page_its_committee(request, page):
    if isinstance(page.specific, NeighbourhoodVolunteerPage):
        ensure_committee_group(page.specific)
