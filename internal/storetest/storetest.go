package storetest

import (
	"cmp"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"
	"unicode"

	"github.com/eventwire/eventwire"
)

// Run runs the conformance suite. open must return a new, empty store for
// each call; it should register the store's Close with t.Cleanup.
func Run(t *testing.T, open func(t *testing.T) eventwire.EventStore) {
	t.Run("RoundTrip", func(t *testing.T) { testRoundTrip(t, open(t)) })
	t.Run("Idempotent", func(t *testing.T) { testIdempotent(t, open(t)) })
	t.Run("Replace", func(t *testing.T) { testReplace(t, open(t)) })
	t.Run("ReplaceIsAtomic", func(t *testing.T) { testReplaceAtomic(t, open(t)) })
	t.Run("Batch", func(t *testing.T) { testBatch(t, open(t)) })
	t.Run("NoEvents", func(t *testing.T) { testNoEvents(t, open(t)) })
	t.Run("NotFound", func(t *testing.T) { testNotFound(t, open(t)) })
	t.Run("Concurrent", func(t *testing.T) { testConcurrent(t, open(t)) })
	t.Run("Clusters", func(t *testing.T) { testClusters(t, open) })
	t.Run("Queries", func(t *testing.T) {
		s := open(t)
		all := fill(t, s)
		t.Run("Filters", func(t *testing.T) { testFilters(t, s, all) })
		t.Run("Text", func(t *testing.T) { testText(t, s, all) })
		t.Run("Paging", func(t *testing.T) { testPaging(t, s, all) })
		t.Run("Invalid", func(t *testing.T) { testInvalid(t, s) })
		t.Run("Aggregate", func(t *testing.T) { testAggregate(t, s, all) })
	})
}

func put(t *testing.T, s eventwire.EventStore, doc *eventwire.Document) bool {
	t.Helper()
	changed, err := s.PutDocument(context.Background(), doc)
	if err != nil {
		t.Fatalf("PutDocument(%s): %v", doc.Article.ID, err)
	}
	return changed
}

// collect runs a query to the end.
func collect(t *testing.T, s eventwire.EventStore, f eventwire.EventFilter) []eventwire.Event {
	t.Helper()
	var out []eventwire.Event
	for ev, err := range s.Events(context.Background(), f) {
		if err != nil {
			t.Fatalf("Events(%+v): %v", f, err)
		}
		out = append(out, ev)
	}
	return out
}

func ids(evs []eventwire.Event) []string {
	out := make([]string, len(evs))
	for i, ev := range evs {
		out[i] = ev.ID
	}
	return out
}

func asJSON(v any) string {
	b, _ := json.Marshal(v)
	return string(b)
}

// stored is what a store should hold of doc's events: each id once, the
// first of its kind.
func stored(doc *eventwire.Document) []eventwire.Event {
	seen := map[string]bool{}
	var out []eventwire.Event
	for _, ev := range doc.Events {
		if !seen[ev.ID] {
			seen[ev.ID] = true
			out = append(out, ev)
		}
	}
	return out
}

// fill stores the story and the synthetic documents and returns every
// event the store should hold.
func fill(t *testing.T, s eventwire.EventStore) []eventwire.Event {
	var all []eventwire.Event
	for _, doc := range append([]*eventwire.Document{Story(t)}, Synthetic()...) {
		put(t, s, doc)
		all = append(all, stored(doc)...)
	}
	return all
}

