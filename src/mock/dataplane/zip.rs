//! A small zip reader for the two formats whose packages are zip files: NuGet's `.nupkg` (the
//! `.nuspec` at its root holds the metadata) and Swift's source archives (the `Package.swift`
//! manifests inside are served on their own).
//!
//! Why not the `zip` crate: the emulator only ever reads a handful of small entries by name from
//! archives it has already staged on disk, and never writes one. This reader does exactly that
//! (end-of-central-directory record, central directory, one local header, stored or deflated
//! data, CRC-32 checked) in one screen of code; inflating and the CRC-32 are flate2's (already
//! here for Ruby's gzip and zlib). Encrypted entries, zip64 and multi-disk archives are refused with a clear
//! message: none of the clients whose archives land here write them for packages this size.
//!
//! Everything read is bounded: the central directory, the number of entries, and each entry's
//! inflated size (the caller's limit), so a hostile archive costs at most those bounds.

use std::io::{Read, Seek, SeekFrom};

/// Why an archive could not be read, in words for a 4xx body.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ZipError(pub String);

impl std::fmt::Display for ZipError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

fn bad(what: impl Into<String>) -> ZipError {
    ZipError(what.into())
}

impl From<std::io::Error> for ZipError {
    fn from(e: std::io::Error) -> Self {
        bad(format!("the archive cannot be read: {e}"))
    }
}

/// One file of the archive, as its central directory describes it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    pub name: String,
    method: u16,
    crc32: u32,
    compressed: u64,
    pub size: u64,
    local_offset: u64,
}

/// An archive opened for reading entries by name.
pub struct Archive<R> {
    reader: R,
    entries: Vec<Entry>,
}

const EOCD_SIGNATURE: u32 = 0x0605_4b50;
const CENTRAL_SIGNATURE: u32 = 0x0201_4b50;
const LOCAL_SIGNATURE: u32 = 0x0403_4b50;
const EOCD_LEN: u64 = 22;
/// The record sits within the last 22 + 65,535 (the longest comment) bytes.
const EOCD_SEARCH: u64 = EOCD_LEN + 0xffff;
/// Bounds on what `open` reads into memory.
const MAX_CENTRAL_DIRECTORY: u64 = 64 * 1024 * 1024;
const MAX_ENTRIES: usize = 200_000;

fn u16_at(b: &[u8], at: usize) -> u16 {
    u16::from_le_bytes([b[at], b[at + 1]])
}

fn u32_at(b: &[u8], at: usize) -> u32 {
    u32::from_le_bytes([b[at], b[at + 1], b[at + 2], b[at + 3]])
}

