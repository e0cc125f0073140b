-- A store made by newsgraph at schema version 10 (main at cc030e4) from the fictional talks_doc
-- articles of tests/store/fixtures.py: its schema from sqlite_master in creation order (FTS5 shadow
-- tables left out: the virtual tables make them), then its rows. The loader rebuilds the search
-- index from the rows ('rebuild'), which gives the index that release's per-transaction inserts made.
CREATE TABLE schema_version (version INTEGER PRIMARY KEY, name TEXT, applied_at TEXT);
CREATE TABLE "articles" (_row INTEGER PRIMARY KEY, doc TEXT NOT NULL UNIQUE, "source_id" TEXT, "source_uri" TEXT, "source_sha256" TEXT, "source_format" TEXT, "title" TEXT, "text" TEXT, "language" TEXT, "published" TEXT, "published_from" TEXT, "authors" TEXT, "publisher" TEXT, "rights_holder" TEXT, "rights_year" INTEGER, "rights_notice" TEXT, "credits" TEXT, "removed" TEXT, "url" TEXT, "story_id" TEXT, "provenance" TEXT, ingested_at TEXT);
CREATE TABLE rejections (id INTEGER PRIMARY KEY, doc TEXT NOT NULL, source_id TEXT, source_uri TEXT NOT NULL, source_format TEXT, code TEXT NOT NULL, message TEXT, ingested_at TEXT);
CREATE UNIQUE INDEX rejections_key ON rejections (source_uri, doc);
CREATE INDEX rejections_doc ON rejections (doc);
CREATE TRIGGER articles_ad AFTER DELETE ON articles BEGIN INSERT INTO articles_fts(articles_fts, rowid, "title", "text") VALUES ('delete', old._row, old."title", old."text"); END;
CREATE INDEX articles_published ON articles ("published");
CREATE TABLE http_cache (url TEXT PRIMARY KEY, etag TEXT, last_modified TEXT, status INTEGER, sha256 TEXT, fetched_at TEXT, kind TEXT);
CREATE TABLE corpus_entities (id TEXT PRIMARY KEY, name TEXT NOT NULL, type TEXT, first_art INTEGER REFERENCES articles(_row), profile TEXT);
CREATE TABLE corpus_keys (key TEXT NOT NULL, corpus_id TEXT NOT NULL REFERENCES corpus_entities(id), kind TEXT NOT NULL, PRIMARY KEY (key, corpus_id)) WITHOUT ROWID;
CREATE INDEX corpus_keys_id ON corpus_keys (corpus_id);
CREATE TABLE "entities" ("_row" INTEGER PRIMARY KEY, "doc" TEXT NOT NULL, "seq" INTEGER, "id" TEXT, "name" TEXT, "type" TEXT, "aliases" TEXT, "titles" TEXT, "affiliation" TEXT, "provenance_stage" TEXT, "provenance_version" TEXT, "provenance_method" TEXT, "provenance_confidence" REAL, "corpus_id" TEXT REFERENCES corpus_entities(id), "art" INTEGER REFERENCES articles(_row));
CREATE UNIQUE INDEX "entities_key" ON "entities" ("art", "seq");
CREATE TABLE "mentions" ("_row" INTEGER PRIMARY KEY, "doc" TEXT NOT NULL, "entity_id" TEXT, "start" INTEGER, "end" INTEGER, "text" TEXT, "art" INTEGER REFERENCES articles(_row));
CREATE UNIQUE INDEX "mentions_key" ON "mentions" ("art", "entity_id", "start", "end");
CREATE TABLE "attributions" ("_row" INTEGER PRIMARY KEY, "doc" TEXT NOT NULL, "seq" INTEGER, "id" TEXT, "kind" TEXT, "content_start" INTEGER, "content_end" INTEGER, "content_text" TEXT, "cue_start" INTEGER, "cue_end" INTEGER, "cue_text" TEXT, "speaker_text" TEXT, "speaker_start" INTEGER, "speaker_end" INTEGER, "speaker_entity_id" TEXT, "speaker_name" TEXT, "provenance_stage" TEXT, "provenance_version" TEXT, "provenance_method" TEXT, "provenance_confidence" REAL, "art" INTEGER REFERENCES articles(_row), "quote_key" TEXT);
CREATE TRIGGER attributions_ad AFTER DELETE ON attributions BEGIN INSERT INTO attributions_fts(attributions_fts, rowid, "content_text", "speaker_name") VALUES ('delete', old._row, old."content_text", old."speaker_name"); END;
CREATE UNIQUE INDEX "attributions_key" ON "attributions" ("art", "seq");
CREATE TABLE "claims" ("_row" INTEGER PRIMARY KEY, "doc" TEXT NOT NULL, "seq" INTEGER, "id" TEXT, "text" TEXT, "start" INTEGER, "end" INTEGER, "value" REAL, "qualifier" TEXT, "unit" TEXT, "source_name" TEXT, "source_entity_id" TEXT, "attribution_id" TEXT, "magnitude" REAL, "value_max" REAL, "change" TEXT, "provenance_stage" TEXT, "provenance_version" TEXT, "provenance_method" TEXT, "provenance_confidence" REAL, "art" INTEGER REFERENCES articles(_row));
CREATE UNIQUE INDEX "claims_key" ON "claims" ("art", "seq");
CREATE TABLE "timexes" ("_row" INTEGER PRIMARY KEY, "doc" TEXT NOT NULL, "seq" INTEGER, "start" INTEGER, "end" INTEGER, "text" TEXT, "type" TEXT, "value" TEXT, "provenance_stage" TEXT, "provenance_version" TEXT, "provenance_method" TEXT, "provenance_confidence" REAL, "art" INTEGER REFERENCES articles(_row));
CREATE UNIQUE INDEX "timexes_key" ON "timexes" ("art", "seq");
CREATE TABLE "places" ("_row" INTEGER PRIMARY KEY, "doc" TEXT NOT NULL, "seq" INTEGER, "name" TEXT, "start" INTEGER, "end" INTEGER, "entity_id" TEXT, "country" TEXT, "lat" REAL, "lon" REAL, "geonameid" INTEGER, "provenance_stage" TEXT, "provenance_version" TEXT, "provenance_method" TEXT, "provenance_confidence" REAL, "art" INTEGER REFERENCES articles(_row));
CREATE UNIQUE INDEX "places_key" ON "places" ("art", "seq");
CREATE TABLE "events" ("_row" INTEGER PRIMARY KEY, "doc" TEXT NOT NULL, "seq" INTEGER, "id" TEXT, "type" TEXT, "mode" TEXT, "cameo" TEXT, "trigger_start" INTEGER, "trigger_end" INTEGER, "trigger_text" TEXT, "source_name" TEXT, "source_entity_id" TEXT, "source_country" TEXT, "source_sector" TEXT, "target_name" TEXT, "target_entity_id" TEXT, "target_country" TEXT, "target_sector" TEXT, "date" TEXT, "location_name" TEXT, "location_entity_id" TEXT, "negated" INTEGER, "tense" TEXT, "sentence_start" INTEGER, "sentence_end" INTEGER, "sentence_text" TEXT, "date_from" TEXT, "attribution_id" TEXT, "provenance_stage" TEXT, "provenance_version" TEXT, "provenance_method" TEXT, "provenance_confidence" REAL, "modality" TEXT, "art" INTEGER REFERENCES articles(_row));
CREATE INDEX events_type ON events ("type");
CREATE UNIQUE INDEX "events_key" ON "events" ("art", "seq");
CREATE TABLE "minhashes" ("doc" TEXT PRIMARY KEY REFERENCES articles(doc), "shingles" INTEGER, "signature" BLOB);
CREATE TABLE "dup_groups" ("doc" TEXT PRIMARY KEY REFERENCES articles(doc), "grp" TEXT NOT NULL, "is_original" INTEGER NOT NULL, "score" REAL);
CREATE INDEX dup_groups_grp ON dup_groups (grp);
CREATE INDEX entities_corpus ON entities ("corpus_id");
CREATE VIRTUAL TABLE "articles_fts" USING fts5(title, text, content="articles", content_rowid="_row", tokenize='unicode61 remove_diacritics 2');
CREATE VIRTUAL TABLE "attributions_fts" USING fts5(content_text, speaker_name, content="attributions", content_rowid="_row", tokenize='unicode61 remove_diacritics 2');
CREATE TABLE corpus_redirects (old_id TEXT PRIMARY KEY, new_id TEXT NOT NULL REFERENCES corpus_entities(id)) WITHOUT ROWID;
CREATE INDEX corpus_redirects_new ON corpus_redirects (new_id);
CREATE INDEX attributions_quote_key ON attributions ("quote_key");
INSERT INTO "schema_version" VALUES(1,'layer tables and rejections','2026-12-03 11:43:42');
INSERT INTO "schema_version" VALUES(2,'FTS5 over article text and attribution content','2026-12-03 11:43:42');
INSERT INTO "schema_version" VALUES(3,'lookup indexes','2026-12-03 11:43:42');
INSERT INTO "schema_version" VALUES(4,'HTTP cache and seen feed items','2026-12-03 11:43:42');
INSERT INTO "schema_version" VALUES(5,'MinHash signatures and duplicate groups','2026-12-03 11:43:42');
INSERT INTO "schema_version" VALUES(6,'layer rows keyed by their article''s rowid','2026-12-03 11:43:42');
INSERT INTO "schema_version" VALUES(7,'drop the speaker and entity name indexes','2026-12-03 11:43:42');
INSERT INTO "schema_version" VALUES(8,'corpus entities, story ids, foreign keys, detectable FTS, no feed_items','2026-12-03 11:43:42');
INSERT INTO "schema_version" VALUES(9,'stored, indexed quote key of every attribution','2026-12-03 11:43:42');
INSERT INTO "schema_version" VALUES(10,'FTS indexed per transaction, redirects of merged corpus ids','2026-12-03 11:43:42');
INSERT INTO "articles" VALUES(1,'d271528017b528c40e8575d4df14c3dc7b76ff97d5e7bbec5d7dd9288eb9dbb3','talks-d27152.txt','file:///tmp/talks-d27152.txt','d271528017b528c40e8575d4df14c3dc7b76ff97d5e7bbec5d7dd9288eb9dbb3','text','Lena Ortiz rejects toll plan after talks in Portvale','Trade Minister Lena Ortiz said on Tuesday that the toll plan for Portvale would be "a costly mistake."

"We will not sign a plan that doubles the cost of crossing," Ortiz told reporters. The Harbor Authority said about 4,000 trucks cross each day.

Valdoria rejected the proposal from Norland on Tuesday.','en','2024-03-20','given','["Ada Byline"]','Valdoria Post','Valdoria Post Media Ltd.',2024,'Copyright 2024 Valdoria Post Media Ltd.','[]','[]','https://news.example/d2715280','gd271528017b5','{"newsgraph": "0.1.0", "pipeline": ["extract@0.1"], "model": null}','2026-12-03T11:43:42+00:00');
INSERT INTO "articles" VALUES(2,'401e2de72db1ae58f0be62c23d4f1e29ded50a5c0868abcd1dace22ede36a9a3','talks-401e2d.txt','file:///tmp/talks-401e2d.txt','401e2de72db1ae58f0be62c23d4f1e29ded50a5c0868abcd1dace22ede36a9a3','text','Lena Ortiz rejects toll plan after talks in Eastgate','Trade Minister Lena Ortiz said on Tuesday that the toll plan for Eastgate would be "a costly mistake."

"We will not sign a plan that doubles the cost of crossing," Ortiz told reporters. The Harbor Authority said about 4,000 trucks cross each day.

Valdoria rejected the proposal from Norland on Tuesday.','en','2024-03-21','given','["Ada Byline"]','Valdoria Post','Valdoria Post Media Ltd.',2024,'Copyright 2024 Valdoria Post Media Ltd.','[]','[]','https://news.example/401e2de7','g401e2de72db1','{"newsgraph": "0.1.0", "pipeline": ["extract@0.1"], "model": null}','2026-12-03T11:43:42+00:00');
INSERT INTO "articles" VALUES(3,'279496d88fcadc3de212c3901b17e0339d07c5ccb961513d28fcc2d08c153e2a','talks-279496.txt','file:///tmp/talks-279496.txt','279496d88fcadc3de212c3901b17e0339d07c5ccb961513d28fcc2d08c153e2a','text','Marta Ortiz rejects toll plan after talks in Northgate','Trade Minister Marta Ortiz said on Tuesday that the toll plan for Northgate would be "a costly mistake."

"We will not sign a plan that doubles the cost of crossing," Ortiz told reporters. The Harbor Authority said about 4,000 trucks cross each day.

Valdoria rejected the proposal from Norland on Tuesday.','en','2024-03-22','given','["Ada Byline"]','Valdoria Post','Valdoria Post Media Ltd.',2024,'Copyright 2024 Valdoria Post Media Ltd.','[]','[]','https://news.example/279496d8','g279496d88fca','{"newsgraph": "0.1.0", "pipeline": ["extract@0.1"], "model": null}','2026-12-03T11:43:42+00:00');
INSERT INTO "articles" VALUES(4,'dd2ac30d7a827e746302684a248a1f129c414c77a860b244ba90731f16902b73','talks-dd2ac3.txt','file:///tmp/talks-dd2ac3.txt','dd2ac30d7a827e746302684a248a1f129c414c77a860b244ba90731f16902b73','text','Lena Ortiz rejects toll plan after talks in Westgate','Trade Minister Lena Ortiz said on Tuesday that the toll plan for Westgate would be "a costly mistake."

"We will not sign a plan that doubles the cost of crossing," Ortiz told reporters. The Harbor Authority said about 4,000 trucks cross each day.

Valdoria rejected the proposal from Norland on Tuesday. Ortiz left for Eastgate.','en','2024-03-23','given','["Ada Byline"]','Valdoria Post','Valdoria Post Media Ltd.',2024,'Copyright 2024 Valdoria Post Media Ltd.','[]','[]','https://news.example/dd2ac30d','gdd2ac30d7a82','{"newsgraph": "0.1.0", "pipeline": ["extract@0.1"], "model": null}','2026-12-03T11:43:42+00:00');
INSERT INTO "corpus_entities" VALUES('c69fd57429cb6','Harbor Authority','ORG',1,NULL);
INSERT INTO "corpus_entities" VALUES('cb83b11332549','Portvale','GPE',1,NULL);
INSERT INTO "corpus_entities" VALUES('c6483e2e0c000','Valdoria','GPE',1,NULL);
INSERT INTO "corpus_entities" VALUES('c8708e41d1b70','Norland','GPE',1,NULL);
INSERT INTO "corpus_entities" VALUES('c60c226761c20','Lena Ortiz','PERSON',1,'{"ctx":["c6483e2e0c000","c69fd57429cb6","c8708e41d1b70","cb83b11332549","cca99f8228993","ce7a26ee209dd"],"titles":["minister","trade"],"first":["lena"]}');
INSERT INTO "corpus_entities" VALUES('cca99f8228993','Eastgate','GPE',2,NULL);
INSERT INTO "corpus_entities" VALUES('c407f593c29f8','Northgate','GPE',3,NULL);
INSERT INTO "corpus_entities" VALUES('c910e156e9881','Marta Ortiz','PERSON',3,'{"ctx":["c407f593c29f8","c6483e2e0c000","c69fd57429cb6","c8708e41d1b70"],"titles":["minister","trade"],"first":["marta"]}');
INSERT INTO "corpus_entities" VALUES('ce7a26ee209dd','Westgate','GPE',4,NULL);
INSERT INTO "corpus_keys" VALUES('eastgate','cca99f8228993','name');
INSERT INTO "corpus_keys" VALUES('harbor authority','c69fd57429cb6','name');
INSERT INTO "corpus_keys" VALUES('lena ortiz','c60c226761c20','name');
INSERT INTO "corpus_keys" VALUES('marta ortiz','c910e156e9881','name');
INSERT INTO "corpus_keys" VALUES('norland','c8708e41d1b70','name');
INSERT INTO "corpus_keys" VALUES('northgate','c407f593c29f8','name');
INSERT INTO "corpus_keys" VALUES('ortiz','c60c226761c20','alias');
INSERT INTO "corpus_keys" VALUES('ortiz','c910e156e9881','alias');
INSERT INTO "corpus_keys" VALUES('portvale','cb83b11332549','name');
INSERT INTO "corpus_keys" VALUES('valdoria','c6483e2e0c000','name');
INSERT INTO "corpus_keys" VALUES('westgate','ce7a26ee209dd','name');
INSERT INTO "entities" VALUES(1,'d271528017b528c40e8575d4df14c3dc7b76ff97d5e7bbec5d7dd9288eb9dbb3',0,'e1','Lena Ortiz','PERSON','["Lena Ortiz", "Ortiz"]','["Trade Minister"]','Valdoria','test','1','hand',NULL,'c60c226761c20',1);
INSERT INTO "entities" VALUES(2,'d271528017b528c40e8575d4df14c3dc7b76ff97d5e7bbec5d7dd9288eb9dbb3',1,'e2','Portvale','GPE','["Portvale"]','[]',NULL,NULL,NULL,NULL,NULL,'cb83b11332549',1);
INSERT INTO "entities" VALUES(3,'d271528017b528c40e8575d4df14c3dc7b76ff97d5e7bbec5d7dd9288eb9dbb3',2,'e3','Harbor Authority','ORG','[]','[]',NULL,NULL,NULL,NULL,NULL,'c69fd57429cb6',1);
INSERT INTO "entities" VALUES(4,'d271528017b528c40e8575d4df14c3dc7b76ff97d5e7bbec5d7dd9288eb9dbb3',3,'e4','Valdoria','GPE','[]','[]',NULL,NULL,NULL,NULL,NULL,'c6483e2e0c000',1);
INSERT INTO "entities" VALUES(5,'d271528017b528c40e8575d4df14c3dc7b76ff97d5e7bbec5d7dd9288eb9dbb3',4,'e5','Norland','GPE','[]','[]',NULL,NULL,NULL,NULL,NULL,'c8708e41d1b70',1);
INSERT INTO "entities" VALUES(6,'401e2de72db1ae58f0be62c23d4f1e29ded50a5c0868abcd1dace22ede36a9a3',0,'e1','Lena Ortiz','PERSON','["Lena Ortiz", "Ortiz"]','["Trade Minister"]','Valdoria','test','1','hand',NULL,'c60c226761c20',2);
INSERT INTO "entities" VALUES(7,'401e2de72db1ae58f0be62c23d4f1e29ded50a5c0868abcd1dace22ede36a9a3',1,'e2','Eastgate','GPE','["Eastgate"]','[]',NULL,NULL,NULL,NULL,NULL,'cca99f8228993',2);
INSERT INTO "entities" VALUES(8,'401e2de72db1ae58f0be62c23d4f1e29ded50a5c0868abcd1dace22ede36a9a3',2,'e3','Harbor Authority','ORG','[]','[]',NULL,NULL,NULL,NULL,NULL,'c69fd57429cb6',2);
INSERT INTO "entities" VALUES(9,'401e2de72db1ae58f0be62c23d4f1e29ded50a5c0868abcd1dace22ede36a9a3',3,'e4','Valdoria','GPE','[]','[]',NULL,NULL,NULL,NULL,NULL,'c6483e2e0c000',2);
INSERT INTO "entities" VALUES(10,'401e2de72db1ae58f0be62c23d4f1e29ded50a5c0868abcd1dace22ede36a9a3',4,'e5','Norland','GPE','[]','[]',NULL,NULL,NULL,NULL,NULL,'c8708e41d1b70',2);
INSERT INTO "entities" VALUES(11,'279496d88fcadc3de212c3901b17e0339d07c5ccb961513d28fcc2d08c153e2a',0,'e1','Marta Ortiz','PERSON','["Marta Ortiz", "Ortiz"]','["Trade Minister"]','Valdoria','test','1','hand',NULL,'c910e156e9881',3);
INSERT INTO "entities" VALUES(12,'279496d88fcadc3de212c3901b17e0339d07c5ccb961513d28fcc2d08c153e2a',1,'e2','Northgate','GPE','["Northgate"]','[]',NULL,NULL,NULL,NULL,NULL,'c407f593c29f8',3);
INSERT INTO "entities" VALUES(13,'279496d88fcadc3de212c3901b17e0339d07c5ccb961513d28fcc2d08c153e2a',2,'e3','Harbor Authority','ORG','[]','[]',NULL,NULL,NULL,NULL,NULL,'c69fd57429cb6',3);
INSERT INTO "entities" VALUES(14,'279496d88fcadc3de212c3901b17e0339d07c5ccb961513d28fcc2d08c153e2a',3,'e4','Valdoria','GPE','[]','[]',NULL,NULL,NULL,NULL,NULL,'c6483e2e0c000',3);
INSERT INTO "entities" VALUES(15,'279496d88fcadc3de212c3901b17e0339d07c5ccb961513d28fcc2d08c153e2a',4,'e5','Norland','GPE','[]','[]',NULL,NULL,NULL,NULL,NULL,'c8708e41d1b70',3);
INSERT INTO "entities" VALUES(16,'dd2ac30d7a827e746302684a248a1f129c414c77a860b244ba90731f16902b73',0,'e1','Lena Ortiz','PERSON','["Lena Ortiz", "Ortiz"]','["Trade Minister"]','Valdoria','test','1','hand',NULL,'c60c226761c20',4);
INSERT INTO "entities" VALUES(17,'dd2ac30d7a827e746302684a248a1f129c414c77a860b244ba90731f16902b73',1,'e2','Westgate','GPE','["Westgate"]','[]',NULL,NULL,NULL,NULL,NULL,'ce7a26ee209dd',4);
INSERT INTO "entities" VALUES(18,'dd2ac30d7a827e746302684a248a1f129c414c77a860b244ba90731f16902b73',2,'e3','Harbor Authority','ORG','[]','[]',NULL,NULL,NULL,NULL,NULL,'c69fd57429cb6',4);
INSERT INTO "entities" VALUES(19,'dd2ac30d7a827e746302684a248a1f129c414c77a860b244ba90731f16902b73',3,'e4','Valdoria','GPE','[]','[]',NULL,NULL,NULL,NULL,NULL,'c6483e2e0c000',4);
INSERT INTO "entities" VALUES(20,'dd2ac30d7a827e746302684a248a1f129c414c77a860b244ba90731f16902b73',4,'e5','Norland','GPE','[]','[]',NULL,NULL,NULL,NULL,NULL,'c8708e41d1b70',4);
INSERT INTO "mentions" VALUES(1,'d271528017b528c40e8575d4df14c3dc7b76ff97d5e7bbec5d7dd9288eb9dbb3','e1',15,25,'Lena Ortiz',1);
INSERT INTO "mentions" VALUES(2,'d271528017b528c40e8575d4df14c3dc7b76ff97d5e7bbec5d7dd9288eb9dbb3','e1',165,170,'Ortiz',1);
INSERT INTO "mentions" VALUES(3,'d271528017b528c40e8575d4df14c3dc7b76ff97d5e7bbec5d7dd9288eb9dbb3','e2',65,73,'Portvale',1);
INSERT INTO "mentions" VALUES(4,'d271528017b528c40e8575d4df14c3dc7b76ff97d5e7bbec5d7dd9288eb9dbb3','e3',191,207,'Harbor Authority',1);
INSERT INTO "mentions" VALUES(5,'d271528017b528c40e8575d4df14c3dc7b76ff97d5e7bbec5d7dd9288eb9dbb3','e4',249,257,'Valdoria',1);
INSERT INTO "mentions" VALUES(6,'d271528017b528c40e8575d4df14c3dc7b76ff97d5e7bbec5d7dd9288eb9dbb3','e5',285,292,'Norland',1);
INSERT INTO "mentions" VALUES(7,'401e2de72db1ae58f0be62c23d4f1e29ded50a5c0868abcd1dace22ede36a9a3','e1',15,25,'Lena Ortiz',2);
INSERT INTO "mentions" VALUES(8,'401e2de72db1ae58f0be62c23d4f1e29ded50a5c0868abcd1dace22ede36a9a3','e1',165,170,'Ortiz',2);
INSERT INTO "mentions" VALUES(9,'401e2de72db1ae58f0be62c23d4f1e29ded50a5c0868abcd1dace22ede36a9a3','e2',65,73,'Eastgate',2);
INSERT INTO "mentions" VALUES(10,'401e2de72db1ae58f0be62c23d4f1e29ded50a5c0868abcd1dace22ede36a9a3','e3',191,207,'Harbor Authority',2);
INSERT INTO "mentions" VALUES(11,'401e2de72db1ae58f0be62c23d4f1e29ded50a5c0868abcd1dace22ede36a9a3','e4',249,257,'Valdoria',2);
INSERT INTO "mentions" VALUES(12,'401e2de72db1ae58f0be62c23d4f1e29ded50a5c0868abcd1dace22ede36a9a3','e5',285,292,'Norland',2);
INSERT INTO "mentions" VALUES(13,'279496d88fcadc3de212c3901b17e0339d07c5ccb961513d28fcc2d08c153e2a','e1',15,26,'Marta Ortiz',3);
INSERT INTO "mentions" VALUES(14,'279496d88fcadc3de212c3901b17e0339d07c5ccb961513d28fcc2d08c153e2a','e1',167,172,'Ortiz',3);
INSERT INTO "mentions" VALUES(15,'279496d88fcadc3de212c3901b17e0339d07c5ccb961513d28fcc2d08c153e2a','e2',66,75,'Northgate',3);
INSERT INTO "mentions" VALUES(16,'279496d88fcadc3de212c3901b17e0339d07c5ccb961513d28fcc2d08c153e2a','e3',193,209,'Harbor Authority',3);
INSERT INTO "mentions" VALUES(17,'279496d88fcadc3de212c3901b17e0339d07c5ccb961513d28fcc2d08c153e2a','e4',251,259,'Valdoria',3);
INSERT INTO "mentions" VALUES(18,'279496d88fcadc3de212c3901b17e0339d07c5ccb961513d28fcc2d08c153e2a','e5',287,294,'Norland',3);
INSERT INTO "mentions" VALUES(19,'dd2ac30d7a827e746302684a248a1f129c414c77a860b244ba90731f16902b73','e1',15,25,'Lena Ortiz',4);
INSERT INTO "mentions" VALUES(20,'dd2ac30d7a827e746302684a248a1f129c414c77a860b244ba90731f16902b73','e1',165,170,'Ortiz',4);
INSERT INTO "mentions" VALUES(21,'dd2ac30d7a827e746302684a248a1f129c414c77a860b244ba90731f16902b73','e1',305,310,'Ortiz',4);
INSERT INTO "mentions" VALUES(22,'dd2ac30d7a827e746302684a248a1f129c414c77a860b244ba90731f16902b73','e2',65,73,'Westgate',4);
INSERT INTO "mentions" VALUES(23,'dd2ac30d7a827e746302684a248a1f129c414c77a860b244ba90731f16902b73','e3',191,207,'Harbor Authority',4);
INSERT INTO "mentions" VALUES(24,'dd2ac30d7a827e746302684a248a1f129c414c77a860b244ba90731f16902b73','e4',249,257,'Valdoria',4);
INSERT INTO "mentions" VALUES(25,'dd2ac30d7a827e746302684a248a1f129c414c77a860b244ba90731f16902b73','e5',285,292,'Norland',4);
INSERT INTO "attributions" VALUES(1,'d271528017b528c40e8575d4df14c3dc7b76ff97d5e7bbec5d7dd9288eb9dbb3',0,'a1','mixed',50,102,' toll plan for Portvale would be "a costly mistake."',26,30,'said','Lena Ortiz',15,25,'e1','Lena Ortiz','test','1','hand',NULL,1,'toll plan for portvale would be a costly mistake');
INSERT INTO "attributions" VALUES(2,'d271528017b528c40e8575d4df14c3dc7b76ff97d5e7bbec5d7dd9288eb9dbb3',1,'a2','direct',104,164,'"We will not sign a plan that doubles the cost of crossing,"',171,175,'told','Ortiz',165,170,'e1','Lena Ortiz',NULL,NULL,NULL,NULL,1,'we will not sign a plan that doubles the cost of crossing');
INSERT INTO "attributions" VALUES(3,'d271528017b528c40e8575d4df14c3dc7b76ff97d5e7bbec5d7dd9288eb9dbb3',2,'a3','indirect',213,246,'about 4,000 trucks cross each day',208,212,'said','The Harbor Authority',187,207,'e3','Harbor Authority',NULL,NULL,NULL,NULL,1,'about 4 000 trucks cross each day');
INSERT INTO "attributions" VALUES(4,'401e2de72db1ae58f0be62c23d4f1e29ded50a5c0868abcd1dace22ede36a9a3',0,'a1','mixed',50,102,' toll plan for Eastgate would be "a costly mistake."',26,30,'said','Lena Ortiz',15,25,'e1','Lena Ortiz','test','1','hand',NULL,2,'toll plan for eastgate would be a costly mistake');
INSERT INTO "attributions" VALUES(5,'401e2de72db1ae58f0be62c23d4f1e29ded50a5c0868abcd1dace22ede36a9a3',1,'a2','direct',104,164,'"We will not sign a plan that doubles the cost of crossing,"',171,175,'told','Ortiz',165,170,'e1','Lena Ortiz',NULL,NULL,NULL,NULL,2,'we will not sign a plan that doubles the cost of crossing');
INSERT INTO "attributions" VALUES(6,'401e2de72db1ae58f0be62c23d4f1e29ded50a5c0868abcd1dace22ede36a9a3',2,'a3','indirect',213,246,'about 4,000 trucks cross each day',208,212,'said','The Harbor Authority',187,207,'e3','Harbor Authority',NULL,NULL,NULL,NULL,2,'about 4 000 trucks cross each day');
INSERT INTO "attributions" VALUES(7,'279496d88fcadc3de212c3901b17e0339d07c5ccb961513d28fcc2d08c153e2a',0,'a1','mixed',52,104,'toll plan for Northgate would be "a costly mistake."',27,31,'said','Marta Ortiz',15,26,'e1','Marta Ortiz','test','1','hand',NULL,3,'toll plan for northgate would be a costly mistake');
INSERT INTO "attributions" VALUES(8,'279496d88fcadc3de212c3901b17e0339d07c5ccb961513d28fcc2d08c153e2a',1,'a2','direct',106,166,'"We will not sign a plan that doubles the cost of crossing,"',173,177,'told','Ortiz',167,172,'e1','Marta Ortiz',NULL,NULL,NULL,NULL,3,'we will not sign a plan that doubles the cost of crossing');
INSERT INTO "attributions" VALUES(9,'279496d88fcadc3de212c3901b17e0339d07c5ccb961513d28fcc2d08c153e2a',2,'a3','indirect',215,248,'about 4,000 trucks cross each day',210,214,'said','The Harbor Authority',189,209,'e3','Harbor Authority',NULL,NULL,NULL,NULL,3,'about 4 000 trucks cross each day');
INSERT INTO "attributions" VALUES(10,'dd2ac30d7a827e746302684a248a1f129c414c77a860b244ba90731f16902b73',0,'a1','mixed',50,102,' toll plan for Westgate would be "a costly mistake."',26,30,'said','Lena Ortiz',15,25,'e1','Lena Ortiz','test','1','hand',NULL,4,'toll plan for westgate would be a costly mistake');
INSERT INTO "attributions" VALUES(11,'dd2ac30d7a827e746302684a248a1f129c414c77a860b244ba90731f16902b73',1,'a2','direct',104,164,'"We will not sign a plan that doubles the cost of crossing,"',171,175,'told','Ortiz',165,170,'e1','Lena Ortiz',NULL,NULL,NULL,NULL,4,'we will not sign a plan that doubles the cost of crossing');
INSERT INTO "attributions" VALUES(12,'dd2ac30d7a827e746302684a248a1f129c414c77a860b244ba90731f16902b73',2,'a3','indirect',213,246,'about 4,000 trucks cross each day',208,212,'said','The Harbor Authority',187,207,'e3','Harbor Authority',NULL,NULL,NULL,NULL,4,'about 4 000 trucks cross each day');
INSERT INTO "claims" VALUES(1,'d271528017b528c40e8575d4df14c3dc7b76ff97d5e7bbec5d7dd9288eb9dbb3',0,'c1','about 4,000 trucks',213,231,4000.0,'about','trucks','Harbor Authority','e3','a3',NULL,NULL,NULL,NULL,NULL,NULL,NULL,1);
INSERT INTO "claims" VALUES(2,'401e2de72db1ae58f0be62c23d4f1e29ded50a5c0868abcd1dace22ede36a9a3',0,'c1','about 4,000 trucks',213,231,4000.0,'about','trucks','Harbor Authority','e3','a3',NULL,NULL,NULL,NULL,NULL,NULL,NULL,2);
INSERT INTO "claims" VALUES(3,'279496d88fcadc3de212c3901b17e0339d07c5ccb961513d28fcc2d08c153e2a',0,'c1','about 4,000 trucks',215,233,4000.0,'about','trucks','Harbor Authority','e3','a3',NULL,NULL,NULL,NULL,NULL,NULL,NULL,3);
INSERT INTO "claims" VALUES(4,'dd2ac30d7a827e746302684a248a1f129c414c77a860b244ba90731f16902b73',0,'c1','about 4,000 trucks',213,231,4000.0,'about','trucks','Harbor Authority','e3','a3',NULL,NULL,NULL,NULL,NULL,NULL,NULL,4);
INSERT INTO "timexes" VALUES(1,'d271528017b528c40e8575d4df14c3dc7b76ff97d5e7bbec5d7dd9288eb9dbb3',0,34,41,'Tuesday','DATE','2024-03-20','test','1','hand',NULL,1);
INSERT INTO "timexes" VALUES(2,'401e2de72db1ae58f0be62c23d4f1e29ded50a5c0868abcd1dace22ede36a9a3',0,34,41,'Tuesday','DATE','2024-03-21','test','1','hand',NULL,2);
INSERT INTO "timexes" VALUES(3,'279496d88fcadc3de212c3901b17e0339d07c5ccb961513d28fcc2d08c153e2a',0,35,42,'Tuesday','DATE','2024-03-22','test','1','hand',NULL,3);
INSERT INTO "timexes" VALUES(4,'dd2ac30d7a827e746302684a248a1f129c414c77a860b244ba90731f16902b73',0,34,41,'Tuesday','DATE','2024-03-23','test','1','hand',NULL,4);
INSERT INTO "places" VALUES(1,'d271528017b528c40e8575d4df14c3dc7b76ff97d5e7bbec5d7dd9288eb9dbb3',0,'Portvale',65,73,'e2','VD',41.5,12.25,900001,NULL,NULL,NULL,NULL,1);
INSERT INTO "places" VALUES(2,'401e2de72db1ae58f0be62c23d4f1e29ded50a5c0868abcd1dace22ede36a9a3',0,'Eastgate',65,73,'e2','VD',41.5,12.25,900001,NULL,NULL,NULL,NULL,2);
INSERT INTO "places" VALUES(3,'279496d88fcadc3de212c3901b17e0339d07c5ccb961513d28fcc2d08c153e2a',0,'Northgate',66,75,'e2','VD',41.5,12.25,900001,NULL,NULL,NULL,NULL,3);
INSERT INTO "places" VALUES(4,'dd2ac30d7a827e746302684a248a1f129c414c77a860b244ba90731f16902b73',0,'Westgate',65,73,'e2','VD',41.5,12.25,900001,NULL,NULL,NULL,NULL,4);
INSERT INTO "events" VALUES(1,'d271528017b528c40e8575d4df14c3dc7b76ff97d5e7bbec5d7dd9288eb9dbb3',0,'v1','REJECT',NULL,'120',258,266,'rejected','Valdoria','e4','VDR','GOV','Norland','e5','NRL',NULL,'2024-03-20','Portvale','e2',0,'past',249,304,'Valdoria rejected the proposal from Norland on Tuesday.','timex',NULL,'test','1','hand',NULL,'asserted',1);
INSERT INTO "events" VALUES(2,'401e2de72db1ae58f0be62c23d4f1e29ded50a5c0868abcd1dace22ede36a9a3',0,'v1','REJECT',NULL,'120',258,266,'rejected','Valdoria','e4','VDR','GOV','Norland','e5','NRL',NULL,'2024-03-21','Eastgate','e2',0,'past',249,304,'Valdoria rejected the proposal from Norland on Tuesday.','timex',NULL,'test','1','hand',NULL,'asserted',2);
INSERT INTO "events" VALUES(3,'279496d88fcadc3de212c3901b17e0339d07c5ccb961513d28fcc2d08c153e2a',0,'v1','REJECT',NULL,'120',260,268,'rejected','Valdoria','e4','VDR','GOV','Norland','e5','NRL',NULL,'2024-03-22','Northgate','e2',0,'past',251,306,'Valdoria rejected the proposal from Norland on Tuesday.','timex',NULL,'test','1','hand',NULL,'asserted',3);
INSERT INTO "events" VALUES(4,'dd2ac30d7a827e746302684a248a1f129c414c77a860b244ba90731f16902b73',0,'v1','REJECT',NULL,'120',258,266,'rejected','Valdoria','e4','VDR','GOV','Norland','e5','NRL',NULL,'2024-03-23','Westgate','e2',0,'past',249,304,'Valdoria rejected the proposal from Norland on Tuesday.','timex',NULL,'test','1','hand',NULL,'asserted',4);
