package geo_test

import (
	"bytes"
	"encoding/csv"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/eventwire/eventwire/internal/repo"

	"github.com/eventwire/eventwire"
	"github.com/eventwire/eventwire/geo"
)

// brief renders places as "Text=COUNTRY/type" for compact comparison.
func brief(ps []eventwire.Place) string {
	var parts []string
	for _, p := range ps {
		parts = append(parts, fmt.Sprintf("%s=%s/%s", p.Text, p.Country, p.Type))
	}
	return strings.Join(parts, " ")
}

func TestFind(t *testing.T) {
	g := gazetteer(t)
	tests := []struct {
		name, text, want string
	}{
		{"city in context", "Syrian troops entered Saraqib, east of Idlib.", "Saraqib=SYR/city Idlib=SYR/city"},
		{"hyphenated Arabic article", "Turkish forces shelled Ras al-Ain on Sunday.", "Ras al-Ain=SYR/city"},
		{"lower-case article", "Rebels retreated from al-Bab in Syria.", "al-Bab=SYR/city Syria=SYR/country"},
		{"multiword region", "Militants refused to surrender arms in Eastern Ghouta.", "Eastern Ghouta=SYR/region"},
		{"division cue", "The offensive in the Idlib province continued.", "Idlib=SYR/adm1"},
		{"possessive", "Syria's Idlib province is the last stronghold.", "Syria=SYR/country Idlib=SYR/adm1"},
		{"demonym is no place", "Syrian and Turkish troops clashed.", ""},
		{"country", "Turkey sent reinforcements.", "Turkey=TUR/country"},
		{"abbreviation in capitals", "The U.S. and the UK condemned the strike.", "U.S.=USA/country UK=GBR/country"},
		{"us is a pronoun", "He told us nothing.", ""},
		{"seat metonym", "Ankara said it would respond.", "Ankara=TUR/city"},
		{"jordan the person, by name", "Michael Jordan scored 40 points.", ""},
		{"jordan the person, speaking", "Jordan said he was tired.", ""},
		{"jordan the country", "Refugees crossed into Jordan on Friday.", "Jordan=JOR/country"},
		{"washington the person", "George Washington was the first president.", ""},
		{"washington the city", "Officials in Washington denied the report.", "Washington=USA/city"},
		{"title before a name", "President Jordan spoke.", ""},
		{"common word at sentence start", "Nice weather helped the harvest.", ""},
		{"common word city", "The festival in Nice was cancelled.", "Nice=FRA/city"},
		{"newspaper", "The Washington Post reported it.", ""},
		{"disease", "The Marburg virus spread.", ""},
		{"month", "The attack came in March.", ""},
		{"person by discourse", "Bruce Ivins worked at the lab. Ivins said nothing.", ""},
		{"dateline in capitals", "ANKARA, February 21. /TASS/. Talks began.", "ANKARA=TUR/city"},
		{"capitals are no place mid-text", "The ANKARA office closed.", ""},
		{"containment", "The case was found in Paris, Texas.", "Paris=USA/city Texas=USA/adm1"},
		{"diacritics", "Protesters gathered in Zürich and São Paulo.", "Zürich=CHE/city São Paulo=BRA/city"},
		{"empty", "", ""},
		// One sense per discourse, from the mention its container places.
		{"container lends its sense", "PARIS, Texas - A tornado tore through Paris late on Tuesday.", "PARIS=USA/city Texas=USA/adm1 Paris=USA/city"},
		{"container both ways", "The samples went to the CDC in Atlanta, Georgia.", "Atlanta=USA/city Georgia=USA/adm1"},
		{"city and country container", "Protests went on in Tbilisi, Georgia.", "Tbilisi=GEO/city Georgia=GEO/country"},
		{"dateline division", "ATLANTA - Election officials in Georgia began a hand count.", "ATLANTA=USA/city Georgia=USA/adm1"},
		{"locative before a speech verb", "Prosecutors in Virginia said he faces ten years.", "Virginia=USA/adm1"},
		{"capitals coordinated", "Washington and Beijing traded accusations on Monday.", "Washington=USA/city Beijing=CHN/city"},
		{"a list of states", "Cases were found in Arizona, California, Georgia and Idaho.", "Arizona=USA/adm1 California=USA/adm1 Georgia=USA/adm1 Idaho=USA/adm1"},
		{"county in the dateline's division", "ATLANTA - Workers in Fulton County were told to expect long shifts.", "ATLANTA=USA/city Fulton County=USA/adm1"},
		{"county named after its town", "DALLAS - Officials in Dallas County closed schools.", "DALLAS=USA/city Dallas County=USA/city"},
		{"breakaway regions", "Russian troops remain in Abkhazia and South Ossetia.", "Abkhazia=GEO/adm1 South Ossetia=GEO/region"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := brief(g.Find(tt.text))
			if got != tt.want {
				t.Errorf("Find(%q)\n got %q\nwant %q", tt.text, got, tt.want)
			}
		})
	}
}

