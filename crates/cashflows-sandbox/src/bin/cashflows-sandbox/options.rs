//! The binary's settings: each from its flag, else its `CASHFLOWS_SANDBOX_*`
//! environment variable, else its default, so that the binary starts with no
//! arguments at all.

use std::net::{Ipv4Addr, SocketAddr};
use std::path::PathBuf;

use cashflows_sandbox::SandboxConfig;
use tracing::level_filters::LevelFilter;

/// The address the sandbox listens on by default: loopback, port 4242.
pub const DEFAULT_LISTEN: SocketAddr =
    SocketAddr::new(std::net::IpAddr::V4(Ipv4Addr::LOCALHOST), 4242);

/// A setting: its flag, its environment variable, its default and what it
/// is. Credentials have public defaults: they are test values anyone may
/// read in the book, so they are printed; a value given instead is never
/// printed.
pub struct Setting {
    pub flag: &'static str,
    pub variable: &'static str,
    pub default: Option<&'static str>,
    /// A secret given by the user is never shown.
    pub secret: bool,
    pub help: &'static str,
    /// What a value must be, for the message when it is not (settings that
    /// take any text leave it empty).
    pub expects: &'static str,
}

pub const LISTEN: Setting = Setting {
    flag: "--listen",
    variable: "CASHFLOWS_SANDBOX_LISTEN",
    default: Some("127.0.0.1:4242"),
    secret: false,
    help: "address (or just a port on 127.0.0.1) to listen on; 0 picks a free port",
    expects: "an address such as 127.0.0.1:8080, or a port",
};
pub const CONFIGURATION_ID: Setting = Setting {
    flag: "--configuration-id",
    variable: "CASHFLOWS_SANDBOX_CONFIGURATION_ID",
    default: Some("23001234567890"),
    secret: false,
    help: "the Gateway configuration ID to accept (ConfigurationId header)",
    expects: "",
};
pub const API_KEY: Setting = Setting {
    flag: "--api-key",
    variable: "CASHFLOWS_SANDBOX_API_KEY",
    default: Some("sandbox-api-key"),
    secret: true,
    help: "the Gateway API key that keys the Hash header",
    expects: "",
};
pub const AUTH_ID: Setting = Setting {
    flag: "--auth-id",
    variable: "CASHFLOWS_SANDBOX_AUTH_ID",
    default: Some("1234567"),
    secret: false,
    help: "the Remote Auth profile ID (auth_id)",
    expects: "",
};
pub const AUTH_PASS: Setting = Setting {
    flag: "--auth-pass",
    variable: "CASHFLOWS_SANDBOX_AUTH_PASS",
    default: Some("sandbox-auth-pass"),
    secret: true,
    help: "the Remote Auth password (auth_pass)",
    expects: "",
};
pub const WEBHOOK_URL: Setting = Setting {
    flag: "--webhook-url",
    variable: "CASHFLOWS_SANDBOX_WEBHOOK_URL",
    default: None,
    secret: false,
    help: "the configuration's webhook URL, for jobs that give none (loopback only)",
    expects: "",
};

pub const LOG: Setting = Setting {
    flag: "--log",
    variable: "CASHFLOWS_SANDBOX_LOG",
    default: Some("info"),
    secret: false,
    help: "what to log on stderr: off, error, warn, info (each request), debug or trace",
    expects: "one of off, error, warn, info, debug, trace",
};
pub const AUTOMATIC_CAPTURE: Setting = Setting {
    flag: "--automatic-capture",
    variable: "CASHFLOWS_SANDBOX_AUTOMATIC_CAPTURE",
    default: Some("on"),
    secret: false,
    help: "on: card payments are Paid at once; off: they stop at Reserved until \
           captured (Cashflows' portal setting, on by default)",
    expects: "on or off",
};

pub const REMOTE_AUTH: Setting = Setting {
    flag: "--remote-auth",
    variable: "CASHFLOWS_SANDBOX_REMOTE_AUTH",
    default: Some("on"),
    secret: false,
    help: "on: Remote Auth accepts --auth-id and --auth-pass; off: a Gateway-only \
           shop, whose Remote Auth refuses every request as unknown credentials",
    expects: "on or off",
};
pub const CONTROL_TOKEN: Setting = Setting {
    flag: "--control-token",
    variable: "CASHFLOWS_SANDBOX_CONTROL_TOKEN",
    default: None,
    secret: true,
    help: "a token the control surface and dashboard (/__sandbox) then require, \
           from any address; without one they answer loopback callers only",
    expects: "",
};
pub const STATE: Setting = Setting {
    flag: "--state",
    variable: "CASHFLOWS_SANDBOX_STATE",
    default: None,
    secret: false,
    help: "a file the sandbox's state is loaded from at start (if it exists) and \
           saved to at Ctrl-C, atomically, so a restart keeps every job",
    expects: "",
};

