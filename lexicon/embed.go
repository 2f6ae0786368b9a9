package lexicon

import (
	"embed"
	"io/fs"
)

// dataFS holds the lexicon files the binary carries.
//
//go:embed data
var dataFS embed.FS

// EmbeddedFS returns the embedded lexicon files, for tools that list or
// reload them.
func EmbeddedFS() fs.FS {
	sub, err := fs.Sub(dataFS, "data")
	if err != nil {
		panic(err) // the embed directive guarantees the directory
	}
	return sub
}
