package lexicon_test

import (
	"bufio"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
	"unicode"

	"github.com/eventwire/eventwire/internal/repo"

	"github.com/eventwire/eventwire"
	"github.com/eventwire/eventwire/lexicon"
)

// codebookFile is read by path, next to the embedded copy, so that the
// checks against the references can point at a line of the file.
const codebookFile = "data/cameo.tsv"

func TestDefaultCodebook(t *testing.T) {
	// DefaultCodebook panics if the embedded file has a single bad line;
	// loading the same file here reports every problem instead.
	f, err := os.Open(codebookFile)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if _, err := lexicon.LoadCodebook(f, "cameo.tsv"); err != nil {
		var list eventwire.ErrorList
		if errors.As(err, &list) {
			for _, e := range list {
				t.Error(e)
			}
		}
		t.Fatalf("embedded codebook: %v", err)
	}

	cb := lexicon.DefaultCodebook()
	if cb != lexicon.DefaultCodebook() {
		t.Error("DefaultCodebook parsed twice")
	}
	if n := cb.Len(); n < 300 || n > 320 {
		t.Errorf("Len() = %d, want about 310", n)
	}
	codes := cb.Codes()
	if len(codes) != cb.Len() {
		t.Errorf("len(Codes()) = %d, Len() = %d", len(codes), cb.Len())
	}
	roots := 0
	for i, c := range codes {
		if i > 0 && codes[i-1].Code >= c.Code {
			t.Errorf("Codes() out of order at %q after %q", c.Code, codes[i-1].Code)
		}
		if c.Level == 1 {
			roots++
			continue
		}
		p, ok := cb.Lookup(lexicon.Parent(c.Code))
		if !ok {
			t.Errorf("%s: parent %s missing", c.Code, lexicon.Parent(c.Code))
			continue
		}
		if p.Quad != c.Quad {
			t.Errorf("%s: quad %d, parent %s has %d", c.Code, c.Quad, p.Code, p.Quad)
		}
	}
	if roots != 20 {
		t.Errorf("%d roots, want 20", roots)
	}
	// Every root has its "not specified below" code.
	for r := 1; r <= 20; r++ {
		root := fmt.Sprintf("%02d", r)
		if _, ok := cb.Lookup(root + "0"); !ok {
			t.Errorf("root %s has no %s0", root, root)
		}
	}
}

func TestLookup(t *testing.T) {
	cb := lexicon.DefaultCodebook()
	tests := []struct {
		code string
		want lexicon.Code
		ok   bool
	}{
		{"041", lexicon.Code{Code: "041", Name: "Discuss by telephone", Root: "04", Level: 2,
			Goldstein: 1, Quad: 1, PloverType: "CONSULT", PloverMode: "phone"}, true},
		{"04", lexicon.Code{Code: "04", Name: "CONSULT", Root: "04", Level: 1,
			Goldstein: 1, Quad: 1, PloverType: "CONSULT"}, true},
		{"010", lexicon.Code{Code: "010", Name: "Make statement, not specified below", Root: "01", Level: 2,
			Goldstein: 0, Quad: 1}, true},
		{"0311", lexicon.Code{Code: "0311", Name: "Express intent to cooperate economically", Root: "03", Level: 3,
			Goldstein: 5.2, Quad: 1, PloverType: "AGREE", PloverContext: []string{"economic"}}, true},
		{"2042", lexicon.Code{Code: "2042", Name: "Detonate nuclear weapons", Root: "20", Level: 3,
			Goldstein: -10, Quad: 4, PloverType: "ASSAULT"}, true},
		{"", lexicon.Code{}, false},
		{"4", lexicon.Code{}, false},
		{"21", lexicon.Code{}, false},
		{"0419", lexicon.Code{}, false},
		{"04 ", lexicon.Code{}, false},
	}
	for _, tt := range tests {
		got, ok := cb.Lookup(tt.code)
		if ok != tt.ok {
			t.Errorf("Lookup(%q) ok = %v, want %v", tt.code, ok, tt.ok)
			continue
		}
		if !ok {
			continue
		}
		// Mode and context are checked against the reference elsewhere; here
		// only the fields the loader derives or parses.
		got.PloverMode, tt.want.PloverMode = "", ""
		got.PloverContext, tt.want.PloverContext = nil, nil
		if !codesEqual(got, tt.want) {
			t.Errorf("Lookup(%q) = %+v, want %+v", tt.code, got, tt.want)
		}
	}
}

