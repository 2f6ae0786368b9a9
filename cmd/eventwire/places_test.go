package main

import (
	"encoding/json"
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/eventwire/eventwire/internal/repo"
)

func TestPlacesExample(t *testing.T) {
	code, out, errs := runCmd(t, "", "places", "../../examples/tass-2020-02-21-idlib.txt", "--published", "2020-02-21")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	lines := strings.Split(strings.TrimSpace(out), "\n")
	idlib := 0
	for _, line := range lines {
		var rec map[string]any
		if err := json.Unmarshal([]byte(line), &rec); err != nil {
			t.Fatalf("not JSON: %v\n%s", err, line)
		}
		for _, k := range []string{"article", "text", "start", "end", "sentence", "name", "country", "adm1", "lat", "lon", "geonameid", "feature", "type"} {
			if _, ok := rec[k]; !ok {
				t.Errorf("record lacks %q: %s", k, line)
			}
		}
		if rec["article"] != "tass-2020-02-21-idlib" {
			t.Errorf("article = %v", rec["article"])
		}
		if rec["text"] != "Idlib" {
			continue
		}
		idlib++
		// "Idlib province" is the governorate (SY12); every other Idlib is the city.
		lat, lon := rec["lat"].(float64), rec["lon"].(float64)
		switch {
		case rec["type"] == "adm1":
			if rec["adm1"] != "SY12" {
				t.Errorf("Idlib as a division is %v, want SY12: %s", rec["adm1"], line)
			}
		case math.Abs(lat-35.93) > 0.02 || math.Abs(lon-36.63) > 0.02 || rec["country"] != "SYR":
			t.Errorf("Idlib placed at %v, %v in %v; want 35.93N 36.63E in SYR: %s", lat, lon, rec["country"], line)
		}
		if idlib == 1 && rec["type"] != "city" {
			t.Errorf("the headline's Idlib is a %v, want the city: %s", rec["type"], line)
		}
	}
	if idlib < 5 {
		t.Errorf("only %d mentions of Idlib:\n%s", idlib, out)
	}
	if !strings.Contains(errs, "placed 1 article,") || !strings.Contains(errs, "0 inputs failed") {
		t.Errorf("no summary line: %q", errs)
	}
}

