package storetest

import (
	"cmp"
	"context"
	"errors"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/eventwire/eventwire"
)

// Reports returns small documents that report the same events: the
// shelling of Kharkiv on 10 May 2022 told by alpha.example (twice, in two
// articles), beta.example (a day later by its reckoning, twice in one
// story) and, two weeks after, as a reminder by gamma.example; with events
// that differ from it only in target, code, place, or a date three days
// off, and two month-dated reports of sanctions.
func Reports() []*eventwire.Document {
	kharkiv := func() *eventwire.Location {
		return &eventwire.Location{Name: "Kharkiv", Country: "UKR", ADM1: "UP07", Lat: 49.98, Lon: 36.25, GeonameID: 706483,
			Precision: "city", Basis: "clause"}
	}
	part := func(code, country, text string, start int) *eventwire.Participant {
		return &eventwire.Participant{Code: code, Country: country, Text: text, Start: start, End: start + len(text)}
	}
	shelling := func(article, id, date, sentence string, start int) eventwire.Event {
		return eventwire.Event{Article: article, ID: id, Date: date, DatePrecision: eventwire.PrecisionDay,
			Source: part("RUSMIL", "RUS", "Russian forces", start), Target: part("UKRMIL", "UKR", "Ukrainian troops", start+23),
			CAMEO: "190", Name: "Use conventional military force", Root: "19", Quad: 4, Goldstein: -10,
			Plover: eventwire.Plover{Type: "ASSAULT"}, Location: kharkiv(),
			Evidence:   eventwire.Evidence{Sentence: sentence, Start: start, End: start + len(sentence), Trigger: eventwire.Span{Start: start + 15, End: start + 22}},
			Confidence: 0.8}
	}
	doc := func(id, url, published string, evs ...eventwire.Event) *eventwire.Document {
		pub, _ := time.Parse("2006-01-02", published)
		text := ""
		for _, ev := range evs {
			for len(text) < ev.Evidence.End {
				text += " "
			}
			text = text[:ev.Evidence.Start] + ev.Evidence.Sentence + text[ev.Evidence.End:]
		}
		return &eventwire.Document{
			Article: eventwire.Article{ID: id, URL: url, Title: id, Text: text, Published: pub},
			PubDate: eventwire.PubDate{Time: pub, Source: "caller", Precision: eventwire.PrecisionDay},
			Events:  evs,
		}
	}
	x1 := shelling("rep-x", "x1", "2022-05-10", "Russian forces shelled Ukrainian troops in Kharkiv on Tuesday.", 0)
	w1 := shelling("rep-w", "w1", "2022-05-10", "Russian forces shelled Ukrainian troops near Kharkiv.", 0)
	y1 := shelling("rep-y", "y1", "2022-05-11", "Russian forces shelled Ukrainian troops in Kharkiv overnight.", 0)
	y2 := shelling("rep-y", "y2", "2022-05-11", "Russian forces shelled Ukrainian troops, witnesses said.", 70)
	y3 := shelling("rep-y", "y3", "2022-05-11", "Russian forces shelled Ukrainian officials in Kharkiv.", 140)
	y3.Target = part("UKRGOV", "UKR", "Ukrainian officials", 163)
	y4 := shelling("rep-y", "y4", "2022-05-11", "Russian forces bombed Ukrainian troops in Kharkiv from the air.", 210)
	y4.CAMEO, y4.Name = "195", "Employ aerial weapons"
	y5 := shelling("rep-y", "y5", "2022-05-11", "Russian forces shelled Ukrainian troops in Izium.", 290)
	y5.Location = &eventwire.Location{Name: "Izium", Country: "UKR", ADM1: "UP07", Lat: 49.21, Lon: 37.26, GeonameID: 707292, Precision: "city"}
	v1 := shelling("rep-v", "v1", "2022-05-13", "Russian forces shelled Ukrainian troops in Kharkiv on Friday.", 0)
	z1 := shelling("rep-z", "z1", "2022-05-10", "Russian forces shelled Ukrainian troops in Kharkiv on 10 May.", 0)
	sanction := func(article, id, sentence string) eventwire.Event {
		return eventwire.Event{Article: article, ID: id, Date: "2022-05", DatePrecision: eventwire.PrecisionMonth,
			Source: part("USAGOV", "USA", "Washington", 0), Target: part("RUSGOV", "RUS", "Moscow", 30),
			CAMEO: "163", Name: "Impose embargo, boycott, or sanctions", Root: "16", Quad: 4, Goldstein: -8,
			Plover:   eventwire.Plover{Type: "SANCTION"},
			Evidence: eventwire.Evidence{Sentence: sentence, Start: 100, End: 100 + len(sentence)}, Confidence: 0.6}
	}
	v2 := sanction("rep-v", "v2", "In May Washington imposed sanctions on Moscow.")
	z2 := sanction("rep-z", "z2", "This month Washington imposed sanctions on Moscow.")
	return []*eventwire.Document{
		doc("rep-x", "https://www.alpha.example/x", "2022-05-11", x1),
		doc("rep-w", "https://alpha.example/w", "2022-05-11", w1),
		doc("rep-y", "https://beta.example/y", "2022-05-12", y1, y2, y3, y4, y5),
		doc("rep-v", "https://delta.example/v", "2022-05-14", v1, v2),
		doc("rep-z", "https://gamma.example/z", "2022-05-26", z1, z2),
	}
}

