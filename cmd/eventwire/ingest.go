package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"os"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/eventwire/eventwire"
	"github.com/eventwire/eventwire/source"
	"github.com/eventwire/eventwire/sqlite"
)

// defaultDB is the database ingest and query use without --db.
const defaultDB = "eventwire.db"

const dbUsage = "the database: a SQLite file `PATH` or sqlite:PATH, created if missing (postgres:// DSNs are not supported yet)"

// openStore opens the store a --db value names.
func openStore(ctx context.Context, dsn string, mustExist bool) (eventwire.EventStore, error) {
	path := dsn
	switch {
	case strings.HasPrefix(dsn, "postgres://"), strings.HasPrefix(dsn, "postgresql://"):
		return nil, usageErr("--db %s: PostgreSQL is not supported yet; use a SQLite file", redact(dsn))
	case strings.HasPrefix(dsn, "sqlite://"):
		path = strings.TrimPrefix(dsn, "sqlite://")
	case strings.HasPrefix(dsn, "sqlite:"):
		path = strings.TrimPrefix(dsn, "sqlite:")
	case strings.Contains(dsn, "://"):
		return nil, usageErr("--db %s: unknown kind of database; want a SQLite file path", redact(dsn))
	}
	if path == "" {
		return nil, usageErr("--db %q: empty path", dsn)
	}
	if mustExist {
		if _, err := os.Stat(path); err != nil {
			return nil, fmt.Errorf("no database at %s (run 'eventwire ingest --db %s' first): %w", path, path, err)
		}
	}
	return sqlite.Open(ctx, path)
}

// flagErr turns a flag the flag package could not parse into a usage error.
func flagErr(err error) error {
	if errors.Is(err, flag.ErrHelp) || errors.Is(err, errUsage) {
		return err
	}
	return usageErr("%v", err)
}

// redact hides a password in a DSN before it is printed.
func redact(dsn string) string {
	scheme, rest, ok := strings.Cut(dsn, "://")
	if !ok {
		return dsn
	}
	at := strings.LastIndex(rest, "@")
	if at < 0 {
		return dsn
	}
	user, _, _ := strings.Cut(rest[:at], ":")
	return scheme + "://" + user + ":***@" + rest[at+1:]
}

func runIngest(ctx context.Context, e *env, args []string) (err error) {
	fs := flag.NewFlagSet("ingest", flag.ContinueOnError)
	var k knowledge
	k.flags(fs)
	db := fs.String("db", defaultDB, dbUsage)
	var in inputFlags
	in.register(fs)
	setUsage(fs, e, "eventwire ingest [flags] INPUT...",
		`Codes articles and stores them with their mentions, places, dates and events.
An article already stored (same URL, or ID without a URL) with the same title,
text and publication date is skipped; a changed one replaces its old version.
Articles are stored whole, many to a transaction: after a crash, rerun the same
command to finish the work.
The summary counts the events stored by this run.`)
	inputs, err := in.parse(fs, args)
	if err != nil {
		return flagErr(err)
	}
	pub, err := k.publishedTime()
	if err != nil {
		return err
	}
	st, err := openStore(ctx, *db, false)
	if err != nil {
		return err
	}
	defer func() {
		// Closing writes the log into the database file: it can fail.
		if cerr := st.Close(); cerr != nil && err == nil {
			err = cerr
		}
	}()
	p, err := k.pipeline(e)
	if err != nil {
		return err
	}

	r := &source.Reader{Format: in.format, Published: pub, Stdin: e.stdin}
	var unchanged atomic.Int64
	var mu sync.Mutex
	stale := map[string]bool{} // keys of stored articles that changed
	// Articles already stored as they are now are not coded again, so that
	// a rerun after a crash only does what is left.
	fresh := func(yield func(eventwire.Article, error) bool) {
		for a, err := range r.Articles(ctx, inputs) {
			if err == nil {
				key := eventwire.ArticleKey(&a)
				h, herr := st.ArticleHash(ctx, key)
				switch {
				case herr != nil:
					err = &eventwire.Error{Input: a.ID, Err: herr}
				case h == eventwire.ContentHash(&a):
					unchanged.Add(1)
					continue
				case h != "":
					mu.Lock()
					stale[key] = true
					mu.Unlock()
				}
			}
			if !yield(a, err) {
				return
			}
		}
	}

	prog := newProgress(e.stderr, e.stderrTTY, in.quiet, "ingesting", "events")
	var (
		outMu                                sync.Mutex // stderr, prog and the counts below
		added, changed, same, events, failed int
	)
	say := func(format string, args ...any) {
		outMu.Lock()
		prog.clear()
		fmt.Fprintf(e.stderr, format, args...)
		outMu.Unlock()
	}
	stored := func(batch []*eventwire.Document, res []eventwire.PutResult) {
		outMu.Lock()
		defer outMu.Unlock()
		for i, r := range res {
			doc := batch[i]
			switch {
			case r.Err != nil:
				failed++
				prog.clear()
				fmt.Fprintf(e.stderr, "error: %s: %v\n", doc.Article.ID, r.Err)
			case !r.Changed:
				same++
			default:
				mu.Lock()
				replaced := stale[eventwire.ArticleKey(&doc.Article)]
				mu.Unlock()
				if replaced {
					changed++
				} else {
					added++
				}
				events += distinctEvents(doc)
			}
		}
		prog.set(added+changed+same+int(unchanged.Load())+failed, events)
	}
	// Writes are not cancelled by an interrupt: what was coded is stored,
	// and the run stops after it.
	w := startWriter(context.WithoutCancel(ctx), st, stored)

	start := time.Now()
	for res := range p.RunAll(ctx, fresh, k.workers) {
		if res.Err != nil {
			if ctx.Err() != nil {
				break
			}
			outMu.Lock()
			failed++
			outMu.Unlock()
			say("error: %v\n", res.Err)
			continue
		}
		for _, pe := range res.Doc.Errors {
			say("warning: %v\n", pe)
		}
		res.Doc.Tokens = nil // not stored; the writer may hold many documents
		if !w.put(res.Doc) {
			break
		}
	}
	writeErr := w.close()

	prog.clear()
	if writeErr != nil {
		return fmt.Errorf("store: %w", writeErr)
	}
	same += int(unchanged.Load())
	total := added + changed + same
	if ctx.Err() != nil {
		return fmt.Errorf("interrupted after %s (%d new, %d unchanged); rerun the same command to finish: %w",
			plural(total, "article"), added, same, ctx.Err())
	}
	if !in.quiet {
		what := fmt.Sprintf("%d new, %d unchanged", added, same)
		if changed > 0 {
			what = fmt.Sprintf("%d new, %d changed, %d unchanged", added, changed, same)
		}
		fmt.Fprintf(e.stderr, "ingested %s (%s), %s; %s failed (%.2fs)\n",
			plural(total, "article"), what, plural(events, "event"), plural(failed, "input"), time.Since(start).Seconds())
	}
	if failed > 0 {
		return errFailed
	}
	return nil
}

