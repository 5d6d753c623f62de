# Plume — the two commands a new developer needs are `make run` and `make test`.
# Everything the build and the tests need is installed from here, so that a
# fresh Debian machine (or CI) needs nothing done by hand.

SHELL      := /bin/bash
SUDO       := $(shell [ "$$(id -u)" -eq 0 ] || echo sudo)
GO         ?= go
GOROOT     := $(shell $(GO) env GOROOT)
WASM_ENV   := GOWORK=$(CURDIR)/wasm/go.work GOOS=js GOARCH=wasm PATH="$(GOROOT)/lib/wasm:$(PATH)"
# Fyne's build tags for the browser (wasm/buildtags, also read by the browser
# test): no_emoji leaves out the 4 MB emoji font, which is what keeps
# plume.wasm under 15 MB gzip; no_metadata skips looking for FyneApp.toml on
# a disk the page does not have; migrated_fynedo says the app calls the UI
# through fyne.Do: without it Fyne's web driver, which hands every key and
# click to a goroutine of its own, logged a stack to the console for each
# widget refresh, and that logging was half the page's work.
WASM_TAGS  := $(shell cat wasm/buildtags)
# Debian packages for Fyne's desktop driver (cgo, GLFW, X11).
GUI_DEBS   := gcc pkg-config libgl1-mesa-dev libx11-dev libxcursor-dev libxrandr-dev \
              libxinerama-dev libxi-dev libxxf86vm-dev
# Xvfb runs the GUI tests and screenshots without a display.
XVFB_DEBS  := xvfb xauth
# Short fuzz runs keep the intake honest on every `make test`. The budget is
# a count of runs, not a duration: with a duration, Go 1.26's fuzzing
# coordinator can fail a target with "context deadline exceeded" at the end
# of the time, having found nothing (golang/go#75804, fixed in Go 1.27).
FUZZTIME   ?= 100000x
STATICCHECK_VERSION := v0.8.2
STATICCHECK := $(shell $(GO) env GOPATH)/bin/staticcheck

.PHONY: help paquets icon deps-staticcheck exemples train wasm serve-web deps-web deps-browser run test test-native test-wasm fuzz fuzz-long vet build build-cli deps-gui deps-node check bench eval clean

## run: start the desktop app on the embedded knowledge base
run: deps-gui
	$(GO) run . $(ARGS)

## test: every test, native and under GOOS=js in Node
test: deps-gui deps-node deps-browser vet test-native test-wasm fuzz
	@echo "make test : tous les tests sont passés"

## fuzz: short fuzz runs of everything that reads outside input: the
## knowledge-base parser, the message intake, the detectors, the entities
## (seeds of every fuzz target also run as plain tests in test-native).
## FuzzSuggest is left to `make fuzz-long`: coverage instrumentation of
## Bleve makes it crawl.
fuzz:
	$(GO) test -run '^$$' -fuzz '^FuzzLoadItem$$' -fuzztime $(FUZZTIME) ./kb/
	$(GO) test -run '^$$' -fuzz '^FuzzParseText$$' -fuzztime $(FUZZTIME) ./message/intake/
	$(GO) test -run '^$$' -fuzz '^FuzzAnalyze$$' -fuzztime $(FUZZTIME) ./message/detect/
	$(GO) test -run '^$$' -fuzz '^FuzzExtract$$' -fuzztime $(FUZZTIME) ./message/entities/
	$(GO) test -run '^$$' -fuzz '^FuzzParseFile$$' -fuzztime $(FUZZTIME) ./journal/

fuzz-long:
	$(GO) test -run '^$$' -fuzz '^FuzzLoadItem$$' -fuzztime 5m ./kb/
	$(GO) test -c -o /tmp/plume-search.test ./search/ && cd search && /tmp/plume-search.test -test.run '^$$' -test.fuzz '^FuzzSuggest$$' -test.fuzztime 5m

## vet: go vet and staticcheck (staticcheck.conf), native and for the browser
## build (GOOS=js); staticcheck is installed at its pinned version if missing
vet: deps-gui deps-staticcheck
	$(GO) vet ./...
	$(WASM_ENV) $(GO) vet -tags $(WASM_TAGS) ./...
	$(STATICCHECK) ./...
	$(WASM_ENV) $(STATICCHECK) -tags $(WASM_TAGS) ./...

# Tests on large bases skip themselves under -race (ten times slower) and run
# again here without it; the tests that read the training corpus read a
# tenth of their sample under -race and in Node, and all of it here.
test-native: deps-gui
	$(GO) test -race -count=1 ./...
	$(GO) test -count=1 -run 'LargeBase|EveryFlagIsExplained|TheSameMessageReadsTheSame' ./search/

## test-wasm: the engine's tests compiled for the browser and run in Node
test-wasm: deps-node
	$(WASM_ENV) $(GO) test -count=1 ./kb/... ./search/... ./compose/... ./message/... ./journal/...

## build: the desktop binary (./plume)
build: deps-gui
	$(GO) build -o plume .

## build-cli: the command line only, without the GUI (no cgo, no X11)
build-cli:
	CGO_ENABLED=0 $(GO) build -tags nogui -o plume-cli .

## check: plume check on the embedded knowledge base
check:
	$(GO) run -tags nogui . check

## bench: indexing and suggestion latency, the judge and the journal
bench:
	$(GO) run -tags nogui . bench --size 1000
	$(GO) run -tags nogui . bench --size 10000
	$(GO) test -run '^$$' -bench Suggest -benchtime 300x ./search/
	$(GO) test -run '^$$' -bench BuildIndex -benchtime 3x ./search/
	$(GO) test -run '^$$' -bench Analyze80Words -benchtime 300x ./search/
	$(GO) test -run '^$$' -bench Train5000 -benchtime 1x ./search/
	$(GO) test -run '^$$' -bench 'OpenYear|MatchYear|ReportYear' -benchtime 5x ./journal/

