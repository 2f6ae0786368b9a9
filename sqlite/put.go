package sqlite

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/eventwire/eventwire"
)

var writeStatements = map[string]string{
	"article": `SELECT pk, hash FROM articles WHERE key = ?`,
	"insertArticle": `INSERT INTO articles(key, id, url, title, published, pub_date, pub_source, pub_precision,
		dateline, hash, text, errors, stored_at, outlet) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?)`,
	"updateArticle": `UPDATE articles SET key=?, id=?, url=?, title=?, published=?, pub_date=?, pub_source=?,
		pub_precision=?, dateline=?, hash=?, text=?, errors=?, stored_at=?, outlet=? WHERE pk=?`,
	"deleteMentions": `DELETE FROM mentions WHERE article_pk = ?`,
	"deletePlaces":   `DELETE FROM places WHERE article_pk = ?`,
	"deleteTimexes":  `DELETE FROM timexes WHERE article_pk = ?`,
	"deleteEvents":   `DELETE FROM events WHERE article_pk = ?`,
	// Unindex an article's events, but not those added in this batch
	// (pk >= ?2), which are indexed only when the batch ends.
	"unindexEvents": `INSERT INTO events_fts(events_fts, rowid, evidence)
		SELECT 'delete', pk, evidence FROM events WHERE article_pk = ?1 AND (?2 = 0 OR pk < ?2)`,
	"indexEvents": `INSERT INTO events_fts(rowid, evidence) SELECT pk, evidence FROM events WHERE pk >= ?`,
	"eventOwner":  `SELECT article, article_pk FROM events WHERE id = ?`,
}

// Columns of the tables written row by row, in the order their values are
// given.
var (
	mentionColumns = []string{"article_pk", "seq", "span_start", "span_end", "text", "sentence", "code", "country",
		"sector", "name", "kind", "entries", "resolved"}
	placeColumns = []string{"article_pk", "seq", "span_start", "span_end", "text", "sentence", "name", "country",
		"adm1", "lat", "lon", "geonameid", "feature", "type"}
	timexColumns    = []string{"article_pk", "seq", "span_start", "span_end", "text", "sentence", "type", "value", "precision"}
	eventColumnList = []string{"id", "article_pk", "article", "seq", "date", "date_precision", "day_from", "day_to",
		"source_code", "source_country", "source_sector", "source_text", "source_name", "source_start", "source_end", "source_resolved",
		"target_code", "target_country", "target_sector", "target_text", "target_name", "target_start", "target_end", "target_resolved",
		"cameo", "name", "root", "quad", "goldstein", "plover_type", "plover_mode", "plover_context",
		"location_name", "location_country", "location_adm1", "lat", "lon", "geonameid", "location_precision",
		"location_start", "location_end", "location_basis",
		"evidence", "evidence_start", "evidence_end", "trigger_start", "trigger_end", "sentence", "confidence", "explain", "cluster_id"}
)

// rowsPerInsert is how many rows one INSERT statement carries: one
// statement for many rows saves most of the cost of a row.
const rowsPerInsert = 16

// inserter writes rows of one table with multi-row INSERT statements,
// prepared once for each number of rows. It is used under Store.writeMu.
type inserter struct {
	table   string
	columns []string
	stmts   [rowsPerInsert + 1]*sql.Stmt
}

func newInserter(table string, columns []string) *inserter {
	return &inserter{table: table, columns: columns}
}

