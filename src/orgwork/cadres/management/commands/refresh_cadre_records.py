"""Recompute every cadre's stored service record (``Cadre.service_record``: the post periods and
the highest education the selection rules read) from the post and education records. The hooks of
those records keep it in step; this repairs it after records were written around them (a raw SQL
load, a restore from an old backup)."""

from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = "Recompute the cadres' stored service records from their posts and education records."

    def handle(self, *args, **opts):
        from orgwork.cadres.services import refresh_service_records

        self.stdout.write(f"{refresh_service_records()} cadres")
