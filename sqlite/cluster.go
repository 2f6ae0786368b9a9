package sqlite

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"iter"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/eventwire/eventwire"
)

// Cross-story deduplication.
//
// Every stored event row is a mention and belongs to one cluster, the event
// as GDELT counts it. An event joins a cluster when both have the same
// source actor code, target actor code, full CAMEO code, place and date
// precision, the same freshness (see ReReportAfter), and dates that agree:
//
//   - a day-precision date within one day of the cluster's first day
//     (DayWindow), because stories of the same event differ by a day when
//     they resolve "yesterday" from another time zone or publication time;
//   - a week, month or year date naming the same week, month or year.
//
// The place is the location's GeoNames id, else its ADM1 code, else its
// country, else none. Undated events are never merged: nothing says two of
// them are the same event. When several clusters qualify, the event joins
// the one whose first day is its own, else the earliest, else the oldest.
// The matching is greedy, in the order the events are stored, so a cluster's
// members lie within DayWindow of its first day at the time they joined.

// DayWindow is how many days apart a day-precision event and a cluster's
// first day may be for the event to join the cluster.
const DayWindow = 1

// ReReportAfter is how many days before its article's publication an event
// must have ended to be a re-report: a story recalling an old event rather
// than reporting a new one. Re-reports cluster only with re-reports, so they
// never inflate the counts of the event when it was news.
const ReReportAfter = 7

var clusterStatements = map[string]string{
	// The clusters of the keys of a JSON array of [key, first day, last
	// day] whose first day lies in the range.
	"findClusters": `SELECT c.key, c.id, c.day_from FROM json_each(?) j
		JOIN clusters c ON c.key = j.value->>0 AND c.day_from BETWEEN j.value->>1 AND j.value->>2`,
	// A new batch numbers its new clusters from here: the write lock is
	// held, so no one else can take the numbers.
	"maxCluster":      `SELECT COALESCE(MAX(id), 0) FROM clusters`,
	"moveCluster":     `UPDATE clusters SET day_from = ? WHERE id = ?`,
	"articleClusters": `SELECT DISTINCT cluster_id FROM events WHERE article_pk = ? AND cluster_id IS NOT NULL`,
	// Drop the clusters left without members, then count the others.
	"dropClusters": `DELETE FROM clusters WHERE id IN (SELECT value FROM json_each(?))
		AND NOT EXISTS (SELECT 1 FROM events WHERE cluster_id = clusters.id)`,
	"countClusters": `UPDATE clusters SET num_mentions = g.n, num_articles = g.na, num_sources = g.ns, day_from = g.d,
		first_event = (SELECT e.pk FROM events e JOIN articles a ON a.pk = e.article_pk
			WHERE e.cluster_id = clusters.id ORDER BY ` + mentionOrder + ` LIMIT 1)
		FROM (SELECT e.cluster_id AS id, COUNT(*) AS n, COUNT(DISTINCT e.article_pk) AS na,
				COUNT(DISTINCT a.outlet) AS ns, MIN(e.day_from) AS d
			FROM events e JOIN articles a ON a.pk = e.article_pk
			WHERE e.cluster_id IN (SELECT value FROM json_each(?)) GROUP BY e.cluster_id) AS g
		WHERE clusters.id = g.id`,
}

// mentionOrder orders a cluster's mentions (events e of articles a): by
// date, then the article published first (undated articles last), then id.
// The first is the cluster's event.
const mentionOrder = `e.day_from, a.pub_date = '', a.pub_date, e.id`

// outlet names the source of an article for NumSources: the URL's host
// without "www.", else the ID up to its first "/".
func outlet(rawURL, id string) string {
	if rawURL != "" {
		if u, err := url.Parse(rawURL); err == nil && u.Host != "" {
			return strings.TrimPrefix(strings.ToLower(u.Hostname()), "www.")
		}
		return rawURL
	}
	prefix, _, _ := strings.Cut(id, "/")
	return prefix
}

