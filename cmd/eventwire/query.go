package main

import (
	"bufio"
	"context"
	"encoding/csv"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"strconv"
	"strings"
	"time"

	"github.com/eventwire/eventwire"
)

func runQuery(ctx context.Context, e *env, args []string) error {
	fs := flag.NewFlagSet("query", flag.ContinueOnError)
	db := fs.String("db", defaultDB, dbUsage)
	filter := filterFlags(fs)
	by := fs.String("by", "", "count by `GROUP`: day, week, month, dyad, root or country (of the location), with Goldstein sums and means")
	out := fs.String("out", "", "output: `table`, jsonl or csv (default: table on a terminal, jsonl otherwise)")
	clusters := fs.Bool("clusters", false, "list deduplicated events: one row per event reported by many stories, with its mention, source and article counts")
	cluster := fs.Int64("cluster", 0, "list every mention of the cluster `ID`, with its article and evidence")
	setUsage(fs, e, "eventwire query [flags]",
		"Lists the stored events that pass every filter given, by date, or counts them by group.")
	if err := parseFlagsOnly(fs, args); err != nil {
		return err
	}
	f, err := filter()
	if err != nil {
		return err
	}
	switch *by {
	case "", eventwire.ByDay, eventwire.ByWeek, eventwire.ByMonth, eventwire.ByDyad, eventwire.ByRoot, eventwire.ByCountry:
	default:
		return usageErr("--by %q: want day, week, month, dyad, root or country", *by)
	}
	if *by != "" && f.After != "" {
		return usageErr("--after pages through events; it does not go with --by")
	}
	if *by != "" && (*clusters || *cluster != 0) {
		return usageErr("--by counts events; it does not go with --clusters or --cluster")
	}
	if *out == "" {
		*out = "jsonl"
		if e.stdoutTTY {
			*out = "table"
		}
	}
	if *out != "table" && *out != "jsonl" && *out != "csv" {
		return usageErr("--out %q: want table, jsonl or csv", *out)
	}

	st, err := openStore(ctx, *db, true)
	if err != nil {
		return err
	}
	defer st.Close()
	if *by != "" {
		buckets, err := st.Aggregate(ctx, f, *by)
		if err != nil {
			return filterErr(err)
		}
		if err := writeBuckets(e.stdout, *out, *by, buckets); err != nil {
			return fmt.Errorf("write output: %w", err)
		}
		return nil
	}
	if *clusters {
		return writeClusters(ctx, e, st, f, *out)
	}
	var w eventWriter
	switch *out {
	case "jsonl":
		bw := bufio.NewWriter(e.stdout)
		w = bufferedWriter{newJSONLWriter(bw), bw}
	case "table":
		w = newTableWriter(e.stdout, terminalWidth())
	case "csv":
		w = newCSVEventWriter(e.stdout)
	}
	if *cluster != 0 {
		c, err := st.Cluster(ctx, *cluster)
		if err != nil {
			return err
		}
		for i := range c.Mentions {
			if err := w.write(&c.Mentions[i]); err != nil {
				return fmt.Errorf("write output: %w", err)
			}
		}
		return w.flush()
	}
	for ev, err := range st.Events(ctx, f) {
		if err != nil {
			w.flush()
			return filterErr(err)
		}
		if err := w.write(&ev); err != nil {
			return fmt.Errorf("write output: %w", err)
		}
	}
	if err := w.flush(); err != nil {
		return fmt.Errorf("write output: %w", err)
	}
	return nil
}

// bufferedWriter flushes the buffer under an eventWriter.
type bufferedWriter struct {
	eventWriter
	bw *bufio.Writer
}

func (b bufferedWriter) flush() error {
	if err := b.eventWriter.flush(); err != nil {
		return err
	}
	return b.bw.Flush()
}

// filterErr turns a store's complaint about the filter into a usage error.
func filterErr(err error) error {
	if errors.Is(err, eventwire.ErrInvalid) {
		return usageErr("%v", err)
	}
	return err
}

