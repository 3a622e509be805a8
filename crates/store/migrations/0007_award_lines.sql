-- The award lines of approved and paid applications, kept beside the application's data so a
-- budget check or the ledger sums one jurisdiction's year by index instead of decoding every
-- committed application. Derived: rewritten with the application (api: records::save_links).
CREATE TABLE award_line (
    application_id TEXT NOT NULL REFERENCES application(id) ON DELETE CASCADE,
    jurisdiction   TEXT NOT NULL,
    year           INTEGER NOT NULL,
    amount_fen     INTEGER NOT NULL
) STRICT;
CREATE INDEX award_line_budget ON award_line(jurisdiction, year);
CREATE INDEX award_line_application ON award_line(application_id);

INSERT INTO award_line (application_id, jurisdiction, year, amount_fen)
SELECT a.id, json_extract(l.value, '$.jurisdiction'), json_extract(a.data, '$.award.year'),
       json_extract(l.value, '$.amount')
FROM application a, json_each(a.data, '$.award.lines') l
WHERE a.state IN ('approved', 'paid');

-- Eligibility reads only the rules of the applicant's division and the divisions above it.
CREATE INDEX incentive_rule_jurisdiction ON incentive_rule(jurisdiction);
