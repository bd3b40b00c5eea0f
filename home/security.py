"""Security glue: the Wagtail admin's own policy and the admin login lockout page."""

from csp.constants import SELF, UNSAFE_INLINE
from csp.middleware import CSPMiddleware
from django.shortcuts import render
from django.utils.translation import gettext as _

from home.ratelimit import client_ip

# Wagtail's choosers, date pickers and InlinePanels start from inline <script> tags, some of them
# written into the page later by Wagtail's own JavaScript (chooser modals, a new InlinePanel row),
# so nonces cannot reach them all. The admin, behind its login, may run inline scripts and
# styles and frame itself (the live preview panel); everything else stays as strict as the site.
ADMIN_POLICY = {
    "script-src": [SELF, UNSAFE_INLINE],
    "style-src": [SELF, UNSAFE_INLINE],
    "frame-ancestors": [SELF],
}
# Wagtail renders a page's preview through the middleware with a dummy request for the page's own
# address; the preview keeps the site's policy, but the admin's preview panel must frame it.
PREVIEW_POLICY = {"frame-ancestors": [SELF]}


class ContentSecurityPolicyMiddleware(CSPMiddleware):
    """The site's strict policy everywhere; the Wagtail admin gets the few relaxations it needs."""

    def get_policy_parts(self, request, response, report_only=False):
        parts = super().get_policy_parts(request, response, report_only)
        if report_only:
            return parts
        if request.path_info.startswith("/admin/"):
            parts.replace = {**(parts.replace or {}), **ADMIN_POLICY}
        elif getattr(request, "is_preview", False):
            parts.replace = {**(parts.replace or {}), **PREVIEW_POLICY}
        return parts


def axes_client_ip(request):
    """Count failed admin logins by the address the proxy reports, as the rate limits do."""
    return client_ip(request)


def locked_out(request, credentials, *args, **kwargs):
    """Tell someone locked out of the admin login why, and for how long."""
    message = _(
        "Too many failed sign-in attempts. Please wait 15 minutes, or ask an administrator "
        "to unlock the account."
    )
    return render(request, "home/message.html", {"message": message}, status=429)
