"""Template context every public page needs about the resident."""

from campaigns.residents import known_neighbourhood, remembered_neighbourhood_id


def resident(request):
    """Expose the resident's remembered neighbourhood, looked up only when used."""
    return {
        "resident_neighbourhood": lambda: known_neighbourhood(remembered_neighbourhood_id(request)),
    }
