-- 0011 (written as 0003, the number reserved for it; renumbered above the numbers that reached main first).
-- 0002_council.sql was edited after its release: the vote-counting board (counting_board) was added to
-- council_meeting. A file built by the first release of 0002 lacks the column; a file built later has it, in
-- the middle of the table. Both histories end here with one table: the column is added where it is missing,
-- then the table is rebuilt in the shape a fresh install has (SQLite's procedure for changing a table: new
-- table, copy, drop, rename; migrations run with foreign keys off and are checked before they commit).
-- The file also gets its own id (settings.database_id): backups of one database are told apart from another's
-- by it, whatever the clock said when they were made.

-- @if-missing-column council_meeting.counting_board
ALTER TABLE council_meeting ADD COLUMN counting_board TEXT NOT NULL DEFAULT '[]'
    CHECK (substr(counting_board, 1, 1) = '[');

CREATE TABLE council_meeting_0011 (
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

INSERT INTO council_meeting_0011 (id, council_id, year, held_on, start_time, end_time, place, chair_member_id,
    secretary_member_id, regime_code, counting_board, vote_rules, results_applied_at, notes, created_at,
    updated_at, created_by, updated_by)
SELECT id, council_id, year, held_on, start_time, end_time, place, chair_member_id, secretary_member_id,
    regime_code, counting_board, vote_rules, results_applied_at, notes, created_at, updated_at, created_by,
    updated_by
FROM council_meeting;

DROP TABLE council_meeting;
ALTER TABLE council_meeting_0011 RENAME TO council_meeting;
CREATE INDEX council_meeting_year ON council_meeting(year, held_on);

INSERT OR IGNORE INTO settings (key, value, updated_at, updated_by)
VALUES ('database_id', '"' || lower(hex(randomblob(16))) || '"', strftime('%Y-%m-%dT%H:%M:%SZ', 'now'), 'migration');
