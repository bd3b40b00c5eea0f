"""The demo logins: an administrator, a publicity officer and one neighbourhood's committee."""

import os
from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

from campaigns.models import Neighbourhood
from campaigns.roles import PUBLICITY_STAFF

COMMITTEE_NEIGHBOURHOOD = "chenghu"


@dataclass(frozen=True)
class Login:
    username: str
    password: str
    role: str
    created: bool
    neighbourhood: str = ""


def demo_password(username):
    """Return the password from DEMO_<USERNAME>_PASSWORD, or the fixed demo default."""
    return os.environ.get(f"DEMO_{username.upper()}_PASSWORD") or f"demo-{username}-2026"


def ensure_user(username, role, *, group=None, superuser=False, neighbourhood=""):
    """Create the user if missing and put it in group; an existing password is never reset."""
    password = demo_password(username)
    user, created = get_user_model().objects.get_or_create(
        username=username, defaults={"is_staff": superuser, "is_superuser": superuser}
    )
    if created:
        user.set_password(password)
        user.save(update_fields=["password"])
    if group is not None:
        user.groups.add(group)
    return Login(username, password, role, created, neighbourhood)


def ensure_logins():
    """Create the missing demo users and return every demo login."""
    hood = Neighbourhood.objects.select_related("town", "committee_group").get(
        slug=COMMITTEE_NEIGHBOURHOOD
    )
    return [
        ensure_user("admin", "管理员 administrator", superuser=True),
        ensure_user(
            "publicity", "宣传干部 publicity staff", group=Group.objects.get(name=PUBLICITY_STAFF)
        ),
        ensure_user(
            "committee",
            "社区居委会 neighbourhood committee",
            group=hood.committee_group,
            neighbourhood=f"{hood.town.name}{hood.name} ({hood.slug})",
        ),
    ]
