-- References typed as names (an import's 地理标志产品 column, a registrant by name) and the
-- import's match of an enterprise without a credit code look records up by exact name:
-- without these indexes every such lookup scanned the table (quadratic in a 100,000-row import).
CREATE INDEX enterprise_name ON enterprise(name);
CREATE INDEX gi_product_name ON gi_product(name);
CREATE INDEX trademark_name ON trademark(name);
CREATE INDEX authorised_user_name ON authorised_user(name);
