"""Choices of the talent app. Lists with no public spec (levels, industries, channels, card tiers)
are data in ``talent.rules``, not choices."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

__all__ = [
    "TalentCategory",
    "Origin",
    "ProgramKind",
    "AwardStatus",
    "CardStatus",
    "ContactWay",
    "StationKind",
    "ChallengeStatus",
    "TeamStatus",
]


class TalentCategory(models.TextChoices):
    INNOVATION = "innovation", _("innovation and entrepreneurship talent")  # 创新创业人才
    OVERSEAS = "overseas", _("overseas professional")  # 海外专业人才
    SKILLED = "skilled", _("highly skilled talent")  # 高技能人才
    YOUNG = "young", _("young talent")  # 青年人才
    PROFESSIONAL = "professional", _("professional and technical talent")  # 专业技术人才
    OTHER = "other", _("other talent")


class Origin(models.TextChoices):
    DOMESTIC = "domestic", _("domestic")
    OVERSEAS = "overseas", _("overseas")
    RETURNEE = "returnee", _("returnee from overseas")


class ProgramKind(models.TextChoices):
    NATIONAL = "national", _("national talent program")  # 国家级 (千人计划 …)
    SHUANGCHUANG = "shuangchuang", _("provincial innovation and entrepreneurship program")  # 省双创
    PROVINCIAL = "provincial", _("other provincial program")
    CITY = "city", _("city program")
    DISTRICT = "district", _("district program")  # 阳澄湖人才计划


class AwardStatus(models.TextChoices):
    APPLIED = "applied", pgettext_lazy("talent", "applied")
    AWARDED = "awarded", _("awarded")
    DECLINED = "declined", _("not awarded")


class CardStatus(models.TextChoices):
    ACTIVE = "active", pgettext_lazy("talent", "active")
    REVOKED = "revoked", pgettext_lazy("talent", "revoked")


class ContactWay(models.TextChoices):
    VISIT = "visit", pgettext_lazy("talent", "visit")
    TALK = "talk", _("talk or meeting")
    PHONE = "phone", pgettext_lazy("talent", "phone call")
    ONLINE = "online", _("online message")


class StationKind(models.TextChoices):
    STATION = "station", _("talent station")  # 人才驿站
    APARTMENT = "apartment", _("talent apartment")  # 人才公寓


class ChallengeStatus(models.TextChoices):
    OPEN = "open", _("open for applications")
    REVIEW = "review", _("under review")
    AWARDED = "awarded", _("taken up by a team")
    COMPLETED = "completed", pgettext_lazy("talent", "completed")
    FAILED = "failed", _("not achieved")
    WITHDRAWN = "withdrawn", pgettext_lazy("talent", "withdrawn")


class TeamStatus(models.TextChoices):
    APPLIED = "applied", pgettext_lazy("talent", "applied")
    SHORTLISTED = "shortlisted", _("shortlisted")
    WON = "won", _("awarded the challenge")
    REJECTED = "rejected", _("not chosen")
