package source_test

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/eventwire/eventwire/source"
)

func TestCSV(t *testing.T) {
	dir := t.TempDir()
	p := filepath.Join(dir, "news.csv")
	body := "url,date,title,text\n" +
		"https://a,2020-01-01,A,\"Putin met Erdogan.\nThey talked.\"\n" +
		"https://b,not-a-date,B,Text B\n" +
		"https://c,2020-01-03,C,\n" +
		"https://d,2020-01-04,D,\"Text D\"\n"
	if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
		t.Fatal(err)
	}
	r := &source.Reader{Format: source.FormatCSV}
	var ids, errs []string
	for a, err := range r.Articles(context.Background(), []string{p}) {
		if err != nil {
			errs = append(errs, err.Error())
			continue
		}
		ids = append(ids, a.ID+"|"+a.URL+"|"+a.Published.Format("2006-01-02")+"|"+a.Title)
	}
	want := []string{p + ":2|https://a|2020-01-01|A", p + ":6|https://d|2020-01-04|D"}
	if strings.Join(ids, "\n") != strings.Join(want, "\n") {
		t.Errorf("articles:\n%s\nwant\n%s", strings.Join(ids, "\n"), strings.Join(want, "\n"))
	}
	if len(errs) != 2 || !strings.Contains(errs[0], "news.csv:4") || !strings.Contains(errs[0], "not-a-date") || !strings.Contains(errs[1], "news.csv:5") {
		t.Errorf("errors: %q", errs)
	}

	os.WriteFile(p, []byte("a,b\n1,2\n"), 0o644)
	for _, err := range r.Articles(context.Background(), []string{p}) {
		if err == nil || !strings.Contains(err.Error(), `no "text" column`) {
			t.Errorf("want a missing-column error, got %v", err)
		}
	}
}

func FuzzArticlesCSV(f *testing.F) {
	f.Add("url,date,title,text\nhttps://a,2020-01-01,A,\"Putin met Erdogan.\"\n")
	f.Add("text\n\"unterminated\n")
	f.Add("id,text,published\n1,,2020\nx,\xff\xfe,2020-02-30\n")
	f.Fuzz(func(t *testing.T, body string) {
		p := filepath.Join(t.TempDir(), "in.csv")
		if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
		r := &source.Reader{Format: source.FormatCSV, MaxBytes: 1 << 16}
		for a, err := range r.Articles(context.Background(), []string{p}) {
			if err == nil && strings.TrimSpace(a.Text) == "" {
				t.Fatalf("empty article %q accepted from %q", a.ID, body)
			}
		}
	})
}
