from django.db import migrations

from orgwork.core.migration_ops import CCollate

TABLES = [
    "cadres_cadre",
    "cadres_cadrepost",
    "cadres_education",
    "cadres_appraisal",
    "cadres_rewardsanction",
    "cadres_familymember",
    "cadres_reserveentry",
    "cadres_cohorttarget",
    "cadres_evaluation",
    "cadres_assignmentbatch",
    "cadres_assignment",
    "cadres_contestresult",
    "cadres_archivenote",
    "cadres_vacancy",
    "cadres_appointment",
]


class Migration(migrations.Migration):
    dependencies = [("cadres", "0001_initial")]

    operations = [CCollate(t, "org_path") for t in TABLES]
