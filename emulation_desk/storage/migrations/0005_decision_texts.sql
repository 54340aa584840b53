-- The texts of an own decision that the clerk may word per decision: the execution article (Điều 3) and
-- the "Nơi nhận" lines. Empty means "the office's default" (composed from the office profile when printed),
-- so existing decisions keep printing as before and follow a later change of the profile.
-- recipients_text holds one recipient a line ("Như Điều 3;", "Sở Tài chính;", "Lưu: VT, NV.").

ALTER TABLE decision ADD COLUMN execution_text TEXT NOT NULL DEFAULT '' CHECK (length(execution_text) <= 2000);
ALTER TABLE decision ADD COLUMN recipients_text TEXT NOT NULL DEFAULT '' CHECK (length(recipients_text) <= 2000);
