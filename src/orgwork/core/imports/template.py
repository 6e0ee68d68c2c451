"""The downloadable template of an importer: one sheet with the Chinese headers (required ones
starred) and an example row that imports as it is, and a notes sheet with each column's rules
and allowed values."""

import io
from datetime import date

from django.utils.translation import gettext as _

from orgwork.core.imports.readers import NOTES_SHEET

__all__ = ["build_template", "example_values", "ref_notes_property"]


def example_values(importer) -> dict:
    """Column → example cell. Importers give dynamic examples (an org of the user's scope, a valid
    ID number) through ``example_row``."""
    values = {(c.field, c.target): c.example for c in importer.columns}
    hook = getattr(importer, "example_row", None)
    if hook:
        values.update(hook())
    return values


def ref_notes_property(**notes):
    """An importer's ``ref_notes`` (column → how to name the related record) from lazy strings,
    given in the user's language when the template is built."""
    return property(lambda self: {field: str(note) for field, note in notes.items()})


def _allowed(importer, col) -> str:
    if col.kind == "choice":
        model = importer.model_for(col.target)
        return "、".join(str(label) for value, label in model._meta.get_field(col.field).flatchoices if value)
    if col.kind == "date":
        return _("a date: 1985-03-01, 1985.03, 1985年3月 or an Excel date")
    if col.kind == "int":
        return _("a whole number")
    if col.kind == "ref":
        return getattr(importer, "ref_notes", {}).get(
            col.field, _("the organization's code or its full name")
        )
    return ""


def build_template(importer) -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Font, PatternFill

    wb = Workbook()
    ws = wb.active
    ws.title = (importer.title or "数据")[:31]
    examples = example_values(importer)
    bold = Font(bold=True)
    fill = PatternFill("solid", fgColor="DDEBF7")
    for i, col in enumerate(importer.columns, start=1):
        head = ws.cell(row=1, column=i, value=col.label + ("*" if col.required else ""))
        head.font = bold
        head.fill = fill
        value = examples.get((col.field, col.target), "")
        cell = ws.cell(row=2, column=i, value=value if value != "" else None)
        if isinstance(value, date):
            cell.number_format = "yyyy-mm-dd"
        else:
            cell.number_format = "@"  # text: Excel must not turn an ID number into 3.2e17
        ws.column_dimensions[cell.column_letter].width = max(12, len(col.label) * 2 + 4)
    notes = wb.create_sheet(NOTES_SHEET)
    notes.append([_("Column"), _("Required"), _("Other accepted headers"), _("How to fill it in")])
    for c in notes[1]:
        c.font = bold
    for col in importer.columns:
        rule = "；".join(x for x in (str(col.note), _allowed(importer, col)) if x)
        notes.append([col.label, _("yes") if col.required else "", "、".join(col.aliases), rule])
    notes.append([])
    notes.append(
        [_("Rows with an ID number (or code) that already exists update that record; the others are added.")]
    )
    notes.append(
        [_("Nothing is saved unless every row is valid; the preview lists each problem by row and column.")]
    )
    for letter, width in zip("ABCD", (16, 8, 40, 80), strict=True):
        notes.column_dimensions[letter].width = width
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()
