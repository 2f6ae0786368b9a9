package eventwire

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"iter"
	"time"
)

// EventStore keeps coded articles: the article, its actor mentions, places,
// temporal expressions and events, each with its evidence spans.
// Implementations: package sqlite (the default, embedded) and, later,
// package postgres; one conformance suite (internal/storetest) runs against
// every implementation.
type EventStore interface {
	// PutDocument stores a coded article in one transaction. An article
	// whose URL (or, without a URL, ID) and content hash are already stored
	// changes nothing and returns changed == false; a changed article
	// replaces its old mentions and events.
	PutDocument(ctx context.Context, doc *Document) (changed bool, err error)

	// PutDocuments stores several documents in one transaction, each as
	// PutDocument would, which is much faster than one at a time. A
	// document that fails is left out alone, its error in its result; an
	// error returned fails the whole call, and none of docs is stored.
	PutDocuments(ctx context.Context, docs []*Document) ([]PutResult, error)

	// Events yields the stored events that pass the filter, in date then id
	// order, starting after f.After. Errors wrap ErrInvalid for a bad filter.
	// An event dated to a week, month or year stands at its first day, for
	// the order and for From and To.
	Events(ctx context.Context, f EventFilter) iter.Seq2[Event, error]

	// Event returns one event by id with its evidence, or an error wrapping
	// ErrNotFound.
	Event(ctx context.Context, id string) (Event, error)

	// ArticleHash returns the ContentHash stored for the article with this
	// ArticleKey, or "" when there is none. Ingest asks it before coding so
	// that unchanged articles are not coded again.
	ArticleHash(ctx context.Context, key string) (string, error)

	// Aggregate counts the events that pass the filter by group (see the
	// By... constants), with their Goldstein sum and mean. Time groups come
	// in time order, the others by count, most first, then key. f.Limit caps
	// the number of buckets; f.After must be empty. Errors wrap ErrInvalid
	// for a bad filter or grouping.
	Aggregate(ctx context.Context, f EventFilter, by string) ([]Bucket, error)

	// Clusters yields the deduplicated events: each cluster gathers the
	// mentions of one event by every stored story (same actors, CAMEO code,
	// place and date within the store's window), with GDELT's counts. The
	// filter applies to the cluster's Event, except Text, which matches any
	// mention; clusters come in the order of their Events (first day, then
	// event id), starting after the cluster whose decimal ID is f.After.
	// Mentions are left nil.
	Clusters(ctx context.Context, f EventFilter) iter.Seq2[Cluster, error]

	// Cluster returns one cluster with every mention, or an error wrapping
	// ErrNotFound.
	Cluster(ctx context.Context, id int64) (Cluster, error)

	Close() error
}

// EventFilter selects events. Zero fields select everything.
type EventFilter struct {
	From, To string      // dates, YYYY-MM-DD, inclusive
	Actor    string      // an actor code or prefix, source or target ("RUS", "RUSMIL")
	Source   string      // a source actor code or prefix
	Target   string      // a target actor code or prefix
	Country  string      // source or target country
	CAMEO    []string    // codes or prefixes ("19", "041")
	Plover   string      // PLOVER event type
	Quad     int         // quad class 1-4
	Location string      // location country (alpha-3) or ADM1 code
	BBox     *[4]float64 // min lon, min lat, max lon, max lat
	Text     string      // words in the evidence sentence
	After    string      // cursor: the id of the last event of the previous page
	Limit    int         // at most this many; 0 for no limit
}

// Cluster is one event as reported by one or more stories: GDELT's event,
// whose mentions are the stored events. A re-report (an event that ended
// well before the story telling it was published) is never in the same
// cluster as fresh reports of the event.
type Cluster struct {
	ID          int64   `json:"id"`
	Event       Event   `json:"event"`        // the earliest mention: earliest date, then first published, then id
	NumMentions int     `json:"num_mentions"` // stored events in the cluster
	NumSources  int     `json:"num_sources"`  // distinct outlets (URL hosts; the ID's first part without a URL)
	NumArticles int     `json:"num_articles"` // distinct articles
	ReReport    bool    `json:"rereport"`
	Mentions    []Event `json:"mentions,omitempty"` // every mention, earliest first, from EventStore.Cluster
}

// PutResult is the outcome of storing one document of a batch.
type PutResult struct {
	Changed bool  // false when the same article was stored already
	Err     error // why this document was not stored
}

// Groupings for EventStore.Aggregate. Time groups use an event's first day
// (a month-precision date counts from the first of the month); a week is
// keyed by its Monday. ByCountry groups by the event's location country.
const (
	ByDay     = "day"     // key YYYY-MM-DD
	ByWeek    = "week"    // key YYYY-MM-DD, the Monday
	ByMonth   = "month"   // key YYYY-MM
	ByDyad    = "dyad"    // key SOURCE/TARGET, "-" for a missing actor
	ByRoot    = "root"    // key the CAMEO root, "01".."20"
	ByCountry = "country" // key the location's alpha-3 country
)

// Bucket is one group of an aggregation. Key is "" for events without the
// grouped value (no date, no location). Source and Target are set for ByDyad.
type Bucket struct {
	Key           string  `json:"key"`
	Source        string  `json:"source,omitempty"`
	Target        string  `json:"target,omitempty"`
	Events        int     `json:"events"`
	GoldsteinSum  float64 `json:"goldstein_sum"`
	GoldsteinMean float64 `json:"goldstein_mean"`
}

// ArticleKey is what makes two documents the same article in a store: the
// URL, or without one, the ID.
func ArticleKey(a *Article) string {
	if a.URL != "" {
		return a.URL
	}
	return a.ID
}

// ContentHash is the hex SHA-256 of what coding an article depends on: its
// title, text and caller-given publication time. An article stored with the
// same key and hash is the same article and is not coded again.
func ContentHash(a *Article) string {
	h := sha256.New()
	pub := ""
	if !a.Published.IsZero() {
		pub = a.Published.UTC().Format(time.RFC3339Nano)
	}
	// Lengths first, so that no two different articles feed the same bytes.
	for _, s := range []string{a.Title, pub, a.Text} {
		var n [8]byte
		for i := range n {
			n[i] = byte(len(s) >> (8 * i))
		}
		h.Write(n[:])
		h.Write([]byte(s))
	}
	return hex.EncodeToString(h.Sum(nil))
}
