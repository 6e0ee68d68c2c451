"""Pick lists of the org tree."""

from django.db import models
from django.utils.translation import gettext_lazy as _

__all__ = ["OrgKind", "OrgLevel", "Sector", "TeamKind", "SeatRole", "SEAT_ROLE_RANK"]


class OrgKind(models.TextChoices):
    COMMITTEE = "committee", _("party committee")
    GENERAL_BRANCH = "general_branch", _("general party branch")
    BRANCH = "branch", _("party branch")
    JOINT_BRANCH = "joint_branch", _("joint party branch")


class OrgLevel(models.TextChoices):
    """Administrative level of the area an org leads; blank for a grassroots unit's own org."""

    CITY = "city", _("city")
    DISTRICT = "district", _("district / county")
    TOWN = "town", _("town / street")
    VILLAGE = "village", _("village")
    COMMUNITY = "community", _("community")
    UNIT = "unit", _("unit")


class Sector(models.TextChoices):
    ORGAN = "organ", _("government organ")
    INSTITUTION = "institution", _("public institution")
    SOE = "soe", _("state-owned enterprise")
    ENTERPRISE = "enterprise", _("non-public enterprise")
    SOCIAL_ORG = "social_org", _("social organization")
    VILLAGE = "village", _("village")
    COMMUNITY = "community", _("community")
    SCHOOL = "school", _("school")
    HOSPITAL = "hospital", _("hospital")
    OTHER = "other", _("other")


class TeamKind(models.TextChoices):
    PARTY = "party", _("party committee (branch committee)")
    RESIDENTS = "residents", _("villagers' / residents' committee")


class SeatRole(models.TextChoices):
    SECRETARY = "secretary", _("secretary")
    DEPUTY_SECRETARY = "deputy_secretary", _("deputy secretary")
    MEMBER = "member", _("committee member")
    DIRECTOR = "director", _("director")
    DEPUTY_DIRECTOR = "deputy_director", _("deputy director")


# Listing order of a team: the secretary first, then deputies, then members (not alphabetical).
SEAT_ROLE_RANK = {
    SeatRole.SECRETARY: 1,
    SeatRole.DEPUTY_SECRETARY: 2,
    SeatRole.DIRECTOR: 3,
    SeatRole.DEPUTY_DIRECTOR: 4,
    SeatRole.MEMBER: 5,
}
