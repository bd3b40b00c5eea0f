"""Send committee activities on existing sites through publicity staff approval."""

from django.db import migrations

PUBLICITY_STAFF = "宣传干部"
WORKFLOW = "社区活动审核"
TASK = "宣传干部审核社区活动"


def assign_workflow(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    Page = apps.get_model("wagtailcore", "Page")
    index_type = ContentType.objects.filter(app_label="campaigns", model="volunteerindexpage").first()
    index = Page.objects.filter(content_type=index_type).first() if index_type else None
    if index is None:
        # A new site gets its workflow when the index page is created (see wagtail_hooks).
        return
    Group = apps.get_model("auth", "Group")
    Workflow = apps.get_model("wagtailcore", "Workflow")
    WorkflowTask = apps.get_model("wagtailcore", "WorkflowTask")
    WorkflowPage = apps.get_model("wagtailcore", "WorkflowPage")
    GroupApprovalTask = apps.get_model("wagtailcore", "GroupApprovalTask")
    staff, _ = Group.objects.get_or_create(name=PUBLICITY_STAFF)
    workflow, _ = Workflow.objects.get_or_create(name=WORKFLOW)
    task = GroupApprovalTask.objects.filter(name=TASK).first()
    if task is None:
        task_type, _ = ContentType.objects.get_or_create(
            app_label="wagtailcore", model="groupapprovaltask"
        )
        task = GroupApprovalTask.objects.create(name=TASK, content_type=task_type)
        task.groups.add(staff)
    WorkflowTask.objects.get_or_create(workflow=workflow, task=task, defaults={"sort_order": 0})
    WorkflowPage.objects.get_or_create(page=index, defaults={"workflow": workflow})


class Migration(migrations.Migration):
    dependencies = [
        ("campaigns", "0003_volunteering"),
        ("wagtailcore", "0098_apitoken"),
    ]

    operations = [migrations.RunPython(assign_workflow, migrations.RunPython.noop)]
