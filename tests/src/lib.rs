//! terroir-e2e: whole journeys through the real desktop window. The tests live in `tests/`;
//! they are `#[ignore]`d in a plain `cargo test` because they need the built app with the UI
//! embedded, Xvfb, tauri-driver and WebKitWebDriver: `make e2e` (part of `make test`) runs them.
