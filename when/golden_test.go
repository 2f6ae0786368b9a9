package when_test

import (
	"bytes"
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"testing"

	"github.com/eventwire/eventwire/internal/repo"

	"github.com/eventwire/eventwire/when"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/")

// sharedDir finds ../shared beside the repository root, or skips the test.
func sharedDir(t testing.TB) string { return repo.Shared(t) }

// TestGoldenTASS checks Tag on the example story against
// testdata/tass-2020-02-21-idlib.golden.json; refresh it with -update.
func TestGoldenTASS(t *testing.T) {
	text, err := os.ReadFile("testdata/tass-2020-02-21-idlib.txt")
	if err != nil {
		t.Fatal(err)
	}
	got, err := json.MarshalIndent(when.Tag(string(text), friday), "", "  ")
	if err != nil {
		t.Fatal(err)
	}
	got = append(got, '\n')
	golden := "testdata/tass-2020-02-21-idlib.golden.json"
	if *update {
		if err := os.WriteFile(golden, got, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatalf("%v (run go test -update to create it)", err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("Tag output differs from %s (run go test -update after checking):\n%s", golden, got)
	}
}

// TestAcceptanceTASS is the acceptance test on the user's example story as
// it lies in the shared corpus.
func TestAcceptanceTASS(t *testing.T) {
	path := filepath.Join(sharedDir(t), "corpus", "tass-2020-02-21-idlib.txt")
	b, err := os.ReadFile(path)
	if err != nil {
		t.Skipf("example story not found: %v", err)
	}
	text := string(b)
	got := map[string]string{}
	for _, x := range when.Tag(text, friday) {
		got[x.Text] = x.Value + "|" + string(x.Precision)
	}
	want := map[string]string{
		"February 21":  "2020-02-21|day",
		"Friday":       "2020-02-21|day",
		"late January": "2020-01|month",
		"February 5":   "2020-02-05|day",
		"February 11":  "2020-02-11|day",
		"February 20":  "2020-02-20|day",
		"Wednesday":    "2020-02-19|day",
		"2012":         "2012|year",
		"2017":         "2017|year",
	}
	for k, v := range want {
		if got[k] != v {
			t.Errorf("Tag: %q = %q, want %q", k, got[k], v)
		}
	}
	dl := when.FindDateline(text, friday)
	if dl == nil || dl.City != "ANKARA" || dl.Agency != "TASS" || dl.Date != "2020-02-21" {
		t.Errorf("FindDateline = %+v, want ANKARA, TASS, 2020-02-21", dl)
	}
}