// clusterOf finds the cluster holding event id among cs.
func clusterOf(t *testing.T, s eventwire.EventStore, cs []eventwire.Cluster, id string) eventwire.Cluster {
	t.Helper()
	for _, c := range cs {
		full, err := s.Cluster(context.Background(), c.ID)
		if err != nil {
			t.Fatalf("Cluster(%d): %v", c.ID, err)
		}
		for _, m := range full.Mentions {
			if m.ID == id {
				return full
			}
		}
	}
	t.Fatalf("no cluster holds event %s", id)
	return eventwire.Cluster{}
}

func collectClusters(t *testing.T, s eventwire.EventStore, f eventwire.EventFilter) []eventwire.Cluster {
	t.Helper()
	var out []eventwire.Cluster
	for c, err := range s.Clusters(context.Background(), f) {
		if err != nil {
			t.Fatalf("Clusters(%s): %v", asJSON(f), err)
		}
		if c.Mentions != nil {
			t.Errorf("Clusters listed cluster %d with its mentions", c.ID)
		}
		out = append(out, c)
	}
	return out
}

// clusterSummary is what the tests compare of a cluster.
type clusterSummary struct {
	Mentions                       []string
	Event                          string
	NumMentions, NumArticles, Srcs int
	ReReport                       bool
}

func summarize(t *testing.T, s eventwire.EventStore, cs []eventwire.Cluster, id string) clusterSummary {
	t.Helper()
	c := clusterOf(t, s, cs, id)
	return clusterSummary{Mentions: ids(c.Mentions), Event: c.Event.ID, NumMentions: c.NumMentions,
		NumArticles: c.NumArticles, Srcs: c.NumSources, ReReport: c.ReReport}
}

