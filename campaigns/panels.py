"""Admin panels: a campaign's reach, as the reach report counts it, on its edit page."""

from wagtail.admin.panels import Panel

PERMISSION = "campaigns.view_participation"


class ReachPanel(Panel):
    """Show a campaign's county-wide reach, suppressed, and link to the report filtered to it."""

    class BoundPanel(Panel.BoundPanel):
        template_name = "campaigns/reach/panel.html"

        class Media:
            css = {"all": ["campaigns/css/reach_admin.css"]}

        def is_shown(self):
            return self.request is not None and self.request.user.has_perm(PERMISSION)

        def get_context_data(self, parent_context=None):
            # Imported here: the report reads models whose module imports this one.
            from campaigns.reach_report import campaign_summary

            context = super().get_context_data(parent_context)
            context["summary"] = campaign_summary(self.instance) if self.instance.pk else None
            return context
