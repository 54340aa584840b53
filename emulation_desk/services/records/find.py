"""One finder for the whole file: people, units, decisions and nominations, across years, as the clerk types.

The FTS5 indexes of migration 0009 (one per kind) narrow by word prefixes (tones folded by the tokenizer); SQLite
narrows further with a GLOB keeping the typed accents and the words' order (``glob_pattern``), and a year without
nominations is answered from the year index; the few candidates left are checked with the search rule of
:mod:`emulation_desk.core.search` (words in order, typed accents). Each kind stops at its limit: a keystroke costs
what it shows, not what matches (tests/bench/finder_bench.py).
A nomination is found through its person or unit. Records changed since the last search (noted by triggers
in ``finder_pending``) are re-indexed first, or — on a read-only file — searched one by one.
"""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass
from itertools import chain, product
from typing import Any

from emulation_desk.core.search import SearchQuery, glob_pattern, parse_query, search_text
from emulation_desk.core.text import person_sort_key, vi_sort_key
from emulation_desk.services.awards.nominations import NOMINEE_JOINS, NOMINEE_NAME
from emulation_desk.services.workspace import Workspace

KINDS = ("person", "unit", "decision", "nomination")
KIND_LABELS = {"person": "Cá nhân", "unit": "Tập thể", "decision": "Quyết định", "nomination": "Đề nghị"}
_SCAN_LIMIT = 20_000  # candidates of the index looked at most for one keystroke (then: "type more")
_STATUS = {"draft": "Đang soạn", "submitted": "Đã nộp", "checked": "Đã thẩm định", "voted": "Đã bình xét",
           "decided": "Đã có quyết định", "rejected": "Không được đề nghị", "forwarded": "Đã trình cấp trên"}

_SOURCES = {
    "person": "SELECT p.id AS ref, p.full_name AS name, coalesce(p.birth_year, '') AS extra FROM person p "
              "WHERE p.id IN (SELECT ref FROM finder_pending WHERE kind = 'person')",
    "unit": "SELECT u.id AS ref, u.name AS name, u.short_name AS extra FROM unit u "
            "WHERE u.id IN (SELECT ref FROM finder_pending WHERE kind = 'unit')",
    "decision": "SELECT x.id AS ref, x.title AS name, trim(x.number || '/' || x.symbol, '/') AS extra "
                "FROM decision x WHERE x.id IN (SELECT ref FROM finder_pending WHERE kind = 'decision')",
}


@dataclass(frozen=True)
class Found:
    """One result: what it is, its name as the clerk knows it, a line of detail, and how to open it."""

    kind: str
    id: str
    name: str
    detail: str = ""
    year: int | None = None
    person_id: str | None = None
    unit_id: str | None = None

    def as_dict(self) -> dict[str, Any]:
        return {"kind_label": KIND_LABELS[self.kind], **asdict(self)}


# --------------------------------------------------------------------------- keeping the index current

def refresh_index(ws: Workspace) -> int:
    """Re-index the records noted as changed; the number re-indexed (0 on a read-only file)."""
    store = ws.store
    pending = store.scalar("SELECT count(*) FROM finder_pending") or 0
    if not pending or store.readonly:
        return 0
    conn = store.conn
    with store.transaction():
        for kind, sql in _SOURCES.items():
            conn.execute(f"DELETE FROM finder_{kind} WHERE rowid IN (SELECT doc FROM finder_doc "
                         "WHERE ref IN (SELECT ref FROM finder_pending WHERE kind = ?))", [kind])
            conn.execute("INSERT OR IGNORE INTO finder_doc (kind, ref) SELECT ?, ref FROM (" + sql + ")", [kind])
            conn.execute(f"INSERT INTO finder_{kind} (rowid, name, extra) SELECT d.doc, s.name, s.extra FROM ("
                         + sql + ") s JOIN finder_doc d ON d.ref = s.ref")
        for kind in _SOURCES:  # records deleted since: their document number goes too
            conn.execute(f"DELETE FROM finder_doc WHERE ref IN (SELECT ref FROM finder_pending WHERE kind = ?) "
                         f"AND NOT EXISTS (SELECT 1 FROM {kind} WHERE id = finder_doc.ref)", [kind])
        conn.execute("DELETE FROM finder_pending")
    return int(pending)