func testClusters(t *testing.T, open func(t *testing.T) eventwire.EventStore) {
	ctx := context.Background()
	want := map[string]clusterSummary{
		// alpha twice (with and without www.), beta once with two
		// mentions; the day after is within the window.
		"x1": {Mentions: []string{"w1", "x1", "y1", "y2"}, Event: "w1", NumMentions: 4, NumArticles: 3, Srcs: 2},
		"y3": {Mentions: []string{"y3"}, Event: "y3", NumMentions: 1, NumArticles: 1, Srcs: 1}, // another target
		"y4": {Mentions: []string{"y4"}, Event: "y4", NumMentions: 1, NumArticles: 1, Srcs: 1}, // another code
		"y5": {Mentions: []string{"y5"}, Event: "y5", NumMentions: 1, NumArticles: 1, Srcs: 1}, // another place
		"v1": {Mentions: []string{"v1"}, Event: "v1", NumMentions: 1, NumArticles: 1, Srcs: 1}, // three days later
		// Two weeks on, a re-report, apart from the news.
		"z1": {Mentions: []string{"z1"}, Event: "z1", NumMentions: 1, NumArticles: 1, Srcs: 1, ReReport: true},
		// A month, told by two stories, one late in it: still news.
		"v2": {Mentions: []string{"v2", "z2"}, Event: "v2", NumMentions: 2, NumArticles: 2, Srcs: 2},
	}
	check := func(t *testing.T, s eventwire.EventStore, want map[string]clusterSummary) {
		t.Helper()
		cs := collectClusters(t, s, eventwire.EventFilter{})
		events := collect(t, s, eventwire.EventFilter{})
		total := 0
		for _, c := range cs {
			total += c.NumMentions
		}
		if total != len(events) || len(cs) != len(want) {
			t.Errorf("%d clusters of %d mentions, want %d clusters of %d stored events", len(cs), total, len(want), len(events))
		}
		for id, w := range want {
			if got := summarize(t, s, cs, id); asJSON(got) != asJSON(w) {
				t.Errorf("cluster of %s:\n got %s\nwant %s", id, asJSON(got), asJSON(w))
			}
		}
	}

	t.Run("OneAtATime", func(t *testing.T) {
		s := open(t)
		for _, doc := range Reports() {
			put(t, s, doc)
		}
		check(t, s, want)
	})

	t.Run("Batch", func(t *testing.T) {
		s := open(t)
		if _, err := s.PutDocuments(ctx, Reports()); err != nil {
			t.Fatal(err)
		}
		check(t, s, want)
		// The same articles again change nothing.
		if _, err := s.PutDocuments(ctx, Reports()); err != nil {
			t.Fatal(err)
		}
		check(t, s, want)
	})

	t.Run("Replace", func(t *testing.T) {
		s := open(t)
		docs := Reports()
		for _, doc := range docs {
			put(t, s, doc)
		}
		// beta corrects its story: the shelling goes.
		y := Clone(docs[2], docs[2].Article.ID, docs[2].Article.URL)
		y.Article.Text += " Corrected."
		y.Events = y.Events[2:]
		put(t, s, y)
		fewer := map[string]clusterSummary{}
		for k, v := range want {
			fewer[k] = v
		}
		fewer["x1"] = clusterSummary{Mentions: []string{"w1", "x1"}, Event: "w1", NumMentions: 2, NumArticles: 2, Srcs: 1}
		check(t, s, fewer)
		// Both alpha stories go: the cluster goes with them.
		for _, doc := range docs[:2] {
			c := Clone(doc, doc.Article.ID, doc.Article.URL)
			c.Article.Text += " Corrected."
			c.Events = nil
			put(t, s, c)
		}
		delete(fewer, "x1")
		check(t, s, fewer)
		// And back: every count as before.
		for _, doc := range docs {
			put(t, s, doc)
		}
		check(t, s, want)
	})

	t.Run("Query", func(t *testing.T) {
		s := open(t)
		if _, err := s.PutDocuments(ctx, Reports()); err != nil {
			t.Fatal(err)
		}
		all := collectClusters(t, s, eventwire.EventFilter{})
		if !slices.IsSortedFunc(all, func(a, b eventwire.Cluster) int {
			fa, _ := dayRange(a.Event)
			fb, _ := dayRange(b.Event)
			return cmp.Or(strings.Compare(fa, fb), strings.Compare(a.Event.ID, b.Event.ID))
		}) {
			t.Errorf("clusters out of order: %s", asJSON(all))
		}
		for _, c := range []struct {
			name string
			f    eventwire.EventFilter
			want []string // the events of the clusters, in order
		}{
			{"target and code", eventwire.EventFilter{Target: "UKRMIL", CAMEO: []string{"190"}, From: "2022-05-10", To: "2022-05-12"}, []string{"w1", "z1", "y5"}},
			{"text of a later mention", eventwire.EventFilter{Text: "overnight"}, []string{"w1"}},
			{"month", eventwire.EventFilter{CAMEO: []string{"16"}}, []string{"v2"}},
		} {
			var got []string
			for _, cl := range collectClusters(t, s, c.f) {
				got = append(got, cl.Event.ID)
			}
			if !slices.Equal(got, c.want) {
				t.Errorf("Clusters(%s): %v, want %v", c.name, got, c.want)
			}
		}
		// Paging.
		var paged []eventwire.Cluster
		after := ""
		for {
			page := collectClusters(t, s, eventwire.EventFilter{After: after, Limit: 2})
			if len(page) == 0 {
				break
			}
			paged = append(paged, page...)
			after = strconv.FormatInt(page[len(page)-1].ID, 10)
		}
		if asJSON(paged) != asJSON(all) {
			t.Errorf("paged clusters:\n got %s\nwant %s", asJSON(paged), asJSON(all))
		}
		for _, f := range []eventwire.EventFilter{{After: "x"}, {After: "999999"}, {Text: "!"}, {Quad: 9}} {
			for _, err := range s.Clusters(ctx, f) {
				if !errors.Is(err, eventwire.ErrInvalid) {
					t.Errorf("Clusters(%s): %v, want ErrInvalid", asJSON(f), err)
				}
				break
			}
		}
		if _, err := s.Cluster(ctx, 999999); !errors.Is(err, eventwire.ErrNotFound) {
			t.Errorf("Cluster(999999): %v, want ErrNotFound", err)
		}
		// A cluster's event and mentions are the stored events.
		c := clusterOf(t, s, all, "x1")
		for _, m := range c.Mentions {
			ev, err := s.Event(ctx, m.ID)
			if err != nil || asJSON(ev) != asJSON(m) {
				t.Errorf("mention %s differs from the stored event: %v", m.ID, err)
			}
		}
		if asJSON(c.Event) != asJSON(c.Mentions[0]) {
			t.Error("the cluster's event is not its first mention")
		}
	})

	// Every stored event, undated ones too, is in exactly one cluster.
	t.Run("Everything", func(t *testing.T) {
		s := open(t)
		all := fill(t, s)
		cs := collectClusters(t, s, eventwire.EventFilter{})
		seen := map[string]int{}
		for _, c := range cs {
			full, err := s.Cluster(ctx, c.ID)
			if err != nil {
				t.Fatal(err)
			}
			if len(full.Mentions) != c.NumMentions || c.NumMentions == 0 {
				t.Errorf("cluster %d: %d mentions, NumMentions %d", c.ID, len(full.Mentions), c.NumMentions)
			}
			for _, m := range full.Mentions {
				seen[m.ID]++
			}
		}
		for _, ev := range all {
			if seen[ev.ID] != 1 {
				t.Errorf("event %s is in %d clusters", ev.ID, seen[ev.ID])
			}
		}
		if c := clusterOf(t, s, cs, "a3"); c.NumMentions != 1 {
			t.Errorf("the undated event a3 shares a cluster: %v", ids(c.Mentions))
		}
	})
}
