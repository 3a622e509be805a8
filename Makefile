# Terroir: the two commands of the README are `make run` and `make test`.
SHELL := /bin/bash
export PATH := $(HOME)/.cargo/bin:$(PATH)

CARGO ?= cargo
DESKTOP := target/debug/terroir-desktop

.PHONY: deps ui run cli-demo lint test test-ui test-rust test-clock bindings e2e free-debug package package-test fmt

deps:
	@scripts/install-deps.sh

## The UI, built into ui/dist (the desktop binary embeds it).
ui: deps
	@if [ ! -d ui/node_modules ] || [ ui/package-lock.json -nt ui/node_modules/.package-lock.json ]; then cd ui && npm ci --no-audit --no-fund; fi
	cd ui && npm run build

## The app on the default workspace (~/.local/share/terroir/terroir.db), created with the
## sample catalogue on first start. TERROIR_DB=path picks another workspace.
run: ui
	$(CARGO) build -p terroir-desktop
	./$(DESKTOP)

## The sample catalogue through the command line.
cli-demo: deps
	$(CARGO) build -p terroir-cli
	@db=$${TERROIR_DB:-$$HOME/.local/share/terroir/terroir.db}; [ -f "$$db" ] || ./target/debug/terroir --db "$$db" init --sample; \
	for c in "gi list" "trademark list" "user list" "deadlines --within 90d" "check"; do echo "== terroir $$c"; ./target/debug/terroir --db "$$db" $$c; done

lint: ui
	$(CARGO) fmt --all --check
	$(CARGO) clippy --workspace --all-targets -- -D warnings

test-ui: ui
	cd ui && npm test

## Unit, property and integration tests; the crash test; regenerates the TypeScript bindings.
test-rust: ui
	$(CARGO) test --workspace

## Tests never read the clock or depend on the time zone: the Rust suite again, with the clock
## moved years ahead to half an hour before local midnight, under the two time zones furthest
## apart (UTC+14 and UTC-12). Only the test executables run under libfaketime
## (scripts/test-clock.sh); cargo itself keeps the real clock. The long reliability trials
## (crates/cli/tests/reliability.rs: kills, two writers, backups during an import) read no
## date and run once, in test-rust.
CLOCK_ZONES := Pacific/Kiritimati Etc/GMT+12
test-clock: test-rust
	@for tz in $(CLOCK_ZONES); do \
	  echo "== cargo test under TZ=$$tz, clock at 2031-02-28 23:30 local"; \
	  TZ=$$tz TERROIR_FAKE_CLOCK='@2031-02-28 23:30:00' \
	    CARGO_TARGET_X86_64_UNKNOWN_LINUX_GNU_RUNNER=$(CURDIR)/scripts/test-clock.sh \
	    $(CARGO) test --workspace -- --skip reliability_ || exit 1; \
	done

## The generated files — ts-rs bindings, and the capability and CommandName that
## src-tauri/build.rs writes from commands.rs — must be committed as test-rust left them.
bindings:
	@if [ -n "$$(git status --porcelain -- ui/src/api/bindings src-tauri/capabilities)" ]; then \
	  echo "generated files are stale: commit what cargo test generated:"; git status --short -- ui/src/api/bindings src-tauri/capabilities; exit 1; fi

## The real window under Xvfb, driven through tauri-driver; screenshots in target/e2e-screenshots.
## Built with `--workspace --all-targets`, the features `cargo test --workspace` resolved, so the
## dependencies test-rust compiled are reused instead of compiled again with other features.
e2e: ui
	$(CARGO) build --workspace --all-targets
	TERROIR_DESKTOP_BIN=$(CURDIR)/$(DESKTOP) $(CARGO) test --workspace --test desktop -- --ignored --test-threads 1

## CI only (TERROIR_CI_LEAN=1, set by .ci/run): the debug build is done with once the e2e has
## passed; removing it before the release build keeps CI's disk peak to the larger of the two.
free-debug:
	@if [ -n "$${TERROIR_CI_LEAN:-}" ]; then echo "removing target/debug ($$(du -sh target/debug | cut -f1)) before the release build"; rm -rf target/debug; fi

## The .deb (Tauri's bundler): target/release/bundle/deb/.
package: ui
	ui/node_modules/.bin/tauri build --bundles deb

## Install the .deb with apt and start the installed app under Xvfb.
package-test: package
	scripts/deb-smoke.sh

## Everything CI runs.
test: lint test-ui test-rust test-clock bindings e2e free-debug package-test

fmt:
	$(CARGO) fmt --all
