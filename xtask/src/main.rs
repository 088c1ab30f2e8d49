//! Project commands. `cargo xtask codegen` regenerates the generated files
//! from `spec/`; `cargo xtask codegen --check` fails if any is stale.

use std::process::ExitCode;

use cashflows_codegen::drift::Drift;
use cashflows_codegen::{REGENERATE, Tools};
use xtask::Outcome;

const USAGE: &str = "usage: cargo xtask codegen [--check] | bench [client-overhead [rounds] | peer [rounds] | sandbox | prism | build-cost [runs] | properties]

  codegen            regenerate the generated files from spec/
  codegen --check    fail, naming each file, if a generated file differs from
                     what the generator would write now
  bench              measure the side-by-side ratios (target/bench-report.md)
  bench client-overhead  only the client overhead against a fixed-response server
                     (beside plain reqwest and the serde peers; nine rounds
                     unless `rounds` says)
  bench peer         the same, beside the serde peers only
  bench sandbox      only the sandbox beside a minimal axum server (start, throughput)
  bench prism        only the sandbox binary beside Prism mocking the same OpenAPI
                     document (start, throughput); needs node and, once,
                     `npm ci --ignore-scripts --no-audit --no-fund` in bench/prism
  bench build-cost   the build-cost ratio over alternating clean builds (five pairs
                     unless `runs` says; minutes) and the client's own compile time
  bench properties   run the property tests a million cases each";

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    match args.as_slice() {
        ["codegen"] => codegen(false),
        ["codegen", "--check"] => codegen(true),
        ["bench"] => xtask::bench::run(&[]),
        ["bench", "client-overhead"] => xtask::bench::run(&["client-overhead"]),
        ["bench", "client-overhead", rounds] => xtask::bench::run(&["client-overhead", rounds]),
        ["bench", "peer"] => xtask::bench::run(&["peer"]),
        ["bench", "peer", rounds] => xtask::bench::run(&["peer", rounds]),
        ["bench", "sandbox"] => xtask::bench::run(&["sandbox"]),
        ["bench", "prism"] => xtask::bench::run(&["prism"]),
        ["bench", "build-cost"] => xtask::bench::run(&["build-cost"]),
        ["bench", "build-cost", runs] => xtask::bench::run(&["build-cost", runs]),
        ["bench", "properties"] => xtask::bench::long_properties(),
        _ => {
            eprintln!("{USAGE}");
            ExitCode::from(2)
        }
    }
}

fn codegen(check_only: bool) -> ExitCode {
    match xtask::codegen(&xtask::repository_root(), check_only, &Tools::from_env()) {
        Ok(outcome) if check_only => report_check(&outcome),
        Ok(outcome) => {
            report_written(&outcome);
            ExitCode::SUCCESS
        }
        Err(failure) => {
            eprint!("{failure}");
            ExitCode::FAILURE
        }
    }
}

fn report_check(outcome: &Outcome) -> ExitCode {
    let drifts = &outcome.drifts;
    if drifts.is_empty() {
        println!(
            "the generated files are up to date with spec/ ({} files)",
            outcome.total
        );
        return ExitCode::SUCCESS;
    }
    eprintln!(
        "the generated files are out of date with spec/ ({} file(s)):",
        drifts.len()
    );
    for drift in drifts {
        eprintln!("  {drift}");
    }
    eprintln!("run `{REGENERATE}` and commit the result");
    ExitCode::FAILURE
}

fn report_written(outcome: &Outcome) {
    let drifts = &outcome.drifts;
    if drifts.is_empty() {
        println!(
            "the generated files are already up to date ({} files)",
            outcome.total
        );
        return;
    }
    print!("{}", outcome.changes);
    for drift in drifts {
        let (verb, path) = match drift {
            Drift::Missing(path) => ("created", path),
            Drift::Stale(path) => ("updated", path),
            Drift::Orphaned(path) => ("removed", path),
        };
        println!("{verb:>8} {}", path.display());
    }
    println!("{} of {} files changed", drifts.len(), outcome.total);
}
