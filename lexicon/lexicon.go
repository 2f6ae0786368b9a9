package lexicon

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/eventwire/eventwire"
)

// Pos is where a lexicon fact was written.
type Pos struct {
	File string
	Line int
}

func (p Pos) String() string {
	// Built by hand, not with fmt: every mention carries the entries behind it.
	var buf [96]byte
	b := append(buf[:0], p.File...)
	b = append(b, ':')
	b = strconv.AppendInt(b, int64(p.Line), 10)
	return string(b)
}

// Role is a code an actor holds, from From to To inclusive. A zero From or To
// leaves that end open; a role with both zero is the actor's default.
type Role struct {
	Code     string
	From, To time.Time
	Title    string
	Pos      Pos
}

// Dated reports whether the role has any date bound.
func (r Role) Dated() bool { return !r.From.IsZero() || !r.To.IsZero() }

// Covers reports whether the role holds on day t.
func (r Role) Covers(t time.Time) bool {
	return (r.From.IsZero() || !t.Before(r.From)) && (r.To.IsZero() || !t.After(r.To))
}

// EntityKind says which file an actor came from.
type EntityKind uint8

// Kinds of named actors.
const (
	Person EntityKind = iota
	Organisation
	Group
)

func (k EntityKind) String() string {
	switch k {
	case Person:
		return "person"
	case Organisation:
		return "organisation"
	}
	return "group"
}

// Entity is a named actor: a person, organisation or armed group.
type Entity struct {
	Name    string
	Kind    EntityKind
	Aliases []string
	Roles   []Role
	Pos     Pos
}

// RoleAt returns the role the entity held on day t: the dated role that
// covers t, else the default role. With t zero the latest role is taken.
func (e *Entity) RoleAt(t time.Time) (Role, bool) {
	var def *Role
	var latest *Role
	for i := range e.Roles {
		r := &e.Roles[i]
		if !r.Dated() {
			def = r
			continue
		}
		if !t.IsZero() && r.Covers(t) {
			return *r, true
		}
		if latest == nil || r.From.After(latest.From) {
			latest = r
		}
	}
	if def != nil {
		return *def, true
	}
	if t.IsZero() && latest != nil {
		return *latest, true
	}
	return Role{}, false
}

// Seat is a capital or seat of power that stands for a country's sector.
type Seat struct {
	Phrase string
	Role   string
	Pos    Pos
}

// Country is a country or territory.
type Country struct {
	Code       string
	Name       string
	Aliases    []string
	Adjectives []string
	Seats      []Seat
	Pos        Pos
}

// Agent maps a sector noun phrase to a role code.
type Agent struct {
	Role   string
	Phrase string
	Pos    Pos
}

// Lexicon is the loaded knowledge. Build its indexes with Compile before use;
// Default and Load do it.
type Lexicon struct {
	Countries []*Country
	Entities  []*Entity
	Agents    []Agent
	Patterns  []*Pattern
	Irregular map[string][2][]string // lemma -> past forms, participle forms
	Codebook  *Codebook

	countryByCode map[string]*Country
	phrases       *PhraseIndex
	verbs         *PatternIndex
}

// Country returns the country with the given code.
func (l *Lexicon) Country(code string) (*Country, bool) {
	c, ok := l.countryByCode[code]
	return c, ok
}

// Phrases returns the compiled index of actor phrases.
func (l *Lexicon) Phrases() *PhraseIndex { return l.phrases }

// Verbs returns the compiled index of event patterns.
func (l *Lexicon) Verbs() *PatternIndex { return l.verbs }

// Files the lexicon reads, in load order.
// A file's kind is the first of these its name starts with: "people.txt"
// and "people-africa.txt" both hold people. Kinds load in this order, files
// of one kind in name order.
var kinds = []string{"countries", "organisations", "groups", "people", "agents", "irregular", "verbs"}