func testRoundTrip(t *testing.T, s eventwire.EventStore) {
	ctx := context.Background()
	doc := Story(t)
	if !put(t, s, doc) {
		t.Fatal("a new article reported unchanged")
	}
	want := stored(doc)
	for _, w := range want {
		got, err := s.Event(ctx, w.ID)
		if err != nil {
			t.Fatalf("Event(%s): %v", w.ID, err)
		}
		if g, w := asJSON(got), asJSON(w); g != w {
			t.Errorf("event changed on the way through the store:\n got %s\nwant %s", g, w)
		}
	}
	got := collect(t, s, eventwire.EventFilter{})
	if len(got) != len(want) {
		t.Fatalf("Events() yielded %d events, want %d", len(got), len(want))
	}
	if !slices.Equal(ids(got), ids(sortEvents(want))) {
		t.Errorf("Events() order:\n got %v\nwant %v", ids(got), ids(sortEvents(want)))
	}
	// The explanation, when coded, is kept too.
	exp := Clone(doc, doc.Article.ID, doc.Article.URL)
	for i := range exp.Events {
		exp.Events[i].Explain = &eventwire.Explanation{Rule: "active", Pattern: "SUB talk to OBJ", Entry: "verbs.txt:1", Source: []string{"a:1"}}
	}
	exp.Article.Title += " (explained)"
	put(t, s, exp)
	ev, err := s.Event(ctx, exp.Events[0].ID)
	if err != nil || ev.Explain == nil || ev.Explain.Entry != "verbs.txt:1" {
		t.Errorf("explanation not kept: %+v, %v", ev.Explain, err)
	}
}

func testIdempotent(t *testing.T, s eventwire.EventStore) {
	ctx := context.Background()
	doc := Story(t)
	put(t, s, doc)
	before := collect(t, s, eventwire.EventFilter{})
	if put(t, s, doc) {
		t.Error("storing the same document again reported a change")
	}
	// The same URL under another ID (as when a corpus is read from another
	// directory) is the same article.
	other := Clone(doc, "elsewhere/"+doc.Article.ID, doc.Article.URL)
	if put(t, s, other) {
		t.Error("the same URL and content under another ID reported a change")
	}
	after := collect(t, s, eventwire.EventFilter{})
	if asJSON(before) != asJSON(after) {
		t.Error("an unchanged article changed the stored events")
	}
	h, err := s.ArticleHash(ctx, eventwire.ArticleKey(&doc.Article))
	if err != nil || h != eventwire.ContentHash(&doc.Article) {
		t.Errorf("ArticleHash = %q, %v; want %q", h, err, eventwire.ContentHash(&doc.Article))
	}
	if h, err := s.ArticleHash(ctx, "https://example.org/never"); h != "" || err != nil {
		t.Errorf("ArticleHash of an unknown article = %q, %v; want \"\", nil", h, err)
	}
}

func testReplace(t *testing.T, s eventwire.EventStore) {
	ctx := context.Background()
	docs := Synthetic()
	a := docs[0]
	put(t, s, a)
	put(t, s, docs[1])
	// The article changes: its text is corrected, one event goes, one
	// changes, one is new.
	b := Clone(a, a.Article.ID, a.Article.URL)
	b.Article.Text += " Talks were held."
	b.Events = b.Events[1:]
	b.Events[0].Goldstein = -9
	nev := b.Events[0]
	nev.ID, nev.CAMEO, nev.Root, nev.Name = "a5", "040", "04", "Consult"
	b.Events = append(b.Events, nev)
	b.Mentions = nil
	if !put(t, s, b) {
		t.Fatal("a changed article reported unchanged")
	}
	if _, err := s.Event(ctx, "a1"); !errors.Is(err, eventwire.ErrNotFound) {
		t.Errorf("the dropped event is still there: %v", err)
	}
	if ev, err := s.Event(ctx, "a2"); err != nil || ev.Goldstein != -9 {
		t.Errorf("the changed event: goldstein %v, %v; want -9", ev.Goldstein, err)
	}
	if _, err := s.Event(ctx, "a5"); err != nil {
		t.Errorf("the new event: %v", err)
	}
	got := collect(t, s, eventwire.EventFilter{})
	want := append(stored(b), stored(docs[1])...)
	if !slices.Equal(ids(got), ids(sortEvents(want))) {
		t.Errorf("after replacing:\n got %v\nwant %v", ids(got), ids(sortEvents(want)))
	}
	if h, _ := s.ArticleHash(ctx, a.Article.URL); h != eventwire.ContentHash(&b.Article) {
		t.Error("the stored hash is still the old one")
	}
	// Back to the first version: replaced again.
	if !put(t, s, a) {
		t.Error("going back to the first version reported unchanged")
	}
	if got := collect(t, s, eventwire.EventFilter{}); len(got) != len(stored(a))+len(stored(docs[1])) {
		t.Errorf("after going back: %d events", len(got))
	}
}

