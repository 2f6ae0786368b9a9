// Package lexicon holds what eventwire knows about the world: countries and
// their seats of power, people with dated roles, organisations and armed
// groups, sector nouns (agents), event verb patterns and the CAMEO codebook.
// The files are plain text in data/, embedded in the binary; users layer
// their own directories over them. Load parses them, Check finds what is
// wrong with them, and the compiled indexes make lookups cheap.
package lexicon
