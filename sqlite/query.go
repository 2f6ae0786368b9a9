package sqlite

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"iter"
	"math"
	"strings"
	"time"
	"unicode"

	"github.com/eventwire/eventwire"
)

const eventColumns = `e.id, e.article, e.date, e.date_precision,
	e.source_code, e.source_country, e.source_sector, e.source_text, e.source_name, e.source_start, e.source_end, e.source_resolved,
	e.target_code, e.target_country, e.target_sector, e.target_text, e.target_name, e.target_start, e.target_end, e.target_resolved,
	e.cameo, e.name, e.root, e.quad, e.goldstein, e.plover_type, e.plover_mode, e.plover_context,
	e.location_name, e.location_country, e.location_adm1, e.lat, e.lon, e.geonameid, e.location_precision,
	e.location_start, e.location_end, e.location_basis,
	e.evidence, e.evidence_start, e.evidence_end, e.trigger_start, e.trigger_end, e.sentence, e.confidence, e.explain`

// Events yields the events that pass f in order of their first day, then
// id (an event dated to a month sorts with the first of the month; undated
// events come first). f.After continues after that event; an unknown After
// is an error wrapping eventwire.ErrInvalid. A date range selects the
// events whose first day lies in it; prefixes (actor codes, CAMEO codes) match
// whole codes too; Location matches the location's country or ADM1 code;
// a BBox whose min longitude exceeds its max crosses the antimeridian; Text
// matches events whose evidence sentence has every word given (stemmed,
// any case and accents).
func (s *Store) Events(ctx context.Context, f eventwire.EventFilter) iter.Seq2[eventwire.Event, error] {
	return func(yield func(eventwire.Event, error) bool) {
		where, args, err := s.where(ctx, f, true)
		if err != nil {
			yield(eventwire.Event{}, err)
			return
		}
		q := "SELECT " + eventColumns + " FROM events e" + where + " ORDER BY e.day_from, e.id"
		if f.Limit > 0 {
			q += fmt.Sprintf(" LIMIT %d", f.Limit)
		}
		rows, err := s.db.QueryContext(ctx, q, args...)
		if err != nil {
			yield(eventwire.Event{}, fmt.Errorf("query events: %w", err))
			return
		}
		defer rows.Close()
		for rows.Next() {
			ev, err := scanEvent(rows)
			if err != nil {
				yield(eventwire.Event{}, fmt.Errorf("query events: %w", err))
				return
			}
			if !yield(ev, nil) {
				return
			}
		}
		if err := rows.Err(); err != nil {
			yield(eventwire.Event{}, fmt.Errorf("query events: %w", err))
		}
	}
}

// Event returns the event with the given id.
func (s *Store) Event(ctx context.Context, id string) (eventwire.Event, error) {
	row := s.db.QueryRowContext(ctx, "SELECT "+eventColumns+" FROM events e WHERE e.id = ?", id)
	ev, err := scanEvent(row)
	if errors.Is(err, sql.ErrNoRows) {
		return ev, fmt.Errorf("event %q: %w", id, eventwire.ErrNotFound)
	}
	if err != nil {
		return ev, fmt.Errorf("event %q: %w", id, err)
	}
	return ev, nil
}