// lexiconFiles lists the lexicon files of a layer in load order, each with
// its kind ("people.txt").
func lexiconFiles(fsys fs.FS) ([][2]string, error) {
	entries, err := fs.ReadDir(fsys, ".")
	if err != nil {
		return nil, err
	}
	var out [][2]string
	for _, kind := range kinds {
		for _, e := range entries {
			name := e.Name()
			if e.IsDir() || !strings.HasSuffix(name, ".txt") || !strings.HasPrefix(name, kind) {
				continue
			}
			out = append(out, [2]string{name, kind + ".txt"})
		}
	}
	return out, nil
}

// Layer is a directory of lexicon files. Dir names it in error positions
// ("" for the embedded files).
type Layer struct {
	Dir string
	FS  fs.FS
}

// Load reads the lexicon from layers, each holding some of the lexicon
// files (and optionally cameo.tsv); later layers add to and override
// earlier ones. It returns the lexicon together with every problem found in
// the files, as an eventwire.ErrorList; a bad line is skipped, the rest
// loads. The error is non-nil only for problems, never instead of a result.
func Load(layers ...Layer) (*Lexicon, error) {
	l := &Lexicon{Irregular: map[string][2][]string{}}
	var errs eventwire.ErrorList
	for _, layer := range layers {
		fsys := layer.FS
		if b, err := fs.ReadFile(fsys, "cameo.tsv"); err == nil {
			cb, err := LoadCodebook(strings.NewReader(string(b)), path.Join(layer.Dir, "cameo.tsv"))
			if err != nil {
				errs = append(errs, &eventwire.Error{Input: path.Join(layer.Dir, "cameo.tsv"), Err: err})
			}
			if cb != nil {
				l.Codebook = cb
			}
		}
		names, err := lexiconFiles(fsys)
		if err != nil {
			errs.Add(layer.Dir, 0, err)
		}
		for _, nk := range names {
			file := path.Join(layer.Dir, nk[0])
			f, err := fsys.Open(nk[0])
			if err != nil {
				errs.Add(file, 0, err)
				continue
			}
			p := &parser{lex: l, file: file, kind: nk[1], errs: &errs}
			p.parse(f)
			f.Close()
		}
	}
	if l.Codebook == nil {
		l.Codebook = DefaultCodebook()
	}
	l.dedupe()
	errs = append(errs, l.Compile()...)
	return l, errs.Err()
}

// dedupe keeps the last definition of each country and entity, so a user's
// layer replaces an embedded entry of the same name.
func (l *Lexicon) dedupe() {
	seenC := map[string]int{}
	var cs []*Country
	for _, c := range l.Countries {
		if i, ok := seenC[c.Code]; ok && cs[i].Pos.File != c.Pos.File {
			cs[i] = c
			continue
		}
		seenC[c.Code] = len(cs)
		cs = append(cs, c)
	}
	l.Countries = cs
	seenE := map[string]int{}
	var es []*Entity
	for _, e := range l.Entities {
		k := e.Kind.String() + "\x00" + e.Name
		if i, ok := seenE[k]; ok && es[i].Pos.File != e.Pos.File {
			es[i] = e
			continue
		}
		seenE[k] = len(es)
		es = append(es, e)
	}
	l.Entities = es
}

// Compile builds the lookup indexes. It returns problems that only show
// once everything is loaded, such as a pattern whose code is unknown.
func (l *Lexicon) Compile() eventwire.ErrorList {
	var errs eventwire.ErrorList
	l.countryByCode = make(map[string]*Country, len(l.Countries))
	for _, c := range l.Countries {
		l.countryByCode[c.Code] = c
	}
	l.phrases = buildPhrases(l)
	l.verbs, errs = buildPatterns(l)
	return errs
}

var defaultLexicon = sync.OnceValues(func() (*Lexicon, error) {
	sub, err := fs.Sub(dataFS, "data")
	if err != nil {
		return nil, err
	}
	return Load(Layer{FS: sub})
})

// Default returns the embedded lexicon, loaded once. The error lists
// problems in the embedded files; the tests keep it nil.
func Default() (*Lexicon, error) { return defaultLexicon() }

