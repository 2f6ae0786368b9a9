-- Cross-story deduplication. Every event row belongs to one cluster: the
-- same event as reported by every story (GDELT's event, whose mentions are
-- the event rows). The store assigns clusters in the transaction that
-- writes the events and keeps the counts in step; see cluster.go for the
-- matching rule. Rows stored before this migration are clustered when the
-- store opens (cluster_id NULL, articles.outlet NULL).

CREATE TABLE clusters (
	id           INTEGER PRIMARY KEY,
	key          TEXT NOT NULL,    -- what members share: freshness, precision, source, target, CAMEO code, place
	day_from     TEXT NOT NULL,    -- the first day of the earliest member, '' when undated
	rereport     INTEGER NOT NULL, -- 1 when the members report an event well before their article was published
	first_event  INTEGER,          -- events.pk of the earliest mention
	num_mentions INTEGER NOT NULL, -- event rows
	num_articles INTEGER NOT NULL, -- distinct articles
	num_sources  INTEGER NOT NULL  -- distinct outlets (articles.outlet)
);
CREATE INDEX clusters_key ON clusters(key, day_from);
-- Clusters are listed by their first mention, in the order of events.
CREATE INDEX clusters_first ON clusters(first_event);

ALTER TABLE events ADD COLUMN cluster_id INTEGER REFERENCES clusters(id);
CREATE INDEX events_cluster ON events(cluster_id);

-- The outlet an article comes from: its URL's host without "www.", else the
-- part of its ID before the first "/" (the whole ID without one).
ALTER TABLE articles ADD COLUMN outlet TEXT;
-- Finds, when the store opens, the articles still to be named, without
-- reading the articles table.
CREATE INDEX articles_no_outlet ON articles(pk) WHERE outlet IS NULL;
