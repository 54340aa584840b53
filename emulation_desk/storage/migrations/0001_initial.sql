-- 0001: the first schema of emulation_desk.
-- Frozen text: never edit a released migration; add 0002_... instead.
-- Conventions:
--   * every record has a UUID key (unique across the two clerks' PCs), created/updated time (UTC ISO 8601)
--     and author (the OS user);
--   * STRICT tables (JSON columns are checked by shape, not json_valid(): trusted_schema is OFF); dates are 'YYYY-MM-DD' text checked with date(x, '+0 days') (which rolls 30/02 over, so it never matches); booleans are 0/1 integers;
--   * CHECK constraints keep out what must never be stored (empty names, years outside 1945-2100,
--     negative counts).

CREATE TABLE settings (
    key TEXT PRIMARY KEY CHECK (length(key) BETWEEN 1 AND 100),
    value TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    updated_by TEXT NOT NULL
) STRICT;

-- The office's organisation profile; one row per period (the 2025 reform changed names and levels).
CREATE TABLE organisation (
    id TEXT PRIMARY KEY CHECK (length(id) = 36),
    parent_body TEXT NOT NULL CHECK (length(trim(parent_body)) BETWEEN 1 AND 200),
    issuing_body TEXT NOT NULL CHECK (length(trim(issuing_body)) BETWEEN 1 AND 200),
    body_short TEXT NOT NULL CHECK (length(trim(body_short)) BETWEEN 1 AND 200),
    collective_title TEXT NOT NULL DEFAULT 'ỦY BAN NHÂN DÂN',
    head_title TEXT NOT NULL DEFAULT 'CHỦ TỊCH',
    level TEXT NOT NULL CHECK (level IN ('xa', 'huyen', 'tinh')),
    place_name TEXT NOT NULL CHECK (length(trim(place_name)) BETWEEN 1 AND 100),
    office_name TEXT NOT NULL DEFAULT '',
    office_code TEXT NOT NULL DEFAULT '',
    council_name TEXT NOT NULL DEFAULT '',
    symbol_report TEXT NOT NULL DEFAULT 'BC-UBND',
    symbol_decision TEXT NOT NULL DEFAULT 'QĐ-UBND',
    symbol_submission TEXT NOT NULL DEFAULT 'TTr-UBND',
    symbol_minutes TEXT NOT NULL DEFAULT 'BB-HĐTĐKT',
    provincial_regulation TEXT NOT NULL DEFAULT '',
    fund_source TEXT NOT NULL DEFAULT '',
    valid_from TEXT CHECK (valid_from IS NULL OR valid_from IS date(valid_from, '+0 days')),
    valid_to TEXT CHECK (valid_to IS NULL OR valid_to IS date(valid_to, '+0 days')),
    created_at TEXT NOT NULL, updated_at TEXT NOT NULL, created_by TEXT NOT NULL, updated_by TEXT NOT NULL,
    CHECK (valid_to IS NULL OR valid_from IS NULL OR valid_to >= valid_from)
) STRICT;

-- People who sign documents for the UBND, with their signing capacity.
CREATE TABLE signatory (
    id TEXT PRIMARY KEY CHECK (length(id) = 36),
    full_name TEXT NOT NULL CHECK (length(trim(full_name)) BETWEEN 1 AND 200),
    position TEXT NOT NULL CHECK (length(trim(position)) BETWEEN 1 AND 200),
    is_head INTEGER NOT NULL DEFAULT 0 CHECK (is_head IN (0, 1)),
    active INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
    sort_order INTEGER NOT NULL DEFAULT 0,
    created_at TEXT NOT NULL, updated_at TEXT NOT NULL, created_by TEXT NOT NULL, updated_by TEXT NOT NULL
) STRICT;

CREATE TABLE unit (
    id TEXT PRIMARY KEY CHECK (length(id) = 36),
    name TEXT NOT NULL CHECK (length(trim(name)) BETWEEN 1 AND 300),
    name_key TEXT NOT NULL,
    short_name TEXT NOT NULL DEFAULT '',
    kind TEXT NOT NULL CHECK (kind IN ('phong_chuyen_mon', 'don_vi_su_nghiep', 'truong_hoc', 'phuong', 'xa',
                                       'hoi_doan_the', 'doanh_nghiep', 'nganh_doc', 'thon_to_dan_pho', 'khac')),
    parent_id TEXT REFERENCES unit(id),
    head_count INTEGER NOT NULL DEFAULT 0 CHECK (head_count >= 0),
    address TEXT NOT NULL DEFAULT '',
    valid_from TEXT CHECK (valid_from IS NULL OR valid_from IS date(valid_from, '+0 days')),
    valid_to TEXT CHECK (valid_to IS NULL OR valid_to IS date(valid_to, '+0 days')),
    merged_into_id TEXT REFERENCES unit(id),
    sort_order INTEGER NOT NULL DEFAULT 0,
    notes TEXT NOT NULL DEFAULT '',
    created_at TEXT NOT NULL, updated_at TEXT NOT NULL, created_by TEXT NOT NULL, updated_by TEXT NOT NULL,
    CHECK (valid_to IS NULL OR valid_from IS NULL OR valid_to >= valid_from),
    CHECK (merged_into_id IS NULL OR merged_into_id <> id)
) STRICT;
CREATE INDEX unit_name_key ON unit(name_key);

-- Facts about a collective in one year that the eligibility rules read.
CREATE TABLE unit_year (
    id TEXT PRIMARY KEY CHECK (length(id) = 36),
    unit_id TEXT NOT NULL REFERENCES unit(id),
    year INTEGER NOT NULL CHECK (year BETWEEN 1945 AND 2100),
    head_count INTEGER CHECK (head_count IS NULL OR head_count >= 0),
    completed_count INTEGER CHECK (completed_count IS NULL OR completed_count >= 0),
    disciplined_count INTEGER CHECK (disciplined_count IS NULL OR disciplined_count >= 0),
    rating TEXT CHECK (rating IS NULL OR rating IN ('htxsnv', 'httnv', 'htnv', 'khtnv')),
    notes TEXT NOT NULL DEFAULT '',
    created_at TEXT NOT NULL, updated_at TEXT NOT NULL, created_by TEXT NOT NULL, updated_by TEXT NOT NULL,
    UNIQUE (unit_id, year)
) STRICT;

CREATE TABLE person (
    id TEXT PRIMARY KEY CHECK (length(id) = 36),
    full_name TEXT NOT NULL CHECK (length(trim(full_name)) BETWEEN 1 AND 200),
    name_key TEXT NOT NULL,
    gender TEXT CHECK (gender IS NULL OR gender IN ('nam', 'nu')),
    birth_year INTEGER CHECK (birth_year IS NULL OR birth_year BETWEEN 1880 AND 2100),
    birth_date TEXT CHECK (birth_date IS NULL OR birth_date IS date(birth_date, '+0 days')),
    unit_id TEXT REFERENCES unit(id),
    position TEXT NOT NULL DEFAULT '',
    is_manager INTEGER NOT NULL DEFAULT 0 CHECK (is_manager IN (0, 1)),
    recruited_on TEXT CHECK (recruited_on IS NULL OR recruited_on IS date(recruited_on, '+0 days')),
    hometown TEXT NOT NULL DEFAULT '',
    deceased INTEGER NOT NULL DEFAULT 0 CHECK (deceased IN (0, 1)),
    notes TEXT NOT NULL DEFAULT '',
    created_at TEXT NOT NULL, updated_at TEXT NOT NULL, created_by TEXT NOT NULL, updated_by TEXT NOT NULL,
    CHECK (birth_date IS NULL OR birth_year IS NULL OR birth_year = CAST(substr(birth_date, 1, 4) AS INTEGER))
) STRICT;
CREATE INDEX person_name_key ON person(name_key);
CREATE INDEX person_unit ON person(unit_id);

-- What the rules read per person and year: rating, position and unit of that year.
CREATE TABLE person_year (
    id TEXT PRIMARY KEY CHECK (length(id) = 36),
    person_id TEXT NOT NULL REFERENCES person(id),
    year INTEGER NOT NULL CHECK (year BETWEEN 1945 AND 2100),
    unit_id TEXT REFERENCES unit(id),
    position TEXT NOT NULL DEFAULT '',
    is_manager INTEGER NOT NULL DEFAULT 0 CHECK (is_manager IN (0, 1)),
    rating TEXT CHECK (rating IS NULL OR rating IN ('htxsnv', 'httnv', 'htnv', 'khtnv')),
    under_investigation INTEGER NOT NULL DEFAULT 0 CHECK (under_investigation IN (0, 1)),
    created_at TEXT NOT NULL, updated_at TEXT NOT NULL, created_by TEXT NOT NULL, updated_by TEXT NOT NULL,
    UNIQUE (person_id, year)
) STRICT;

CREATE TABLE household (
    id TEXT PRIMARY KEY CHECK (length(id) = 36),
    head_name TEXT NOT NULL CHECK (length(trim(head_name)) BETWEEN 1 AND 200),
    name_key TEXT NOT NULL,
    address TEXT NOT NULL DEFAULT '',
    unit_id TEXT REFERENCES unit(id),
    created_at TEXT NOT NULL, updated_at TEXT NOT NULL, created_by TEXT NOT NULL, updated_by TEXT NOT NULL
) STRICT;

-- Sáng kiến / đề tài with their recognised scope; used_by_recipient_id stops one initiative counting twice.
CREATE TABLE initiative (
    id TEXT PRIMARY KEY CHECK (length(id) = 36),
    person_id TEXT REFERENCES person(id),
    unit_id TEXT REFERENCES unit(id),
    year INTEGER NOT NULL CHECK (year BETWEEN 1945 AND 2100),
    title TEXT NOT NULL CHECK (length(trim(title)) BETWEEN 1 AND 1000),
    scope TEXT NOT NULL CHECK (scope IN ('co_so', 'tinh', 'toan_quoc')),
    recognised_ref TEXT NOT NULL DEFAULT '',
    used_by_recipient_id TEXT,
    created_at TEXT NOT NULL, updated_at TEXT NOT NULL, created_by TEXT NOT NULL, updated_by TEXT NOT NULL,
    CHECK (person_id IS NOT NULL OR unit_id IS NOT NULL)
) STRICT;
CREATE INDEX initiative_person ON initiative(person_id, year);

CREATE TABLE discipline (
    id TEXT PRIMARY KEY CHECK (length(id) = 36),
    person_id TEXT NOT NULL REFERENCES person(id),
    form TEXT NOT NULL CHECK (length(trim(form)) BETWEEN 1 AND 100),
    start_date TEXT NOT NULL CHECK (start_date IS date(start_date, '+0 days')),
    end_date TEXT CHECK (end_date IS NULL OR end_date IS date(end_date, '+0 days')),
    notes TEXT NOT NULL DEFAULT '',
    created_at TEXT NOT NULL, updated_at TEXT NOT NULL, created_by TEXT NOT NULL, updated_by TEXT NOT NULL,
    CHECK (end_date IS NULL OR end_date >= start_date)
) STRICT;

-- ---------------------------------------------------------------- award catalog (data, editable)
CREATE TABLE regime (
    code TEXT PRIMARY KEY CHECK (length(trim(code)) BETWEEN 1 AND 50),
    name TEXT NOT NULL CHECK (length(trim(name)) BETWEEN 1 AND 300),
    valid_from TEXT NOT NULL CHECK (valid_from IS date(valid_from, '+0 days')),
    valid_to TEXT CHECK (valid_to IS NULL OR valid_to IS date(valid_to, '+0 days')),
    enabled INTEGER NOT NULL DEFAULT 1 CHECK (enabled IN (0, 1)),
    unconfirmed INTEGER NOT NULL DEFAULT 0 CHECK (unconfirmed IN (0, 1)),
    legal_bases TEXT NOT NULL DEFAULT '[]' CHECK (substr(legal_bases, 1, 1) = '['),
    source TEXT NOT NULL DEFAULT '',
    notes TEXT NOT NULL DEFAULT '',
    user_edited INTEGER NOT NULL DEFAULT 0 CHECK (user_edited IN (0, 1)),
    created_at TEXT NOT NULL, updated_at TEXT NOT NULL, created_by TEXT NOT NULL, updated_by TEXT NOT NULL,
    CHECK (valid_to IS NULL OR valid_to >= valid_from)
) STRICT;

CREATE TABLE base_salary (
    id TEXT PRIMARY KEY CHECK (length(id) = 36),
    valid_from TEXT NOT NULL UNIQUE CHECK (valid_from IS date(valid_from, '+0 days')),
    amount INTEGER NOT NULL CHECK (amount > 0),
    instrument TEXT NOT NULL DEFAULT '',
    unconfirmed INTEGER NOT NULL DEFAULT 0 CHECK (unconfirmed IN (0, 1)),
    source TEXT NOT NULL DEFAULT '',
    user_edited INTEGER NOT NULL DEFAULT 0 CHECK (user_edited IN (0, 1)),
    created_at TEXT NOT NULL, updated_at TEXT NOT NULL, created_by TEXT NOT NULL, updated_by TEXT NOT NULL
) STRICT;

CREATE TABLE award_kind (
    code TEXT PRIMARY KEY CHECK (length(trim(code)) BETWEEN 1 AND 50),
    name TEXT NOT NULL CHECK (length(trim(name)) BETWEEN 1 AND 200),
    table_part TEXT NOT NULL CHECK (table_part IN ('cong_trang', 'chuyen_de')),
    feeds_chains INTEGER NOT NULL CHECK (feeds_chains IN (0, 1)),
    sort_order INTEGER NOT NULL DEFAULT 0,
    created_at TEXT NOT NULL, updated_at TEXT NOT NULL, created_by TEXT NOT NULL, updated_by TEXT NOT NULL
) STRICT;

CREATE TABLE stat_group (
    code TEXT PRIMARY KEY CHECK (length(trim(code)) BETWEEN 1 AND 10),
    title TEXT NOT NULL CHECK (length(trim(title)) BETWEEN 1 AND 300),
    sort_order INTEGER NOT NULL DEFAULT 0,
    created_at TEXT NOT NULL, updated_at TEXT NOT NULL, created_by TEXT NOT NULL, updated_by TEXT NOT NULL
) STRICT;

CREATE TABLE stat_row (
    key TEXT PRIMARY KEY CHECK (length(trim(key)) BETWEEN 1 AND 20),
    group_code TEXT NOT NULL REFERENCES stat_group(code),
    no INTEGER NOT NULL CHECK (no >= 1),
    label TEXT NOT NULL CHECK (length(trim(label)) BETWEEN 1 AND 300),
    note_kinds INTEGER NOT NULL DEFAULT 0 CHECK (note_kinds IN (0, 1)),
    created_at TEXT NOT NULL, updated_at TEXT NOT NULL, created_by TEXT NOT NULL, updated_by TEXT NOT NULL,
    UNIQUE (group_code, no)
) STRICT;

CREATE TABLE award_form (
    code TEXT PRIMARY KEY CHECK (length(trim(code)) BETWEEN 1 AND 60),
    name TEXT NOT NULL CHECK (length(trim(name)) BETWEEN 1 AND 300),
    short_name TEXT NOT NULL CHECK (length(trim(short_name)) BETWEEN 1 AND 300),
    note_label TEXT NOT NULL DEFAULT '',
    category TEXT NOT NULL CHECK (category IN ('danh_hieu', 'hinh_thuc')),
    level TEXT NOT NULL CHECK (level IN ('nha_nuoc', 'bo_tinh', 'co_so')),
    authority TEXT NOT NULL DEFAULT '',
    subjects TEXT NOT NULL CHECK (substr(subjects, 1, 1) = '[' AND length(subjects) > 2),
    stat_group TEXT NOT NULL REFERENCES stat_group(code),
    stat_row TEXT REFERENCES stat_row(key),
    extra_row_label TEXT NOT NULL DEFAULT '',
    family TEXT NOT NULL DEFAULT '',
    rank INTEGER NOT NULL DEFAULT 0,
    valid_from TEXT CHECK (valid_from IS NULL OR valid_from IS date(valid_from, '+0 days')),
    valid_to TEXT CHECK (valid_to IS NULL OR valid_to IS date(valid_to, '+0 days')),
    unconfirmed INTEGER NOT NULL DEFAULT 0 CHECK (unconfirmed IN (0, 1)),
    source TEXT NOT NULL DEFAULT '',
    sort_order INTEGER NOT NULL DEFAULT 0,
    user_edited INTEGER NOT NULL DEFAULT 0 CHECK (user_edited IN (0, 1)),
    created_at TEXT NOT NULL, updated_at TEXT NOT NULL, created_by TEXT NOT NULL, updated_by TEXT NOT NULL,
    CHECK (stat_row IS NOT NULL OR length(trim(extra_row_label)) > 0)
) STRICT;

CREATE TABLE form_coefficient (
    id TEXT PRIMARY KEY CHECK (length(id) = 36),
    form_code TEXT NOT NULL REFERENCES award_form(code),
    regime_code TEXT NOT NULL REFERENCES regime(code),
    subject TEXT NOT NULL CHECK (subject IN ('ca_nhan', 'tap_the', 'ho_gia_dinh')),
    value TEXT NOT NULL CHECK (CAST(value AS REAL) >= 0 AND length(value) BETWEEN 1 AND 20),
    unconfirmed INTEGER NOT NULL DEFAULT 0 CHECK (unconfirmed IN (0, 1)),
    source TEXT NOT NULL DEFAULT '',
    user_edited INTEGER NOT NULL DEFAULT 0 CHECK (user_edited IN (0, 1)),
    created_at TEXT NOT NULL, updated_at TEXT NOT NULL, created_by TEXT NOT NULL, updated_by TEXT NOT NULL,
    UNIQUE (form_code, regime_code, subject)
) STRICT;

-- ---------------------------------------------------------------- council and blocs
CREATE TABLE council (
    id TEXT PRIMARY KEY CHECK (length(id) = 36),
    name TEXT NOT NULL CHECK (length(trim(name)) BETWEEN 1 AND 300),
    established_by TEXT NOT NULL DEFAULT '',
    valid_from TEXT CHECK (valid_from IS NULL OR valid_from IS date(valid_from, '+0 days')),
    valid_to TEXT CHECK (valid_to IS NULL OR valid_to IS date(valid_to, '+0 days')),
    created_at TEXT NOT NULL, updated_at TEXT NOT NULL, created_by TEXT NOT NULL, updated_by TEXT NOT NULL
) STRICT;

CREATE TABLE council_member (
    id TEXT PRIMARY KEY CHECK (length(id) = 36),
    council_id TEXT NOT NULL REFERENCES council(id),
    full_name TEXT NOT NULL CHECK (length(trim(full_name)) BETWEEN 1 AND 200),
    position TEXT NOT NULL DEFAULT '',
    role TEXT NOT NULL CHECK (role IN ('chu_tich', 'pho_chu_tich', 'uy_vien', 'uy_vien_thu_ky')),
    person_id TEXT REFERENCES person(id),
    unit_id TEXT REFERENCES unit(id),
    sort_order INTEGER NOT NULL DEFAULT 0,
    created_at TEXT NOT NULL, updated_at TEXT NOT NULL, created_by TEXT NOT NULL, updated_by TEXT NOT NULL
) STRICT;

CREATE TABLE bloc (
    id TEXT PRIMARY KEY CHECK (length(id) = 36),
    year INTEGER NOT NULL CHECK (year BETWEEN 1945 AND 2100),
    name TEXT NOT NULL CHECK (length(trim(name)) BETWEEN 1 AND 300),
    head_unit_id TEXT REFERENCES unit(id),
    deputy_unit_id TEXT REFERENCES unit(id),
    sort_order INTEGER NOT NULL DEFAULT 0,
    notes TEXT NOT NULL DEFAULT '',
    created_at TEXT NOT NULL, updated_at TEXT NOT NULL, created_by TEXT NOT NULL, updated_by TEXT NOT NULL,
    UNIQUE (year, name),
    CHECK (head_unit_id IS NULL OR deputy_unit_id IS NULL OR head_unit_id <> deputy_unit_id)
) STRICT;

CREATE TABLE bloc_member (
    id TEXT PRIMARY KEY CHECK (length(id) = 36),
    bloc_id TEXT NOT NULL REFERENCES bloc(id) ON DELETE CASCADE,
    unit_id TEXT NOT NULL REFERENCES unit(id),
    year INTEGER NOT NULL CHECK (year BETWEEN 1945 AND 2100),
    sort_order INTEGER NOT NULL DEFAULT 0,
    created_at TEXT NOT NULL, updated_at TEXT NOT NULL, created_by TEXT NOT NULL, updated_by TEXT NOT NULL,
    UNIQUE (year, unit_id)
) STRICT;
CREATE INDEX bloc_member_bloc ON bloc_member(bloc_id);

CREATE TRIGGER bloc_member_year_insert BEFORE INSERT ON bloc_member
WHEN NEW.year <> (SELECT year FROM bloc WHERE id = NEW.bloc_id)
BEGIN SELECT RAISE(ABORT, 'Năm của thành viên khối không khớp với năm của khối thi đua.'); END;
CREATE TRIGGER bloc_member_year_update BEFORE UPDATE ON bloc_member
WHEN NEW.year <> (SELECT year FROM bloc WHERE id = NEW.bloc_id)
BEGIN SELECT RAISE(ABORT, 'Năm của thành viên khối không khớp với năm của khối thi đua.'); END;

CREATE TABLE bloc_criterion (
    id TEXT PRIMARY KEY CHECK (length(id) = 36),
    bloc_id TEXT NOT NULL REFERENCES bloc(id) ON DELETE CASCADE,
    name TEXT NOT NULL CHECK (length(trim(name)) BETWEEN 1 AND 500),
    max_points REAL NOT NULL CHECK (max_points > 0),
    sort_order INTEGER NOT NULL DEFAULT 0,
    created_at TEXT NOT NULL, updated_at TEXT NOT NULL, created_by TEXT NOT NULL, updated_by TEXT NOT NULL
) STRICT;

CREATE TABLE bloc_score (
    id TEXT PRIMARY KEY CHECK (length(id) = 36),
    criterion_id TEXT NOT NULL REFERENCES bloc_criterion(id) ON DELETE CASCADE,
    unit_id TEXT NOT NULL REFERENCES unit(id),
    points REAL NOT NULL CHECK (points >= 0),
    created_at TEXT NOT NULL, updated_at TEXT NOT NULL, created_by TEXT NOT NULL, updated_by TEXT NOT NULL,
    UNIQUE (criterion_id, unit_id)
) STRICT;

CREATE TRIGGER bloc_score_max_insert BEFORE INSERT ON bloc_score
WHEN NEW.points > (SELECT max_points FROM bloc_criterion WHERE id = NEW.criterion_id)
BEGIN SELECT RAISE(ABORT, 'Điểm chấm vượt quá điểm tối đa của tiêu chí.'); END;
CREATE TRIGGER bloc_score_max_update BEFORE UPDATE ON bloc_score
WHEN NEW.points > (SELECT max_points FROM bloc_criterion WHERE id = NEW.criterion_id)
BEGIN SELECT RAISE(ABORT, 'Điểm chấm vượt quá điểm tối đa của tiêu chí.'); END;

-- ---------------------------------------------------------------- nominations and decisions
CREATE TABLE decision (
    id TEXT PRIMARY KEY CHECK (length(id) = 36),
    year INTEGER NOT NULL CHECK (year BETWEEN 1945 AND 2100),
    number TEXT NOT NULL DEFAULT '' CHECK (length(number) <= 20),
    symbol TEXT NOT NULL DEFAULT '' CHECK (length(symbol) <= 50),
    signed_on TEXT NOT NULL CHECK (signed_on IS date(signed_on, '+0 days')),
    issuer_level TEXT NOT NULL CHECK (issuer_level IN ('don_vi', 'tinh', 'bo', 'thu_tuong', 'chu_tich_nuoc', 'khac')),
    issuer_name TEXT NOT NULL CHECK (length(trim(issuer_name)) BETWEEN 1 AND 300),
    is_own INTEGER NOT NULL CHECK (is_own IN (0, 1)),
    title TEXT NOT NULL CHECK (length(trim(title)) BETWEEN 1 AND 1000),
    form_code TEXT REFERENCES award_form(code),
    kind TEXT NOT NULL REFERENCES award_kind(code),
    signer_id TEXT REFERENCES signatory(id),
    signer_name TEXT NOT NULL DEFAULT '',
    signer_position TEXT NOT NULL DEFAULT '',
    legal_bases TEXT NOT NULL DEFAULT '[]' CHECK (substr(legal_bases, 1, 1) = '['),
    proposal_ref TEXT NOT NULL DEFAULT '',
    bonus_source TEXT NOT NULL DEFAULT '',
    regime_code TEXT REFERENCES regime(code),
    base_salary INTEGER CHECK (base_salary IS NULL OR base_salary > 0),
    status TEXT NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'issued')),
    issued_at TEXT,
    deleted_at TEXT,
    notes TEXT NOT NULL DEFAULT '',
    created_at TEXT NOT NULL, updated_at TEXT NOT NULL, created_by TEXT NOT NULL, updated_by TEXT NOT NULL,
    CHECK (year = CAST(substr(signed_on, 1, 4) AS INTEGER))
) STRICT;
CREATE INDEX decision_year ON decision(year);
CREATE UNIQUE INDEX decision_number_unique ON decision(issuer_name, year, number, symbol)
    WHERE number <> '' AND deleted_at IS NULL;

