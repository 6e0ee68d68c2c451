"""The import framework: an ``Importer`` declares its columns; ``run`` validates every row with the
entity's own form, finds existing records by their natural key, and writes in one transaction.

One code path serves the preview and the commit: both run the whole import inside
``transaction.atomic()``; the preview (and any import with an error) rolls back at the end. Later
rows may so refer to records that earlier rows of the same file create, and the preview's counts
are exactly what the commit will do.

Speed without per-row queries: natural keys are resolved from maps filled once per chunk of rows,
existing records are fetched per chunk, unchanged rows are detected by comparing values (no
write, no change-log entry), and the writes and their audit rows go in bulk
(``core.services.bulk_write``).
"""

import copy
import gc
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path

from django import forms
from django.core.exceptions import ObjectDoesNotExist, ValidationError
from django.db import connection, models, transaction
from django.db.models import signals
from django.db.models.base import ModelState
from django.db.models.expressions import DatabaseDefault
from django.utils.choices import CallableChoiceIterator
from django.utils.translation import gettext as _

from orgwork.accounts.scope import scope_prefixes
from orgwork.core.audit import mask_value, snapshot
from orgwork.core.imports.readers import LARGE_FILE_ROWS, ReadError, open_sheet
from orgwork.core.imports.values import ValueProblem, normalize_header, parse_date_text, text
from orgwork.core.services import bulk_write

__all__ = [
    "Column",
    "RowError",
    "ImportResult",
    "Importer",
    "RowProblem",
    "ResolvedField",
    "MAX_REPORTED_ERRORS",
]

MAX_REPORTED_ERRORS = 500


class RowProblem(Exception):
    """One cell of one row cannot be used; ``field`` names the column."""

    def __init__(self, field, reason, *, refused=False):
        super().__init__(reason)
        self.field = field
        self.reason = str(reason)
        self.refused = refused


@dataclass
class Column:
    """One column of the file: the form field it fills, its header and the usual variants of it.

    ``kind``: "text", "int", "date", "choice" (by label or code), or "ref" (a related object by
    natural key, resolved by the importer's ``resolve_<field>`` method). ``required``: the header
    must be present (the form decides whether a cell may be blank). ``target``: the importer part
    that takes the value (the main model, or e.g. "person" for a roster's person columns)."""

    field: str
    label: str
    aliases: tuple = ()
    kind: str = "text"
    required: bool = False
    example: object = ""
    note: str = ""
    choice_aliases: dict = field(default_factory=dict)
    sensitive: bool = False
    target: str = ""

    def headers(self):
        return [normalize_header(h) for h in (self.label, *self.aliases)]


@dataclass
class RowError:
    row: int
    column: str
    value: str
    reason: str
    refused: bool = False

    def __str__(self):
        if self.column:
            return _("Row {row} {column}: {reason}").format(
                row=self.row, column=self.column, reason=self.reason
            )
        return _("Row {row}: {reason}").format(row=self.row, reason=self.reason)


@dataclass
class ImportResult:
    model: str = ""
    file_name: str = ""
    total: int = 0
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    error_rows: int = 0
    refused_rows: int = 0
    error_count: int = 0
    errors: list = field(default_factory=list)  # RowError, at most MAX_REPORTED_ERRORS
    fatal: list = field(default_factory=list)  # problems of the whole file (missing columns …)
    ignored_headers: list = field(default_factory=list)
    committed: bool = False
    extra: dict = field(default_factory=dict)  # e.g. people created by a roster

    @property
    def ok(self):
        return not self.fatal and not self.error_count

    def add_error(self, err: RowError):
        self.error_count += 1
        if len(self.errors) < MAX_REPORTED_ERRORS:
            self.errors.append(err)

    def as_dict(self):
        d = asdict(self)
        d["errors"] = [dict(asdict(e), text=str(e)) for e in self.errors]
        d["ok"] = self.ok
        return d

    @classmethod
    def from_dict(cls, d):
        d = {k: v for k, v in d.items() if k in cls.__dataclass_fields__}
        d["errors"] = [RowError(**{k: v for k, v in e.items() if k != "text"}) for e in d.get("errors", [])]
        return cls(**d)


class ResolvedField(forms.Field):
    """Stands in for a ModelChoiceField: the importer has already resolved the natural key to an
    object (from a map, no query); the form checks only that one is there when required."""

    def clean(self, value):
        if value in (None, ""):
            if self.required:
                raise ValidationError(self.error_messages["required"], code="required")
            return None
        return value


