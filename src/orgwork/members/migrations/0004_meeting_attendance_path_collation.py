from django.db import migrations

from orgwork.core.migration_ops import CCollate


class Migration(migrations.Migration):
    dependencies = [
        ("members", "0003_meeting_attendance"),
    ]

    operations = [
        CCollate("members_meetingattendance", "org_path"),
    ]