/// Every setting that takes a value, in the order `--help` lists them.
pub const SETTINGS: [&Setting; 11] = [
    &LISTEN,
    &CONFIGURATION_ID,
    &API_KEY,
    &AUTH_ID,
    &AUTH_PASS,
    &WEBHOOK_URL,
    &LOG,
    &AUTOMATIC_CAPTURE,
    &REMOTE_AUTH,
    &CONTROL_TOKEN,
    &STATE,
];

/// Where a setting's value came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Source {
    Flag,
    Environment,
    Default,
}

/// A setting's value and where it came from.
#[derive(Debug, Clone)]
pub struct Value {
    pub text: String,
    pub source: Source,
}

/// What the command line asks for.
pub enum Command {
    Help,
    Run(Box<Run>),
}

/// A sandbox to run, and how to announce it.
pub struct Run {
    pub listen: SocketAddr,
    pub config: SandboxConfig,
    /// The value of each setting, in [`SETTINGS`] order (`None`: unset).
    pub values: Vec<Option<Value>>,
    /// Announce in one JSON line instead of text.
    pub json: bool,
    /// The most detailed log events written to stderr.
    pub log: LevelFilter,
    /// Where the state is loaded from and saved to (`--state`).
    pub state: Option<PathBuf>,
}

/// Reads the arguments (after the program name) and the environment
/// (`variable` looks one up). Every problem is reported at once, and no
/// message repeats a value: it might be a secret.
pub fn parse(
    arguments: impl IntoIterator<Item = String>,
    variable: impl Fn(&str) -> Option<String>,
) -> Result<Command, Vec<String>> {
    let Some(Flags {
        given,
        json,
        mut problems,
    }) = read_flags(arguments)
    else {
        return Ok(Command::Help);
    };
    let values: Vec<Option<Value>> = SETTINGS
        .iter()
        .zip(given)
        .map(|(setting, flag)| resolve(setting, flag, &variable, &mut problems))
        .collect();
    let listen = typed(&values, &LISTEN, listen_address, &mut problems);
    let log = typed(
        &values,
        &LOG,
        |text| text.parse::<LevelFilter>().ok(),
        &mut problems,
    );
    let automatic_capture = typed(&values, &AUTOMATIC_CAPTURE, switch, &mut problems);
    let remote_auth = typed(&values, &REMOTE_AUTH, switch, &mut problems);
    if !problems.is_empty() {
        return Err(problems);
    }
    let text = |index: usize| values[index].as_ref().map(|value| value.text.clone());
    let mut config = SandboxConfig::new(
        text(1).unwrap_or_default(),
        text(2).unwrap_or_default(),
        text(3).unwrap_or_default(),
        text(4).unwrap_or_default(),
    );
    config.webhook_url = text(5);
    config.automatic_capture = automatic_capture.unwrap_or(true);
    if remote_auth == Some(false) {
        // No credentials: the engine's Remote Auth matches no request.
        config.auth_id.clear();
        config.auth_pass.clear();
    }
    config.control_token = text(9);
    let state = text(10).map(PathBuf::from);
    Ok(Command::Run(Box::new(Run {
        listen: listen.unwrap_or(DEFAULT_LISTEN),
        config,
        values,
        json,
        log: log.unwrap_or(LevelFilter::INFO),
        state,
    })))
}

/// What the command line gave: each setting's flag value (in [`SETTINGS`]
/// order), `--json`, and the problems found.
struct Flags {
    given: Vec<Option<String>>,
    json: bool,
    problems: Vec<String>,
}

