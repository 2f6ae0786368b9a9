package lexicon

import "embed"

// dataFS holds the lexicon files the binary carries.
//
//go:embed data
var dataFS embed.FS
