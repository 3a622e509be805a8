-- A GI product's 产品简介 (profile) becomes its own field. Until now the dossier printed the
-- notes (备注) as the profile, so what was written there is what the public has read: it moves
-- to `profile`, and the notes, which are never printed from now on, start empty.
UPDATE gi_product
SET data = json_remove(json_set(data, '$.profile', json_extract(data, '$.notes')), '$.notes')
WHERE json_extract(data, '$.notes') IS NOT NULL;
