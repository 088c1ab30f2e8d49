//! The `cashflows-sandbox` binary: runs the sandbox until Ctrl-C.
//!
//! ```text
//! cashflows-sandbox [--listen 127.0.0.1:0] --configuration-id ID --api-key KEY \
//!     --auth-id AID --auth-pass PASS [--webhook-url URL]
//! ```
//!
//! The first line on stdout is `cashflows-sandbox listening on
//! http://127.0.0.1:PORT`. A usage error exits with status 2; a failure to
//! listen with status 1. The API key and the Remote Auth password are never
//! printed.

// Functions stay short enough to read at once: 80 lines at most
// (`clippy.toml`).
#![warn(clippy::too_many_lines)]

use std::io::Write;
use std::net::SocketAddr;
use std::process::ExitCode;

use cashflows_sandbox::{Sandbox, SandboxConfig};

const USAGE: &str = "\
usage: cashflows-sandbox [--listen ADDR] --configuration-id ID --api-key KEY --auth-id AID --auth-pass PASS [--webhook-url URL]

  --listen ADDR            address to listen on (default 127.0.0.1:0: a free port)
  --configuration-id ID    the Gateway configuration ID to accept
  --api-key KEY            the Gateway API key that keys the Hash header
  --auth-id AID            the Remote Auth profile ID (auth_id)
  --auth-pass PASS         the Remote Auth password (auth_pass)
  --webhook-url URL        the configuration's webhook URL, for jobs that give none (loopback only)
  -h, --help               show this help";

/// What the command line asks for.
enum Command {
    Help,
    Run(SocketAddr, Box<SandboxConfig>),
}

/// Reads the arguments (after the program name). Errors never repeat a
/// value: it might be a secret.
fn parse(arguments: impl IntoIterator<Item = String>) -> Result<Command, String> {
    let mut listen = None;
    let mut configuration_id = None;
    let mut api_key = None;
    let mut auth_id = None;
    let mut auth_pass = None;
    let mut webhook_url = None;
    let mut arguments = arguments.into_iter();
    while let Some(argument) = arguments.next() {
        if argument == "-h" || argument == "--help" {
            return Ok(Command::Help);
        }
        let (flag, inline) = match argument.split_once('=') {
            Some((flag, value)) if flag.starts_with("--") => {
                (flag.to_owned(), Some(value.to_owned()))
            }
            _ => (argument, None),
        };
        let slot = match flag.as_str() {
            "--listen" => &mut listen,
            "--configuration-id" => &mut configuration_id,
            "--api-key" => &mut api_key,
            "--auth-id" => &mut auth_id,
            "--auth-pass" => &mut auth_pass,
            "--webhook-url" => &mut webhook_url,
            other if other.starts_with('-') => return Err(format!("unknown option `{other}`")),
            _ => return Err("unexpected argument (options take the form --name VALUE)".to_owned()),
        };
        let value = match inline {
            Some(value) => value,
            None => arguments
                .next()
                .ok_or_else(|| format!("`{flag}` needs a value"))?,
        };
        if value.is_empty() {
            return Err(format!("`{flag}` needs a non-empty value"));
        }
        if slot.replace(value).is_some() {
            return Err(format!("`{flag}` is given more than once"));
        }
    }
    let required =
        |value: Option<String>, flag: &str| value.ok_or_else(|| format!("`{flag}` is required"));
    let configuration_id = required(configuration_id, "--configuration-id")?;
    let api_key = required(api_key, "--api-key")?;
    let auth_id = required(auth_id, "--auth-id")?;
    let auth_pass = required(auth_pass, "--auth-pass")?;
    let listen = match listen {
        Some(text) => text.parse().map_err(|_| {
            format!("`--listen` needs an address such as 127.0.0.1:8080, not `{text}`")
        })?,
        None => SocketAddr::from(([127, 0, 0, 1], 0)),
    };
    let mut config = SandboxConfig::new(configuration_id, api_key, auth_id, auth_pass);
    config.webhook_url = webhook_url;
    Ok(Command::Run(listen, Box::new(config)))
}

#[tokio::main]
async fn main() -> ExitCode {
    let (listen, config) = match parse(std::env::args().skip(1)) {
        Ok(Command::Run(listen, config)) => (listen, *config),
        Ok(Command::Help) => {
            println!("{USAGE}");
            return ExitCode::SUCCESS;
        }
        Err(message) => {
            eprintln!("cashflows-sandbox: {message}\n\n{USAGE}");
            return ExitCode::from(2);
        }
    };
    let sandbox = match Sandbox::start_on(config, listen).await {
        Ok(sandbox) => sandbox,
        Err(error) => {
            eprintln!("cashflows-sandbox: cannot listen on {listen}: {error}");
            return ExitCode::FAILURE;
        }
    };
    {
        let mut stdout = std::io::stdout().lock();
        let printed = writeln!(
            stdout,
            "cashflows-sandbox listening on {}",
            sandbox.base_url()
        )
        .and_then(|()| stdout.flush());
        if printed.is_err() {
            return ExitCode::FAILURE;
        }
    }
    if let Err(error) = tokio::signal::ctrl_c().await {
        eprintln!("cashflows-sandbox: cannot wait for Ctrl-C: {error}");
    }
    sandbox.shutdown().await;
    ExitCode::SUCCESS
}
