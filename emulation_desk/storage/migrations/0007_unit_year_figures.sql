-- A collective's yearly figures as the unit declares them: how many members reached the Lao động tiên tiến
-- standard (LĐTT, CSTT or CSTĐCS) and how many hold Chiến sĩ thi đua cơ sở. NULL means "not declared": the
-- rules then count the members' own records, as before.

ALTER TABLE unit_year ADD COLUMN standard_count INTEGER CHECK (standard_count IS NULL OR standard_count >= 0);
ALTER TABLE unit_year ADD COLUMN cstdcs_count INTEGER CHECK (cstdcs_count IS NULL OR cstdcs_count >= 0);