_MISS = object()
_OFF = object()
# Values whose cleaning is kept, and results that may be shared between rows (immutable).
_MEMO_IN = frozenset({str, int, date, type(None)})
_MEMO_OUT = frozenset({str, int, float, bool, Decimal, date, datetime, type(None)})


class CleanMemo:
    """``clean(value)`` of a field, once per distinct value in an import: 性别, 民族, 学历, a birth
    month repeat across a roster, and validating them again row after row was most of an import's
    validation. A field's ``clean`` (``to_python``, validators, choices) depends only on the value
    for the types kept here, and the results kept are immutable, so rows can share them. Errors are
    not kept: each row raises its own. A field whose values hardly repeat (names, ID numbers)
    stops being kept at ``LIMIT`` distinct values."""

    LIMIT = 20000

    def __init__(self):
        self.fields = {}

    def clean(self, key, clean, value, *args):
        """``clean(value, *args)``, from the memo when this value was cleaned before; ``args``
        (a model field's instance) must not change the result."""
        t = type(value)
        if t not in _MEMO_IN:
            return clean(value, *args)
        memo = self.fields.get(key)
        if memo is None:
            memo = self.fields[key] = {}
        elif memo is _OFF:
            return clean(value, *args)
        k = (t, value)
        hit = memo.get(k, _MISS)
        if hit is not _MISS:
            return hit
        result = clean(value, *args)
        if type(result) in _MEMO_OUT:
            if len(memo) >= self.LIMIT:
                self.fields[key] = _OFF
            else:
                memo[k] = result
        return result