func TestParent(t *testing.T) {
	tests := []struct{ code, want string }{
		{"0411", "041"},
		{"041", "04"},
		{"04", ""},
		{"2", ""},
		{"", ""},
		{"1385", "138"},
	}
	for _, tt := range tests {
		if got := lexicon.Parent(tt.code); got != tt.want {
			t.Errorf("Parent(%q) = %q, want %q", tt.code, got, tt.want)
		}
	}
}

const testHeader = "code\tname\tgoldstein\tquad\tplover_type\tplover_mode\tplover_context\n"

func TestLoadCodebook(t *testing.T) {
	tests := []struct {
		name   string
		in     string
		codes  []string // codes loaded, in order
		errors []string // every error, in order
	}{
		{
			name:  "good",
			in:    "# comment\n\n" + testHeader + "041\tDiscuss by telephone\t1.0\t1\tCONSULT\tphone\t\n04\tCONSULT\t1.0\t1\tCONSULT\t\t # root\n",
			codes: []string{"04", "041"},
		},
		{
			name:  "trailing empty columns stripped",
			in:    testHeader + "010\tMake statement\t0.0\t1\n011\tDecline comment\t-0.1\t1\t\n",
			codes: []string{"010", "011"},
		},
		{
			name:  "context list",
			in:    testHeader + "091\tInvestigate crime, corruption\t-2.0\t3\tACCUSE\tinvestigate\tcrime, corruption\n",
			codes: []string{"091"},
		},
		{
			name: "bad lines are all reported and skipped",
			in: testHeader +
				"041\tDiscuss by telephone\t1.0\t1\tCONSULT\tphone\t\n" +
				"042\tMake a visit\tx\t1\tCONSULT\tvisit\t\n" +
				"043\tHost a visit\t2.8\t5\tCONSULT\tvisit\t\n" +
				"21\tNo such root\t0\t1\t\t\t\n" +
				"044\tMeet\t2.5\t1\tCONSULTS\t\t\n" +
				"045\tMediate\t5.0\n" +
				"041\tDiscuss by telephone\t1.0\t1\tCONSULT\tphone\t\n" +
				"046\t\t7.0\t1\tCONSULT\t\t\n" +
				"011\tDecline comment\t-0.1\t1\t\tphone\t\n" +
				"012\tPessimistic\t-11\t1\t\t\t\n" +
				"013\tOptimistic\t0.4\t1\t\t\t\ta\tb\n" +
				"0911\tX\t-2.0\t3\tACCUSE\t\tcrime,,corruption\n" +
				"040\tConsult, not specified below\t1.0\t1\tCONSULT\t\t\n",
			codes: []string{"040", "041"},
			errors: []string{
				`cameo.tsv:3: bad goldstein "x"`,
				`cameo.tsv:4: bad quad "5"`,
				`cameo.tsv:5: bad code "21"`,
				`cameo.tsv:6: unknown plover_type "CONSULTS"`,
				`cameo.tsv:7: want 7 tab-separated columns, got 3`,
				`cameo.tsv:8: duplicate code "041" (first on line 2)`,
				`cameo.tsv:9: code 046: empty name`,
				`cameo.tsv:10: code 011: plover mode or context without plover_type`,
				`cameo.tsv:11: bad goldstein "-11"`,
				`cameo.tsv:12: want 7 tab-separated columns, got 9`,
				`cameo.tsv:13: empty item in plover_context "crime,,corruption"`,
			},
		},
		{
			name:   "missing header",
			in:     "041\tDiscuss by telephone\t1.0\t1\tCONSULT\tphone\t\n",
			codes:  []string{"041"},
			errors: []string{`cameo.tsv:1: missing header ` + strconv.Quote(strings.TrimSuffix(testHeader, "\n"))},
		},
		{
			name:   "columns out of order",
			in:     "code\tname\tquad\tgoldstein\n",
			errors: []string{`cameo.tsv:1: bad header "code\tname\tquad\tgoldstein", want ` + strconv.Quote(strings.TrimSuffix(testHeader, "\n"))},
		},
		{
			name:   "empty",
			in:     "# nothing\n",
			errors: []string{`cameo.tsv: empty codebook: no header`},
		},
		{
			name:   "bad codes",
			in:     testHeader + "0\tA\t0\t1\n00\tA\t0\t1\n04a\tA\t0\t1\n04111\tA\t0\t1\n",
			errors: []string{`cameo.tsv:2: bad code "0"`, `cameo.tsv:3: bad code "00"`, `cameo.tsv:4: bad code "04a"`, `cameo.tsv:5: bad code "04111"`},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			cb, err := lexicon.LoadCodebook(strings.NewReader(tt.in), "cameo.tsv")
			if cb == nil {
				t.Fatal("LoadCodebook returned a nil Codebook")
			}
			var got []string
			for _, c := range cb.Codes() {
				got = append(got, c.Code)
			}
			if !slices.Equal(got, tt.codes) {
				t.Errorf("codes = %q, want %q", got, tt.codes)
			}
			if len(tt.errors) == 0 {
				if err != nil {
					t.Fatalf("unexpected error: %v", err)
				}
				return
			}
			if err == nil {
				t.Fatalf("no error, want %q", tt.errors)
			}
			var list eventwire.ErrorList
			if !errors.As(err, &list) {
				t.Fatalf("error %T is not an eventwire.ErrorList", err)
			}
			var msgs []string
			for _, e := range list {
				msgs = append(msgs, e.Error())
				if !errors.Is(e, eventwire.ErrInvalid) {
					t.Errorf("error %q is not ErrInvalid", e)
				}
			}
			if !slices.Equal(msgs, tt.errors) {
				t.Errorf("errors:\n%s\nwant:\n%s", strings.Join(msgs, "\n"), strings.Join(tt.errors, "\n"))
			}
		})
	}
}

