"""PostgreSQL: byte-order collation on the org path copies, so subtree ranges use their indexes."""

from django.db import migrations

from orgwork.core.migration_ops import CCollate

TABLES = (
    "talent_talent",
    "talent_talentprogram",
    "talent_programround",
    "talent_award",
    "talent_tranche",
    "talent_talentcard",
    "talent_cardserviceuse",
    "talent_liaisonpair",
    "talent_contactlog",
    "talent_talentstation",
    "talent_stay",
    "talent_challenge",
    "talent_challengeteam",
    "talent_challengemilestone",
)


class Migration(migrations.Migration):
    dependencies = [("talent", "0001_initial")]

    operations = [CCollate(table, "org_path") for table in TABLES]
