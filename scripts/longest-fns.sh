#!/usr/bin/env bash
# The longest function of each crate (crates/* and src-tauri), to spot the ones worth
# splitting into named steps. Test code is left out: files under tests/ and benches/, and
# any item marked #[cfg(test)] or #[test].
#
# Usage: scripts/longest-fns.sh [--over N] [ROOT]
#   --over N   list every function longer than N lines instead of one per crate
#   ROOT       the checkout to measure (default: this one), e.g. a worktree at another commit
#
# The matching is approximate and relies on rustfmt's layout: a function runs from its
# `fn` line to the first later line holding only `}` at the same indentation. A `}` alone at
# that indentation inside a multi-line string literal would end it early.
set -euo pipefail

over=""
if [[ "${1:-}" == "--over" ]]; then
    over="${2:?--over needs a line count}"
    shift 2
fi
root="${1:-$(cd "$(dirname "$0")/.." && pwd)}"
cd "$root"

for crate in crates/*/ src-tauri/; do
    crate="${crate%/}"
    find "$crate" -name '*.rs' -not -path '*/tests/*' -not -path '*/benches/*' \
        -not -path '*/target/*' -print0 | sort -z | xargs -0 -r python3 -c '
import re, sys

over = sys.argv[1]
crate = sys.argv[2]
FN = re.compile(r"^(\s*)(pub(\([^)]*\))? )?(const )?(async )?(unsafe )?fn (\w+)")
TEST_ATTR = re.compile(r"^\s*#\[(cfg\(test\)|test)\]")

found = []  # (lines, path, line number, name)
for path in sys.argv[3:]:
    lines = open(path, encoding="utf-8").read().split("\n")
    i = 0
    skip_next_item = False
    while i < len(lines):
        line = lines[i]
        if TEST_ATTR.match(line):
            skip_next_item = True
            i += 1
            continue
        m = FN.match(line)
        item = m or re.match(r"^(\s*)(pub(\([^)]*\))? )?mod \w+ \{\s*$", line)
        if not item:
            if skip_next_item and line.strip() and not line.lstrip().startswith("#"):
                # A test-only item that is neither a function nor an inline module
                # (a use, a const): nothing to skip past.
                skip_next_item = False
            i += 1
            continue
        indent = item.group(1)
        # The body opens on the first line (from the signature on) holding a `{`; a
        # signature ending in `;` has none (a trait method without a default).
        j = i
        while j < len(lines) and "{" not in lines[j] and not lines[j].rstrip().endswith(";"):
            j += 1
        if j == len(lines) or "{" not in lines[j]:
            skip_next_item = False
            i = j + 1
            continue
        if lines[j].count("{") == lines[j].count("}"):
            end = j  # one-line body: `fn f() -> u8 { 1 }`
        else:
            close = indent + "}"
            end = next((k for k in range(j + 1, len(lines)) if lines[k].rstrip() == close), None)
            if end is None:
                i = j + 1
                skip_next_item = False
                continue
        if skip_next_item:
            skip_next_item = False
            i = end + 1  # the whole test item, with anything nested in it
            continue
        if m:
            found.append((end - i + 1, path, i + 1, m.group(7)))
            i += 1  # functions nested in this one are measured too
        else:
            i += 1  # a plain inline module: its items are measured one by one

if not found:
    sys.exit(0)
if over:
    for n, path, line, name in sorted(found, reverse=True):
        if n > int(over):
            print(f"{n:5d}  {path}:{line}  {name}")
else:
    n, path, line, name = max(found)
    print(f"{crate:18s} {n:5d}  {path}:{line}  {name}")
' "$over" "$crate"
done
