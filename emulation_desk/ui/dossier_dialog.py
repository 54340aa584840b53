"""Hồ sơ đề nghị cấp trên khen thưởng: the year's dossiers upward, each with its papers.

The clerk makes a dossier from the nominations forwarded for a form ("Lập hồ sơ…", or from the nominations
selected in the Đề nghị tab), sees its papers — the tờ trình with its list, the council's biên bản with the
vote, one báo cáo thành tích per person or collective — previews and prints each, exports it as PDF or Word
(through the export registry, ``dossier_paper``), writes the whole dossier as a folder with a zip
(the registry's ``dossier`` entry, as ``export dossier`` does), and moves it
prepared → sent (number and date of the tờ trình) → decided (the higher level's decision, recorded with
"Ghi nhận quyết định cấp trên…"). Every database job runs through :mod:`emulation_desk.ui.operations`.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from emulation_desk.core.text import format_date
from emulation_desk.services.common import Changes
from emulation_desk.services.council import dossier as dossiers
from emulation_desk.services.workspace import Workspace
from emulation_desk.ui import documents
from emulation_desk.ui.dialogs import FormDialog, combo, inform
from emulation_desk.ui.operations import Operation, read, wait_for, write
from emulation_desk.ui.table_model import Column
from emulation_desk.ui.tabs.base import make_table, selected_rows

TITLE = "Hồ sơ đề nghị cấp trên khen thưởng"


def _dmy(value: str | None) -> str:
    return format_date(date.fromisoformat(value)) if value else ""


DOSSIER_COLUMNS = [
    Column("form_name", "Hình thức đề nghị", width=230),
    Column("number", "Tờ trình", width=150, display=lambda r: (f"Số {r['number']}/{r['symbol']}" if r["number"]
                                                               else "(chưa có số)")),
    Column("dated_on", "Ngày tờ trình", width=95, display=lambda r: _dmy(r["dated_on"])),
    Column("items", "Số đề nghị", kind="int", width=80),
    Column("status", "Trạng thái", width=170, display=lambda r: dossiers.STATUS_LABELS[r["status"]]),
    Column("sent_on", "Ngày gửi", width=90, display=lambda r: _dmy(r["sent_on"])),
    Column("folder", "Thư mục đã xuất", width=300),
]
PAPER_COLUMNS = [Column("order", "STT", kind="int", width=45), Column("title", "Văn bản", width=430),
                 Column("stem", "Tên tệp", width=300), Column("note", "Lưu ý", width=300)]


def paper_document(dossier: dict[str, Any], paper: dict[str, Any], *, word: bool = False) -> documents.Document:
    """One paper of a dossier for :class:`documents.DocumentActions` (PDF preview; PDF or Word export)."""
    dossier_id, stem = dossier["id"], paper["stem"]

    def build(ws: Workspace) -> bytes:
        from emulation_desk.documents.paper_pdf import paper_pdf
        from emulation_desk.services.council.dossier_print import dossier_paper

        return paper_pdf(dossier_paper(ws, dossier_id, stem))

    def export(ws: Workspace, path: Path) -> Any:
        from emulation_desk.services.reporting.registry import export_document

        return export_document(ws, "dossier_paper", path, dossier_id=dossier_id, paper=stem)

    what = paper["title"][:1].lower() + paper["title"][1:]
    suffix, pattern = (".docx", documents.DOCX_PATTERN) if word else (".pdf", documents.PDF_PATTERN)
    return documents.Document(what, stem + suffix, None if word else build, export, pattern)


def _note(stem: str, nominees: Any) -> str:
    """What the clerk should know of a paper: the list it carries, or a report's text still to be written."""
    if stem.startswith("01-"):
        return f"Kèm danh sách {len(nominees)} người/tập thể được đề nghị"
    if stem.startswith("02-"):
        return "Kết quả bỏ phiếu của Hội đồng"
    index = int(stem[:2]) - 3
    if 0 <= index < len(nominees) and not (nominees[index].achievement or "").strip():
        return "Phần thành tích chờ viết (sửa trong tệp Word)"
    return "Đã có phần thành tích"