// Aggregate counts the events that pass f by group; see
// eventwire.EventStore.
func (s *Store) Aggregate(ctx context.Context, f eventwire.EventFilter, by string) ([]eventwire.Bucket, error) {
	if f.After != "" {
		return nil, fmt.Errorf("aggregate: %w: a cursor (After) does not apply to groups", eventwire.ErrInvalid)
	}
	var key, order string
	timeOrder := "key"
	countOrder := "n DESC, key"
	switch by {
	case eventwire.ByDay:
		key, order = "e.day_from", timeOrder
	case eventwire.ByWeek:
		// strftime %w is 0 for Sunday; step back to Monday.
		key = `CASE WHEN e.day_from = '' THEN '' ELSE date(e.day_from, '-' || ((CAST(strftime('%w', e.day_from) AS INTEGER) + 6) % 7) || ' days') END`
		order = timeOrder
	case eventwire.ByMonth:
		key, order = "substr(e.day_from, 1, 7)", timeOrder
	case eventwire.ByDyad:
		key, order = "COALESCE(e.source_code, '-') || '/' || COALESCE(e.target_code, '-')", countOrder
	case eventwire.ByRoot:
		key, order = "e.root", countOrder
	case eventwire.ByCountry:
		key, order = "COALESCE(e.location_country, '')", countOrder
	default:
		return nil, fmt.Errorf("aggregate: %w: grouping %q: want day, week, month, dyad, root or country", eventwire.ErrInvalid, by)
	}
	where, args, err := s.where(ctx, f, false)
	if err != nil {
		return nil, err
	}
	q := "SELECT " + key + " AS key, COUNT(*) AS n, TOTAL(e.goldstein) FROM events e" + where + " GROUP BY 1 ORDER BY " + order
	if f.Limit > 0 {
		q += fmt.Sprintf(" LIMIT %d", f.Limit)
	}
	rows, err := s.db.QueryContext(ctx, q, args...)
	if err != nil {
		return nil, fmt.Errorf("aggregate by %s: %w", by, err)
	}
	defer rows.Close()
	var out []eventwire.Bucket
	for rows.Next() {
		var b eventwire.Bucket
		if err := rows.Scan(&b.Key, &b.Events, &b.GoldsteinSum); err != nil {
			return nil, fmt.Errorf("aggregate by %s: %w", by, err)
		}
		b.GoldsteinSum = round(b.GoldsteinSum, 6)
		if b.Events > 0 {
			b.GoldsteinMean = round(b.GoldsteinSum/float64(b.Events), 6)
		}
		if by == eventwire.ByDyad {
			b.Source, b.Target, _ = strings.Cut(b.Key, "/")
		}
		out = append(out, b)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("aggregate by %s: %w", by, err)
	}
	return out, nil
}

// round keeps sums of many float64 values from showing their binary noise.
func round(x float64, places int) float64 {
	p := math.Pow(10, float64(places))
	return math.Round(x*p) / p
}

