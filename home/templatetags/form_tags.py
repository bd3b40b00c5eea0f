"""Template tags for the forms residents fill in."""

from django import template

register = template.Library()


@register.simple_tag
def error_links(form):
    """Return (id of the element to fix, field's place in the form, message) for each error.

    Non-field errors, which come last, and those of hidden fields have nothing to link to, so
    their id is empty.
    """
    links = []
    for number, field in enumerate(form, start=1):
        # A radio or checkbox list has no single labelled element: link to its first option.
        target = "" if field.is_hidden else field.id_for_label or f"{field.auto_id}_0"
        links.extend((target, number, error) for error in field.errors)
    links.extend(("", None, error) for error in form.non_field_errors())
    return links
