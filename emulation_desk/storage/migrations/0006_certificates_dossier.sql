-- 0006: after the decision. Printer profiles for certificates on pre-printed blanks, the Sổ vàng numbers
-- of a decision (assigned once, at the first print, and never changed), the certificate print log, and
-- the dossiers sent up to a higher level (hồ sơ đề nghị cấp trên khen thưởng) with their nominations.
-- Same conventions as 0001 (STRICT, UUID keys, created/updated at/by, CHECKs, dates checked by date()).
-- Numbers 0003-0005 belong to other work merged separately; the gap closes when they arrive.

-- One printer and tray: where it really prints (offset, mm) and how it stretches (scale), measured on
-- the calibration page. A position p (mm from the paper's left/top edge) is printed at offset + scale * p.
CREATE TABLE printer_profile (
    id TEXT PRIMARY KEY CHECK (length(id) = 36),
    name TEXT NOT NULL UNIQUE CHECK (length(trim(name)) BETWEEN 1 AND 100),
    printer TEXT NOT NULL DEFAULT '' CHECK (length(printer) <= 200),
    tray TEXT NOT NULL DEFAULT '' CHECK (length(tray) <= 100),
    offset_x_mm REAL NOT NULL DEFAULT 0 CHECK (offset_x_mm BETWEEN -50 AND 50),
    offset_y_mm REAL NOT NULL DEFAULT 0 CHECK (offset_y_mm BETWEEN -50 AND 50),
    scale_x REAL NOT NULL DEFAULT 1 CHECK (scale_x BETWEEN 0.8 AND 1.2),
    scale_y REAL NOT NULL DEFAULT 1 CHECK (scale_y BETWEEN 0.8 AND 1.2),
    notes TEXT NOT NULL DEFAULT '' CHECK (length(notes) <= 1000),
    created_at TEXT NOT NULL, updated_at TEXT NOT NULL, created_by TEXT NOT NULL, updated_by TEXT NOT NULL
) STRICT;

-- Số sổ vàng: the recipient's row in the decision's list, frozen at the first print of the decision.
CREATE TABLE golden_book_entry (
    id TEXT PRIMARY KEY CHECK (length(id) = 36),
    decision_id TEXT NOT NULL REFERENCES decision(id) ON DELETE CASCADE,
    recipient_id TEXT NOT NULL UNIQUE REFERENCES decision_recipient(id) ON DELETE CASCADE,
    number INTEGER NOT NULL CHECK (number >= 1),
    created_at TEXT NOT NULL, updated_at TEXT NOT NULL, created_by TEXT NOT NULL, updated_by TEXT NOT NULL,
    UNIQUE (decision_id, number)
) STRICT;

CREATE TRIGGER golden_book_entry_decision BEFORE INSERT ON golden_book_entry
WHEN NEW.decision_id IS NOT (SELECT decision_id FROM decision_recipient WHERE id = NEW.recipient_id)
BEGIN SELECT RAISE(ABORT, 'Người được khen không thuộc quyết định này nên không cấp số sổ vàng được.'); END;
CREATE TRIGGER golden_book_entry_frozen BEFORE UPDATE OF number, decision_id, recipient_id ON golden_book_entry
BEGIN SELECT RAISE(ABORT, 'Số sổ vàng đã cấp thì không thay đổi được.'); END;

-- One print of certificates (or the reprint of one): who and when (created_by/at), which layout, output
-- and printer profile (its values copied: the profile may be corrected or removed later).
CREATE TABLE certificate_print (
    id TEXT PRIMARY KEY CHECK (length(id) = 36),
    decision_id TEXT NOT NULL REFERENCES decision(id) ON DELETE CASCADE,
    mode TEXT NOT NULL CHECK (mode IN ('blank', 'full')),
    layout_code TEXT NOT NULL CHECK (length(trim(layout_code)) BETWEEN 1 AND 50),
    profile_id TEXT REFERENCES printer_profile(id) ON DELETE SET NULL,
    profile_name TEXT NOT NULL DEFAULT '' CHECK (length(profile_name) <= 100),
    offset_x_mm REAL NOT NULL DEFAULT 0,
    offset_y_mm REAL NOT NULL DEFAULT 0,
    scale_x REAL NOT NULL DEFAULT 1 CHECK (scale_x > 0),
    scale_y REAL NOT NULL DEFAULT 1 CHECK (scale_y > 0),
    reprint INTEGER NOT NULL DEFAULT 0 CHECK (reprint IN (0, 1)),
    pages INTEGER NOT NULL CHECK (pages >= 1),
    file TEXT NOT NULL DEFAULT '' CHECK (length(file) <= 1000),
    created_at TEXT NOT NULL, updated_at TEXT NOT NULL, created_by TEXT NOT NULL, updated_by TEXT NOT NULL,
    CHECK (reprint = 0 OR pages = 1)
) STRICT;
CREATE INDEX certificate_print_decision ON certificate_print(decision_id, created_at);

CREATE TABLE certificate_print_line (
    id TEXT PRIMARY KEY CHECK (length(id) = 36),
    print_id TEXT NOT NULL REFERENCES certificate_print(id) ON DELETE CASCADE,
    recipient_id TEXT NOT NULL REFERENCES decision_recipient(id) ON DELETE CASCADE,
    golden_number INTEGER NOT NULL CHECK (golden_number >= 1),
    created_at TEXT NOT NULL, updated_at TEXT NOT NULL, created_by TEXT NOT NULL, updated_by TEXT NOT NULL,
    UNIQUE (print_id, recipient_id)
) STRICT;
CREATE INDEX certificate_print_line_recipient ON certificate_print_line(recipient_id);

-- A dossier upward: one tờ trình for the forwarded nominations of one form and year. prepared → sent
-- (date and number of the tờ trình) → decided (the higher level's decision, recorded as received).
CREATE TABLE dossier (
    id TEXT PRIMARY KEY CHECK (length(id) = 36),
    year INTEGER NOT NULL CHECK (year BETWEEN 1945 AND 2100),
    form_code TEXT NOT NULL REFERENCES award_form(code),
    status TEXT NOT NULL DEFAULT 'prepared' CHECK (status IN ('prepared', 'sent', 'decided')),
    number TEXT NOT NULL DEFAULT '' CHECK (length(number) <= 20),
    symbol TEXT NOT NULL DEFAULT '' CHECK (length(symbol) <= 50),
    dated_on TEXT NOT NULL CHECK (dated_on IS date(dated_on, '+0 days')),
    sent_on TEXT CHECK (sent_on IS NULL OR sent_on IS date(sent_on, '+0 days')),
    signer_id TEXT REFERENCES signatory(id),
    meeting_id TEXT REFERENCES council_meeting(id),
    decision_id TEXT REFERENCES decision(id),
    folder TEXT NOT NULL DEFAULT '' CHECK (length(folder) <= 1000),
    notes TEXT NOT NULL DEFAULT '' CHECK (length(notes) <= 5000),
    created_at TEXT NOT NULL, updated_at TEXT NOT NULL, created_by TEXT NOT NULL, updated_by TEXT NOT NULL,
    CHECK (status = 'prepared' OR (sent_on IS NOT NULL AND length(trim(number)) > 0)),
    CHECK (status <> 'decided' OR decision_id IS NOT NULL),
    CHECK (sent_on IS NULL OR sent_on >= dated_on)
) STRICT;
CREATE INDEX dossier_year ON dossier(year, form_code);

-- A nomination in a dossier (in one dossier only); the text of its report's achievement part when the
-- clerk writes it in the program; the outcome once the higher decision is recorded.
CREATE TABLE dossier_item (
    id TEXT PRIMARY KEY CHECK (length(id) = 36),
    dossier_id TEXT NOT NULL REFERENCES dossier(id) ON DELETE CASCADE,
    nomination_id TEXT NOT NULL UNIQUE REFERENCES nomination(id),
    sort_order INTEGER NOT NULL DEFAULT 0,
    achievement_text TEXT NOT NULL DEFAULT '' CHECK (length(achievement_text) <= 100000),
    outcome TEXT CHECK (outcome IS NULL OR outcome IN ('awarded', 'not_awarded')),
    created_at TEXT NOT NULL, updated_at TEXT NOT NULL, created_by TEXT NOT NULL, updated_by TEXT NOT NULL
) STRICT;
CREATE INDEX dossier_item_dossier ON dossier_item(dossier_id, sort_order);