// clusterKey is what the members of a cluster share, as one string for one
// index lookup. The date precision is part of it: a month and a day in it
// are not known to be the same event.
func clusterKey(rereport bool, prec, source, target, cameo, place string) string {
	fresh := "n" // news
	if rereport {
		fresh = "r"
	}
	return strings.Join([]string{fresh, prec, source, target, cameo, place}, "\x1f")
}

// clusterFields returns an event's cluster key and whether it is a
// re-report, given its first and last day and the first day that is not
// more than ReReportAfter days before its article's publication ("" when
// the article has no date).
func clusterFields(ev *eventwire.Event, from, to, freshFrom string) (key string, rereport bool) {
	rereport = to != "" && freshFrom != "" && to < freshFrom
	prec := "d"
	switch {
	case len(ev.Date) == 4:
		prec = "y"
	case len(ev.Date) == 7:
		prec = "m"
	case ev.DatePrecision == eventwire.PrecisionWeek:
		prec = "w"
	}
	code := func(p *eventwire.Participant) string {
		if p == nil {
			return ""
		}
		return p.Code
	}
	place := ""
	if l := ev.Location; l != nil {
		switch {
		case l.GeonameID > 0:
			place = "g" + strconv.Itoa(l.GeonameID)
		case l.ADM1 != "":
			place = "a" + l.ADM1
		case l.Country != "":
			place = "c" + l.Country
		}
	}
	return clusterKey(rereport, prec, code(ev.Source), code(ev.Target), ev.CAMEO, place), rereport
}

// freshFrom returns the first day an event may end on and still be news
// for an article published on pubDate (YYYY-MM-DD), "" when there is no
// publication date.
func freshFrom(pubDate string) string {
	t, err := time.Parse("2006-01-02", pubDate)
	if err != nil {
		return ""
	}
	return t.AddDate(0, 0, -ReReportAfter).Format("2006-01-02")
}

// clusterReq is an event looking for its cluster.
type clusterReq struct {
	key      string
	rereport bool
	day      bool   // a day-precision date, which the day window applies to
	from     string // its first day, "" when undated
}

// candidate is a cluster an event may join; day is its first day as the
// assignment goes.
type candidate struct {
	id  int64
	day string
	new bool // created by this assignment, not yet inserted
	rr  bool
	key string
}

// assignClusters returns the cluster each event of a document joins,
// creating those it needs, and marks them for counting at the end of the
// batch. It reads the candidate clusters of all the events in one query and
// inserts the new ones in a few, instead of two statements an event.
func (s *Store) assignClusters(ctx context.Context, b *batch, reqs []clusterReq) ([]int64, error) {
	tx := b.tx
	type window struct{ lo, hi string }
	wins := make([]window, len(reqs))
	var lookup [][3]string
	for i, r := range reqs {
		if r.from == "" {
			continue
		}
		w := window{r.from, r.from}
		if r.day {
			t, err := time.Parse("2006-01-02", r.from)
			if err != nil {
				return nil, fmt.Errorf("cluster: %w", err)
			}
			w = window{t.AddDate(0, 0, -DayWindow).Format("2006-01-02"), t.AddDate(0, 0, DayWindow).Format("2006-01-02")}
		}
		wins[i] = w
		lookup = append(lookup, [3]string{r.key, w.lo, w.hi})
	}
	byKey := map[string][]*candidate{}
	if len(lookup) > 0 {
		list, _ := json.Marshal(lookup)
		rows, err := s.stmt(ctx, tx, "findClusters").QueryContext(ctx, string(list))
		if err != nil {
			return nil, fmt.Errorf("cluster: %w", err)
		}
		seen := map[int64]bool{}
		for rows.Next() {
			var c candidate
			if err := rows.Scan(&c.key, &c.id, &c.day); err != nil {
				rows.Close()
				return nil, fmt.Errorf("cluster: %w", err)
			}
			if !seen[c.id] {
				seen[c.id] = true
				byKey[c.key] = append(byKey[c.key], &c)
			}
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return nil, fmt.Errorf("cluster: %w", err)
		}
	}
	ids := make([]int64, len(reqs))
	var created []*candidate
	for i, r := range reqs {
		var best *candidate
		if r.from != "" {
			for _, c := range byKey[r.key] {
				if c.day < wins[i].lo || c.day > wins[i].hi {
					continue
				}
				// Its own day first, then the earliest, then the oldest.
				if best == nil || (c.day == r.from) != (best.day == r.from) && c.day == r.from ||
					(c.day == r.from) == (best.day == r.from) && (c.day < best.day || c.day == best.day && c.id < best.id) {
					best = c
				}
			}
		}
		if best == nil {
			if b.nextCluster == 0 {
				if err := s.stmt(ctx, tx, "maxCluster").QueryRowContext(ctx).Scan(&b.nextCluster); err != nil {
					return nil, fmt.Errorf("cluster: %w", err)
				}
				b.nextCluster++
			}
			best = &candidate{id: b.nextCluster, day: r.from, new: true, rr: r.rereport, key: r.key}
			b.nextCluster++
			created = append(created, best)
			if r.from != "" {
				byKey[r.key] = append(byKey[r.key], best)
			}
		} else if r.from < best.day {
			best.day = r.from
			if !best.new {
				if _, err := s.stmt(ctx, tx, "moveCluster").ExecContext(ctx, r.from, best.id); err != nil {
					return nil, fmt.Errorf("cluster: %w", err)
				}
			}
		}
		ids[i] = best.id
		b.touch(best.id)
	}
	if len(created) > 0 {
		rows := make([][]any, len(created))
		for i, c := range created {
			rows[i] = []any{c.id, c.key, c.day, c.rr, 0, 0, 0}
		}
		if _, err := s.clusters.insert(ctx, s.db, tx, rows); err != nil {
			return nil, fmt.Errorf("cluster: %w", err)
		}
	}
	return ids, nil
}

