package lexicon

import (
	"bufio"
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"
	"sync"

	"github.com/eventwire/eventwire"
)

// Code is one CAMEO event code with its GDELT scores and its PLOVER mapping.
type Code struct {
	Code, Name string
	Root       string // the two-digit root, "04" for "0411"
	Level      int    // 1, 2 or 3 for a 2-, 3- or 4-digit code
	Goldstein  float64
	Quad       int // 1 verbal cooperation, 2 material cooperation, 3 verbal conflict, 4 material conflict

	// PloverType is empty where PLOVER drops the code (most 01x statements).
	PloverType, PloverMode string
	PloverContext          []string
}

// Codebook is a loaded cameo.tsv: the CAMEO event codes by code.
type Codebook struct {
	byCode map[string]int // index into codes
	codes  []Code         // sorted by code
}

// codebookHeader is the required first line of cameo.tsv; the column order
// is fixed so that the file stays diff-friendly and a misordered file fails loudly.
const codebookHeader = "code\tname\tgoldstein\tquad\tplover_type\tplover_mode\tplover_context"

// ploverTypes is the set of PLOVER event types a code may map to.
var ploverTypes = map[string]bool{
	"AGREE": true, "CONSULT": true, "SUPPORT": true, "CONCEDE": true,
	"COOPERATE": true, "AID": true, "RETREAT": true, "REQUEST": true,
	"ACCUSE": true, "REJECT": true, "THREATEN": true, "PROTEST": true,
	"SANCTION": true, "MOBILIZE": true, "COERCE": true, "ASSAULT": true,
}

// codebookProblem is a message that reads exactly as written and still
// matches eventwire.ErrInvalid under errors.Is.
type codebookProblem string

func (p codebookProblem) Error() string        { return string(p) }
func (p codebookProblem) Is(target error) bool { return target == eventwire.ErrInvalid }

func codebookErrorf(format string, args ...any) error {
	return codebookProblem(fmt.Sprintf(format, args...))
}

// LoadCodebook parses a cameo.tsv. Blank lines and text after '#' are
// ignored; the first remaining line must be the header. Every bad line is
// reported in the returned eventwire.ErrorList (each error is
// eventwire.ErrInvalid and reads "name:line: message") and skipped, so the
// returned Codebook, never nil, holds all good lines. A read error from r
// ends the list.
func LoadCodebook(r io.Reader, name string) (*Codebook, error) {
	cb := &Codebook{byCode: make(map[string]int)}
	var errs eventwire.ErrorList
	firstLine := make(map[string]int) // code -> line of its first definition

	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 0, 4096), 1<<20)
	lineNo := 0
	seenHeader := false
	for sc.Scan() {
		lineNo++
		line := sc.Text()
		if i := strings.IndexByte(line, '#'); i >= 0 {
			line = line[:i]
		}
		// Trailing tabs of empty PLOVER columns may have been stripped by an
		// editor; parseCodebookLine accepts the shorter line.
		line = strings.TrimRight(line, " \t\r")
		if strings.TrimSpace(line) == "" {
			continue
		}
		if !seenHeader {
			seenHeader = true
			if strings.HasPrefix(line, "code\t") || line == "code" {
				if line != codebookHeader {
					errs.Add(name, lineNo, codebookErrorf("bad header %q, want %q", line, codebookHeader))
				}
				continue
			}
			errs.Add(name, lineNo, codebookErrorf("missing header %q", codebookHeader))
		}
		c, err := parseCodebookLine(line)
		if err != nil {
			errs.Add(name, lineNo, err)
			continue
		}
		if prev, dup := firstLine[c.Code]; dup {
			errs.Add(name, lineNo, codebookErrorf("duplicate code %q (first on line %d)", c.Code, prev))
			continue
		}
		firstLine[c.Code] = lineNo
		cb.codes = append(cb.codes, c)
	}
	if err := sc.Err(); err != nil {
		errs.Add(name, lineNo+1, fmt.Errorf("read: %w", err))
	}
	if !seenHeader {
		errs.Add(name, 0, codebookErrorf("empty codebook: no header"))
	}

	slices.SortFunc(cb.codes, func(a, b Code) int { return strings.Compare(a.Code, b.Code) })
	for i, c := range cb.codes {
		cb.byCode[c.Code] = i
	}
	return cb, errs.Err()
}