// insert writes rows (each len(columns) values) inside tx and returns the
// rowid of the last row.
func (in *inserter) insert(ctx context.Context, db *sql.DB, tx *sql.Tx, rows [][]any) (int64, error) {
	var last int64
	for len(rows) > 0 {
		n := min(len(rows), rowsPerInsert)
		if in.stmts[n] == nil {
			one := "(" + strings.Repeat("?,", len(in.columns)-1) + "?)"
			q := "INSERT INTO " + in.table + "(" + strings.Join(in.columns, ", ") + ") VALUES " +
				strings.Repeat(one+",", n-1) + one
			st, err := db.PrepareContext(ctx, q)
			if err != nil {
				return 0, fmt.Errorf("prepare insert into %s: %w", in.table, err)
			}
			in.stmts[n] = st
		}
		args := make([]any, 0, n*len(in.columns))
		for _, r := range rows[:n] {
			args = append(args, r...)
		}
		res, err := tx.StmtContext(ctx, in.stmts[n]).ExecContext(ctx, args...)
		if err != nil {
			return 0, err
		}
		if last, err = res.LastInsertId(); err != nil {
			return 0, err
		}
		rows = rows[n:]
	}
	return last, nil
}

func (in *inserter) close() {
	for _, st := range in.stmts {
		if st != nil {
			st.Close()
		}
	}
}

// ArticleHash returns the content hash stored for the article with the
// given key, or "" when there is none.
func (s *Store) ArticleHash(ctx context.Context, key string) (string, error) {
	var h string
	err := s.db.QueryRowContext(ctx, `SELECT hash FROM articles WHERE key = ?`, key).Scan(&h)
	if errors.Is(err, sql.ErrNoRows) {
		return "", nil
	}
	if err != nil {
		return "", fmt.Errorf("article %q: %w", key, err)
	}
	return h, nil
}

// PutDocument stores doc in one transaction: the article, its mentions,
// places, temporal expressions and events. An article already stored under
// the same key (eventwire.ArticleKey) with the same eventwire.ContentHash
// is left alone and changed is false; with another hash, its old rows are
// replaced. Events whose ids repeat within the document are stored once. An
// event id stored for another article fails the whole document with an
// error wrapping eventwire.ErrConflict.
func (s *Store) PutDocument(ctx context.Context, doc *eventwire.Document) (changed bool, err error) {
	res, err := s.PutDocuments(ctx, []*eventwire.Document{doc})
	if err != nil {
		return false, err
	}
	return res[0].Changed, res[0].Err
}

// PutDocuments stores docs in one transaction, each as PutDocument would.
// A document that is bad (eventwire.ErrInvalid) or clashes with another
// article (eventwire.ErrConflict) is left out and its error is in its
// result; err reports a failure of the whole transaction, after which
// nothing of docs is stored.
func (s *Store) PutDocuments(ctx context.Context, docs []*eventwire.Document) ([]eventwire.PutResult, error) {
	res := make([]eventwire.PutResult, len(docs))
	if len(docs) == 0 {
		return res, nil
	}
	s.writeMu.Lock()
	defer s.writeMu.Unlock()
	// Bad documents are rare: write optimistically, without a savepoint
	// per document (they cost a flush of the text index each), and when
	// one fails, write the batch again without it.
	skip := make([]bool, len(docs))
	for {
		bad, err := s.putBatch(ctx, docs, skip, res)
		if err == nil {
			return res, nil
		}
		if bad < 0 {
			return nil, err
		}
		skip[bad] = true
		res[bad] = eventwire.PutResult{Err: err}
	}
}

// putBatch writes the documents not skipped in one transaction. An error
// of one document returns its index; -1 is a failure of the transaction.
func (s *Store) putBatch(ctx context.Context, docs []*eventwire.Document, skip []bool, res []eventwire.PutResult) (int, error) {
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return -1, fmt.Errorf("store %s: begin: %w", plural(len(docs)), err)
	}
	defer tx.Rollback()
	b := &batch{tx: tx}
	for i, doc := range docs {
		if skip[i] {
			continue
		}
		changed, err := s.putOne(ctx, b, doc)
		if errors.Is(err, eventwire.ErrInvalid) || errors.Is(err, eventwire.ErrConflict) {
			return i, err
		}
		if err != nil {
			return -1, err
		}
		res[i].Changed = changed
	}
	if err := s.countClusters(ctx, tx, b.touchedIDs()); err != nil {
		return -1, fmt.Errorf("store %s: %w", plural(len(docs)), err)
	}
	if b.firstEvent > 0 {
		if _, err := s.stmt(ctx, tx, "indexEvents").ExecContext(ctx, b.firstEvent); err != nil {
			return -1, fmt.Errorf("store %s: index evidence: %w", plural(len(docs)), err)
		}
	}
	if err := tx.Commit(); err != nil {
		return -1, fmt.Errorf("store %s: commit: %w", plural(len(docs)), err)
	}
	return -1, nil
}