CREATE TABLE nomination (
    id TEXT PRIMARY KEY CHECK (length(id) = 36),
    year INTEGER NOT NULL CHECK (year BETWEEN 1945 AND 2100),
    form_code TEXT NOT NULL REFERENCES award_form(code),
    kind TEXT NOT NULL REFERENCES award_kind(code),
    subject TEXT NOT NULL CHECK (subject IN ('ca_nhan', 'tap_the', 'ho_gia_dinh')),
    person_id TEXT REFERENCES person(id),
    unit_id TEXT REFERENCES unit(id),
    household_id TEXT REFERENCES household(id),
    proposing_unit_id TEXT REFERENCES unit(id),
    position TEXT NOT NULL DEFAULT '',
    is_manager INTEGER CHECK (is_manager IS NULL OR is_manager IN (0, 1)),
    achievement TEXT NOT NULL DEFAULT '' CHECK (length(achievement) <= 5000),
    initiative_id TEXT REFERENCES initiative(id),
    status TEXT NOT NULL DEFAULT 'draft'
        CHECK (status IN ('draft', 'submitted', 'checked', 'voted', 'decided', 'rejected', 'forwarded')),
    submitted_on TEXT CHECK (submitted_on IS NULL OR submitted_on IS date(submitted_on, '+0 days')),
    votes_members INTEGER CHECK (votes_members IS NULL OR votes_members >= 0),
    votes_present INTEGER CHECK (votes_present IS NULL OR votes_present >= 0),
    votes_valid INTEGER CHECK (votes_valid IS NULL OR votes_valid >= 0),
    votes_yes INTEGER CHECK (votes_yes IS NULL OR votes_yes >= 0),
    decision_id TEXT REFERENCES decision(id),
    deleted_at TEXT,
    notes TEXT NOT NULL DEFAULT '',
    created_at TEXT NOT NULL, updated_at TEXT NOT NULL, created_by TEXT NOT NULL, updated_by TEXT NOT NULL,
    CHECK ((subject = 'ca_nhan' AND person_id IS NOT NULL AND unit_id IS NULL AND household_id IS NULL)
        OR (subject = 'tap_the' AND unit_id IS NOT NULL AND person_id IS NULL AND household_id IS NULL)
        OR (subject = 'ho_gia_dinh' AND household_id IS NOT NULL AND person_id IS NULL AND unit_id IS NULL)),
    CHECK (votes_yes IS NULL OR votes_valid IS NULL OR votes_yes <= votes_valid),
    CHECK (votes_present IS NULL OR votes_members IS NULL OR votes_present <= votes_members)
) STRICT;
CREATE INDEX nomination_year ON nomination(year, status);
CREATE INDEX nomination_person ON nomination(person_id);
CREATE INDEX nomination_unit ON nomination(unit_id);

