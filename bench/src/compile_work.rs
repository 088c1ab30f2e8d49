//! The client crate's own compile work: the instructions rustc executes to
//! compile it, counted by `valgrind --tool=callgrind`. Unlike its compile
//! time, which moves with the machine's speed from minute to minute (the
//! same compile has taken 1.95 s and, minutes later, 3.4 s), the count is the
//! same from run to run (to within 0.1 %), so two versions of the crate compare by
//! it.
//!
//! Cargo runs rustc through this benchmark's own binary (`RUSTC_WRAPPER`),
//! which hands the `cashflows` compile to valgrind and every other one
//! straight to rustc.

use std::ffi::{OsStr, OsString};
use std::path::Path;
use std::process::{Command, ExitCode};

use crate::build_cost::cargo_without_incremental;

/// Set when this binary runs as cargo's rustc wrapper: to the file callgrind
/// writes, or empty to count nothing.
pub const COUNT_RUSTC: &str = "CASHFLOWS_BENCH_COUNT_RUSTC";

/// The crate whose compile is counted.
const CRATE: &str = "cashflows";

/// Runs as cargo's rustc wrapper: `rustc ARGS`, under callgrind when it
/// compiles [`CRATE`] and `out_file` is given. The exit code is rustc's.
pub fn wrap_rustc(out_file: OsString) -> ExitCode {
    let mut args = std::env::args_os().skip(1);
    let Some(rustc) = args.next() else {
        eprintln!("{COUNT_RUSTC} is set, but no rustc was given to run");
        return ExitCode::FAILURE;
    };
    let args: Vec<OsString> = args.collect();
    let compiles_crate = args
        .windows(2)
        .any(|pair| pair[0] == "--crate-name" && pair[1] == CRATE);
    let mut command = if compiles_crate && !out_file.is_empty() {
        let mut valgrind = Command::new("valgrind");
        let mut out = OsString::from("--callgrind-out-file=");
        out.push(&out_file);
        valgrind
            .args(["--tool=callgrind", "--quiet"])
            .arg(out)
            .arg(&rustc);
        valgrind
    } else {
        Command::new(&rustc)
    };
    match command.args(&args).status() {
        Ok(status) if status.success() => ExitCode::SUCCESS,
        Ok(status) => ExitCode::from(
            status
                .code()
                .and_then(|code| u8::try_from(code).ok())
                .unwrap_or(1),
        ),
        Err(err) => {
            eprintln!("cannot run {}: {err}", rustc.to_string_lossy());
            ExitCode::FAILURE
        }
    }
}

/// The instructions rustc executes compiling the crate in a debug build of
/// `dir` (without incremental compilation, as a registry dependency
/// compiles); `None` where valgrind is not installed.
pub fn own_compile_instructions(dir: &Path) -> Result<Option<u64>, String> {
    let valgrind = Command::new("valgrind").arg("--version").output();
    if !valgrind.is_ok_and(|output| output.status.success()) {
        return Ok(None);
    }
    let wrapper = std::env::current_exe().map_err(|err| err.to_string())?;
    // A target directory of its own: a different wrapper makes cargo
    // rebuild everything, and the timed builds' directory stays as it was.
    let target = dir.join("target-counted");
    let out_file = target.join("cashflows.callgrind");
    let cargo = |args: &[&str], count_into: &OsStr| {
        let envs = [
            ("CARGO_TARGET_DIR", target.as_os_str()),
            ("RUSTC_WRAPPER", wrapper.as_os_str()),
            (COUNT_RUSTC, count_into),
        ];
        cargo_without_incremental(dir, args, &envs)
    };
    // The dependencies are built through the same wrapper (another one
    // would rebuild them), counting nothing; then only the crate, counted.
    cargo(&["build", "--quiet"], OsStr::new(""))?;
    cargo(&["clean", "--quiet", "-p", CRATE], OsStr::new(""))?;
    let _ = std::fs::remove_file(&out_file);
    cargo(&["build", "--quiet"], out_file.as_os_str())?;
    let profile = std::fs::read_to_string(&out_file).map_err(|err| err.to_string())?;
    total_instructions(&profile)
        .map(Some)
        .ok_or_else(|| format!("no instruction total in {}", out_file.display()))
}

/// The `summary:` (or `totals:`) line of a callgrind profile: its first
/// event, which is the instructions executed.
fn total_instructions(profile: &str) -> Option<u64> {
    profile.lines().find_map(|line| {
        let count = line
            .strip_prefix("summary:")
            .or_else(|| line.strip_prefix("totals:"))?;
        count.split_whitespace().next()?.parse().ok()
    })
}

#[cfg(test)]
mod tests {
    use super::total_instructions;

    #[test]
    fn the_total_is_read_from_a_callgrind_profile() {
        let profile = "version: 1\ncreator: callgrind-3.19.0\nevents: Ir\nfn=(1) main\n\
                       12 40\nsummary: 6313192212\ntotals: 6313192212\n";
        assert_eq!(total_instructions(profile), Some(6_313_192_212));
        assert_eq!(total_instructions("events: Ir\n"), None);
    }
}
