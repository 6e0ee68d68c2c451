"""Template context shared by every page."""

__all__ = ["navigation"]


def navigation(request):
    from orgwork.core.navigation import menu_for

    return {"nav_menu": menu_for(request.user) if getattr(request, "user", None) else []}
