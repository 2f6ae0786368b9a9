package lexicon

import "strings"

// Form is the grammatical form a matched word has.
type Form uint8

// Forms of verbs and nouns.
const (
	Base       Form = 1 << iota // "discuss"
	ThirdSg                     // "discusses"
	Past                        // "discussed" (simple past)
	Participle                  // "discussed" (past participle)
	Gerund                      // "discussing"
	Singular                    // "attack" as a noun
	Plural                      // "attacks" as a noun
)

// Inflections returns every form of verb lemma, keyed by surface form (one
// surface can carry several forms: "met" is Past|Participle).
func (l *Lexicon) Inflections(lemma string) map[string]Form {
	m := map[string]Form{}
	add := func(s string, f Form) { m[s] |= f }
	if lemma == "be" {
		add("be", Base)
		add("am", ThirdSg)
		add("is", ThirdSg)
		add("are", Base)
		add("was", Past)
		add("were", Past)
		add("been", Participle)
		add("being", Gerund)
		return m
	}
	if lemma == "have" {
		add("have", Base)
		add("has", ThirdSg)
		add("had", Past|Participle)
		add("having", Gerund)
		return m
	}
	add(lemma, Base)
	add(thirdPerson(lemma), ThirdSg)
	ing := gerund(lemma)
	if irr, ok := l.Irregular[lemma]; ok {
		for _, p := range irr[0] {
			add(p, Past)
			// A listed past that doubles its last consonant doubles it
			// before -ing too: admitted, admitting.
			if n := len(lemma); len(p) == n+3 && p[:n] == lemma && p[n] == lemma[n-1] && p[n+1:] == "ed" {
				add(p[:n+1]+"ing", Gerund)
				if len(irr[0]) == 1 {
					ing = "" // "admiting" is no word
				}
			}
		}
		for _, p := range irr[1] {
			add(p, Participle)
		}
	} else {
		add(pastTense(lemma), Past|Participle)
	}
	if ing != "" {
		add(ing, Gerund)
	}
	return m
}

func isVowel(c byte) bool { return strings.IndexByte("aeiou", c) >= 0 }

func thirdPerson(v string) string {
	switch {
	case strings.HasSuffix(v, "s"), strings.HasSuffix(v, "x"), strings.HasSuffix(v, "z"),
		strings.HasSuffix(v, "ch"), strings.HasSuffix(v, "sh"), strings.HasSuffix(v, "o"):
		return v + "es"
	case len(v) > 1 && v[len(v)-1] == 'y' && !isVowel(v[len(v)-2]):
		return v[:len(v)-1] + "ies"
	}
	return v + "s"
}

// doubles reports whether a verb doubles its final consonant before -ed and
// -ing: one syllable ending consonant-vowel-consonant ("stop", "ban"), but
// not w, x or y. Longer verbs that double are listed in irregular.txt.
func doubles(v string) bool {
	n := len(v)
	if n < 3 {
		return false
	}
	c1, vw, c2 := v[n-3], v[n-2], v[n-1]
	if isVowel(c1) || !isVowel(vw) || isVowel(c2) || strings.IndexByte("wxy", c2) >= 0 {
		return false
	}
	syllables := 0
	prev := false
	for i := 0; i < n; i++ {
		vowel := isVowel(v[i]) || (v[i] == 'y' && i > 0)
		if vowel && !prev {
			syllables++
		}
		prev = vowel
	}
	return syllables == 1
}

func pastTense(v string) string {
	switch {
	case strings.HasSuffix(v, "e"):
		return v + "d"
	case len(v) > 1 && v[len(v)-1] == 'y' && !isVowel(v[len(v)-2]):
		return v[:len(v)-1] + "ied"
	case doubles(v):
		return v + v[len(v)-1:] + "ed"
	}
	return v + "ed"
}

func gerund(v string) string {
	switch {
	case strings.HasSuffix(v, "ie"):
		return v[:len(v)-2] + "ying"
	case strings.HasSuffix(v, "ee"), strings.HasSuffix(v, "ye"), strings.HasSuffix(v, "oe"):
		return v + "ing"
	case strings.HasSuffix(v, "e") && len(v) > 2:
		return v[:len(v)-1] + "ing"
	case doubles(v):
		return v + v[len(v)-1:] + "ing"
	}
	return v + "ing"
}

// PluralOf returns the regular plural of a noun; words already ending in
// "s" are left alone ("forces", "police" stays "police" only if listed).
func PluralOf(n string) string {
	switch {
	case strings.HasSuffix(n, "s"):
		return n
	case strings.HasSuffix(n, "x"), strings.HasSuffix(n, "z"), strings.HasSuffix(n, "ch"), strings.HasSuffix(n, "sh"):
		return n + "es"
	case len(n) > 1 && n[len(n)-1] == 'y' && !isVowel(n[len(n)-2]):
		return n[:len(n)-1] + "ies"
	case strings.HasSuffix(n, "man"):
		return n[:len(n)-3] + "men"
	}
	return n + "s"
}
