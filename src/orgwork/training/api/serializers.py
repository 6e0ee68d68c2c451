"""API serializers of the training app: the edit forms' fields, related objects by id within scope."""

from orgwork.core.api.serializers import ScopedModelSerializer
from orgwork.training.forms import AttendanceForm, CourseForm, EnrollmentForm, EvaluationForm, SessionForm
from orgwork.training.models import Attendance, Course, Enrollment, Evaluation, Session

__all__ = [
    "CourseSerializer",
    "SessionSerializer",
    "EnrollmentSerializer",
    "AttendanceSerializer",
    "SessionEvaluationSerializer",
]

BASE = ["id", "version", "created_at", "updated_at"]


class CourseSerializer(ScopedModelSerializer):
    class Meta:
        model = Course
        fields = [*BASE, *CourseForm.Meta.fields]


class SessionSerializer(ScopedModelSerializer):
    class Meta:
        model = Session
        fields = [*BASE, "org", *SessionForm.Meta.fields]
        read_only_fields = ["org"]


class EnrollmentSerializer(ScopedModelSerializer):
    class Meta:
        model = Enrollment
        fields = [*BASE, "org", *EnrollmentForm.Meta.fields]
        read_only_fields = ["org"]


class AttendanceSerializer(ScopedModelSerializer):
    """Present credits the session's hours (``/api/training/sessions/<id>/``)."""

    class Meta:
        model = Attendance
        fields = [*BASE, "org", "person", "date", *AttendanceForm.Meta.fields]
        read_only_fields = ["org", "person", "date"]


class SessionEvaluationSerializer(ScopedModelSerializer):
    class Meta:
        model = Evaluation
        fields = [*BASE, "org", *EvaluationForm.Meta.fields]
        read_only_fields = ["org"]
