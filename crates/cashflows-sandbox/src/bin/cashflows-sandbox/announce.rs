//! What the binary prints once it listens: where to send requests and with
//! which credentials, in one place, as text or as one JSON line.

use cashflows::environments::REMOTE_AUTH_PATH;
use cashflows_sandbox::CONTROL_PREFIX;
use serde_json::json;

use crate::options::{self, Run, SETTINGS, Source, Value};

/// The first line, which scripts may read: `cashflows-sandbox listening on
/// URL`.
pub fn first_line(base_url: &str) -> String {
    format!("cashflows-sandbox listening on {base_url}")
}

/// The whole announcement as text: the first line, then one line per value.
pub fn text(run: &Run, base_url: &str) -> String {
    let mut lines = vec![
        first_line(base_url),
        format!("  Gateway base URL    {base_url}"),
        format!("  Remote Auth URL     {base_url}{REMOTE_AUTH_PATH}"),
        format!("  dashboard           {base_url}{CONTROL_PREFIX}/"),
        format!("  control API         {base_url}{CONTROL_PREFIX}"),
    ];
    for (label, index) in [
        ("ConfigurationId   ", 1),
        ("API key           ", 2),
        ("auth_id           ", 3),
        ("auth_pass         ", 4),
        ("webhook URL       ", 5),
    ] {
        let shown = match shown(index, run.values[index].as_ref()) {
            _ if matches!(index, 3 | 4) && !remote_auth(run) => "none (Remote Auth off)".to_owned(),
            Some(Shown::Value(text)) => text,
            Some(Shown::Hidden(from)) => format!("(given by {from}; not shown)"),
            None => "none".to_owned(),
        };
        lines.push(format!("  {label}  {shown}"));
    }
    let capture = if run.config.automatic_capture {
        "on"
    } else {
        "off"
    };
    lines.push(format!("  automatic capture   {capture}"));
    let token = match shown(9, run.values[9].as_ref()) {
        Some(Shown::Value(_) | Shown::Hidden(_)) => "required (given; not shown)",
        None => "none: the control surface answers loopback callers only",
    };
    lines.push(format!("  control token       {token}"));
    if let Some(state) = &run.state {
        lines.push(format!("  state file          {}", state.display()));
    }
    lines.push("Ctrl-C stops it.".to_owned());
    lines.join("\n")
}

/// The same as one JSON object: a secret the user gave is `null`.
pub fn json(run: &Run, base_url: &str) -> String {
    let value = |index: usize| match shown(index, run.values[index].as_ref()) {
        _ if matches!(index, 3 | 4) && !remote_auth(run) => None,
        Some(Shown::Value(text)) => Some(text),
        Some(Shown::Hidden(_)) | None => None,
    };
    json!({
        "gatewayBaseUrl": base_url,
        "remoteAuthUrl": format!("{base_url}{REMOTE_AUTH_PATH}"),
        "configurationId": value(1),
        "apiKey": value(2),
        "authId": value(3),
        "authPass": value(4),
        "webhookUrl": value(5),
        "automaticCapture": run.config.automatic_capture,
        "remoteAuth": remote_auth(run),
        "dashboardUrl": format!("{base_url}{CONTROL_PREFIX}/"),
        "controlUrl": format!("{base_url}{CONTROL_PREFIX}"),
        "controlTokenRequired": run.config.control_token.is_some(),
        "stateFile": run.state.as_ref().map(|path| path.display().to_string()),
    })
    .to_string()
}

/// Whether Remote Auth has credentials (`--remote-auth on`).
fn remote_auth(run: &Run) -> bool {
    !run.config.auth_id.is_empty()
}