// batch is one transaction of PutDocuments.
type batch struct {
	tx *sql.Tx
	// firstEvent is the least pk of the events the batch inserted, 0
	// before the first. A new event takes a pk above every row there is,
	// so the rows from firstEvent on are those of this batch, which are
	// added to the text index at its end, and those below it are indexed.
	firstEvent int64
	// touched holds the clusters that events joined in this batch, to be
	// counted at its end.
	touched map[int64]bool
	// nextCluster is the id the batch gives its next new cluster, 0
	// before the first.
	nextCluster int64
}

func plural(n int) string {
	if n == 1 {
		return "1 article"
	}
	return fmt.Sprintf("%d articles", n)
}

// putOne writes one document inside tx.
func (s *Store) putOne(ctx context.Context, b *batch, doc *eventwire.Document) (bool, error) {
	tx := b.tx
	a := &doc.Article
	key := eventwire.ArticleKey(a)
	if key == "" {
		return false, fmt.Errorf("store article: %w: no URL and no ID", eventwire.ErrInvalid)
	}
	hash := eventwire.ContentHash(a)
	var pk int64
	var old string
	err := s.stmt(ctx, tx, "article").QueryRowContext(ctx, key).Scan(&pk, &old)
	switch {
	case errors.Is(err, sql.ErrNoRows):
		pk = 0
	case err != nil:
		return false, fmt.Errorf("store article %q: %w", key, err)
	case old == hash:
		return false, nil
	}
	if err := s.writeDocument(ctx, b, pk, key, hash, doc); err != nil {
		return false, fmt.Errorf("store article %q: %w", key, err)
	}
	return true, nil
}

