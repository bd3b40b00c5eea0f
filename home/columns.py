"""Admin listing columns shared by the apps' snippet views."""

from django.template.defaultfilters import yesno
from wagtail.admin.ui.tables import Column


class YesNoColumn(Column):
    """Show a true or false field as 是 or 否 in the admin's language, not as True or False."""

    def get_value(self, instance):
        return yesno(super().get_value(instance))
