//! Hostile photos are refused, each with its own rule, without a large allocation: this test
//! binary is its own process, so its peak resident memory (VmHWM) measures what refusing cost.

mod common;

use terroir_core::Rule;
use terroir_dossier::photo;

fn crc32(data: &[u8]) -> u32 {
    let mut c = 0xFFFF_FFFFu32;
    for &b in data {
        c ^= u32::from(b);
        for _ in 0..8 {
            c = if c & 1 == 1 {
                (c >> 1) ^ 0xEDB8_8320
            } else {
                c >> 1
            };
        }
    }
    !c
}

fn chunk(out: &mut Vec<u8>, kind: &[u8; 4], data: &[u8]) {
    out.extend_from_slice(&(data.len() as u32).to_be_bytes());
    let mut body = kind.to_vec();
    body.extend_from_slice(data);
    out.extend_from_slice(&body);
    out.extend_from_slice(&crc32(&body).to_be_bytes());
}

/// A well-formed 20000×20000 RGB PNG header with a small deflate stream of zero rows:
/// a decompression bomb if anyone allocated the pixels (1.2 GB).
fn bomb_png() -> Vec<u8> {
    let mut out = b"\x89PNG\r\n\x1a\n".to_vec();
    let mut ihdr = vec![];
    ihdr.extend_from_slice(&20_000u32.to_be_bytes());
    ihdr.extend_from_slice(&20_000u32.to_be_bytes());
    ihdr.extend_from_slice(&[8, 2, 0, 0, 0]);
    chunk(&mut out, b"IHDR", &ihdr);
    let rows = vec![0u8; 60_001 * 64];
    chunk(&mut out, b"IDAT", &zlib_stored(&rows));
    chunk(&mut out, b"IEND", &[]);
    out
}

fn zlib_stored(data: &[u8]) -> Vec<u8> {
    // Stored (uncompressed) zlib blocks keep this test free of a compression dependency.
    let mut out = vec![0x78, 0x01];
    let mut chunks = data.chunks(65_535).peekable();
    while let Some(c) = chunks.next() {
        out.push(u8::from(chunks.peek().is_none()));
        let len = c.len() as u16;
        out.extend_from_slice(&len.to_le_bytes());
        out.extend_from_slice(&(!len).to_le_bytes());
        out.extend_from_slice(c);
    }
    let (mut a, mut b) = (1u32, 0u32);
    for &x in data {
        a = (a + u32::from(x)) % 65_521;
        b = (b + a) % 65_521;
    }
    out.extend_from_slice(&((b << 16) | a).to_be_bytes());
    out
}

fn peak_rss_kib() -> u64 {
    let status = std::fs::read_to_string("/proc/self/status").unwrap();
    status
        .lines()
        .find_map(|l| l.strip_prefix("VmHWM:"))
        .and_then(|v| v.trim().trim_end_matches("kB").trim().parse().ok())
        .unwrap()
}

#[test]
fn hostile_photos_are_refused_each_with_its_own_message_in_little_memory() {
    let bomb = photo::prepare(&bomb_png(), "bomb.png").unwrap_err();
    assert_eq!(bomb.rule, Rule::PhotoTooLarge, "{bomb}");
    assert_eq!(bomb.params["width"], "20000");

    let mut jpeg = photo::prepare(&common::landscape_png(900, 600, 0), "a.png")
        .unwrap()
        .data;
    jpeg.truncate(jpeg.len() * 2 / 3);
    let cut = photo::prepare(&jpeg, "cut.jpg").unwrap_err();
    assert_eq!(cut.rule, Rule::PhotoTruncated, "{cut}");

    let text = photo::prepare(
        "这不是照片，只是一段文字。\n".repeat(50).as_bytes(),
        "notes.jpg",
    )
    .unwrap_err();
    assert_eq!(text.rule, Rule::PhotoNotImage, "{text}");

    let messages = [&bomb, &cut, &text].map(|v| v.message(terroir_core::Lang::Zh));
    assert!(messages[0].contains("20000×20000"), "{}", messages[0]);
    assert!(messages[1].contains("cut.jpg") && messages[2].contains("notes.jpg"));

    let peak_mib = peak_rss_kib() / 1024;
    eprintln!("peak resident memory {peak_mib} MiB");
    assert!(peak_mib < 100, "peak memory {peak_mib} MiB");
}
