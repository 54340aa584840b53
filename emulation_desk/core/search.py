"""How a clerk's search words find names: the one rule of every list filter and of the finder.

- Words match the **start** of the parts of a name, **in order**, inside one field: "tran van" finds
  "Trần Văn An" (and "Trần Thị Vân"), not "Nguyễn Văn Trân".
- A letter typed **with** its accent matches only that letter: "Trần" does not find "Trấn"; a letter typed
  without one matches every accented form ("tran" finds both). Case never matters.
- A number matches the start of a number anywhere in the row (birth year, decision number "125/QĐ-UBND").

A row's search text is made once (:func:`search_text`) with its accent-free copy (:func:`fold_search`); a query
scans the accent-free copies, then checks the accents of the candidates only when it was typed with accents.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field

__all__ = ["SearchQuery", "find_rows", "fold_search", "folded_cell", "glob_pattern", "parse_query", "search_cell",
           "search_text"]

_WORD_RE = re.compile(r"\w+")
CELL_SEPARATOR = "\x1f"
ROW_SEPARATOR = "\n"
_ANY_IN_CELL = f"[^{CELL_SEPARATOR}{ROW_SEPARATOR}]*?"


def _fold_char(ch: str) -> str:
    bare = "".join(c for c in unicodedata.normalize("NFD", ch) if not unicodedata.category(c).startswith("M"))
    return bare.replace("đ", "d")


def _fold_table() -> dict[int, str]:
    """Lower-case accented Latin letter -> its bare letter, one character for one (so positions agree)."""
    table: dict[int, str] = {}
    for code in range(0xC0, 0x2000):
        ch = chr(code)
        if ch != ch.casefold() or unicodedata.category(ch) != "Ll":
            continue
        bare = _fold_char(ch)
        if len(bare) == 1 and bare != ch and bare.isascii():
            table[code] = bare
    return table


_FOLD = _fold_table()
_VARIANTS: dict[str, str] = {}
for _code, _bare in sorted(_FOLD.items()):
    _VARIANTS[_bare] = _VARIANTS.get(_bare, _bare) + chr(_code)


def search_cell(text: str) -> str:
    """One field's search text: NFC, case-folded, every part ("125/QĐ-UBND" has three) after one space."""
    parts = _WORD_RE.findall(unicodedata.normalize("NFC", text).casefold())
    return "".join(" " + part for part in parts)


def folded_cell(text: str) -> str:
    """One field's accent-free search text ("Trần Văn" gives " tran van")."""
    return search_cell(text).translate(_FOLD)


def search_text(cells: Iterable[str]) -> str:
    """A row's search text from its fields' texts (fields stay apart: words in order match inside one)."""
    return CELL_SEPARATOR.join(search_cell(cell) for cell in cells)


def fold_search(text: str) -> str:
    """The accent-free copy of a search text (same length, same positions)."""
    return text.translate(_FOLD)


def _accent_pattern(word: str) -> str:
    """A query word as a pattern over accented text: its accented letters exact, its bare ones any form."""
    out = []
    for ch in word:
        variants = _VARIANTS.get(ch)
        out.append(f"[{variants}]" if variants else re.escape(ch))
    return "".join(out)


@dataclass(frozen=True)
class SearchQuery:
    """A parsed query: name words (in order, one field) and numbers (anywhere in the row)."""

    words: tuple[str, ...] = ()
    numbers: tuple[str, ...] = ()
    accented: bool = False
    _folded: tuple[re.Pattern[str], ...] = field(default=(), repr=False, compare=False)
    _exact: re.Pattern[str] | None = field(default=None, repr=False, compare=False)

    @property
    def empty(self) -> bool:
        return not self.words and not self.numbers

    def matches(self, text: str) -> bool:
        """True if a row's search text (from :func:`search_text`) matches the query."""
        folded = fold_search(text)
        if not all(p.search(folded) for p in self._folded):
            return False
        return self._exact is None or self._exact.search(text) is not None

    def narrows(self, other: SearchQuery) -> bool:
        """True if every row matching ``self`` also matches ``other`` (``self`` only adds to its words)."""
        return _extends(self.words, other.words) and _extends(self.numbers, other.numbers)


def _extends(longer: tuple[str, ...], shorter: tuple[str, ...]) -> bool:
    return len(longer) >= len(shorter) and all(a.startswith(b) for a, b in zip(longer, shorter, strict=False))


def parse_query(text: str) -> SearchQuery:
    """Parse what the clerk typed into a :class:`SearchQuery`."""
    tokens = _WORD_RE.findall(unicodedata.normalize("NFC", text).casefold())
    words = tuple(t for t in tokens if not t.isdigit())
    numbers = tuple(t for t in tokens if t.isdigit())
    accented = any(fold_search(w) != w for w in words)
    folded = []
    if words:
        folded.append(re.compile(_ANY_IN_CELL.join(" " + re.escape(fold_search(w)) for w in words)))
    folded += [re.compile(re.escape(" " + n)) for n in numbers]
    exact = re.compile(_ANY_IN_CELL.join(" " + _accent_pattern(w) for w in words)) if accented else None
    return SearchQuery(words, numbers, accented, tuple(folded), exact)


def _letter_class(ch: str) -> str:
    """A GLOB class for one typed letter: a letter typed with its accent is only itself, a bare one any of its
    accented forms ("d" also "đ"), in either case."""
    forms = {ch} if fold_search(ch) != ch else {ch, *_VARIANTS.get(ch, "")}
    forms |= {f.upper() for f in forms if len(f.upper()) == 1}
    return "[" + "".join(sorted(forms)) + "]" if len(forms) > 1 else ch


def glob_pattern(query: SearchQuery) -> str | None:
    """A SQLite GLOB that one field's stored text (NFC, any case) passes whenever it matches the query's words:
    their letters in order, accents as typed. Looser than the rule (a word need not start a name part), so a
    database can narrow candidates with it before the rule checks them. None for a query without words."""
    if not query.words:
        return None
    return "*" + "*".join("".join(_letter_class(ch) for ch in word) for word in query.words) + "*"


def find_rows(query: SearchQuery, folded: Sequence[str], exact: Callable[[], Sequence[str]],
              among: Iterable[int] | None = None) -> list[int]:
    """Rows (of ``among``, in its order; all rows by default) matching ``query``: ``folded`` holds the rows'
    accent-free search texts, ``exact()`` gives their accented ones (asked only for a query with accents)."""
    rows = range(len(folded)) if among is None else among
    if query.empty:
        return list(rows)
    for pattern in query._folded:
        search = pattern.search
        rows = [i for i in rows if search(folded[i])]
    if query._exact is not None and rows:
        texts, search = exact(), query._exact.search
        rows = [i for i in rows if search(texts[i])]
    return list(rows)
