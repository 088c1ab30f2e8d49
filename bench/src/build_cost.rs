//! Build cost: a clean build of a small binary using the client, against one
//! using only the client's own dependencies. Two clean builds: minutes.

use std::path::Path;
use std::process::Command;
use std::time::{Duration, Instant};

use crate::report::Report;

const DEPENDENCIES: &str = r#"form_urlencoded = "1"
hex = "0.4"
percent-encoding = "2"
reqwest = { version = "0.12", default-features = false, features = ["rustls-tls"] }
rust_decimal = { version = "1", default-features = false, features = ["std"] }
secrecy = "0.10"
serde = { version = "1", features = ["derive"] }
serde_json = "1"
sha2 = "0.10"
tokio = { version = "1", features = ["time", "macros", "rt-multi-thread"] }
tracing = "0.1"
"#;

const WITH_CLIENT: &str = r#"#[tokio::main]
async fn main() {
    let client = cashflows::Client::builder(cashflows::Environment::Integration)
        .gateway_credentials(cashflows::GatewayCredentials::new("id", "key"))
        .build()
        .expect("builds");
    let _ = client.retrieve_payment_job("1");
    println!("{}", cashflows::GatewayErrorCode::KNOWN.len());
}
"#;

const DEPENDENCIES_ONLY: &str = r#"#[tokio::main]
async fn main() {
    let client = reqwest::Client::builder().build().expect("builds");
    let _ = client.get("https://example.invalid").send();
    let amount: rust_decimal::Decimal = "10.00".parse().expect("decimal");
    let secret = secrecy::SecretString::from("key".to_owned());
    let _ = (secret, amount, sha2::Sha512::default(), hex::encode("x"), serde_json::json!({}));
    let _ = (form_urlencoded::Serializer::new(String::new()).finish(), percent_encoding::NON_ALPHANUMERIC);
    tracing::info!("built");
}
"#;

fn write_crate(dir: &Path, name: &str, dependencies: &str, main: &str) -> Result<(), String> {
    std::fs::create_dir_all(dir.join("src")).map_err(|err| err.to_string())?;
    let manifest = format!(
        "[package]\nname = \"{name}\"\nversion = \"0.0.0\"\nedition = \"2024\"\n\n[dependencies]\n{dependencies}\n[workspace]\n"
    );
    std::fs::write(dir.join("Cargo.toml"), manifest).map_err(|err| err.to_string())?;
    std::fs::write(dir.join("src/main.rs"), main).map_err(|err| err.to_string())
}

fn clean_build(dir: &Path) -> Result<Duration, String> {
    let _ = std::fs::remove_dir_all(dir.join("target"));
    let started = Instant::now();
    let status = Command::new(std::env::var("CARGO").unwrap_or_else(|_| "cargo".to_owned()))
        .args(["build", "--quiet"])
        .current_dir(dir)
        .status()
        .map_err(|err| err.to_string())?;
    if !status.success() {
        return Err(format!("the build in {} failed", dir.display()));
    }
    Ok(started.elapsed())
}

pub fn measure(report: &mut Report) -> Result<(), String> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../target/bench-build-cost");
    let client_path = Path::new(env!("CARGO_MANIFEST_DIR")).join("../generated/cashflows");
    let client_path = client_path.canonicalize().map_err(|err| err.to_string())?;
    let with_client = format!(
        "cashflows = {{ path = {:?} }}\ntokio = {{ version = \"1\", features = [\"macros\", \"rt-multi-thread\"] }}\n",
        client_path
    );
    write_crate(
        &root.join("with-client"),
        "with-client",
        &with_client,
        WITH_CLIENT,
    )?;
    write_crate(
        &root.join("dependencies-only"),
        "dependencies-only",
        DEPENDENCIES,
        DEPENDENCIES_ONLY,
    )?;
    // Fetch and resolve outside the timed builds; then alternate them.
    for name in ["with-client", "dependencies-only"] {
        clean_build(&root.join(name))?;
    }
    let mut client = Duration::ZERO;
    let mut baseline = Duration::ZERO;
    for _ in 0..2 {
        client += clean_build(&root.join("with-client"))?;
        baseline += clean_build(&root.join("dependencies-only"))?;
    }
    let ratio = client.as_secs_f64() / baseline.as_secs_f64();
    report.add(
        "build cost (client / its dependencies alone, clean builds)",
        format!("{ratio:.2}"),
        "≤ 1.10",
        Some(ratio <= 1.10),
        format!(
            "{:.1} min vs {:.1} min for two clean builds each",
            client.as_secs_f64() / 60.0,
            baseline.as_secs_f64() / 60.0
        ),
    );
    Ok(())
}