/// Reads the flags; `None` when `--help` asks for help instead.
fn read_flags(arguments: impl IntoIterator<Item = String>) -> Option<Flags> {
    let mut flags = Flags {
        given: vec![None; SETTINGS.len()],
        json: false,
        problems: Vec::new(),
    };
    let mut arguments = arguments.into_iter();
    while let Some(argument) = arguments.next() {
        match argument.as_str() {
            "-h" | "--help" => return None,
            "--json" => {
                flags.json = true;
                continue;
            }
            _ => {}
        }
        let (flag, inline) = match argument.split_once('=') {
            Some((flag, value)) if flag.starts_with("--") => {
                (flag.to_owned(), Some(value.to_owned()))
            }
            _ => (argument, None),
        };
        let Some(index) = SETTINGS.iter().position(|setting| setting.flag == flag) else {
            flags.problems.push(if flag.starts_with('-') {
                format!("unknown option `{flag}`")
            } else {
                "unexpected argument (options take the form --name VALUE)".to_owned()
            });
            continue;
        };
        let Some(value) = inline.or_else(|| arguments.next()) else {
            flags.problems.push(format!("`{flag}` needs a value"));
            continue;
        };
        if flags.given[index].replace(value).is_some() {
            flags
                .problems
                .push(format!("`{flag}` is given more than once"));
        }
    }
    Some(flags)
}

/// The value of `setting` read by `read`, or a problem saying what it needs
/// (its `expects`); `None` when unset or unreadable.
fn typed<T>(
    values: &[Option<Value>],
    setting: &Setting,
    read: impl Fn(&str) -> Option<T>,
    problems: &mut Vec<String>,
) -> Option<T> {
    let index = SETTINGS
        .iter()
        .position(|known| known.flag == setting.flag)?;
    let value = values[index].as_ref()?;
    let read = read(&value.text);
    if read.is_none() {
        problems.push(format!(
            "`{}` needs {}",
            describe(setting, value.source),
            setting.expects
        ));
    }
    read
}

/// A setting's value: the flag's, else the environment's, else the default.
/// An empty value is a problem wherever it comes from.
fn resolve(
    setting: &Setting,
    flag: Option<String>,
    variable: &impl Fn(&str) -> Option<String>,
    problems: &mut Vec<String>,
) -> Option<Value> {
    let value = match (flag, variable(setting.variable)) {
        (Some(text), _) => Value {
            text,
            source: Source::Flag,
        },
        (None, Some(text)) => Value {
            text,
            source: Source::Environment,
        },
        (None, None) => Value {
            text: setting.default?.to_owned(),
            source: Source::Default,
        },
    };
    if value.text.is_empty() {
        problems.push(format!(
            "`{}` needs a non-empty value",
            describe(setting, value.source)
        ));
    }
    Some(value)
}

/// The flag or the variable a value came from, for messages.
pub fn describe(setting: &Setting, source: Source) -> &'static str {
    match source {
        Source::Environment => setting.variable,
        Source::Flag | Source::Default => setting.flag,
    }
}

/// `on` or `off`, in any letter case.
fn switch(text: &str) -> Option<bool> {
    match text.to_ascii_lowercase().as_str() {
        "on" => Some(true),
        "off" => Some(false),
        _ => None,
    }
}

