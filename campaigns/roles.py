"""Groups for publicity staff and for each neighbourhood's committee, with their permissions."""

from django.contrib.auth.models import Group, Permission
from django.utils.translation import gettext as _
from wagtail.models import (
    Collection,
    GroupApprovalTask,
    GroupCollectionPermission,
    GroupPagePermission,
    Site,
    Workflow,
    WorkflowPage,
    WorkflowTask,
)
from wagtail.permission_policies import ModelPermissionPolicy

from home.exports import OfficeExportMixin
from quizzes.roles import grant_quiz_bank

PUBLICITY_STAFF = "宣传干部"
STAFF_PAGE_PERMISSIONS = ["add_page", "change_page", "publish_page", "lock_page", "unlock_page"]
COMMITTEE_PAGE_PERMISSIONS = ["add_page", "change_page"]
STAFF_MEDIA_PERMISSIONS = [
    ("wagtailimages", "add_image"),
    ("wagtailimages", "change_image"),
    ("wagtailimages", "choose_image"),
    ("wagtaildocs", "add_document"),
    ("wagtaildocs", "change_document"),
    ("wagtaildocs", "choose_document"),
]
COMMITTEE_MEDIA_PERMISSIONS = [("wagtailimages", "add_image"), ("wagtailimages", "choose_image")]
VOLUNTEER_MODEL_PERMISSIONS = [
    "view_volunteersignup",
    "add_volunteersignup",
    "change_volunteersignup",
]
# The reach report; a committee sees its own neighbourhood in it and the county totals.
REACH_MODEL_PERMISSIONS = ["view_participation"]
STAFF_MODEL_PERMISSIONS = ["view_pledgesignature", "add_pledgesignature"]
STAFF_MODEL_PERMISSIONS += VOLUNTEER_MODEL_PERMISSIONS + REACH_MODEL_PERMISSIONS
COMMITTEE_MODEL_PERMISSIONS = ["view_pledgesignature", "add_pledgesignature"]
COMMITTEE_MODEL_PERMISSIONS += VOLUNTEER_MODEL_PERMISSIONS + REACH_MODEL_PERMISSIONS
VOLUNTEER_WORKFLOW = "社区活动审核"
VOLUNTEER_TASK = "宣传干部审核社区活动"


def _permission(app_label, codename):
    return Permission.objects.get(content_type__app_label=app_label, codename=codename)


def _grant(group, page, page_codenames, media_permissions, model_codenames):
    group.permissions.add(_permission("wagtailadmin", "access_admin"))
    group.permissions.add(*(_permission("campaigns", codename) for codename in model_codenames))
    for codename in page_codenames:
        GroupPagePermission.objects.get_or_create(
            group=group, page=page, permission=_permission("wagtailcore", codename)
        )
    root_collection = Collection.get_first_root_node()
    for app_label, codename in media_permissions:
        GroupCollectionPermission.objects.get_or_create(
            group=group, collection=root_collection, permission=_permission(app_label, codename)
        )


def ensure_publicity_staff_group():
    """Create the publicity staff group: create, edit and publish everything on the site."""
    group, _ = Group.objects.get_or_create(name=PUBLICITY_STAFF)
    _grant(
        group,
        Site.objects.get(is_default_site=True).root_page,
        STAFF_PAGE_PERMISSIONS,
        STAFF_MEDIA_PERMISSIONS,
        STAFF_MODEL_PERMISSIONS,
    )
    grant_quiz_bank(group)
    return group


def ensure_committee_group(volunteer_page):
    """Create the committee group of a neighbourhood: it may work only in its own volunteer page."""
    neighbourhood = volunteer_page.neighbourhood
    group = neighbourhood.committee_group
    if group is None:
        name = f"居委会·{neighbourhood.town.name}{neighbourhood.name}"
        group, _ = Group.objects.get_or_create(name=name)
        neighbourhood.committee_group = group
        neighbourhood.save(update_fields=["committee_group"])
    _grant(
        group,
        volunteer_page,
        COMMITTEE_PAGE_PERMISSIONS,
        COMMITTEE_MEDIA_PERMISSIONS,
        COMMITTEE_MODEL_PERMISSIONS,
    )
    return group


def ensure_volunteer_workflow(volunteer_index):
    """Send committee activities under volunteer_index to publicity staff for approval."""
    staff = ensure_publicity_staff_group()
    workflow, _ = Workflow.objects.get_or_create(name=VOLUNTEER_WORKFLOW)
    task = GroupApprovalTask.objects.filter(name=VOLUNTEER_TASK).first()
    if task is None:
        task = GroupApprovalTask.objects.create(name=VOLUNTEER_TASK)
        task.groups.set([staff])
    WorkflowTask.objects.get_or_create(workflow=workflow, task=task, defaults={"sort_order": 0})
    WorkflowPage.objects.get_or_create(page=volunteer_index, defaults={"workflow": workflow})
    return workflow


def sees_every_neighbourhood(user):
    """Return whether the user may see every neighbourhood's data: staff and superusers."""
    return user.is_superuser or user.groups.filter(name=PUBLICITY_STAFF).exists()


def neighbourhoods_for(user):
    """Return the neighbourhoods whose data the user may see: all, or a committee's own."""
    from campaigns.models import Neighbourhood

    if sees_every_neighbourhood(user):
        return Neighbourhood.objects.all()
    return Neighbourhood.objects.filter(committee_group__in=user.groups.all())


class OwnNeighbourhoodExportMixin(OfficeExportMixin):
    """Name a committee's own neighbourhood among what its export covers."""

    def export_scope(self):
        scope = super().export_scope()
        user = self.request.user
        if not sees_every_neighbourhood(user):
            names = neighbourhoods_for(user).order_by("name").values_list("name", flat=True)
            scope.append((_("Neighbourhood"), "、".join(names)))
        return scope


class OwnNeighbourhoodPolicy(ModelPermissionPolicy):
    """Model permissions, narrowed to rows of the neighbourhoods the user may see."""

    neighbourhood_field = "neighbourhood"

    def neighbourhood_id_of(self, instance):
        return instance.neighbourhood_id

    def user_has_permission_for_instance(self, user, action, instance):
        return super().user_has_permission_for_instance(user, action, instance) and (
            neighbourhoods_for(user).filter(pk=self.neighbourhood_id_of(instance)).exists()
        )

    def instances_user_has_permission_for(self, user, action):
        instances = super().instances_user_has_permission_for(user, action)
        return instances.filter(**{f"{self.neighbourhood_field}__in": neighbourhoods_for(user)})


class OwnEventPolicy(OwnNeighbourhoodPolicy):
    """Sign-ups belong to the committee whose activity they are for, not the resident's own."""

    neighbourhood_field = "event__neighbourhood"

    def neighbourhood_id_of(self, instance):
        return instance.event.neighbourhood_id
