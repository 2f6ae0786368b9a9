package lexicon_test

import (
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"github.com/eventwire/eventwire/lexicon"
)

func TestEmbeddedLexiconChecks(t *testing.T) {
	l, err := lexicon.Default()
	if err != nil {
		t.Fatalf("embedded lexicon does not load cleanly: %v", err)
	}
	for _, e := range lexicon.Check(l) {
		t.Errorf("%v", e)
	}
	st := l.Stats()
	t.Logf("stats: %+v", st)
	if st.Countries < 190 {
		t.Errorf("only %d countries", st.Countries)
	}
}

func load(t *testing.T, files map[string]string) (*lexicon.Lexicon, error) {
	t.Helper()
	fsys := fstest.MapFS{}
	for name, body := range files {
		fsys[name] = &fstest.MapFile{Data: []byte(body)}
	}
	return lexicon.Load(lexicon.Layer{Dir: "test", FS: fsys})
}

func TestLoadReportsBadLinesAndKeepsTheRest(t *testing.T) {
	l, err := load(t, map[string]string{
		"countries.txt": "country SYR Syria\n  adj Syrian | Syrians\n  seat Damascus\ncountry XX Bad\n  alias Nowhere\ncountry TUR Turkey\n  seat Ankara\n",
		"people.txt":    "actor Vladimir Putin\n  alias Putin\n  role RUSGOV 2012-05-07.. president\n  role RUSGOV 20x..\n",
		"verbs.txt":     "040 discuss ; both\n9999 nonsense\n041 discuss * phone call ; both\n",
	})
	if err == nil {
		t.Fatal("want errors for the bad lines")
	}
	var msgs []string
	for _, e := range err.(interface{ Unwrap() []error }).Unwrap() {
		msgs = append(msgs, e.Error())
	}
	msg := strings.Join(msgs, "\n")
	for _, want := range []string{"test/countries.txt:4", "test/people.txt:4", "unknown CAMEO code 9999"} {
		if !strings.Contains(msg, want) {
			t.Errorf("error %q does not name %s", msg, want)
		}
	}
	if len(l.Countries) != 2 || len(l.Entities) != 1 || len(l.Entities[0].Roles) != 1 || l.Verbs().Lookup("discussed") == nil {
		t.Errorf("good lines lost: %d countries, %d entities, %d patterns", len(l.Countries), len(l.Entities), len(l.Patterns))
	}
}

func TestCheckFindsOverlapsAndDuplicates(t *testing.T) {
	l, _ := load(t, map[string]string{
		"countries.txt": "country RUS Russia\n  adj Russian\ncountry TUR Turkey\n  adj Turkish\n",
		"people.txt": "actor A\n  role RUSGOV 2000..2005\n  role RUSGOV 2004..2008\n" +
			"actor B\n  role RUSGOV\n  role RUSELI\n" +
			"actor C\n  role XYZGOV\n" +
			"actor A\n  role TURGOV\n",
		"agents.txt": "agent MIL troop\nagent GOV troop\n",
		"organisations.txt": "actor Father\n  alias Bush\n  role USAGOV 1989..1993\n  role USAELI\n" +
			"actor Son\n  alias Bush\n  role USAGOV 2001..2009\n  role USAELI\n" +
			"actor Twin\n  alias Bush\n  role USAGOV 2005..2006\n",
		"verbs.txt": "040 meet ; both\n040 meet ; both\n",
	})
	var got []string
	for _, e := range lexicon.Check(l) {
		got = append(got, e.Error())
	}
	all := strings.Join(got, "\n")
	for _, want := range []string{"overlaps", "more than one undated role", "unknown country or prefix XYZ", "defined twice", "agent \"troop\" is GOV", "listed twice", "\"Bush\" names both \"Son\""} {
		if !strings.Contains(all, want) {
			t.Errorf("check did not report %q; got:\n%s", want, all)
		}
	}
	if strings.Contains(all, "names both \"Father\"") {
		t.Errorf("father and son in office years apart may share a surname; got:\n%s", all)
	}
}

