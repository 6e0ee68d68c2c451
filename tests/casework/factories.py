from orgwork.casework import services
from orgwork.casework.models import Case


def make_case(org, title="村道路灯损坏夜间出行不便", *, actor=None, category="infrastructure", **kw):
    case = Case(
        title=title,
        description=kw.pop("description", title + "，群众希望尽快修复。"),
        source=kw.pop("source", "grid"),
        category=category,
        org=org,
        **kw,
    )
    return services.register_case(case, actor=actor)
