//! The `cashflows-sandbox` binary as a shop in another language runs it:
//! with no arguments (only the port chosen free, so tests do not collide),
//! its announcement, its public test credentials, and a script in Python
//! (standard library only) that signs and sends Gateway calls to it.

use std::io::{BufRead, BufReader, Read, Write};
use std::process::{Child, ChildStdout, Command, Stdio};
use std::thread::JoinHandle;

use serde_json::Value;

/// The binary, started with `arguments` and a free port; its first line.
pub(crate) struct Binary {
    child: Child,
    stdout: BufReader<ChildStdout>,
    /// Reads its stderr (its log) until it stops, so that a full pipe never
    /// blocks it.
    stderr: JoinHandle<String>,
}

impl Binary {
    pub(crate) fn start(arguments: &[&str], environment: &[(&str, &str)]) -> (Binary, String) {
        let mut child = Command::new(env!("CARGO_BIN_EXE_cashflows-sandbox"))
            .args(arguments)
            .env("CASHFLOWS_SANDBOX_LISTEN", "0")
            .envs(environment.iter().copied())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("the binary starts");
        let mut stdout = BufReader::new(child.stdout.take().expect("its stdout"));
        let mut stderr = child.stderr.take().expect("its stderr");
        let stderr = std::thread::spawn(move || {
            let mut log = String::new();
            let _ = stderr.read_to_string(&mut log);
            log
        });
        let mut first = String::new();
        stdout.read_line(&mut first).expect("a first line");
        let binary = Binary {
            child,
            stdout,
            stderr,
        };
        (binary, first)
    }

    /// Every line it printed after the first, until it stops.
    pub(crate) fn stop(self) -> String {
        self.stop_with_log().0
    }

    /// Every line it printed after the first, and its log, once stopped.
    /// It is stopped as a person stops it, with Ctrl-C (SIGINT), so that it
    /// finishes what it was doing, its log lines included; killed only if it
    /// has not stopped ten seconds later.
    pub(crate) fn stop_with_log(mut self) -> (String, String) {
        let interrupted = Command::new("kill")
            .args(["-INT", &self.child.id().to_string()])
            .status()
            .is_ok_and(|status| status.success());
        let deadline = std::time::Instant::now() + std::time::Duration::from_secs(10);
        while interrupted && std::time::Instant::now() < deadline {
            if self.child.try_wait().expect("its status").is_some() {
                break;
            }
            std::thread::sleep(std::time::Duration::from_millis(20));
        }
        if self.child.try_wait().expect("its status").is_none() {
            self.child.kill().expect("stopped");
        }
        let mut rest = String::new();
        for line in self.stdout.lines() {
            rest.push_str(&line.expect("a line"));
            rest.push('\n');
        }
        self.child.wait().expect("waited");
        let log = self.stderr.join().expect("its log");
        (rest, log)
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
        format!("dashboard           {base}/__sandbox/"),
        format!("control API         {base}/__sandbox"),
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

/// The base URL a binary announced on its first line.
pub(crate) fn base_of(first: &str) -> String {
    first.trim().rsplit(' ').next().expect("the URL").to_owned()
}

/// A create signed with a key the sandbox does not have, and a retrieve
/// with no `Hash`: both 401, for different mistakes.
async fn two_signing_mistakes(base: &str) {
    let body = r#"{"currency":"GBP","amountToCollect":"10.00"}"#;
    let wrong_hash = sha512_upper(format!("{WRONG_KEY}{body}").as_bytes());
    let jobs = "/api/gateway/payment-jobs";
    let created = call(base, reqwest::Method::POST, jobs, body, &wrong_hash).await;
    assert_eq!(created, 401);
    let retrieved = reqwest::Client::new()
        .get(format!("{base}{jobs}/{JOB_AS_SENT}"))
        .header("ConfigurationId", "23001234567890")
        .send()
        .await
        .expect("an answer");
    assert_eq!(retrieved.status().as_u16(), 401);
}

/// The key the mistaken create is signed with.
const WRONG_KEY: &str = "not-the-sandbox-key";

/// The job reference the retrieve's path carries.
const JOB_AS_SENT: &str = "220000000000004242";

/// The password the mistaken Remote Auth sale is sent with.
const WRONG_PASS: &str = "not-the-sandbox-pass";

#[tokio::test]
async fn its_log_names_each_refusal_and_route_and_never_a_key_or_hash() {
    let (binary, first) = Binary::start(&[], &[]);
    let base = base_of(&first);
    two_signing_mistakes(&base).await;
    let sale = reqwest::Client::new()
        .post(format!("{base}/gateway/remote_auth"))
        .form(&[("auth_id", "1234567"), ("auth_pass", WRONG_PASS)])
        .send()
        .await
        .expect("an answer");
    assert_eq!(sale.status().as_u16(), 200);
    let (_, log) = binary.stop_with_log();
    let lines: Vec<&str> = log.lines().collect();
    let line_with = |words: &[&str]| {
        lines
            .iter()
            .any(|line| words.iter().all(|word| line.contains(word)))
    };
    assert!(
        line_with(&[
            "method=POST",
            "route=/api/gateway/payment-jobs ",
            "status=401",
            "signature does not match",
        ]),
        "{log}"
    );
    assert!(
        line_with(&[
            "method=GET",
            "route=/api/gateway/payment-jobs/{paymentJobReference}",
            "status=401",
            "no Hash header",
        ]),
        "{log}"
    );
    assert!(
        line_with(&[
            "route=/gateway/remote_auth",
            "status=200",
            "Invalid merchant details"
        ]),
        "{log}"
    );
    let body = r#"{"currency":"GBP","amountToCollect":"10.00"}"#;
    let wrong_hash = sha512_upper(format!("{WRONG_KEY}{body}").as_bytes());
    for secret in [
        WRONG_KEY,
        WRONG_PASS,
        "sandbox-api-key",
        wrong_hash.as_str(),
        &wrong_hash.to_ascii_lowercase(),
        JOB_AS_SENT,
    ] {
        assert!(!log.contains(secret), "the log shows {secret}:\n{log}");
    }
}

#[tokio::test]
async fn with_log_off_it_logs_nothing() {
    for (arguments, environment) in [
        (&["--log", "off"][..], &[][..]),
        (&[][..], &[("CASHFLOWS_SANDBOX_LOG", "off")][..]),
    ] {
        let (binary, first) = Binary::start(arguments, environment);
        two_signing_mistakes(&base_of(&first)).await;
        let (_, log) = binary.stop_with_log();
        assert_eq!(log, "", "{arguments:?} {environment:?}");
    }
}

#[test]
fn a_script_in_python_creates_and_retrieves_a_job() {
    if !have("python3", "the create and retrieve script") {
        return;
    }
    let (binary, announcement) = Binary::start(&["--json"], &[]);
    let script = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/other-languages/create_and_retrieve.py"
    );
    let output = run_with_input(Command::new("python3").arg(script), &announcement);
    binary.stop();
    let said = String::from_utf8_lossy(&output.stdout);
    let complained = String::from_utf8_lossy(&output.stderr);
    assert!(output.status.success(), "{said}{complained}");
    assert_eq!(said.trim(), "ok");
}

// --- The book's page for other languages, run as written -----------------

/// The page, as the book shows it.
pub(crate) fn other_languages_page() -> String {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../generated/docs/src/guide/other-languages.md"
    );
    std::fs::read_to_string(path).expect("the book's page for other languages")
}