func TestRoleAt(t *testing.T) {
	l, err := load(t, map[string]string{
		"countries.txt": "country RUS Russia\n",
		"people.txt": "actor Vladimir Putin\n  role RUSGOV 1999-08-09..2008-05-07 president\n" +
			"  role RUSGOV 2008-05-08..2012-05-06 prime minister\n  role RUSGOV 2012-05-07.. president\n  role RUSELI\n",
	})
	if err != nil {
		t.Fatal(err)
	}
	e := l.Entities[0]
	for _, tt := range []struct {
		date, title string
	}{{"2020-02-21", "president"}, {"2010-01-01", "prime minister"}, {"1995-01-01", ""}} {
		d, _ := time.Parse("2006-01-02", tt.date)
		r, ok := e.RoleAt(d)
		if !ok || r.Title != tt.title {
			t.Errorf("RoleAt(%s) = %+v, want title %q", tt.date, r, tt.title)
		}
	}
}

func TestInflections(t *testing.T) {
	l, _ := load(t, map[string]string{"irregular.txt": "meet met met\nhold held held\nadmit admitted admitted\ncancel cancelled|canceled cancelled|canceled\n"})
	for lemma, want := range map[string]string{
		"discuss": "discuss discussed discusses discussing",
		"meet":    "meet meeting meets met",
		"stop":    "stop stopped stopping stops",
		"deny":    "denied denies deny denying",
		"visit":   "visit visited visiting visits",
		"use":     "use used uses using",
		"be":      "am are be been being is was were",
		"agree":   "agree agreed agreeing agrees",
		"admit":   "admit admits admitted admitting",
		"cancel":  "cancel canceled canceling cancelled cancelling cancels",
	} {
		var got []string
		for f := range l.Inflections(lemma) {
			got = append(got, f)
		}
		sortStrings(got)
		if strings.Join(got, " ") != want {
			t.Errorf("Inflections(%s) = %v, want %s", lemma, got, want)
		}
	}
}

func sortStrings(s []string) {
	for i := 1; i < len(s); i++ {
		for j := i; j > 0 && s[j] < s[j-1]; j-- {
			s[j], s[j-1] = s[j-1], s[j]
		}
	}
}

func TestPatternMatch(t *testing.T) {
	stopAtComma := func(words []string) func(int) bool {
		return func(k int) bool { return k < len(words) && words[k] == "," }
	}
	tests := []struct {
		pattern string
		words   string
		want    int // words matched including the head; 0 = no match
	}{
		{"041 discuss * phone|telephone call", "discussed the situation in idlib during a phone call on friday", 9},
		{"041 discuss * phone|telephone call", "discussed the situation , and a phone call", 0},
		{"190 launch * offensive against", "launched an offensive against the", 4},
		{"138 be ready to use * force|firepower", "is ready to use all of its firepower", 8},
		{"070 provide military? support to", "provide support to", 3},
		{"070 provide military? support to", "provide military support to", 4},
	}
	for _, tt := range tests {
		p, err := lexicon.ParsePattern(tt.pattern)
		if err != nil {
			t.Fatal(err)
		}
		words := strings.Fields(tt.words)
		end, ok := p.Match(words, 0, stopAtComma(words))
		got := 0
		if ok {
			got = end
		}
		if got != tt.want {
			t.Errorf("%q on %q: matched %d words, want %d", tt.pattern, tt.words, got, tt.want)
		}
	}
}

func TestNorm(t *testing.T) {
	for in, want := range map[string]string{"Erdoğan": "erdogan", "leader’s": "leader's", "ÉLYSÉE": "elysee", "abc": "abc", "İdlib": "idlib"} {
		if got := lexicon.Norm(in); got != want {
			t.Errorf("Norm(%q) = %q, want %q", in, got, want)
		}
	}
}

func FuzzLoad(f *testing.F) {
	f.Add("country SYR Syria\n  adj Syrian\n", "actor X\n  role SYRGOV 2000..\n", "040 meet ; both\n")
	f.Add("  seat Foo\n", "role\n", "@ * ;")
	f.Fuzz(func(t *testing.T, countries, people, verbs string) {
		l, _ := load(t, map[string]string{"countries.txt": countries, "people.txt": people, "verbs.txt": verbs})
		lexicon.Check(l)
		l.Stats()
	})
}

func BenchmarkLoadDefault(b *testing.B) {
	sub := lexicon.EmbeddedFS()
	b.ReportAllocs()
	for b.Loop() {
		if _, err := lexicon.Load(lexicon.Layer{FS: sub}); err != nil {
			b.Fatal(err)
		}
	}
}
