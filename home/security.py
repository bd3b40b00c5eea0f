"""Security glue: the admin's relaxed style policy and the admin login lockout page."""

from csp.constants import UNSAFE_INLINE
from csp.middleware import CSPMiddleware
from django.shortcuts import render
from django.utils.translation import gettext as _

from home.ratelimit import client_ip


class ContentSecurityPolicyMiddleware(CSPMiddleware):
    """The site's policy everywhere; the Wagtail admin may also use inline style attributes."""

    def get_policy_parts(self, request, response, report_only=False):
        parts = super().get_policy_parts(request, response, report_only)
        if request.path_info.startswith("/admin/") and not report_only:
            parts.update = {**(parts.update or {}), "style-src": [UNSAFE_INLINE]}
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
