package eventwire

import (
	"context"
	"iter"
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

	// Events yields the stored events that pass the filter, in date then id
	// order, starting after f.After. Errors wrap ErrInvalid for a bad filter.
	Events(ctx context.Context, f EventFilter) iter.Seq2[Event, error]

	// Event returns one event by id with its evidence, or an error wrapping
	// ErrNotFound.
	Event(ctx context.Context, id string) (Event, error)

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
