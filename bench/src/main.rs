//! `cargo xtask bench`: every figure is a ratio of two things measured side
//! by side in the same run, so a noisy machine affects both alike. Prints one
//! table and writes it to `target/bench-report.md`.
//!
//! `cargo xtask bench client-overhead [rounds]` measures only the client
//! against the fixed-response server (beside plain reqwest and the serde
//! peers); `cargo xtask bench peer [rounds]` only beside the peers.
//! `cargo xtask bench sandbox` measures only the sandbox beside a minimal
//! axum server (its start and its throughput).
//! `cargo xtask bench prism` measures only the sandbox binary beside Prism
//! mocking the same OpenAPI document (start, throughput; `bench/prism/`).
//! `cargo xtask bench build-cost [runs]` measures the build-cost figures
//! instead (minutes: `runs` pairs of clean builds, five by default, and the
//! client's own compile, timed and counted in instructions).

mod alternate;
mod build_cost;
mod client_overhead;
mod compile_work;
mod fixed_server;
mod generator;
mod lookups;
mod peer;
mod prism;
mod report;
mod sandbox_server;
mod signing;

use std::process::ExitCode;

use fixed_server::{FIGURE_SIDES, TARGET_SIDES};
use report::Report;

const USAGE: &str = "usage: cashflows-bench [client-overhead [rounds] | peer [rounds] | sandbox | prism | build-cost [runs]]";

fn main() -> ExitCode {
    // `build-cost` runs this binary as cargo's rustc wrapper to count the
    // client's compile work.
    if let Some(out_file) = std::env::var_os(compile_work::COUNT_RUSTC) {
        return compile_work::wrap_rustc(out_file);
    }
    let args: Vec<String> = std::env::args().skip(1).collect();
    let mut report = Report::default();
    let result = match args
        .iter()
        .map(String::as_str)
        .collect::<Vec<_>>()
        .as_slice()
    {
        [] => run_all(&mut report),
        ["client-overhead", rounds @ ..] => fixed_server_rows(&mut report, rounds, true),
        ["peer", rounds @ ..] => fixed_server_rows(&mut report, rounds, false),
        ["sandbox"] => run_sandbox(&mut report),
        ["prism"] => run_prism(&mut report),
        ["build-cost"] => build_cost::measure(&mut report, build_cost::DEFAULT_RUNS),
        ["build-cost", runs] => match runs.parse() {
            Ok(runs) => build_cost::measure(&mut report, runs),
            Err(_) => Err(format!("`{runs}` is not a number of runs")),
        },
        _ => Err(USAGE.to_owned()),
    };
    if let Err(message) = result {
        eprintln!("bench failed: {message}");
        return ExitCode::FAILURE;
    }
    let table = report.render();
    println!("{table}");
    match report.write(&table) {
        Ok(path) => println!("written to {}", path.display()),
        Err(err) => eprintln!("could not write the report: {err}"),
    }
    ExitCode::SUCCESS
}

/// The fixed-response server's target row, and with `figures` its other
/// rows, over the rounds `rounds` gives (none: the default; fewer for a
/// quick check).
fn fixed_server_rows(report: &mut Report, rounds: &[&str], figures: bool) -> Result<(), String> {
    let rounds = match rounds {
        [] => fixed_server::DEFAULT_ROUNDS,
        [count] => match count.parse() {
            Ok(count) if count > 0 => count,
            _ => return Err(format!("`{count}` is not a number of rounds")),
        },
        _ => return Err(USAGE.to_owned()),
    };
    fixed_server::measure(report, TARGET_SIDES, rounds)?;
    if figures {
        fixed_server::measure(report, FIGURE_SIDES, rounds)?;
    }
    Ok(())
}

fn runtime() -> Result<tokio::runtime::Runtime, String> {
    tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .map_err(|err| err.to_string())
}

/// The sandbox's figures alone.
fn run_sandbox(report: &mut Report) -> Result<(), String> {
    runtime()?.block_on(sandbox_server::measure(report))
}

/// The sandbox binary beside Prism alone.
fn run_prism(report: &mut Report) -> Result<(), String> {
    runtime()?.block_on(prism::measure(report))
}

fn run_all(report: &mut Report) -> Result<(), String> {
    prism::check()?;
    let runtime = runtime()?;
    fixed_server_rows(report, &[], true)?;
    runtime.block_on(client_overhead::measure(report))?;
    runtime.block_on(sandbox_server::measure(report))?;
    runtime.block_on(prism::measure(report))?;
    signing::measure(report);
    generator::measure(report)?;
    lookups::measure(report);
    Ok(())
}