// testReplaceAtomic: a replacement that fails half way (an event id that
// belongs to another article) leaves the old version whole.
func testReplaceAtomic(t *testing.T, s eventwire.EventStore) {
	ctx := context.Background()
	docs := Synthetic()
	a, b := docs[0], docs[1]
	put(t, s, a)
	put(t, s, b)
	before := collect(t, s, eventwire.EventFilter{})
	bad := Clone(a, a.Article.ID, a.Article.URL)
	bad.Article.Text += " More."
	bad.Events[len(bad.Events)-1].ID = b.Events[0].ID
	changed, err := s.PutDocument(ctx, bad)
	if err == nil || changed {
		t.Fatalf("PutDocument with another article's event id = %v, %v; want an error", changed, err)
	}
	if !errors.Is(err, eventwire.ErrConflict) {
		t.Errorf("error %v does not wrap ErrConflict", err)
	}
	if after := collect(t, s, eventwire.EventFilter{}); asJSON(before) != asJSON(after) {
		t.Error("a failed replacement changed the stored events")
	}
	if h, _ := s.ArticleHash(ctx, a.Article.URL); h != eventwire.ContentHash(&a.Article) {
		t.Error("a failed replacement changed the stored hash")
	}
	// A new article that fails leaves nothing behind.
	bad = Clone(bad, "syn-c", "https://example.org/c")
	bad.Events[0].ID = b.Events[0].ID
	if _, err := s.PutDocument(ctx, bad); err == nil {
		t.Fatal("a new article with another article's event id was stored")
	}
	if h, _ := s.ArticleHash(ctx, "https://example.org/c"); h != "" {
		t.Error("a failed new article left its row")
	}
}

// testBatch: PutDocuments stores each document as PutDocument would; one
// that fails is left out alone.
func testBatch(t *testing.T, s eventwire.EventStore) {
	ctx := context.Background()
	docs := Synthetic()
	a, b, empty := docs[0], docs[1], docs[2]
	put(t, s, b)
	bad := Clone(a, "syn-c", "https://example.org/c")
	bad.Events[1].ID = b.Events[1].ID // another article's event
	changedB := Clone(b, b.Article.ID, b.Article.URL)
	changedB.Article.Text += " Later."
	batch := []*eventwire.Document{a, bad, empty, a, changedB, Story(t)}
	res, err := s.PutDocuments(ctx, batch)
	if err != nil {
		t.Fatal(err)
	}
	if len(res) != len(batch) {
		t.Fatalf("%d results for %d documents", len(res), len(batch))
	}
	want := []bool{true, false, true, false, true, true}
	for i, r := range res {
		if i == 1 {
			if !errors.Is(r.Err, eventwire.ErrConflict) {
				t.Errorf("document 1: %v, want ErrConflict", r.Err)
			}
			continue
		}
		if r.Err != nil || r.Changed != want[i] {
			t.Errorf("document %d (%s): changed %v, %v; want %v", i, batch[i].Article.ID, r.Changed, r.Err, want[i])
		}
	}
	if h, _ := s.ArticleHash(ctx, "https://example.org/c"); h != "" {
		t.Error("the failed document was stored")
	}
	got := collect(t, s, eventwire.EventFilter{})
	all := append(append(stored(a), stored(changedB)...), stored(Story(t))...)
	if !slices.Equal(ids(got), ids(sortEvents(all))) {
		t.Errorf("after the batch:\n got %v\nwant %v", ids(got), ids(sortEvents(all)))
	}
	if res, err := s.PutDocuments(ctx, nil); err != nil || len(res) != 0 {
		t.Errorf("empty batch: %v, %v", res, err)
	}
}

