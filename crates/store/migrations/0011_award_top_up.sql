-- What a migration had to reinterpret is written down here and shown to the user
-- (`terroir check`), beside the backup taken before it ran.
CREATE TABLE migration_note (
    version INTEGER NOT NULL,
    note    TEXT NOT NULL
) STRICT;

-- A highest-only incentive rule now says what a later, higher award for the same subject pays:
-- the difference (补差) or in full. Rules made before paid in full, so that is what they keep.
INSERT INTO migration_note (version, note)
SELECT 11, '奖励规则 ' || code || '（' || name || '）为“就高不重复”规则，原未设定补差方式：按原有做法记为“全额”，请核对政策 / incentive rule ' || code || ' (' || name || ') is highest-only and had no top-up setting: recorded as "full", as it was paid; check the policy'
FROM incentive_rule
WHERE json_extract(data, '$.stacking') = 'highest_only' AND json_extract(data, '$.top_up') IS NULL;

UPDATE incentive_rule
SET data = json_set(data, '$.top_up', 'full')
WHERE json_extract(data, '$.stacking') = 'highest_only' AND json_extract(data, '$.top_up') IS NULL;