CREATE TABLE decision_recipient (
    id TEXT PRIMARY KEY CHECK (length(id) = 36),
    decision_id TEXT NOT NULL REFERENCES decision(id) ON DELETE CASCADE,
    form_code TEXT NOT NULL REFERENCES award_form(code),
    kind TEXT NOT NULL REFERENCES award_kind(code),
    subject TEXT NOT NULL CHECK (subject IN ('ca_nhan', 'tap_the', 'ho_gia_dinh')),
    person_id TEXT REFERENCES person(id),
    unit_id TEXT REFERENCES unit(id),
    household_id TEXT REFERENCES household(id),
    display_name TEXT NOT NULL CHECK (length(trim(display_name)) BETWEEN 1 AND 300),
    position TEXT NOT NULL DEFAULT '',
    unit_name TEXT NOT NULL DEFAULT '',
    is_manager INTEGER CHECK (is_manager IS NULL OR is_manager IN (0, 1)),
    posthumous INTEGER NOT NULL DEFAULT 0 CHECK (posthumous IN (0, 1)),
    achievement TEXT NOT NULL DEFAULT '' CHECK (length(achievement) <= 5000),
    nomination_id TEXT REFERENCES nomination(id),
    coefficient TEXT CHECK (coefficient IS NULL OR CAST(coefficient AS REAL) >= 0),
    amount INTEGER CHECK (amount IS NULL OR amount >= 0),
    sort_order INTEGER NOT NULL DEFAULT 0,
    created_at TEXT NOT NULL, updated_at TEXT NOT NULL, created_by TEXT NOT NULL, updated_by TEXT NOT NULL,
    CHECK ((subject = 'ca_nhan' AND person_id IS NOT NULL AND unit_id IS NULL AND household_id IS NULL)
        OR (subject = 'tap_the' AND unit_id IS NOT NULL AND person_id IS NULL AND household_id IS NULL)
        OR (subject = 'ho_gia_dinh' AND household_id IS NOT NULL AND person_id IS NULL AND unit_id IS NULL)),
    CHECK (subject = 'ca_nhan' OR is_manager IS NULL)
) STRICT;
CREATE INDEX recipient_decision ON decision_recipient(decision_id, sort_order);
CREATE INDEX recipient_person ON decision_recipient(person_id);
CREATE INDEX recipient_unit ON decision_recipient(unit_id);
CREATE INDEX recipient_form ON decision_recipient(form_code);

