"""Transfers (state machine, scope of the receiving side) and the module's own pages."""

import io
from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from orgwork.members import services
from orgwork.members.models import Member, Transfer
from tests.factories import make_org, make_user
from tests.members.factories import make_meeting, make_member, make_recruitment, make_transfer

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_b(tree):
    return make_user("admin_b", "org_admin", tree["town_b"])


def test_transfer_state_machine_allowed_and_refused(tree, admin_a):
    dest = make_org("震泽第二支部", tree["town_a"])
    t = make_transfer(make_member(tree["village_a"], "转接人"), dest)
    for action in ("accept", "receipt", "archive"):
        with pytest.raises(ValidationError):
            services.advance_transfer(t, action, actor=admin_a)
    t = services.advance_transfer(t, "approve", actor=admin_a)
    t = services.advance_transfer(t, "issue", actor=admin_a)
    with pytest.raises(ValidationError):
        services.advance_transfer(t, "approve", actor=admin_a)
    t = services.advance_transfer(t, "accept", actor=admin_a)
    assert Member.objects.get(pk=t.member_id).org_id == dest.pk
    t = services.advance_transfer(t, "receipt", actor=admin_a)
    t = services.advance_transfer(t, "archive", actor=admin_a)
    assert t.state == "archived"
    assert [h["action"] for h in t.history] == ["approve", "issue", "accept", "receipt", "archive"]
    assert {h["user"] for h in t.history} == {"admin_a"}


def test_withdraw_and_return_paths(tree, admin_a):
    t = make_transfer(make_member(tree["village_a"], "撤回人"), make_org("震泽三支部", tree["town_a"]))
    assert services.advance_transfer(t, "withdraw", actor=admin_a).state == "withdrawn"
    t2 = make_transfer(make_member(tree["village_a"], "退回人"), make_org("震泽四支部", tree["town_a"]))
    for a in ("approve", "issue", "return", "issue", "accept"):
        t2 = services.advance_transfer(t2, a, actor=admin_a)
    assert t2.state == "accepted"


def test_expired_letter_cannot_be_accepted(tree, admin_a):
    t = make_transfer(
        make_member(tree["village_a"], "过期人"), make_org("震泽五支部", tree["town_a"]), valid_days=10
    )
    services.advance_transfer(t, "approve", actor=admin_a)
    t = services.advance_transfer(t, "issue", actor=admin_a, on=date(2025, 1, 1))
    with pytest.raises(ValidationError, match="2025-01-11"):
        services.advance_transfer(t, "accept", actor=admin_a, on=date(2025, 1, 12))
    alerts = services.transfer_alerts(Transfer.objects.all(), today=date(2025, 1, 12))
    assert [x.pk for x, _why in alerts] == [t.pk]


