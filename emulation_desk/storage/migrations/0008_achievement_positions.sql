-- 0008: the law by the year it was earned (issue 14) and positions by year (issue 13, point 4).
-- (Written as 0004, the number first reserved for it; renumbered when schema v5 and v6 were released without it.)
-- Same conventions as 0001 (STRICT, UUID keys, created/updated at/by, CHECKs).
--
-- 1. Achievement years. A title belongs to the year (or period) it was earned, not the year its decision was
--    signed: the titles of 2023 are often signed in January 2024. The decision keeps its signing date (the
--    regime and the base salary follow it); the decision's achievement (achievement_first..achievement_last,
--    both years inclusive, equal for one year) is the default of its lines, and every recipient line carries
--    its own. The program fills them from the title ("… năm 2023", "giai đoạn 2016-2020"), else the working
--    year; this migration fills existing rows with the signing year and the program then reads each title
--    (storage/achievement_fill.py, in the same transaction). A row inserted without them (a loader that does
--    not know) gets its decision's, or the signing year, from the triggers below.

ALTER TABLE decision ADD COLUMN achievement_first INTEGER
    CHECK (achievement_first IS NULL OR achievement_first BETWEEN 1945 AND 2100);
ALTER TABLE decision ADD COLUMN achievement_last INTEGER
    CHECK ((achievement_first IS NULL) = (achievement_last IS NULL)
           AND (achievement_last IS NULL OR (achievement_last BETWEEN 1945 AND 2100
                AND achievement_first <= achievement_last AND achievement_last <= year)));

ALTER TABLE decision_recipient ADD COLUMN achievement_first INTEGER
    CHECK (achievement_first IS NULL OR achievement_first BETWEEN 1945 AND 2100);
ALTER TABLE decision_recipient ADD COLUMN achievement_last INTEGER
    CHECK ((achievement_first IS NULL) = (achievement_last IS NULL)
           AND (achievement_last IS NULL OR (achievement_last BETWEEN 1945 AND 2100
                AND achievement_first <= achievement_last)));

-- A nomination proposes the achievement of its year; achievement_first is the first year when it proposes a
-- period ("02 năm liên tục 2022-2023": 2022), NULL for one year.
ALTER TABLE nomination ADD COLUMN achievement_first INTEGER
    CHECK (achievement_first IS NULL OR (achievement_first BETWEEN 1945 AND 2100 AND achievement_first <= year));

UPDATE decision SET achievement_first = year, achievement_last = year;
UPDATE decision_recipient SET
    achievement_first = (SELECT d.achievement_first FROM decision d WHERE d.id = decision_recipient.decision_id),
    achievement_last = (SELECT d.achievement_last FROM decision d WHERE d.id = decision_recipient.decision_id);
CREATE INDEX recipient_achievement ON decision_recipient(achievement_last);

CREATE TRIGGER decision_achievement_default AFTER INSERT ON decision
WHEN NEW.achievement_last IS NULL
BEGIN UPDATE decision SET achievement_first = NEW.year, achievement_last = NEW.year WHERE id = NEW.id; END;

CREATE TRIGGER recipient_achievement_default AFTER INSERT ON decision_recipient
WHEN NEW.achievement_last IS NULL
BEGIN
    UPDATE decision_recipient SET
        achievement_first = (SELECT coalesce(d.achievement_first, d.year) FROM decision d WHERE d.id = NEW.decision_id),
        achievement_last = (SELECT coalesce(d.achievement_last, d.year) FROM decision d WHERE d.id = NEW.decision_id)
    WHERE id = NEW.id;
END;

-- 2. Positions by year. A person's position and management flag from a year on, so that a promotion in 2025
--    does not rewrite the table of 2024. from_year NULL is the position held before any dated change (filled
--    here from today's position of each person who has one). manager_source says where the flag comes from:
--    proposed by the dictionary of positions (setting positions.manager_dictionary), set by the clerk, or
--    copied from the person's record by this migration.
CREATE TABLE person_position (
    id TEXT PRIMARY KEY CHECK (length(id) = 36),
    person_id TEXT NOT NULL REFERENCES person(id),
    from_year INTEGER CHECK (from_year IS NULL OR from_year BETWEEN 1945 AND 2100),
    position TEXT NOT NULL DEFAULT '' CHECK (length(position) <= 300),
    is_manager INTEGER NOT NULL CHECK (is_manager IN (0, 1)),
    manager_source TEXT NOT NULL DEFAULT 'clerk' CHECK (manager_source IN ('dictionary', 'clerk', 'record')),
    notes TEXT NOT NULL DEFAULT '' CHECK (length(notes) <= 1000),
    created_at TEXT NOT NULL, updated_at TEXT NOT NULL, created_by TEXT NOT NULL, updated_by TEXT NOT NULL,
    CHECK (length(trim(position)) > 0 OR is_manager = 1)
) STRICT;
CREATE UNIQUE INDEX person_position_from ON person_position(person_id, coalesce(from_year, 0));

INSERT INTO person_position (id, person_id, from_year, position, is_manager, manager_source,
                             created_at, updated_at, created_by, updated_by)
SELECT lower(hex(randomblob(4)) || '-' || hex(randomblob(2)) || '-4' || substr(hex(randomblob(2)), 2) || '-'
             || substr('89ab', 1 + abs(random() % 4), 1) || substr(hex(randomblob(2)), 2) || '-' || hex(randomblob(6))),
       id, NULL, position, is_manager, 'record', updated_at, updated_at, updated_by, updated_by
FROM person WHERE length(trim(position)) > 0 OR is_manager = 1;