-- ---------------------------------------------------------------- reports
CREATE TABLE report (
    id TEXT PRIMARY KEY CHECK (length(id) = 36),
    year INTEGER NOT NULL CHECK (year BETWEEN 1945 AND 2100),
    number TEXT NOT NULL DEFAULT '' CHECK (length(number) <= 20),
    symbol TEXT NOT NULL DEFAULT '' CHECK (length(symbol) <= 50),
    signed_on TEXT CHECK (signed_on IS NULL OR signed_on IS date(signed_on, '+0 days')),
    place_name TEXT NOT NULL DEFAULT '',
    title TEXT NOT NULL CHECK (length(trim(title)) BETWEEN 1 AND 1000),
    signer_id TEXT REFERENCES signatory(id),
    signer_name TEXT NOT NULL DEFAULT '',
    signer_position TEXT NOT NULL DEFAULT '',
    signing_lines TEXT NOT NULL DEFAULT '[]' CHECK (substr(signing_lines, 1, 1) = '['),
    recipients TEXT NOT NULL DEFAULT '[]' CHECK (substr(recipients, 1, 1) = '['),
    status TEXT NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'issued')),
    deleted_at TEXT,
    created_at TEXT NOT NULL, updated_at TEXT NOT NULL, created_by TEXT NOT NULL, updated_by TEXT NOT NULL
) STRICT;
CREATE INDEX report_year ON report(year);

