package sqlite

import (
	"context"
	"database/sql"
	"embed"
	"errors"
	"fmt"
	"io/fs"
	"net/url"
	"path"
	"sort"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/eventwire/eventwire"

	"modernc.org/sqlite" // registers the "sqlite" database/sql driver
	sqlite3 "modernc.org/sqlite/lib"
)

var _ eventwire.EventStore = (*Store)(nil)

//go:embed migrations/*.sql
var migrations embed.FS

// BusyTimeout is how long a statement waits for another process's write
// lock before it fails.
const BusyTimeout = 10 * time.Second

// Store is an event store in one SQLite file. Its methods are safe for
// concurrent use; writes from one process are serialised in the Store,
// writes from several processes by SQLite's lock.
type Store struct {
	db   *sql.DB
	path string

	// Now stamps stored articles; Open sets time.Now.
	Now func() time.Time

	writeMu sync.Mutex // one writer at a time inside this process
	stmts   map[string]*sql.Stmt
	// multi-row inserts, used under writeMu
	mentions, places, timexes, events, clusters *inserter
}

// Open opens or creates the database at path and brings its schema up to
// date. The database runs in WAL mode with foreign keys on; writers take the
// lock when their transaction begins, so concurrent writers queue instead of
// failing.
func Open(ctx context.Context, path string) (*Store, error) {
	if path == "" {
		return nil, fmt.Errorf("open sqlite: %w: empty path", eventwire.ErrInvalid)
	}
	q := url.Values{}
	for _, p := range []string{
		fmt.Sprintf("busy_timeout(%d)", BusyTimeout.Milliseconds()),
		"journal_mode(WAL)",
		"synchronous(NORMAL)", // in WAL mode: a crash loses nothing committed, a power cut at most the last transactions
		"foreign_keys(1)",
		"temp_store(MEMORY)", // statement journals and savepoints in memory, not temp files
		// Checkpoint every 32 MiB of log rather than 4: a page written by
		// many transactions is copied into the database once.
		"wal_autocheckpoint(8192)",
	} {
		q.Add("_pragma", p)
	}
	q.Set("_txlock", "immediate")
	dsn := "file:" + escapePath(path) + "?" + q.Encode()
	db, err := sql.Open("sqlite", dsn)
	if err != nil {
		return nil, fmt.Errorf("open sqlite %s: %w", path, err)
	}
	db.SetMaxIdleConns(8)
	s := &Store{db: db, path: path, Now: time.Now,
		mentions: newInserter("mentions", mentionColumns),
		places:   newInserter("places", placeColumns),
		timexes:  newInserter("timexes", timexColumns),
		events:   newInserter("events", eventColumnList),
		clusters: newInserter("clusters", clusterColumnList),
	}
	if err := s.migrate(ctx); err != nil {
		db.Close()
		return nil, fmt.Errorf("open sqlite %s: %w", path, err)
	}
	if err := s.prepare(ctx); err != nil {
		s.Close()
		return nil, fmt.Errorf("open sqlite %s: %w", path, err)
	}
	if err := s.backfill(ctx); err != nil {
		s.Close()
		return nil, fmt.Errorf("open sqlite %s: %w", path, err)
	}
	return s, nil
}

// escapePath makes a file path safe inside a file: URI.
func escapePath(p string) string {
	r := strings.NewReplacer("%", "%25", "?", "%3f", "#", "%23")
	return r.Replace(p)
}

// DB returns the underlying database, for tools and tests that read it
// directly. Writing through it bypasses the Store's guarantees.
func (s *Store) DB() *sql.DB { return s.db }

// Close closes the database. Iterators still running fail.
func (s *Store) Close() error {
	for _, st := range s.stmts {
		st.Close()
	}
	for _, in := range []*inserter{s.mentions, s.places, s.timexes, s.events, s.clusters} {
		in.close()
	}
	if err := s.db.Close(); err != nil {
		return fmt.Errorf("close sqlite %s: %w", s.path, err)
	}
	return nil
}

// migration is one embedded schema change, applied in version order.
type migration struct {
	version int
	name    string
	sql     string
}

