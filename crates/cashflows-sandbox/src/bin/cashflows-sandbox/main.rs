//! The `cashflows-sandbox` binary: runs the sandbox until Ctrl-C.
//!
//! With no arguments it listens on `127.0.0.1:4242` and accepts the public
//! test credentials `--help` lists; each setting can be given by its flag or
//! by its `CASHFLOWS_SANDBOX_*` environment variable (the flag wins).
//!
//! The first line on stdout is `cashflows-sandbox listening on
//! http://127.0.0.1:PORT`; the lines after it give the Gateway and Remote
//! Auth URLs and the credentials in use. With `--json`, stdout is instead
//! one JSON line with the same values. A credential given by flag or
//! environment is never printed, nor is any value in an error. A usage error
//! exits with status 2; a failure to listen with status 1.
//!
//! The sandbox's clock follows the system's and can be moved forward
//! through the control surface (`/__sandbox/clock`); `--state FILE` keeps
//! the sandbox's state across restarts.
//!
//! Each request is logged on stderr (`--log`, default `info`; `off` logs
//! nothing): its method, its route template (never the path as sent, which
//! can hold a token), its status and, when it was refused, why ("signature
//! does not match", "no Hash header", "body is not JSON", …). Never a key,
//! a hash or card data. Stdout stays the announcement, which scripts read.

// Functions stay short enough to read at once: 80 lines at most
// (`clippy.toml`).
#![warn(clippy::too_many_lines)]

mod announce;
mod options;
mod state_file;

use std::io::Write;
use std::process::ExitCode;

use cashflows_sandbox::{Sandbox, SandboxClock};
use tracing::level_filters::LevelFilter;
use tracing_subscriber::filter::Targets;
use tracing_subscriber::prelude::*;

use crate::options::{Command, Run, SETTINGS};

/// `--help`: every setting with its variable and default.
fn usage() -> String {
    let mut text = String::from(
        "usage: cashflows-sandbox [OPTIONS]\n\n\
         Runs a local Cashflows Gateway and Remote Auth until Ctrl-C. Each option\n\
         can also be set by its environment variable; the option wins.\n\n",
    );
    for setting in SETTINGS {
        let default = setting
            .default
            .map_or_else(String::new, |value| format!(" (default {value})"));
        text.push_str(&format!(
            "  {} VALUE\n      {}{default}\n      env {}\n",
            setting.flag, setting.help, setting.variable
        ));
    }
    text.push_str(
        "  --json\n      print the URLs and credentials as one JSON line\n  \
         -h, --help\n      show this help",
    );
    text
}

/// Writes the sandbox's log events at `level` and above to stderr, one line
/// each. Only the sandbox's own: the libraries under it log about
/// connections, not about what a test sent.
fn start_logging(level: LevelFilter) {
    if level == LevelFilter::OFF {
        return;
    }
    // Plain text whatever the build: in a workspace build another crate may
    // turn tracing-subscriber's `ansi` feature on, and colour codes would
    // break every reader of the log but a terminal.
    let lines = tracing_subscriber::fmt::layer()
        .with_writer(std::io::stderr)
        .with_ansi(false)
        .with_target(false);
    tracing_subscriber::registry()
        .with(lines)
        .with(Targets::new().with_target("cashflows_sandbox", level))
        .init();
}

#[tokio::main]
async fn main() -> ExitCode {
    let run = match options::parse(std::env::args().skip(1), |name| std::env::var(name).ok()) {
        Ok(Command::Run(run)) => *run,
        Ok(Command::Help) => {
            println!("{}", usage());
            return ExitCode::SUCCESS;
        }
        Err(problems) => {
            for problem in problems {
                eprintln!("cashflows-sandbox: {problem}");
            }
            eprintln!("\n{}", usage());
            return ExitCode::from(2);
        }
    };
    start_logging(run.log);
    let Run { listen, config, .. } = &run;
    // A clock that follows the system's and that the control surface moves
    // forward: a shop's tests move it over HTTP.
    let clock = SandboxClock::movable();
    let sandbox = match Sandbox::start_on_with_clock(config.clone(), *listen, clock).await {
        Ok(sandbox) => sandbox,
        Err(error) => {
            eprintln!("cashflows-sandbox: cannot listen on {listen}: {error}");
            return ExitCode::FAILURE;
        }
    };
    if let Some(path) = &run.state
        && let Err(problem) = state_file::load(&sandbox, path)
    {
        eprintln!("cashflows-sandbox: {problem}");
        return ExitCode::FAILURE;
    }
    let announcement = if run.json {
        announce::json(&run, sandbox.base_url())
    } else {
        announce::text(&run, sandbox.base_url())
    };
    let mut stdout = std::io::stdout().lock();
    if writeln!(stdout, "{announcement}")
        .and_then(|()| stdout.flush())
        .is_err()
    {
        return ExitCode::FAILURE;
    }
    drop(stdout);
    if let Err(error) = tokio::signal::ctrl_c().await {
        eprintln!("cashflows-sandbox: cannot wait for Ctrl-C: {error}");
    }
    let mut code = ExitCode::SUCCESS;
    if let Some(path) = &run.state
        && let Err(error) = state_file::save(&sandbox, path)
    {
        eprintln!(
            "cashflows-sandbox: cannot save the state to {}: {error}",
            path.display()
        );
        code = ExitCode::FAILURE;
    }
    sandbox.shutdown().await;
    code
}