func testNoEvents(t *testing.T, s eventwire.EventStore) {
	ctx := context.Background()
	empty := Synthetic()[2]
	if !put(t, s, empty) {
		t.Error("a new article without events reported unchanged")
	}
	if put(t, s, empty) {
		t.Error("storing it again reported a change")
	}
	if h, _ := s.ArticleHash(ctx, eventwire.ArticleKey(&empty.Article)); h == "" {
		t.Error("the article without events was not stored")
	}
	if got := collect(t, s, eventwire.EventFilter{}); len(got) != 0 {
		t.Errorf("%d events from an article with none", len(got))
	}
	// An article without URL or ID cannot be stored.
	if _, err := s.PutDocument(ctx, &eventwire.Document{Article: eventwire.Article{Text: "x"}}); !errors.Is(err, eventwire.ErrInvalid) {
		t.Errorf("article without URL or ID: %v, want ErrInvalid", err)
	}
}

func testNotFound(t *testing.T, s eventwire.EventStore) {
	if _, err := s.Event(context.Background(), "no-such-event"); !errors.Is(err, eventwire.ErrNotFound) {
		t.Errorf("Event(no-such-event) = %v, want ErrNotFound", err)
	}
	put(t, s, Synthetic()[0])
	if _, err := s.Event(context.Background(), "a1x"); !errors.Is(err, eventwire.ErrNotFound) {
		t.Errorf("Event(a1x) = %v, want ErrNotFound", err)
	}
}

// testConcurrent: several writers at once, distinct articles and the same
// one; every write lands, and the same article is stored once.
func testConcurrent(t *testing.T, s eventwire.EventStore) {
	ctx := context.Background()
	story := Story(t)
	const writers, each = 6, 5
	var wg sync.WaitGroup
	var mu sync.Mutex
	changedSame := 0
	errs := make(chan error, writers*each*2)
	for w := range writers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range each {
				id := fmt.Sprintf("copy-%d-%d", w, i)
				doc := Clone(story, id, "https://example.org/"+id)
				if _, err := s.PutDocument(ctx, doc); err != nil {
					errs <- err
				}
				changed, err := s.PutDocument(ctx, story)
				if err != nil {
					errs <- err
				}
				if changed {
					mu.Lock()
					changedSame++
					mu.Unlock()
				}
			}
		}()
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Error(err)
	}
	if changedSame != 1 {
		t.Errorf("the same article stored by %d writers reported a change %d times, want once", writers*each, changedSame)
	}
	n := len(stored(story))
	if got := len(collect(t, s, eventwire.EventFilter{})); got != n*(writers*each+1) {
		t.Errorf("%d events stored, want %d", got, n*(writers*each+1))
	}
}

// dayRange is the reference for the days an event's date covers.
func dayRange(ev eventwire.Event) (from, to string) {
	d := ev.Date
	switch {
	case d == "":
		return "", ""
	case len(d) == 4:
		return d + "-01-01", d + "-12-31"
	case len(d) == 7:
		t, _ := time.Parse("2006-01", d)
		return t.Format("2006-01-02"), t.AddDate(0, 1, -1).Format("2006-01-02")
	}
	if ev.DatePrecision == eventwire.PrecisionWeek {
		t, _ := time.Parse("2006-01-02", d[:10])
		return d[:10], t.AddDate(0, 0, 6).Format("2006-01-02")
	}
	return d[:10], d[:10]
}

func sortEvents(evs []eventwire.Event) []eventwire.Event {
	out := slices.Clone(evs)
	slices.SortStableFunc(out, func(a, b eventwire.Event) int {
		fa, _ := dayRange(a)
		fb, _ := dayRange(b)
		return cmp.Or(strings.Compare(fa, fb), strings.Compare(a.ID, b.ID))
	})
	return out
}