func loadMigrations() ([]migration, error) {
	entries, err := fs.ReadDir(migrations, "migrations")
	if err != nil {
		return nil, err
	}
	var ms []migration
	for _, e := range entries {
		name := e.Name()
		num, _, ok := strings.Cut(name, "_")
		v, err := strconv.Atoi(num)
		if !ok || err != nil || v <= 0 {
			return nil, fmt.Errorf("migration %s: name must start with a positive version and _", name)
		}
		b, err := migrations.ReadFile(path.Join("migrations", name))
		if err != nil {
			return nil, err
		}
		ms = append(ms, migration{version: v, name: name, sql: string(b)})
	}
	sort.Slice(ms, func(i, j int) bool { return ms[i].version < ms[j].version })
	for i := 1; i < len(ms); i++ {
		if ms[i].version == ms[i-1].version {
			return nil, fmt.Errorf("migrations %s and %s share version %d", ms[i-1].name, ms[i].name, ms[i].version)
		}
	}
	return ms, nil
}

// migrate applies every migration not yet recorded in schema_migrations,
// each in its own transaction, so that two processes opening a new file at
// once apply each migration exactly once.
func (s *Store) migrate(ctx context.Context) error {
	ms, err := loadMigrations()
	if err != nil {
		return fmt.Errorf("load migrations: %w", err)
	}
	if _, err := s.db.ExecContext(ctx, `CREATE TABLE IF NOT EXISTS schema_migrations (
		version    INTEGER PRIMARY KEY,
		name       TEXT NOT NULL,
		applied_at TEXT NOT NULL)`); err != nil {
		return fmt.Errorf("create schema_migrations: %w", err)
	}
	for _, m := range ms {
		if err := s.apply(ctx, m); err != nil {
			return fmt.Errorf("migration %s: %w", m.name, err)
		}
	}
	// A database written by a newer eventwire may hold tables this one
	// does not know how to keep consistent.
	var newest int
	if err := s.db.QueryRowContext(ctx, `SELECT COALESCE(MAX(version), 0) FROM schema_migrations`).Scan(&newest); err != nil {
		return fmt.Errorf("read schema version: %w", err)
	}
	if len(ms) > 0 && newest > ms[len(ms)-1].version {
		return fmt.Errorf("%w: schema version %d is newer than this program's %d", eventwire.ErrConflict, newest, ms[len(ms)-1].version)
	}
	return nil
}

func (s *Store) apply(ctx context.Context, m migration) error {
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	var n int
	if err := tx.QueryRowContext(ctx, `SELECT COUNT(*) FROM schema_migrations WHERE version = ?`, m.version).Scan(&n); err != nil {
		return err
	}
	if n > 0 {
		return nil
	}
	if _, err := tx.ExecContext(ctx, m.sql); err != nil {
		return err
	}
	if _, err := tx.ExecContext(ctx, `INSERT INTO schema_migrations(version, name, applied_at) VALUES (?, ?, ?)`,
		m.version, m.name, time.Now().UTC().Format(time.RFC3339)); err != nil {
		return err
	}
	return tx.Commit()
}

// Version returns the schema version of the open database.
func (s *Store) Version(ctx context.Context) (int, error) {
	var v int
	err := s.db.QueryRowContext(ctx, `SELECT COALESCE(MAX(version), 0) FROM schema_migrations`).Scan(&v)
	return v, err
}

// stmt returns a statement prepared at Open, bound to tx.
func (s *Store) stmt(ctx context.Context, tx *sql.Tx, name string) *sql.Stmt {
	return tx.StmtContext(ctx, s.stmts[name])
}

func (s *Store) prepare(ctx context.Context) error {
	s.stmts = map[string]*sql.Stmt{}
	for _, set := range []map[string]string{writeStatements, clusterStatements} {
		for name, q := range set {
			st, err := s.db.PrepareContext(ctx, q)
			if err != nil {
				return fmt.Errorf("prepare %s: %w", name, err)
			}
			s.stmts[name] = st
		}
	}
	return nil
}

// isConstraint reports whether err is SQLite refusing a row for a UNIQUE,
// primary key or foreign key constraint.
func isConstraint(err error) bool {
	var se *sqlite.Error
	return errors.As(err, &se) && se.Code()&0xff == sqlite3.SQLITE_CONSTRAINT
}
