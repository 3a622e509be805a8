-- A GI product's responsible division (the county or city that catalogues it) becomes its own
-- field, apart from its production area. Until now lists and counts went by the area: the
-- responsible division is taken from it (one division: that one; several in one city: the
-- city; several in one province: the province), and the note says so for each product, to be
-- checked. Where none can be taken (an area across provinces, or an enclosing division the
-- table lacks), the note says that the clerk must enter it.
CREATE TEMP TABLE gi_responsible AS
SELECT g.id, g.code, g.name,
       CASE
           WHEN count(DISTINCT d.value) = 1 THEN min(d.value)
           WHEN count(DISTINCT substr(d.value, 1, 4)) = 1 THEN substr(min(d.value), 1, 4) || '00'
           WHEN count(DISTINCT substr(d.value, 1, 2)) = 1 THEN substr(min(d.value), 1, 2) || '0000'
       END AS responsible
FROM gi_product g, json_each(g.data, '$.area.divisions') d
WHERE json_extract(g.data, '$.responsible') IS NULL
GROUP BY g.id;

UPDATE gi_responsible SET responsible = NULL
WHERE responsible NOT IN (SELECT code FROM division);

INSERT INTO migration_note (version, note)
SELECT 12, CASE WHEN responsible IS NULL
    THEN '地理标志产品 ' || code || '（' || name || '）的负责区划无法从产地范围确定，请补录 / GI product ' || code || ' (' || name || '): no responsible division could be taken from its production area; enter it'
    ELSE '地理标志产品 ' || code || '（' || name || '）的负责区划按产地范围记为 ' || responsible || '，请核对 / GI product ' || code || ' (' || name || '): responsible division taken from its production area as ' || responsible || '; check it'
    END
FROM gi_responsible ORDER BY code;

UPDATE gi_product
SET data = json_set(data, '$.responsible', (SELECT responsible FROM gi_responsible r WHERE r.id = gi_product.id))
WHERE id IN (SELECT id FROM gi_responsible WHERE responsible IS NOT NULL);

DROP TABLE gi_responsible;