// checkFilter validates the flags and fills the filter fields that need
// parsing, so that a bad value is reported with the flag's name.
func checkFilter(f *eventwire.EventFilter, cameo, quad, bbox string) error {
	for _, d := range []struct{ flag, v string }{{"--from", f.From}, {"--to", f.To}} {
		if d.v == "" {
			continue
		}
		if _, err := time.Parse("2006-01-02", d.v); err != nil {
			return usageErr("%s %q: want YYYY-MM-DD", d.flag, d.v)
		}
	}
	if f.From != "" && f.To != "" && f.To < f.From {
		return usageErr("--to %s is before --from %s", f.To, f.From)
	}
	for _, c := range []struct {
		flag string
		v    *string
	}{{"--actor", &f.Actor}, {"--source", &f.Source}, {"--target", &f.Target}, {"--country", &f.Country}, {"--place", &f.Location}} {
		*c.v = strings.ToUpper(strings.TrimSpace(*c.v))
		if strings.Trim(*c.v, "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789") != "" {
			return usageErr("%s %q: want a code of letters and digits", c.flag, *c.v)
		}
	}
	if f.Country != "" && len(f.Country) != 3 {
		return usageErr("--country %q: want an alpha-3 country code such as SYR", f.Country)
	}
	if cameo != "" {
		for _, c := range strings.Split(cameo, ",") {
			c = strings.TrimSpace(c)
			if c == "" || len(c) > 4 || strings.Trim(c, "0123456789") != "" {
				return usageErr("--cameo %q: want CAMEO codes or prefixes of up to 4 digits, comma separated", cameo)
			}
			f.CAMEO = append(f.CAMEO, c)
		}
	}
	f.Plover = strings.ToUpper(strings.TrimSpace(f.Plover))
	if strings.Trim(f.Plover, "ABCDEFGHIJKLMNOPQRSTUVWXYZ_") != "" {
		return usageErr("--plover %q: want a PLOVER event type such as ASSAULT", f.Plover)
	}
	if quad != "" {
		n, err := strconv.Atoi(quad)
		if err != nil || n < 1 || n > 4 {
			return usageErr("--quad %q: want 1, 2, 3 or 4", quad)
		}
		f.Quad = n
	}
	if bbox != "" {
		parts := strings.Split(bbox, ",")
		if len(parts) != 4 {
			return usageErr("--bbox %q: want MINLON,MINLAT,MAXLON,MAXLAT", bbox)
		}
		var b [4]float64
		for i, p := range parts {
			v, err := strconv.ParseFloat(strings.TrimSpace(p), 64)
			if err != nil || v != v {
				return usageErr("--bbox %q: %q is not a number", bbox, p)
			}
			b[i] = v
		}
		if b[0] < -180 || b[0] > 180 || b[2] < -180 || b[2] > 180 {
			return usageErr("--bbox %q: longitudes must be within -180 and 180", bbox)
		}
		if b[1] < -90 || b[3] > 90 || b[1] > b[3] {
			return usageErr("--bbox %q: latitudes must be within -90 and 90, the min first", bbox)
		}
		f.BBox = &b
	}
	if f.Text != "" && strings.IndexFunc(f.Text, isWordRune) < 0 {
		return usageErr("--text %q: no words", f.Text)
	}
	if f.Limit < 0 {
		return usageErr("--limit %d: want 0 or more", f.Limit)
	}
	return nil
}

func isWordRune(r rune) bool {
	return r >= '0' && r <= '9' || r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r > 0x7f
}

// csvEventWriter writes events as CSV with a header, one flat row an event.
type csvEventWriter struct {
	w      *csv.Writer
	header bool
}

func newCSVEventWriter(w io.Writer) *csvEventWriter { return &csvEventWriter{w: csv.NewWriter(w)} }

var csvEventHeader = []string{"id", "article", "date", "date_precision",
	"source_code", "source_country", "source_sector", "source_text",
	"target_code", "target_country", "target_sector", "target_text",
	"cameo", "name", "root", "quad", "goldstein", "plover_type", "plover_mode",
	"location_name", "location_country", "location_adm1", "lat", "lon", "geonameid",
	"evidence", "evidence_start", "evidence_end", "trigger_start", "trigger_end", "confidence"}