## train: the learned judge's weights (templates/jugement.poids) from the
## training corpus (testdata/train), thresholds chosen by writer-grouped
## cross-validation; a test fails when the weights are older than the corpus.
train:
	$(GO) run -tags nogui . train --exemples testdata/train -o templates/jugement.poids

## eval: the judge's writer-grouped cross-validation on the training corpus,
## then accuracy on the three test sets (never trained on, never tuned on)
## exemples: the replies Plume composes for docs/exemples/*.txt (ten situations),
## written next to them as *.reponse.txt, to be read as the person would
exemples:
	@for f in docs/exemples/*.txt; do case $$f in *.reponse.txt) continue;; esac; \
	  out=$${f%.txt}.reponse.txt; flags=""; \
	  case $$f in *apres-transfert*) flags="--bloc relance=bloc-relance-transfert";; esac; \
	  $(GO) run -tags nogui . suggest $$flags $$f 2>/dev/null | sed -n '/^Réponse composée/,$$p' > $$out; \
	  echo "$$out"; done

eval:
	$(GO) run -tags nogui . eval --cv testdata/train
	$(GO) run -tags nogui . eval ../shared/eval/dev.jsonl
	$(GO) run -tags nogui . eval testdata/holdout.jsonl
	$(GO) run -tags nogui . eval testdata/blind.jsonl
	$(GO) run -tags nogui . eval testdata/review-2026-12.jsonl

deps-staticcheck:
	@test -x $(STATICCHECK) || { echo "Installation de staticcheck $(STATICCHECK_VERSION)"; \
	  GOBIN=$(dir $(STATICCHECK)) $(GO) install honnef.co/go/tools/cmd/staticcheck@$(STATICCHECK_VERSION); }

## help: this list
help:
	@sed -n 's/^## //p' $(MAKEFILE_LIST)

# Install the Debian packages the GUI needs, only those missing.
deps-gui:
	@missing=$$(for p in $(GUI_DEBS); do dpkg-query -W -f='$${Status}' $$p 2>/dev/null | grep -q 'install ok installed' || echo $$p; done); \
	if [ -n "$$missing" ]; then \
	  echo "Installation des paquets Debian manquants : $$missing"; \
	  $(SUDO) apt-get update -qq && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq --no-install-recommends $$missing; \
	fi

# Chromium runs the browser build's end-to-end test (wasm/e2e); the test is
# skipped where Chromium cannot be installed.
deps-browser:
	@command -v chromium >/dev/null || { echo "Installation de Chromium (Debian)"; \
	  $(SUDO) apt-get update -qq && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq --no-install-recommends chromium || true; }

# Node runs the wasm tests (go_js_wasm_exec); Debian's nodejs if none is there.
deps-node:
	@command -v node >/dev/null || { echo "Installation de Node.js (Debian)"; \
	  $(SUDO) apt-get update -qq && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq --no-install-recommends nodejs; }

clean:
	rm -f plume plume-cli

## icon: redraw assets/icon.png from the paths of assets/icon.svg
icon:
	convert -size 512x512 xc:none -fill '#000091' -draw 'roundrectangle 16,16 496,496 96,96' \
	  -fill white -draw 'path "M380 92 C250 120 170 230 150 372 L190 372 C210 262 280 176 380 92 Z"' \
	  -fill '#cacafb' -draw 'path "M380 92 C330 210 270 300 190 372 L170 372 C250 290 320 200 380 92 Z"' \
	  -stroke white -strokewidth 16 -draw 'line 158,372 126,430' \
	  -stroke none -fill '#e1000f' -draw 'roundrectangle 120,428 392,442 7,7' -resize 256x256 assets/icon.png

## paquets: redraw docs/paquets.png, Plume's packages and which imports
## which (Graphviz, installed from Debian if missing)
paquets:
	@command -v dot >/dev/null || { echo "Installation de Graphviz (Debian)"; \
	  $(SUDO) apt-get update -qq && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq --no-install-recommends graphviz; }
	sh docs/paquets.sh

## wasm: the browser build in wasm/dist (index.html naming the build and its
## loader, plume.<hash>.wasm precompressed with gzip and brotli, wasm_exec.js
## of the Go toolchain in use, kb.bundle: the knowledge base the page loads;
## see wasm/web). Serve it as static files; copying another kb.bundle over
## it publishes an updated base without rebuilding.
WASM_DIST := wasm/dist
wasm: deps-web
	rm -rf $(WASM_DIST) && mkdir -p $(WASM_DIST)
	GOWORK=$(CURDIR)/wasm/go.work GOOS=js GOARCH=wasm $(GO) build -tags $(WASM_TAGS) -trimpath -ldflags="-s -w" -o $(WASM_DIST)/plume.wasm .
	$(GO) run -tags nogui . kb export -o $(WASM_DIST)/kb.bundle
	@name=$$($(GO) run ./wasm/web/cmd -dir $(WASM_DIST) -wasm-exec "$(GOROOT)/lib/wasm/wasm_exec.js") && cd $(WASM_DIST) && \
	  gzip -9 -k $$name && brotli -q 11 -k $$name && \
	  echo "$$name : $$(stat -c %s $$name) octets, gzip $$(stat -c %s $$name.gz), brotli $$(stat -c %s $$name.br)"

## serve-web: try the browser build on http://127.0.0.1:8080/
serve-web: wasm
	$(GO) run ./wasm/serve/cmd -dir $(WASM_DIST)

deps-web:
	@command -v brotli >/dev/null || { echo "Installation de brotli (Debian)"; \
	  $(SUDO) apt-get update -qq && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq --no-install-recommends brotli; }