class ImportFormMixin:
    """Turns an edit form into an import form: related objects come resolved, the uniqueness
    queries are left to the importer (which checks keys against the file and the database once
    per chunk), and the model's ``before_save`` runs before ``full_clean`` as in the services."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in [n for n, f in self.fields.items() if f.disabled and isinstance(f, ResolvedField)]:
            del self.fields[name]  # not editable on this record (e.g. an org's parent): untouched
        self._memo = CleanMemo()
        self._model_memo = CleanMemo()
        self._construct_plan = None
        self._exclusion_plan = None

    def validate_unique(self):
        pass

    def _clean_fields(self):
        # Django's own loop without a BoundField per field and row: the same values (the
        # widget's reading of the data, the initial value of a disabled field), the same
        # ``field.clean`` and ``clean_<field>`` methods, the same errors. What does not depend on
        # the row (prefixed names, the clean_<field> methods) is looked up once per form.
        plan = self.__dict__.get("_clean_plan")
        if plan is None:
            plan = self._clean_plan = [
                (name, f, self.add_prefix(name), getattr(self, "clean_" + name, None))
                for name, f in self.fields.items()
            ]
        data, files = self.data, self.files
        cleaned = self.cleaned_data
        memo = self._memo.clean
        for name, f, key, method in plan:
            try:
                if f.disabled:
                    value = self.get_initial_for_field(f, name)
                else:
                    value = f.widget.value_from_datadict(data, files, key)
                cleaned[name] = memo(name, f.clean, value)
                if method is not None:
                    cleaned[name] = method()
            except ValidationError as e:
                self.add_error(name, e)

    def _model_errors(self, exc):
        if hasattr(exc, "error_dict"):
            for name, errors in exc.error_dict.items():
                if name in self.fields:
                    self.add_error(name, errors)
                else:
                    self.add_error(None, errors)
        else:
            self.add_error(None, exc)

    def _get_validation_exclusions(self):
        """Django's exclusions with what depends only on the form (fields it lacks or excludes,
        and the resolved related objects: from the importer's maps, no existence query per row)
        found once; what depends on the row (errors, blank optional values) per row."""
        plan = self.__dict__.get("_exclusion_plan")
        if plan is None:
            fixed, per_row = set(), []
            meta_fields, meta_exclude = self._meta.fields, self._meta.exclude
            for f in self.instance._meta.fields:
                name = f.name
                form_field = self.fields.get(name)
                if (
                    form_field is None
                    or (meta_fields and name not in meta_fields)
                    or (meta_exclude and name in meta_exclude)
                    or isinstance(form_field, ResolvedField)
                ):
                    fixed.add(name)
                else:
                    per_row.append((name, form_field, not f.blank and not form_field.required))
            plan = self._exclusion_plan = (frozenset(fixed), per_row)
        fixed, per_row = plan
        exclude = set(fixed)
        errors, cleaned = self._errors, self.cleaned_data
        for name, form_field, check_blank in per_row:
            if name in errors or (check_blank and cleaned.get(name) in form_field.empty_values):
                exclude.add(name)
        return exclude

    def _post_clean(self):
        exclude = self._get_validation_exclusions()
        try:
            self.instance = self._construct_instance()
        except ValidationError as exc:
            self._model_errors(exc)
        if not self._errors:
            hook = getattr(self.instance, "before_save", None)
            if hook:
                try:
                    hook()
                except ObjectDoesNotExist:
                    pass
        try:
            self._full_clean_instance(exclude)
        except ValidationError as exc:
            self._model_errors(exc)

    def _construct_instance(self):
        """Django's ``construct_instance`` with the per-field decisions that do not depend on the
        row made once per form (which model fields the form fills, which have defaults), and
        without a BoundField per field and row to reach the form field's widget."""
        plan = self._construct_plan
        if plan is None:
            opts = self.instance._meta
            fields, exclude = self._meta.fields, self._meta.exclude
            plan = self._construct_plan = [
                (f, f.name, f.has_default(), isinstance(f, models.FileField))
                for f in opts.fields
                if f.editable
                and not isinstance(f, models.AutoField)
                and (fields is None or f.name in fields)
                and not (exclude and f.name in exclude)
            ]
        instance = self.instance
        cleaned = self.cleaned_data
        files = []
        for f, name, has_default, is_file in plan:
            if name not in cleaned:
                continue
            if has_default:
                field = self.fields.get(name)
                if (
                    field is not None
                    and field.widget.value_omitted_from_data(self.data, self.files, self.add_prefix(name))
                    and cleaned.get(name) in field.empty_values
                ):
                    continue
            if is_file:
                files.append(f)
            else:
                f.save_form_data(instance, cleaned[name])
        for f in files:
            f.save_form_data(instance, cleaned[f.name])
        return instance

    def _full_clean_instance(self, exclude):
        """``instance.full_clean(exclude, validate_unique=False, validate_constraints=False)``
        with each plain field's ``clean`` kept per distinct value (``CleanMemo``). A model that
        overrides ``clean_fields`` or ``full_clean`` gets its own."""
        instance = self.instance
        model = type(instance)
        if (
            model.clean_fields is not models.Model.clean_fields
            or model.full_clean is not models.Model.full_clean
        ):
            instance.full_clean(exclude=exclude, validate_unique=False, validate_constraints=False)
            return
        plan = self.__dict__.get("_model_plan")
        if plan is None:
            plan = self._model_plan = [
                (
                    f,
                    f.name,
                    f.attname,
                    f.blank,
                    f.empty_values,
                    f.is_relation or isinstance(f, models.JSONField),
                )
                for f in instance._meta.fields
                if not f.generated
            ]
        errors = {}
        memo = self._model_memo.clean  # keyed by attname: apart from the form fields' memo
        for f, name, attname, blank, empty_values, direct in plan:
            if name in exclude:
                continue
            raw = getattr(instance, attname)
            if blank and raw in empty_values:
                continue
            if isinstance(raw, DatabaseDefault):
                continue
            try:
                if direct:  # a relation (its existence query) or JSON: never kept
                    setattr(instance, attname, f.clean(raw, instance))
                else:
                    setattr(instance, attname, memo(attname, f.clean, raw, instance))
            except ValidationError as e:
                errors[name] = e.error_list
        if errors:
            errors = ValidationError(errors).update_error_dict({})
        try:
            instance.clean()
        except ValidationError as e:
            errors = e.update_error_dict(errors)
        if errors:
            raise ValidationError(errors)


_FORM_CLASSES: dict = {}


class _FastValidValue:
    """A choice field's ``valid_value`` by a set lookup instead of a walk through the choices
    (56 ethnic groups, per row): the same answer for fixed choices (the value is a string after
    ``to_python``); choices given by a callable are walked as before."""

    def valid_value(self, value):
        choices = self.choices
        inner = getattr(choices, "choices", choices)  # a BlankChoiceIterator's own choices
        if isinstance(choices, CallableChoiceIterator) or isinstance(inner, CallableChoiceIterator):
            return super().valid_value(value)
        cache = self.__dict__.get("_valid_keys")
        if cache is None or cache[0] is not choices:
            keys = set()
            for k, v in choices:
                if isinstance(v, (list, tuple)):
                    keys.update(str(k2) for k2, _v2 in v)
                else:
                    keys.add(str(k))
            cache = self.__dict__["_valid_keys"] = (choices, frozenset(keys))
        return str(value) in cache[1]


