"""Views residents use outside the quizzes: signing a pledge and its certificate."""

from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from campaigns import pledges
from campaigns.forms import PledgeForm
from campaigns.models import Neighbourhood, PledgePage
from campaigns.residents import remember_neighbourhood, remembered_neighbourhood_id
from home.pages import visible_page_or_404
from home.ratelimit import client_ip, hit, too_many_requests

# A neighbourhood event may see a few hundred residents sign from one shared address.
PLEDGE_LIMIT_PER_ADDRESS = (600, 600)
PLEDGE_LIMIT_PER_PHONE = (5, 3600)
STATE_MESSAGES = {
    PledgePage.State.NOT_OPEN: _("This pledge is not open for signatures yet."),
    PledgePage.State.CLOSED: _("This pledge has closed and no longer takes signatures."),
}


def pledge_page(request, pledge):
    """Show the pledge, its figures and the signing form."""
    initial = {"neighbourhood": remembered_neighbourhood_id(request)}
    return render_pledge(request, pledge, PledgeForm(pledge=pledge, initial=initial))


def sign(request, pledge_id):
    """Take a signature; posted here directly rather than through Wagtail's page routing."""
    pledge = visible_page_or_404(PledgePage, pledge_id, request)
    if request.method != "POST":
        return redirect(pledge.url)
    if pledge.state != PledgePage.State.OPEN:
        message = STATE_MESSAGES[pledge.state]
        return render(request, "home/message.html", {"message": message}, status=403)
    if not hit("pledge", client_ip(request), *PLEDGE_LIMIT_PER_ADDRESS):
        return too_many_requests(request)
    form = PledgeForm(request.POST, pledge=pledge)
    if not form.is_valid():
        return render_pledge(request, pledge, form, status=400)
    data = form.cleaned_data
    if not hit("pledge-phone", data["phone"], *PLEDGE_LIMIT_PER_PHONE):
        return too_many_requests(request)
    if not form.is_spam():
        pledges.sign_pledge(
            pledge,
            name=data["name"],
            neighbourhood=data["neighbourhood"],
            phone=data["phone"],
            hide_name=data["hide_name"],
        )
    # A first and a repeat signature get the same answer, so nobody learns who signed.
    token = pledges.certificate_token(pledge, data["name"], timezone.localdate())
    certificate = pledge.url + pledge.reverse_subpage("certificate", args=token)
    # The thank-you is what the resident sees first, whatever fragment the form's address had.
    response = redirect(certificate + "#thanks")
    remember_neighbourhood(response, data["neighbourhood"])
    return response


def render_pledge(request, pledge, form, status=200):
    stats = pledges.pledge_stats(pledge)
    rows = pledges.standings(stats)
    own_id = remembered_neighbourhood_id(request)
    own = Neighbourhood.objects.filter(pk=own_id).first() if own_id else None
    context = {
        "page": pledge,
        "form": form,
        "total": stats["total"],
        "progress": min(100, round(stats["total"] * 100 / pledge.goal)) if pledge.goal else 100,
        "top": rows[: pledges.TOP_NEIGHBOURHOODS],
        "own": pledges.standing_of(rows, own) if own else None,
        "recent": pledges.recent_signers(pledge),
        "state_message": STATE_MESSAGES.get(pledge.state, ""),
    }
    return render(request, "campaigns/pledge_page.html", context, status=status)


def pledge_certificate(request, pledge, data, signature):
    certificate = pledges.read_certificate(pledge, data, signature)
    if certificate is None:
        raise Http404
    context = {"page": pledge, "certificate": certificate}
    return render(request, "campaigns/pledge_certificate.html", context)