// where turns a filter into a WHERE clause over events e. With cursor, a
// set f.After is resolved to its position in the (day_from, id) order.
func (s *Store) where(ctx context.Context, f eventwire.EventFilter, cursor bool) (string, []any, error) {
	var conds []string
	var args []any
	add := func(cond string, a ...any) {
		conds = append(conds, cond)
		args = append(args, a...)
	}
	bad := func(field, format string, a ...any) (string, []any, error) {
		return "", nil, fmt.Errorf("event filter %s: %w: %s", field, eventwire.ErrInvalid, fmt.Sprintf(format, a...))
	}
	if f.Limit < 0 {
		return bad("Limit", "%d is negative", f.Limit)
	}

	var from, to time.Time
	var err error
	if f.From != "" {
		if from, err = time.Parse("2006-01-02", f.From); err != nil {
			return bad("From", "%q: want YYYY-MM-DD", f.From)
		}
	}
	if f.To != "" {
		if to, err = time.Parse("2006-01-02", f.To); err != nil {
			return bad("To", "%q: want YYYY-MM-DD", f.To)
		}
	}
	if f.From != "" && f.To != "" && to.Before(from) {
		return bad("To", "%s is before From %s", f.To, f.From)
	}
	// An event dated to a week, month or year counts from its first day,
	// as in Aggregate, so that a range and the groups inside it agree.
	if f.From != "" {
		add("e.day_from >= ?", f.From)
	}
	if f.To != "" {
		add("e.day_from <> '' AND e.day_from <= ?", f.To)
	}

	code := func(field, v string) (string, error) {
		v = strings.ToUpper(strings.TrimSpace(v))
		for _, r := range v {
			if !(r >= 'A' && r <= 'Z' || r >= '0' && r <= '9') {
				return "", fmt.Errorf("event filter %s: %w: %q: want letters and digits", field, eventwire.ErrInvalid, v)
			}
		}
		return v, nil
	}
	if f.Actor != "" {
		p, err := code("Actor", f.Actor)
		if err != nil {
			return "", nil, err
		}
		add("(e.source_code >= ? AND e.source_code < ? OR e.target_code >= ? AND e.target_code < ?)", p, upper(p), p, upper(p))
	}
	if f.Source != "" {
		p, err := code("Source", f.Source)
		if err != nil {
			return "", nil, err
		}
		add("e.source_code >= ? AND e.source_code < ?", p, upper(p))
	}
	if f.Target != "" {
		p, err := code("Target", f.Target)
		if err != nil {
			return "", nil, err
		}
		add("e.target_code >= ? AND e.target_code < ?", p, upper(p))
	}
	if f.Country != "" {
		c, err := code("Country", f.Country)
		if err != nil {
			return "", nil, err
		}
		add("(e.source_country = ? OR e.target_country = ?)", c, c)
	}
	if len(f.CAMEO) > 0 {
		var ors []string
		for _, c := range f.CAMEO {
			c = strings.TrimSpace(c)
			if c == "" || len(c) > 4 || strings.Trim(c, "0123456789") != "" {
				return bad("CAMEO", "%q: want a code or prefix of up to 4 digits", c)
			}
			ors = append(ors, "e.cameo >= ? AND e.cameo < ?")
			args = append(args, c, upper(c))
		}
		conds = append(conds, "("+strings.Join(ors, " OR ")+")")
	}
	if f.Plover != "" {
		p := strings.ToUpper(strings.TrimSpace(f.Plover))
		if p == "" || strings.Trim(p, "ABCDEFGHIJKLMNOPQRSTUVWXYZ_") != "" {
			return bad("Plover", "%q: want a PLOVER event type such as ASSAULT", f.Plover)
		}
		add("e.plover_type = ?", p)
	}
	if f.Quad != 0 {
		if f.Quad < 1 || f.Quad > 4 {
			return bad("Quad", "%d: want 1 to 4", f.Quad)
		}
		add("e.quad = ?", f.Quad)
	}
	if f.Location != "" {
		l, err := code("Location", f.Location)
		if err != nil {
			return "", nil, err
		}
		add("(e.location_country = ? OR e.location_adm1 = ?)", l, l)
	}
	if b := f.BBox; b != nil {
		minLon, minLat, maxLon, maxLat := b[0], b[1], b[2], b[3]
		for _, v := range b {
			if math.IsNaN(v) || math.IsInf(v, 0) {
				return bad("BBox", "%v: not a number", v)
			}
		}
		if minLon < -180 || maxLon > 180 || minLon > 180 || maxLon < -180 {
			return bad("BBox", "longitudes %v, %v: want -180 to 180", minLon, maxLon)
		}
		if minLat < -90 || maxLat > 90 || minLat > maxLat {
			return bad("BBox", "latitudes %v, %v: want -90 <= min <= max <= 90", minLat, maxLat)
		}
		if minLon <= maxLon {
			add("e.lon BETWEEN ? AND ? AND e.lat BETWEEN ? AND ?", minLon, maxLon, minLat, maxLat)
		} else {
			add("(e.lon >= ? OR e.lon <= ?) AND e.lat BETWEEN ? AND ?", minLon, maxLon, minLat, maxLat)
		}
	}
	if f.Text != "" {
		m := ftsQuery(f.Text)
		if m == "" {
			return bad("Text", "%q has no words", f.Text)
		}
		add("e.pk IN (SELECT rowid FROM events_fts WHERE events_fts MATCH ?)", m)
	}
	if cursor && f.After != "" {
		var day string
		err := s.db.QueryRowContext(ctx, "SELECT day_from FROM events WHERE id = ?", f.After).Scan(&day)
		if errors.Is(err, sql.ErrNoRows) {
			return bad("After", "no event %q", f.After)
		}
		if err != nil {
			return "", nil, fmt.Errorf("event filter After: %w", err)
		}
		add("(e.day_from, e.id) > (?, ?)", day, f.After)
	}
	if len(conds) == 0 {
		return "", nil, nil
	}
	return " WHERE " + strings.Join(conds, " AND "), args, nil
}

