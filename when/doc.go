// Package when finds the time of news: the dateline of a wire story, its
// publication date, the temporal expressions of its text (normalised in
// TIMEX3 style against the publication date) and, last in the pipeline, the
// date of each coded event. The tagger is a hand-written scanner over words,
// using only the standard library.
package when