func TestLoadCodebookFields(t *testing.T) {
	in := testHeader + "0861\tReceive deployment of peacekeepers\t9.0\t2\tRETREAT\taccess\tpeacekeeping, diplomatic\n"
	cb, err := lexicon.LoadCodebook(strings.NewReader(in), "x.tsv")
	if err != nil {
		t.Fatal(err)
	}
	got, ok := cb.Lookup("0861")
	want := lexicon.Code{Code: "0861", Name: "Receive deployment of peacekeepers", Root: "08", Level: 3,
		Goldstein: 9, Quad: 2, PloverType: "RETREAT", PloverMode: "access",
		PloverContext: []string{"peacekeeping", "diplomatic"}}
	if !ok || !codesEqual(got, want) {
		t.Errorf("Lookup(0861) = %+v, %v; want %+v", got, ok, want)
	}
}

func codesEqual(a, b lexicon.Code) bool {
	return a.Code == b.Code && a.Name == b.Name && a.Root == b.Root && a.Level == b.Level &&
		a.Goldstein == b.Goldstein && a.Quad == b.Quad && a.PloverType == b.PloverType &&
		a.PloverMode == b.PloverMode && slices.Equal(a.PloverContext, b.PloverContext)
}

// referenceDir returns ../shared/reference/sub beside the repository root,
// or skips the test when it is absent.
func referenceDir(t *testing.T, sub string) string { return repo.Shared(t, "reference", sub) }

// readTSV reads a tab-separated file with a header into maps keyed by column name.
func readTSV(t *testing.T, path string) []map[string]string {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimRight(string(data), "\n"), "\n")
	header := strings.Split(strings.TrimRight(lines[0], "\r"), "\t")
	var rows []map[string]string
	for _, line := range lines[1:] {
		f := strings.Split(strings.TrimRight(line, "\r"), "\t")
		row := make(map[string]string, len(header))
		for i, h := range header {
			if i < len(f) {
				row[h] = strings.TrimSpace(f[i])
			}
		}
		rows = append(rows, row)
	}
	return rows
}

// normName folds case and treats any run of punctuation or space as one space.
func normName(s string) string {
	return strings.Join(strings.FieldsFunc(strings.ToLower(s), func(r rune) bool {
		return !unicode.IsLetter(r) && !unicode.IsDigit(r)
	}), " ")
}

// nameDifferences are names the codebook deliberately writes otherwise than
// the GDELT lookup: GDELT's file has typos and mis-encoded quotes there.
var nameDifferences = map[string]string{
	"033":  `GDELT misspells "material" as "matyerial"`,
	"0355": `GDELT drops the "to" of "Express intent to allow"`,
	"044":  "GDELT's quotes around 'third' are mis-encoded and eat the t and the following space",
	"183":  `GDELT abbreviates "not specified below" to "not spec below"`,
	"2041": `GDELT runs "radiological weapons" together`,
}

