package export

import (
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/eventwire/eventwire"
)

// Formats are the names New accepts.
var Formats = []string{"gdelt", "plover", "csv", "geojson"}

// Writer streams events in one format. Write formats one event; Close
// writes whatever ends the output (GeoJSON's closing brackets, a CSV header
// when no event came) and flushes, but does not close the io.Writer under it.
// After an error, the output is incomplete and the writer is of no more use.
type Writer interface {
	Write(ev *eventwire.Event) error
	Close() error
}

// Options carries what an event does not know of itself.
type Options struct {
	// ArticleURL returns the URL of the article an event was coded from
	// (GDELT's SOURCEURL). Nil, or "" returned, falls back to the article
	// id when that is a URL.
	ArticleURL func(article string) string
	// Added is when the events entered the store (GDELT's DATEADDED);
	// zero leaves the column empty.
	Added time.Time
}

// New returns a writer for the named format, one of Formats.
func New(format string, w io.Writer, o Options) (Writer, error) {
	switch format {
	case "gdelt":
		return NewGDELT(w, o), nil
	case "plover":
		return NewPLOVER(w, o), nil
	case "csv":
		return NewCSV(w), nil
	case "geojson":
		return NewGeoJSON(w), nil
	}
	return nil, fmt.Errorf("export format %q: %w: want %s", format, eventwire.ErrInvalid, strings.Join(Formats, ", "))
}

// sourceURL is the URL of ev's article as far as o and the article id tell.
func (o *Options) sourceURL(article string) string {
	if o.ArticleURL != nil {
		if u := o.ArticleURL(article); u != "" {
			return u
		}
	}
	if strings.HasPrefix(article, "http://") || strings.HasPrefix(article, "https://") {
		return article
	}
	return ""
}

// firstDay returns the first day an event date covers as year, month and
// day: "2020-02" is 2020, 2, 1. ok is false for an empty or malformed date.
func firstDay(date string) (y, m, d int, ok bool) {
	if len(date) > 10 && date[10] == 'T' {
		date = date[:10] // a time of day: the day is enough
	}
	layouts := []string{"2006-01-02", "2006-01", "2006"}
	for _, l := range layouts {
		if len(date) != len(l) {
			continue
		}
		t, err := time.Parse(l, date)
		if err != nil {
			return 0, 0, 0, false
		}
		return t.Year(), int(t.Month()), t.Day(), true
	}
	// A week ("2020-W08") stands at its Monday.
	var yy, ww int
	if n, err := fmt.Sscanf(date, "%4d-W%2d", &yy, &ww); err == nil && n == 2 && len(date) == 8 && ww >= 1 && ww <= 53 {
		jan4 := time.Date(yy, 1, 4, 0, 0, 0, 0, time.UTC)
		monday := jan4.AddDate(0, 0, -((int(jan4.Weekday())+6)%7)+7*(ww-1))
		return monday.Year(), int(monday.Month()), monday.Day(), true
	}
	return 0, 0, 0, false
}