impl<R: Read + Seek> Archive<R> {
    /// Reads the central directory.
    pub fn open(mut reader: R) -> Result<Self, ZipError> {
        let len = reader.seek(SeekFrom::End(0))?;
        if len < EOCD_LEN {
            return Err(bad("the archive is too short to be a zip file"));
        }
        let tail_len = len.min(EOCD_SEARCH);
        reader.seek(SeekFrom::Start(len - tail_len))?;
        let mut tail = vec![0u8; tail_len as usize];
        reader.read_exact(&mut tail)?;
        // The last signature whose comment length reaches exactly the end of the file.
        let at = (0..=tail.len() - EOCD_LEN as usize)
            .rev()
            .find(|&i| {
                u32_at(&tail, i) == EOCD_SIGNATURE
                    && i + EOCD_LEN as usize + u16_at(&tail, i + 20) as usize == tail.len()
            })
            .ok_or_else(|| bad("the archive is not a zip file (no end of central directory)"))?;
        let eocd = &tail[at..];
        let (disk, cd_disk) = (u16_at(eocd, 4), u16_at(eocd, 6));
        let (on_disk, total) = (u16_at(eocd, 8), u16_at(eocd, 10));
        let (cd_size, cd_offset) = (u32_at(eocd, 12) as u64, u32_at(eocd, 16) as u64);
        if total == 0xffff || cd_size == 0xffff_ffff || cd_offset == 0xffff_ffff {
            return Err(bad("zip64 archives are not supported"));
        }
        if disk != 0 || cd_disk != 0 || on_disk != total {
            return Err(bad("multi-disk zip archives are not supported"));
        }
        let eocd_offset = len - tail_len + at as u64;
        if cd_size > MAX_CENTRAL_DIRECTORY || cd_offset + cd_size > eocd_offset {
            return Err(bad("the zip central directory is out of bounds"));
        }
        reader.seek(SeekFrom::Start(cd_offset))?;
        let mut cd = vec![0u8; cd_size as usize];
        reader.read_exact(&mut cd)?;
        let mut entries = Vec::with_capacity((total as usize).min(MAX_ENTRIES));
        let mut pos = 0usize;
        for _ in 0..total {
            if entries.len() >= MAX_ENTRIES {
                return Err(bad("the archive has too many entries"));
            }
            let fixed = cd
                .get(pos..pos + 46)
                .filter(|h| u32_at(h, 0) == CENTRAL_SIGNATURE)
                .ok_or_else(|| bad("the zip central directory is damaged"))?;
            let flags = u16_at(fixed, 8);
            let method = u16_at(fixed, 10);
            let crc32 = u32_at(fixed, 16);
            let compressed = u32_at(fixed, 20) as u64;
            let size = u32_at(fixed, 24) as u64;
            let name_len = u16_at(fixed, 28) as usize;
            let extra_len = u16_at(fixed, 30) as usize;
            let comment_len = u16_at(fixed, 32) as usize;
            let local_offset = u32_at(fixed, 42) as u64;
            let name = cd
                .get(pos + 46..pos + 46 + name_len)
                .ok_or_else(|| bad("the zip central directory is damaged"))?;
            if flags & 1 != 0 {
                return Err(bad("encrypted zip entries are not supported"));
            }
            entries.push(Entry {
                name: String::from_utf8_lossy(name).into_owned(),
                method,
                crc32,
                compressed,
                size,
                local_offset,
            });
            pos += 46 + name_len + extra_len + comment_len;
        }
        Ok(Archive { reader, entries })
    }

    pub fn entries(&self) -> &[Entry] {
        &self.entries
    }

    /// The bytes of entry `name`, `None` when the archive has no such entry. An entry larger
    /// than `limit` once inflated is refused.
    pub fn read(&mut self, name: &str, limit: u64) -> Result<Option<Vec<u8>>, ZipError> {
        let Some(entry) = self.entries.iter().find(|e| e.name == name).cloned() else {
            return Ok(None);
        };
        if entry.size > limit {
            return Err(bad(format!(
                "{name} in the archive is larger than {limit} bytes"
            )));
        }
        self.reader.seek(SeekFrom::Start(entry.local_offset))?;
        let mut local = [0u8; 30];
        self.reader.read_exact(&mut local)?;
        if u32_at(&local, 0) != LOCAL_SIGNATURE {
            return Err(bad(format!("the local header of {name} is damaged")));
        }
        let skip = u16_at(&local, 26) as i64 + u16_at(&local, 28) as i64;
        self.reader.seek(SeekFrom::Current(skip))?;
        // Deflate cannot grow data by more than a few bytes per 16 KiB block, so a compressed
        // size far above the limit is refused before it is read.
        if entry.compressed > limit.saturating_mul(2).saturating_add(1024) {
            return Err(bad(format!("{name} in the archive is too large")));
        }
        let mut raw = vec![0u8; entry.compressed as usize];
        self.reader.read_exact(&mut raw)?;
        let data = match entry.method {
            0 => raw,
            8 => {
                // One byte past the limit tells "too large" from "exactly the limit".
                let mut data = Vec::new();
                flate2::read::DeflateDecoder::new(raw.as_slice())
                    .take(limit.saturating_add(1))
                    .read_to_end(&mut data)
                    .map_err(|e| bad(format!("{name} in the archive cannot be inflated: {e}")))?;
                if data.len() as u64 > limit {
                    return Err(bad(format!("{name} in the archive is too large")));
                }
                data
            }
            m => {
                return Err(bad(format!(
                    "{name} in the archive uses compression method {m}; only stored and \
                     deflated entries are supported"
                )));
            }
        };
        if data.len() as u64 != entry.size || crc32(&data) != entry.crc32 {
            return Err(bad(format!(
                "{name} in the archive does not match its size or CRC-32"
            )));
        }
        Ok(Some(data))
    }
}