func (c *csvEventWriter) write(ev *eventwire.Event) error {
	if !c.header {
		if err := c.w.Write(csvEventHeader); err != nil {
			return err
		}
		c.header = true
	}
	num := func(f float64) string { return strconv.FormatFloat(f, 'f', -1, 64) }
	part := func(p *eventwire.Participant) []string {
		if p == nil {
			return []string{"", "", "", ""}
		}
		return []string{p.Code, p.Country, p.Sector, p.Text}
	}
	row := []string{ev.ID, ev.Article, ev.Date, string(ev.DatePrecision)}
	row = append(row, part(ev.Source)...)
	row = append(row, part(ev.Target)...)
	row = append(row, ev.CAMEO, ev.Name, ev.Root, strconv.Itoa(ev.Quad), num(ev.Goldstein), ev.Plover.Type, ev.Plover.Mode)
	if l := ev.Location; l != nil {
		gid := ""
		if l.GeonameID != 0 {
			gid = strconv.Itoa(l.GeonameID)
		}
		row = append(row, l.Name, l.Country, l.ADM1, num(l.Lat), num(l.Lon), gid)
	} else {
		row = append(row, "", "", "", "", "", "")
	}
	row = append(row, ev.Evidence.Sentence, strconv.Itoa(ev.Evidence.Start), strconv.Itoa(ev.Evidence.End),
		strconv.Itoa(ev.Evidence.Trigger.Start), strconv.Itoa(ev.Evidence.Trigger.End), num(ev.Confidence))
	return c.w.Write(row)
}

func (c *csvEventWriter) flush() error {
	if !c.header {
		if err := c.w.Write(csvEventHeader); err != nil {
			return err
		}
		c.header = true
	}
	c.w.Flush()
	return c.w.Error()
}

// writeBuckets prints an aggregation.
func writeBuckets(w io.Writer, out, by string, buckets []eventwire.Bucket) error {
	bw := bufio.NewWriter(w)
	num := func(f float64) string { return strconv.FormatFloat(f, 'f', -1, 64) }
	switch out {
	case "jsonl":
		enc := newJSONLWriter(bw).enc
		for _, b := range buckets {
			if err := enc.Encode(b); err != nil {
				return err
			}
		}
	case "csv":
		cw := csv.NewWriter(bw)
		head := []string{by}
		if by == eventwire.ByDyad {
			head = []string{"source", "target"}
		}
		cw.Write(append(head, "events", "goldstein_sum", "goldstein_mean"))
		for _, b := range buckets {
			key := []string{b.Key}
			if by == eventwire.ByDyad {
				key = []string{dash(b.Source), dash(b.Target)}
			}
			cw.Write(append(key, strconv.Itoa(b.Events), num(b.GoldsteinSum), num(b.GoldsteinMean)))
		}
		cw.Flush()
		if err := cw.Error(); err != nil {
			return err
		}
	case "table":
		if by == eventwire.ByDyad {
			fmt.Fprintf(bw, "%-10s  %-10s  %8s  %12s  %9s\n", "SOURCE", "TARGET", "EVENTS", "GOLDSTEIN", "MEAN")
		} else {
			fmt.Fprintf(bw, "%-10s  %8s  %12s  %9s\n", strings.ToUpper(by), "EVENTS", "GOLDSTEIN", "MEAN")
		}
		total, sum := 0, 0.0
		for _, b := range buckets {
			if by == eventwire.ByDyad {
				fmt.Fprintf(bw, "%-10s  %-10s  %8d  %12.1f  %9.2f\n", b.Source, b.Target, b.Events, b.GoldsteinSum, b.GoldsteinMean)
			} else {
				fmt.Fprintf(bw, "%-10s  %8d  %12.1f  %9.2f\n", dash(b.Key), b.Events, b.GoldsteinSum, b.GoldsteinMean)
			}
			total += b.Events
			sum += b.GoldsteinSum
		}
		mean := 0.0
		if total > 0 {
			mean = sum / float64(total)
		}
		if by == eventwire.ByDyad {
			fmt.Fprintf(bw, "%-10s  %-10s  %8d  %12.1f  %9.2f\n", "total", "", total, sum, mean)
		} else {
			fmt.Fprintf(bw, "%-10s  %8d  %12.1f  %9.2f\n", "total", total, sum, mean)
		}
	}
	return bw.Flush()
}

// dash stands in for a missing value in a table: an undated event's day, a
// missing actor of a dyad.
func dash(s string) string {
	if s == "" {
		return "-"
	}
	return s
}

