-- A need of the whole programme (no region) was not unique: NULLs are distinct in a UNIQUE
-- constraint, so saving the same need again added a row, and the need counted twice. Keep the
-- latest of each, and make the constraint treat "no region" as one value.
DELETE FROM funding_need n USING funding_need m
  WHERE n.year = m.year AND n.region IS NOT DISTINCT FROM m.region AND n.post = m.post AND n.id < m.id;
ALTER TABLE funding_need DROP CONSTRAINT funding_need_year_region_post_key;
ALTER TABLE funding_need ADD CONSTRAINT funding_need_year_region_post_key UNIQUE NULLS NOT DISTINCT (year, region, post);