/// The fenced blocks of `page` whose info string is `kind`, in order.
pub(crate) fn blocks(page: &str, kind: &str) -> Vec<String> {
    let mut found = Vec::new();
    let mut current: Option<String> = None;
    for line in page.lines() {
        match (&mut current, line.strip_prefix("```")) {
            (None, Some(info)) if info.trim() == kind => current = Some(String::new()),
            (Some(block), Some("")) => {
                found.push(std::mem::take(block));
                current = None;
            }
            (Some(block), _) => {
                block.push_str(line);
                block.push('\n');
            }
            (None, _) => {}
        }
    }
    found
}

/// The code in the second cell of the table row whose first cell is `name`.
fn table_value(page: &str, name: &str) -> String {
    let prefix = format!("| {name} | `");
    let line = page
        .lines()
        .find(|line| line.starts_with(&prefix))
        .unwrap_or_else(|| panic!("no `{name}` row on the page"));
    line[prefix.len()..]
        .trim_end_matches(" |")
        .trim_end_matches('`')
        .to_owned()
}

pub(crate) fn sha512_upper(bytes: &[u8]) -> String {
    use sha2::{Digest, Sha512};
    hex::encode_upper(Sha512::digest(bytes))
}

/// A Gateway call from outside Rust: the page's headers, the given hash.
async fn call(base: &str, method: reqwest::Method, path: &str, body: &str, hash: &str) -> u16 {
    let request = reqwest::Client::new()
        .request(method, format!("{base}{path}"))
        .header("ConfigurationId", "23001234567890")
        .header("Hash", hash);
    let request = if body.is_empty() {
        request
    } else {
        request
            .header("Content-Type", "application/json")
            .body(body.to_owned())
    };
    request.send().await.expect("an answer").status().as_u16()
}

