// Package coder turns sentences and their actor mentions into CAMEO and
// PLOVER events: it finds event patterns from the lexicon, takes the
// subject and object around them with a shallow parse of its own (clause
// breaks, parentheses, passives, coordination, reported speech, negation),
// resolves "he" and "the sides" to actors already named, and records why
// each event was coded.
package coder
