//! `cargo xtask bench`: runs the benchmark binary in release mode. The
//! benchmarks live in their own crate so that xtask never depends on the
//! generated crates it writes.

use std::process::{Command, ExitCode};

fn cargo() -> Command {
    let mut command = Command::new(std::env::var("CARGO").unwrap_or_else(|_| "cargo".to_owned()));
    command.current_dir(crate::repository_root());
    command
}

fn exit(status: std::io::Result<std::process::ExitStatus>) -> ExitCode {
    match status {
        Ok(status) if status.success() => ExitCode::SUCCESS,
        Ok(_) => ExitCode::FAILURE,
        Err(err) => {
            eprintln!("cannot run cargo: {err}");
            ExitCode::FAILURE
        }
    }
}

/// `cargo run --release -p cashflows-bench -- ARGS`; first, for the runs
/// that start the sandbox as a process beside Prism (all, `prism`), the
/// `cashflows-sandbox` binary as a user builds it.
pub fn run(args: &[&str]) -> ExitCode {
    if matches!(args, [] | ["prism"]) {
        let built = cargo()
            .args([
                "build",
                "--release",
                "--quiet",
                "-p",
                "cashflows-sandbox",
                "--bin",
                "cashflows-sandbox",
            ])
            .status();
        if !matches!(built, Ok(status) if status.success()) {
            return exit(built);
        }
    }
    exit(
        cargo()
            .args(["run", "--release", "--quiet", "-p", "cashflows-bench", "--"])
            .args(args)
            .status(),
    )
}

/// The property tests with a million cases each.
pub fn long_properties() -> ExitCode {
    exit(
        cargo()
            .args([
                "test",
                "--release",
                "-p",
                "cashflows",
                "--test",
                "client",
                "properties::",
            ])
            .env("CASHFLOWS_PROPTEST_CASES", "1000000")
            .status(),
    )
}
