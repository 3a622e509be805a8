-- Trademark events as the law has them (Trademark Law art. 40, 42, 44–49, 55; regulations
-- art. 33, 69, 73; Civil Code art. 444). A renewal is an application with CNIPA's decision,
-- "cancelled" stood for three different ends, and a pledge exists only from its registration.
-- Old audit rows are never rewritten: the api reads both shapes.

-- Lists filter on a trademark's end or pending renewal.
ALTER TABLE trademark ADD COLUMN status TEXT;
CREATE INDEX trademark_status ON trademark(status);

-- Renewals recorded so far counted as granted: they stay granted, as approved renewals whose
-- announcement is not on record. No renewed mark turns pending or lapsed.
INSERT INTO migration_note (version, note)
SELECT 13, count(*) || ' 件商标的续展记录按“已核准”处理（原记录即视为已续展），续展公告号和公告日期未记载，可补录 / the renewals of ' || count(*) || ' trademarks are recorded as approved, as they counted before; their announcements are not on record'
FROM trademark WHERE json_array_length(data, '$.renewals') > 0
HAVING count(*) > 0;

UPDATE trademark
SET data = json_set(data, '$.renewals', json((
    SELECT json_group_array(
        json_set(r.value, '$.decision',
                 json('{"state":"approved","announcement_no":null,"announced_on":null}'))
        ORDER BY r.key)
    FROM json_each(trademark.data, '$.renewals') r)))
WHERE json_array_length(data, '$.renewals') > 0;

-- "cancelled" becomes 注销 (deregistered), the ground and document to be checked by a clerk:
-- it may have been a revocation under art. 49.
INSERT INTO migration_note (version, note)
SELECT 13, '商标 ' || code || '（' || name || '）原记为“cancelled”，现记为“注销”：请核对注销原因（期满未续展或注册人申请注销）和文号；如实为依商标法第四十九条撤销，请重新登记终止 / trademark ' || code || ' (' || name || ') was recorded as "cancelled" and is now deregistered: check the ground (not renewed or surrendered) and the document number; if it was in fact revoked under art. 49, record the end again'
FROM trademark
WHERE json_extract(data, '$.termination.kind') = 'cancelled'
ORDER BY length(code), code;

UPDATE trademark
SET data = json_set(data, '$.termination.kind', 'deregistered')
WHERE json_extract(data, '$.termination.kind') = 'cancelled';

-- A pledge exists from its registration: `from` was its start and becomes the registration
-- date; `to` the registered term's end. Pledges without a registration number stay in force
-- and are listed.
INSERT INTO migration_note (version, note)
SELECT 13, '商标 ' || t.code || '（' || t.name || '）的质押（质权人 ' || json_extract(p.value, '$.pledgee') || '，' || json_extract(p.value, '$.from') || ' 起）没有质押登记号：仍按有效处理，请按质押登记补录登记号和登记日期（民法典第四百四十四条：质权自登记时设立） / trademark ' || t.code || ' (' || t.name || '): the pledge to ' || json_extract(p.value, '$.pledgee') || ' from ' || json_extract(p.value, '$.from') || ' has no registration number; it stays in force: enter the registration''s number and date (Civil Code art. 444: a pledge exists from its registration)'
FROM trademark t, json_each(t.data, '$.pledges') p
WHERE json_extract(p.value, '$.registration_no') IS NULL
ORDER BY length(t.code), t.code, p.key;

UPDATE trademark
SET data = json_set(data, '$.pledges', json((
    SELECT json_group_array(
        json_object('pledgee', json_extract(p.value, '$.pledgee'),
                    'amount', json_extract(p.value, '$.amount'),
                    'registered_on', json_extract(p.value, '$.from'),
                    'term_ends', json_extract(p.value, '$.to'),
                    'registration_no', json_extract(p.value, '$.registration_no'),
                    'release', NULL)
        ORDER BY p.key)
    FROM json_each(trademark.data, '$.pledges') p)))
WHERE json_array_length(data, '$.pledges') > 0;

UPDATE trademark SET status = json_extract(data, '$.termination.kind')
WHERE json_extract(data, '$.termination') IS NOT NULL;
