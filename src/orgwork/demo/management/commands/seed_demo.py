"""``manage.py seed_demo --scale small|city [--if-empty] [--seed N]``: load the demo data."""

from django.core.management.base import BaseCommand, CommandError

from orgwork.demo import generator
from orgwork.demo.generator import SCALES
from orgwork.orgs.models import Org


class Command(BaseCommand):
    help = "Load deterministic demo data: the Suzhou-like org tree, people, terms and team seats."

    def add_arguments(self, parser):
        parser.add_argument(
            "--scale",
            choices=sorted(SCALES),
            default="small",
            help="small: ~500 orgs, 6,000 people (seconds); city: ~21,000 orgs, 700,000 people (minutes)",
        )
        parser.add_argument("--seed", type=int, default=1, help="random seed (same seed, same data)")
        parser.add_argument("--if-empty", action="store_true", help="do nothing when any organization exists")
        parser.add_argument(
            "--modules",
            help="comma-separated module seeders to run after the core tree (default: all; '' for none)",
        )

    def handle(self, *args, scale, seed: int, if_empty: bool, modules=None, **options):
        from orgwork.demo.extensions import seeder_names

        only = None if modules is None else [m.strip() for m in modules.split(",") if m.strip()]
        unknown = sorted(set(only or ()) - set(seeder_names()))
        if unknown:
            raise CommandError(
                "Unknown module seeder(s): {}; known: {}.".format(
                    ", ".join(unknown), ", ".join(seeder_names())
                )
            )
        if Org.all_objects.exists():
            if if_empty:
                self.stdout.write("seed_demo: organizations exist already; nothing done (--if-empty).")
                return
            raise CommandError(
                "The database already holds organizations; seed_demo loads into an empty tree only "
                "(use --if-empty to skip quietly, or start from a fresh database)."
            )
        verbose = options.get("verbosity", 1) >= 2
        result = generator.seed(
            scale, seed, progress=(lambda m: self.stdout.write("  " + m)) if verbose else None, modules=only
        )
        self.stdout.write(
            self.style.SUCCESS(
                f"seed_demo --scale {result.scale} --seed {result.seed}: {result.orgs} orgs, {result.people} people, "
                f"{result.terms} terms, {result.seats} seats, {result.affiliations} affiliations in {result.seconds:.1f} s"
            )
        )
        for name, counts in result.modules.items():
            self.stdout.write(f"  {name}: " + ", ".join(f"{v} {k}" for k, v in counts.items()))
