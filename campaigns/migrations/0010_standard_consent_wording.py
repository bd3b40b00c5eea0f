from django.db import migrations, models

# The Chinese wordings pages were given by default before the standard wording became
# translatable: pages still holding them read the standard wording in the visitor's language.
OLD_DEFAULTS = {
    "pledgepage": (
        "我同意本平台保存我的姓名和所在社区，用于统计各社区签署情况；手机号只用于防止重复签署，"
        "不会公开，也不会另作他用。"
    ),
    "volunteereventpage": (
        "我同意本平台保存我的姓名、手机号和所在社区，用于活动联系、签到和统计志愿服务时长；"
        "手机号只提供给本社区居委会，活动结束后按规定期限删除。"
    ),
}


def use_standard_wording(apps, schema_editor):
    for model_name, wording in OLD_DEFAULTS.items():
        model = apps.get_model("campaigns", model_name)
        model.objects.filter(consent_text=wording).update(consent_text="")
        # The editor opens a page's latest revision: it must not bring the old wording back.
        revisions = apps.get_model("wagtailcore", "Revision").objects.filter(
            pk__in=model.objects.values("latest_revision_id")
        )
        for revision in revisions:
            if revision.content.get("consent_text") == wording:
                revision.content["consent_text"] = ""
                revision.save(update_fields=["content"])


def keep_old_wording(apps, schema_editor):
    for model_name, wording in OLD_DEFAULTS.items():
        model = apps.get_model("campaigns", model_name)
        model.objects.filter(consent_text="").update(consent_text=wording)


class Migration(migrations.Migration):
    dependencies = [
        ("campaigns", "0009_volunteers_told_of_cancelled_events"),
    ]

    operations = [
        migrations.AlterField(
            model_name="pledgepage",
            name="consent_text",
            field=models.TextField(
                blank=True,
                help_text="Leave empty to use the standard wording, shown in the visitor's language.",
                verbose_name="consent text",
            ),
        ),
        migrations.AlterField(
            model_name="volunteereventpage",
            name="consent_text",
            field=models.TextField(
                blank=True,
                help_text="Leave empty to use the standard wording, shown in the visitor's language.",
                verbose_name="consent text",
            ),
        ),
        migrations.RunPython(use_standard_wording, keep_old_wording),
    ]
