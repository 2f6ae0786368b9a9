// Package pipeline runs the stages over articles: in order for one article,
// in parallel across articles with results in input order. It does no I/O
// of its own; a panic in a stage becomes that article's error, never the
// end of the run.
package pipeline
