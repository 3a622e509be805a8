# Terroir: the two commands of the README are `make run` and `make test`.
SHELL := /bin/bash
export PATH := $(HOME)/.cargo/bin:$(PATH)

CARGO ?= cargo
# The workspace `make run` uses (the OS data directory, as the CLI's default).
TERROIR_DB ?= $(HOME)/.local/share/terroir/terroir.db
TERROIR := ./target/debug/terroir --db $(TERROIR_DB)

.PHONY: deps build run test lint fmt clean-workspace

deps:
	@scripts/install-deps.sh

build: deps
	$(CARGO) build -p terroir-cli

## The product on a seeded workspace (until the desktop app lands, shown through the CLI).
run: build
	@if [ ! -f "$(TERROIR_DB)" ]; then $(TERROIR) init --sample; fi
	@echo; echo "== 地理标志产品 GI products =="; $(TERROIR) gi list
	@echo; echo "== 商标 Trademarks =="; $(TERROIR) trademark list
	@echo; echo "== 授权使用人 Authorised users =="; $(TERROIR) user list
	@echo; echo "== 90 天内到期事项 Deadlines, next 90 days =="; $(TERROIR) deadlines --within 90d
	@echo; echo "== 检查 Check =="; $(TERROIR) check
	@echo; echo "More: ./target/debug/terroir --help   (workspace: $(TERROIR_DB))"

lint: deps
	$(CARGO) fmt --all --check
	$(CARGO) clippy --workspace --all-targets -- -D warnings

## Everything CI runs: formatting, lints, unit, property, integration and crash tests.
test: lint
	$(CARGO) test --workspace

fmt:
	$(CARGO) fmt --all
