"""National code tables for people (shared/domain/RULES.md §2.4)."""

from django.db import models
from django.utils.translation import gettext_lazy as _

__all__ = ["Sex", "Education", "Degree", "PoliticalStatus", "Ethnicity", "AffiliationKind"]


class Sex(models.TextChoices):
    MALE = "M", _("male")
    FEMALE = "F", _("female")


class Education(models.TextChoices):
    """ZB64 学历."""

    POSTGRADUATE = "11", "研究生"
    POSTGRADUATE_CLASS = "13", "研究生班"
    CENTRAL_PARTY_SCHOOL_PG = "1A", "中央党校研究生"
    PROVINCIAL_PARTY_SCHOOL_PG = "1B", "省(区、市)委党校研究生"
    UNIVERSITY = "21", "大学本科"
    CENTRAL_PARTY_SCHOOL_UNI = "2A", "中央党校大学"
    PROVINCIAL_PARTY_SCHOOL_UNI = "2B", "省(区、市)委党校大学"
    COLLEGE = "31", "大学专科"
    CENTRAL_PARTY_SCHOOL_COLLEGE = "34", "中央党校大专"
    PROVINCIAL_PARTY_SCHOOL_COLLEGE = "37", "省(区、市)委党校大专"
    SECONDARY_SPECIALIZED = "41", "中等专科"
    TECHNICAL = "47", "技工学校"
    HIGH_SCHOOL = "61", "高中"
    JUNIOR_HIGH = "71", "初中"
    PRIMARY = "81", "小学"


class Degree(models.TextChoices):
    """GB/T 6864 学位 (top level)."""

    DOCTOR = "2", "博士"
    MASTER = "3", "硕士"
    BACHELOR = "4", "学士"
    NONE = "", "无"


class PoliticalStatus(models.TextChoices):
    """GB/T 4762 政治面貌."""

    CPC_MEMBER = "01", "中共党员"
    CPC_PROBATIONARY = "02", "中共预备党员"
    CYL_MEMBER = "03", "共青团员"
    RCCK = "04", "民革党员"
    CDL = "05", "民盟盟员"
    CNDCA = "06", "民建会员"
    CAPD = "07", "民进会员"
    PWDP = "08", "农工党党员"
    CZGD = "09", "致公党党员"
    JS = "10", "九三学社社员"
    TDSL = "11", "台盟盟员"
    NON_PARTISAN = "12", "无党派人士"
    MASSES = "13", "群众"


ETHNIC_NAMES = (
    "汉族 蒙古族 回族 藏族 维吾尔族 苗族 彝族 壮族 布依族 朝鲜族 满族 侗族 瑶族 白族 土家族 哈尼族 哈萨克族 傣族 黎族 "
    "傈僳族 佤族 畲族 高山族 拉祜族 水族 东乡族 纳西族 景颇族 柯尔克孜族 土族 达斡尔族 仫佬族 羌族 布朗族 撒拉族 毛南族 "
    "仡佬族 锡伯族 阿昌族 普米族 塔吉克族 怒族 乌孜别克族 俄罗斯族 鄂温克族 德昂族 保安族 裕固族 京族 塔塔尔族 独龙族 "
    "鄂伦春族 赫哲族 门巴族 珞巴族 基诺族"
).split()

# GB/T 3304: codes 01..56 in the standard's order.
Ethnicity = models.TextChoices(
    "Ethnicity", [(f"E{i + 1:02d}", (f"{i + 1:02d}", n)) for i, n in enumerate(ETHNIC_NAMES)]
)


class AffiliationKind(models.TextChoices):
    REGISTERED = "registered", _("registered by")
    SEAT = "seat", _("team seat")
    MEMBER = "member", _("party membership")
    POST = "post", _("post")
    EMPLOYER = "employer", _("employer")
