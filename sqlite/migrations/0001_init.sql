-- The first schema: articles and what coding found in them. Every span is a
-- half-open byte range into articles.text. Absent things are NULL (an event
-- without a target has target_code NULL).

CREATE TABLE articles (
	pk            INTEGER PRIMARY KEY,
	key           TEXT NOT NULL UNIQUE, -- the URL, else the ID: what makes two documents the same article
	id            TEXT NOT NULL,        -- the caller's identifier, as in events.article
	url           TEXT NOT NULL,
	title         TEXT NOT NULL,
	published     TEXT NOT NULL,        -- caller-given publication time, RFC 3339, '' when none
	pub_date      TEXT NOT NULL,        -- the publication date used, YYYY-MM-DD, '' when unknown
	pub_source    TEXT NOT NULL,        -- caller, dateline, inferred or ''
	pub_precision TEXT NOT NULL,
	dateline      TEXT,                 -- JSON of the dateline, NULL when none
	hash          TEXT NOT NULL,        -- eventwire.ContentHash
	text          TEXT NOT NULL,
	errors        TEXT,                 -- JSON array of the problems that did not stop the article
	stored_at     TEXT NOT NULL
);
CREATE INDEX articles_id ON articles(id);

CREATE TABLE mentions (
	article_pk INTEGER NOT NULL REFERENCES articles(pk) ON DELETE CASCADE,
	seq        INTEGER NOT NULL,
	span_start INTEGER NOT NULL,
	span_end   INTEGER NOT NULL,
	text       TEXT NOT NULL,
	sentence   INTEGER NOT NULL,
	code       TEXT NOT NULL,
	country    TEXT NOT NULL,
	sector     TEXT NOT NULL,
	name       TEXT NOT NULL,
	kind       TEXT NOT NULL,
	entries    TEXT,                   -- JSON array of lexicon entries, file:line
	resolved   TEXT NOT NULL,
	PRIMARY KEY (article_pk, seq)
) WITHOUT ROWID;

CREATE TABLE places (
	article_pk INTEGER NOT NULL REFERENCES articles(pk) ON DELETE CASCADE,
	seq        INTEGER NOT NULL,
	span_start INTEGER NOT NULL,
	span_end   INTEGER NOT NULL,
	text       TEXT NOT NULL,
	sentence   INTEGER NOT NULL,
	name       TEXT NOT NULL,
	country    TEXT NOT NULL,
	adm1       TEXT NOT NULL,
	lat        REAL NOT NULL,
	lon        REAL NOT NULL,
	geonameid  INTEGER NOT NULL,
	feature    TEXT NOT NULL,
	type       TEXT NOT NULL,
	PRIMARY KEY (article_pk, seq)
) WITHOUT ROWID;

CREATE TABLE timexes (
	article_pk INTEGER NOT NULL REFERENCES articles(pk) ON DELETE CASCADE,
	seq        INTEGER NOT NULL,
	span_start INTEGER NOT NULL,
	span_end   INTEGER NOT NULL,
	text       TEXT NOT NULL,
	sentence   INTEGER NOT NULL,
	type       TEXT NOT NULL,
	value      TEXT NOT NULL,
	precision  TEXT NOT NULL,
	PRIMARY KEY (article_pk, seq)
) WITHOUT ROWID;

CREATE TABLE events (
	pk                 INTEGER PRIMARY KEY,
	id                 TEXT NOT NULL UNIQUE,
	article_pk         INTEGER NOT NULL REFERENCES articles(pk) ON DELETE CASCADE,
	article            TEXT NOT NULL,
	seq                INTEGER NOT NULL,
	date               TEXT NOT NULL,  -- as coded: YYYY, YYYY-MM or YYYY-MM-DD, '' when unknown
	date_precision     TEXT NOT NULL,
	day_from           TEXT NOT NULL,  -- first and last day the date covers, '' when unknown
	day_to             TEXT NOT NULL,
	source_code        TEXT,
	source_country     TEXT,
	source_sector      TEXT,
	source_text        TEXT,
	source_name        TEXT,
	source_start       INTEGER,
	source_end         INTEGER,
	source_resolved    TEXT,
	target_code        TEXT,
	target_country     TEXT,
	target_sector      TEXT,
	target_text        TEXT,
	target_name        TEXT,
	target_start       INTEGER,
	target_end         INTEGER,
	target_resolved    TEXT,
	cameo              TEXT NOT NULL,
	name               TEXT NOT NULL,
	root               TEXT NOT NULL,
	quad               INTEGER NOT NULL,
	goldstein          REAL NOT NULL,
	plover_type        TEXT NOT NULL,
	plover_mode        TEXT NOT NULL,
	plover_context     TEXT,           -- JSON array
	location_name      TEXT,
	location_country   TEXT,
	location_adm1      TEXT,
	lat                REAL,
	lon                REAL,
	geonameid          INTEGER,
	location_precision TEXT,
	location_start     INTEGER,
	location_end       INTEGER,
	location_basis     TEXT,
	evidence           TEXT NOT NULL,  -- the sentence
	evidence_start     INTEGER NOT NULL,
	evidence_end       INTEGER NOT NULL,
	trigger_start      INTEGER NOT NULL,
	trigger_end        INTEGER NOT NULL,
	sentence           INTEGER NOT NULL,
	confidence         REAL NOT NULL,
	explain            TEXT            -- JSON of eventwire.Explanation
);
CREATE INDEX events_article ON events(article_pk);
-- Date order and the cursor; goldstein makes it cover counts over time.
CREATE INDEX events_day ON events(day_from, id, goldstein);
CREATE INDEX events_source ON events(source_code);
CREATE INDEX events_target ON events(target_code);
CREATE INDEX events_source_country ON events(source_country);
CREATE INDEX events_target_country ON events(target_country);
CREATE INDEX events_cameo ON events(cameo); -- codes and prefixes, roots included
-- No index on root (events_cameo serves a root as a prefix) nor on quad
-- (four values: a scan is faster, and an index tempts the planner into
-- walking it to avoid sorting groups).
CREATE INDEX events_plover ON events(plover_type);
CREATE INDEX events_location_country ON events(location_country);
CREATE INDEX events_location_adm1 ON events(location_adm1);
CREATE INDEX events_lonlat ON events(lon, lat);

-- Words of the evidence sentences, for the text filter. The index holds no
-- copy of the text: it reads it from events. The store keeps it in step with
-- events in the same transaction, a batch at a time (a trigger would make
-- FTS5 flush its buffer for every row).
CREATE VIRTUAL TABLE events_fts USING fts5(
	evidence, content='events', content_rowid='pk',
	tokenize='porter unicode61 remove_diacritics 2'
);
