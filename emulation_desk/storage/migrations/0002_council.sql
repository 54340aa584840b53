-- The meetings of the emulation council (Hội đồng Thi đua - Khen thưởng): attendance, the cases
-- considered, the raw vote counts per case and the members who abstain on a case.
-- Same conventions as 0001 (STRICT, UUID keys, created/updated at/by, CHECKs, JSON checked by shape).
-- Percentages are never stored: they are derived from the raw counts.

CREATE TABLE council_meeting (
    id TEXT PRIMARY KEY CHECK (length(id) = 36),
    council_id TEXT NOT NULL REFERENCES council(id),
    year INTEGER NOT NULL CHECK (year BETWEEN 1945 AND 2100),
    held_on TEXT NOT NULL CHECK (held_on IS date(held_on, '+0 days')),
    start_time TEXT NOT NULL DEFAULT '' CHECK (start_time = '' OR start_time GLOB '[0-2][0-9]:[0-5][0-9]'),
    end_time TEXT NOT NULL DEFAULT '' CHECK (end_time = '' OR end_time GLOB '[0-2][0-9]:[0-5][0-9]'),
    place TEXT NOT NULL DEFAULT '' CHECK (length(place) <= 300),
    chair_member_id TEXT REFERENCES council_member(id),
    secretary_member_id TEXT REFERENCES council_member(id),
    regime_code TEXT REFERENCES regime(code),
    -- the vote-counting board (Ban kiểm phiếu): member ids, the head first
    counting_board TEXT NOT NULL DEFAULT '[]' CHECK (substr(counting_board, 1, 1) = '['),
    -- the thresholds applied, copied from the settings when the meeting is created: {"FORM": {...}}
    vote_rules TEXT NOT NULL DEFAULT '{}' CHECK (substr(vote_rules, 1, 1) = '{'),
    results_applied_at TEXT,
    notes TEXT NOT NULL DEFAULT '' CHECK (length(notes) <= 5000),
    created_at TEXT NOT NULL, updated_at TEXT NOT NULL, created_by TEXT NOT NULL, updated_by TEXT NOT NULL,
    CHECK (chair_member_id IS NULL OR secretary_member_id IS NULL OR chair_member_id <> secretary_member_id)
) STRICT;
CREATE INDEX council_meeting_year ON council_meeting(year, held_on);

CREATE TABLE council_attendance (
    id TEXT PRIMARY KEY CHECK (length(id) = 36),
    meeting_id TEXT NOT NULL REFERENCES council_meeting(id) ON DELETE CASCADE,
    member_id TEXT NOT NULL REFERENCES council_member(id),
    presence TEXT NOT NULL CHECK (presence IN ('present', 'absent', 'written')),
    notes TEXT NOT NULL DEFAULT '' CHECK (length(notes) <= 1000),
    created_at TEXT NOT NULL, updated_at TEXT NOT NULL, created_by TEXT NOT NULL, updated_by TEXT NOT NULL,
    UNIQUE (meeting_id, member_id)
) STRICT;

CREATE TABLE council_case (
    id TEXT PRIMARY KEY CHECK (length(id) = 36),
    meeting_id TEXT NOT NULL REFERENCES council_meeting(id) ON DELETE CASCADE,
    nomination_id TEXT NOT NULL REFERENCES nomination(id),
    ballot_required INTEGER NOT NULL CHECK (ballot_required IN (0, 1)),
    result TEXT CHECK (result IS NULL OR result IN ('passed', 'failed')),
    sort_order INTEGER NOT NULL DEFAULT 0,
    created_at TEXT NOT NULL, updated_at TEXT NOT NULL, created_by TEXT NOT NULL, updated_by TEXT NOT NULL,
    UNIQUE (meeting_id, nomination_id)
) STRICT;
CREATE INDEX council_case_nomination ON council_case(nomination_id);

-- Raw counts of one case: ballots issued / returned / valid / invalid, yes / no, and the bases.
CREATE TABLE council_tally (
    id TEXT PRIMARY KEY CHECK (length(id) = 36),
    case_id TEXT NOT NULL UNIQUE REFERENCES council_case(id) ON DELETE CASCADE,
    members INTEGER NOT NULL CHECK (members >= 1),
    present INTEGER NOT NULL CHECK (present >= 0),
    abstaining INTEGER NOT NULL DEFAULT 0 CHECK (abstaining >= 0),
    issued INTEGER NOT NULL CHECK (issued >= 0),
    returned INTEGER NOT NULL CHECK (returned >= 0),
    valid INTEGER NOT NULL CHECK (valid >= 0),
    invalid INTEGER NOT NULL CHECK (invalid >= 0),
    yes INTEGER NOT NULL CHECK (yes >= 0),
    no INTEGER NOT NULL CHECK (no >= 0),
    created_at TEXT NOT NULL, updated_at TEXT NOT NULL, created_by TEXT NOT NULL, updated_by TEXT NOT NULL,
    CHECK (present <= members),
    CHECK (returned <= issued),
    CHECK (valid + invalid = returned),
    CHECK (yes + no <= valid)
) STRICT;

CREATE TABLE council_abstention (
    id TEXT PRIMARY KEY CHECK (length(id) = 36),
    case_id TEXT NOT NULL REFERENCES council_case(id) ON DELETE CASCADE,
    member_id TEXT NOT NULL REFERENCES council_member(id),
    reason TEXT NOT NULL CHECK (length(trim(reason)) BETWEEN 1 AND 500),
    created_at TEXT NOT NULL, updated_at TEXT NOT NULL, created_by TEXT NOT NULL, updated_by TEXT NOT NULL,
    UNIQUE (case_id, member_id)
) STRICT;