func TestCodebookAgainstGDELT(t *testing.T) {
	ref := referenceDir(t, "cameo")
	rows := readTSV(t, filepath.Join(ref, "cameo_codes.tsv"))
	cb := lexicon.DefaultCodebook()

	seen := make(map[string]bool)
	for _, row := range rows {
		code := row["code"]
		if code == "" {
			continue
		}
		seen[code] = true
		// GDELT's lookups leave a few codes (1213) without name or score;
		// there the codebook follows CAMEO as ICEWS gives it.
		name, goldstein, source := row["gdelt_name"], row["gdelt_goldstein"], "GDELT"
		if name == "" && goldstein == "" {
			name, goldstein, source = row["icews_name"], row["icews_goldstein"], "ICEWS"
		}
		c, ok := cb.Lookup(code)
		if !ok {
			t.Errorf("%s: missing from cameo.tsv (%s %q)", code, source, name)
			continue
		}
		g, err := strconv.ParseFloat(goldstein, 64)
		if err != nil {
			t.Fatalf("reference %s: goldstein %q: %v", code, goldstein, err)
		}
		if c.Goldstein != g {
			t.Errorf("%s: goldstein %v, %s gives %v", code, c.Goldstein, source, g)
		}
		if q := row["quadclass_std"]; strconv.Itoa(c.Quad) != q {
			t.Errorf("%s: quad %d, reference %s", code, c.Quad, q)
		}
		if lvl := row["level"]; lvl != "" && strconv.Itoa(c.Level) != lvl {
			t.Errorf("%s: level %d, reference %s", code, c.Level, lvl)
		}
		if _, ok := nameDifferences[code]; !ok && normName(c.Name) != normName(name) {
			t.Errorf("%s: name %q, %s %q", code, c.Name, source, name)
		}
	}
	for _, c := range cb.Codes() {
		if !seen[c.Code] {
			t.Errorf("%s: %q is not a GDELT CAMEO code", c.Code, c.Name)
		}
	}
	for code := range nameDifferences {
		if !seen[code] {
			t.Errorf("nameDifferences: %s is not a GDELT CAMEO code", code)
		}
	}
}

// ploverMapping is one line of CAMEO2PLOVER: "code: TYPE, mode, ctx; ctx # comment".
type ploverMapping struct {
	types   []string // a root may head more than one type's section
	mode    string
	context []string
	root    bool // a section heading: only the type is given
}

func readPloverMapping(t *testing.T, path string) map[string]*ploverMapping {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	m := make(map[string]*ploverMapping)
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		line, _, _ := strings.Cut(sc.Text(), "#")
		code, rest, ok := strings.Cut(line, ":")
		code = strings.TrimSpace(code)
		if !ok || code == "" {
			continue
		}
		parts := strings.Split(rest, ",")
		for i := range parts {
			parts[i] = strings.TrimSpace(parts[i])
		}
		pm := m[code]
		if pm == nil {
			pm = &ploverMapping{}
			m[code] = pm
		}
		pm.types = append(pm.types, parts[0])
		if len(parts) == 1 {
			pm.root = true
			continue
		}
		// A code listed twice (175) gives the same mapping twice; keep the last.
		pm.mode, pm.context = parts[1], nil
		if len(parts) > 2 {
			for ctx := range strings.SplitSeq(strings.Join(parts[2:], ";"), ";") {
				if ctx = strings.TrimSpace(ctx); ctx != "" {
					pm.context = append(pm.context, ctx)
				}
			}
		}
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	return m
}

// ploverDifferences are codes whose PLOVER columns deliberately differ from
// CAMEO2PLOVER, with the reason.
var ploverDifferences = map[string]string{}

