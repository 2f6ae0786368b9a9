// Package storetest is the conformance suite every eventwire.EventStore
// passes: idempotent and replacing writes, every filter against a reference
// implementation in Go, paging, aggregation, concurrent writers. A store's
// own tests call Run with a function that opens an empty store.
package storetest
