"""Spreadsheet imports: readers (xlsx, csv), header matching, the ``Importer`` base, the template
builder, the pages and the background job. See ``base`` for how an import runs."""