// writeDocument writes doc's rows inside tx; pk is the stored article's
// key, 0 for a new one.
func (s *Store) writeDocument(ctx context.Context, b *batch, pk int64, key, hash string, doc *eventwire.Document) error {
	tx := b.tx
	a := &doc.Article
	published := ""
	if !a.Published.IsZero() {
		published = a.Published.UTC().Format(time.RFC3339Nano)
	}
	pubDate := ""
	if !doc.PubDate.Time.IsZero() {
		pubDate = doc.PubDate.Time.Format("2006-01-02")
	}
	var dateline, errs any
	if doc.Dateline != nil {
		b, err := json.Marshal(doc.Dateline)
		if err != nil {
			return fmt.Errorf("dateline: %w", err)
		}
		dateline = string(b)
	}
	if len(doc.Errors) > 0 {
		msgs := make([]string, len(doc.Errors))
		for i, e := range doc.Errors {
			msgs[i] = e.Error()
		}
		b, _ := json.Marshal(msgs)
		errs = string(b)
	}
	row := []any{key, a.ID, a.URL, a.Title, published, pubDate, doc.PubDate.Source, string(doc.PubDate.Precision),
		dateline, hash, a.Text, errs, s.Now().UTC().Format(time.RFC3339), outlet(a.URL, a.ID)}
	if pk == 0 {
		res, err := s.stmt(ctx, tx, "insertArticle").ExecContext(ctx, row...)
		if err != nil {
			return fmt.Errorf("insert: %w", err)
		}
		if pk, err = res.LastInsertId(); err != nil {
			return fmt.Errorf("insert: %w", err)
		}
	} else {
		if _, err := s.stmt(ctx, tx, "unindexEvents").ExecContext(ctx, pk, b.firstEvent); err != nil {
			return fmt.Errorf("replace: %w", err)
		}
		oldClusters, err := s.articleClusters(ctx, tx, pk)
		if err != nil {
			return fmt.Errorf("replace: %w", err)
		}
		for _, name := range []string{"deleteEvents", "deleteMentions", "deletePlaces", "deleteTimexes"} {
			if _, err := s.stmt(ctx, tx, name).ExecContext(ctx, pk); err != nil {
				return fmt.Errorf("replace: %w", err)
			}
		}
		if _, err := s.stmt(ctx, tx, "updateArticle").ExecContext(ctx, append(row, pk)...); err != nil {
			return fmt.Errorf("replace: %w", err)
		}
		// The old events are gone: their clusters lose them before the
		// new events look for clusters to join.
		if err := s.countClusters(ctx, tx, oldClusters); err != nil {
			return fmt.Errorf("replace: %w", err)
		}
	}

	rows := make([][]any, 0, max(len(doc.Mentions), len(doc.Places), len(doc.Timexes), len(doc.Events)))
	for i := range doc.Mentions {
		m := &doc.Mentions[i]
		rows = append(rows, []any{pk, i, m.Span.Start, m.Span.End, m.Text, m.Sentence, m.Actor.Code,
			m.Actor.Country, m.Actor.Sector, m.Actor.Name, m.Kind, jsonList(m.Entries), m.Resolved})
	}
	if _, err := s.mentions.insert(ctx, s.db, tx, rows); err != nil {
		return fmt.Errorf("mentions: %w", err)
	}
	rows = rows[:0]
	for i := range doc.Places {
		p := &doc.Places[i]
		rows = append(rows, []any{pk, i, p.Span.Start, p.Span.End, p.Text, p.Sentence, p.Name, p.Country,
			p.ADM1, p.Lat, p.Lon, p.GeonameID, p.Feature, p.Type})
	}
	if _, err := s.places.insert(ctx, s.db, tx, rows); err != nil {
		return fmt.Errorf("places: %w", err)
	}
	rows = rows[:0]
	for i := range doc.Timexes {
		x := &doc.Timexes[i]
		rows = append(rows, []any{pk, i, x.Span.Start, x.Span.End, x.Text, x.Sentence, x.Type, x.Value, string(x.Precision)})
	}
	if _, err := s.timexes.insert(ctx, s.db, tx, rows); err != nil {
		return fmt.Errorf("timexes: %w", err)
	}

	rows = rows[:0]
	seen := make(map[string]bool, len(doc.Events))
	fresh := freshFrom(pubDate)
	reqs := make([]clusterReq, 0, len(doc.Events))
	for i := range doc.Events {
		ev := &doc.Events[i]
		if ev.ID == "" {
			return fmt.Errorf("event %d: %w: no id", i, eventwire.ErrInvalid)
		}
		if seen[ev.ID] {
			continue
		}
		seen[ev.ID] = true
		row, from, to, err := eventRow(ev)
		if err != nil {
			return fmt.Errorf("event %s: %w", ev.ID, err)
		}
		ckey, rereport := clusterFields(ev, from, to, fresh)
		reqs = append(reqs, clusterReq{ckey, rereport, isDay(ev), from})
		rows = append(rows, append(append([]any{ev.ID, pk, a.ID, i}, row...), nil))
	}
	if len(rows) == 0 {
		return nil
	}
	clusters, err := s.assignClusters(ctx, b, reqs)
	if err != nil {
		return fmt.Errorf("events: %w", err)
	}
	for i, id := range clusters {
		rows[i][len(rows[i])-1] = id
	}
	last, err := s.events.insert(ctx, s.db, tx, rows)
	if err != nil {
		if isConstraint(err) {
			return s.eventConflict(ctx, tx, pk, doc)
		}
		return fmt.Errorf("events: %w", err)
	}
	// New rows take consecutive rowids, one above the greatest there is.
	if first := last - int64(len(rows)) + 1; b.firstEvent == 0 || first < b.firstEvent {
		b.firstEvent = first
	}
	return nil
}