/// `ADDR:PORT`, or a bare port on 127.0.0.1.
fn listen_address(text: &str) -> Option<SocketAddr> {
    if let Ok(port) = text.parse::<u16>() {
        return Some(SocketAddr::new(
            std::net::IpAddr::V4(Ipv4Addr::LOCALHOST),
            port,
        ));
    }
    text.parse().ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(arguments: &[&str], environment: &[(&str, &str)]) -> Result<Run, Vec<String>> {
        let arguments = arguments.iter().map(|argument| (*argument).to_owned());
        let variable = |name: &str| {
            environment
                .iter()
                .find(|(key, _)| *key == name)
                .map(|(_, value)| (*value).to_owned())
        };
        match parse(arguments, variable)? {
            Command::Run(run) => Ok(*run),
            Command::Help => panic!("help"),
        }
    }

    #[test]
    fn no_arguments_start_on_the_defaults() {
        let run = run(&[], &[]).expect("runs");
        assert_eq!(run.listen, DEFAULT_LISTEN);
        assert_eq!(run.listen.to_string(), LISTEN.default.unwrap_or_default());
        assert_eq!(run.config.configuration_id, "23001234567890");
        assert_eq!(run.config.api_key, "sandbox-api-key");
        assert_eq!(run.config.auth_id, "1234567");
        assert_eq!(run.config.auth_pass, "sandbox-auth-pass");
        assert_eq!(run.config.webhook_url, None);
        assert!(run.config.automatic_capture);
        assert!(!run.json);
        assert_eq!(run.log, LevelFilter::INFO);
        assert!(run.values[..5].iter().all(|value| {
            value
                .as_ref()
                .is_some_and(|value| value.source == Source::Default)
        }));
    }

    #[test]
    fn a_flag_beats_the_environment_which_beats_the_default() {
        let environment = [
            ("CASHFLOWS_SANDBOX_API_KEY", "from-environment"),
            ("CASHFLOWS_SANDBOX_AUTH_PASS", "pass-from-environment"),
            ("CASHFLOWS_SANDBOX_LISTEN", "0"),
        ];
        let run = run(&["--api-key", "from-flag", "--json"], &environment).expect("runs");
        assert_eq!(run.config.api_key, "from-flag");
        assert_eq!(run.config.auth_pass, "pass-from-environment");
        assert_eq!(run.listen, SocketAddr::from(([127, 0, 0, 1], 0)));
        assert_eq!(run.values[2].as_ref().map(|v| v.source), Some(Source::Flag));
        assert_eq!(
            run.values[4].as_ref().map(|v| v.source),
            Some(Source::Environment)
        );
        assert!(run.json);
    }

    #[test]
    fn every_problem_is_reported_at_once_without_its_value() {
        let problems = run(
            &[
                "--api-key",
                "",
                "--listen",
                "nowhere",
                "--colour",
                "--auth-id",
            ],
            &[("CASHFLOWS_SANDBOX_AUTH_PASS", "")],
        )
        .err()
        .expect("refused");
        assert_eq!(
            problems,
            [
                "unknown option `--colour`",
                "`--auth-id` needs a value",
                "`--api-key` needs a non-empty value",
                "`CASHFLOWS_SANDBOX_AUTH_PASS` needs a non-empty value",
                "`--listen` needs an address such as 127.0.0.1:8080, or a port",
            ]
        );
        assert!(problems.iter().all(|problem| !problem.contains("nowhere")));
    }

    #[test]
    fn the_log_level_is_a_level_or_off() {
        let quiet = run(&["--log", "off"], &[]).expect("runs");
        assert_eq!(quiet.log, LevelFilter::OFF);
        let chatty = run(&[], &[("CASHFLOWS_SANDBOX_LOG", "DEBUG")]).expect("runs");
        assert_eq!(chatty.log, LevelFilter::DEBUG);
        let problems = run(&["--log=loud"], &[]).err().expect("refused");
        assert_eq!(
            problems,
            ["`--log` needs one of off, error, warn, info, debug, trace"]
        );
    }

    #[test]
    fn remote_auth_off_leaves_no_credentials_and_state_and_token_are_read() {
        let run = run(
            &["--remote-auth", "off", "--state", "/tmp/sandbox.json"],
            &[("CASHFLOWS_SANDBOX_CONTROL_TOKEN", "t0ken")],
        )
        .expect("runs");
        assert!(run.config.auth_id.is_empty() && run.config.auth_pass.is_empty());
        assert_eq!(run.config.control_token.as_deref(), Some("t0ken"));
        assert_eq!(run.state, Some(PathBuf::from("/tmp/sandbox.json")));
        let problems = super::tests::run(&["--remote-auth", "maybe"], &[])
            .err()
            .expect("refused");
        assert_eq!(problems, ["`--remote-auth` needs on or off"]);
    }

    #[test]
    fn automatic_capture_is_on_or_off() {
        let off = run(&["--automatic-capture", "off"], &[]).expect("runs");
        assert!(!off.config.automatic_capture);
        let environment = [("CASHFLOWS_SANDBOX_AUTOMATIC_CAPTURE", "OFF")];
        assert!(
            !run(&[], &environment)
                .expect("runs")
                .config
                .automatic_capture
        );
        let on = run(&["--automatic-capture=on"], &environment).expect("runs");
        assert!(on.config.automatic_capture, "the flag wins");
        let problems = run(&[], &[("CASHFLOWS_SANDBOX_AUTOMATIC_CAPTURE", "no")])
            .err()
            .expect("refused");
        assert_eq!(
            problems,
            ["`CASHFLOWS_SANDBOX_AUTOMATIC_CAPTURE` needs on or off"]
        );
    }

    #[test]
    fn a_flag_given_twice_is_refused() {
        let problems = run(&["--auth-id=1", "--auth-id", "2"], &[])
            .err()
            .expect("refused");
        assert_eq!(problems, ["`--auth-id` is given more than once"]);
    }
}
