"""Template context every public page needs about the resident."""

from campaigns.residents import remembered_neighbourhood_id


def resident(request):
    """Expose the resident's remembered neighbourhood and the choices, queried only when used."""
    from campaigns.models import Neighbourhood

    def neighbourhood():
        pk = remembered_neighbourhood_id(request)
        return Neighbourhood.objects.filter(pk=pk).first() if pk else None

    return {
        "resident_neighbourhood": neighbourhood,
        "neighbourhood_choices": Neighbourhood.objects.select_related("town"),
    }
