//! The binary's control surface as a shop in another language uses it: the
//! book's "Controlling the sandbox" page run as written, a Python script
//! that moves the clock, loses creates on purpose and redelivers a webhook,
//! the book's PHP example, the README's `curl`, and `--state` across a
//! restart.

use std::process::Command;

use serde_json::Value;

use crate::binary::{
    Binary, base_of, bash, blocks, have, other_languages_page, run_with_input, sha512_upper,
};

/// A generated book page, as the book shows it.
fn book_page(name: &str) -> String {
    let path = format!(
        "{}/../../generated/docs/src/guide/{name}",
        env!("CARGO_MANIFEST_DIR")
    );
    std::fs::read_to_string(path).expect("the book's page")
}

/// Every fenced block of `page`, in order: its info string and its text.
fn fenced(page: &str) -> Vec<(String, String)> {
    let mut found = Vec::new();
    let mut current: Option<(String, String)> = None;
    for line in page.lines() {
        match (&mut current, line.strip_prefix("```")) {
            (None, Some(info)) => current = Some((info.trim().to_owned(), String::new())),
            (Some(_), Some("")) => found.extend(current.take()),
            (Some((_, text)), _) => {
                text.push_str(line);
                text.push('\n');
            }
            (None, _) => {}
        }
    }
    found
}

/// Whether `actual` has the shape the book shows: the same keys in every
/// object, the same JSON type in every value, and, for a list shown
/// empty, an empty list. Values themselves (times, ids) may differ.
fn same_shape(shown: &Value, actual: &Value, at: &str) -> Result<(), String> {
    match (shown, actual) {
        (Value::Object(shown), Value::Object(actual)) => {
            let keys = |map: &serde_json::Map<String, Value>| {
                let mut keys: Vec<String> = map.keys().cloned().collect();
                keys.sort();
                keys
            };
            if keys(shown) != keys(actual) {
                return Err(format!(
                    "{at}: keys {:?}, shown {:?}",
                    keys(actual),
                    keys(shown)
                ));
            }
            for (key, value) in shown {
                same_shape(value, &actual[key], &format!("{at}.{key}"))?;
            }
            Ok(())
        }
        (Value::Array(shown), Value::Array(actual)) => match shown.first() {
            None if actual.is_empty() => Ok(()),
            None => Err(format!("{at}: shown empty, is {actual:?}")),
            Some(first) => actual
                .iter()
                .try_for_each(|item| same_shape(first, item, &format!("{at}[]"))),
        },
        (Value::String(_), Value::String(_))
        | (Value::Number(_), Value::Number(_))
        | (Value::Bool(_), Value::Bool(_))
        | (Value::Null, Value::Null) => Ok(()),
        _ => Err(format!("{at}: {actual} where the book shows {shown}")),
    }
}

#[test]
fn the_control_pages_commands_answer_as_the_page_shows() {
    let test = "the_control_pages_commands_answer_as_the_page_shows";
    if !have("curl", test) {
        return;
    }
    let page = book_page("controlling-the-sandbox.md");
    let blocks = fenced(&page);
    let written = "SANDBOX=http://127.0.0.1:4242\n";
    assert!(
        blocks
            .iter()
            .any(|(kind, text)| kind == "sh" && text == written),
        "the page starts its session with {written}"
    );
    let (binary, first) = Binary::start(&[], &[]);
    let folder = std::env::temp_dir().join(format!("control-page-{}", std::process::id()));
    std::fs::create_dir_all(&folder).expect("a folder");
    let session = format!("cd {}\nSANDBOX={}\n", folder.display(), base_of(&first));
    let mut checked = 0;
    for (index, (kind, script)) in blocks.iter().enumerate() {
        if kind != "sh" || script == written {
            continue;
        }
        let said = bash(&format!("{session}{script}"));
        let Some((answer_kind, answer)) = blocks.get(index + 1) else {
            continue;
        };
        match answer_kind.as_str() {
            "text" => assert_eq!(said.trim(), answer.trim(), "{script}"),
            "json" => {
                let shown: Value = serde_json::from_str(answer).expect("the page's JSON");
                let actual: Value = serde_json::from_str(&said)
                    .unwrap_or_else(|error| panic!("{script} answered {said}: {error}"));
                if let Err(difference) = same_shape(&shown, &actual, "answer") {
                    panic!("{script}answered {said}\n{difference}");
                }
            }
            _ => continue,
        }
        checked += 1;
    }
    binary.stop();
    let _ = std::fs::remove_dir_all(&folder);
    assert!(
        checked >= 8,
        "only {checked} commands with an answer on the page"
    );
}