func words(s string) []string {
	return strings.FieldsFunc(strings.ToLower(s), func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) })
}

// match is the reference for every filter but Text, After and Limit.
func match(f eventwire.EventFilter, ev eventwire.Event) bool {
	from, _ := dayRange(ev)
	if f.From != "" && (from == "" || from < f.From) {
		return false
	}
	if f.To != "" && (from == "" || from > f.To) {
		return false
	}
	code := func(p *eventwire.Participant) string {
		if p == nil {
			return "\x00"
		}
		return p.Code
	}
	country := func(p *eventwire.Participant) string {
		if p == nil {
			return "\x00"
		}
		return p.Country
	}
	up := strings.ToUpper
	if f.Actor != "" && !strings.HasPrefix(code(ev.Source), up(f.Actor)) && !strings.HasPrefix(code(ev.Target), up(f.Actor)) {
		return false
	}
	if f.Source != "" && !strings.HasPrefix(code(ev.Source), up(f.Source)) {
		return false
	}
	if f.Target != "" && !strings.HasPrefix(code(ev.Target), up(f.Target)) {
		return false
	}
	if f.Country != "" && country(ev.Source) != up(f.Country) && country(ev.Target) != up(f.Country) {
		return false
	}
	if len(f.CAMEO) > 0 && !slices.ContainsFunc(f.CAMEO, func(p string) bool { return strings.HasPrefix(ev.CAMEO, p) }) {
		return false
	}
	if f.Plover != "" && ev.Plover.Type != up(f.Plover) {
		return false
	}
	if f.Quad != 0 && ev.Quad != f.Quad {
		return false
	}
	l := ev.Location
	if f.Location != "" && (l == nil || l.Country != up(f.Location) && l.ADM1 != up(f.Location)) {
		return false
	}
	if b := f.BBox; b != nil {
		if l == nil || l.Lat < b[1] || l.Lat > b[3] {
			return false
		}
		if b[0] <= b[2] && (l.Lon < b[0] || l.Lon > b[2]) || b[0] > b[2] && l.Lon < b[0] && l.Lon > b[2] {
			return false
		}
	}
	return true
}

func reference(all []eventwire.Event, f eventwire.EventFilter) []eventwire.Event {
	var out []eventwire.Event
	for _, ev := range sortEvents(all) {
		if match(f, ev) {
			out = append(out, ev)
		}
	}
	if f.Limit > 0 && len(out) > f.Limit {
		out = out[:f.Limit]
	}
	return out
}