// TestFindConcurrent runs Find from several goroutines at once: they share
// the gazetteer's index and decoded candidates and pooled buffers, and must
// find what one goroutine alone finds.
func TestFindConcurrent(t *testing.T) {
	g, err := geo.Load(bytes.NewReader(gazetteerFile(t))) // a fresh one: its index is built under the race
	if err != nil {
		t.Fatal(err)
	}
	texts := []string{
		"PARIS, Texas - A tornado tore through Paris late on Tuesday, officials in Lamar County said.",
		"Syrian troops entered Saraqib, east of Idlib, and shelled Ras al-Ain.",
		"Washington and Beijing traded accusations; Moscow and Kyiv said nothing.",
		"Cases were found in Arizona, California, Georgia and Idaho.",
	}
	want := make([]string, len(texts))
	var wg sync.WaitGroup
	got := make([][]string, 8)
	for w := range got {
		wg.Go(func() {
			for range 20 {
				got[w] = got[w][:0]
				for _, text := range texts {
					got[w] = append(got[w], brief(g.Find(text)))
				}
			}
		})
	}
	wg.Wait()
	for i, text := range texts {
		want[i] = brief(g.Find(text))
	}
	for w := range got {
		if !slices.Equal(got[w], want) {
			t.Errorf("goroutine %d found %q, want %q", w, got[w], want)
		}
	}
}

func TestTagContext(t *testing.T) {
	g := gazetteer(t)
	text := "Talks were held in Damascus."
	if got := brief(g.Tag(text, geo.Context{})); got != "Damascus=SYR/city" {
		t.Errorf("no context: %q", got)
	}
	// Actor countries pull same-name places their way.
	if got := brief(g.Tag("Crowds gathered in Damascus.", geo.Context{Countries: []string{"USA"}})); got != "Damascus=USA/city" {
		t.Logf("with USA context: %q (the Syrian capital may still win)", got)
	}
	// Excluded spans (a person or organisation) are no places.
	ex := geo.Context{Exclude: []eventwire.Span{{Start: 19, End: 27}}}
	if got := brief(g.Tag(text, ex)); got != "" {
		t.Errorf("excluded span still tagged: %q", got)
	}
	// A dateline is recognised through its span.
	dl := "MOSCOW, Feb 1. Talks began."
	ctx := geo.Context{Dateline: &eventwire.Dateline{City: "MOSCOW", CitySpan: eventwire.Span{Start: 0, End: 6}}}
	if got := brief(g.Tag(dl, ctx)); got != "MOSCOW=RUS/city" {
		t.Errorf("dateline: %q", got)
	}
}

func TestFindExampleStory(t *testing.T) {
	g := gazetteer(t)
	raw, err := os.ReadFile(filepath.Join("testdata", "tass-2020-02-21-idlib.txt"))
	if err != nil {
		t.Fatal(err)
	}
	text := string(raw)
	places := g.Find(text)
	want := []struct {
		text, country, typ string
		lat, lon           float64
	}{
		{"Idlib", "SYR", geo.TypeCity, 35.93, 36.63},
		{"Saraqib", "SYR", geo.TypeCity, 35.86, 36.81},
		{"Latakia", "SYR", geo.TypeCity, 35.53, 35.79},
		{"Damascus", "SYR", geo.TypeCity, 33.51, 36.29},
		{"Aleppo", "SYR", geo.TypeCity, 36.20, 37.16},
		{"Libya", "LBY", geo.TypeCountry, 0, 0},
		{"Syria", "SYR", geo.TypeCountry, 0, 0},
		{"Russia", "RUS", geo.TypeCountry, 0, 0},
		{"ANKARA", "TUR", geo.TypeCity, 39.92, 32.85},
		{"Eastern Ghouta", "SYR", geo.TypeRegion, 0, 0},
	}
	for _, w := range want {
		found := false
		for _, p := range places {
			if p.Text != w.text || p.Type != w.typ {
				continue
			}
			found = true
			if p.Country != w.country {
				t.Errorf("%s at %d resolved to %s %s, want %s", w.text, p.Span.Start, p.Name, p.Country, w.country)
			}
			if w.lat != 0 && geo.Distance(p.Lat, p.Lon, w.lat, w.lon) > 5 {
				t.Errorf("%s at %.2f,%.2f, want %.2f,%.2f", w.text, p.Lat, p.Lon, w.lat, w.lon)
			}
		}
		if !found {
			t.Errorf("%s (%s) not found; got %s", w.text, w.typ, brief(places))
		}
	}
	for _, p := range places {
		if p.Text == "Syrian" || p.Text == "Turkish" || p.Text == "Russian" {
			t.Errorf("demonym %q tagged as a place", p.Text)
		}
		if text[p.Span.Start:p.Span.End] != p.Text {
			t.Errorf("span %v holds %q, not %q", p.Span, text[p.Span.Start:p.Span.End], p.Text)
		}
	}
}