def rebuild_index(ws: Workspace) -> None:
    """Index every person, unit and decision again (after a restore from an old copy, or to repair)."""
    conn = ws.store.conn
    with ws.store.transaction():
        conn.execute("INSERT OR IGNORE INTO finder_pending (ref, kind) SELECT ref, kind FROM finder_doc")
        for kind, table in (("person", "person"), ("unit", "unit"), ("decision", "decision")):
            conn.execute(f"INSERT OR IGNORE INTO finder_pending (ref, kind) SELECT id, ? FROM {table}", [kind])
    refresh_index(ws)


# --------------------------------------------------------------------------- matching

def fts_expression(query: SearchQuery) -> str:
    """The FTS5 MATCH text of a query: every word and number as a prefix; a "d" may be typed for "đ"
    (the tokenizer keeps "đ": it is a letter of its own, not a "d" with a mark)."""
    terms = []
    for token in (*query.words, *query.numbers):
        bare = re.sub(r"[^\w]", "", token)
        spots = [i for i, ch in enumerate(bare) if ch == "d"][:3]
        variants = set()
        for choice in product("dđ", repeat=len(spots)):
            chars = list(bare)
            for spot, ch in zip(spots, choice, strict=True):
                chars[spot] = ch
            variants.add("".join(chars))
        alternatives = " OR ".join(f'"{v}"*' for v in sorted(variants))
        terms.append(f"({alternatives})" if len(variants) > 1 else alternatives)
    return "{name extra} : (" + " AND ".join(terms) + ")"


_IN_YEAR = {  # "+year": look a candidate up by its person or unit, never scan the year's nominations
    "person": "EXISTS (SELECT 1 FROM nomination n WHERE n.person_id = d.ref AND +n.year = ? AND n.deleted_at IS NULL)",
    "unit": "EXISTS (SELECT 1 FROM nomination n WHERE n.unit_id = d.ref AND +n.year = ? AND n.deleted_at IS NULL)",
    "decision": "EXISTS (SELECT 1 FROM decision x WHERE x.id = d.ref AND x.year = ?)",
}
_YEAR_HAS = {  # a year in which nobody is nominated has no person or unit to find: its first entry in the year
    # index says so (named: with statistics of a file nominated in one year only, SQLite would rather scan)
    "person": "SELECT 1 FROM nomination INDEXED BY nomination_year WHERE year = ? AND deleted_at IS NULL LIMIT 1",
    "unit": "SELECT 1 FROM nomination INDEXED BY nomination_year WHERE year = ? AND deleted_at IS NULL LIMIT 1",
    "decision": "SELECT 1 FROM decision WHERE year = ? LIMIT 1",
}


def _matching(ws: Workspace, query: SearchQuery, kind: str, wanted: int, year: int | None
              ) -> tuple[list[str], bool]:
    """Up to ``wanted`` refs of one kind whose name (with its extra: birth year, decision number) matches the
    query (nominated or signed in ``year`` if given), and whether more may match.

    One statement per kind, cheap per candidate: the index gives the candidates of the word prefixes (at most
    ``_SCAN_LIMIT``), SQLite keeps those passing :func:`glob_pattern` (accents and word order: a short accented
    prefix such as "đỗ" no longer hands Python every "Đơn vị", "Đông", "Đoàn"), then the year's filter, and the
    cursor streams them to the exact rule, stopping once ``wanted`` + 1 matched."""
    conn = ws.store.conn
    if year is not None and conn.execute(_YEAR_HAS[kind], [year]).fetchone() is None:
        return [], False
    expression = fts_expression(query)
    glob = glob_pattern(query)
    sql = (f"SELECT d.ref, c.name, c.extra FROM (SELECT rowid AS doc, name, extra FROM finder_{kind} "
           f"WHERE finder_{kind} MATCH ? LIMIT ?) c CROSS JOIN finder_doc d ON d.doc = c.doc "
           "WHERE d.ref NOT IN (SELECT ref FROM finder_pending)")
    params: list[Any] = [expression, _SCAN_LIMIT]
    if glob is not None:
        sql += " AND (c.name GLOB ? OR c.extra GLOB ?)"
        params += [glob, glob]
    if year is not None:
        sql += f" AND {_IN_YEAR[kind]}"
        params.append(year)
    pending = _SOURCES[kind] if conn.execute("SELECT 1 FROM finder_pending WHERE kind = ? LIMIT 1",
                                             [kind]).fetchone() else ""
    if pending and year is not None:
        pending = f"SELECT ref, name, extra FROM ({pending}) d WHERE {_IN_YEAR[kind]}"
    found: list[str] = []
    check = query.matches
    rows = chain(conn.execute(pending, [year] if pending and year is not None else []) if pending else (),
                 conn.execute(sql, params))
    for ref, name, extra in rows:  # the cursor streams: stop early
        if check(search_text([name, str(extra)])):
            found.append(ref)
            if len(found) > wanted:
                return found[:wanted], True
    capped = conn.execute(f"SELECT count(*) >= ? FROM (SELECT 1 FROM finder_{kind} WHERE finder_{kind} MATCH ? "
                          "LIMIT ?)", [_SCAN_LIMIT, expression, _SCAN_LIMIT]).fetchone()[0]
    return found, bool(capped)


