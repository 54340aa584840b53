-- The finder's index: one FTS5 document per person, unit and decision, over their names folded by the
-- tokenizer (case and every Vietnamese tone and hat removed; "đ" stays, the finder asks for d and đ).
-- Nominations are found through their person or unit. One FTS5 table per kind: a search for units does not
-- wade through the words of 200.000 people.
--
-- finder_doc gives each record its document number (an INTEGER PRIMARY KEY: VACUUM keeps it).
-- The connections run with trusted_schema = OFF, under which a trigger may not write an FTS5 table: the
-- triggers below only note the changed records in finder_pending (a plain table); the finder service
-- re-indexes them before it searches (services/records/find.py), so every writer — services, imports,
-- undo, a generator writing SQL — is caught.

CREATE TABLE finder_doc (
    doc INTEGER PRIMARY KEY,
    kind TEXT NOT NULL CHECK (kind IN ('person', 'unit', 'decision')),
    ref TEXT NOT NULL UNIQUE
) STRICT;

CREATE VIRTUAL TABLE finder_person USING fts5(name, extra, tokenize = 'unicode61 remove_diacritics 2',
                                              prefix = '1 2 3');
CREATE VIRTUAL TABLE finder_unit USING fts5(name, extra, tokenize = 'unicode61 remove_diacritics 2',
                                            prefix = '1 2 3');
CREATE VIRTUAL TABLE finder_decision USING fts5(name, extra, tokenize = 'unicode61 remove_diacritics 2',
                                                prefix = '1 2 3');

CREATE TABLE finder_pending (
    ref TEXT PRIMARY KEY,
    kind TEXT NOT NULL CHECK (kind IN ('person', 'unit', 'decision'))
) WITHOUT ROWID, STRICT;

CREATE TRIGGER finder_person_insert AFTER INSERT ON person
BEGIN INSERT OR IGNORE INTO finder_pending (ref, kind) VALUES (new.id, 'person'); END;
CREATE TRIGGER finder_person_update AFTER UPDATE OF full_name, birth_year ON person
BEGIN INSERT OR IGNORE INTO finder_pending (ref, kind) VALUES (new.id, 'person'); END;
CREATE TRIGGER finder_person_delete AFTER DELETE ON person
BEGIN INSERT OR IGNORE INTO finder_pending (ref, kind) VALUES (old.id, 'person'); END;

CREATE TRIGGER finder_unit_insert AFTER INSERT ON unit
BEGIN INSERT OR IGNORE INTO finder_pending (ref, kind) VALUES (new.id, 'unit'); END;
CREATE TRIGGER finder_unit_update AFTER UPDATE OF name, short_name ON unit
BEGIN INSERT OR IGNORE INTO finder_pending (ref, kind) VALUES (new.id, 'unit'); END;
CREATE TRIGGER finder_unit_delete AFTER DELETE ON unit
BEGIN INSERT OR IGNORE INTO finder_pending (ref, kind) VALUES (old.id, 'unit'); END;

CREATE TRIGGER finder_decision_insert AFTER INSERT ON decision
BEGIN INSERT OR IGNORE INTO finder_pending (ref, kind) VALUES (new.id, 'decision'); END;
CREATE TRIGGER finder_decision_update AFTER UPDATE OF number, symbol, title, deleted_at ON decision
BEGIN INSERT OR IGNORE INTO finder_pending (ref, kind) VALUES (new.id, 'decision'); END;
CREATE TRIGGER finder_decision_delete AFTER DELETE ON decision
BEGIN INSERT OR IGNORE INTO finder_pending (ref, kind) VALUES (old.id, 'decision'); END;

INSERT INTO finder_doc (kind, ref) SELECT 'person', id FROM person;
INSERT INTO finder_doc (kind, ref) SELECT 'unit', id FROM unit;
INSERT INTO finder_doc (kind, ref) SELECT 'decision', id FROM decision;

INSERT INTO finder_person (rowid, name, extra)
    SELECT d.doc, p.full_name, coalesce(p.birth_year, '') FROM finder_doc d JOIN person p ON p.id = d.ref;
INSERT INTO finder_unit (rowid, name, extra)
    SELECT d.doc, u.name, u.short_name FROM finder_doc d JOIN unit u ON u.id = d.ref;
INSERT INTO finder_decision (rowid, name, extra)
    SELECT d.doc, x.title, trim(x.number || '/' || x.symbol, '/') FROM finder_doc d JOIN decision x ON x.id = d.ref;
