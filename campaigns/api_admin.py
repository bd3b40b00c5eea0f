"""Admin for the reach API's keys: superusers list, make and revoke them; a key is shown once."""

from django import forms
from django.contrib.auth import get_user_model
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.cache import add_never_cache_headers
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.panels import FieldPanel, ObjectList
from wagtail.admin.ui.tables import DateColumn
from wagtail.permission_policies.base import BasePermissionPolicy
from wagtail.snippets.views.snippets import CreateView, SnippetViewSet

from campaigns import api_keys
from campaigns.choosers import ScopedChooserViewSet
from campaigns.models import ApiToken


class SuperuserOnlyPolicy(BasePermissionPolicy):
    """Only superusers may see, make or revoke API keys."""

    def user_has_permission(self, user, action):
        return user.is_active and user.is_superuser

    def users_with_any_permission(self, actions):
        return get_user_model().objects.filter(is_active=True, is_superuser=True)


class ApiTokenForm(WagtailAdminModelForm):
    revoke = forms.BooleanField(
        label=_("Revoke this key"),
        required=False,
        help_text=_("Requests with it are refused from now on. This cannot be undone."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance._state.adding or self.instance.revoked_at:
            del self.fields["revoke"]

    def save(self, commit=True):
        if self.cleaned_data.get("revoke"):
            self.instance.revoked_at = timezone.now()
        return super().save(commit)


class ApiTokenCreateView(CreateView):
    """Make the key as the token is saved and show it on the response, the only time it shows."""

    def save_instance(self):
        self.key = api_keys.new_key()
        self.form.instance.key_hash = api_keys.hash_key(self.key)
        return super().save_instance()

    def save_action(self):
        context = {
            "page_title": _("API key made"),
            "header_icon": "key",
            "token": self.object,
            "key": self.key,
            "index_url": reverse(self.index_url_name),
        }
        response = TemplateResponse(self.request, "campaigns/admin/api_token_created.html", context)
        add_never_cache_headers(response)
        return response


class ApiTokenViewSet(SnippetViewSet):
    chooser_viewset_class = ScopedChooserViewSet
    model = ApiToken
    icon = "key"
    menu_label = _("API keys")
    add_to_settings_menu = True
    add_view_class = ApiTokenCreateView
    copy_view_enabled = False
    inspect_view_enabled = False
    list_display = [
        "name",
        DateColumn("created_at", label=_("created at")),
        DateColumn("last_used_at", label=_("last used at")),
        DateColumn("revoked_at", label=_("revoked at")),
    ]
    ordering = ["-created_at"]
    edit_handler = ObjectList(
        [FieldPanel("name"), FieldPanel("revoke")], base_form_class=ApiTokenForm
    )