func testFilters(t *testing.T, s eventwire.EventStore, all []eventwire.Event) {
	syria := [4]float64{35, 32, 42.5, 37.5}
	pacific := [4]float64{178, -20, -179, 60}
	cases := []struct {
		name    string
		f       eventwire.EventFilter
		must    []string // ids that must be among the results
		mustNot []string // ids that must not
		none    bool     // the result must be empty
	}{
		{name: "all"},
		{name: "February 2020", f: eventwire.EventFilter{From: "2020-02-01", To: "2020-02-29"}},
		{name: "month and week dates count from their first day", f: eventwire.EventFilter{From: "2021-03-01", To: "2021-03-01"},
			must: []string{"a2", "a4"}, mustNot: []string{"a1"}},
		{name: "and only from it", f: eventwire.EventFilter{From: "2021-03-02"}, must: []string{"a1"}, mustNot: []string{"a2", "a4", "a3"}},
		{name: "year date", f: eventwire.EventFilter{To: "2019-06-01"}, must: []string{"b1"}, mustNot: []string{"a3"}},
		{name: "one day", f: eventwire.EventFilter{From: "2021-03-04", To: "2021-03-04"}, must: []string{"a1"}, mustNot: []string{"a2"}},
		{name: "actor prefix", f: eventwire.EventFilter{Actor: "RUS"}, must: []string{"a1", "a2"}},
		{name: "actor full code", f: eventwire.EventFilter{Actor: "RUSMIL"}, must: []string{"a1"}},
		{name: "actor lower case", f: eventwire.EventFilter{Actor: "ukr"}, must: []string{"a1", "a3", "a4"}},
		{name: "source", f: eventwire.EventFilter{Source: "TUR"}},
		{name: "target", f: eventwire.EventFilter{Target: "SYR"}},
		{name: "source and target", f: eventwire.EventFilter{Source: "UKR", Target: "RUS"}, must: []string{"a4"}},
		{name: "country", f: eventwire.EventFilter{Country: "UKR"}, must: []string{"a1", "a3", "a4"}},
		{name: "cameo root", f: eventwire.EventFilter{CAMEO: []string{"19"}}, must: []string{"a1"}},
		{name: "cameo list", f: eventwire.EventFilter{CAMEO: []string{"041", "042"}}, must: []string{"b1"}},
		{name: "cameo four digits", f: eventwire.EventFilter{CAMEO: []string{"0311"}}, must: []string{"a3"}},
		{name: "cameo one digit", f: eventwire.EventFilter{CAMEO: []string{"1"}}, must: []string{"a1", "a2", "a4", "b2"}},
		{name: "plover", f: eventwire.EventFilter{Plover: "ASSAULT"}, must: []string{"a1"}},
		{name: "plover lower case", f: eventwire.EventFilter{Plover: "consult"}, must: []string{"b1"}},
		{name: "quad 1", f: eventwire.EventFilter{Quad: 1}, must: []string{"a3", "b1"}},
		{name: "quad 4", f: eventwire.EventFilter{Quad: 4}, must: []string{"a1", "a2", "b2"}},
		{name: "location country", f: eventwire.EventFilter{Location: "SYR"}},
		{name: "location adm1", f: eventwire.EventFilter{Location: "UP07"}, must: []string{"a1"}},
		{name: "bbox", f: eventwire.EventFilter{BBox: &syria}},
		{name: "bbox across the antimeridian", f: eventwire.EventFilter{BBox: &pacific}, must: []string{"b1", "b2"}},
		{name: "combined", f: eventwire.EventFilter{Actor: "SYR", Quad: 4, From: "2020-02-01", Location: "SYR"}},
		{name: "limit", f: eventwire.EventFilter{Limit: 5}},
		{name: "nothing", f: eventwire.EventFilter{Actor: "ZZZ"}, none: true},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			got := ids(collect(t, s, c.f))
			want := ids(reference(all, c.f))
			if !slices.Equal(got, want) {
				t.Errorf("Events(%s):\n got %v\nwant %v", asJSON(c.f), got, want)
			}
			if len(want) == 0 && !c.none {
				t.Errorf("the case selects nothing; it tests too little")
			}
			for _, id := range c.must {
				if !slices.Contains(got, id) {
					t.Errorf("%s not selected", id)
				}
			}
			for _, id := range c.mustNot {
				if slices.Contains(got, id) {
					t.Errorf("%s selected", id)
				}
			}
		})
	}
}

