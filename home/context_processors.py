"""Template context every public page needs about the resident."""

from django.utils.functional import SimpleLazyObject

from campaigns.residents import (
    known_neighbourhood,
    neighbourhood_directory,
    remembered_neighbourhood_id,
)


def resident(request):
    """Expose the resident's remembered neighbourhood and the choices, looked up only when used."""
    return {
        "resident_neighbourhood": lambda: known_neighbourhood(remembered_neighbourhood_id(request)),
        "neighbourhood_choices": SimpleLazyObject(neighbourhood_directory),
    }
