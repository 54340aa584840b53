"""Tab "Đề nghị khen thưởng": every nomination of the year with nominee, form, kind, proposing unit,
status, duplicate warnings and the eligibility verdict (icon + short reason; the explanation in the side
panel). Filters by unit, form, status, verdict and free text; bulk change of status."""

from __future__ import annotations

import html
import inspect
from collections.abc import Callable
from functools import lru_cache
from typing import Any

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QColor, QIcon, QPainter, QPixmap
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSplitter,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from emulation_desk.core.rules.verdict import needs_text
from emulation_desk.core.text import vi_sort_key
from emulation_desk.services.awards import nominations
from emulation_desk.services.awards.nominations import STATUS_LABELS
from emulation_desk.services.common import SUBJECT_LABELS, Changes
from emulation_desk.services.maintenance import trash
from emulation_desk.services.workspace import Workspace
from emulation_desk.ui.column_chooser import install_column_chooser
from emulation_desk.ui.dialogs import ask, inform, run_action
from emulation_desk.ui.operations import OpContext, Operation, local, read, wait_for
from emulation_desk.ui.table_model import Column, fast_fold, fold_rows
from emulation_desk.ui.tabs.base import BaseTab

VerdictProvider = Callable[..., dict[str, Any]]  # (workspace, year[, progress=(done, total)]) → verdicts by id
VERDICT_LABELS = {"dat": "Đạt", "chua_dat": "Chưa đạt", "thieu_du_lieu": "Chưa có dữ liệu", "canh_bao": "Cần xem lại",
                  "khong_ap_dung": "Không áp dụng"}
VERDICT_COLOURS = {"dat": "#2e7d32", "chua_dat": "#c62828", "thieu_du_lieu": "#1565c0", "canh_bao": "#ef6c00",
                   "khong_ap_dung": "#9e9e9e"}
ALL = "__all__"


@lru_cache(maxsize=8)
def verdict_icon(status: str) -> QIcon:
    """A coloured dot per verdict (drawn, so it never depends on an icon theme or a symbol font)."""
    pixmap = QPixmap(12, 12)
    pixmap.fill(QColor(0, 0, 0, 0))
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setBrush(QColor(VERDICT_COLOURS.get(status, "#9e9e9e")))
    painter.setPen(Qt.PenStyle.NoPen)
    painter.drawEllipse(1, 1, 10, 10)
    painter.end()
    return QIcon(pixmap)


def _attr(verdict: Any, name: str, default: Any = None) -> Any:
    if verdict is None:
        return default
    if isinstance(verdict, dict):
        return verdict.get(name, default)
    return getattr(verdict, name, default)


def _verdict_text(row: dict[str, Any]) -> str:
    verdict = row.get("_verdict")
    if verdict is None:
        return "Đang kiểm tra…" if row.get("_verdict_pending") else ""
    label = VERDICT_LABELS.get(_attr(verdict, "status"), "")
    reason = (_attr(verdict, "reason", "") or "").removeprefix(f"{label}: ")  # "Cần xem lại: …" says it once
    return f"{label}: {reason}" if reason else label


NOMINATION_COLUMNS = [
    Column("_verdict_status", "Điều kiện", width=190, display=_verdict_text,
           decoration=lambda r: verdict_icon(r["_verdict_status"]) if r.get("_verdict_status") else None),
    Column("_warning", "Cảnh báo", width=72, display=lambda r: "Trùng lặp" if r.get("_warning") else ""),
    Column("nominee_name", "Người/tập thể được đề nghị", kind="name", width=185),
    Column("birth_year", "Năm sinh", kind="year", width=62),
    Column("position", "Chức vụ", width=115),
    Column("form_short_name", "Hình thức", width=150),
    Column("kind_name", "Loại khen thưởng", width=180),
    Column("proposing_unit_name", "Đơn vị đề nghị", width=175),
    Column("status", "Trạng thái", width=110, display=lambda r: STATUS_LABELS.get(r["status"], r["status"])),
]


