package lexicon_test

import (
	"strings"
	"testing"

	"github.com/eventwire/eventwire"
	"github.com/eventwire/eventwire/lexicon"
)

func tokens(words ...string) []eventwire.Token {
	out := make([]eventwire.Token, len(words))
	for i, w := range words {
		out[i] = eventwire.Token{Text: w}
	}
	return out
}

// NormTokens must agree with Norm word for word; it only allocates less.
func TestNormTokens(t *testing.T) {
	tests := [][]string{
		nil,
		{""},
		{"The", "U.S.", "army", "Erdoğan", "’s", "PUTIN", "", "a", "\u0301", "Ärzte", "x"},
		{"already", "lower", "case"},
		{"ß", "Straße", "NATO"},
	}
	for _, words := range tests {
		prefix := []string{"kept"}
		got := lexicon.NormTokens(append([]string(nil), prefix...), tokens(words...))
		if len(got) != len(prefix)+len(words) || got[0] != "kept" {
			t.Fatalf("NormTokens(%q) = %q", words, got)
		}
		for i, w := range words {
			if want := lexicon.Norm(w); got[1+i] != want {
				t.Errorf("NormTokens(%q)[%d] = %q, want %q", words, i, got[1+i], want)
			}
		}
	}
}

func FuzzNormTokens(f *testing.F) {
	f.Add("The Syrian ARMY entered Saraqib")
	f.Add("Erdoğan ’s \u0301 Straße")
	f.Fuzz(func(t *testing.T, s string) {
		words := strings.Split(s, " ")
		got := lexicon.NormTokens(nil, tokens(words...))
		for i, w := range words {
			if want := lexicon.Norm(w); got[i] != want {
				t.Fatalf("word %d %q: got %q, want %q", i, w, got[i], want)
			}
		}
	})
}

// The hashed lookups and matches answer as the plain ones do.
func TestHashedLookups(t *testing.T) {
	lex, err := lexicon.Default()
	if err != nil {
		t.Fatal(err)
	}
	phrases, matches := 0, 0
	for _, sentence := range []string{
		"The Syrian government forces attacked rebels near Idlib on Monday and met with Turkish President Recep Tayyip Erdogan",
		"Russia is ready to boost trade with China , was set to visit Ankara and is deeply concerned about the clashes",
		"Iran is",
	} {
		p, m := checkHashed(t, lex, sentence)
		phrases += p
		matches += m
	}
	if phrases == 0 || matches < 3 {
		t.Errorf("test sentences found %d phrases and %d pattern matches; want some of each", phrases, matches)
	}
}

func checkHashed(t *testing.T, lex *lexicon.Lexicon, sentence string) (phrases, matches int) {
	raw := strings.Fields(sentence)
	words := strings.Fields(strings.ToLower(sentence))
	hash := make([]uint32, len(words))
	for i, w := range words {
		hash[i] = lexicon.Hash(w)
	}
	stop := func(int) bool { return false }
	var ws lexicon.WordSet
	for _, w := range words {
		ws.Add(w)
	}
	for i, w := range words {
		cands := lex.Phrases().Candidates(w)
		if got := lex.Phrases().CandidatesHashed(w, hash[i]); len(got) != len(cands) {
			t.Errorf("CandidatesHashed(%q) gives %d phrases, Candidates %d", w, len(got), len(cands))
		}
		for _, ph := range cands {
			fits := ph.Fits(words, raw, i)
			if ph.FitsHashed(words, raw, hash, i) != fits {
				t.Errorf("phrase %q at %d: FitsHashed disagrees with Fits (%v)", ph.Words, i, fits)
			}
			if fits {
				phrases++
			}
		}
		hms := lex.Verbs().Lookup(w)
		if got := lex.Verbs().LookupHashed(w, hash[i]); len(got) != len(hms) {
			t.Errorf("LookupHashed(%q) gives %d patterns, Lookup %d", w, len(got), len(hms))
		}
		at := lex.Verbs().LookupAt(words, hash, i)
		var kept []*lexicon.Pattern
		for k := range hms {
			hm := &hms[k]
			if _, ok := hm.Pattern.MatchHashed(words, hash, i, stop); ok || len(at) == len(hms) {
				kept = append(kept, hm.Pattern)
			}
		}
		// LookupAt may keep patterns that fail, but never drops one that
		// matches, and keeps the order.
		j := 0
		for _, p := range kept {
			for j < len(at) && at[j].Pattern != p {
				j++
			}
			if j == len(at) {
				t.Errorf("LookupAt(%q) at %d lost pattern %q or its order", w, i, p.Text)
				break
			}
		}
		for k := range hms {
			hm := &hms[k]
			end, ok := hm.Pattern.Match(words, i, stop)
			hend, hok := hm.Pattern.MatchHashed(words, hash, i, stop)
			if ok != hok || end != hend {
				t.Errorf("pattern %q at %d: MatchHashed = %d, %v; Match = %d, %v", hm.Pattern.Text, i, hend, hok, end, ok)
			}
			if ok && (!hm.MayMatch(ws, hash, i) || !hm.Pattern.Possible(ws)) {
				t.Errorf("pattern %q at %d matches, but MayMatch or Possible says it cannot", hm.Pattern.Text, i)
			}
			if ok {
				matches++
			}
		}
	}
	return phrases, matches
}
