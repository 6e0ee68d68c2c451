"""The talent's own pages under 我的: their record, card, requests, filing and rating — without any
grant, and never another talent's request."""

from datetime import date

import pytest

from orgwork.casework import services as casework
from orgwork.casework import stats as casework_stats
from orgwork.casework.models import Case
from orgwork.talent import services
from tests.factories import make_org, make_user
from tests.talent.factories import make_card, make_talent

pytestmark = pytest.mark.django_db


def _login_for(talent, username):
    user = make_user(username)
    user.person = talent.person
    user.save()
    return user


@pytest.fixture
def setup(tree):
    talent = make_talent(tree["village_a"], "钱英才", level="A")
    other = make_talent(tree["village_b"], "孙英才", level="C")
    office = make_user("rcb", "org_admin", tree["district"])
    bureau = make_org("吴江区教育局", tree["district"])
    edu = make_user("edu", "org_staff", bureau)
    return {"talent": talent, "other": other, "office": office, "bureau": bureau, "edu": edu}


def _closed_request(s, talent, title="子女入学"):
    case = services.file_service_request(
        talent, actor=s["office"], category="schooling", title=title, description="x", lead=s["bureau"]
    )
    case = casework.request_close(case, actor=s["edu"], reply="已安排入学")
    return casework.verify_case(case, actor=s["office"])


def test_the_talent_sees_record_card_and_own_requests_only(client, setup):
    s = setup
    make_card(s["talent"])
    mine = _closed_request(s, s["talent"], "我的子女入学")
    _closed_request(s, s["other"], "别人的住房")
    client.force_login(_login_for(s["talent"], "qian"))
    page = client.get("/me/").content.decode()
    assert "A类" in page  # level
    assert "金卡" in page and "就医绿色通道" in page  # card tier and a benefit of it
    assert "我的子女入学" in page and "别人的住房" not in page
    assert 'data-case="{}"'.format(mine.pk) in page
    # No grant: the staff pages show nothing of anyone.
    assert "孙英才" not in client.get("/talent/talents/").content.decode()


def test_the_talent_files_a_request_that_the_office_then_assigns(
    client, setup, django_capture_on_commit_callbacks
):
    s = setup
    client.force_login(_login_for(s["talent"], "qian"))
    form = client.get("/talent/me/requests/add/").content.decode()
    assert 'value="schooling"' in form
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            "/talent/me/requests/add/",
            {"category": "housing", "title": "申请人才公寓", "description": "两居室"},
        )
    assert response.status_code == 302
    case = Case.objects.get(title="申请人才公寓")
    assert case.kind == "talent_service" and case.source == "talent"
    assert case.raised_by_person == s["talent"].person and case.org == s["talent"].org
    assert case.state == "registered"
    # The talent office is told, with a link to the request.
    from orgwork.notifications.models import Notice

    notice = Notice.objects.get(recipient=s["office"])
    assert "申请人才公寓" in notice.title and str(case.pk) in notice.url
    # The talent office sees it in its scope and assigns it with the working-day deadline.
    case = casework.assign_case(case, actor=s["office"], lead=s["bureau"], start=date(2024, 9, 27))
    assert case.due_on is not None
    page = client.get("/me/").content.decode()
    assert case.due_on.strftime("%Y-%m-%d") in page


def test_a_bad_request_form_keeps_the_input_and_says_why(client, setup):
    client.force_login(_login_for(setup["talent"], "qian"))
    response = client.post("/talent/me/requests/add/", {"category": "nonsense", "title": "保留标题"})
    assert response.status_code == 400
    assert "保留标题" in response.content.decode()
    assert not Case.objects.filter(title="保留标题").exists()


def test_the_talent_rates_a_closed_request_and_casework_stats_count_it(client, setup):
    s = setup
    case = _closed_request(s, s["talent"])
    client.force_login(_login_for(s["talent"], "qian"))
    response = client.post("/talent/me/requests/{}/rate/".format(case.pk), {"rating": "4", "note": "很及时"})
    assert response.status_code == 302
    case.refresh_from_db()
    assert case.state == "feedback" and case.satisfaction == 3  # 4 of 5 counts as satisfied
    event = case.events.get(kind="feedback")
    assert event.data["rating"] == 4 and event.note == "很及时"
    page = client.get("/me/").content.decode()
    assert "4 / 5" in page and "很及时" in page
    # Rated once: a second rating is refused.
    client.post("/talent/me/requests/{}/rate/".format(case.pk), {"rating": "1"})
    case.refresh_from_db()
    assert case.satisfaction == 3
    today = case.raised_on
    total = casework_stats.case_stats(case.org_path, today, today)["total"]
    assert total["rated"] == 1 and total["satisfied"] == 1


def test_user_a_cannot_see_or_rate_user_bs_request(client, setup):
    s = setup
    theirs = _closed_request(s, s["other"])
    client.force_login(_login_for(s["talent"], "qian"))
    response = client.post("/talent/me/requests/{}/rate/".format(theirs.pk), {"rating": "1"})
    assert response.status_code == 404
    theirs.refresh_from_db()
    assert theirs.state == "verified" and theirs.satisfaction is None
    assert client.get("/casework/cases/{}/".format(theirs.pk)).status_code in (403, 404)


def test_rating_an_open_request_is_refused_with_a_message(client, setup):
    s = setup
    case = services.file_service_request(
        s["talent"], actor=s["office"], category="medical", title="就医", description="x", lead=s["bureau"]
    )
    client.force_login(_login_for(s["talent"], "qian"))
    response = client.post("/talent/me/requests/{}/rate/".format(case.pk), {"rating": "5"}, follow=True)
    assert "不能" in response.content.decode() or "无法" in response.content.decode()
    case.refresh_from_db()
    assert case.satisfaction is None


def test_a_linked_person_who_is_not_a_talent_gets_a_clear_page(client, tree):
    from tests.factories import make_person

    user = make_user("plain")
    user.person = make_person("周平常", tree["village_a"])
    user.save()
    client.force_login(user)
    page = client.get("/talent/me/requests/add/").content.decode()
    assert 'id="me-not-talent"' in page
    assert 'id="panel-talent"' not in client.get("/me/").content.decode()
