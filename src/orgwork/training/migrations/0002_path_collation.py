"""PostgreSQL: byte-order collation on the org path copies, so subtree ranges use their indexes."""

from django.db import migrations

from orgwork.core.migration_ops import CCollate


class Migration(migrations.Migration):
    dependencies = [("training", "0001_initial")]

    operations = [
        CCollate("training_course", "org_path"),
        CCollate("training_session", "org_path"),
        CCollate("training_enrollment", "org_path"),
        CCollate("training_attendance", "org_path"),
        CCollate("training_evaluation", "org_path"),
    ]