def eligibility_verdicts(ws: Workspace, year: int, progress: Callable[[int, int], None] | None = None
                         ) -> dict[str, Any]:
    """The verdict provider of the window: the eligibility engine's verdicts of ``year`` keyed by nomination
    (status, one-line reason; the explanation is written out only when the side panel shows it, since a province
    year has 100.000 verdicts). Pure service work: safe in a worker thread that passes a workspace on its own
    connection."""
    from emulation_desk.services.awards.eligibility import year_eligibility

    return {v.nomination_id: v for v in year_eligibility(ws, year, progress=progress).verdicts}


def _verdict_lines(verdict: Any) -> list[str]:
    """The explanation's lines of an engine verdict, or the ``details`` of a verdict given as a mapping."""
    explanation = getattr(verdict, "explanation", None)
    if callable(explanation):
        return str(explanation()).splitlines()
    return list(_attr(verdict, "details", []) or [])


def _details_html(lines: list[str]) -> str:
    """The explanation's lines as HTML, every text escaped: the checks ("- [Đạt] …") as a list with their
    article and evidence (indented lines) under them."""
    out: list[str] = []
    items: list[str] = []
    for line in lines:
        text = line.strip()
        if not text:
            continue
        if line.startswith("- "):
            items.append(html.escape(text[2:]))
        elif line.startswith(" ") and items:
            items[-1] += f"<br><span style='color:#555'>{html.escape(text)}</span>"
        else:
            out.append(f"<p>{html.escape(text)}</p>")
    if items:
        out.append("<ul style='margin-left:-20px'>" + "".join(f"<li>{item}</li>" for item in items) + "</ul>")
    return "".join(out)


def _read_year(ws: Workspace, year: int, *, fold: bool, verdicts: Callable[[], dict[str, Any]] | None = None,
               first: int | None = None) -> tuple[list[dict[str, Any]], list[str] | None]:
    """The year's nominations (or only the ``first`` ones, without the warnings that need them all) with their
    duplicate warnings, verdicts (when ``verdicts`` is given) and search text: pure, thread-safe work."""
    rows = nominations.list_nominations(ws, year, limit=first)
    warnings = nominations.duplicate_warnings(ws, year, rows) if first is None else {}
    found = verdicts() if verdicts is not None else {}
    for row in rows:
        verdict = found.get(row["id"])
        row["_verdict"] = verdict
        row["_verdict_status"] = _attr(verdict, "status")
        row["_warning"] = warnings.get(row["id"], "")
    return rows, fold_rows(NOMINATION_COLUMNS, rows) if fold else None


def _with_verdict_text(rows: list[dict[str, Any]], folded: list[str] | None, found: dict[str, Any]) -> list[str]:
    """The rows' search text once their verdicts are known: the verdict column comes first, so its folded text
    goes in front of the text made without it (a province year: no copy of 100.000 rows); made from scratch
    when there was none."""
    if folded is not None and len(folded) == len(rows) and NOMINATION_COLUMNS[0].key == "_verdict_status":
        memo: dict[str, str] = {}
        joined = []
        for row, rest in zip(rows, folded, strict=True):
            text = _verdict_text({"_verdict": found.get(row["id"])})
            head = memo.get(text)
            if head is None:
                head = memo[text] = fast_fold(text)
            joined.append(head + rest)
        return joined
    return fold_rows(NOMINATION_COLUMNS, [{**r, "_verdict": found.get(r["id"]), "_verdict_pending": False,
                                           "_verdict_status": _attr(found.get(r["id"]), "status")} for r in rows])


FIRST_ROWS = 200  # shown while a large year is read whole