_FAST_CHOICE_CLASSES = {
    cls: type("Import" + cls.__name__, (_FastValidValue, cls), {})
    for cls in (forms.ChoiceField, forms.TypedChoiceField)
}


class _ShallowCopiedFields(dict):
    """A form deep-copies its class's fields for each instance (widgets, choice lists …): a
    tenth of a millisecond per field, per row. An import form's fields get a shallow copy each:
    what a form's __init__ reassigns (required, disabled, widget) stays per instance."""

    def __deepcopy__(self, memo):
        return {name: copy.copy(f) for name, f in self.items()}


def import_form_class(base, fields):
    """``base`` (an edit form) limited to ``fields``, with related fields taking resolved objects."""
    key = (base, tuple(fields))
    cls = _FORM_CLASSES.get(key)
    if cls is None:
        meta = type("Meta", (base.Meta,), {"fields": list(fields)})
        cls = type(base.__name__ + "Import", (ImportFormMixin, base), {"Meta": meta})
        fields = _ShallowCopiedFields(cls.base_fields)
        for name, f in list(fields.items()):
            if isinstance(f, forms.ModelChoiceField):
                fields[name] = ResolvedField(required=f.required, label=f.label)
            elif type(f) in (forms.ChoiceField, forms.TypedChoiceField):
                fields[name] = copy.copy(f)
                fields[name].__class__ = _FAST_CHOICE_CLASSES[type(f)]
        cls.base_fields = fields
        _FORM_CLASSES[key] = cls
    return cls


class Part:
    """What one model of a row needs: its importer's columns that target it, and its pending writes."""

    def __init__(self, importer, model, *, skip_fields=(), after_write=None):
        self.importer = importer
        self.model = model
        self.skip_fields = skip_fields
        self.after_write = after_write
        self.created: list = []
        self.changed: list = []
        self.compare = [
            f.attname
            for f in model._meta.concrete_fields
            if not f.primary_key and f.name not in ("created_at", "updated_at", "version")
        ]

    def values(self, obj):
        return tuple(getattr(obj, a) for a in self.compare)

    def new(self):
        """A new, unsaved record, as ``model()`` makes it: a copy of one made once, with the
        defaults that are callables called again (``Model.__init__`` asks every field for its
        default, row after row). A model with its own ``__init__`` or init signal receivers is made
        by ``model()``."""
        model = self.model
        proto = self.__dict__.get("_proto")
        if proto is None:
            plain = (
                model.__init__ is models.Model.__init__
                and not signals.pre_init.has_listeners(model)
                and not signals.post_init.has_listeners(model)
            )
            proto = self._proto = model() if plain else False
            self._called_defaults = [
                f for f in model._meta.concrete_fields if f.has_default() and callable(f.default)
            ]
        if proto is False:
            return model()
        obj = model.__new__(model)
        obj.__dict__ = proto.__dict__.copy()
        obj._state = ModelState()
        for f in self._called_defaults:
            setattr(obj, f.attname, f.get_default())
        return obj

    def flush(self):
        if not (self.created or self.changed):
            return
        created, changed = self.created, self.changed
        self.created, self.changed = [], []
        bulk_write(
            self.model,
            created=created,
            changed=changed,
            actor=self.importer.user,
            skip_fields=self.skip_fields,
            note=self.importer.note,
        )
        if self.after_write:
            self.after_write(created, [obj for obj, _before in changed])


