from django.db import migrations, models


def backfill(apps, schema_editor):
    from orgwork.cadres.services import refresh_service_records

    refresh_service_records(
        cadre_model=apps.get_model("cadres", "Cadre"),
        post_model=apps.get_model("cadres", "CadrePost"),
        education_model=apps.get_model("cadres", "Education"),
    )


class Migration(migrations.Migration):
    dependencies = [
        ("cadres", "0002_path_collation"),
    ]

    operations = [
        migrations.AddField(
            model_name="cadre",
            name="service_record",
            field=models.JSONField(
                blank=True, default=dict, editable=False, verbose_name="service record (derived)"
            ),
        ),
        migrations.RunPython(backfill, migrations.RunPython.noop),
    ]