class NewDossierDialog(FormDialog):
    """"Lập hồ sơ": a form whose forwarded nominations are not in a dossier yet, the tờ trình's date and number."""

    def __init__(self, forms: dict[str, str], parent: QWidget | None = None) -> None:
        super().__init__("Lập hồ sơ đề nghị cấp trên", parent, ok_text="Lập hồ sơ")
        note = QLabel("Hồ sơ gồm các đề nghị của hình thức đã chọn đang ở trạng thái “Đã trình cấp trên” và chưa có "
                      "trong hồ sơ nào. Có thể để trống số tờ trình và ghi sau khi gửi.")
        note.setWordWrap(True)
        self.body.insertWidget(0, note)
        self.add_field("form_code", "Hình thức (*)", combo(forms, next(iter(forms), None), empty=None))
        self.line("dated_on", "Ngày tờ trình (*)", format_date(date.today()))
        self.line("number", "Số tờ trình", "")
        self.setMinimumWidth(520)


class SentDialog(FormDialog):
    """"Ghi đã gửi": the tờ trình's number and the date it went up."""

    def __init__(self, dossier: dict[str, Any], parent: QWidget | None = None) -> None:
        super().__init__("Ghi hồ sơ đã gửi cấp trên", parent, ok_text="Ghi đã gửi")
        self.line("number", "Số tờ trình (*)", dossier["number"])
        self.line("sent_on", "Ngày gửi (*)", format_date(date.today()))
        self.setMinimumWidth(460)


class DecidedDialog(FormDialog):
    """"Ghi quyết định của cấp trên": one of the received decisions recorded beforehand."""

    def __init__(self, decisions: dict[str, str], parent: QWidget | None = None) -> None:
        super().__init__("Ghi quyết định của cấp trên", parent, ok_text="Ghi quyết định")
        note = QLabel("Người, tập thể có trong quyết định được ghi là đã được khen thưởng; các đề nghị khác trong hồ "
                      "sơ được ghi là không được khen thưởng.")
        note.setWordWrap(True)
        self.body.insertWidget(0, note)
        self.add_field("decision_id", "Quyết định của cấp trên (*)", combo(decisions, next(iter(decisions), None),
                                                                       empty=None))
        self.setMinimumWidth(620)