// upper returns the least string above every string with prefix p, so that
// "x >= p AND x < upper(p)" is a prefix match an index can serve. p is
// ASCII letters and digits, never empty here.
func upper(p string) string {
	if p == "" {
		return "\xff"
	}
	return p[:len(p)-1] + string(rune(p[len(p)-1]+1))
}

// ftsQuery turns words into an FTS5 query that wants each of them: every
// word quoted, so no user text is read as FTS syntax.
func ftsQuery(text string) string {
	words := strings.FieldsFunc(text, func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) })
	for i, w := range words {
		words[i] = `"` + w + `"`
	}
	return strings.Join(words, " ")
}

// scanner is a *sql.Row or *sql.Rows.
type scanner interface{ Scan(dest ...any) error }

func scanEvent(r scanner) (eventwire.Event, error) { return scanEventWith(r) }

// scanEventWith scans the columns before eventColumns into prefix, then
// the event.
func scanEventWith(r scanner, prefix ...any) (eventwire.Event, error) {
	var ev eventwire.Event
	var prec string
	var src, tgt participantCols
	var ploverContext, explain sql.NullString
	var loc struct {
		name, country, adm1, precision, basis sql.NullString
		lat, lon                              sql.NullFloat64
		geonameid, start, end                 sql.NullInt64
	}
	err := r.Scan(append(prefix, &ev.ID, &ev.Article, &ev.Date, &prec,
		&src.code, &src.country, &src.sector, &src.text, &src.name, &src.start, &src.end, &src.resolved,
		&tgt.code, &tgt.country, &tgt.sector, &tgt.text, &tgt.name, &tgt.start, &tgt.end, &tgt.resolved,
		&ev.CAMEO, &ev.Name, &ev.Root, &ev.Quad, &ev.Goldstein, &ev.Plover.Type, &ev.Plover.Mode, &ploverContext,
		&loc.name, &loc.country, &loc.adm1, &loc.lat, &loc.lon, &loc.geonameid, &loc.precision,
		&loc.start, &loc.end, &loc.basis,
		&ev.Evidence.Sentence, &ev.Evidence.Start, &ev.Evidence.End, &ev.Evidence.Trigger.Start, &ev.Evidence.Trigger.End,
		&ev.Sentence, &ev.Confidence, &explain)...)
	if err != nil {
		return ev, err
	}
	ev.DatePrecision = eventwire.Precision(prec)
	ev.Source, ev.Target = src.participant(), tgt.participant()
	if ploverContext.Valid {
		if err := json.Unmarshal([]byte(ploverContext.String), &ev.Plover.Context); err != nil {
			return ev, fmt.Errorf("event %s: plover context: %w", ev.ID, err)
		}
	}
	if loc.name.Valid {
		ev.Location = &eventwire.Location{Name: loc.name.String, Country: loc.country.String, ADM1: loc.adm1.String,
			Lat: loc.lat.Float64, Lon: loc.lon.Float64, GeonameID: int(loc.geonameid.Int64),
			Precision: loc.precision.String, Basis: loc.basis.String}
		if loc.start.Valid {
			ev.Location.Span = &eventwire.Span{Start: int(loc.start.Int64), End: int(loc.end.Int64)}
		}
	}
	if explain.Valid {
		ev.Explain = new(eventwire.Explanation)
		if err := json.Unmarshal([]byte(explain.String), ev.Explain); err != nil {
			return ev, fmt.Errorf("event %s: explain: %w", ev.ID, err)
		}
	}
	return ev, nil
}

type participantCols struct {
	code, country, sector, text, name, resolved sql.NullString
	start, end                                  sql.NullInt64
}

func (c *participantCols) participant() *eventwire.Participant {
	if !c.code.Valid {
		return nil
	}
	return &eventwire.Participant{Code: c.code.String, Country: c.country.String, Sector: c.sector.String,
		Text: c.text.String, Name: c.name.String, Start: int(c.start.Int64), End: int(c.end.Int64), Resolved: c.resolved.String}
}