// eventConflict names the event id of doc that another article holds.
func (s *Store) eventConflict(ctx context.Context, tx *sql.Tx, pk int64, doc *eventwire.Document) error {
	for _, ev := range doc.Events {
		var owner string
		var ownerPK int64
		err := s.stmt(ctx, tx, "eventOwner").QueryRowContext(ctx, ev.ID).Scan(&owner, &ownerPK)
		if err == nil && ownerPK != pk {
			return fmt.Errorf("event %s: %w: the id is stored for article %q", ev.ID, eventwire.ErrConflict, owner)
		}
	}
	return fmt.Errorf("events: %w: an event id is stored for another article", eventwire.ErrConflict)
}

// eventRow returns the columns of events from date to explain, and the
// first and last day the event's date covers.
func eventRow(ev *eventwire.Event) (row []any, from, to string, err error) {
	from, to, err = dayRange(ev.Date, ev.DatePrecision)
	if err != nil {
		return nil, "", "", err
	}
	row = make([]any, 0, 47)
	row = append(row, ev.Date, string(ev.DatePrecision), from, to)
	row = appendParticipant(row, ev.Source)
	row = appendParticipant(row, ev.Target)
	row = append(row, ev.CAMEO, ev.Name, ev.Root, ev.Quad, ev.Goldstein, ev.Plover.Type, ev.Plover.Mode, jsonList(ev.Plover.Context))
	if l := ev.Location; l != nil {
		var start, end any
		if l.Span != nil {
			start, end = l.Span.Start, l.Span.End
		}
		row = append(row, l.Name, l.Country, l.ADM1, l.Lat, l.Lon, l.GeonameID, l.Precision, start, end, l.Basis)
	} else {
		row = append(row, nil, nil, nil, nil, nil, nil, nil, nil, nil, nil)
	}
	var explain any
	if ev.Explain != nil {
		b, err := json.Marshal(ev.Explain)
		if err != nil {
			return nil, "", "", fmt.Errorf("explain: %w", err)
		}
		explain = string(b)
	}
	row = append(row, ev.Evidence.Sentence, ev.Evidence.Start, ev.Evidence.End, ev.Evidence.Trigger.Start,
		ev.Evidence.Trigger.End, ev.Sentence, ev.Confidence, explain)
	return row, from, to, nil
}

func appendParticipant(row []any, p *eventwire.Participant) []any {
	if p == nil {
		return append(row, nil, nil, nil, nil, nil, nil, nil, nil)
	}
	return append(row, p.Code, p.Country, p.Sector, p.Text, p.Name, p.Start, p.End, p.Resolved)
}

// jsonList encodes a list as a JSON array, NULL when empty.
func jsonList(l []string) any {
	if len(l) == 0 {
		return nil
	}
	b, _ := json.Marshal(l)
	return string(b)
}

// dayRange returns the first and last day a coded date covers: "2020" is
// 2020-01-01..2020-12-31, "2020-02" 2020-02-01..2020-02-29, a week (given by
// its Monday) the seven days from it.
func dayRange(date string, prec eventwire.Precision) (from, to string, err error) {
	if date == "" {
		return "", "", nil
	}
	var layout string
	switch len(date) {
	case 4:
		layout = "2006"
	case 7:
		layout = "2006-01"
	case 10:
		layout = "2006-01-02"
	default:
		if len(date) > 10 && (date[10] == 'T' || date[10] == ' ') {
			layout, date = "2006-01-02", date[:10]
		} else {
			return "", "", fmt.Errorf("%w: date %q: want YYYY, YYYY-MM or YYYY-MM-DD", eventwire.ErrInvalid, date)
		}
	}
	t, err := time.Parse(layout, date)
	if err != nil {
		return "", "", fmt.Errorf("%w: date %q: %v", eventwire.ErrInvalid, date, err)
	}
	end := t
	switch len(layout) {
	case 4:
		end = t.AddDate(1, 0, -1)
	case 7:
		end = t.AddDate(0, 1, -1)
	default:
		if prec == eventwire.PrecisionWeek {
			end = t.AddDate(0, 0, 6)
		}
	}
	return t.Format("2006-01-02"), end.Format("2006-01-02"), nil
}