def _placeholders(values: list[str]) -> str:
    return ",".join("?" * len(values))


def _people(ws: Workspace, refs: list[str], year: int | None) -> list[Found]:
    if not refs:
        return []
    sql = ("SELECT p.id, p.full_name, p.birth_year, u.name AS unit_name FROM person p "
           f"LEFT JOIN unit u ON u.id = p.unit_id WHERE p.id IN ({_placeholders(refs)})")
    params: list[Any] = list(refs)
    if year is not None:
        sql += " AND EXISTS (SELECT 1 FROM nomination n WHERE n.person_id = p.id AND +n.year = ? AND n.deleted_at IS NULL)"
        params.append(year)
    rows = sorted(ws.store.query(sql, params), key=lambda r: person_sort_key(r["full_name"]))
    return [Found("person", r["id"], r["full_name"], ", ".join(
        x for x in (f"sinh năm {r['birth_year']}" if r["birth_year"] else "", r["unit_name"] or "") if x),
        person_id=r["id"]) for r in rows]


def _units(ws: Workspace, refs: list[str], year: int | None) -> list[Found]:
    if not refs:
        return []
    sql = ("SELECT u.id, u.name, u.valid_to, p.name AS parent_name FROM unit u LEFT JOIN unit p ON p.id = u.parent_id "
           f"WHERE u.id IN ({_placeholders(refs)})")
    params: list[Any] = list(refs)
    if year is not None:
        sql += " AND EXISTS (SELECT 1 FROM nomination n WHERE n.unit_id = u.id AND +n.year = ? AND n.deleted_at IS NULL)"
        params.append(year)
    rows = sorted(ws.store.query(sql, params), key=lambda r: vi_sort_key(r["name"]))
    return [Found("unit", r["id"], r["name"], ", ".join(
        x for x in (r["parent_name"] or "", "không còn hoạt động" if r["valid_to"] else "") if x), unit_id=r["id"])
        for r in rows]


def _decisions(ws: Workspace, refs: list[str], year: int | None) -> list[Found]:
    if not refs:
        return []
    sql = ("SELECT id, year, number, symbol, signed_on, title, issuer_name FROM decision "
           f"WHERE deleted_at IS NULL AND id IN ({_placeholders(refs)})")
    params: list[Any] = list(refs)
    if year is not None:
        sql += " AND year = ?"
        params.append(year)
    rows = sorted(ws.store.query(sql, params), key=lambda r: (-r["year"], r["signed_on"]))
    out = []
    for r in rows:
        number = "/".join(x for x in (r["number"], r["symbol"]) if x)
        day = "/".join(reversed(r["signed_on"].split("-")))
        name = f"Quyết định số {number}" if number else "Quyết định chưa có số"
        out.append(Found("decision", r["id"], name, f"ngày {day}: {r['title']}", year=r["year"]))
    return out


