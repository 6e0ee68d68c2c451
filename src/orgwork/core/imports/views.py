"""The import page of a registered model: upload → preview (every problem as 第 N 行 字段: 原因,
and what would be added, updated and left unchanged) → commit. Files above
``ORGWORK["IMPORT_SYNC_MAX_ROWS"]`` rows go to a background job for the preview and the commit."""

from pathlib import Path
from urllib.parse import quote

from django.conf import settings
from django.contrib import messages
from django.core.files import File
from django.http import Http404, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views import View

from orgwork.accounts.scope import has_action
from orgwork.core.imports import storage
from orgwork.core.imports.jobs import job_kind_name, jobs_module, run_import
from orgwork.core.imports.readers import SUFFIXES
from orgwork.core.imports.template import build_template, example_values
from orgwork.core.views import ModelViewMixin

__all__ = ["ImportView", "ImportTemplateView", "may_import", "sync_limit"]

MAX_UPLOAD_BYTES = 100 * 1024 * 1024


def sync_limit() -> int:
    return int(settings.ORGWORK.get("IMPORT_SYNC_MAX_ROWS", 2000))


def may_import(user) -> bool:
    """The import pages are for users who may import and add or change records somewhere;
    each row is then checked against the scope of its own action."""
    return has_action(user, "import") and (has_action(user, "add") or has_action(user, "change"))


class ImportMixin(ModelViewMixin):
    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            return self.handle_no_permission()
        if self.cfg.importer is None or not may_import(request.user):
            raise Http404("not found")
        return super().dispatch(request, *args, **kwargs)


class ImportTemplateView(ImportMixin, View):
    """The xlsx template: Chinese headers, an example row, a notes sheet."""

    def get(self, request):
        importer = self.cfg.importer(request.user)
        data = build_template(importer)
        name = _("{} import template").format(importer.title or self.model._meta.verbose_name_plural)
        response = HttpResponse(
            data, content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
        )
        response["Content-Disposition"] = "attachment; filename*=UTF-8''{}".format(quote(name + ".xlsx"))
        return response


class ImportView(ImportMixin, View):
    template_name = "core/imports/import.html"

    def context(self, **extra):
        importer = self.cfg.importer(self.request.user)
        examples = example_values(importer)
        ctx = self.base_context(
            importer=importer,
            columns=[(c, examples.get((c.field, c.target), "")) for c in importer.columns],
            template_url=reverse(self.cfg.url_name("import_template")),
            import_url=reverse(self.cfg.url_name("import")),
            sync_limit=sync_limit(),
        )
        ctx.update(extra)
        return ctx

    def get(self, request):
        return render(request, self.template_name, self.context())

    def post(self, request):
        commit = request.POST.get("action") == "commit"
        if commit:
            token = request.POST.get("token", "")
            path = storage.stored_upload(request.user, token)
            name = request.POST.get("name", "")[:200] or path.name
        else:
            upload = request.FILES.get("file")
            error = self.check_upload(upload)
            if error:
                return render(request, self.template_name, self.context(upload_error=error), status=400)
            token, path = storage.save_upload(request.user, upload)
            name = Path(upload.name).name[:200]
        jobs = jobs_module()
        if jobs is not None and storage.count_rows(path) > sync_limit():
            with path.open("rb") as f:
                job = jobs.start_job(
                    request.user,
                    job_kind_name(self.cfg),
                    params={"mode": "commit" if commit else "preview", "token": token, "name": name},
                    label=(
                        _("Import {model}: {name}") if commit else _("Check import of {model}: {name}")
                    ).format(model=self.model._meta.verbose_name_plural, name=name),
                    input_file=File(f, name=path.name),
                )
            return HttpResponseRedirect(job.get_absolute_url())
        result = run_import(self.cfg, request.user, path, name, commit=commit)
        if result["committed"]:
            storage.discard_upload(request.user, token)
            messages.success(
                request,
                _("Imported {name}: {created} added, {updated} updated, {unchanged} unchanged.").format(
                    name=name, **result
                ),
            )
            return HttpResponseRedirect(reverse(self.cfg.url_name("list")))
        status = 200 if result["ok"] else 400
        return render(
            request,
            self.template_name,
            self.context(result=result, token=token, file_name=name),
            status=status,
        )

    def check_upload(self, upload):
        if upload is None:
            return _("Choose a file to import.")
        if Path(upload.name).suffix.lower() not in SUFFIXES:
            return _("Upload an Excel workbook (.xlsx) or a CSV file (.csv).")
        if upload.size > MAX_UPLOAD_BYTES:
            return _("The file is larger than {} MB.").format(MAX_UPLOAD_BYTES // (1024 * 1024))
        return None