#[tokio::test]
async fn the_books_signing_example_is_what_the_sandbox_checks() {
    let page = other_languages_page();
    let key = table_value(&page, "API key");
    let body = table_value(&page, "body");
    let hashes: Vec<String> = blocks(&page, "text")
        .iter()
        .map(|block| block.split_whitespace().collect())
        .filter(|text: &String| text.len() == 128)
        .collect();
    assert_eq!(
        hashes.len(),
        2,
        "the page shows a hash with a body and one without"
    );
    assert_eq!(hashes[0], sha512_upper(format!("{key}{body}").as_bytes()));
    assert_eq!(hashes[1], sha512_upper(key.as_bytes()));

    let (binary, first) = Binary::start(&[], &[]);
    let base = first.trim().rsplit(' ').next().expect("the URL").to_owned();
    let jobs = "/api/gateway/payment-jobs";
    let created = call(&base, reqwest::Method::POST, jobs, &body, &hashes[0]).await;
    assert_eq!(created, 201, "the page's hash signs the page's body");
    let retrieved = call(
        &base,
        reqwest::Method::GET,
        &format!("{jobs}/1"),
        "",
        &hashes[1],
    )
    .await;
    assert!(
        retrieved != 401,
        "the page's hash of no body passes the signature check"
    );
    let wrong = call(&base, reqwest::Method::POST, jobs, &body, &hashes[1]).await;
    assert_eq!(wrong, 401, "another hash is refused");
    binary.stop();
}

/// Whether `program` runs; under CI its absence fails the test, elsewhere
/// the test says it skipped.
pub(crate) fn have(program: &str, test: &str) -> bool {
    if Command::new(program).arg("--version").output().is_ok() {
        return true;
    }
    assert!(
        std::env::var_os("CI").is_none(),
        "{program} is needed for {test} under CI"
    );
    eprintln!("{test} skipped: {program} is not installed");
    false
}

/// Runs `command` with `input` on its standard input; what it printed.
pub(crate) fn run_with_input(command: &mut Command, input: &str) -> std::process::Output {
    let mut run = command
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the program runs");
    run.stdin
        .take()
        .expect("its stdin")
        .write_all(input.as_bytes())
        .expect("written");
    run.wait_with_output().expect("it ends")
}

/// Runs `script` with bash; its standard output.
pub(crate) fn bash(script: &str) -> String {
    let output = Command::new("bash")
        .args(["-euo", "pipefail", "-c", script])
        .output()
        .expect("bash runs");
    let said = String::from_utf8_lossy(&output.stdout).into_owned();
    assert!(
        output.status.success(),
        "{script}\nfailed: {said}{}",
        String::from_utf8_lossy(&output.stderr)
    );
    said
}

#[test]
fn the_books_curl_commands_run_against_the_binary() {
    if Command::new("curl").arg("--version").output().is_err() {
        assert!(
            std::env::var_os("CI").is_none(),
            "curl is needed for this test under CI"
        );
        eprintln!("skipped: curl is not installed");
        return;
    }
    let page = other_languages_page();
    let scripts: Vec<String> = blocks(&page, "sh")
        .into_iter()
        .filter(|block| block.contains("curl -sS"))
        .collect();
    assert_eq!(scripts.len(), 3, "create, retrieve, Remote Auth");
    let (binary, first) = Binary::start(&[], &[]);
    let base = first.trim().rsplit(' ').next().expect("the URL").to_owned();
    let written = "SANDBOX=http://127.0.0.1:4242\n";
    assert!(scripts[0].starts_with(written), "{}", scripts[0]);
    // The reader's shell keeps SANDBOX and KEY from the first block.
    let session = format!("SANDBOX={base}\nKEY=sandbox-api-key\n");

    let created = bash(&scripts[0].replacen(written, &format!("SANDBOX={base}\n"), 1));
    let created: Value = serde_json::from_str(&created).expect("the create's answer");
    assert_eq!(created["data"]["paymentStatus"], "Pending");
    let page_url = created["links"]["action"]["url"].as_str().expect("a page");
    assert!(
        page_url.starts_with(&format!("{base}/sandbox/pay/")),
        "{page_url}"
    );
    let reference = created["data"]["reference"].as_str().expect("a reference");

    let retrieve = scripts[1]
        .lines()
        .map(|line| {
            if line.starts_with("REFERENCE=") {
                format!("REFERENCE={reference}")
            } else {
                line.to_owned()
            }
        })
        .collect::<Vec<_>>()
        .join("\n");
    let retrieved = bash(&format!("{session}{retrieve}"));
    let retrieved: Value = serde_json::from_str(&retrieved).expect("the retrieve's answer");
    assert_eq!(retrieved["data"]["reference"], reference);

    let sale = bash(&format!("{session}{}", scripts[2]));
    assert!(sale.starts_with("A|"), "an authorised sale: {sale}");
    binary.stop();
}
