"""Training test data, built through the real services."""

from datetime import date
from decimal import Decimal

from orgwork.core.services import create_object
from orgwork.training import services
from orgwork.training.models import Course, Evaluation, Session

__all__ = ["make_course", "make_session", "enroll", "mark", "make_evaluation"]


def make_course(
    org, name=None, *, starts_on=date(2024, 3, 1), ends_on=date(2024, 12, 31), kind="class", **kw
):
    return create_object(
        Course(
            org=org,
            name=name or "{}青年干部培训班".format(org.name),
            starts_on=starts_on,
            ends_on=ends_on,
            kind=kind,
            **kw,
        ),
        actor=None,
    )


def make_session(course, on=date(2024, 3, 5), hours="4", topic=None, **kw):
    return create_object(
        Session(
            course=course,
            date=on,
            topic=topic or "{}专题".format(course.org.name),
            hours=Decimal(hours),
            **kw,
        ),
        actor=None,
    )


def enroll(course, *people, tier="township"):
    services.enroll_people(course, people, actor=None, tier=tier)
    return list(course.enrollments.filter(person__in=people).order_by("pk"))


def mark(session, enrollment, status="present"):
    services.record_attendance(session, {enrollment.pk: status}, actor=None)
    return session.attendances.get(enrollment=enrollment)


def make_evaluation(session, content=4, teacher=5, comment=""):
    return create_object(
        Evaluation(session=session, content_score=content, teacher_score=teacher, comment=comment), actor=None
    )
