//! Photos in the shapes cameras and scanners produce: CMYK, grayscale, 16-bit, turned by EXIF.

mod common;

use terroir_dossier::photo;

fn fixture(name: &str) -> Vec<u8> {
    std::fs::read(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("tests/fixtures")
            .join(name),
    )
    .unwrap()
}

/// Insert an EXIF APP1 segment with Orientation = `o` right after a JPEG's SOI marker.
fn with_orientation(jpeg: &[u8], o: u16) -> Vec<u8> {
    let mut tiff = b"MM\0*\0\0\0\x08".to_vec();
    tiff.extend_from_slice(&1u16.to_be_bytes()); // one IFD entry
    tiff.extend_from_slice(&0x0112u16.to_be_bytes()); // Orientation
    tiff.extend_from_slice(&3u16.to_be_bytes()); // SHORT
    tiff.extend_from_slice(&1u32.to_be_bytes());
    tiff.extend_from_slice(&o.to_be_bytes());
    tiff.extend_from_slice(&[0, 0, 0, 0, 0, 0]); // value padding, no next IFD
    let mut app1 = b"Exif\0\0".to_vec();
    app1.extend_from_slice(&tiff);
    let mut out = jpeg[..2].to_vec();
    out.extend_from_slice(&[0xFF, 0xE1]);
    out.extend_from_slice(&((app1.len() + 2) as u16).to_be_bytes());
    out.extend_from_slice(&app1);
    out.extend_from_slice(&jpeg[2..]);
    out
}

#[test]
fn cmyk_grayscale_16_bit_and_rotated_photos_come_out_printable() {
    let cmyk = photo::prepare(&fixture("cmyk.jpg"), "cmyk.jpg").unwrap();
    assert_eq!((cmyk.width, cmyk.height, cmyk.gray), (80, 40, false));
    let gray = photo::prepare(&fixture("gray.jpg"), "gray.jpg").unwrap();
    assert!(gray.gray, "grayscale stays grayscale (DeviceGray)");
    for name in ["deep16.png", "gray16.png"] {
        let j = photo::prepare(&fixture(name), name).unwrap();
        assert_eq!((j.width, j.height), (80, 40), "{name}");
    }
    // A portrait photo taken with the camera turned: stored landscape, EXIF says rotate 90°.
    let landscape = photo::prepare(&common::landscape_png(80, 40, 0), "l.png").unwrap();
    let turned = photo::prepare(&with_orientation(&landscape.data, 6), "turned.jpg").unwrap();
    assert_eq!(
        (turned.width, turned.height),
        (40, 80),
        "orientation applied"
    );
    // The CMYK photo's colours survive (red at the top, blue at the bottom, not inverted).
    let decoded = image::load_from_memory(&cmyk.data).unwrap().to_rgb8();
    let (top, bottom) = (decoded.get_pixel(40, 1), decoded.get_pixel(40, 38));
    assert!(top[0] > 180 && top[2] < 80, "top {top:?}");
    assert!(bottom[2] > 180 && bottom[0] < 80, "bottom {bottom:?}");
}
