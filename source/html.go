package source

import (
	"bytes"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// ExtractHTML returns the title and a crude main text of an HTML page. It
// drops scripts, styles, navigation, asides, footers and forms; when the page
// has <main> or <article> elements holding at least a third of its text, it
// keeps only their text. Block elements
// become paragraphs separated by a blank line, <br> a line break, and other
// whitespace collapses to single spaces (except inside <pre>).
//
// This is a stopgap until real readability extraction; it never fails, and
// returns empty strings for a page without text.
func ExtractHTML(page []byte) (title, text string) {
	var x extractor
	if doc, err := html.Parse(bytes.NewReader(page)); err == nil {
		x.walk(doc)
	} else {
		// html.Parse refuses pages nested over 512 elements deep; read
		// those token by token instead.
		x.scan(page)
	}
	// A <main> or <article> holding a third of the text is the story; a
	// smaller one is more likely a teaser beside it.
	paras := x.all
	if 3*size(x.main) >= size(x.all) && len(x.main) > 0 {
		paras = x.main
	}
	return x.title, strings.Join(paras, "\n\n")
}

func size(paras []string) int {
	n := 0
	for _, p := range paras {
		n += len(p)
	}
	return n
}

// skipped elements hold no article text.
var skipped = map[atom.Atom]bool{
	atom.Script: true, atom.Style: true, atom.Noscript: true, atom.Template: true,
	atom.Nav: true, atom.Aside: true, atom.Footer: true, atom.Form: true,
	atom.Button: true, atom.Select: true, atom.Textarea: true,
	atom.Svg: true, atom.Math: true, atom.Iframe: true, atom.Object: true,
}

// blocks are elements that start and end a paragraph.
var blocks = map[atom.Atom]bool{
	atom.Address: true, atom.Article: true, atom.Blockquote: true, atom.Body: true,
	atom.Caption: true, atom.Dd: true, atom.Details: true, atom.Div: true, atom.Dl: true,
	atom.Dt: true, atom.Fieldset: true, atom.Figcaption: true, atom.Figure: true,
	atom.H1: true, atom.H2: true, atom.H3: true, atom.H4: true, atom.H5: true, atom.H6: true,
	atom.Header: true, atom.Hr: true, atom.Html: true, atom.Li: true, atom.Main: true,
	atom.Ol: true, atom.P: true, atom.Pre: true, atom.Section: true, atom.Summary: true,
	atom.Table: true, atom.Tr: true, atom.Ul: true,
}

type extractor struct {
	title     string
	all, main []string // finished paragraphs; main are those inside <main> or <article>
	cur       []byte   // the paragraph being built
	space     bool     // whitespace seen since the last text byte of cur
	pre       int      // depth of <pre>
	inMain    int      // depth of <main> and <article>
}

// walk visits the tree without recursion, so deep nesting cannot exhaust the
// stack.
func (x *extractor) walk(root *html.Node) {
	type step struct {
		n    *html.Node
		exit bool
	}
	stack := []step{{n: root}}
	for len(stack) > 0 {
		s := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		n := s.n
		if s.exit {
			x.leave(n.DataAtom)
			continue
		}
		switch n.Type {
		case html.TextNode:
			x.text(n.Data)
			continue
		case html.ElementNode:
			if n.DataAtom == atom.Title && x.title == "" && n.Namespace == "" {
				x.title = collapse(textOf(n))
				continue
			}
			if skipped[n.DataAtom] {
				continue
			}
			x.enter(n.DataAtom)
			stack = append(stack, step{n: n, exit: true})
		case html.DocumentNode:
		default:
			continue // comments, doctypes
		}
		// Push children last to first so the first is visited first.
		for c := n.LastChild; c != nil; c = c.PrevSibling {
			stack = append(stack, step{n: c})
		}
	}
	x.flush()
}

// scan reads page token by token: cruder than walk, as it cannot see where
// unclosed elements end, but without a limit on nesting.
func (x *extractor) scan(page []byte) {
	z := html.NewTokenizer(bytes.NewReader(page))
	var skip atom.Atom // the skipped element we are in, or 0
	depth := 0         // how deeply skip nests in itself
	for {
		tt := z.Next()
		switch tt {
		case html.ErrorToken:
			x.flush()
			return
		case html.TextToken:
			if skip == 0 {
				x.text(string(z.Text()))
			}
		case html.StartTagToken, html.SelfClosingTagToken:
			name, _ := z.TagName()
			a := atom.Lookup(name)
			switch {
			case skip != 0:
				if a == skip && tt == html.StartTagToken {
					depth++
				}
			case a == atom.Title:
				if z.Next() == html.TextToken && x.title == "" {
					x.title = collapse(string(z.Text()))
				}
			case skipped[a]:
				if tt == html.StartTagToken {
					skip, depth = a, 1
				}
			default:
				x.enter(a)
			}
		case html.EndTagToken:
			name, _ := z.TagName()
			a := atom.Lookup(name)
			switch {
			case skip != 0:
				if a == skip {
					if depth--; depth == 0 {
						skip = 0
					}
				}
			default:
				x.leave(a)
			}
		}
	}
}

func (x *extractor) enter(a atom.Atom) {
	switch {
	case a == atom.Br:
		x.cur = bytes.TrimRight(x.cur, " ")
		if len(x.cur) > 0 {
			x.cur = append(x.cur, '\n')
		}
		x.space = false
	case a == atom.Td || a == atom.Th:
		x.space = true
	case blocks[a]:
		x.flush()
		if a == atom.Pre {
			x.pre++
		}
		if a == atom.Main || a == atom.Article {
			x.inMain++
		}
	}
}

func (x *extractor) leave(a atom.Atom) {
	switch {
	case a == atom.Td || a == atom.Th:
		x.space = true
	case blocks[a]:
		x.flush()
		if a == atom.Pre && x.pre > 0 {
			x.pre--
		}
		if (a == atom.Main || a == atom.Article) && x.inMain > 0 {
			x.inMain--
		}
	}
}

func (x *extractor) text(s string) {
	if x.pre > 0 {
		x.cur = append(x.cur, s...)
		x.space = false
		return
	}
	for _, r := range s {
		if unicode.IsSpace(r) {
			x.space = true
			continue
		}
		if x.space && len(x.cur) > 0 && x.cur[len(x.cur)-1] != '\n' {
			x.cur = append(x.cur, ' ')
		}
		x.space = false
		x.cur = utf8.AppendRune(x.cur, r)
	}
}

func (x *extractor) flush() {
	p := strings.TrimSpace(string(x.cur))
	x.cur, x.space = x.cur[:0], false
	if p == "" {
		return
	}
	x.all = append(x.all, p)
	if x.inMain > 0 {
		x.main = append(x.main, p)
	}
}

// textOf returns the text of n's descendants.
func textOf(n *html.Node) string {
	var b strings.Builder
	for d := range n.Descendants() {
		if d.Type == html.TextNode {
			b.WriteString(d.Data)
		}
	}
	return b.String()
}

// collapse trims s and turns each run of whitespace into one space.
func collapse(s string) string { return strings.Join(strings.Fields(s), " ") }