// parseCodebookLine parses one data line without its comment.
func parseCodebookLine(line string) (Code, error) {
	f := strings.Split(line, "\t")
	if len(f) < 4 || len(f) > 7 {
		return Code{}, codebookErrorf("want 7 tab-separated columns, got %d", len(f))
	}
	for len(f) < 7 {
		f = append(f, "")
	}
	for i := range f {
		f[i] = strings.TrimSpace(f[i])
	}
	c := Code{Code: f[0], Name: f[1], PloverType: f[4], PloverMode: f[5]}

	if !validCAMEOCode(c.Code) {
		return Code{}, codebookErrorf("bad code %q", c.Code)
	}
	c.Root = c.Code[:2]
	c.Level = len(c.Code) - 1
	if c.Name == "" {
		return Code{}, codebookErrorf("code %s: empty name", c.Code)
	}

	g, err := strconv.ParseFloat(f[2], 64)
	if err != nil || !(g >= -10 && g <= 10) { // also rejects NaN
		return Code{}, codebookErrorf("bad goldstein %q", f[2])
	}
	c.Goldstein = g

	q, err := strconv.Atoi(f[3])
	if err != nil || q < 1 || q > 4 {
		return Code{}, codebookErrorf("bad quad %q", f[3])
	}
	c.Quad = q

	if c.PloverType != "" && !ploverTypes[c.PloverType] {
		return Code{}, codebookErrorf("unknown plover_type %q", c.PloverType)
	}
	if f[6] != "" {
		for ctx := range strings.SplitSeq(f[6], ",") {
			ctx = strings.TrimSpace(ctx)
			if ctx == "" {
				return Code{}, codebookErrorf("empty item in plover_context %q", f[6])
			}
			c.PloverContext = append(c.PloverContext, ctx)
		}
	}
	if c.PloverType == "" && (c.PloverMode != "" || len(c.PloverContext) > 0) {
		return Code{}, codebookErrorf("code %s: plover mode or context without plover_type", c.Code)
	}
	return c, nil
}

// validCAMEOCode reports whether s is a 2-, 3- or 4-digit code under one of
// the roots 01 to 20.
func validCAMEOCode(s string) bool {
	if len(s) < 2 || len(s) > 4 {
		return false
	}
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	root := int(s[0]-'0')*10 + int(s[1]-'0')
	return root >= 1 && root <= 20
}

// Lookup returns the code, and false when the codebook does not hold it.
func (c *Codebook) Lookup(code string) (Code, bool) {
	i, ok := c.byCode[code]
	if !ok {
		return Code{}, false
	}
	return c.codes[i], true
}

// Codes returns every code in code order ("01", "010", "011", ... "2042").
// The slice is a copy; the PloverContext slices are shared and must not be
// modified.
func (c *Codebook) Codes() []Code { return slices.Clone(c.codes) }

// Len returns the number of codes.
func (c *Codebook) Len() int { return len(c.codes) }

// Parent returns the code one level up ("0411" -> "041", "041" -> "04"),
// and "" for a root or anything shorter.
func Parent(code string) string {
	if len(code) <= 2 {
		return ""
	}
	return code[:len(code)-1]
}

// DefaultCodebook returns the codebook embedded in the binary, parsed once
// and shared: callers must not modify it. It panics only if the embedded file
// is broken, which the package's tests rule out.
func DefaultCodebook() *Codebook { return defaultCodebook() }

var defaultCodebook = sync.OnceValue(func() *Codebook {
	f, err := dataFS.Open("data/cameo.tsv")
	if err != nil {
		panic(fmt.Sprintf("lexicon: embedded cameo.tsv: %v", err))
	}
	defer f.Close()
	cb, err := LoadCodebook(f, "cameo.tsv")
	if err != nil {
		panic(fmt.Sprintf("lexicon: embedded cameo.tsv: %v", err))
	}
	return cb
})
