package source_test

import (
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/eventwire/eventwire/source"
)

func TestExtractHTML(t *testing.T) {
	tests := []struct {
		name, page, title, text string
	}{
		{
			name:  "paragraphs and title",
			page:  `<html><head><title>A  title</title></head><body><h1>Head</h1><p>One.</p><p>Two&nbsp;&amp; three.</p></body></html>`,
			title: "A title", text: "Head\n\nOne.\n\nTwo & three.",
		},
		{
			name: "scripts, styles, navigation, asides, footers and forms go",
			page: `<body><nav>Menu</nav><script>var a = "<p>no</p>";</script><style>p {}</style>
				<p>Kept.</p><aside>Related</aside><form><label>Search</label></form>
				<noscript>Enable JS</noscript><footer>© 2020</footer></body>`,
			text: "Kept.",
		},
		{
			name: "main or article text only when present",
			page: `<body><div>Cookie banner.</div><article><h2>Story</h2><p>Body <i>text</i>.</p></article><div>More stories</div></body>`,
			text: "Story\n\nBody text.",
		},
		{
			name: "a small article beside the story is a teaser",
			page: `<body><div><p>The story itself, which runs much longer than the teaser does.</p></div><article>Teaser</article></body>`,
			text: "The story itself, which runs much longer than the teaser does.\n\nTeaser",
		},
		{
			name: "br is a line break, whitespace collapses",
			page: "<p>Line one<br>line   two\n\tend<br/><br/></p>",
			text: "Line one\nline two end",
		},
		{
			name: "pre keeps its whitespace",
			page: "<p>Before</p><pre>a  b\n  c</pre>",
			text: "Before\n\na  b\n  c",
		},
		{
			name: "table cells are separated",
			page: "<table><tr><td>a</td><td>b</td></tr><tr><td>c</td></tr></table>",
			text: "a b\n\nc",
		},
		{
			name: "unclosed tags",
			page: "<p>One<p>Two<div>Three",
			text: "One\n\nTwo\n\nThree",
		},
		{
			name: "no text",
			page: "<html><head><script>x()</script></head></html>",
		},
		{
			name: "not HTML at all",
			page: "just words",
			text: "just words",
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			title, text := source.ExtractHTML([]byte(tc.page))
			if title != tc.title || text != tc.text {
				t.Errorf("ExtractHTML = %q, %q\nwant %q, %q", title, text, tc.title, tc.text)
			}
		})
	}
}

// TestExtractHTMLDeep checks pages nested deeper than html.Parse allows.
func TestExtractHTMLDeep(t *testing.T) {
	page := "<title>Deep</title><nav>menu</nav>" + strings.Repeat("<div>", 100000) + "<p>deep<script>x</script>" +
		strings.Repeat("</div>", 100000) + "<p>after"
	if title, text := source.ExtractHTML([]byte(page)); title != "Deep" || text != "deep\n\nafter" {
		t.Errorf("ExtractHTML = %q, %q, want Deep, \"deep\\n\\nafter\"", title, text)
	}
}

func FuzzExtractHTML(f *testing.F) {
	f.Add(`<html><head><title>T</title></head><body><p>One.</p><br><pre> x </pre></body></html>`)
	f.Add(`<article><p>a<td>b</article><nav>n</nav><svg><title>s</title></svg>`)
	f.Add("<p>\x00</p><!-- c --><![CDATA[x]]>")
	f.Fuzz(func(t *testing.T, page string) {
		title, text := source.ExtractHTML([]byte(page))
		if utf8.ValidString(page) && (!utf8.ValidString(title) || !utf8.ValidString(text)) {
			t.Errorf("valid UTF-8 page gave invalid UTF-8: %q, %q", title, text)
		}
		if text != strings.TrimSpace(text) || strings.Contains(text, "\n\n\n") {
			t.Errorf("text %q has stray blank lines", text)
		}
	})
}
