from django.db import migrations

from orgwork.core.migration_ops import CCollate

TABLES = [
    "pledgeitem",
    "pledgerole",
    "deed",
    "household",
    "pairing",
    "visit",
    "actionbranch",
    "actionbranchmember",
    "actionactivity",
    "secretaryproject",
    "projectmilestone",
    "projectevidence",
    "healthcheckitem",
    "healthcheck",
]


class Migration(migrations.Migration):
    dependencies = [("grassroots", "0001_initial")]

    operations = [CCollate("grassroots_" + t, "org_path") for t in TABLES]
