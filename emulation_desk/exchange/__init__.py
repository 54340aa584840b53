"""Spreadsheets in and out (openpyxl + defusedxml, no Qt, no database).

In: :mod:`safety` and :mod:`reader` turn an untrusted .xlsx into plain grids; :mod:`headers` finds the
header row and maps columns; :mod:`rows` walks the data rows through sections and footers;
:mod:`interpret` types and checks each row; :mod:`directory` matches people and units to records given
as plain rows; :mod:`plan` is what an import will do. The services (``services/imports.py``) fetch the
rows and write in one transaction.

Out: :mod:`writer` (cells that reopen as written, atomic save), :mod:`template` (the nomination
template and list layout), :mod:`lists` (plain lists), :mod:`table` (the statistical table).
"""