func (b *batch) touch(id int64) {
	if b.touched == nil {
		b.touched = map[int64]bool{}
	}
	b.touched[id] = true
}

var clusterColumnList = []string{"id", "key", "day_from", "rereport", "num_mentions", "num_articles", "num_sources"}

// countClusters drops the clusters of ids left without members and
// recounts the others.
func (s *Store) countClusters(ctx context.Context, tx *sql.Tx, ids []int64) error {
	if len(ids) == 0 {
		return nil
	}
	list, _ := json.Marshal(ids)
	for _, name := range []string{"dropClusters", "countClusters"} {
		if _, err := s.stmt(ctx, tx, name).ExecContext(ctx, string(list)); err != nil {
			return fmt.Errorf("count clusters: %w", err)
		}
	}
	return nil
}

// articleClusters returns the clusters of an article's stored events, read
// before they are replaced so that countClusters can recount them after.
func (s *Store) articleClusters(ctx context.Context, tx *sql.Tx, pk int64) ([]int64, error) {
	rows, err := s.stmt(ctx, tx, "articleClusters").QueryContext(ctx, pk)
	if err != nil {
		return nil, fmt.Errorf("clusters: %w", err)
	}
	defer rows.Close()
	var ids []int64
	for rows.Next() {
		var id int64
		if err := rows.Scan(&id); err != nil {
			return nil, fmt.Errorf("clusters: %w", err)
		}
		ids = append(ids, id)
	}
	return ids, rows.Err()
}

// backfill clusters the rows stored before clusters existed: it names the
// outlet of every article without one and assigns every event without a
// cluster, in the order they were stored, in one transaction.
func (s *Store) backfill(ctx context.Context) error {
	var pending int
	if err := s.db.QueryRowContext(ctx, `SELECT EXISTS (SELECT 1 FROM articles WHERE outlet IS NULL)
		OR EXISTS (SELECT 1 FROM events WHERE cluster_id IS NULL)`).Scan(&pending); err != nil {
		return fmt.Errorf("cluster stored events: %w", err)
	}
	if pending == 0 {
		return nil
	}
	s.writeMu.Lock()
	defer s.writeMu.Unlock()
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("cluster stored events: %w", err)
	}
	defer tx.Rollback()
	if err := s.backfillTx(ctx, tx); err != nil {
		return fmt.Errorf("cluster stored events: %w", err)
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("cluster stored events: %w", err)
	}
	return nil
}

