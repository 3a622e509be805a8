#!/usr/bin/env bash
# Install what building, running and testing Terroir needs on Debian/Ubuntu. Idempotent: it
# installs only what is missing. Run as root or with sudo available.
set -euo pipefail

SUDO=""
[ "$(id -u)" -eq 0 ] || SUDO="sudo"

# Debian packages: a C toolchain (bundled SQLite), WebKitGTK and friends for the Tauri app,
# Xvfb and WebKitWebDriver for the end-to-end tests, ImageMagick for screenshots, poppler and
# qpdf to check printed PDFs as a reader would, LibreOffice Calc and Writer to read exported XLSX
# and DOCX as a user would, GNU time for peak-memory checks, libfaketime for the moved-clock run,
# the sqlite3 shell for tests that plant data an older version could have written, Node.js.
pkgs=(build-essential pkg-config curl wget file ca-certificates python3 libssl-dev
      libwebkit2gtk-4.1-dev libayatana-appindicator3-dev librsvg2-dev libxdo-dev
      xvfb xauth webkit2gtk-driver imagemagick poppler-utils qpdf time
      libreoffice-calc-nogui libreoffice-writer-nogui faketime sqlite3)
need=()
for p in "${pkgs[@]}"; do dpkg -s "$p" >/dev/null 2>&1 || need+=("$p"); done
command -v node >/dev/null 2>&1 || need+=(nodejs npm)
if ((${#need[@]})); then
  echo "installing: ${need[*]}"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${need[@]}"
fi
node_major=$(node -p 'process.versions.node.split(".")[0]')
if [ "$node_major" -lt 20 ]; then
  echo "Node.js $(node --version) is too old: the UI build (Vite 8) needs Node.js 20 or newer." >&2
  exit 1
fi

# Rust 1.95 or newer (edition 2024), with clippy and rustfmt.
export PATH="$HOME/.cargo/bin:$PATH"
if ! command -v cargo >/dev/null 2>&1; then
  echo "installing Rust with rustup"
  curl --proto '=https' --tlsv1.2 -sSf https://sh.rustup.rs | sh -s -- -y --profile minimal --component clippy,rustfmt
fi
if ! cargo clippy --version >/dev/null 2>&1 || ! cargo fmt --version >/dev/null 2>&1; then
  command -v rustup >/dev/null 2>&1 && rustup component add clippy rustfmt
fi

# tauri-driver: the WebDriver bridge the end-to-end tests drive the app through.
command -v tauri-driver >/dev/null 2>&1 || cargo install tauri-driver --version '^2' --locked
echo "dependencies ready: $(cargo --version), node $(node --version)"
