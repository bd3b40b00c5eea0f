"""Snippet choosers that list only what the user may see, and never fail on a missing form.

Wagtail's chooser lists and looks up every row of a model, whatever the model's permission
policy says; residents' signatures and sign-ups, and API keys, must stay within the policy.
"""

from django.core.exceptions import PermissionDenied
from django.http import Http404
from wagtail.permissions import policy_registry
from wagtail.snippets.views.chooser import (
    ChooseResultsView,
    ChooseView,
    SnippetChooserViewSet,
    SnippetChosenMultipleView,
    SnippetChosenView,
    SnippetCreateView,
)

SEEING = ["view", "add", "change", "delete"]


def visible_to(view):
    """Return the rows of the view's model its user may view, or refuse a user with no access."""
    policy = policy_registry.get_by_type(view.model_class)
    if not policy.user_has_any_permission(view.request.user, SEEING):
        raise PermissionDenied
    return policy.instances_user_has_permission_for(view.request.user, "view")


class CreateOnlyWithAForm(SnippetCreateView):
    def dispatch(self, request, *args, **kwargs):
        # Wagtail routes a create address even for choosers that have no creation form.
        if self.get_creation_form_class() is None:
            raise Http404
        return super().dispatch(request, *args, **kwargs)


class SafeChooserViewSet(SnippetChooserViewSet):
    create_view_class = CreateOnlyWithAForm


class ScopedChooseView(ChooseView):
    def get_object_list(self):
        return visible_to(self)


class ScopedChooseResultsView(ChooseResultsView):
    def get_object_list(self):
        return visible_to(self)


class ScopedChosenView(SnippetChosenView):
    def get_object(self, pk):
        return visible_to(self).get(pk=pk)


class ScopedChosenMultipleView(SnippetChosenMultipleView):
    def get_objects(self, pks):
        return visible_to(self).filter(pk__in=pks)


class ScopedChooserViewSet(SafeChooserViewSet):
    choose_view_class = ScopedChooseView
    choose_results_view_class = ScopedChooseResultsView
    chosen_view_class = ScopedChosenView
    chosen_multiple_view_class = ScopedChosenMultipleView