def _nominations(ws: Workspace, people: list[Found], units: list[Found], year: int | None,
                 wanted: int) -> list[Found]:
    person_ids = [f.id for f in people]
    unit_ids = [f.id for f in units]
    if not person_ids and not unit_ids:
        return []
    sql = ("SELECT n.id, n.year, n.status, n.person_id, n.unit_id, coalesce(f.name, n.form_code) AS form_name, "
           f"{NOMINEE_NAME} AS who FROM nomination n LEFT JOIN award_form f ON f.code = n.form_code {NOMINEE_JOINS} "
           "WHERE n.deleted_at IS NULL AND n.{column} IN ({marks})" + (" AND +n.year = ?" if year is not None else ""))
    rows: list[dict[str, Any]] = []
    for column, ids in (("person_id", person_ids), ("unit_id", unit_ids)):
        if ids:  # one indexed look-up per column (an OR of both would scan the year index)
            rows += ws.store.query(sql.format(column=column, marks=_placeholders(ids)),
                                   [*ids, *([year] if year is not None else [])])
    rows.sort(key=lambda r: -r["year"])
    rows = rows[:wanted]
    return [Found("nomination", r["id"], f"{r['who']} — {r['form_name']}",
                  f"năm {r['year']}, {_STATUS.get(r['status'], r['status'])}", year=r["year"],
                  person_id=r["person_id"], unit_id=r["unit_id"]) for r in rows]


@dataclass(frozen=True)
class FindResult:
    """The finder's answer: results by kind in the order shown, and whether a kind has more than shown."""

    items: list[Found]
    more: dict[str, bool]


def find(ws: Workspace, text: str, *, year: int | None = None, limit: int = 20) -> FindResult:
    """People, units, decisions and nominations matching what the clerk typed (``limit`` of each kind)."""
    query = parse_query(text)
    if query.empty:
        return FindResult([], {})
    refresh_index(ws)
    more: dict[str, bool] = {}
    refs: dict[str, list[str]] = {}
    for kind in ("person", "unit", "decision"):
        refs[kind], more[kind] = _matching(ws, query, kind, limit, year)
    people = _people(ws, refs["person"], year)
    units = _units(ws, refs["unit"], year)
    decisions = _decisions(ws, refs["decision"], year)
    nominations = _nominations(ws, people[:limit], units[:limit], year, limit + 1)
    more["nomination"] = len(nominations) > limit
    for kind, shown in (("person", people), ("unit", units), ("decision", decisions)):
        more[kind] = more[kind] or len(shown) > limit
    return FindResult([*people[:limit], *units[:limit], *decisions[:limit], *nominations[:limit]], more)


def record_names(ws: Workspace, ids: set[str]) -> dict[str, str]:
    """The names a clerk knows records by (person, unit, decision, nomination, bloc, household), by id: for
    the audit and history views, which otherwise show UUIDs."""
    names: dict[str, str] = {}
    wanted = [i for i in ids if isinstance(i, str) and len(i) == 36]
    sources = (
        "SELECT id, full_name AS name FROM person WHERE id IN ({})",
        "SELECT id, name FROM unit WHERE id IN ({})",
        "SELECT id, head_name AS name FROM household WHERE id IN ({})",
        "SELECT id, name FROM bloc WHERE id IN ({})",
        "SELECT id, CASE WHEN number <> '' THEN 'Quyết định số ' || trim(number || '/' || symbol, '/') "
        "ELSE 'Quyết định chưa có số' END AS name FROM decision WHERE id IN ({})",
        f"SELECT n.id, 'Đề nghị ' || coalesce(f.name, n.form_code) || ' cho ' || coalesce({NOMINEE_NAME}, '?') "
        f"|| ' năm ' || n.year AS name FROM nomination n LEFT JOIN award_form f ON f.code = n.form_code {NOMINEE_JOINS} "
        "WHERE n.id IN ({})",
    )
    for start in range(0, len(wanted), 500):
        chunk = wanted[start:start + 500]
        for sql in sources:
            for row in ws.store.query(sql.format(_placeholders(chunk)), chunk):
                names.setdefault(row["id"], row["name"])
    return names