// writeClusters lists deduplicated events: the earliest mention of each
// cluster with the counts GDELT keeps (mentions, sources, articles).
func writeClusters(ctx context.Context, e *env, st eventwire.EventStore, f eventwire.EventFilter, out string) error {
	bw := bufio.NewWriter(e.stdout)
	defer bw.Flush()
	var cw *csv.Writer
	switch out {
	case "table":
		fmt.Fprintf(bw, "%-8s %-10s  %-10s %-5s %-10s %-14s %8s %7s %8s  %s\n",
			"CLUSTER", "DATE", "SOURCE", "CODE", "TARGET", "PLACE", "MENTIONS", "SOURCES", "ARTICLES", "REREPORT")
	case "csv":
		cw = csv.NewWriter(bw)
		cw.Write([]string{"cluster", "date", "source", "target", "cameo", "place", "country", "num_mentions", "num_sources", "num_articles", "rereport"})
	}
	enc := json.NewEncoder(bw)
	enc.SetEscapeHTML(false)
	for c, err := range st.Clusters(ctx, f) {
		if err != nil {
			return filterErr(err)
		}
		ev := c.Event
		src, tgt, place, country := "-", "-", "-", ""
		if ev.Source != nil {
			src = ev.Source.Code
		}
		if ev.Target != nil {
			tgt = ev.Target.Code
		}
		if ev.Location != nil {
			place, country = ev.Location.Name, ev.Location.Country
		}
		var err error
		switch out {
		case "table":
			_, err = fmt.Fprintf(bw, "%-8d %-10s  %-10s %-5s %-10s %-14s %8d %7d %8d  %v\n",
				c.ID, ev.Date, src, ev.CAMEO, tgt, cut(place, 14), c.NumMentions, c.NumSources, c.NumArticles, c.ReReport)
		case "csv":
			err = cw.Write([]string{strconv.FormatInt(c.ID, 10), ev.Date, src, tgt, ev.CAMEO, place, country,
				strconv.Itoa(c.NumMentions), strconv.Itoa(c.NumSources), strconv.Itoa(c.NumArticles), strconv.FormatBool(c.ReReport)})
		default:
			err = enc.Encode(c)
		}
		if err != nil {
			return fmt.Errorf("write output: %w", err)
		}
	}
	if cw != nil {
		cw.Flush()
		if err := cw.Error(); err != nil {
			return fmt.Errorf("write output: %w", err)
		}
	}
	return bw.Flush()
}

// filterFlags declares the event filter flags that query and export share
// on fs, and returns the function that, after parsing, checks them and
// gives the filter.
func filterFlags(fs *flag.FlagSet) func() (eventwire.EventFilter, error) {
	f := new(eventwire.EventFilter)
	fs.StringVar(&f.From, "from", "", "events on or after `YYYY-MM-DD` (an event dated to a week, month or year counts from its first day)")
	fs.StringVar(&f.To, "to", "", "events on or before `YYYY-MM-DD`")
	fs.StringVar(&f.Actor, "actor", "", "source or target actor `CODE` or prefix (RUS, RUSMIL)")
	fs.StringVar(&f.Source, "source", "", "source actor `CODE` or prefix")
	fs.StringVar(&f.Target, "target", "", "target actor `CODE` or prefix")
	fs.StringVar(&f.Country, "country", "", "source or target actor country, alpha-3 `CODE`")
	cameo := fs.String("cameo", "", "CAMEO `CODES` or prefixes, comma separated (19 is the root, 041,042)")
	fs.StringVar(&f.Plover, "plover", "", "PLOVER event `TYPE` (ASSAULT, CONSULT, ...)")
	quad := fs.String("quad", "", "quad class `N`: 1 verbal cooperation, 2 material cooperation, 3 verbal conflict, 4 material conflict")
	fs.StringVar(&f.Location, "place", "", "event location: alpha-3 country or ADM1 `CODE` (SYR, SY07)")
	bbox := fs.String("bbox", "", "event location inside `MINLON,MINLAT,MAXLON,MAXLAT` (min lon > max lon crosses the antimeridian)")
	fs.StringVar(&f.Text, "text", "", "events whose evidence sentence has all these `WORDS` (any case, stemmed)")
	fs.StringVar(&f.After, "after", "", "list the events after the event `ID` (the last one of the previous page)")
	fs.IntVar(&f.Limit, "limit", 0, "at most `N` events (or groups); 0 for all")
	return func() (eventwire.EventFilter, error) {
		err := checkFilter(f, *cameo, *quad, *bbox)
		return *f, err
	}
}
