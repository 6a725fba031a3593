//! Writing a streamed response body (GetPackageVersionAsset) to the user's OUTFILE: chunk by chunk,
//! through a temporary file beside it, so memory stays flat and a failed download leaves no
//! partial OUTFILE behind.

use std::path::Path;

use aws_sdk_codeartifact::primitives::ByteStream;
use tokio::io::AsyncWriteExt;

use crate::error::{Error, Result};

pub async fn save(mut stream: ByteStream, outfile: &str) -> Result<u64> {
    let target = Path::new(outfile);
    let dir = match target.parent() {
        Some(d) if !d.as_os_str().is_empty() => d.to_path_buf(),
        _ => std::path::PathBuf::from("."),
    };
    let tmp = tempfile_in(&dir)?;
    let progress = crate::progress::bar(stream.size_hint().1, "download");
    let result = async {
        // Network chunks are small (~16 KiB); writing each through tokio's blocking pool costs
        // more than the network. A 1 MiB buffer makes it one hop per MiB.
        let mut file =
            tokio::io::BufWriter::with_capacity(1 << 20, tokio::fs::File::from_std(tmp.reopen()?));
        let mut written = 0u64;
        while let Some(chunk) = stream
            .try_next()
            .await
            .map_err(|e| Error::other(crate::ops::error_chain(&e)))?
        {
            file.write_all(&chunk).await?;
            written += chunk.len() as u64;
            if let Some(p) = &progress {
                p.set_position(written);
            }
        }
        file.flush().await?;
        file.get_ref().sync_all().await?;
        Ok::<u64, Error>(written)
    }
    .await;
    if let Some(p) = progress {
        p.finish_and_clear();
    }
    let written = result?;
    tmp.persist(target)
        .map_err(|e| Error::other(format!("{outfile}: {}", e.error)))?;
    Ok(written)
}

fn tempfile_in(dir: &Path) -> Result<tempfile::NamedTempFile> {
    tempfile::Builder::new()
        .prefix(".codeartifact-download-")
        .tempfile_in(dir)
        .map_err(|e| Error::other(format!("{}: {e}", dir.display())))
}