// testText: Text wants every word, in any case. Stores may stem, so the
// results must include every event holding the words as written and only
// events holding their first letters.
func testText(t *testing.T, s eventwire.EventStore, all []eventwire.Event) {
	for _, q := range []string{"Saraqib", "syrian army", "SANCTIONS", "attacks", "Erdogan, Putin!", "nowhere-to-be-found"} {
		got := collect(t, s, eventwire.EventFilter{Text: q})
		qw := words(q)
		var exact []string
		for _, ev := range sortEvents(all) {
			sw := words(ev.Evidence.Sentence)
			if !slices.ContainsFunc(qw, func(w string) bool { return !slices.Contains(sw, w) }) {
				exact = append(exact, ev.ID)
			}
		}
		for _, id := range exact {
			if !slices.Contains(ids(got), id) {
				t.Errorf("Text %q: %s holds the words but was not selected", q, id)
			}
		}
		for _, ev := range got {
			lower := strings.ToLower(ev.Evidence.Sentence)
			for _, w := range qw {
				if stem := w[:min(len(w), 5)]; !strings.Contains(lower, stem) {
					t.Errorf("Text %q selected %s, whose sentence lacks %q: %s", q, ev.ID, stem, ev.Evidence.Sentence)
				}
			}
		}
		if q != "nowhere-to-be-found" && len(got) == 0 {
			t.Errorf("Text %q selected nothing", q)
		}
	}
	// Combined with another filter.
	got := collect(t, s, eventwire.EventFilter{Text: "attacks", Source: "UKR"})
	if !slices.Equal(ids(got), []string{"a4"}) {
		t.Errorf("Text and Source: %v, want [a4]", ids(got))
	}
}

func testPaging(t *testing.T, s eventwire.EventStore, all []eventwire.Event) {
	for _, f := range []eventwire.EventFilter{{}, {Quad: 4}, {From: "2020-01-01"}} {
		want := ids(reference(all, f))
		for _, size := range []int{1, 3, 100} {
			var got []string
			p := f
			p.Limit = size
			for pages := 0; ; pages++ {
				page := ids(collect(t, s, p))
				got = append(got, page...)
				if len(page) < size {
					break
				}
				if pages > len(all) {
					t.Fatal("paging does not end")
				}
				p.After = page[len(page)-1]
			}
			if !slices.Equal(got, want) {
				t.Errorf("pages of %d over %s:\n got %v\nwant %v", size, asJSON(f), got, want)
			}
		}
	}
	// Stopping early is fine, and the store is usable after it.
	for range s.Events(context.Background(), eventwire.EventFilter{}) {
		break
	}
	if _, err := s.Event(context.Background(), all[0].ID); err != nil {
		t.Error(err)
	}
}

func testInvalid(t *testing.T, s eventwire.EventStore) {
	cases := []eventwire.EventFilter{
		{From: "2020-13-01"},
		{To: "21 Feb 2020"},
		{From: "2020-03-01", To: "2020-02-01"},
		{Quad: 5},
		{Quad: -1},
		{CAMEO: []string{"19", "x"}},
		{CAMEO: []string{"19001"}},
		{Actor: "RUS; DROP TABLE events"},
		{Plover: "assault!"},
		{BBox: &[4]float64{0, 95, 10, 96}},
		{BBox: &[4]float64{0, 10, 10, 5}},
		{BBox: &[4]float64{-200, 0, 10, 5}},
		{BBox: &[4]float64{math.NaN(), 0, 10, 5}},
		{Text: "!!!"},
		{After: "no-such-event"},
		{Limit: -1},
	}
	for _, f := range cases {
		var err error
		for _, e := range s.Events(context.Background(), f) {
			if e != nil {
				err = e
				break
			}
		}
		if !errors.Is(err, eventwire.ErrInvalid) {
			t.Errorf("Events(%s): %v, want ErrInvalid", asJSON(f), err)
		}
		if f.After != "" {
			continue
		}
		if _, err := s.Aggregate(context.Background(), f, eventwire.ByDay); !errors.Is(err, eventwire.ErrInvalid) {
			t.Errorf("Aggregate(%s): %v, want ErrInvalid", asJSON(f), err)
		}
	}
	for _, by := range []string{"", "year", "DAY"} {
		if _, err := s.Aggregate(context.Background(), eventwire.EventFilter{}, by); !errors.Is(err, eventwire.ErrInvalid) {
			t.Errorf("Aggregate by %q: %v, want ErrInvalid", by, err)
		}
	}
	if _, err := s.Aggregate(context.Background(), eventwire.EventFilter{After: "a1"}, eventwire.ByDay); !errors.Is(err, eventwire.ErrInvalid) {
		t.Errorf("Aggregate with a cursor: %v, want ErrInvalid", err)
	}
}

