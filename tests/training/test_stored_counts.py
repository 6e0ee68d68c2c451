"""Trainee-times per class and attendance-times per session are stored (the statistics read them
instead of counting every enrollment and attendance row): they follow every way a trainee or an
attendance changes — the roster, the generic pages, the recycle bin — and equal a direct count."""

from datetime import date

import pytest
from django.core.management import call_command
from django.urls import reverse

from orgwork.core.services import restore_object
from orgwork.training.models import Attendance, Course, Enrollment, Session
from tests.factories import make_person
from tests.training.factories import enroll, make_course, make_session, mark

pytestmark = pytest.mark.django_db

STATS = "?start=2024-01-01&end=2024-12-31"


def _totals(client):
    return client.get(reverse("training:statistics") + STATS).context["totals"]


def _direct(course, session):
    return (
        Enrollment.objects.filter(course=course).exclude(status="withdrawn").count(),
        Attendance.objects.filter(session=session, status="present").count(),
    )


def _stored(course, session):
    return Course.objects.get(pk=course.pk).trainee_count, Session.objects.get(pk=session.pk).present_count


def test_counts_follow_the_roster_and_the_pages(client, tree, admin_a):
    course = make_course(tree["town_a"], "震泽镇青年干部培训班")
    people = [make_person(n, tree["village_a"], id_number=None) for n in ("许一", "许二", "许三")]
    e1, e2, e3 = enroll(course, *people)
    session = make_session(course, date(2024, 5, 6), "3")
    client.force_login(admin_a)
    roster = reverse("training:session_roster", args=[session.pk])
    client.post(
        roster, {f"status_{e1.pk}": "present", f"status_{e2.pk}": "present", f"status_{e3.pk}": "leave"}
    )
    assert _stored(course, session) == _direct(course, session) == (3, 2)
    assert (_totals(client)["trainee_times"], _totals(client)["attendance_times"]) == (3, 2)

    # A trainee withdrawn on the enrollment's edit page no longer counts as a trainee-time.
    response = client.post(
        reverse("training:enrollment_edit", args=[e3.pk]),
        {
            "course": course.pk,
            "person": e3.person_id,
            "tier": e3.tier,
            "status": "withdrawn",
            "enrolled_on": e3.enrolled_on.isoformat(),
            "notes": "",
            "version": Enrollment.objects.get(pk=e3.pk).version,
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    assert _totals(client)["trainee_times"] == 2

    # An attendance row sent to the recycle bin and restored.
    att = Attendance.objects.get(session=session, enrollment=e2)
    assert client.post(reverse("training:attendance_delete", args=[att.pk])).status_code == 302
    assert _stored(course, session) == _direct(course, session) == (2, 1)
    assert _totals(client)["attendance_times"] == 1
    restore_object(Attendance.all_objects.get(pk=att.pk), actor=admin_a)
    assert _stored(course, session) == (2, 2)


def test_a_class_saved_from_an_old_copy_keeps_its_count(tree):
    course = make_course(tree["town_a"], "震泽镇党务干部班")
    old_copy = Course.objects.get(pk=course.pk)
    (e1,) = enroll(course, make_person("钟一", tree["village_a"], id_number=None))
    session = make_session(course, date(2024, 6, 1), "2")
    old_session = Session.objects.get(pk=session.pk)
    mark(session, e1)
    from orgwork.core.services import update_object

    old_copy.name = "震泽镇党务干部培训班"
    update_object(old_copy, actor=None)
    old_session.topic = "党建引领"
    update_object(old_session, actor=None)
    assert _stored(course, session) == (1, 1)


def test_refresh_command_repairs_counts_written_around_the_hooks(tree):
    course = make_course(tree["town_a"], "震泽镇夜校第9期")
    (e1,) = enroll(course, make_person("钟二", tree["village_a"], id_number=None))
    session = make_session(course, date(2024, 7, 1), "2")
    mark(session, e1)
    Attendance.objects.filter(session=session).update(status="absent")  # no hook runs
    assert _stored(course, session) == (1, 1)
    call_command("refresh_training_counts", stdout=open("/dev/null", "w"))
    assert _stored(course, session) == _direct(course, session) == (1, 0)