/// A value as it may be printed.
enum Shown {
    /// A default (a public test value), or a value that is no secret.
    Value(String),
    /// A secret the user gave, by this flag or variable: never printed.
    Hidden(&'static str),
}

/// How the setting at `index` may be printed; `None` when it is unset.
fn shown(index: usize, value: Option<&Value>) -> Option<Shown> {
    let setting = SETTINGS[index];
    let value = value?;
    Some(match value.source {
        Source::Default => Shown::Value(value.text.clone()),
        _ if !setting.secret => Shown::Value(value.text.clone()),
        source => Shown::Hidden(options::describe(setting, source)),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::options::{Command, parse};

    fn run(arguments: &[&str]) -> Run {
        let arguments = arguments.iter().map(|argument| (*argument).to_owned());
        match parse(arguments, |_| None) {
            Ok(Command::Run(run)) => *run,
            _ => panic!("runs"),
        }
    }

    #[test]
    fn defaults_are_shown_and_given_secrets_are_not() {
        let defaults = text(&run(&[]), "http://127.0.0.1:4242");
        assert!(defaults.starts_with("cashflows-sandbox listening on http://127.0.0.1:4242\n"));
        assert!(defaults.contains("sandbox-api-key"), "{defaults}");
        assert!(defaults.contains("http://127.0.0.1:4242/gateway/remote_auth"));
        assert!(
            defaults.contains("  automatic capture   on\n"),
            "{defaults}"
        );
        let off = text(&run(&["--automatic-capture", "off"]), "http://x");
        assert!(off.contains("  automatic capture   off\n"), "{off}");

        let given = run(&["--api-key", "k-secret", "--auth-pass", "p-secret"]);
        let shown = format!("{}\n{}", text(&given, "http://x"), json(&given, "http://x"));
        assert!(
            !shown.contains("k-secret") && !shown.contains("p-secret"),
            "{shown}"
        );
        assert!(shown.contains("(given by --api-key; not shown)"), "{shown}");
        let line: serde_json::Value =
            serde_json::from_str(&json(&given, "http://x")).expect("JSON");
        assert_eq!(line["apiKey"], serde_json::Value::Null);
        assert_eq!(line["authId"], "1234567");
    }

    #[test]
    fn json_is_one_line_with_every_url_and_credential() {
        let line = json(&run(&[]), "http://127.0.0.1:4242");
        assert!(!line.contains('\n'));
        let value: serde_json::Value = serde_json::from_str(&line).expect("JSON");
        assert_eq!(value["gatewayBaseUrl"], "http://127.0.0.1:4242");
        assert_eq!(
            value["remoteAuthUrl"],
            "http://127.0.0.1:4242/gateway/remote_auth"
        );
        assert_eq!(value["configurationId"], "23001234567890");
        assert_eq!(value["apiKey"], "sandbox-api-key");
        assert_eq!(value["authId"], "1234567");
        assert_eq!(value["authPass"], "sandbox-auth-pass");
        assert_eq!(value["webhookUrl"], serde_json::Value::Null);
        assert_eq!(value["automaticCapture"], true);
        assert_eq!(value["remoteAuth"], true);
        assert_eq!(value["dashboardUrl"], "http://127.0.0.1:4242/__sandbox/");
        assert_eq!(value["controlUrl"], "http://127.0.0.1:4242/__sandbox");
        assert_eq!(value["controlTokenRequired"], false);
        assert_eq!(value["stateFile"], serde_json::Value::Null);
    }

    #[test]
    fn a_gateway_only_shop_and_a_control_token() {
        let run = run(&["--remote-auth", "off", "--control-token", "t-secret"]);
        let text = text(&run, "http://x");
        assert!(
            text.contains("  auth_id             none (Remote Auth off)"),
            "{text}"
        );
        assert!(
            text.contains("  control token       required (given; not shown)"),
            "{text}"
        );
        assert!(!text.contains("t-secret") && !json(&run, "http://x").contains("t-secret"));
        let line: serde_json::Value = serde_json::from_str(&json(&run, "http://x")).expect("JSON");
        assert_eq!(line["remoteAuth"], false);
        assert_eq!(line["authId"], serde_json::Value::Null);
    }
}
