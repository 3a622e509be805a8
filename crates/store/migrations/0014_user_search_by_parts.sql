-- An authorised user ("企业 · 产品") is found through its enterprise's and its product's index
-- entries, which the index holds once (terroir_core::search::match_user): its own grams,
-- pinyin keys and trigrams go. Its document (code, name) stays, for its code and exact name.
DELETE FROM search_gram WHERE kind = 2;
DELETE FROM search_alt WHERE kind = 2;
DROP TABLE search_fts_user;
