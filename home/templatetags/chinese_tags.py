"""Template filters that write dates and times the Chinese way."""

from django import template

from home import chinese

register = template.Library()


@register.filter
def time_range(starts, ends=None):
    """Show starts–ends with the date once: {{ event.starts_at|time_range:event.ends_at }}."""
    return chinese.time_range(starts, ends) if starts else ""
