-- 0012: an index for the position held in a year (issue 14 §3, kept out of 0008 until measured).
-- The table reads, for each individual line, the flag of the newest dated entry of the position history not
-- after the line's achievement year (services.records.positions: MANAGER_AT_SQL, "person_id = ? AND
-- from_year <= ? ORDER BY from_year DESC LIMIT 1") and the undated entry ("from_year IS NULL"). The unique index
-- of 0008 is on coalesce(from_year, 0): SQLite finds the person's entries with it but sorts them in a temporary
-- B-tree for every line. On (person_id, from_year, is_manager) both lookups are one descent of the index and
-- read no table row (EXPLAIN QUERY PLAN: "SEARCH pp USING COVERING INDEX person_position_year (person_id=? AND
-- from_year<?)", no "USE TEMP B-TREE FOR ORDER BY").
CREATE INDEX person_position_year ON person_position(person_id, from_year, is_manager);
