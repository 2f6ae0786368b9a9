package export

import (
	"bufio"
	"encoding/json"
	"fmt"
	"io"
	"math"
	"strconv"

	"github.com/eventwire/eventwire"
)

// GeoJSON writes events as a GeoJSON FeatureCollection of Point features,
// streamed: the opening is written before the first event and the closing
// by Close. Each feature's id is the event id and its properties are the
// flat fields of the CSV format, typed. Events without a location (or
// with coordinates that are not numbers) are skipped; Skipped counts them.
type GeoJSON struct {
	w       *bufio.Writer
	n       int
	Skipped int
	buf     []byte
}

// NewGeoJSON returns a GeoJSON writer on w.
func NewGeoJSON(w io.Writer) *GeoJSON { return &GeoJSON{w: bufio.NewWriter(w)} }

func (g *GeoJSON) open() {
	if g.n == 0 {
		g.w.WriteString(`{"type":"FeatureCollection","features":[`)
	}
}

// Write writes ev as a Feature, or skips it when it has no location.
func (g *GeoJSON) Write(ev *eventwire.Event) error {
	if l := ev.Location; l == nil || !finite(l.Lat) || !finite(l.Lon) {
		g.Skipped++
		return nil
	}
	g.open()
	if g.n > 0 {
		g.w.WriteByte(',')
	}
	g.n++
	b := g.buf[:0]
	b = append(b, "\n{\"type\":\"Feature\",\"id\":"...)
	var err error
	if b, err = appendJSON(b, ev.ID); err != nil {
		return err
	}
	b = append(b, `,"geometry":{"type":"Point","coordinates":[`...)
	b = strconv.AppendFloat(b, ev.Location.Lon, 'f', -1, 64)
	b = append(b, ',')
	b = strconv.AppendFloat(b, ev.Location.Lat, 'f', -1, 64)
	b = append(b, `]},"properties":{`...)
	for i, c := range flat {
		if i > 0 {
			b = append(b, ',')
		}
		b = append(b, '"')
		b = append(b, c.name...)
		b = append(b, `":`...)
		if b, err = appendJSON(b, c.get(ev)); err != nil {
			return fmt.Errorf("event %s: %s: %w", ev.ID, c.name, err)
		}
	}
	b = append(b, "}}"...)
	g.buf = b
	_, err = g.w.Write(b)
	return err
}

func finite(f float64) bool { return !math.IsNaN(f) && !math.IsInf(f, 0) }

// appendJSON appends v as JSON; numbers that JSON cannot hold (NaN, ±Inf)
// become null rather than failing the whole export.
func appendJSON(b []byte, v any) ([]byte, error) {
	switch v := v.(type) {
	case nil:
		return append(b, "null"...), nil
	case int:
		return strconv.AppendInt(b, int64(v), 10), nil
	case float64:
		if math.IsNaN(v) || math.IsInf(v, 0) {
			return append(b, "null"...), nil
		}
		return strconv.AppendFloat(b, v, 'f', -1, 64), nil
	}
	j, err := json.Marshal(v)
	if err != nil {
		return b, err
	}
	return append(b, j...), nil
}

// Close writes the end of the collection, an empty one if no event had a
// location, and flushes.
func (g *GeoJSON) Close() error {
	g.open()
	if g.n == 0 {
		g.n = -1 // the opening is written; do not write it again
	}
	g.w.WriteString("\n]}\n")
	return g.w.Flush()
}