// TestFindLargeInput guards against work quadratic in the number of names.
func TestFindLargeInput(t *testing.T) {
	g := gazetteer(t)
	text := strings.Repeat("Paris, Springfield and Georgia met San Jose in Victoria. ", 4000)
	start := time.Now()
	places := g.Find(text)
	if d := time.Since(start); d > 10*time.Second {
		t.Errorf("Find on %d bytes took %v", len(text), d)
	}
	if len(places) < 4000 {
		t.Errorf("found %d places in %d repetitions", len(places), 4000)
	}
}

func FuzzFind(f *testing.F) {
	g := gazetteer(f)
	for _, s := range []string{
		"Syrian troops entered Saraqib, east of Idlib.",
		"ANKARA, February 21. /TASS/. Ras al-Ain",
		"The U.S. and the UK. People's Republic of China",
		"Ra’s al ‘Ayn Zürich São Paulo al-",
		"\xff\xfeIdlib\x00Damascus-",
		"U.S.A. U. S. al-al-al- ' ’s Syria's",
		"ATLANTA - Fulton County, Georgia, and Paris, Texas, and Paris County County",
		"New York, New York, New York and Washington or Beijing, Moscow, Kyiv",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, text string) {
		places := g.Find(text)
		end := 0
		for _, p := range places {
			if p.Span.Start < end || p.Span.End <= p.Span.Start || p.Span.End > len(text) {
				t.Fatalf("bad span %v after %d in %d bytes", p.Span, end, len(text))
			}
			end = p.Span.End
			if text[p.Span.Start:p.Span.End] != p.Text {
				t.Fatalf("span %v holds %q, not %q", p.Span, text[p.Span.Start:p.Span.End], p.Text)
			}
			if utf8.ValidString(text) && !utf8.ValidString(p.Text) {
				t.Fatalf("span %v splits a rune", p.Span)
			}
			if p.Lat < -90 || p.Lat > 90 || p.Lon < -180 || p.Lon > 180 {
				t.Fatalf("bad point %v,%v", p.Lat, p.Lon)
			}
		}
	})
}

func BenchmarkFind(b *testing.B) {
	g := gazetteer(b)
	raw, err := os.ReadFile(filepath.Join("testdata", "tass-2020-02-21-idlib.txt"))
	if err != nil {
		b.Fatal(err)
	}
	text := string(raw)
	b.SetBytes(int64(len(text)))
	for b.Loop() {
		g.Find(text)
	}
}

// BenchmarkFindWikinews runs Find over the Wikinews corpus in ../shared,
// some 300 articles of general news: the recogniser's speed on text whose
// names are mostly not places, unlike the example story's.
func BenchmarkFindWikinews(b *testing.B) {
	shared := repo.Shared(b)
	files, _ := filepath.Glob(filepath.Join(shared, "corpus", "wikinews", "*.csv"))
	var texts []string
	size := 0
	for _, name := range files {
		f, err := os.Open(name)
		if err != nil {
			b.Fatal(err)
		}
		rows, err := csv.NewReader(f).ReadAll()
		f.Close()
		if err != nil {
			b.Fatalf("%s: %v", name, err)
		}
		col := slices.Index(rows[0], "text")
		if col < 0 {
			b.Fatalf("%s: no text column", name)
		}
		for _, row := range rows[1:] {
			texts = append(texts, row[col])
			size += len(row[col])
		}
	}
	if len(texts) == 0 {
		b.Skip("no Wikinews articles in ../shared/corpus/wikinews")
	}
	g := gazetteer(b)
	g.Find("Warm-up in Damascus.") // the index is built on first use
	b.SetBytes(int64(size))
	b.ReportAllocs()
	for b.Loop() {
		for _, text := range texts {
			g.Find(text)
		}
	}
}
