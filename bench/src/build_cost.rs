//! Build cost: a clean build of a small binary using the client, against one
//! using only the client's own dependencies. Two clean builds: minutes.

use std::path::Path;
use std::process::Command;
use std::time::{Duration, Instant};

use crate::report::Report;

/// What `#[tokio::main]` needs, added to both crates alike.
const TOKIO_MAIN: [&str; 2] = ["tokio/macros", "tokio/rt-multi-thread"];

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

/// The baseline's manifest sections, read from the client's own generated
/// `Cargo.toml` so the two stay alike: its `[dependencies]` verbatim, and
/// the dependency features its default features turn on.
fn client_dependencies(client_manifest: &str) -> Result<(String, Vec<String>), String> {
    let section = |name: &str| -> Vec<&str> {
        client_manifest
            .lines()
            .skip_while(|line| line.trim() != name)
            .skip(1)
            .take_while(|line| !line.starts_with('['))
            .filter(|line| !line.trim().is_empty() && !line.starts_with('#'))
            .collect()
    };
    let dependencies = section("[dependencies]").join("\n");
    let features = section("[features]");
    let defaults =
        feature_list(&features, "default").ok_or("the client has no default features")?;
    let mut enabled = Vec::new();
    for feature in defaults {
        enabled.extend(feature_list(&features, &feature).unwrap_or_default());
    }
    Ok((dependencies, enabled))
}

/// The quoted names in `name = ["a", "b"]` among `lines`.
fn feature_list(lines: &[&str], name: &str) -> Option<Vec<String>> {
    let line = lines
        .iter()
        .find(|line| line.split('=').next().map(str::trim) == Some(name))?;
    let list = line.split_once('=')?.1;
    Some(
        list.split('"')
            .skip(1)
            .step_by(2)
            .map(str::to_owned)
            .collect(),
    )
}

fn write_crate(
    dir: &Path,
    name: &str,
    dependencies: &str,
    features: &[String],
    main: &str,
) -> Result<(), String> {
    std::fs::create_dir_all(dir.join("src")).map_err(|err| err.to_string())?;
    let features: Vec<String> = features
        .iter()
        .map(String::as_str)
        .chain(TOKIO_MAIN)
        .map(|feature| format!("{feature:?}"))
        .collect();
    let manifest = format!(
        "[package]\nname = \"{name}\"\nversion = \"0.0.0\"\nedition = \"2024\"\n\n\
         [dependencies]\n{dependencies}\n\n[features]\ndefault = [{}]\n\n[workspace]\n",
        features.join(", ")
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
    let client_path = Path::new(env!("CARGO_MANIFEST_DIR")).join("../crates/cashflows");
    let client_path = client_path.canonicalize().map_err(|err| err.to_string())?;
    let client_manifest =
        std::fs::read_to_string(client_path.join("Cargo.toml")).map_err(|err| err.to_string())?;
    let (dependencies, dependency_features) = client_dependencies(&client_manifest)?;
    let with_client = format!(
        "cashflows = {{ path = {:?} }}\ntokio = \"1\"\n",
        client_path
    );
    write_crate(
        &root.join("with-client"),
        "with-client",
        &with_client,
        &[],
        WITH_CLIENT,
    )?;
    write_crate(
        &root.join("dependencies-only"),
        "dependencies-only",
        &dependencies,
        &dependency_features,
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