// LoadDir returns the embedded lexicon with the files in dir layered over it.
func LoadDir(dir string) (*Lexicon, error) {
	if _, err := os.Stat(dir); err != nil {
		return nil, fmt.Errorf("lexicon %s: %w", dir, err)
	}
	sub, err := fs.Sub(dataFS, "data")
	if err != nil {
		return nil, err
	}
	return Load(Layer{FS: sub}, Layer{Dir: dir, FS: os.DirFS(dir)})
}

// parser reads one lexicon file.
type parser struct {
	lex     *Lexicon
	file    string // as reported in errors
	kind    string // the base name, which says what the file holds
	line    int
	errs    *eventwire.ErrorList
	country *Country
	entity  *Entity
}

func (p *parser) errorf(format string, args ...any) {
	p.errs.Add(p.file, p.line, fmt.Errorf(format, args...))
}

func (p *parser) pos() Pos { return Pos{File: p.file, Line: p.line} }

func (p *parser) parse(r io.Reader) {
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 64*1024), 1<<20)
	for sc.Scan() {
		p.line++
		raw := sc.Text()
		if i := strings.IndexByte(raw, '#'); i >= 0 {
			raw = raw[:i]
		}
		if strings.TrimSpace(raw) == "" {
			continue
		}
		indented := raw[0] == ' ' || raw[0] == '\t'
		line := strings.TrimSpace(raw)
		p.parseLine(line, indented)
	}
	if err := sc.Err(); err != nil {
		p.errorf("read: %v", err)
	}
}

func (p *parser) parseLine(line string, indented bool) {
	kw, rest, _ := strings.Cut(line, " ")
	rest = strings.TrimSpace(rest)
	switch p.kind {
	case "countries.txt":
		p.countryLine(kw, rest, indented)
	case "people.txt", "organisations.txt", "groups.txt":
		p.entityLine(kw, rest, indented)
	case "agents.txt":
		if kw != "agent" || indented {
			p.errorf("want \"agent ROLE PHRASE | ...\", got %q", line)
			return
		}
		role, phrases, ok := strings.Cut(rest, " ")
		if !ok || !isRoleCode(role) {
			p.errorf("agent: bad role %q", role)
			return
		}
		for _, ph := range splitBar(phrases) {
			p.lex.Agents = append(p.lex.Agents, Agent{Role: role, Phrase: ph, Pos: p.pos()})
		}
	case "irregular.txt":
		f := strings.Fields(line)
		if len(f) != 3 {
			p.errorf("want \"LEMMA PAST PARTICIPLE\", got %q", line)
			return
		}
		// "cancel cancelled|canceled cancelled|canceled": every spelling matches.
		p.lex.Irregular[strings.ToLower(f[0])] = [2][]string{
			strings.Split(strings.ToLower(f[1]), "|"), strings.Split(strings.ToLower(f[2]), "|")}
	case "verbs.txt":
		pat, err := ParsePattern(line)
		if err != nil {
			p.errorf("%v", err)
			return
		}
		pat.Pos = p.pos()
		p.lex.Patterns = append(p.lex.Patterns, pat)
	}
}

func (p *parser) countryLine(kw, rest string, indented bool) {
	if !indented {
		if kw != "country" {
			p.errorf("want \"country CODE NAME\", got %q", kw+" "+rest)
			p.country = nil
			return
		}
		code, name, ok := strings.Cut(rest, " ")
		name = strings.TrimSpace(name)
		if !ok || !isCountryCode(code) || name == "" {
			p.errorf("country: want \"country CODE NAME\" with a three-letter code, got %q", rest)
			p.country = nil
			return
		}
		p.country = &Country{Code: code, Name: name, Pos: p.pos()}
		p.lex.Countries = append(p.lex.Countries, p.country)
		return
	}
	if p.country == nil {
		p.errorf("%s line outside a country block", kw)
		return
	}
	switch kw {
	case "alias":
		p.country.Aliases = append(p.country.Aliases, splitBar(rest)...)
	case "adj":
		p.country.Adjectives = append(p.country.Adjectives, splitBar(rest)...)
	case "seat":
		phrase, role := rest, "GOV"
		if i := strings.LastIndexByte(rest, ' '); i > 0 && isRoleCode(rest[i+1:]) {
			phrase, role = strings.TrimSpace(rest[:i]), rest[i+1:]
		}
		for _, ph := range splitBar(phrase) {
			p.country.Seats = append(p.country.Seats, Seat{Phrase: ph, Role: role, Pos: p.pos()})
		}
	default:
		p.errorf("unknown country field %q (want alias, adj or seat)", kw)
	}
}

