"""The admin's own forms, where Wagtail's leave a label untranslated."""

from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms.auth import LoginForm


class AdminLoginForm(LoginForm):
    """Wagtail's login form, its password field labelled in the interface language."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Wagtail redeclares the field without a label, so Django shows the English field name.
        self.fields["password"].label = _("Password")
