"""Signing pledges and the figures a pledge page shows, exact and cheap to read."""

import datetime
from dataclasses import dataclass

from django.core import signing
from django.core.cache import cache
from django.db import IntegrityError, transaction
from django.db.models import Count
from django.utils import timezone

from campaigns.models import Neighbourhood, Participation, PledgeSignature, record_participation
from campaigns.residents import mask_name, mask_phone, normalise_phone, participant_key

CERTIFICATE_SALT = "campaigns.pledge-certificate"
STATS_SECONDS = 5
TOP_NEIGHBOURHOODS = 5
RECENT_SIGNERS = 10


def sign_pledge(pledge, *, name, neighbourhood, phone, hide_name=False, entered_by=None, at=None):
    """Record a signature and its participation; return None if this number already signed."""
    key = participant_key(phone)
    try:
        with transaction.atomic():
            signature = PledgeSignature.objects.create(
                pledge=pledge,
                name=name,
                neighbourhood=neighbourhood,
                participant=key,
                phone_masked=mask_phone(normalise_phone(phone)),
                hide_name=hide_name,
                assisted=entered_by is not None,
                entered_by=entered_by,
                signed_at=at or timezone.now(),
            )
            record_participation(
                Participation.Kind.PLEDGE,
                neighbourhood=neighbourhood,
                campaign=pledge.campaign(),
                participant=key,
                source=signature,
                at=signature.signed_at,
            )
    except IntegrityError:
        return None
    cache.delete(stats_key(pledge))
    return signature


def certificate_token(pledge, name, signed_on):
    """Return the unguessable (data, signature) pair addressing a certificate."""
    payload = {"p": pledge.pk, "n": mask_name(name), "d": signed_on.isoformat()}
    # No timestamp, so the same name on the same day always gives the same address.
    data, _, signature = signing.Signer(salt=CERTIFICATE_SALT).sign_object(payload).rpartition(":")
    return data, signature


def read_certificate(pledge, data, signature):
    """Return the certificate's masked name and date, or None if the address is not ours."""
    try:
        payload = signing.Signer(salt=CERTIFICATE_SALT).unsign_object(f"{data}:{signature}")
        signed_on = datetime.date.fromisoformat(payload["d"])
    except (signing.BadSignature, KeyError, TypeError, ValueError):
        return None
    if payload.get("p") != pledge.pk:
        return None
    return {"name": payload["n"], "date": signed_on}


@dataclass(frozen=True)
class NeighbourhoodStanding:
    neighbourhood: Neighbourhood
    signatures: int
    rank: int

    @property
    def per_thousand(self):
        population = self.neighbourhood.population
        return round(self.signatures * 1000 / population, 1) if population else 0.0


def stats_key(pledge):
    return f"pledge-stats:{pledge.pk}"


def pledge_stats(pledge):
    """Return the signature count and every neighbourhood's standing, cached for a few seconds."""
    stats = cache.get(stats_key(pledge))
    if stats is None:
        counts = dict(
            pledge.signatures.values_list("neighbourhood").annotate(n=Count("pk")).order_by()
        )
        stats = {"total": sum(counts.values()), "counts": counts}
        cache.set(stats_key(pledge), stats, STATS_SECONDS)
    return stats


def standings(stats):
    """Rank the neighbourhoods that signed by signatures per 1,000 residents."""
    neighbourhoods = Neighbourhood.objects.filter(pk__in=stats["counts"]).select_related("town")
    rows = sorted(
        (NeighbourhoodStanding(n, stats["counts"][n.pk], 0) for n in neighbourhoods),
        key=lambda row: (-row.per_thousand, -row.signatures, row.neighbourhood.name),
    )
    return [NeighbourhoodStanding(r.neighbourhood, r.signatures, i) for i, r in enumerate(rows, 1)]


def standing_of(rows, neighbourhood):
    """Return the standing of one neighbourhood, with no signatures if it has none yet."""
    for row in rows:
        if row.neighbourhood.pk == neighbourhood.pk:
            return row
    return NeighbourhoodStanding(neighbourhood, 0, len(rows) + 1)


def recent_signers(pledge):
    """Return the latest public signers as (masked name, neighbourhood name, date)."""
    signatures = pledge.signatures.filter(hide_name=False).select_related("neighbourhood")
    return [
        (mask_name(s.name), s.neighbourhood.name, timezone.localtime(s.signed_at).date())
        for s in signatures[:RECENT_SIGNERS]
    ]
