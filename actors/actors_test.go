package actors_test

import (
	"os"
	"strings"
	"testing"
	"time"

	"github.com/eventwire/eventwire"
	"github.com/eventwire/eventwire/actors"
	"github.com/eventwire/eventwire/lexicon"
	"github.com/eventwire/eventwire/text"
)

func testLexicon(tb testing.TB) *lexicon.Lexicon {
	tb.Helper()
	dir := "../coder/testdata/lexicon"
	lex, err := lexicon.Load(lexicon.Layer{Dir: dir, FS: os.DirFS(dir)})
	if err != nil {
		tb.Fatal(err)
	}
	return lex
}

func tag(tb testing.TB, lex *lexicon.Lexicon, in string, date time.Time) []eventwire.Mention {
	doc := &eventwire.Document{Article: eventwire.Article{Text: in}}
	doc.PubDate.Time = date
	text.NewStage().Process(doc)
	if err := (&actors.Tagger{Lex: lex}).Process(doc); err != nil {
		tb.Fatal(err)
	}
	return doc.Mentions
}

func TestTagger(t *testing.T) {
	lex := testLexicon(t)
	feb2020 := time.Date(2020, 2, 21, 0, 0, 0, 0, time.UTC)
	tests := []struct {
		name string
		in   string
		date time.Time
		want string // "text=CODE" joined by "; "
	}{
		{"titles and coordinated names", "Russian and Turkish Presidents Vladimir Putin and Recep Tayyip Erdogan talked.", feb2020,
			"Vladimir Putin=RUSGOV; Recep Tayyip Erdogan=TURGOV"},
		{"adjective and agent", "Syrian government forces entered Saraqib.", feb2020, "Syrian government forces=SYRMIL"},
		{"noun modifier agent", "Syrian government forces and the Syrian army government", feb2020, "Syrian government forces=SYRMIL; Syrian army government=SYRGOV"},
		{"coordinated adjectives", "Casualties among Syrian and Turkish troops", feb2020, "Syrian and Turkish troops=SYRMIL; Syrian and Turkish troops=TURMIL"},
		{"possessive office", "the Turkish leader’s office informed reporters", feb2020, "Turkish leader’s office=TURGOV"},
		{"seat", "Ankara is ready.", feb2020, "Ankara=TURGOV"},
		{"locative country is a place", "They met in Syria.", feb2020, ""},
		{"plural demonym", "The Syrians left.", feb2020, "Syrians=SYR"},
		{"adjective before a noun is the country", "the only Syrian region", feb2020, "Syrian=SYR"},
		{"adjective before a name is no actor", "the Syrian Idlib province", feb2020, ""},
		{"direction before a place", "rebels withdrew from the town in eastern Syria", feb2020, "rebels=REB"},
		{"dated role", "Assad spoke.", time.Date(2025, 6, 1, 0, 0, 0, 0, time.UTC), "Assad=SYRELI"},
		{"shared surname by date, father", "Bush spoke.", time.Date(1991, 3, 1, 0, 0, 0, 0, time.UTC), "Bush=USAGOV(George H. W. Bush)"},
		{"shared surname by date, son", "Bush spoke.", time.Date(2005, 3, 1, 0, 0, 0, 0, time.UTC), "Bush=USAGOV(George W. Bush)"},
		{"diacritics", "Erdoğan spoke.", feb2020, "Erdoğan=TURGOV"},
		{"all caps alias not lower case", "The UN told us.", feb2020, "UN=IGOUNO"},
		{"context country", "Syrian troops advanced. The armed opposition units fled.", feb2020,
			"Syrian troops=SYRMIL; armed opposition units=SYRREB"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var got []string
			for _, m := range tag(t, lex, tt.in, tt.date) {
				entry := m.Text + "=" + m.Actor.Code
				if strings.HasPrefix(tt.name, "shared surname") {
					entry += "(" + m.Actor.Name + ")"
				}
				got = append(got, entry)
				if tt.in[m.Span.Start:m.Span.End] != m.Text {
					t.Errorf("span %v does not cut %q", m.Span, m.Text)
				}
			}
			if g := strings.Join(got, "; "); g != tt.want {
				t.Errorf("%s\n got %q\nwant %q", tt.in, g, tt.want)
			}
		})
	}
}

func BenchmarkTagger(b *testing.B) {
	lex := testLexicon(b)
	raw, err := os.ReadFile("../testdata/tass-2020-02-21-idlib.txt")
	if err != nil {
		b.Fatal(err)
	}
	doc := &eventwire.Document{Article: eventwire.Article{Text: string(raw)}}
	text.NewStage().Process(doc)
	tg := &actors.Tagger{Lex: lex}
	b.SetBytes(int64(len(raw)))
	b.ReportAllocs()
	for b.Loop() {
		tg.Process(doc)
	}
}
