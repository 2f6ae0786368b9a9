package export

import (
	"strconv"
	"strings"

	"github.com/eventwire/eventwire"
)

// column is one field of the flat form of an event record, shared by CSV
// (as text) and GeoJSON (as typed properties). get returns a string, an int,
// a float64 or nil for a value the event lacks.
type column struct {
	name string
	get  func(ev *eventwire.Event) any
}

// flat lists the fields of the JSONL event record with nested objects
// flattened (source.code is source_code), in the record's order. The
// evidence sentence comes last, being the longest.
var flat = func() []column {
	cols := []column{
		{"id", func(ev *eventwire.Event) any { return ev.ID }},
		{"article", func(ev *eventwire.Event) any { return ev.Article }},
		{"date", func(ev *eventwire.Event) any { return ev.Date }},
		{"date_precision", func(ev *eventwire.Event) any { return string(ev.DatePrecision) }},
	}
	for _, side := range []struct {
		name string
		p    func(ev *eventwire.Event) *eventwire.Participant
	}{
		{"source", func(ev *eventwire.Event) *eventwire.Participant { return ev.Source }},
		{"target", func(ev *eventwire.Event) *eventwire.Participant { return ev.Target }},
	} {
		part := func(field string, f func(p *eventwire.Participant) any) column {
			return column{side.name + "_" + field, func(ev *eventwire.Event) any {
				if p := side.p(ev); p != nil {
					return f(p)
				}
				return nil
			}}
		}
		cols = append(cols,
			part("code", func(p *eventwire.Participant) any { return p.Code }),
			part("country", func(p *eventwire.Participant) any { return p.Country }),
			part("sector", func(p *eventwire.Participant) any { return p.Sector }),
			part("text", func(p *eventwire.Participant) any { return p.Text }),
			part("name", func(p *eventwire.Participant) any { return p.Name }),
			part("start", func(p *eventwire.Participant) any { return p.Start }),
			part("end", func(p *eventwire.Participant) any { return p.End }),
			part("resolved", func(p *eventwire.Participant) any { return p.Resolved }),
		)
	}
	cols = append(cols,
		column{"cameo", func(ev *eventwire.Event) any { return ev.CAMEO }},
		column{"name", func(ev *eventwire.Event) any { return ev.Name }},
		column{"root", func(ev *eventwire.Event) any { return ev.Root }},
		column{"quad", func(ev *eventwire.Event) any { return ev.Quad }},
		column{"goldstein", func(ev *eventwire.Event) any { return ev.Goldstein }},
		column{"plover_type", func(ev *eventwire.Event) any { return ev.Plover.Type }},
		column{"plover_mode", func(ev *eventwire.Event) any { return ev.Plover.Mode }},
		// Contexts joined by ";", which no PLOVER context contains.
		column{"plover_context", func(ev *eventwire.Event) any { return strings.Join(ev.Plover.Context, ";") }},
	)
	loc := func(field string, f func(l *eventwire.Location) any) column {
		return column{"location_" + field, func(ev *eventwire.Event) any {
			if ev.Location != nil {
				return f(ev.Location)
			}
			return nil
		}}
	}
	span := func(end bool) func(l *eventwire.Location) any {
		return func(l *eventwire.Location) any {
			if l.Span == nil {
				return nil
			}
			if end {
				return l.Span.End
			}
			return l.Span.Start
		}
	}
	cols = append(cols,
		loc("name", func(l *eventwire.Location) any { return l.Name }),
		loc("country", func(l *eventwire.Location) any { return l.Country }),
		loc("adm1", func(l *eventwire.Location) any { return l.ADM1 }),
		loc("lat", func(l *eventwire.Location) any { return l.Lat }),
		loc("lon", func(l *eventwire.Location) any { return l.Lon }),
		loc("geonameid", func(l *eventwire.Location) any {
			if l.GeonameID == 0 {
				return nil
			}
			return l.GeonameID
		}),
		loc("precision", func(l *eventwire.Location) any { return l.Precision }),
		loc("start", span(false)),
		loc("end", span(true)),
		loc("basis", func(l *eventwire.Location) any { return l.Basis }),
		column{"evidence_start", func(ev *eventwire.Event) any { return ev.Evidence.Start }},
		column{"evidence_end", func(ev *eventwire.Event) any { return ev.Evidence.End }},
		column{"trigger_start", func(ev *eventwire.Event) any { return ev.Evidence.Trigger.Start }},
		column{"trigger_end", func(ev *eventwire.Event) any { return ev.Evidence.Trigger.End }},
		column{"sentence_index", func(ev *eventwire.Event) any { return ev.Sentence }},
		column{"confidence", func(ev *eventwire.Event) any { return ev.Confidence }},
		column{"evidence_sentence", func(ev *eventwire.Event) any { return ev.Evidence.Sentence }},
	)
	return cols
}()

// CSVColumns are the header of the CSV format.
var CSVColumns = func() []string {
	names := make([]string, len(flat))
	for i, c := range flat {
		names[i] = c.name
	}
	return names
}()

// text renders a flat value for CSV: nil is empty.
func text(v any) string {
	switch v := v.(type) {
	case string:
		return v
	case int:
		return strconv.Itoa(v)
	case float64:
		return strconv.FormatFloat(v, 'f', -1, 64)
	}
	return ""
}
