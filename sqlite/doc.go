// Package sqlite is the embedded event store: an eventwire.EventStore in one
// SQLite file, through a pure-Go driver, so the binary needs no cgo. The
// schema migrates itself on Open; every article is written in one
// transaction, so a killed ingest leaves a consistent database. Events
// reported by several stories are gathered into clusters with GDELT's counts
// in the same transaction (cluster.go).
package sqlite
