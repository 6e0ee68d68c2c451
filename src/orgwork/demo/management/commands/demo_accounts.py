"""``manage.py demo_accounts``: one demo account per role, idempotent, listed on screen."""

import unicodedata

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils import timezone

from orgwork.accounts.models import RoleGrant, User
from orgwork.accounts.roles import Role
from orgwork.accounts.services import create_user, grant_role, password_expired, update_user
from orgwork.orgs.choices import OrgLevel
from orgwork.orgs.models import Org

# 12 characters, four classes: passes the MLPS level 3 policy (10 characters, 3 classes).
DEMO_PASSWORD = "Demo@2026org"

# (username, display name, role, scope: "root" | "town_a" | "town_b" | None, may see ID numbers)
ACCOUNTS = (
    ("sysadmin", "系统管理员(演示)", Role.SYSTEM_ADMIN, None, False),
    ("secadmin", "安全管理员(演示)", Role.SECURITY_ADMIN, None, False),
    ("auditor", "安全审计员(演示)", Role.AUDITOR, None, False),
    ("city_admin", "市委组织部管理员", Role.ORG_ADMIN, "root", False),
    ("city_staff", "市委组织部工作人员", Role.ORG_STAFF, "root", False),
    ("city_viewer", "市委组织部查阅", Role.VIEWER, "root", False),
    ("zhenze_admin", "震泽镇组织委员", Role.ORG_ADMIN, "town_a", True),
    ("shengze_staff", "盛泽镇组织干事", Role.ORG_STAFF, "town_b", False),
)
TOWNS = {"town_a": "震泽镇党委", "town_b": "盛泽镇党委"}
# A login of a talent, with no role: linked to the person of the demo talent whose service requests
# the talent demo seeder walks through every state, so "我的" (/me/) shows them.
TALENT_ACCOUNT = ("talent_demo", "人才(演示)")
# Logins of a party member and of a cadre, with no role, for their panels under "我的".
MEMBER_ACCOUNT = ("member_demo", "党员(演示)")
CADRE_ACCOUNT = ("cadre_demo", "干部(演示)")


def _width(s: str) -> int:
    """Terminal columns: CJK characters take two."""
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in s)


def _pad(s: str, width: int) -> str:
    return s + " " * (width - _width(s))


class Command(BaseCommand):
    help = "Create (or repair) one demo account per role and print their user names and passwords."

    def handle(self, *args, **options):
        scopes = self.scopes()
        rows = []
        with transaction.atomic():
            for username, display, role, scope, sensitive in ACCOUNTS:
                user = self.ensure_user(username, display)
                org = scopes[scope] if scope else None
                if not RoleGrant.objects.filter(user=user, role=role, org=org).exists():
                    grant_role(user, role, org, actor=None, can_view_sensitive=sensitive)
                rows.append((username, str(role), org.full_name() if org else "(全局)", DEMO_PASSWORD))
            taken = []
            for (username, display), find in (
                (TALENT_ACCOUNT, self.demo_talent_person),
                (MEMBER_ACCOUNT, self.demo_member_person),
                (CADRE_ACCOUNT, self.demo_cadre_person),
            ):
                person = find(taken)
                if person is None:
                    continue
                taken.append(person.pk)
                user = self.ensure_user(username, display)
                if user.person_id != person.pk:
                    User.objects.filter(person=person).exclude(pk=user.pk).update(person=None)
                    update_user(
                        user, actor=None, display_name=user.display_name, phone=user.phone, person=person
                    )
                rows.append((username, "(无角色: 我的)", person.name, DEMO_PASSWORD))
        header = ("username", "role", "scope", "password")
        widths = [max(_width(str(r[i])) for r in [header, *rows]) for i in range(4)]
        for r in [header, tuple("-" * w for w in widths), *rows]:
            self.stdout.write("  ".join(_pad(str(v), w) for v, w in zip(r, widths, strict=True)).rstrip())
        self.stdout.write(
            "\nsysadmin, secadmin and auditor must enrol a TOTP app (any authenticator) at first login; "
            "the others log in with the password only. Demo passwords are not to be used anywhere else."
        )

    def scopes(self) -> dict[str, Org]:
        root = (
            Org.objects.filter(depth=1, code="320500").first()
            or Org.objects.filter(depth=1).order_by("path").first()
        )
        if root is None:
            raise CommandError("No organizations yet: run `manage.py seed_demo --scale small` first.")
        towns = Org.objects.filter(path__startswith=root.path, level=OrgLevel.TOWN).order_by("path")
        out = {"root": root}
        fallback = list(towns[:2])
        for key, name in TOWNS.items():
            org = towns.filter(name=name).first() or (fallback.pop(0) if fallback else root)
            out[key] = org
        return out

    def demo_talent_person(self, taken=()):
        """The person of the talent whose service requests the demo seeds first, or None."""
        from orgwork.casework.models import Case
        from orgwork.talent.rules import SERVICE_KIND

        case = (
            Case.objects.filter(kind=SERVICE_KIND, raised_by_person__isnull=False)
            .select_related("raised_by_person")
            .order_by("pk")
            .first()
        )
        return case.raised_by_person if case else None

    def demo_member_person(self, taken=()):
        """A party member with dues rows (the first, by id), or None without the members app."""
        from django.apps import apps

        if not apps.is_installed("orgwork.members"):
            return None
        from orgwork.members.models import Member

        member = (
            Member.objects.filter(dues__isnull=False, person__deleted_at__isnull=True)
            .exclude(person_id__in=taken)
            .select_related("person")
            .order_by("pk")
            .first()
        )
        return member.person if member else None

    def demo_cadre_person(self, taken=()):
        """A cadre with an assignment if there is one, else the first cadre, or None."""
        from django.apps import apps

        if not apps.is_installed("orgwork.cadres"):
            return None
        from orgwork.cadres.models import Cadre

        cadres = Cadre.objects.filter(person__deleted_at__isnull=True).exclude(person_id__in=taken)
        cadre = (
            cadres.filter(assignments__isnull=False).order_by("pk").first() or cadres.order_by("pk").first()
        )
        return cadre.person if cadre else None

    def ensure_user(self, username: str, display: str) -> User:
        user = User.objects.filter(username=username).first()
        if user is None:
            user = create_user(username=username, password=DEMO_PASSWORD, actor=None, display_name=display)
        elif not user.check_password(DEMO_PASSWORD):
            user.set_password(DEMO_PASSWORD)
            user.save(update_fields=["password", "password_changed_at"])
        changes = {}
        if user.must_change_password:
            changes["must_change_password"] = False
        if not user.is_active:
            changes["is_active"] = True
        if changes:
            User.objects.filter(pk=user.pk).update(**changes)
            user.refresh_from_db()
        if password_expired(user):
            User.objects.filter(pk=user.pk).update(password_changed_at=timezone.now())
        return user