// groupKey is the reference for Aggregate's keys.
func groupKey(by string, ev eventwire.Event) string {
	from, _ := dayRange(ev)
	switch by {
	case eventwire.ByDay:
		return from
	case eventwire.ByWeek:
		if from == "" {
			return ""
		}
		d, _ := time.Parse("2006-01-02", from)
		return d.AddDate(0, 0, -((int(d.Weekday()) + 6) % 7)).Format("2006-01-02")
	case eventwire.ByMonth:
		return from[:min(len(from), 7)]
	case eventwire.ByDyad:
		code := func(p *eventwire.Participant) string {
			if p == nil {
				return "-"
			}
			return p.Code
		}
		return code(ev.Source) + "/" + code(ev.Target)
	case eventwire.ByRoot:
		return ev.Root
	case eventwire.ByCountry:
		if ev.Location == nil {
			return ""
		}
		return ev.Location.Country
	}
	panic("unknown grouping " + by)
}

func testAggregate(t *testing.T, s eventwire.EventStore, all []eventwire.Event) {
	ctx := context.Background()
	for _, f := range []eventwire.EventFilter{{}, {Quad: 4}, {From: "2020-02-01", To: "2020-02-29"}} {
		for _, by := range []string{eventwire.ByDay, eventwire.ByWeek, eventwire.ByMonth, eventwire.ByDyad, eventwire.ByRoot, eventwire.ByCountry} {
			got, err := s.Aggregate(ctx, f, by)
			if err != nil {
				t.Fatalf("Aggregate(%s, %s): %v", asJSON(f), by, err)
			}
			want := map[string]*eventwire.Bucket{}
			for _, ev := range reference(all, f) {
				k := groupKey(by, ev)
				b := want[k]
				if b == nil {
					b = &eventwire.Bucket{Key: k}
					want[k] = b
				}
				b.Events++
				b.GoldsteinSum += ev.Goldstein
			}
			if len(got) != len(want) {
				t.Errorf("Aggregate(%s, %s): %d buckets, want %d: %s", asJSON(f), by, len(got), len(want), asJSON(got))
			}
			time := by == eventwire.ByDay || by == eventwire.ByWeek || by == eventwire.ByMonth
			for i, b := range got {
				w := want[b.Key]
				if w == nil {
					t.Errorf("Aggregate(%s, %s): unexpected bucket %q", asJSON(f), by, b.Key)
					continue
				}
				if b.Events != w.Events || math.Abs(b.GoldsteinSum-w.GoldsteinSum) > 1e-6 ||
					math.Abs(b.GoldsteinMean-w.GoldsteinSum/float64(w.Events)) > 1e-6 {
					t.Errorf("Aggregate(%s, %s) bucket %q = %d events, sum %v, mean %v; want %d, %v, %v", asJSON(f), by, b.Key,
						b.Events, b.GoldsteinSum, b.GoldsteinMean, w.Events, w.GoldsteinSum, w.GoldsteinSum/float64(w.Events))
				}
				if by == eventwire.ByDyad && b.Source+"/"+b.Target != b.Key {
					t.Errorf("dyad bucket %q: source %q, target %q", b.Key, b.Source, b.Target)
				}
				if i == 0 {
					continue
				}
				prev := got[i-1]
				if time && prev.Key >= b.Key || !time && (prev.Events < b.Events || prev.Events == b.Events && prev.Key >= b.Key) {
					t.Errorf("Aggregate(%s, %s): bucket %q before %q", asJSON(f), by, prev.Key, b.Key)
				}
			}
		}
	}
	got, err := s.Aggregate(ctx, eventwire.EventFilter{Limit: 2}, eventwire.ByRoot)
	if err != nil || len(got) != 2 {
		t.Errorf("Aggregate with Limit 2: %d buckets, %v", len(got), err)
	}
}
