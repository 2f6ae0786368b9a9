package pipeline

import (
	"context"
	"fmt"
	"iter"
	"runtime"
	"runtime/debug"
	"sync"

	"github.com/eventwire/eventwire"
)

// Pipeline runs its stages in order over each article.
type Pipeline struct {
	Stages []eventwire.Stage
}

// Run codes one article. On error the document holds what the stages before
// the failing one produced.
func (p *Pipeline) Run(a eventwire.Article) (doc *eventwire.Document, err error) {
	doc = &eventwire.Document{Article: a}
	for _, st := range p.Stages {
		if err := runStage(st, doc); err != nil {
			return doc, &eventwire.Error{Input: a.ID, Err: fmt.Errorf("%s: %w", st.Name(), err)}
		}
	}
	return doc, nil
}

func runStage(st eventwire.Stage, doc *eventwire.Document) (err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("%w: panic: %v\n%s", eventwire.ErrInternal, r, debug.Stack())
		}
	}()
	return st.Process(doc)
}

// Result is one article's outcome, in input order.
type Result struct {
	Doc *eventwire.Document // nil when the input could not be read
	Err error
}

// RunAll codes every article from in on workers goroutines (GOMAXPROCS
// when workers < 1) and yields results in input order. Input errors pass
// through as results with a nil Doc, in their place.
func (p *Pipeline) RunAll(ctx context.Context, in iter.Seq2[eventwire.Article, error], workers int) iter.Seq[Result] {
	if workers < 1 {
		workers = runtime.GOMAXPROCS(0)
	}
	return func(yield func(Result) bool) {
		ctx, cancel := context.WithCancel(ctx)
		defer cancel()
		type job struct {
			a   eventwire.Article
			err error
			out chan Result
		}
		jobs := make(chan job, workers)
		order := make(chan chan Result, workers*4)
		var wg sync.WaitGroup
		for range workers {
			wg.Add(1)
			go func() {
				defer wg.Done()
				for j := range jobs {
					if j.err != nil {
						j.out <- Result{Err: j.err}
						continue
					}
					doc, err := p.Run(j.a)
					j.out <- Result{Doc: doc, Err: err}
				}
			}()
		}
		go func() {
			defer close(order)
			defer close(jobs)
			for a, err := range in {
				out := make(chan Result, 1)
				select {
				case order <- out:
				case <-ctx.Done():
					return
				}
				select {
				case jobs <- job{a: a, err: err, out: out}:
				case <-ctx.Done():
					out <- Result{Err: ctx.Err()}
					return
				}
			}
		}()
		defer wg.Wait()
		for out := range order {
			select {
			case r := <-out:
				if !yield(r) {
					cancel()
					// Drain so the feeder and workers can stop.
					go func() {
						for o := range order {
							<-o
						}
					}()
					return
				}
			case <-ctx.Done():
				return
			}
		}
	}
}
