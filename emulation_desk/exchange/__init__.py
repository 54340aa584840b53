"""Spreadsheets in and out (openpyxl + defusedxml, no Qt, no database).

In: :mod:`safety` (extension against content, bombs) and :mod:`reader` turn an untrusted .xlsx into plain
grids — :mod:`xls` an .xls (xlrd), :mod:`word` a .docx table (python-docx), :mod:`paste` rows copied from
Excel or Word — and :mod:`legacy` converts TCVN3/VNI text (tables in ``core/legacy_vn.py``) and brings all
text to NFC; :mod:`headers` finds the header row and maps columns; :mod:`rows` walks the data rows through
sections and footers, skipping the rows of the printed form; :mod:`interpret` types and checks each row;
:mod:`directory` matches people and units to records given as plain rows; :mod:`namesakes` asks "same
person or two people?"; :mod:`plan` is what an import will do. The services
(``services/awards/imports.py``) fetch the rows and write in one transaction.

Out: :mod:`writer` (cells that reopen as written, atomic save), :mod:`template` (the nomination
template and list layout), :mod:`lists` (plain lists), :mod:`table` (the statistical table).
"""
