//! The `cashflows-sandbox` binary as a shop in another language runs it:
//! with no arguments (only the port chosen free, so tests do not collide),
//! its announcement, its public test credentials, and a script in Python
//! (standard library only) that signs and sends Gateway calls to it.

use std::io::{BufRead, BufReader, Write};
use std::process::{Child, ChildStdout, Command, Stdio};

use serde_json::Value;

/// The binary, started with `arguments` and a free port; its first line.
struct Binary {
    child: Child,
    stdout: BufReader<ChildStdout>,
}

impl Binary {
    fn start(arguments: &[&str], environment: &[(&str, &str)]) -> (Binary, String) {
        let mut child = Command::new(env!("CARGO_BIN_EXE_cashflows-sandbox"))
            .args(arguments)
            .env("CASHFLOWS_SANDBOX_LISTEN", "0")
            .envs(environment.iter().copied())
            .stdout(Stdio::piped())
            .stderr(Stdio::inherit())
            .spawn()
            .expect("the binary starts");
        let mut stdout = BufReader::new(child.stdout.take().expect("its stdout"));
        let mut first = String::new();
        stdout.read_line(&mut first).expect("a first line");
        (Binary { child, stdout }, first)
    }

    /// Every line it printed after the first, until it stops.
    fn stop(mut self) -> String {
        self.child.kill().expect("stopped");
        let mut rest = String::new();
        for line in self.stdout.lines() {
            rest.push_str(&line.expect("a line"));
            rest.push('\n');
        }
        self.child.wait().expect("waited");
        rest
    }
}

#[test]
fn with_no_arguments_it_announces_its_urls_and_test_credentials() {
    let (binary, first) = Binary::start(&[], &[]);
    let rest = binary.stop();
    let base = first
        .trim()
        .strip_prefix("cashflows-sandbox listening on ")
        .expect("the first line names the base URL");
    assert!(base.starts_with("http://127.0.0.1:"), "{first}");
    for expected in [
        format!("Gateway base URL    {base}"),
        format!("Remote Auth URL     {base}/gateway/remote_auth"),
        "ConfigurationId     23001234567890".to_owned(),
        "API key             sandbox-api-key".to_owned(),
        "auth_id             1234567".to_owned(),
        "auth_pass           sandbox-auth-pass".to_owned(),
    ] {
        assert!(rest.contains(&expected), "missing `{expected}` in:\n{rest}");
    }
}

#[test]
fn credentials_given_to_it_are_used_and_never_printed() {
    let environment = [("CASHFLOWS_SANDBOX_API_KEY", "key-from-environment")];
    let (binary, first) = Binary::start(&["--json", "--auth-pass", "pass-from-flag"], &environment);
    let rest = binary.stop();
    let printed = format!("{first}{rest}");
    assert!(!printed.contains("key-from-environment"), "{printed}");
    assert!(!printed.contains("pass-from-flag"), "{printed}");
    let announced: Value = serde_json::from_str(&first).expect("one JSON line");
    assert_eq!(announced["apiKey"], Value::Null);
    assert_eq!(announced["authPass"], Value::Null);
    assert_eq!(announced["configurationId"], "23001234567890");
}

#[test]
fn a_script_in_python_creates_and_retrieves_a_job() {
    let python = Command::new("python3").arg("--version").output();
    if python.is_err() {
        assert!(
            std::env::var_os("CI").is_none(),
            "python3 is needed for this test under CI"
        );
        eprintln!("skipped: python3 is not installed");
        return;
    }
    let (binary, announcement) = Binary::start(&["--json"], &[]);
    let script = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/other-languages/create_and_retrieve.py"
    );
    let mut run = Command::new("python3")
        .arg(script)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("python3 runs");
    run.stdin
        .take()
        .expect("its stdin")
        .write_all(announcement.as_bytes())
        .expect("written");
    let output = run.wait_with_output().expect("it ends");
    binary.stop();
    let said = String::from_utf8_lossy(&output.stdout);
    let complained = String::from_utf8_lossy(&output.stderr);
    assert!(output.status.success(), "{said}{complained}");
    assert_eq!(said.trim(), "ok");
}