class Importer:
    """Base of an entity's importer. Subclasses declare ``model``, ``columns`` and ``key`` and
    write ``resolve_<field>`` for "ref" columns; the rest is generic."""

    model: type = None
    form: type = None  # default: the registered edit form
    columns: tuple = ()
    key: tuple = ()  # model fields identifying an existing record (a natural key)
    always_fields: tuple = ()  # form fields the edit form's __init__ needs
    skip_fields: tuple = ()  # fields an import never writes on an existing record
    chunk_size = 1000
    title = ""  # shown on the page and as the template's sheet name

    def __init__(self, user, *, progress: Callable | None = None):
        from orgwork.core.registry import config_for

        self.user = user
        self.progress = progress or (lambda *a, **k: None)
        self.form = self.form or config_for(self.model).form
        self.add_prefixes = scope_prefixes(user, "add")
        self.change_prefixes = scope_prefixes(user, "change")
        self.result = ImportResult(model=self.model._meta.label_lower)
        self.note = ""
        self.main = Part(self, self.model, skip_fields=self.skip_fields, after_write=self.after_write)
        self.parts = [self.main]
        self.seen: dict = {}
        self.existing: dict = {}
        self.changeable: set = set()

    # ---- hooks ------------------------------------------------------------------------------
    def prepare(self):
        """Load what every chunk needs (e.g. the org tree's maps). Inside the transaction."""

    def prefetch(self, rows):
        """Fill maps for one chunk of parsed rows (dicts of field → value) before they are checked."""

    def placement(self, obj) -> str:
        """The tree path the record lies at, for the scope check."""
        return getattr(obj, "org_path", "") or ""

    def after_write(self, created, changed):
        """Rebuild derived data of written records (once per chunk)."""

    def check_row(self, values, instance, existing):
        """Rules of the row beyond the form; raise RowProblem."""

    def prepare_row(self, values, row_number):
        """Work before the main record is validated (e.g. a roster row's person); may change ``values``."""

    # ---- header matching ----------------------------------------------------------------------
    def match_headers(self, headers):
        index = {}
        for col in self.columns:
            for h in col.headers():
                index.setdefault(h, col)
        self.present = []  # (position, column)
        self.__dict__.pop("_columns_by_field", None)
        taken = set()
        for pos, h in enumerate(headers):
            norm = normalize_header(h)
            col = index.get(norm)
            if col is None:
                # "出生年月(必填)", "身份证号码(18位)": a known header followed by a remark in brackets
                base = norm.split("(")[0]
                col = index.get(base) if base else None
            if col is None or col.field + col.target in taken:
                if norm:
                    self.result.ignored_headers.append(str(h).strip())
                continue
            taken.add(col.field + col.target)
            self.present.append((pos, col))
        for col in self.columns:
            if col.required and col.field + col.target not in taken:
                self.result.fatal.append(_("The file lacks the column “{}”.").format(col.label))

    def fields_of(self, target=""):
        return [c.field for _pos, c in self.present if c.target == target]

    def column_for(self, name, target=""):
        cache = self.__dict__.setdefault("_columns_by_field", {})
        k = (name, target)
        if k not in cache:
            cache[k] = self._find_column(name, target)
        return cache[k]

    def _find_column(self, name, target):
        for _pos, c in self.present:
            if c.field == name and c.target == target:
                return c
        for c in self.columns:
            if c.field == name and c.target == target:
                return c
        return None

    # ---- cells ------------------------------------------------------------------------------
    def choice_map(self, col, model=None):
        cache = self.__dict__.setdefault("_choice_maps", {})
        k = (col.field, col.target)
        if k not in cache:
            from django.utils import translation

            model = model or self.model_for(col.target)
            mapping = {}
            choices = model._meta.get_field(col.field).flatchoices
            for language in (None, "zh-hans"):  # the user's language, and Chinese whatever it is
                with (
                    translation.override(language)
                    if language
                    else translation.override(translation.get_language())
                ):
                    for value, label in choices:
                        if value == "":
                            continue
                        mapping.setdefault(normalize_header(label), value)
                        mapping.setdefault(normalize_header(value), value)
            for alias, value in col.choice_aliases.items():
                mapping[normalize_header(alias)] = value
            cache[k] = mapping
        return cache[k]

    def model_for(self, target):
        return self.model

    def parse_cell(self, col, raw):
        if col.kind == "date":
            return parse_date_text(raw)
        if col.kind == "choice":
            s = text(raw)
            if not s:
                return ""
            value = self.choice_map(col).get(normalize_header(s))
            if value is None:
                labels = [
                    str(lbl)
                    for v, lbl in self.model_for(col.target)._meta.get_field(col.field).flatchoices
                    if v
                ]
                raise ValueProblem(
                    _("“{value}” is not one of the allowed values: {allowed}.").format(
                        value=s, allowed="、".join(labels[:30])
                    )
                )
            return value
        if col.kind == "int":
            s = text(raw)
            if s and not s.lstrip("-").isdigit():
                raise ValueProblem(_("“{}” is not a whole number.").format(s))
            return s
        return text(raw)

    def shown(self, col, raw):
        s = text(raw)
        return mask_value(s) if col and col.sensitive else s

    # ---- running -----------------------------------------------------------------------------
    def run(self, path: Path, name: str = "", *, commit: bool) -> ImportResult:
        """Validate every row and, when ``commit`` and nothing is wrong, write all of them."""
        self.result.file_name = name or Path(path).name
        frozen = False
        try:
            sheet = open_sheet(path, name)
        except ReadError as exc:
            self.result.fatal.append(str(exc))
            return self.result
        try:
            self.match_headers(sheet.headers)
            if self.result.fatal:
                return self.result
            self.total = sheet.total
            if (self.total or 0) >= LARGE_FILE_ROWS:
                # The objects that exist before a large import (Django, the app, the org index)
                # are left out of the collector's passes, and the passes come less often: an
                # import's many short-lived objects set them off again and again (up to a tenth
                # of its time). A large import runs in the job worker, alone in its process
                # (``IMPORT_SYNC_MAX_ROWS``). Undone in ``finally``.
                frozen = gc.get_threshold()
                gc.freeze()
                gc.set_threshold(10000, 10, 10)
            with transaction.atomic():
                self.prepare()
                chunk = []
                for item in sheet.rows:
                    chunk.append(item)
                    if len(chunk) >= self.chunk_size:
                        self.process_chunk(chunk)
                        chunk = []
                if chunk:
                    self.process_chunk(chunk)
                self.flush()
                if commit and self.result.ok:
                    self.result.committed = True
                else:
                    transaction.set_rollback(True)
        except ReadError as exc:  # the file broke off midway: nothing of it is written
            self.result.fatal.append(str(exc))
            self.result.committed = False
        finally:
            if frozen:
                gc.set_threshold(*frozen)
                gc.unfreeze()
            if sheet.close:
                sheet.close()
        return self.result

    def flush(self):
        for part in self.parts:
            part.flush()

    def error(self, row, col, raw, reason, refused=False):
        label = col.label if col else ""
        self.result.add_error(RowError(row, label, self.shown(col, raw), str(reason), refused))

    # Column kinds whose cells repeat (dates, pick lists): each distinct cell is read once.
    MEMO_KINDS = ("date", "choice")

    def process_chunk(self, chunk):
        parsed = []
        memos = self.__dict__.setdefault("_cell_memos", {})
        columns = [
            (
                pos,
                col,
                (col.field, col.target),
                memos.setdefault(pos, {}) if col.kind in self.MEMO_KINDS else None,
            )
            for pos, col in self.present
        ]
        for number, cells in chunk:
            values, raws, bad = {}, {}, False
            width = len(cells)
            for pos, col, k, memo in columns:
                raw = cells[pos] if pos < width else None
                raws[k] = raw
                if memo is not None:
                    # keyed by type too: True == 1 but reads as "True", 1985.0 == 1985 reads the same
                    mk = (type(raw), raw)
                    value = memo.get(mk, memo)
                    if value is not memo:
                        if type(value) is ValueProblem:
                            self.error(number, col, raw, value)
                            bad = True
                        else:
                            values[k] = value
                        continue
                try:
                    values[k] = value = self.parse_cell(col, raw)
                except ValueProblem as exc:
                    value = exc
                    self.error(number, col, raw, exc)
                    bad = True
                if memo is not None and len(memo) < 10000:
                    memo[mk] = value
            parsed.append((number, values, raws, bad))
        self.prefetch([values for _n, values, _r, bad in parsed if not bad])
        self.prefetch_existing([values for _n, values, _r, bad in parsed if not bad])
        for number, values, raws, bad in parsed:
            self.result.total += 1
            self.progress(self.result.total, self.total)
            if bad:
                self.result.error_rows += 1
                continue
            before = self.result.error_count
            try:
                self.process_row(number, values, raws)
            except RowProblem as exc:
                col = (
                    self.column_for(*exc.field)
                    if isinstance(exc.field, tuple)
                    else self.column_for(exc.field)
                )
                raw = raws.get(exc.field if isinstance(exc.field, tuple) else (exc.field, ""))
                self.error(number, col, raw, exc.reason, exc.refused)
                if exc.refused:
                    self.result.refused_rows += 1
            if self.result.error_count > before:
                self.result.error_rows += 1
        self.flush()
        self.progress(
            self.result.total,
            self.total,
            _("{checked} rows checked, {written} written (not yet committed)").format(
                checked=self.result.total, written=self.result.created + self.result.updated
            ),
        )

    # ---- natural keys -------------------------------------------------------------------------
    def one_in_scope(self, model, key, *conditions, column, missing, several=None, related=(), **filters):
        """The one record of ``model`` within the user's view scope that ``conditions`` and
        ``filters`` find, looked up once per ``key`` for the import (one query per distinct
        value). ``RowProblem(column, missing)`` when there is none; with ``several``,
        ``RowProblem(column, several)`` when there is more than one (without it, the oldest)."""
        cache = self.__dict__.setdefault("_in_scope", {})
        k = (model, key)
        if k not in cache:
            qs = model.objects.restrict(self.user, "view").filter(*conditions, **filters)
            if related:
                qs = qs.select_related(*related)
            cache[k] = list(qs.order_by("pk")[: 2 if several else 1])
        found = cache[k]
        if not found:
            raise RowProblem(column, str(missing))
        if len(found) > 1:
            raise RowProblem(column, str(several))
        return found[0]

    def resolve(self, name, value, target=""):
        """A "ref" column's cell → the object (from the maps filled by ``prepare``/``prefetch``)."""
        if value in (None, ""):
            return None
        return getattr(self, "resolve_" + (target + "_" if target else "") + name)(value)

    def key_of(self, data, model=None):
        """The natural key of a row's data (field → value or object), or None when incomplete."""
        parts = []
        for name in self.key:
            v = data.get(name)
            if isinstance(v, models.Model):
                if v.pk is None:
                    return None  # refers to a record this file creates: cannot exist yet
                v = v.pk
            elif isinstance(v, str):
                v = v.strip().upper() if name == "id_number" else v.strip()
                if self.model._meta.get_field(name).get_internal_type() in (
                    "PositiveSmallIntegerField",
                    "IntegerField",
                    "PositiveIntegerField",
                ):
                    v = int(v) if v.lstrip("-").isdigit() else v
                elif self.model._meta.get_field(name).get_internal_type() == "DateField" and v:
                    v = date.fromisoformat(v)
            if v in (None, ""):
                return None
            parts.append(v)
        return tuple(parts)

    def instance_key(self, obj):
        return tuple(getattr(obj, self.model._meta.get_field(n).attname) for n in self.key)

    def prefetch_existing(self, rows):
        """Existing records of this chunk by natural key: one query (rows locked until commit)."""
        self.existing = {}
        keys = []
        for values in rows:
            data = {}
            for name in self.key:
                v = values.get((name, ""))
                col = self.column_for(name)
                if col is not None and col.kind == "ref":
                    try:
                        v = self.resolve(name, v)
                    except RowProblem:
                        v = None
                data[name] = v
            k = self.key_of(data)
            if k is not None:
                keys.append(k)
        if not keys:
            self.changeable = set()
            return
        # order_by(): a model's default ordering would make SQLite scan the table in that order
        # (e.g. Person by pinyin) instead of looking the keys up in their unique index.
        qs = self.model.all_objects.order_by()
        for i, name in enumerate(self.key):
            qs = qs.filter(**{name + "__in": {k[i] for k in keys}})
        if connection.vendor == "postgresql":
            qs = qs.select_for_update(of=("self",))
        wanted = set(keys)
        for obj in qs:
            k = self.instance_key(obj)
            if isinstance(k[0], str) and self.key == ("id_number",):
                k = (k[0].upper(),)
            if k in wanted:
                self.existing[k] = obj
        pks = [o.pk for o in self.existing.values()]
        self.changeable = (
            set(
                self.model.objects.restrict(self.user, "change")
                .filter(pk__in=pks)
                .order_by()
                .values_list("pk", flat=True)
            )
            if pks
            else set()
        )

    # ---- one row ------------------------------------------------------------------------------
    def build_data(self, values, target=""):
        data = {}
        for (name, tgt), v in values.items():
            if tgt != target:
                continue
            col = self.column_for(name, target)
            if col.kind == "ref":
                try:
                    v = self.resolve(name, v, target)
                except RowProblem as exc:
                    exc.field = (name, target)
                    raise
            elif col.kind == "date" and len(v) == 7:
                v = self.month_only(name, v, values, target)
            data[name] = v
        return data

    def month_only(self, name, value, values, target=""):
        """A date column given as year and month only ("YYYY-MM"): the first of the month."""
        return value + "-01"

    def in_scope(self, path, prefixes):
        return bool(path) and any(path.startswith(p) for p in prefixes)

    def validate(self, part_model, form_base, fields, data, instance, *, existing, row_number, target=""):
        """Run the import form; return the validated instance or raise RowProblem for the first
        error after recording the others."""
        if any(isinstance(v, models.Model) and v.pk is None for v in data.values()):
            self.flush()  # a record this file creates, still pending: write it to get its id
        action = "change" if existing else "add"
        form_cls = import_form_class(form_base, fields)
        for name, value in data.items():
            # A blank cell in a required column keeps what the record has: its default when new
            # (政治面貌 群众), its value when it exists.
            f = form_cls.base_fields.get(name)
            if value in (None, "") and f is not None and f.required:
                model_field = part_model._meta.get_field(name)
                current = model_field.value_from_object(instance)
                if current not in (None, ""):
                    data[name] = getattr(instance, name) if model_field.is_relation else current
        form = self.form_for_row(form_cls, data, instance, action)
        if not form.is_valid():
            errors = [(name, e) for name, errs in form.errors.items() for e in errs]
            for name, msg in errors[1:]:
                col = self.column_for(name, target) if name != "__all__" else None
                self.error(row_number, col, data.get(name) if col else "", msg)
            name, msg = errors[0]
            raise RowProblem((name if name != "__all__" else "", target), msg)
        return form.instance

    def form_for_row(self, form_cls, data, instance, action):
        """The import form bound to this row. One form object per form class and action is
        built and then rebound row after row: a form's __init__ (fields copied, widgets set up,
        the instance's initial values read) costs more than validating a row. What __init__
        decides from the record (an org's parent is fixed once it exists) depends only on whether
        the record is new, which is part of the cache key."""
        cache = self.__dict__.setdefault("_forms", {})
        form = cache.get((form_cls, action))
        if form is None:
            form = cache[(form_cls, action)] = form_cls(
                data, instance=instance, user=self.user, action=action
            )
            return form
        form.data = data
        form.instance = instance
        form._errors = None
        form._bound_fields_cache = {}
        form.__dict__.pop("cleaned_data", None)
        return form

    def process_row(self, number, values, raws):
        self.prepare_row(values, number)
        data = self.build_data(values)
        key = self.key_of(data)
        existing = None
        if key is not None:
            first = self.seen.get(key)
            if first is not None:
                raise RowProblem(
                    (self.key[0], ""),
                    _("The same record is already in row {}.").format(first),
                )
            self.seen[key] = number
            existing = self.existing.get(key)
        self.write_row(self.main, data, existing, number)

    def write_row(self, part, data, existing, number, target=""):
        """Validate one record of ``part`` and queue it; return the (possibly pending) object."""
        if existing is not None:
            if existing.deleted_at is not None:
                raise RowProblem(
                    (self.key_field(part), target),
                    _("This record is in the recycle bin; restore it before importing it again."),
                )
            if existing.pk not in self.changeable_for(part):
                raise RowProblem(
                    (self.key_field(part), target),
                    _("The existing record is outside your scope; you may not change it."),
                    refused=True,
                )
            before_values = part.values(existing)
            original = copy.copy(existing)
            instance = existing
        else:
            instance = part.new()
        fields = self.fields_of(target)
        fields = list(dict.fromkeys([*self.always_fields_for(part), *fields, *data.keys()]))
        fields = [f for f in fields if f in self.form_for(part).base_fields]
        for name in fields:
            if name not in data:  # a field the form needs but the file lacks: keep the record's value
                model_field = part.model._meta.get_field(name)
                current = model_field.value_from_object(instance)
                data[name] = getattr(instance, name) if model_field.is_relation and current else current
        obj = self.validate(
            part.model,
            self.form_for(part),
            fields,
            data,
            instance,
            existing=existing,
            row_number=number,
            target=target,
        )
        self.check_part(part, data, obj, existing)
        path = self.placement_for(part, obj)
        if existing is None:
            if not self.in_scope(path, self.add_prefixes):
                raise RowProblem(
                    (self.placement_field(part), target),
                    _("Outside your scope: you may not add records there."),
                    refused=True,
                )
            part.created.append(obj)
            self.result_count(part, "created")
            return obj
        if part.values(obj) == before_values:
            self.result_count(part, "unchanged")
            return obj
        if path != self.placement_for(part, original) and not self.in_scope(path, self.change_prefixes):
            raise RowProblem(
                (self.placement_field(part), target),
                _("Outside your scope: you may not move records there."),
                refused=True,
            )
        part.changed.append((obj, snapshot(original)))
        self.result_count(part, "updated")
        return obj

    # Per-part variations (the main part uses the importer's own hooks).
    def result_count(self, part, what):
        if part is self.main:
            setattr(self.result, what, getattr(self.result, what) + 1)

    def changeable_for(self, part):
        return self.changeable

    def key_field(self, part):
        return self.key[0]

    def placement_field(self, part):
        return self.key[0]

    def placement_for(self, part, obj):
        return self.placement(obj)

    def form_for(self, part):
        return self.form

    def always_fields_for(self, part):
        return self.always_fields

    def check_part(self, part, data, obj, existing):
        self.check_row(data, obj, existing)
