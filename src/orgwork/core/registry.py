"""Register each model once; its generic pages and URLs come from the registration (NetBox style)."""

from dataclasses import dataclass, field

from django.urls import path

__all__ = ["ModelConfig", "registry", "register", "get_model_urls", "config_for"]


@dataclass
class ModelConfig:
    model: type
    filterset: type
    table: type
    form: type
    bulk_edit_form: type | None = None
    search_fields: tuple = ()
    detail_template: str | None = None
    list_template: str | None = None
    importer: type | None = None
    serializer: type | None = None
    # Mixins of the generated API viewset, before ScopedModelViewSet: extra actions such as verbs.
    api_mixins: tuple = ()
    # Last part of the API URL /api/<app>/<api_path>/; default: the model name plus "s".
    api_path: str = ""
    default_columns: tuple = ()
    extra: dict = field(default_factory=dict)

    def __post_init__(self):
        if not self.api_path:
            self.api_path = self.model._meta.model_name + "s"

    @property
    def label(self):
        return self.model._meta.label_lower

    @property
    def app_label(self):
        return self.model._meta.app_label

    @property
    def model_name(self):
        return self.model._meta.model_name

    def url_name(self, view):
        return f"{self.app_label}:{self.model_name}_{view}"


registry: dict[type, ModelConfig] = {}


def register(model, **kwargs) -> ModelConfig:
    cfg = ModelConfig(model=model, **kwargs)
    registry[model] = cfg
    if cfg.importer is not None:
        from orgwork.core.imports.jobs import register_import_job

        register_import_job(cfg)
    return cfg


def config_for(model) -> ModelConfig:
    return registry[model]


def get_model_urls(model, plural: str, *, views=None):
    """URL patterns /<plural>/, /<plural>/add/, /<plural>/<pk>/, …/edit/, …/delete/, /<plural>/bulk-edit/,
    and, when the model has an importer, /<plural>/import/ and /<plural>/import/template/."""
    from orgwork.core import views as generic

    cfg = registry[model]
    views = views or {}
    name = cfg.model_name
    v = {
        "list": views.get("list", generic.ObjectListView),
        "add": views.get("add", generic.ObjectEditView),
        "detail": views.get("detail", generic.ObjectDetailView),
        "edit": views.get("edit", generic.ObjectEditView),
        "delete": views.get("delete", generic.ObjectDeleteView),
        "bulk_edit": views.get("bulk_edit", generic.BulkEditView),
    }
    imports = []
    if cfg.importer is not None:
        from orgwork.core.imports import views as import_views

        imports = [
            path(f"{plural}/import/", import_views.ImportView.as_view(model=model), name=f"{name}_import"),
            path(
                f"{plural}/import/template/",
                import_views.ImportTemplateView.as_view(model=model),
                name=f"{name}_import_template",
            ),
        ]
    return [
        *imports,
        path(f"{plural}/", v["list"].as_view(model=model), name=f"{name}_list"),
        path(f"{plural}/add/", v["add"].as_view(model=model), name=f"{name}_add"),
        path(f"{plural}/bulk-edit/", v["bulk_edit"].as_view(model=model), name=f"{name}_bulk_edit"),
        path(f"{plural}/<int:pk>/", v["detail"].as_view(model=model), name=f"{name}_detail"),
        path(f"{plural}/<int:pk>/edit/", v["edit"].as_view(model=model), name=f"{name}_edit"),
        path(f"{plural}/<int:pk>/delete/", v["delete"].as_view(model=model), name=f"{name}_delete"),
    ]
