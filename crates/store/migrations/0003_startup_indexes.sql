-- Schema version 3: indexes the desktop's start-up reads at national scale.
-- Deadlines read approved users by stage.
CREATE INDEX authorised_user_stage ON authorised_user(stage);
-- Live and archived counts per kind (the overview) without reading every row.
CREATE INDEX gi_product_archived ON gi_product(archived_at);
CREATE INDEX enterprise_archived ON enterprise(archived_at);
CREATE INDEX authorised_user_archived ON authorised_user(archived_at);
CREATE INDEX trademark_archived ON trademark(archived_at);
CREATE INDEX mark_candidate_archived ON mark_candidate(archived_at);
