from django.db import migrations

from orgwork.core.migration_ops import CCollate


class Migration(migrations.Migration):
    dependencies = [
        ("members", "0001_initial"),
    ]

    operations = [
        CCollate("members_member", "org_path"),
        CCollate("members_recruitment", "org_path"),
        CCollate("members_recruitmentstep", "org_path"),
        CCollate("members_due", "org_path"),
        CCollate("members_transfer", "org_path"),
        CCollate("members_transfer", "to_org_path"),
        CCollate("members_meeting", "org_path"),
    ]
