//! `--state FILE`: the sandbox's state loaded from a file at start and
//! saved to it at Ctrl-C, so a long-running local sandbox survives a
//! restart. The file holds the clock's time and a snapshot, as
//! `GET /__sandbox/snapshot` gives it: `{"clock": "2027-06-08T10:00:00Z",
//! "snapshot": {…}}`. A clock moved forward before the restart is as far
//! forward after it (the time the sandbox was stopped does not pass for it).
//!
//! A file that cannot be read or restored stops the start, and is left as
//! it is: saving over it would lose what it held. A save writes a new file
//! beside it and renames it over the old one, so a crash mid-save leaves
//! the old file whole.

use std::fs::{self, File};
use std::io::{self, Write};
use std::path::{Path, PathBuf};

use std::time::SystemTime;

use cashflows_sandbox::limits::SNAPSHOT_LIMIT;
use cashflows_sandbox::{Sandbox, Snapshot};
use serde::{Deserialize, Serialize};
use serde_json::value::RawValue;
use time::OffsetDateTime;
use time::format_description::well_known::Rfc3339;

/// The file as read: the snapshot kept as text, for `Snapshot::from_json`
/// and its checks.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Saved<'a> {
    clock: String,
    #[serde(borrow)]
    snapshot: &'a RawValue,
}

/// The file as written.
#[derive(Serialize)]
struct ToSave<'a> {
    clock: String,
    snapshot: &'a RawValue,
}

/// Restores the state saved in `path`; `Ok(false)` when there is no file
/// yet (the first run).
pub fn load(sandbox: &Sandbox, path: &Path) -> Result<bool, String> {
    let shown = path.display();
    let size = match fs::metadata(path) {
        Ok(metadata) => metadata.len(),
        Err(error) if error.kind() == io::ErrorKind::NotFound => return Ok(false),
        Err(error) => return Err(format!("cannot read the state file {shown}: {error}")),
    };
    if size > u64::try_from(SNAPSHOT_LIMIT).unwrap_or(u64::MAX) {
        return Err(format!(
            "the state file {shown} is larger than a snapshot may be ({SNAPSHOT_LIMIT} bytes)"
        ));
    }
    let bytes =
        fs::read(path).map_err(|error| format!("cannot read the state file {shown}: {error}"))?;
    let not_state =
        |problem: String| format!("the state file {shown} is not a sandbox state: {problem}");
    let saved: Saved<'_> =
        serde_json::from_slice(&bytes).map_err(|error| not_state(error.to_string()))?;
    let clock = OffsetDateTime::parse(&saved.clock, &Rfc3339)
        .map_err(|_| not_state("`clock` is not an RFC 3339 time".to_owned()))?;
    let snapshot = Snapshot::from_json(saved.snapshot.get().as_bytes())
        .map_err(|error| not_state(error.to_string()))?;
    sandbox
        .restore(snapshot)
        .map_err(|error| format!("the state file {shown} was refused: {error}"))?;
    let saved_time = SystemTime::from(clock);
    if saved_time > sandbox.clock().now() {
        sandbox
            .clock()
            .set(saved_time)
            .map_err(|error| format!("the state file {shown}'s clock was refused: {error}"))?;
    }
    Ok(true)
}

/// Saves the sandbox's state to `path`, atomically.
pub fn save(sandbox: &Sandbox, path: &Path) -> io::Result<()> {
    let snapshot = String::from_utf8(sandbox.snapshot().to_json()).map_err(io::Error::other)?;
    let snapshot = RawValue::from_string(snapshot).map_err(io::Error::other)?;
    let clock = OffsetDateTime::from(sandbox.clock().now())
        .format(&Rfc3339)
        .map_err(io::Error::other)?;
    let bytes = serde_json::to_vec(&ToSave {
        clock,
        snapshot: &snapshot,
    })
    .map_err(io::Error::other)?;
    let temporary = temporary_beside(path);
    let written = write_synced(&temporary, &bytes).and_then(|()| fs::rename(&temporary, path));
    if written.is_err() {
        let _ = fs::remove_file(&temporary);
    }
    written?;
    // The rename itself is durable once the folder is synced; where the
    // system cannot sync a folder, the file is whole either way.
    if let Some(folder) = path
        .parent()
        .filter(|folder| !folder.as_os_str().is_empty())
    {
        let _ = File::open(folder).and_then(|folder| folder.sync_all());
    }
    Ok(())
}

/// A file name beside `path`, unique to this process.
fn temporary_beside(path: &Path) -> PathBuf {
    let name = path
        .file_name()
        .map_or_else(|| "state".into(), |name| name.to_string_lossy());
    path.with_file_name(format!(".{name}.{}.tmp", std::process::id()))
}

fn write_synced(path: &Path, bytes: &[u8]) -> io::Result<()> {
    let mut file = File::create(path)?;
    file.write_all(bytes)?;
    file.sync_all()
}
