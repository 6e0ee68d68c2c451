"""Big imports run as background jobs (``core.jobs``): the preview and the commit alike. The job
runs the same ``Importer.run`` as the page; a cancelled or killed job never commits its
transaction, so the database stays exactly as it was."""

from pathlib import Path

__all__ = ["register_import_job", "job_kind_name", "jobs_module", "run_import"]


def jobs_module():
    """``orgwork.core.jobs`` when the background-job machinery is installed, else None (imports
    then run in the request whatever their size)."""
    try:
        from orgwork.core import jobs
    except ImportError:
        return None
    return jobs if hasattr(jobs, "start_job") else None


def job_kind_name(cfg) -> str:
    return f"{cfg.label}.import"


def run_import(cfg, user, path: Path, name: str, *, commit: bool, progress=None) -> dict:
    importer = cfg.importer(user, progress=progress)
    result = importer.run(path, name, commit=commit).as_dict()
    result["mode"] = "commit" if commit else "preview"
    return result


def register_import_job(cfg):
    jobs = jobs_module()
    if jobs is None:
        return

    def run(ctx, *, mode="preview", token="", name="", **params):
        from orgwork.core.imports.storage import stored_upload

        path = ctx.input_path or stored_upload(ctx.user, token)
        result = run_import(cfg, ctx.user, path, name, commit=mode == "commit", progress=ctx.progress)
        result["token"] = token
        result["import_url"] = _import_url(cfg)
        if result.get("committed"):
            from orgwork.core.imports.storage import discard_upload

            discard_upload(ctx.user, token)
        return result

    run.__name__ = "run_{}_import".format(cfg.model_name)
    jobs.job_kind(job_kind_name(cfg), result_template="core/imports/_job_result.html")(run)


def _import_url(cfg):
    from django.urls import reverse

    return reverse(cfg.url_name("import"))