func (p *parser) entityLine(kw, rest string, indented bool) {
	if !indented {
		if kw != "actor" || rest == "" {
			p.errorf("want \"actor NAME\", got %q", kw+" "+rest)
			p.entity = nil
			return
		}
		kind := Person
		switch p.kind {
		case "organisations.txt":
			kind = Organisation
		case "groups.txt":
			kind = Group
		}
		p.entity = &Entity{Name: rest, Kind: kind, Pos: p.pos()}
		p.lex.Entities = append(p.lex.Entities, p.entity)
		return
	}
	if p.entity == nil {
		p.errorf("%s line outside an actor block", kw)
		return
	}
	switch kw {
	case "alias":
		p.entity.Aliases = append(p.entity.Aliases, splitBar(rest)...)
	case "role":
		r, err := parseRole(rest)
		if err != nil {
			p.errorf("role %q: %v", rest, err)
			return
		}
		r.Pos = p.pos()
		p.entity.Roles = append(p.entity.Roles, r)
	default:
		p.errorf("unknown actor field %q (want alias or role)", kw)
	}
}

// parseRole parses "CODE [FROM..TO] [TITLE]".
func parseRole(s string) (Role, error) {
	f := strings.Fields(s)
	if len(f) == 0 {
		return Role{}, errors.New("missing code")
	}
	r := Role{Code: f[0]}
	if !isActorCode(r.Code) {
		return r, fmt.Errorf("bad actor code %q", r.Code)
	}
	f = f[1:]
	if len(f) > 0 && strings.Contains(f[0], "..") {
		from, to, _ := strings.Cut(f[0], "..")
		var err error
		if r.From, err = parseBound(from, false); err != nil {
			return r, err
		}
		if r.To, err = parseBound(to, true); err != nil {
			return r, err
		}
		if !r.From.IsZero() && !r.To.IsZero() && r.To.Before(r.From) {
			return r, fmt.Errorf("ends %s before it starts %s", to, from)
		}
		f = f[1:]
	}
	r.Title = strings.Join(f, " ")
	return r, nil
}

// parseBound parses YYYY, YYYY-MM or YYYY-MM-DD; an end bound takes the last
// day of its period.
func parseBound(s string, end bool) (time.Time, error) {
	if s == "" {
		return time.Time{}, nil
	}
	for _, layout := range []struct {
		l    string
		span func(time.Time) time.Time
	}{
		{"2006-01-02", func(t time.Time) time.Time { return t }},
		{"2006-01", func(t time.Time) time.Time { return t.AddDate(0, 1, -1) }},
		{"2006", func(t time.Time) time.Time { return t.AddDate(1, 0, -1) }},
	} {
		if len(s) != len(layout.l) {
			continue
		}
		t, err := time.Parse(layout.l, s)
		if err != nil {
			return time.Time{}, fmt.Errorf("bad date %q", s)
		}
		if end {
			t = layout.span(t)
		}
		return t, nil
	}
	return time.Time{}, fmt.Errorf("bad date %q (want YYYY, YYYY-MM or YYYY-MM-DD)", s)
}

func splitBar(s string) []string {
	var out []string
	for _, p := range strings.Split(s, "|") {
		if p = strings.TrimSpace(p); p != "" {
			out = append(out, p)
		}
	}
	return out
}