func (s *Store) backfillTx(ctx context.Context, tx *sql.Tx) error {
	type article struct {
		pk      int64
		url, id string
	}
	var arts []article
	rows, err := tx.QueryContext(ctx, `SELECT pk, url, id FROM articles WHERE outlet IS NULL`)
	if err != nil {
		return err
	}
	for rows.Next() {
		var a article
		if err := rows.Scan(&a.pk, &a.url, &a.id); err != nil {
			rows.Close()
			return err
		}
		arts = append(arts, a)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return err
	}
	for _, a := range arts {
		if _, err := tx.ExecContext(ctx, `UPDATE articles SET outlet = ? WHERE pk = ?`, outlet(a.url, a.id), a.pk); err != nil {
			return err
		}
	}

	type event struct {
		pk            int64
		ev            eventwire.Event
		from, to, pub string
	}
	var evs []event
	rows, err = tx.QueryContext(ctx, `SELECT e.pk, e.date, e.date_precision, e.day_from, e.day_to, e.source_code, e.target_code,
		e.cameo, e.geonameid, e.location_adm1, e.location_country, a.pub_date
		FROM events e JOIN articles a ON a.pk = e.article_pk WHERE e.cluster_id IS NULL ORDER BY e.pk`)
	if err != nil {
		return err
	}
	for rows.Next() {
		var e event
		var prec string
		var src, tgt, adm1, country sql.NullString
		var geo sql.NullInt64
		if err := rows.Scan(&e.pk, &e.ev.Date, &prec, &e.from, &e.to, &src, &tgt, &e.ev.CAMEO, &geo, &adm1, &country, &e.pub); err != nil {
			rows.Close()
			return err
		}
		e.ev.DatePrecision = eventwire.Precision(prec)
		if src.Valid {
			e.ev.Source = &eventwire.Participant{Code: src.String}
		}
		if tgt.Valid {
			e.ev.Target = &eventwire.Participant{Code: tgt.String}
		}
		if geo.Valid || adm1.Valid || country.Valid {
			e.ev.Location = &eventwire.Location{GeonameID: int(geo.Int64), ADM1: adm1.String, Country: country.String}
		}
		evs = append(evs, e)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return err
	}
	b := &batch{tx: tx}
	for _, e := range evs {
		key, rereport := clusterFields(&e.ev, e.from, e.to, freshFrom(e.pub))
		ids, err := s.assignClusters(ctx, b, []clusterReq{{key, rereport, isDay(&e.ev), e.from}})
		if err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `UPDATE events SET cluster_id = ? WHERE pk = ?`, ids[0], e.pk); err != nil {
			return err
		}
	}
	return s.countClusters(ctx, tx, b.touchedIDs())
}

// isDay reports whether an event's date is a day, which the day window
// applies to.
func isDay(ev *eventwire.Event) bool {
	return len(ev.Date) >= 10 && ev.DatePrecision != eventwire.PrecisionWeek
}

func (b *batch) touchedIDs() []int64 {
	ids := make([]int64, 0, len(b.touched))
	for id := range b.touched {
		ids = append(ids, id)
	}
	slices.Sort(ids)
	return ids
}

const clusterColumns = `c.id, c.num_mentions, c.num_sources, c.num_articles, c.rereport, `

func scanCluster(r scanner) (eventwire.Cluster, error) {
	var c eventwire.Cluster
	var ev eventwire.Event
	dest := []any{&c.ID, &c.NumMentions, &c.NumSources, &c.NumArticles, &c.ReReport}
	ev, err := scanEventWith(r, dest...)
	c.Event = ev
	return c, err
}

