from django.db import migrations

from orgwork.core.migration_ops import CCollate


class Migration(migrations.Migration):
    dependencies = [
        ("casework", "0001_initial"),
    ]

    operations = [
        CCollate("casework_case", "org_path"),
        CCollate("casework_caseparticipant", "org_path"),
    ]