class DossierDialog(QDialog):
    """The year's dossiers upward; ``data_changed`` carries what an action changed (the window passes it on:
    the operation runner hands a job's :class:`Changes` to :meth:`apply_changes`)."""

    data_changed = Signal(object)

    def __init__(self, ws: Workspace, year: int, parent: QWidget | None = None, *,
                 select: str | None = None) -> None:
        super().__init__(parent)
        self.ws, self.year = ws, year
        self.setWindowTitle(f"{TITLE} — năm {year}")
        self.docs = documents.DocumentActions(self)
        self.choose_folder: Callable[[QWidget, str], str] = lambda parent, title: QFileDialog.getExistingDirectory(
            parent, title, str(Path.home()))
        self.ask_form: Callable[[FormDialog], bool] = lambda dialog: bool(dialog.exec())
        self.last_export: Any = None
        self.papers: list[dict[str, Any]] = []
        self.message, self.message_for = "", None
        layout = QVBoxLayout(self)
        intro = QLabel("Mỗi hồ sơ là một hình thức đề nghị cấp trên khen thưởng (Bằng khen, Cờ thi đua, Chiến sĩ "
                       "thi đua cấp tỉnh, Bằng khen của Thủ tướng, Huân chương…) với tờ trình kèm danh sách, biên bản "
                       "họp Hội đồng và báo cáo thành tích của từng cá nhân, tập thể (PDF và Word).")
        intro.setWordWrap(True)
        layout.addWidget(intro)
        self.view, self.model, self.proxy = make_table(DOSSIER_COLUMNS, self)
        self.paper_view, self.paper_model, self.paper_proxy = make_table(PAPER_COLUMNS, self, multi=False)
        upper = QWidget()
        upper_layout = QVBoxLayout(upper)
        upper_layout.setContentsMargins(0, 0, 0, 0)
        upper_layout.addWidget(self.view, 1)
        row = QHBoxLayout()
        self.new_button = self._button(row, "&Lập hồ sơ…", self.new_dossier, "Ctrl+N",
                                       "Hồ sơ từ các đề nghị đã trình cấp trên của một hình thức")
        self.sent_button = self._button(row, "Ghi đã &gửi…", self.mark_sent, "Ctrl+G",
                                        "Số tờ trình và ngày gửi hồ sơ lên cấp trên")
        self.decided_button = self._button(row, "Ghi quyết &định cấp trên…", self.mark_decided, "Ctrl+D",
                                           "Quyết định của cấp trên đã ghi nhận (thẻ Quyết định → Ghi nhận quyết "
                                           "định cấp trên…)")
        self.folder_button = self._button(row, "&Xuất cả hồ sơ (thư mục và tệp nén)…", self.export_folder, "Ctrl+E",
                                          "Mọi văn bản của hồ sơ bằng PDF và Word trong một thư mục đặt tên theo số "
                                          "và ngày tờ trình, kèm tệp nén .zip để gửi")
        row.addStretch(1)
        upper_layout.addLayout(row)
        papers = QGroupBox("Văn bản của hồ sơ đã chọn")
        papers_layout = QVBoxLayout(papers)
        papers_layout.addWidget(self.paper_view, 1)
        paper_row = QHBoxLayout()
        self.preview_button = self._button(paper_row, "Xem trước và &in…", self.preview_paper, "Ctrl+P",
                                           "Văn bản đã chọn đúng như khi in")
        self.pdf_button = self._button(paper_row, "Xuất &PDF…", self.export_pdf, "Ctrl+Shift+P",
                                       "Lưu văn bản đã chọn thành tệp PDF")
        self.word_button = self._button(paper_row, "Xuất &Word (.docx)…", self.export_word, "Ctrl+W",
                                        "Lưu văn bản đã chọn thành tệp Word để đơn vị sửa phần thành tích")
        paper_row.addStretch(1)
        papers_layout.addLayout(paper_row)
        split = QSplitter(Qt.Orientation.Vertical)
        split.addWidget(upper)
        split.addWidget(papers)
        split.setSizes([230, 300])
        layout.addWidget(split, 1)
        self.status = QLabel("")
        self.status.setWordWrap(True)
        layout.addWidget(self.status)
        buttons = QDialogButtonBox()
        buttons.addButton("Đóng", QDialogButtonBox.ButtonRole.RejectRole)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.view.selectionModel().selectionChanged.connect(lambda *_: self._dossier_chosen())
        self.paper_view.doubleClicked.connect(lambda *_: self.preview_paper())
        self.resize(1180, 640)
        self.load(select)

    def _button(self, row: QHBoxLayout, text: str, slot: Callable[[], Any], keys: str, tip: str) -> QPushButton:
        button = QPushButton(text)
        button.setToolTip(f"{tip} ({keys})")
        button.clicked.connect(lambda *_: slot())
        QShortcut(QKeySequence(keys), self, activated=slot)
        row.addWidget(button)
        return button

    def wait(self, timeout_ms: int = 30_000) -> None:
        """Run the event loop until this dialog's operations have ended (scripts and tests)."""
        wait_for(self, timeout_ms)

    # ------------------------------------------------------------------ loading
    def load(self, select: str | None = None) -> None:
        current = select or (self.selected()["id"] if self.selected() else None)
        self.model.set_rows(dossiers.list_dossiers(self.ws, self.year))
        source = self.model.find_row("id", current) if current else -1
        if source < 0 and self.model.rowCount():
            source = self.model.rowCount() - 1
        if source >= 0:
            self.view.selectRow(self.proxy.mapFromSource(self.model.index(source, 0)).row())
        self._dossier_chosen()
        if not self.model.rowCount():
            self.status.setText(f"Năm {self.year} chưa có hồ sơ đề nghị cấp trên nào. Chọn các đề nghị đã được Hội "
                                "đồng thông qua ở thẻ Đề nghị khen thưởng rồi bấm “Lập hồ sơ trình cấp trên…”, hoặc "
                                "bấm “Lập hồ sơ…” ở đây.")

    def selected(self) -> dict[str, Any] | None:
        rows = selected_rows(self.view, self.model, self.proxy) if hasattr(self, "proxy") else []
        return rows[0] if rows else None

    def selected_paper(self) -> dict[str, Any] | None:
        rows = selected_rows(self.paper_view, self.paper_model, self.paper_proxy)
        return rows[0] if rows else None

    def _dossier_chosen(self) -> None:
        row = self.selected()
        status = row["status"] if row else None
        self.sent_button.setEnabled(status in ("prepared", "sent"))
        self.decided_button.setEnabled(status == "sent")
        self.folder_button.setEnabled(row is not None)
        self.paper_model.set_rows([])
        self.papers = []
        self._paper_buttons()
        if row is None:
            return
        dossier_id = row["id"]

        def job(ctx: Any) -> list[dict[str, Any]]:
            from emulation_desk.services.council.dossier_print import dossier_for_print, dossier_papers

            nominees = dossier_for_print(ctx.ws, dossier_id).nominees
            return [{"order": i, "title": p.title, "stem": p.stem, "note": _note(p.stem, nominees)}
                    for i, p in enumerate(dossier_papers(ctx.ws, dossier_id), start=1)]

        read(self, job, lambda papers: self._papers_shown(dossier_id, papers)).run_in_background()

    def _papers_shown(self, dossier_id: str, papers: list[dict[str, Any]]) -> None:
        row = self.selected()
        if row is None or row["id"] != dossier_id:
            return  # another dossier was chosen meanwhile
        self.papers = papers
        self.paper_model.set_rows(papers)
        if papers:
            self.paper_view.selectRow(0)
        self._paper_buttons()
        sent = f", gửi ngày {_dmy(row['sent_on'])}" if row["sent_on"] else ""
        minutes = "" if any(p["stem"].startswith("02-") for p in papers) else (
            " Chưa có biên bản họp Hội đồng cho các đề nghị này (hãy ghi kết quả họp Hội đồng trước).")
        done = self.message if self.message_for == dossier_id else ""  # the last action's result stays in view
        self.status.setText(f"{done + ' ' if done else ''}{row['form_name']}: {row['items']} đề nghị, {len(papers)} "
                            f"văn bản — {dossiers.STATUS_LABELS[row['status']]}{sent}.{minutes}")

    def _paper_buttons(self) -> None:
        for button in (self.preview_button, self.pdf_button, self.word_button):
            button.setEnabled(bool(self.papers))

    def apply_changes(self, changes: Changes) -> None:
        self.data_changed.emit(changes)

    def _done(self, changes: Changes | None, message: str, select: str | None = None) -> None:
        if changes is not None:  # a result the runner does not recognise as carrying changes
            self.apply_changes(changes)
        self.message, self.message_for = message, select or (self.selected() or {}).get("id")
        self.load(select)
        self.status.setText(message)

    # ------------------------------------------------------------------ actions on dossiers
    def new_dossier(self) -> Operation[Any] | None:
        forms = {r["form_code"]: f"{r['short_name']} ({r['n']} đề nghị)" for r in self.ws.store.query(
            """SELECT n.form_code, f.short_name, count(*) AS n FROM nomination n JOIN award_form f ON f.code = n.form_code
               WHERE n.year = ? AND n.status = 'forwarded' AND n.deleted_at IS NULL
                 AND NOT EXISTS (SELECT 1 FROM dossier_item i WHERE i.nomination_id = n.id)
               GROUP BY n.form_code ORDER BY f.short_name""", [self.year])}
        if not forms:
            inform(self, "Lập hồ sơ", f"Năm {self.year} không có đề nghị nào ở trạng thái “Đã trình cấp trên” chưa vào "
                   "hồ sơ. Ở thẻ Đề nghị khen thưởng, chọn các đề nghị đã được Hội đồng thông qua rồi bấm “Lập hồ sơ "
                   "trình cấp trên…”.")
            return None
        dialog = NewDossierDialog(forms, self)
        values: dict[str, Any] = {}

        def check(entered: dict[str, Any]) -> dict[str, Any]:
            from emulation_desk.services.common import require_date

            entered["dated_on"] = require_date(entered["dated_on"], "dated_on", "Ngày tờ trình")
            values.update(entered)
            return entered

        dialog.save = check
        if not self.ask_form(dialog):
            return None
        year = self.year
        return write(self, lambda ctx: dossiers.prepare_dossier(ctx.ws, year, values["form_code"],
                                                                dated_on=values["dated_on"], number=values["number"]),
                     lambda created: self._done(None, "Đã lập hồ sơ.", created.id),
                     title="Đang lập hồ sơ đề nghị cấp trên…").run_in_background()

    def mark_sent(self) -> Operation[Any] | None:
        row = self.selected()
        if row is None or row["status"] == "decided":
            return None
        dialog = SentDialog(row, self)
        values: dict[str, Any] = {}

        def check(entered: dict[str, Any]) -> dict[str, Any]:
            from emulation_desk.services.common import require_date, require_text

            require_text(entered["number"], "number", "Số tờ trình", max_length=20)
            entered["sent_on"] = require_date(entered["sent_on"], "sent_on", "Ngày gửi")
            if entered["sent_on"].isoformat() < row["dated_on"]:
                from emulation_desk.errors import ValidationError

                raise ValidationError(f"Ngày gửi trước ngày tờ trình ({_dmy(row['dated_on'])}). Hãy kiểm tra lại.",
                                      field="sent_on")
            values.update(entered)
            return entered

        dialog.save = check
        if not self.ask_form(dialog):
            return None
        dossier_id = row["id"]
        return write(self, lambda ctx: dossiers.mark_sent(ctx.ws, dossier_id, sent_on=values["sent_on"],
                                                          number=values["number"]),
                     lambda _changes: self._done(None, f"Đã ghi hồ sơ đã gửi cấp trên (Tờ trình số "
                                                         f"{values['number']}, ngày {format_date(values['sent_on'])})."),
                     title="Đang ghi hồ sơ đã gửi…").run_in_background()

    def mark_decided(self) -> Operation[Any] | None:
        row = self.selected()
        if row is None or row["status"] != "sent":
            return None
        received = self.ws.store.query(
            """SELECT d.id, d.number, d.symbol, d.signed_on, d.issuer_name,
                      (SELECT count(*) FROM decision_recipient r WHERE r.decision_id = d.id AND r.form_code = ?) AS n
               FROM decision d WHERE d.is_own = 0 AND d.deleted_at IS NULL AND d.year BETWEEN ? AND ?
               ORDER BY n = 0, d.signed_on DESC""", [row["form_code"], self.year, self.year + 1])
        if not received:
            inform(self, "Ghi quyết định của cấp trên", "Chưa có quyết định nào của cấp trên năm "
                   f"{self.year} hoặc {self.year + 1}. Hãy ghi nhận quyết định trước (thẻ Quyết định → “Ghi nhận "
                   "quyết định cấp trên…”): hồ sơ khớp sẽ được ghi tự động.")
            return None
        choices = {r["id"]: f"Số {r['number']}/{r['symbol']} ngày {_dmy(r['signed_on'])} của {r['issuer_name']}"
                   + (f" ({r['n']} người/tập thể được {row['form_name']})" if r["n"] else "") for r in received}
        dialog = DecidedDialog(choices, self)
        values: dict[str, Any] = {}
        dialog.save = lambda entered: values.update(entered) or entered
        if not self.ask_form(dialog):
            return None
        dossier_id = row["id"]

        def done(_changes: Changes) -> None:
            outcome = {r["outcome"]: r["n"] for r in self.ws.store.query(
                "SELECT outcome, count(*) AS n FROM dossier_item WHERE dossier_id = ? GROUP BY outcome", [dossier_id])}
            self._done(None, f"Đã ghi quyết định của cấp trên: {outcome.get('awarded', 0)} được khen thưởng, "
                                f"{outcome.get('not_awarded', 0)} không có trong quyết định.")

        return write(self, lambda ctx: dossiers.close_dossier(ctx.ws, dossier_id, values["decision_id"]), done,
                     title="Đang ghi quyết định của cấp trên…").run_in_background()

    def export_folder(self, folder: Path | None = None) -> Operation[Any] | None:
        row = self.selected()
        if row is None:
            return None
        if folder is None:
            chosen = self.choose_folder(self, "Chọn thư mục đặt hồ sơ")
            if not chosen:
                return None
            folder = Path(chosen)
        dossier_id, out = row["id"], folder

        def job(ctx: Any) -> Any:
            from emulation_desk.services.reporting.registry import export_document

            return export_document(ctx.ws, "dossier", out, dossier_id=dossier_id).detail

        def done(result: Any) -> None:
            self.last_export = result
            notes = "".join(f"\nLưu ý: {w}" for w in result.warnings)
            self._done(Changes(nominations=True, ids={dossier_id}), result.summary())
            inform(self, "Xuất hồ sơ", result.summary() + notes)

        return write(self, job, done, title="Đang xuất hồ sơ (PDF và Word)…").run_in_background()

    # ------------------------------------------------------------------ the papers
    def _paper(self, word: bool = False) -> documents.Document | None:
        row, paper = self.selected(), self.selected_paper()
        if row is None or paper is None:
            inform(self, TITLE, "Hãy chọn một hồ sơ và một văn bản của hồ sơ.")
            return None
        return paper_document(row, paper, word=word)

    def preview_paper(self) -> Operation[Any] | None:
        document = self._paper()
        return self.docs.preview(document) if document else None

    def export_pdf(self, path: Path | None = None) -> Operation[Any] | None:
        document = self._paper()
        return self.docs.export(document, path) if document else None

    def export_word(self, path: Path | None = None) -> Operation[Any] | None:
        document = self._paper(word=True)
        return self.docs.export(document, path) if document else None