// Clusters yields the clusters whose event (the earliest mention) passes f,
// in the order of those events (first day, then event id), so that the
// events' indexes serve the query; f.After is the decimal id of the last
// cluster of the previous page. f.Text matches a cluster when the
// evidence sentence of any of its mentions has every word given. Mentions
// are not filled in.
func (s *Store) Clusters(ctx context.Context, f eventwire.EventFilter) iter.Seq2[eventwire.Cluster, error] {
	return func(yield func(eventwire.Cluster, error) bool) {
		fail := func(err error) { yield(eventwire.Cluster{}, err) }
		g := f
		g.Text, g.After = "", ""
		where, args, err := s.where(ctx, g, false)
		if err != nil {
			fail(err)
			return
		}
		var conds []string
		if where != "" {
			conds = append(conds, strings.TrimPrefix(where, " WHERE "))
		}
		if f.Text != "" {
			m := ftsQuery(f.Text)
			if m == "" {
				fail(fmt.Errorf("event filter Text: %w: %q has no words", eventwire.ErrInvalid, f.Text))
				return
			}
			conds = append(conds, `c.id IN (SELECT cluster_id FROM events WHERE pk IN
				(SELECT rowid FROM events_fts WHERE events_fts MATCH ?))`)
			args = append(args, m)
		}
		if f.After != "" {
			id, err := strconv.ParseInt(f.After, 10, 64)
			var day, event string
			if err == nil {
				err = s.db.QueryRowContext(ctx, `SELECT e.day_from, e.id FROM clusters c JOIN events e ON e.pk = c.first_event
					WHERE c.id = ?`, id).Scan(&day, &event)
			}
			if err != nil {
				if errors.Is(err, sql.ErrNoRows) || errors.Is(err, strconv.ErrSyntax) || errors.Is(err, strconv.ErrRange) {
					fail(fmt.Errorf("event filter After: %w: no cluster %q", eventwire.ErrInvalid, f.After))
				} else {
					fail(fmt.Errorf("event filter After: %w", err))
				}
				return
			}
			conds = append(conds, "(e.day_from, e.id) > (?, ?)")
			args = append(args, day, event)
		}
		q := "SELECT " + clusterColumns + eventColumns + " FROM events e JOIN clusters c ON c.first_event = e.pk"
		if len(conds) > 0 {
			q += " WHERE " + strings.Join(conds, " AND ")
		}
		q += " ORDER BY e.day_from, e.id"
		if f.Limit > 0 {
			q += fmt.Sprintf(" LIMIT %d", f.Limit)
		}
		rows, err := s.db.QueryContext(ctx, q, args...)
		if err != nil {
			fail(fmt.Errorf("query clusters: %w", err))
			return
		}
		defer rows.Close()
		for rows.Next() {
			c, err := scanCluster(rows)
			if err != nil {
				fail(fmt.Errorf("query clusters: %w", err))
				return
			}
			if !yield(c, nil) {
				return
			}
		}
		if err := rows.Err(); err != nil {
			fail(fmt.Errorf("query clusters: %w", err))
		}
	}
}

// Cluster returns one cluster with all its mentions, earliest first, or an
// error wrapping eventwire.ErrNotFound.
func (s *Store) Cluster(ctx context.Context, id int64) (eventwire.Cluster, error) {
	row := s.db.QueryRowContext(ctx, "SELECT "+clusterColumns+eventColumns+
		" FROM clusters c JOIN events e ON e.pk = c.first_event WHERE c.id = ?", id)
	c, err := scanCluster(row)
	if errors.Is(err, sql.ErrNoRows) {
		return c, fmt.Errorf("cluster %d: %w", id, eventwire.ErrNotFound)
	}
	if err != nil {
		return c, fmt.Errorf("cluster %d: %w", id, err)
	}
	rows, err := s.db.QueryContext(ctx, "SELECT "+eventColumns+
		" FROM events e JOIN articles a ON a.pk = e.article_pk WHERE e.cluster_id = ? ORDER BY "+mentionOrder, id)
	if err != nil {
		return c, fmt.Errorf("cluster %d: %w", id, err)
	}
	defer rows.Close()
	for rows.Next() {
		ev, err := scanEvent(rows)
		if err != nil {
			return c, fmt.Errorf("cluster %d: %w", id, err)
		}
		c.Mentions = append(c.Mentions, ev)
	}
	if err := rows.Err(); err != nil {
		return c, fmt.Errorf("cluster %d: %w", id, err)
	}
	return c, nil
}