class NominationsTab(BaseTab):
    title = "Đề nghị khen thưởng"
    item_label = "đề nghị"
    multi_select = True
    council_requested = Signal()

    def __init__(self, ws: Workspace, verdict_provider: VerdictProvider | None = None, *,
                 background: bool = False) -> None:
        super().__init__(ws, NOMINATION_COLUMNS)
        install_column_chooser(self.view, NOMINATION_COLUMNS, "NominationsTab", ("birth_year", "position", "kind_name"))
        self.verdict_provider = verdict_provider
        self.background = background and str(ws.path) != ":memory:"
        self._generation = 0
        self._full_shown = False
        self._tasks: list[Operation[Any]] = []
        self._judge_task: Operation[Any] | None = None
        self._judging = (0, 0)
        self._judge_timer = QTimer(self)
        self._judge_timer.setInterval(250)
        self._judge_timer.timeout.connect(self._update_count)
        self.unit_filter = self._filter_box("Đơn vị", "unit")
        self.form_filter = self._filter_box("Hình thức", "form")
        self.status_filter = self._filter_box("Trạng thái", "status")
        self.verdict_filter = self._filter_box("Điều kiện", "verdict")
        self.add_button("Thêm đề nghị…", self.new_record, "Ctrl+N")
        self.add_button("Sửa…", self.open_record, "Enter")
        self.buttons.addWidget(QLabel("   Chuyển các dòng đã chọn sang:"))
        self.bulk_status = QComboBox()
        for code, label in STATUS_LABELS.items():
            if code != "decided":
                self.bulk_status.addItem(label, code)
        self.buttons.addWidget(self.bulk_status)
        self.add_button("Chuyển trạng thái", self.change_status, "Áp dụng cho mọi dòng đang chọn (tất cả hoặc không)")
        self.delete_button = self.add_button("Xóa", self.delete_selected, "Đưa các đề nghị đã chọn vào thùng rác "
                                             "(khôi phục được; Ctrl+Z để hoàn tác ngay)")
        self.council_button = self.add_button("Họp Hội đồng…", self.council_requested.emit,
                                              "Điểm danh, biểu quyết và in tài liệu họp Hội đồng Thi đua - Khen thưởng")
        self.add_history_button()
        self.finish_buttons()
        self.details = QTextBrowser()
        self.details.setMinimumWidth(240)
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(self.view)
        splitter.addWidget(self._details_panel())
        splitter.setSizes([1090, 250])
        splitter.setStretchFactor(0, 1)
        self.layout_.addWidget(splitter, 1)
        self.view.selectionModel().selectionChanged.connect(lambda *_: self._show_details())
        self.warnings: dict[str, str] = {}
        from emulation_desk.ui.records_open import add_record_action

        add_record_action(self.view, self.open_nominee_record, "Mở hồ sơ người/tập thể được đề nghị…")

    def _details_panel(self) -> QWidget:
        """The explanation, and under it the button that opens the nominee's Hồ sơ (it names what is missing)."""
        panel = QWidget()
        layout = QVBoxLayout(panel)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.details, 1)
        self.record_button = QPushButton("Mở hồ sơ…")
        self.record_button.setToolTip("Hồ sơ của người/tập thể được đề nghị: xếp loại, sáng kiến, kỷ luật, số liệu "
                                      "theo năm (Ctrl+H)")
        self.record_button.clicked.connect(lambda *_: self.open_nominee_record())
        self.record_button.hide()
        layout.addWidget(self.record_button)
        return panel

    def open_nominee_record(self) -> bool:
        """The Hồ sơ of the selected nomination's person or collective (households have none)."""
        from emulation_desk.ui.records_open import open_person_record, open_unit_record

        row = self.selected_row()
        if row is None or row["subject"] not in ("ca_nhan", "tap_the"):
            return False
        needs = tuple(_attr(row.get("_verdict"), "needs", ()) or ())
        if row["subject"] == "ca_nhan":
            return open_person_record(self, row["person_id"], needs)
        return open_unit_record(self, row["unit_id"], needs)

    def _filter_box(self, label: str, name: str) -> QComboBox:
        box = QComboBox()
        box.setMinimumContentsLength(10)
        box.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        box.setMaximumWidth(150)
        box.currentIndexChanged.connect(lambda *_: self._apply_filter(name, box.currentData()))
        row: QHBoxLayout = self.top
        row.insertWidget(row.count() - 1, QLabel(f"{label}:"))
        row.insertWidget(row.count() - 1, box)
        return box

    def _apply_filter(self, name: str, value: Any) -> None:
        if value in (None, ALL):
            self.proxy.set_predicate(name, None)
        elif name == "unit":
            self.proxy.set_predicate(name, lambda r: value in (r["proposing_unit_name"], r["person_unit_name"],
                                                                r["nominee_name"]))
        elif name == "form":
            self.proxy.set_predicate(name, lambda r: r["form_code"] == value)
        elif name == "status":
            self.proxy.set_predicate(name, lambda r: r["status"] == value)
        elif name == "verdict":
            if value == "_warning":
                self.proxy.set_predicate(name, lambda r: bool(r.get("_warning")))
            else:
                self.proxy.set_predicate(name, lambda r: r.get("_verdict_status") == value)
        self._update_count()

    def _fill_filter(self, box: QComboBox, everything: str, pairs: list[tuple[str, str]]) -> None:
        current = box.currentData()
        box.blockSignals(True)
        box.clear()
        box.addItem(everything, ALL)
        for value, label in pairs:
            box.addItem(label, value)
        index = box.findData(current)
        box.setCurrentIndex(max(index, 0))
        box.blockSignals(False)

    # ------------------------------------------------------------------ loading
    def cares_about(self, changes: Changes) -> bool:
        return changes.nominations or changes.people or changes.units or changes.catalog

    def load(self, year: int) -> None:
        """Read the year's nominations; with ``background`` the reading (its own read-only connection)
        and the search text are made in a worker thread, so the tab opens at once on a large year."""
        super().load(year)
        self._generation += 1
        generation = self._generation
        provider = self.verdict_provider
        if not self.background:
            verdicts = (lambda: provider(self.ws, year)) if provider is not None else None
            self._loaded(generation, year, _read_year(self.ws, year, fold=False, verdicts=verdicts))
            return
        for running in self._tasks:
            running.cancel()  # an older year's reading or verdicts: not wanted any more

        def reading(first: int | None) -> Callable[[OpContext], tuple[list[dict[str, Any]], list[str] | None]]:
            def job(ctx: OpContext) -> tuple[list[dict[str, Any]], list[str] | None]:
                return _read_year(ctx.ws, year, fold=False, first=first)
            return job

        def first_shown(result: tuple[list[dict[str, Any]], list[str] | None]) -> None:
            if generation == self._generation and not self._full_shown:
                self._loaded(generation, year, result)

        def shown(result: tuple[list[dict[str, Any]], list[str] | None]) -> None:
            if provider is not None:
                for row in result[0]:
                    row["_verdict_pending"] = True
            self._full_shown = True
            self._loaded(generation, year, result)
            if generation == self._generation:
                made = self._fold(generation, result[0])
                if provider is not None:
                    self._judge(generation, year, result[0], made)

        self._full_shown = False
        # the first rows at once (a province year takes seconds to read whole), the whole list beside them
        self._start(reading(FIRST_ROWS), first_shown)
        self._start(reading(None), shown)

    def _fold(self, generation: int, rows: list[dict[str, Any]]) -> dict[str, list[str]]:
        """The search text of the shown rows, made in a worker (the list is usable meanwhile: a keystroke before
        it arrives folds the rows itself). The returned holder gets the text as soon as it is made, for the
        verdicts' worker to build on."""
        made: dict[str, list[str]] = {}

        def job(_ctx: OpContext) -> list[str]:
            folded = made["folded"] = fold_rows(NOMINATION_COLUMNS, rows)
            return folded

        def done(folded: list[str]) -> None:
            if generation == self._generation and not made.get("superseded"):
                self.model.set_folded(folded)

        self._start(job, done, local)  # no database: only the rows in memory
        return made

    def _start(self, job: Callable[[OpContext], Any], done: Callable[[Any], None],
               make: Callable[..., Operation[Any]] = read) -> Operation[Any]:
        task = make(self, job, done)
        self._tasks.append(task)
        task.ended.connect(lambda: self._task_ended(task))
        task.run_in_background()
        self._update_count()
        return task

    def _judge(self, generation: int, year: int, rows: list[dict[str, Any]], made: dict[str, Any]) -> None:
        """The second stage of a background load: the list is on screen; the verdicts (tens of seconds on a
        province year) are computed on the worker's own connection and fill the column when ready. ``made``
        holds the rows' search text once :meth:`_fold` has made it (else it is made here)."""
        provider = self.verdict_provider
        assert provider is not None
        self.ws.catalog()  # read once here: the operation's workspace shares it
        self._judging = (0, 0)
        wants_progress = "progress" in inspect.signature(provider).parameters

        def job(ctx: OpContext) -> tuple[dict[str, Any], list[str]]:
            found = (provider(ctx.ws, year, progress=lambda done, total: ctx.progress(done, total))
                     if wants_progress else provider(ctx.ws, year))
            return found, _with_verdict_text(rows, made.get("folded"), found)

        def done(result: tuple[dict[str, Any], list[str]]) -> None:
            if generation != self._generation:
                return
            found, folded = result
            made["superseded"] = True  # the search text with the verdicts: the fold job's is older
            for row in rows:
                verdict = found.get(row["id"])
                row["_verdict_pending"] = False
                row["_verdict"] = verdict
                row["_verdict_status"] = _attr(verdict, "status")
            chosen = [r["id"] for r in self.selected_rows()]
            self.model.rows_changed(folded)
            self._apply_filter("verdict", self.verdict_filter.currentData())
            for record_id in chosen[:1]:
                self.select_id(record_id)
            self._show_details()

        self._judge_task = self._start(job, done)
        self._judge_task.progressed.connect(lambda done, total, _text: setattr(self, "_judging", (done, total)))
        self._judge_timer.start()

    def _task_ended(self, task: Operation[Any]) -> None:
        if task in self._tasks:
            self._tasks.remove(task)
        if task is self._judge_task:
            self._judge_task = None
            self._judge_timer.stop()
        self._update_count()

    def count_text(self) -> str:
        if self._judge_task is not None and self._judge_task in self._tasks:
            done, total = self._judging
            share = f" {100 * done // total}%" if total else ""
            return f"{super().count_text()} — đang kiểm tra điều kiện…{share}"
        return "Đang tải…" if self._tasks else super().count_text()

    def wait_loaded(self, timeout_ms: int = 60_000) -> None:
        """Run the event loop until the background load has finished (for scripts and tests)."""
        wait_for(self, timeout_ms)
        self._update_count()

    def _loaded(self, generation: int, year: int, result: tuple[list[dict[str, Any]], list[str] | None]) -> None:
        if generation != self._generation:
            return  # an older year or an older state of the data
        rows, folded = result
        self.warnings = {r["id"]: r["_warning"] for r in rows if r["_warning"]}
        self.model.set_rows(rows, folded)
        units = sorted({r["proposing_unit_name"] for r in rows if r["proposing_unit_name"]}, key=vi_sort_key)
        forms = {r["form_code"]: r["form_name"] for r in rows}
        self._fill_filter(self.unit_filter, "Tất cả đơn vị", [(u, u) for u in units])
        self._fill_filter(self.form_filter, "Tất cả hình thức", sorted(forms.items(), key=lambda p: vi_sort_key(p[1])))
        self._fill_filter(self.status_filter, "Mọi trạng thái", list(STATUS_LABELS.items()))
        verdict_pairs = [*VERDICT_LABELS.items(), ("_warning", "Có cảnh báo trùng lặp")] if self.verdict_provider \
            else [("_warning", "Có cảnh báo trùng lặp")]
        self._fill_filter(self.verdict_filter, "Tất cả", verdict_pairs)
        for name, box in (("unit", self.unit_filter), ("form", self.form_filter), ("status", self.status_filter),
                          ("verdict", self.verdict_filter)):
            self._apply_filter(name, box.currentData())
        self.view.setColumnHidden(0, self.verdict_provider is None)
        self.details.setHtml("<p>Chọn một đề nghị để xem chi tiết và giải thích điều kiện.</p>")
        self._update_count()

    def _show_details(self) -> None:
        row = self.selected_row()
        if row is None:
            return
        verdict = row.get("_verdict")
        needs = tuple(_attr(verdict, "needs", ()) or ())
        self.record_button.setVisible(row["subject"] in ("ca_nhan", "tap_the"))
        self.record_button.setText("Nhập ở Hồ sơ…" if needs else "Mở hồ sơ…")  # the side panel is narrow
        self.record_button.setToolTip(f"Cần nhập: {needs_text(needs)} (Ctrl+H)" if needs else
                                      "Hồ sơ của người/tập thể được đề nghị (Ctrl+H)")

        def esc(value: Any) -> str:
            return html.escape(str(value if value is not None else ""))

        parts = [f"<h3>{esc(row['nominee_name'])}</h3>",
                 f"<p><b>{esc(row['form_name'])}</b><br>{esc(row['kind_name'])} — "
                 f"{esc(SUBJECT_LABELS.get(row['subject'], ''))}"
                 f"<br>Đơn vị đề nghị: {esc(row['proposing_unit_name'] or '—')}"
                 f"<br>Trạng thái: {esc(STATUS_LABELS.get(row['status'], row['status']))}</p>"]
        if row.get("achievement"):
            parts.append(f"<p><i>Thành tích:</i> {esc(row['achievement'])}</p>")
        if row.get("_warning"):
            parts.append(f"<p style='color:#ef6c00'><b>Cảnh báo:</b> {esc(row['_warning'])}</p>")
        if verdict is not None:
            status = _attr(verdict, "status")
            colour = VERDICT_COLOURS.get(status, "#555")
            parts.append(f"<p style='color:{colour}'><b>Điều kiện: {esc(VERDICT_LABELS.get(status, ''))}</b><br>"
                         f"{esc(_attr(verdict, 'reason', '') or '')}</p>")
            parts.append(_details_html(_verdict_lines(verdict)))
        elif self.verdict_provider is None:
            parts.append("<p style='color:#777'>Chưa có kết quả kiểm tra điều kiện.</p>")
        self.details.setHtml("".join(parts))

    # ------------------------------------------------------------------ actions
    def new_record(self) -> None:
        if self.year is None:
            return
        from emulation_desk.ui.nomination_dialog import NominationDialog

        dialog = NominationDialog(self.ws, self.year, None, self)
        if dialog.exec():
            self.changed(dialog.result_value.changes)
            self.select_id(dialog.result_value.id)

    def open_record(self) -> None:
        row = self.selected_row()
        if row is None or self.year is None:
            return
        if row["status"] == "decided":
            inform(self, "Đề nghị đã có quyết định", "Đề nghị này đã có quyết định khen thưởng nên không sửa được.")
            return
        from emulation_desk.ui.nomination_dialog import NominationDialog

        dialog = NominationDialog(self.ws, self.year, row, self)
        if dialog.exec():
            self.changed(dialog.result_value)
            self.select_id(row["id"])

    def change_status(self) -> None:
        rows = self.selected_rows()
        status = self.bulk_status.currentData()
        if not rows:
            inform(self, "Chuyển trạng thái", "Hãy chọn các đề nghị cần chuyển (giữ Ctrl hoặc Shift để chọn nhiều).")
            return
        label = STATUS_LABELS[status]
        if not ask(self, "Chuyển trạng thái", f"Chuyển {len(rows)} đề nghị sang “{label}”?", yes="Chuyển"):
            return
        ids = [r["id"] for r in rows]
        changes = run_action(self, lambda: nominations.set_status(self.ws, ids, status))
        if changes is None:
            return
        before: dict[str, list[str]] = {}
        for row in rows:
            before.setdefault(row["status"], []).append(row["id"])

        self.changed(changes)
        self.undo_offered.emit(f"Đã chuyển {len(ids)} đề nghị sang “{label}”",
                               lambda: nominations.set_statuses(self.ws, before))

    def delete_selected(self) -> None:
        """Move the selected nominations to the trash (all or none); Ctrl+Z restores them."""
        rows = self.selected_rows()
        if not rows:
            inform(self, "Xóa đề nghị", "Hãy chọn các đề nghị cần xóa (giữ Ctrl hoặc Shift để chọn nhiều).")
            return
        if problem := trash.why_not_deletable(self.ws, [r["id"] for r in rows]):  # refused before asking
            return inform(self, "Không xóa được", problem, error=True)
        what = f"đề nghị của “{rows[0]['nominee_name']}”" if len(rows) == 1 else f"{len(rows)} đề nghị đã chọn"
        if not ask(self, "Xóa đề nghị", f"Xóa {what}? Đề nghị được đưa vào thùng rác và khôi phục được (Tệp → "
                   "Thùng rác, hoặc Hoàn tác ngay bằng Ctrl+Z).", yes="Xóa", no="Không xóa", warning=True):
            return
        ids = [r["id"] for r in rows]
        changes = run_action(self, lambda: trash.delete_nominations(self.ws, ids), "Không xóa được")
        if changes is None:
            return
        self.changed(changes)
        self.undo_offered.emit(f"Đã xóa {len(ids)} đề nghị (đưa vào thùng rác)", lambda: trash.restore(self.ws, ids))

    def history_label(self, row: dict[str, Any]) -> str:
        return f"{row['nominee_name']} — {row['form_short_name']}"