#[test]
fn a_python_script_moves_the_clock_loses_creates_and_redelivers_a_webhook() {
    if !have("python3", "the control script") {
        return;
    }
    let (binary, announcement) = Binary::start(&["--json"], &[]);
    let script = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/other-languages/control_surface.py"
    );
    let output = run_with_input(Command::new("python3").arg(script), &announcement);
    let (_, log) = binary.stop_with_log();
    let said = String::from_utf8_lossy(&output.stdout);
    let complained = String::from_utf8_lossy(&output.stderr);
    assert!(output.status.success(), "{said}{complained}\nlog:\n{log}");
    assert_eq!(said.trim(), "ok");
    assert!(log.contains("fault=\"drop_after_processing\""), "{log}");
}

#[test]
fn the_books_php_example_creates_and_retrieves_a_job() {
    if !have("php", "the PHP example") {
        return;
    }
    let page = other_languages_page();
    let scripts = blocks(&page, "php");
    assert_eq!(scripts.len(), 1, "one PHP example");
    let written = "$sandbox = 'http://127.0.0.1:4242';";
    assert!(scripts[0].contains(written), "{}", scripts[0]);
    let (binary, first) = Binary::start(&[], &[]);
    let script = scripts[0].replacen(written, &format!("$sandbox = '{}';", base_of(&first)), 1);
    let output = run_with_input(&mut Command::new("php"), &script);
    binary.stop();
    let said = String::from_utf8_lossy(&output.stdout);
    assert!(
        output.status.success(),
        "{said}{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let lines: Vec<&str> = said.lines().collect();
    assert_eq!(lines.len(), 2, "{said}");
    assert!(lines[0].starts_with("created 2"), "{said}");
    assert!(lines[0].contains("/sandbox/pay/"), "{said}");
    assert_eq!(lines[1], "status Pending");
}

/// The README's `curl` of the create, sent to `base` with `order` for its
/// order number; the job's reference.
fn readme_create(base: &str, order: &str) -> String {
    let readme = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/../../README.md"))
        .expect("the README");
    let create = blocks(&readme, "sh")
        .into_iter()
        .find(|block| block.contains("curl -sS"))
        .expect("the README's create");
    let numbered = r#""orderNumber":"1""#;
    assert!(create.contains(numbered), "{create}");
    let create = create
        .replace("http://127.0.0.1:4242", base)
        .replace(numbered, &format!(r#""orderNumber":"{order}""#));
    let said = bash(&create);
    let created: Value = serde_json::from_str(&said).expect("the create's answer");
    assert_eq!(created["data"]["paymentStatus"], "Pending", "{said}");
    created["data"]["reference"]
        .as_str()
        .expect("a reference")
        .to_owned()
}

/// A signed retrieve of `reference` with `curl`; its status.
fn retrieve_status(base: &str, reference: &str) -> String {
    let hash = sha512_upper(b"sandbox-api-key");
    bash(&format!(
        "curl -sS -o /dev/null -w '%{{http_code}}' {base}/api/gateway/payment-jobs/{reference} \
         -H 'ConfigurationId: 23001234567890' -H 'Hash: {hash}'"
    ))
}

#[test]
fn with_a_state_file_a_restart_keeps_every_job() {
    if !have("curl", "the state file test") {
        return;
    }
    let folder = std::env::temp_dir().join(format!("sandbox-state-{}", std::process::id()));
    std::fs::create_dir_all(&folder).expect("a folder");
    let state = folder.join("state.json");
    let state_arg = state.to_str().expect("a UTF-8 path");

    let (binary, first) = Binary::start(&["--state", state_arg], &[]);
    let base = base_of(&first);
    let reference = readme_create(&base, "1");
    let moved: Value = serde_json::from_str(&bash(&format!(
        "curl -sS {base}/__sandbox/clock/advance -H 'Content-Type: application/json' \
         --data-raw '{{\"months\":6}}'"
    )))
    .expect("the clock");
    binary.stop();
    let saved = std::fs::read_to_string(&state).expect("saved at Ctrl-C");
    assert!(saved.contains(&reference), "the saved state holds the job");
    let leftovers: Vec<_> = std::fs::read_dir(&folder)
        .expect("the folder")
        .map(|entry| entry.expect("an entry").file_name())
        .collect();
    assert_eq!(leftovers, ["state.json"], "no temporary file is left");

    let (binary, first) = Binary::start(&["--state", state_arg], &[]);
    let base = base_of(&first);
    assert_eq!(retrieve_status(&base, &reference), "200");
    let clock: Value = serde_json::from_str(&bash(&format!("curl -sS {base}/__sandbox/clock")))
        .expect("the clock");
    let (now, then) = (
        clock["now"].as_str().unwrap(),
        moved["now"].as_str().unwrap(),
    );
    assert!(
        now >= then,
        "the clock moved forward stays forward: {now} < {then}"
    );
    let next = readme_create(&base, "2");
    assert!(
        next > reference,
        "references go on from the saved ones: {next}"
    );
    binary.stop();

    // A state file that cannot be restored stops the start, untouched.
    std::fs::write(
        &state,
        b"{\"clock\": \"2030-01-01T00:00:00Z\", \"snapshot\": {",
    )
    .expect("written");
    let refused = Command::new(env!("CARGO_BIN_EXE_cashflows-sandbox"))
        .args(["--state", state_arg, "--listen", "0"])
        .output()
        .expect("it runs");
    assert_eq!(refused.status.code(), Some(1));
    let said = String::from_utf8_lossy(&refused.stderr);
    assert!(
        said.contains(state_arg) && said.contains("not a sandbox state"),
        "{said}"
    );
    assert_eq!(
        std::fs::read(&state).expect("still there"),
        b"{\"clock\": \"2030-01-01T00:00:00Z\", \"snapshot\": {",
        "a refused state file is left as it was"
    );
    let _ = std::fs::remove_dir_all(&folder);
}

#[test]
fn with_remote_auth_off_every_remote_auth_request_is_refused() {
    if !have("curl", "the Remote Auth off test") {
        return;
    }
    let (binary, first) = Binary::start(&["--remote-auth", "off"], &[]);
    let base = base_of(&first);
    let sale = |auth_id: &str, auth_pass: &str| {
        bash(&format!(
            "curl -sS {base}/gateway/remote_auth -d auth_id={auth_id} -d auth_pass={auth_pass} \
             -d tran_type=sale -d tran_class=ecom -d tran_ref=off-1 -d tran_amount=1.00 \
             -d tran_currency=GBP -d tran_testmode=1 -d card_num=4000000000000002 \
             -d card_cvv=123 -d card_expiry=1230"
        ))
    };
    for (auth_id, auth_pass) in [("1234567", "sandbox-auth-pass"), ("", "")] {
        let reply = sale(auth_id, auth_pass);
        assert!(
            reply.starts_with("V|") && reply.contains("Invalid merchant details"),
            "{auth_id:?}: {reply}"
        );
    }
    let rest = binary.stop();
    assert!(rest.contains("none (Remote Auth off)"), "{rest}");
}