def test_transfer_outside_the_scope_goes_to_the_receiving_inbox(client, tree, admin_a, admin_b):
    dest = make_org("盛泽镇某村党支部", tree["town_b"], code="SZ-DEST")
    member = make_member(tree["village_a"], "跨镇转接人")
    client.force_login(admin_a)
    response = client.post(
        reverse("members:transfer_add"),
        {
            "member": member.pk,
            "kind": "within",
            "to_org": "SZ-DEST",
            "letter_kind": "online",
            "valid_days": 30,
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    t = Transfer.objects.get()
    for a in ("approve", "issue"):
        client.post(reverse("members:transfer_action", args=[t.pk]), {"action": a})
    t.refresh_from_db()
    assert t.state == "issued"
    # The sender cannot accept for the receiving branch.
    client.post(reverse("members:transfer_action", args=[t.pk]), {"action": "accept"})
    t.refresh_from_db()
    assert t.state == "issued"
    assert Member.objects.get(pk=member.pk).org_id == tree["village_a"].pk
    # The receiving township sees it in its inbox and accepts.
    client.force_login(admin_b)
    inbox = client.get(reverse("members:transfer_inbox")).content.decode()
    assert "跨镇转接人" in inbox
    client.post(reverse("members:transfer_action", args=[t.pk]), {"action": "accept"})
    t.refresh_from_db()
    assert t.state == "accepted"
    assert Member.objects.get(pk=member.pk).org_id == dest.pk
    # The member now lies in township B's scope, and no longer in A's.
    assert client.get(reverse("members:member_detail", args=[member.pk])).status_code == 200
    client.force_login(admin_a)
    assert client.get(reverse("members:member_detail", args=[member.pk])).status_code == 404
    assert client.get(reverse("members:transfer_detail", args=[t.pk])).status_code == 200


def test_third_township_does_not_see_the_transfer(client, tree, admin_a):
    other = make_org("平望镇党委", tree["district"], kind="committee", level="town")
    t = make_transfer(make_member(tree["village_a"], "隐秘人"), make_org("震泽六支部", tree["town_a"]))
    client.force_login(make_user("admin_c", "org_admin", other))
    assert client.get(reverse("members:transfer_detail", args=[t.pk])).status_code == 404
    assert "隐秘人" not in client.get(reverse("members:transfer_inbox")).content.decode()


def test_due_this_month_page_and_recording_a_step(client, tree, admin_a):
    from orgwork.orgs.rules import add_months

    applied = add_months(timezone.localdate().replace(day=1), -1)
    rec = make_recruitment(tree["village_a"], "本月谈话人", applied=applied)
    services.record_step(rec, 1, done_on=rec.applied_on, actor=None)
    make_recruitment(tree["village_b"], "外镇申请人")
    client.force_login(admin_a)
    body = client.get(reverse("members:due_this_month")).content.decode()
    assert "本月谈话人" in body and "外镇申请人" not in body
    response = client.post(
        reverse("members:recruitment_record_step", args=[rec.pk]),
        {
            "step": 2,
            "done_on": timezone.localdate().isoformat(),
            "people": "支部书记",
            "next": "/members/due-this-month/",
        },
    )
    assert response.status_code == 302
    rec.refresh_from_db()
    assert rec.last_step == 2


def test_refused_step_shows_the_reason(client, tree, admin_a):
    rec = make_recruitment(tree["village_a"], "急躁人", applied=date(2025, 1, 1))
    for s, d in (
        (1, date(2025, 1, 1)),
        (2, date(2025, 1, 5)),
        (3, date(2025, 2, 1)),
        (4, date(2025, 2, 2)),
        (5, date(2025, 2, 3)),
        (6, date(2025, 3, 1)),
    ):
        services.record_step(rec, s, done_on=d, actor=None)
    client.force_login(admin_a)
    response = client.post(
        reverse("members:recruitment_record_step", args=[rec.pk]),
        {"step": 7, "done_on": "2025-06-01"},
        follow=True,
    )
    assert "120" in response.content.decode()
    rec.refresh_from_db()
    assert rec.last_step == 6


def test_stats_page_and_sheets(client, tree, admin_a):
    make_member(tree["village_a"], "统计甲", sex="F", birth=date(1990, 1, 1))
    make_member(tree["village_a"], "统计乙", status="probationary", joined=date(2025, 1, 1))
    make_member(tree["village_b"], "统计丙")
    client.force_login(admin_a)
    response = client.get(reverse("members:stats"), {"within": tree["town_a"].pk, "as_of": "2025-06-30"})
    s = response.context["s"]
    assert s["total"] == 2
    assert dict(s["status"]) == {"正式党员": 1, "预备党员": 1} or sum(n for _l, n in s["status"]) == 2
    for dim in ("status", "category", "age", "education", "sex", "ethnicity", "party_age"):
        assert sum(n for _l, n in s[dim]) == 2, dim
    before = client.get(reverse("members:stats"), {"within": tree["town_a"].pk, "as_of": "2024-12-31"})
    assert before.context["s"]["total"] == 1
    from openpyxl import load_workbook

    xlsx = client.get(reverse("members:stats"), {"within": tree["town_a"].pk, "_export": "xlsx"})
    wb = load_workbook(io.BytesIO(xlsx.content))
    assert wb.active["A1"].value
    ye = client.get(
        reverse("members:stats"), {"within": tree["town_a"].pk, "_export": "year_end", "year": 2025}
    )
    text = [c.value for row in load_workbook(io.BytesIO(ye.content)).active.iter_rows() for c in row]
    assert not any(isinstance(v, str) and v.endswith("✗") for v in text)


def test_national_export_reimports_unchanged(client, tree, admin_a):
    from openpyxl import load_workbook

    from orgwork.members.importers import NATIONAL_HEADERS, MemberImporter

    make_member(tree["village_a"], "导出甲", post="教师")
    make_member(
        tree["village_a"], "导出乙", status="probationary", joined=date(2025, 3, 1), category="retired"
    )
    client.force_login(admin_a)
    response = client.get(reverse("members:member_national_export"))
    wb = load_workbook(io.BytesIO(response.content))
    rows = list(wb.active.iter_rows(values_only=True))
    assert tuple(rows[0]) == NATIONAL_HEADERS
    assert len(rows) == 3
    path = io.BytesIO(response.content)
    tmp = __import__("tempfile").NamedTemporaryFile(suffix=".xlsx", delete=False)
    tmp.write(path.getvalue())
    tmp.close()
    before = {
        m.pk: (m.status, m.joined_on, m.confirmed_on, m.post, m.category, m.version)
        for m in Member.objects.all()
    }
    result = MemberImporter(admin_a).run(tmp.name, commit=True)
    assert result.ok, [str(e) for e in result.errors]
    after = {
        m.pk: (m.status, m.joined_on, m.confirmed_on, m.post, m.category, m.version)
        for m in Member.objects.all()
    }
    assert after == before


def test_import_of_a_national_file_creates_people_and_members(tree, admin_a, tmp_path):
    from openpyxl import Workbook

    from orgwork.members.importers import NATIONAL_HEADERS, MemberImporter
    from tests.factories import id_number_for

    wb = Workbook()
    ws = wb.active
    ws.append(list(NATIONAL_HEADERS))
    number = id_number_for(date(1988, 8, 8), "F", seq=7)
    ws.append(
        [
            "新导入",
            "女",
            number,
            "汉族",
            "1988-08-08",
            "大学本科",
            "正式党员",
            tree["village_a"].code,
            "2012-06-01",
            "2013-06-01",
            "会计",
            "13912345678",
            "众安桥村1组",
            "正常",
            "否",
            None,
            "是",
            "浙江省杭州市",
            "在职",
        ]
    )
    f = tmp_path / "m.xlsx"
    wb.save(f)
    result = MemberImporter(admin_a).run(str(f), commit=True)
    assert result.ok, [str(e) for e in result.errors]
    m = Member.objects.get(person__id_number=number)
    assert (m.status, m.floating, m.float_destination, m.person.political_status) == (
        "full",
        True,
        "浙江省杭州市",
        "01",
    )


def test_meeting_completeness_view(client, tree, admin_a):
    branch = make_org("震泽机关第一支部", tree["town_a"])
    make_meeting(branch, kind="general_meeting", held_on=date(2025, 2, 1))
    for m in (1, 2, 3):
        make_meeting(branch, kind="committee_meeting", held_on=date(2025, m, 5))
    client.force_login(admin_a)
    response = client.get(
        reverse("members:meeting_completeness"), {"within": tree["town_a"].pk, "year": 2025, "quarter": 1}
    )
    rows = {b.name: cells for b, cells, _short, _att in response.context["rows"]}
    kinds = [k for k, _l, _c in response.context["kinds"]]
    cells = dict(zip(kinds, rows["震泽机关第一支部"], strict=True))
    assert cells["general_meeting"] == (1, 1, True)
    assert cells["committee_meeting"] == (3, 3, True)
    assert cells["theme_day"] == (0, 3, False)


def test_dues_ledger_and_export(client, tree, admin_a):
    make_member(tree["village_a"], "缴费甲", dues_base=4000)
    client.force_login(admin_a)
    url = reverse("members:dues_ledger")
    client.post(url + "?within={}".format(tree["town_a"].pk), {"month": "2025-03"})
    page = client.get(url, {"within": tree["town_a"].pk, "month": "2025-03"})
    assert page.context["totals"]["n"] == 1
    assert Decimal(str(page.context["totals"]["due_sum"])) == Decimal("40")
    xlsx = client.get(url, {"within": tree["town_a"].pk, "month": "2025-03", "_export": "xlsx"})
    assert xlsx.status_code == 200 and xlsx["Content-Type"].startswith("application/vnd.openxmlformats")


def test_cached_statistics_follow_every_change(tree, admin_a):
    from orgwork.core.services import update_object
    from orgwork.members.stats import member_stats

    m = make_member(tree["village_a"], "缓存甲")
    today = date(2026, 1, 1)
    assert member_stats(tree["town_a"].path, today)["total"] == 1
    m.membership_state = "lapsed"
    update_object(m, actor=admin_a)
    assert member_stats(tree["town_a"].path, today)["total"] == 0


def test_deleting_a_member_resets_the_political_status_and_restoring_sets_it_back(client, tree, admin_a):
    from django.contrib.contenttypes.models import ContentType

    from orgwork.core.services import update_object
    from orgwork.people.models import Affiliation, Person
    from tests.factories import make_person

    league = make_person("团员转党员", tree["village_a"], political_status="03")
    m = make_member(tree["village_a"], person=league)
    plain = make_member(tree["village_a"], "无记录党员")
    assert Person.objects.get(pk=league.pk).political_status == "01"
    assert Affiliation.objects.filter(person=league, kind="member").exists()

    client.force_login(admin_a)
    resp = client.post(reverse("members:member_delete", args=[m.pk]))
    assert resp.status_code == 302
    league.refresh_from_db()
    assert league.political_status == "03"  # back to 共青团员, as before the membership
    assert not Affiliation.objects.filter(person=league, kind="member").exists()

    ct = ContentType.objects.get_for_model(Member)
    client.post(reverse("core:restore", args=[ct.pk, m.pk]))
    league.refresh_from_db()
    assert league.political_status == "01"
    assert Affiliation.objects.filter(person=league, kind="member").exists()

    # A probationary member comes back as 02; a person with no earlier status becomes 群众.
    plain = Member.objects.get(pk=plain.pk)
    plain.status, plain.confirmed_on = "probationary", None
    update_object(plain, actor=admin_a)
    assert Person.objects.get(pk=plain.person_id).political_status == "02"
    client.post(reverse("members:member_delete", args=[plain.pk]))
    assert Person.objects.get(pk=plain.person_id).political_status == "13"
    client.post(reverse("core:restore", args=[ct.pk, plain.pk]))
    assert Person.objects.get(pk=plain.person_id).political_status == "02"


def test_a_member_who_left_the_party_loses_the_status_a_deceased_one_keeps_it(tree, admin_a):
    from orgwork.core.services import update_object
    from orgwork.people.models import Person

    left, died = make_member(tree["village_a"], "出党者"), make_member(tree["village_a"], "逝世者")
    left.membership_state, died.membership_state = "lapsed", "deceased"
    update_object(left, actor=admin_a)
    update_object(died, actor=admin_a)
    assert Person.objects.get(pk=left.person_id).political_status == "13"
    assert Person.objects.get(pk=died.person_id).political_status == "01"


def test_statistics_by_every_dimension_against_hand_counts(tree, admin_a):
    """Three members of township A count on 2025-06-30; the one joining later, the one who left,
    the one in the recycle bin and the one in township B do not. Age and 党龄 bands at their edges:
    31 on the day (birthday included), 党龄 of exactly 5 years; a day earlier both fall a band lower."""
    from orgwork.core.services import delete_object, update_object
    from orgwork.members.choices import MemberCategory
    from orgwork.members.stats import member_stats
    from orgwork.people.choices import Education, Ethnicity
    from tests.factories import make_person

    va = tree["village_a"]

    def member(name, org=va, *, birth, sex="M", education="21", ethnicity="01", **kw):
        person = make_person(name, org, birth=birth, sex=sex, education=education, ethnicity=ethnicity)
        return make_member(org, person=person, **kw)

    member("甲", birth=date(1995, 6, 30), sex="F", joined=date(2019, 7, 1), confirmed=date(2020, 7, 1))
    member(
        "乙",
        birth=date(1994, 6, 30),
        education="31",
        ethnicity="03",
        category="retired",
        joined=date(2019, 6, 30),
        confirmed=date(2020, 6, 30),
    )
    member(
        "丙",
        birth=date(1960, 1, 1),
        education="",
        category="farmer",
        status="probationary",
        joined=date(2025, 1, 1),
    )
    member("后来者", birth=date(1980, 1, 1), joined=date(2025, 7, 1), confirmed=date(2026, 7, 1))
    left = member("出党者", birth=date(1980, 1, 1))
    left.membership_state = "lapsed"
    update_object(left, actor=admin_a)
    delete_object(member("回收站", birth=date(1980, 1, 1)), actor=admin_a)
    member("外镇", tree["village_b"], birth=date(1980, 1, 1))

    s = member_stats(tree["town_a"].path, date(2025, 6, 30))
    nonzero = {dim: {k: n for k, n in s[dim] if n} for dim in ("status", "sex", "age", "party_age")}
    assert s["total"] == 3 and s["female"] == 1 and s["minority"] == 1
    assert nonzero["status"] == {"正式党员": 2, "预备党员": 1}
    assert nonzero["sex"] == {"男": 2, "女": 1}
    assert nonzero["age"] == {"≤30": 1, "31–35": 1, "61–70": 1}
    assert nonzero["party_age"] == {"<5": 1, "5–9": 1, "预备期": 1}
    assert dict(s["category"]) == {
        str(MemberCategory.IN_SERVICE.label): 1,
        str(MemberCategory.RETIRED.label): 1,
        str(MemberCategory.FARMER.label): 1,
    }
    assert dict(s["education"]) == {Education.UNIVERSITY.label: 1, Education.COLLEGE.label: 1, "未知": 1}
    ethnic = dict(Ethnicity.choices)
    assert dict(s["ethnicity"]) == {ethnic["01"]: 2, ethnic["03"]: 1}

    day_before = member_stats(tree["town_a"].path, date(2025, 6, 29))
    assert {k: n for k, n in day_before["age"] if n} == {"≤30": 2, "61–70": 1}
    assert {k: n for k, n in day_before["party_age"] if n} == {"<5": 2, "预备期": 1}
    # Before 丙 joined: two members, both full.
    assert {k: n for k, n in member_stats(tree["town_a"].path, date(2024, 12, 31))["status"] if n} == {
        "正式党员": 2
    }


def test_year_end_tables_of_admissions_and_confirmations_against_hand_counts(tree):

    from orgwork.core.services import create_object
    from orgwork.members.models import Recruitment
    from orgwork.members.stats import year_end_report
    from tests.factories import make_person

    def rec(name, org=tree["village_a"], *, birth, sex="M", education="21", ethnicity="01", **dates):
        person = make_person(name, org, birth=birth, sex=sex, education=education, ethnicity=ethnicity)
        r = create_object(Recruitment(person=person, org=org, applied_on=date(2020, 1, 1)), actor=None)
        Recruitment.objects.filter(pk=r.pk).update(**dates)  # milestones the 25 steps would have set
        return r

    rec("甲", birth=date(2000, 3, 1), sex="F", admitted_on=date(2025, 5, 10), approved_on=date(2025, 6, 10))
    rec(
        "乙",
        birth=date(1985, 1, 1),
        education="41",
        ethnicity="03",
        admitted_on=date(2025, 9, 1),
        approved_on=date(2025, 10, 1),
    )
    rec("待批", birth=date(1990, 1, 1), admitted_on=date(2025, 11, 1))  # not approved yet
    rec(
        "延长",
        birth=date(1990, 1, 1),
        admitted_on=date(2024, 1, 10),
        approved_on=date(2024, 2, 1),
        extended_months=6,
        confirmed_on=date(2025, 7, 10),
    )
    rec(
        "按期",
        birth=date(1990, 1, 1),
        admitted_on=date(2024, 3, 1),
        approved_on=date(2024, 4, 1),
        confirmed_on=date(2025, 3, 1),
    )
    rec(
        "外镇",
        tree["village_b"],
        birth=date(1990, 1, 1),
        admitted_on=date(2025, 5, 1),
        approved_on=date(2025, 6, 1),
    )

    wb, checks = year_end_report(tree["town_a"], 2025)
    assert all(ok for _title, ok in checks), checks
    cells = [(r[0].value, r[1].value if len(r) > 1 else None) for r in wb.active.iter_rows(max_col=2)]

    def block(title):
        start = next(i for i, (a, _b) in enumerate(cells) if a == title) + 2
        end = next(i for i in range(start, len(cells)) if cells[i][0] == "合计")
        return dict(cells[start:end])

    def line(label, after):
        start = next(i for i, (a, _b) in enumerate(cells) if a == after)
        return next(b for a, b in cells[start:] if a == label)

    assert block("表14 发展党员情况:性别") == {"男": 1, "女": 1}
    assert block("表14 发展党员情况:入党时年龄") == {"≤25": 1, "36–45": 1}
    assert block("表15 发展党员情况:学历") == {"大学本科": 1, "中等专科": 1}
    after = "表15 发展党员情况:学历"
    assert (line("其中女党员", after), line("其中少数民族", after)) == (1, 1)
    assert (line("其中35岁及以下", after), line("其中大专及以上学历", after)) == (1, 1)
    conf = "表13 预备党员转正情况"
    assert (line("本年转正", conf), line("其中按期转正", conf), line("其中延长预备期后转正", conf)) == (
        2,
        1,
        1,
    )


def test_roll_call_of_a_meeting_feeds_the_counts_the_member_page_and_the_quarter(client, tree, admin_a):
    from orgwork.members.models import Meeting, MeetingAttendance

    branch = make_org("震泽点名支部", tree["town_a"])
    a, b, c = (make_member(branch, n) for n in ("点名甲", "点名乙", "点名丙"))
    later = make_member(branch, "后入党者", joined=date(2025, 6, 1), confirmed=None, status="probationary")
    meeting = make_meeting(branch, kind="general_meeting", held_on=date(2025, 2, 10))
    client.force_login(admin_a)
    page = client.get(reverse("members:meeting_detail", args=[meeting.pk]))
    assert [m.pk for m, _row in page.context["roll"]] == sorted(
        [a.pk, b.pk, c.pk], key=lambda pk: Member.objects.get(pk=pk).person.name_pinyin
    )
    assert later.pk not in [m.pk for m, _row in page.context["roll"]]

    url = reverse("members:meeting_roll_call", args=[meeting.pk])
    roll = {f"status_{a.pk}": "present", f"status_{b.pk}": "excused", f"status_{c.pk}": "absent"}
    response = client.post(url, roll, follow=True)
    assert "点名乙" in response.content.decode() and "请假" in response.content.decode()
    assert not MeetingAttendance.objects.exists()  # a leave without its reason: nothing saved
    client.post(url, {**roll, f"reason_{b.pk}": "外出学习"})
    assert dict(MeetingAttendance.objects.values_list("member_id", "status")) == {
        a.pk: "present",
        b.pk: "excused",
        c.pk: "absent",
    }
    assert Meeting.objects.filter(pk=meeting.pk).values_list("expected", "present").get() == (3, 1)
    # 乙 came after all: the counts follow.
    client.post(url, {**roll, f"status_{b.pk}": "present"})
    assert Meeting.objects.filter(pk=meeting.pk).values_list("expected", "present").get() == (3, 2)

    own = client.get(reverse("members:member_detail", args=[c.pk]))
    assert [(x.meeting_id, x.status) for x in own.context["attendance"]] == [(meeting.pk, "absent")]

    quarter = client.get(
        reverse("members:meeting_completeness"), {"within": tree["town_a"].pk, "year": 2025, "quarter": 1}
    )
    att = {br.name: att for br, _cells, _short, att in quarter.context["rows"]}
    assert att["震泽点名支部"] == (66.7, 0, 1)  # 2 of 3 present, none excused, 1 absent


def test_attendance_of_a_member_of_another_branch_is_refused(tree, admin_a):
    from orgwork.core.services import create_object
    from orgwork.members.models import MeetingAttendance

    meeting = make_meeting(make_org("震泽甲支部", tree["town_a"]))
    stranger = make_member(make_org("震泽乙支部", tree["town_a"]), "别支部党员")
    with pytest.raises(ValidationError, match="不属于"):
        create_object(MeetingAttendance(meeting=meeting, member=stranger), actor=admin_a)
    with pytest.raises(ValidationError):
        services.record_roll_call(meeting, {stranger.pk: ("present", "")}, actor=admin_a)
    assert not MeetingAttendance.objects.exists()
