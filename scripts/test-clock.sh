#!/usr/bin/env bash
# Cargo's test runner for `make test-clock`: runs one test executable (and whatever it starts,
# such as the `terroir` binary) with the clock moved to TERROIR_FAKE_CLOCK, a running clock
# (libfaketime, Debian package `faketime`). Only the test executables are wrapped: a faked
# cargo hangs. The monotonic clock and file times stay real, so timeouts and cargo's
# freshness checks work.
set -euo pipefail
export NO_FAKE_STAT=1 FAKETIME_DONT_FAKE_MONOTONIC=1
exec faketime -f "${TERROIR_FAKE_CLOCK:?set TERROIR_FAKE_CLOCK, e.g. @2031-02-28 23:30:00}" "$@"