/// CRC-32 (IEEE, reflected), the checksum zip stores for each entry.
fn crc32(data: &[u8]) -> u32 {
    let mut crc = flate2::Crc::new();
    crc.update(data);
    crc.sum()
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use std::io::Cursor;

    /// A zip as Python's zipfile writes it: `Pkg/Package.swift` deflated (20 lines of
    /// `// swift-tools-version:5.9`) and `Pkg/readme.txt` stored (`stored`), both dated
    /// 1980-01-01 so the bytes are reproducible with `zipfile.ZipInfo(name, (1980, 1, 1, 0, 0, 0))`.
    pub(crate) fn python_zip() -> Vec<u8> {
        hex::decode(concat!(
            "504b03041400000008000000210083916faf220000001c02000011000000506b",
            "672f5061636b6167652e7377696674d3d757282ecf4c2bd12dc9cfcf29d62d4b",
            "2d2acecccfb332d5b3e4d21f951ad95200504b0304140000000000000021000b",
            "f9435606000000060000000e000000506b672f726561646d652e74787473746f",
            "726564504b010214031400000008000000210083916faf220000001c02000011",
            "0000000000000000000000800100000000506b672f5061636b6167652e737769",
            "6674504b01021403140000000000000021000bf9435606000000060000000e00",
            "00000000000000000000800151000000506b672f726561646d652e747874504b",
            "050600000000020002007b000000830000000000",
        ))
        .expect("valid hex")
    }

    /// A zip written entry by entry (stored or deflated), for tests that need their own
    /// contents; the reader's agreement with real writers is checked on `python_zip`.
    pub(crate) fn make_zip(files: &[(&str, &[u8], bool)]) -> Vec<u8> {
        let mut out = Vec::new();
        let mut central = Vec::new();
        for (name, data, deflate) in files {
            let body = if *deflate {
                let mut e =
                    flate2::write::DeflateEncoder::new(Vec::new(), flate2::Compression::default());
                std::io::Write::write_all(&mut e, data).unwrap();
                e.finish().unwrap()
            } else {
                data.to_vec()
            };
            let method: u16 = if *deflate { 8 } else { 0 };
            let offset = out.len() as u32;
            let common = |v: &mut Vec<u8>| {
                v.extend_from_slice(&20u16.to_le_bytes());
                v.extend_from_slice(&0u16.to_le_bytes());
                v.extend_from_slice(&method.to_le_bytes());
                v.extend_from_slice(&[0; 4]);
                v.extend_from_slice(&crc32(data).to_le_bytes());
                v.extend_from_slice(&(body.len() as u32).to_le_bytes());
                v.extend_from_slice(&(data.len() as u32).to_le_bytes());
                v.extend_from_slice(&(name.len() as u16).to_le_bytes());
                v.extend_from_slice(&0u16.to_le_bytes());
            };
            out.extend_from_slice(&LOCAL_SIGNATURE.to_le_bytes());
            common(&mut out);
            out.extend_from_slice(name.as_bytes());
            out.extend_from_slice(&body);
            central.extend_from_slice(&CENTRAL_SIGNATURE.to_le_bytes());
            central.extend_from_slice(&20u16.to_le_bytes());
            common(&mut central);
            // Comment length, disk, internal and external attributes.
            central.extend_from_slice(&[0; 10]);
            central.extend_from_slice(&offset.to_le_bytes());
            central.extend_from_slice(name.as_bytes());
        }
        let cd_offset = out.len() as u32;
        out.extend_from_slice(&central);
        out.extend_from_slice(&EOCD_SIGNATURE.to_le_bytes());
        out.extend_from_slice(&[0; 4]);
        out.extend_from_slice(&(files.len() as u16).to_le_bytes());
        out.extend_from_slice(&(files.len() as u16).to_le_bytes());
        out.extend_from_slice(&(central.len() as u32).to_le_bytes());
        out.extend_from_slice(&cd_offset.to_le_bytes());
        out.extend_from_slice(&0u16.to_le_bytes());
        out
    }

    #[test]
    fn archives_written_by_python_read_back() {
        let mut a = Archive::open(Cursor::new(python_zip())).unwrap();
        let manifest = a.read("Pkg/Package.swift", 4096).unwrap().unwrap();
        assert_eq!(manifest, b"// swift-tools-version:5.9\n".repeat(20));
        assert_eq!(a.read("Pkg/readme.txt", 64).unwrap().unwrap(), b"stored");
    }

    #[test]
    fn crc32_matches_the_standard_check_value() {
        assert_eq!(crc32(b"123456789"), 0xcbf4_3926);
        assert_eq!(crc32(b""), 0);
    }

    #[test]
    fn entries_are_read_by_name_stored_or_deflated() {
        let manifest = b"// swift-tools-version:5.9\nlet x = 1\n".repeat(30);
        let zip = make_zip(&[
            ("Pkg/Package.swift", &manifest, true),
            ("Pkg/README.md", b"hello", false),
        ]);
        let mut a = Archive::open(Cursor::new(zip)).unwrap();
        let names: Vec<&str> = a.entries().iter().map(|e| e.name.as_str()).collect();
        assert_eq!(names, ["Pkg/Package.swift", "Pkg/README.md"]);
        assert_eq!(
            a.read("Pkg/Package.swift", 1 << 20).unwrap().unwrap(),
            manifest
        );
        assert_eq!(a.read("Pkg/README.md", 10).unwrap().unwrap(), b"hello");
        assert_eq!(a.read("missing", 10).unwrap(), None);
        // Over the caller's limit: refused, whatever the compression.
        let e = a.read("Pkg/Package.swift", 100).unwrap_err();
        assert!(e.0.contains("larger than 100 bytes"), "{e}");
    }

    #[test]
    fn damaged_or_unsupported_archives_are_clear_errors() {
        let good = make_zip(&[("a.txt", b"abc", true)]);
        let cases: Vec<(Vec<u8>, &str)> = vec![
            (Vec::new(), "too short"),
            (
                b"not a zip file at all, just text".to_vec(),
                "not a zip file",
            ),
            (good[..good.len() - 1].to_vec(), "not a zip file"),
            (
                {
                    let mut g = good.clone();
                    let n = g.len();
                    // Central directory offset past the end.
                    g[n - 6..n - 2].copy_from_slice(&0x00ff_ffffu32.to_le_bytes());
                    g
                },
                "out of bounds",
            ),
            (
                {
                    let mut g = good.clone();
                    let n = g.len();
                    g[n - 6..n - 2].copy_from_slice(&0xffff_ffffu32.to_le_bytes());
                    g
                },
                "zip64",
            ),
        ];
        for (bytes, msg) in cases {
            let e = Archive::open(Cursor::new(bytes)).err().unwrap();
            assert!(e.0.contains(msg), "{e} lacks {msg}");
        }
        // A flipped byte in the data: the CRC-32 catches it.
        let mut flipped = make_zip(&[("a.txt", b"abc", false)]);
        flipped[30 + 5] ^= 1;
        let mut a = Archive::open(Cursor::new(flipped)).unwrap();
        assert!(a.read("a.txt", 10).unwrap_err().0.contains("CRC-32"));
        // Encrypted entries are refused when the directory is read.
        let mut enc = make_zip(&[("a.txt", b"abc", false)]);
        let cd = enc.len() - 22 - (46 + 5);
        enc[cd + 8] = 1;
        assert!(
            Archive::open(Cursor::new(enc))
                .err()
                .unwrap()
                .0
                .contains("encrypted")
        );
    }
}