// Batches of the store writer: a transaction takes every document waiting,
// up to maxBatch; with fewer than minBatch waiting it waits up to
// batchWait for more, as one transaction a document costs several times
// more, unless the input has ended.
const (
	minBatch  = 64
	maxBatch  = 512
	batchWait = 250 * time.Millisecond
)

// writer stores coded documents in batches on its own goroutine while
// the next ones are coded.
type writer struct {
	docs chan *eventwire.Document
	done chan struct{}
	err  error
	fail atomic.Bool
}

// startWriter starts a writer into st; stored is called after each batch
// with the outcome of each document.
func startWriter(ctx context.Context, st eventwire.EventStore, stored func([]*eventwire.Document, []eventwire.PutResult)) *writer {
	w := &writer{docs: make(chan *eventwire.Document, maxBatch), done: make(chan struct{})}
	go func() {
		defer close(w.done)
		open := true
		for open {
			doc, ok := <-w.docs
			if !ok {
				return
			}
			batch := []*eventwire.Document{doc}
			timeout := time.NewTimer(batchWait)
		collect:
			for len(batch) < maxBatch {
				select {
				case doc, ok := <-w.docs:
					if !ok {
						open = false
						break collect
					}
					batch = append(batch, doc)
					continue
				default:
				}
				if len(batch) >= minBatch {
					break collect
				}
				select {
				case doc, ok := <-w.docs:
					if !ok {
						open = false
						break collect
					}
					batch = append(batch, doc)
				case <-timeout.C:
					break collect
				}
			}
			timeout.Stop()
			if w.fail.Load() {
				continue // drain
			}
			res, err := st.PutDocuments(ctx, batch)
			if err != nil {
				w.err = err
				w.fail.Store(true)
				continue
			}
			stored(batch, res)
		}
	}()
	return w
}

// put queues doc; false once a write has failed.
func (w *writer) put(doc *eventwire.Document) bool {
	if w.fail.Load() {
		return false
	}
	w.docs <- doc
	return true
}

// close waits for every queued document to be written and returns the
// error that stopped the writer, if any.
func (w *writer) close() error {
	close(w.docs)
	<-w.done
	return w.err
}

// distinctEvents counts doc's events as a store keeps them: each id once.
func distinctEvents(doc *eventwire.Document) int {
	seen := make(map[string]bool, len(doc.Events))
	for _, ev := range doc.Events {
		seen[ev.ID] = true
	}
	return len(seen)
}
