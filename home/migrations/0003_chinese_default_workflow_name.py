from django.db import migrations

# Wagtail names its default workflow and task after the Moderators group, in English; editors
# read the name on the page editor's "提交给…" button, so it is given in Chinese. A name an
# administrator changed is kept.
ENGLISH, CHINESE = "Moderators approval", "审核发布"


def name_in_chinese(apps, schema_editor):
    for model_name in ("Workflow", "Task"):
        model = apps.get_model("wagtailcore", model_name)
        model.objects.filter(name=ENGLISH).update(name=CHINESE)


def name_in_english(apps, schema_editor):
    for model_name in ("Workflow", "Task"):
        model = apps.get_model("wagtailcore", model_name)
        model.objects.filter(name=CHINESE).update(name=ENGLISH)


class Migration(migrations.Migration):
    dependencies = [
        ("home", "0002_create_homepage"),
        ("wagtailcore", "0048_add_default_workflows"),
    ]

    operations = [migrations.RunPython(name_in_chinese, name_in_english)]