CREATE TABLE report_section (
    id TEXT PRIMARY KEY CHECK (length(id) = 36),
    report_id TEXT NOT NULL REFERENCES report(id) ON DELETE CASCADE,
    parent_id TEXT REFERENCES report_section(id) ON DELETE CASCADE,
    level INTEGER NOT NULL CHECK (level BETWEEN 0 AND 4),
    label TEXT NOT NULL DEFAULT '',
    title TEXT NOT NULL DEFAULT '',
    body TEXT NOT NULL DEFAULT '',
    sort_order INTEGER NOT NULL DEFAULT 0,
    created_at TEXT NOT NULL, updated_at TEXT NOT NULL, created_by TEXT NOT NULL, updated_by TEXT NOT NULL
) STRICT;
CREATE INDEX report_section_report ON report_section(report_id, sort_order);

-- ---------------------------------------------------------------- audit log (append-only)
CREATE TABLE audit_log (
    seq INTEGER PRIMARY KEY AUTOINCREMENT,
    id TEXT NOT NULL UNIQUE CHECK (length(id) = 36),
    at TEXT NOT NULL,
    actor TEXT NOT NULL,
    host TEXT NOT NULL DEFAULT '',
    action TEXT NOT NULL CHECK (action IN ('create', 'update', 'delete', 'restore', 'import', 'export',
                                           'backup', 'migrate', 'correct', 'issue', 'other')),
    entity TEXT NOT NULL DEFAULT '',
    entity_id TEXT NOT NULL DEFAULT '',
    summary TEXT NOT NULL DEFAULT '',
    before_json TEXT CHECK (before_json IS NULL OR substr(before_json, 1, 1) = '{'),
    after_json TEXT CHECK (after_json IS NULL OR substr(after_json, 1, 1) = '{')
) STRICT;
CREATE INDEX audit_entity ON audit_log(entity, entity_id);

CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
BEGIN SELECT RAISE(ABORT, 'Nhật ký thay đổi chỉ được ghi thêm, không được sửa.'); END;
CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
BEGIN SELECT RAISE(ABORT, 'Nhật ký thay đổi chỉ được ghi thêm, không được xóa.'); END;
