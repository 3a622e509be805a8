//! Exchange bundles: one zip file carrying a county's catalogue to the city. `manifest.json`
//! lists every other part with its size and SHA-256; the bundle's identity is the SHA-256 of
//! the manifest. Reading checks the zip like a spreadsheet (sizes, ratios) and then every part
//! against the manifest: a missing, extra, resized or altered part is refused by name.

use std::collections::BTreeMap;
use std::io::{Read, Write};
use std::path::Path;

use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use crate::error::{Error, Result};
use crate::sheet::{MAX_PART_BYTES, MAX_RATIO};

pub const FORMAT: &str = "terroir-bundle/2";
/// Formats this build reads: version 1 predates the GI product's own profile field (its notes
/// were printed as the profile), which the importer upgrades.
pub const READABLE: &[&str] = &["terroir-bundle/1", FORMAT];
/// Largest bundle accepted.
pub const MAX_BUNDLE_BYTES: u64 = 2 * 1024 * 1024 * 1024;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PartEntry {
    pub path: String,
    pub size: u64,
    pub sha256: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Manifest {
    pub format: String,
    /// The exporting workspace's stable id.
    pub source: String,
    /// A name people recognise (the workspace's folder or county).
    pub source_name: String,
    pub created_at: String,
    pub actor: String,
    /// Head of the exporting workspace's audit chain when the bundle was made.
    pub audit_head: String,
    pub parts: Vec<PartEntry>,
    /// Whether the names of persons (case parties) are in it; without, each is a pseudonym.
    /// Bundles made before cases travelled have none.
    #[serde(default)]
    pub personal_data: bool,
}

pub fn sha256_hex(bytes: &[u8]) -> String {
    let d = Sha256::digest(bytes);
    d.iter().map(|b| format!("{b:02x}")).collect()
}

/// Write a bundle; returns its identity (the manifest's SHA-256).
pub fn write(path: &Path, mut manifest: Manifest, parts: &[(String, Vec<u8>)]) -> Result<String> {
    manifest.format = FORMAT.into();
    manifest.parts = parts
        .iter()
        .map(|(p, b)| PartEntry {
            path: p.clone(),
            size: b.len() as u64,
            sha256: sha256_hex(b),
        })
        .collect();
    let manifest_bytes =
        serde_json::to_vec_pretty(&manifest).map_err(|e| Error::Corrupt(e.to_string()))?;
    let tmp = path.with_extension("part");
    let io = |e: std::io::Error| Error::Unreadable(e.to_string());
    {
        let file = std::fs::File::create(&tmp).map_err(io)?;
        let mut z = zip::ZipWriter::new(file);
        let deflate = zip::write::SimpleFileOptions::default();
        let stored = deflate.compression_method(zip::CompressionMethod::Stored);
        let mut put = |name: &str, bytes: &[u8]| -> Result<()> {
            // JPEGs do not compress: store them, deflate the rest.
            let opts = if name.starts_with("files/") {
                stored
            } else {
                deflate
            };
            z.start_file(name, opts)
                .map_err(|e| Error::Corrupt(e.to_string()))?;
            z.write_all(bytes).map_err(io)
        };
        put("manifest.json", &manifest_bytes)?;
        for (p, b) in parts {
            put(p, b)?;
        }
        z.finish().map_err(|e| Error::Corrupt(e.to_string()))?;
    }
    std::fs::rename(&tmp, path).map_err(io)?;
    Ok(sha256_hex(&manifest_bytes))
}

/// A verified bundle: its manifest, identity and parts.
#[derive(Debug)]
pub struct Bundle {
    pub manifest: Manifest,
    pub sha256: String,
    pub parts: BTreeMap<String, Vec<u8>>,
}

/// Read and verify a bundle. A refusal names the part at fault.
pub fn read(path: &Path) -> Result<Bundle> {
    let meta = std::fs::metadata(path).map_err(|e| Error::Unreadable(e.to_string()))?;
    if meta.len() > MAX_BUNDLE_BYTES {
        return Err(Error::TooLarge {
            what: "bundle".into(),
            size: meta.len(),
            max: MAX_BUNDLE_BYTES,
        });
    }
    let file = std::fs::File::open(path).map_err(|e| Error::Unreadable(e.to_string()))?;
    let mut zip = zip::ZipArchive::new(file)
        .map_err(|e| Error::Corrupt(format!("not a bundle (zip): {e}")))?;
    let mut parts = BTreeMap::new();
    for i in 0..zip.len() {
        let mut f = zip
            .by_index(i)
            .map_err(|e| Error::Corrupt(format!("part {i}: {e}")))?;
        let name = f
            .name()
            .map(|n| n.into_owned())
            .unwrap_or_else(|_| format!("part {i}"));
        let (size, packed) = (f.size(), f.compressed_size().max(1));
        if size > MAX_PART_BYTES || (size / packed > MAX_RATIO && size > 1024 * 1024) {
            return Err(Error::ZipBomb {
                part: name,
                ratio: size / packed,
            });
        }
        let mut bytes = Vec::with_capacity(size as usize);
        f.by_ref()
            .take(size + 1)
            .read_to_end(&mut bytes)
            .map_err(|e| Error::Corrupt(format!("{name}: {e}")))?;
        parts.insert(name, bytes);
    }
    let manifest_bytes = parts
        .remove("manifest.json")
        .ok_or_else(|| Error::Corrupt("manifest.json is missing".into()))?;
    let manifest: Manifest = serde_json::from_slice(&manifest_bytes)
        .map_err(|e| Error::Corrupt(format!("manifest.json: {e}")))?;
    if !READABLE.contains(&manifest.format.as_str()) {
        return Err(Error::Corrupt(format!(
            "manifest.json: format {} is not {FORMAT}",
            manifest.format
        )));
    }
    for entry in &manifest.parts {
        let bytes = parts.get(&entry.path).ok_or_else(|| {
            Error::Corrupt(format!(
                "{} is listed in the manifest but missing",
                entry.path
            ))
        })?;
        if bytes.len() as u64 != entry.size || sha256_hex(bytes) != entry.sha256 {
            return Err(Error::Corrupt(format!(
                "{} does not match its SHA-256 in the manifest: altered or damaged",
                entry.path
            )));
        }
    }
    if let Some(extra) = parts
        .keys()
        .find(|k| !manifest.parts.iter().any(|p| &p.path == *k))
    {
        return Err(Error::Corrupt(format!(
            "{extra} is not listed in the manifest"
        )));
    }
    Ok(Bundle {
        sha256: sha256_hex(&manifest_bytes),
        manifest,
        parts,
    })
}