func TestPlacesBadInputs(t *testing.T) {
	dir := t.TempDir()
	bad := filepath.Join(dir, "bad.jsonl")
	if err := os.WriteFile(bad, []byte("{\"id\":\"a\",\"text\":\"Shelling hit Kherson on Sunday.\"}\n{not json}\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	code, out, errs := runCmd(t, "", "places", "--in", "jsonl", bad, filepath.Join(dir, "missing.jsonl"))
	if code != 1 {
		t.Errorf("exit %d, want 1", code)
	}
	for _, want := range []string{"bad.jsonl:2", "missing.jsonl", "placed 1 article, 1 place; 2 inputs failed"} {
		if !strings.Contains(errs, want) {
			t.Errorf("stderr lacks %q:\n%s", want, errs)
		}
	}
	if !strings.Contains(out, `"article":"a","text":"Kherson"`) {
		t.Errorf("the good line was not placed:\n%s", out)
	}

	if code, _, errs := runCmd(t, "", "places"); code != 2 || !strings.Contains(errs, "no input") {
		t.Errorf("no input: exit %d, %s", code, errs)
	}
	if code, _, errs := runCmd(t, "", "places", "--in", "xml", "x.txt"); code != 2 || !strings.Contains(errs, "--in") {
		t.Errorf("bad format: exit %d, %s", code, errs)
	}
}

// placeScores runs eval places --json and returns its report.
func placeScores(t *testing.T, args ...string) map[string]float64 {
	t.Helper()
	code, out, errs := runCmd(t, "", append([]string{"eval", "places", "--json"}, args...)...)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	var rep map[string]float64
	if err := json.Unmarshal([]byte(out), &rep); err != nil {
		t.Fatalf("report is not JSON: %v\n%s", err, out)
	}
	t.Logf("%s: %d articles, %d gold, %d found; P %.3f R %.3f F1 %.3f; acc@161 %.3f, mean %.0f km, median %.1f km, AUC %.3f",
		filepath.Base(args[len(args)-1]), int(rep["articles"]), int(rep["gold"]), int(rep["found"]),
		rep["precision"], rep["recall"], rep["f1"], rep["acc161"], rep["mean_km"], rep["median_km"], rep["auc"])
	return rep
}

// TestEvalPlacesOwnGold pins the geoparser's quality on the project's own
// hard cases a little below what it measured (F1 0.964, acc@161 0.982).
func TestEvalPlacesOwnGold(t *testing.T) {
	rep := placeScores(t, "../../testdata/gold/places.xml")
	if rep["articles"] != 21 || rep["gold"] != 116 {
		t.Errorf("read %v articles, %v toponyms; want 21, 116", rep["articles"], rep["gold"])
	}
	if rep["f1"] < 0.95 {
		t.Errorf("recognition F1 %.3f, floor 0.95", rep["f1"])
	}
	if rep["acc161"] < 0.96 {
		t.Errorf("acc@161km %.3f, floor 0.96", rep["acc161"])
	}

	code, out, _ := runCmd(t, "", "eval", "places", "--failures", "../../testdata/gold/places.xml")
	if code != 0 || !strings.Contains(out, "recognition") || !strings.Contains(out, "acc@161km") {
		t.Errorf("table: exit %d:\n%s", code, out)
	}
}

// geoVirus returns the GeoVirus development set beside the repository, or
// skips the test.
func geoVirus(t *testing.T) string {
	return repo.Shared(t, "reference", "geo-dev", "GeoVirus.xml")
}

// TestEvalPlacesGeoVirus pins the geoparser's quality on GeoVirus a little
// below what it measured (F1 0.918, acc@161 0.843).
func TestEvalPlacesGeoVirus(t *testing.T) {
	path := geoVirus(t)
	rep := placeScores(t, path)
	if rep["articles"] != 229 || rep["gold"] != 2167 {
		t.Errorf("read %v articles, %v toponyms; want 229, 2167", rep["articles"], rep["gold"])
	}
	if rep["f1"] < 0.91 {
		t.Errorf("recognition F1 %.3f, floor 0.91", rep["f1"])
	}
	if rep["acc161"] < 0.83 {
		t.Errorf("acc@161km %.3f, floor 0.83", rep["acc161"])
	}
	// The shift defaults to 1 for GeoVirus files; forcing 0 misreads every span.
	if code, _, errs := runCmd(t, "", "eval", "places", "--shift", "0", path); code != 1 || !strings.Contains(errs, "wrong shift") {
		t.Errorf("--shift 0: exit %d, %s", code, errs)
	}
}

func TestEvalPlacesUsage(t *testing.T) {
	if code, _, errs := runCmd(t, "", "eval", "places"); code != 2 || !strings.Contains(errs, "no gold file") {
		t.Errorf("no file: exit %d, %s", code, errs)
	}
	if code, _, errs := runCmd(t, "", "eval", "places", "missing.xml"); code != 1 || !strings.Contains(errs, "missing.xml") {
		t.Errorf("missing file: exit %d, %s", code, errs)
	}
	bad := filepath.Join(t.TempDir(), "bad.xml")
	os.WriteFile(bad, []byte("<articles><article><text>Goma</text><locations><location><name>Goma</name><start>0</start><end>9</end></location></locations></article></articles>"), 0o644)
	if code, _, errs := runCmd(t, "", "eval", "places", bad); code != 1 || !strings.Contains(errs, "bad.xml: article 1, location 1") {
		t.Errorf("bad offsets: exit %d, %s", code, errs)
	}
}
