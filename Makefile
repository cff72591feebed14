# asa2-creators - the two set-up commands are `make demo` and `make test`.
SHELL := /bin/bash
.DEFAULT_GOAL := help

CARGO ?= cargo
EXT_SO := $(CURDIR)/target/release/libasa2.so

.PHONY: help install demo test dist lint fmt ext wasm pot sandbox bench fuzz stop clean

help: ## list the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | sed -E 's/:.*## /\t/' | expand -t 12

install: ## install what is missing (Debian packages, Rust targets, npm packages)
	@scripts/install.sh

demo: install ## build everything, start MariaDB + WordPress + the plugin + the sandbox, print the login
	@scripts/demo.sh

test: install ## run every suite (Rust, PHP extension, wasm/Node, WordPress, browser)
	@scripts/test.sh

dist: ## the Debian packages of the extension (PHP 8.2, 8.4) and the plugin zip, in dist/
	@ASA2_STACKS=trixie scripts/install.sh rust php wasm dist roots
	@scripts/dist.sh

lint: ## rustfmt, clippy and php -l
	$(CARGO) fmt --all -- --check
	$(CARGO) clippy --workspace --all-targets -- -D warnings
	$(CARGO) clippy -p asa2-php -- -D warnings
	@git ls-files '*.php' | xargs -r -n1 php -l >/dev/null

fmt: ## format the Rust code
	$(CARGO) fmt --all

ext: ## build the PHP extension (target/release/libasa2.so)
	$(CARGO) build --release -p asa2-php

wasm: ## build the wasm package (crates/wasm/pkg) and copy it into the plugin
	@scripts/build-wasm.sh

pot: ## regenerate languages/ of the plugin (.pot, merged .po, .mo, script JSON); lists what needs translating
	@scripts/i18n.sh

sandbox: ## run the local Amazon sandbox in the foreground with the demo credentials
	$(CARGO) run --release -p asa2-sandbox -- --config crates/sandbox/demo.json

bench: install ## benchmarks, written to bench/results.md
	@scripts/bench.sh

fuzz: ## run every fuzz target for a bounded time
	@scripts/fuzz.sh

stop: ## stop the demo's services
	@scripts/stop.sh

clean: ## remove build output and the local WordPress
	$(CARGO) clean
	rm -rf .work crates/wasm/pkg dist