// TestCodebookAgainstPLOVER checks the PLOVER columns against the
// CAMEO2PLOVER table and against the PLOVER columns of cameo_codes.tsv,
// which settles the roots: CAMEO2PLOVER gives only a type for them, and two
// for 08.
func TestCodebookAgainstPLOVER(t *testing.T) {
	ref := referenceDir(t, "plover")
	mapping := readPloverMapping(t, filepath.Join(ref, "CAMEO2PLOVER-2021.txt"))
	cb := lexicon.DefaultCodebook()
	for _, c := range cb.Codes() {
		if _, ok := ploverDifferences[c.Code]; ok {
			continue
		}
		pm := mapping[c.Code]
		if pm == nil {
			if c.PloverType != "" {
				t.Errorf("%s: plover %s, but CAMEO2PLOVER drops the code", c.Code, c.PloverType)
			}
			continue
		}
		if !slices.Contains(pm.types, c.PloverType) {
			t.Errorf("%s: plover type %q, CAMEO2PLOVER %q", c.Code, c.PloverType, pm.types)
			continue
		}
		if pm.root {
			continue
		}
		if c.PloverMode != pm.mode {
			t.Errorf("%s: plover mode %q, CAMEO2PLOVER %q", c.Code, c.PloverMode, pm.mode)
		}
		if !slices.Equal(c.PloverContext, pm.context) {
			t.Errorf("%s: plover context %q, CAMEO2PLOVER %q", c.Code, c.PloverContext, pm.context)
		}
	}

	cameo := filepath.Join(filepath.Dir(ref), "cameo", "cameo_codes.tsv")
	if _, err := os.Stat(cameo); err != nil {
		t.Skipf("skipping the cameo_codes.tsv check: %v", err)
	}
	for _, row := range readTSV(t, cameo) {
		c, ok := cb.Lookup(row["code"])
		if !ok {
			continue // TestCodebookAgainstGDELT reports it
		}
		if _, ok := ploverDifferences[c.Code]; ok {
			continue
		}
		typ := row["plover_event"]
		if typ == "(dropped)" {
			typ = ""
		}
		var ctx []string
		for x := range strings.SplitSeq(row["plover_context"], ";") {
			if x = strings.TrimSpace(x); x != "" {
				ctx = append(ctx, x)
			}
		}
		if c.PloverType != typ || c.PloverMode != row["plover_mode"] || !slices.Equal(c.PloverContext, ctx) {
			t.Errorf("%s: plover %s/%s/%q, cameo_codes.tsv %s/%s/%q", c.Code,
				c.PloverType, c.PloverMode, c.PloverContext, typ, row["plover_mode"], ctx)
		}
	}
}

func FuzzLoadCodebook(f *testing.F) {
	if data, err := os.ReadFile(codebookFile); err == nil {
		f.Add(string(data))
	}
	f.Add(testHeader + "041\tDiscuss by telephone\t1.0\t1\tCONSULT\tphone\t\n")
	f.Add(testHeader + "0911\tX\t-2.0\t3\tACCUSE\t\tcrime,,corruption\n")
	f.Add("041\t\t\t\t\t\t\n# x\n\r\n\t\n")
	f.Add(testHeader + "20\tA\t-1e3\t4\n19\tB\tNaN\t4\n18\tC\t+Inf\t4\n")
	f.Fuzz(func(t *testing.T, in string) {
		cb, err := lexicon.LoadCodebook(strings.NewReader(in), "fuzz.tsv")
		if cb == nil {
			t.Fatal("nil Codebook")
		}
		if err != nil {
			var list eventwire.ErrorList
			if !errors.As(err, &list) {
				t.Fatalf("error %T is not an eventwire.ErrorList", err)
			}
			for _, e := range list {
				if !errors.Is(e, eventwire.ErrInvalid) {
					t.Errorf("error %q is not ErrInvalid", e)
				}
			}
		}
		codes := cb.Codes()
		if len(codes) != cb.Len() {
			t.Fatalf("len(Codes()) = %d, Len() = %d", len(codes), cb.Len())
		}
		for i, c := range codes {
			if i > 0 && codes[i-1].Code >= c.Code {
				t.Errorf("codes out of order: %q then %q", codes[i-1].Code, c.Code)
			}
			if got, ok := cb.Lookup(c.Code); !ok || !codesEqual(got, c) {
				t.Errorf("Lookup(%q) = %+v, %v", c.Code, got, ok)
			}
			if c.Root != c.Code[:2] || c.Level != len(c.Code)-1 || c.Name == "" {
				t.Errorf("bad code %+v", c)
			}
			if !(c.Goldstein >= -10 && c.Goldstein <= 10) || c.Quad < 1 || c.Quad > 4 {
				t.Errorf("bad scores %+v", c)
			}
		}
	})
}

func BenchmarkLookup(b *testing.B) {
	cb := lexicon.DefaultCodebook()
	codes := []string{"041", "0311", "190", "20", "1385", "999"}
	for b.Loop() {
		for _, code := range codes {
			cb.Lookup(code)
		}
	}
}

func BenchmarkLoadCodebook(b *testing.B) {
	data, err := os.ReadFile(codebookFile)
	if err != nil {
		b.Fatal(err)
	}
	b.SetBytes(int64(len(data)))
	for b.Loop() {
		if _, err := lexicon.LoadCodebook(strings.NewReader(string(data)), "cameo.tsv"); err != nil {
			b.Fatal(err)
		}
	}
}
