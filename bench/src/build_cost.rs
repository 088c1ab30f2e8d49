//! Build cost: clean builds of a small binary using the client, against one
//! using only the client's own dependencies, alternated several times (the
//! median ratio and its spread); and the client crate's own compile in a
//! debug build: its time, from `cargo build --timings`, and its work, in
//! instructions (`compile_work`). Minutes.

use std::ffi::OsStr;
use std::path::Path;
use std::process::Command;
use std::time::{Duration, Instant};

use crate::compile_work;
use crate::report::{self, Report, median_and_range};

/// What `#[tokio::main]` needs, added to both crates alike.
const TOKIO_MAIN: [&str; 2] = ["tokio/macros", "tokio/rt-multi-thread"];

const WITH_CLIENT: &str = r#"#[tokio::main]
async fn main() {
    let client = cashflows::Client::builder(cashflows::Environment::Integration)
        .gateway_credentials(cashflows::GatewayCredentials::new("id", "key"))
        .build()
        .expect("builds");
    let _ = client.retrieve_payment_job("1");
    println!("{}", cashflows::GatewayErrorCode::known().count());
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

/// Pairs of clean builds when `build-cost` is given no count.
pub const DEFAULT_RUNS: usize = 5;

/// The baseline's manifest sections, read from the client's own
/// `Cargo.toml` so the two stay alike: its `[dependencies]` (a dependency
/// inherited from the workspace written out as the workspace states it),
/// and the dependency features its default features turn on.
fn client_dependencies(
    client_manifest: &str,
    workspace_manifest: &str,
) -> Result<(String, Vec<String>), String> {
    let section = |name: &str| section_of(client_manifest, name);
    let inherited = section_of(workspace_manifest, "[workspace.dependencies]");
    let mut dependencies = Vec::new();
    for line in section("[dependencies]") {
        match line.split_once(".workspace = true") {
            Some((name, _)) => {
                let stated = inherited
                    .iter()
                    .find(|entry| entry.split('=').next().map(str::trim) == Some(name.trim()))
                    .ok_or_else(|| format!("the workspace does not state `{name}`"))?;
                dependencies.push(*stated);
            }
            None => dependencies.push(line),
        }
    }
    let dependencies = dependencies.join("\n");
    let features = section("[features]");
    let defaults =
        feature_list(&features, "default").ok_or("the client has no default features")?;
    let mut enabled = Vec::new();
    for feature in defaults {
        enabled.extend(feature_list(&features, &feature).unwrap_or_default());
    }
    Ok((dependencies, enabled))
}

/// The lines of a manifest's section `name`, without blanks and comments.
fn section_of<'a>(manifest: &'a str, name: &str) -> Vec<&'a str> {
    manifest
        .lines()
        .skip_while(|line| line.trim() != name)
        .skip(1)
        .take_while(|line| !line.starts_with('['))
        .filter(|line| !line.trim().is_empty() && !line.starts_with('#'))
        .collect()
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

fn cargo() -> Command {
    Command::new(std::env::var("CARGO").unwrap_or_else(|_| "cargo".to_owned()))
}

/// What a clean build took: wall time, and the CPU time (user and system)
/// of every process it ran, where the system says.
struct BuildTime {
    wall: Duration,
    cpu: Option<f64>,
}

fn clean_build(dir: &Path) -> Result<BuildTime, String> {
    let _ = std::fs::remove_dir_all(dir.join("target"));
    let cpu_before = children_cpu_seconds();
    let started = Instant::now();
    let status = cargo()
        .args(["build", "--quiet"])
        .current_dir(dir)
        .status()
        .map_err(|err| err.to_string())?;
    if !status.success() {
        return Err(format!("the build in {} failed", dir.display()));
    }
    let wall = started.elapsed();
    let cpu = cpu_before
        .zip(children_cpu_seconds())
        .map(|(before, after)| after - before);
    Ok(BuildTime { wall, cpu })
}

/// The CPU seconds (user and system) of this process's finished children
/// and their finished children, from `/proc/self/stat` (Linux): the work a
/// build did, whatever order two cores did it in. `None` elsewhere.
fn children_cpu_seconds() -> Option<f64> {
    let stat = std::fs::read_to_string("/proc/self/stat").ok()?;
    // `cutime` and `cstime`: fields 16 and 17.
    report::stat_fields(&stat, &[16, 17]).map(|ticks| ticks / report::clock_ticks_per_second())
}

/// The `cashflows` unit's compile time in a debug build of `dir` where it is
/// the only dependency rebuilt, without incremental compilation (as a
/// dependency from a registry compiles), read from `cargo build --timings`.
fn own_compile_time(dir: &Path) -> Result<f64, String> {
    let run = |args: &[&str]| cargo_without_incremental(dir, args, &[]);
    run(&["clean", "--quiet", "-p", "cashflows"])?;
    let timings = dir.join("target/cargo-timings/cargo-timing.html");
    let _ = std::fs::remove_file(&timings);
    run(&["build", "--quiet", "--timings"])?;
    let html = std::fs::read_to_string(&timings).map_err(|err| err.to_string())?;
    unit_duration(&html, "cashflows").ok_or_else(|| "no `cashflows` unit in the timings".to_owned())
}

/// Runs `cargo ARGS` in `dir` with `envs` set, without incremental
/// compilation (as a dependency from a registry compiles).
pub fn cargo_without_incremental(
    dir: &Path,
    args: &[&str],
    envs: &[(&str, &OsStr)],
) -> Result<(), String> {
    let status = cargo()
        .args(args)
        .env("CARGO_INCREMENTAL", "0")
        .envs(envs.iter().copied())
        .current_dir(dir)
        .status()
        .map_err(|err| err.to_string())?;
    status
        .success()
        .then_some(())
        .ok_or_else(|| format!("`cargo {}` failed in {}", args.join(" "), dir.display()))
}

/// The `duration` of the unit `name` in a `cargo build --timings` report
/// (its `UNIT_DATA` list).
fn unit_duration(html: &str, name: &str) -> Option<f64> {
    let data = html.split("const UNIT_DATA = ").nth(1)?;
    let end = data.find("];")?;
    let units: Vec<serde_json::Value> = serde_json::from_str(&data[..=end]).ok()?;
    units
        .iter()
        .filter(|unit| unit["name"] == name)
        .filter_map(|unit| unit["duration"].as_f64())
        .reduce(f64::max)
}

/// The median and the lowest and highest of `values`.
pub fn measure(report: &mut Report, runs: usize) -> Result<(), String> {
    let runs = runs.max(1);
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../target/bench-build-cost");
    let workspace = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    let client_path = workspace.join("crates/cashflows");
    let client_path = client_path.canonicalize().map_err(|err| err.to_string())?;
    let read = |path: &Path| std::fs::read_to_string(path).map_err(|err| err.to_string());
    let client_manifest = read(&client_path.join("Cargo.toml"))?;
    let workspace_manifest = read(&workspace.join("Cargo.toml"))?;
    let (dependencies, dependency_features) =
        client_dependencies(&client_manifest, &workspace_manifest)?;
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
    // Both start from the workspace's lock file: the same versions as CI.
    for name in ["with-client", "dependencies-only"] {
        std::fs::copy(
            workspace.join("Cargo.lock"),
            root.join(name).join("Cargo.lock"),
        )
        .map_err(|err| err.to_string())?;
    }
    // Fetch and resolve outside the timed builds; then alternate them.
    for name in ["with-client", "dependencies-only"] {
        clean_build(&root.join(name))?;
    }
    let mut ratios = Vec::new();
    let mut cpu_ratios = Vec::new();
    let mut client_times = Vec::new();
    let mut baseline_times = Vec::new();
    for run in 1..=runs {
        // The order flips from pair to pair: the machine's speed drifts over
        // minutes, and a fixed order would hand the drift to one side.
        let (client_build, baseline_build) = if run % 2 == 1 {
            let client = clean_build(&root.join("with-client"))?;
            (client, clean_build(&root.join("dependencies-only"))?)
        } else {
            let baseline = clean_build(&root.join("dependencies-only"))?;
            (clean_build(&root.join("with-client"))?, baseline)
        };
        let client = client_build.wall.as_secs_f64();
        let baseline = baseline_build.wall.as_secs_f64();
        println!("build cost, run {run} of {runs}: {client:.1} s vs {baseline:.1} s");
        ratios.push(client / baseline);
        client_times.push(client);
        baseline_times.push(baseline);
        if let (Some(client_cpu), Some(baseline_cpu)) = (client_build.cpu, baseline_build.cpu) {
            println!("  CPU time: {client_cpu:.1} s vs {baseline_cpu:.1} s");
            cpu_ratios.push(client_cpu / baseline_cpu);
        }
    }
    let (ratio, low, high) = median_and_range(&mut ratios);
    let (client, _, _) = median_and_range(&mut client_times);
    let (baseline, _, _) = median_and_range(&mut baseline_times);
    report.add(
        "build cost (client / its dependencies alone, clean debug builds, median)",
        format!("{ratio:.3} (spread {low:.3}–{high:.3})"),
        "≤ 1.05",
        Some(ratio <= 1.05),
        format!(
            "{runs} pairs, the order flipping from pair to pair; median {client:.1} s vs {baseline:.1} s per clean build"
        ),
    );
    if cpu_ratios.len() == runs {
        let (ratio, low, high) = median_and_range(&mut cpu_ratios);
        report.add(
            "build cost in CPU time (user and system time of every process of the build, median)",
            format!("{ratio:.3} (spread {low:.3}–{high:.3})"),
            "shown",
            None,
            format!(
                "the same {runs} pairs: the work each build did, whatever order the cores did it in"
            ),
        );
    }
    let mut own = Vec::new();
    for _ in 0..runs {
        own.push(own_compile_time(&root.join("with-client"))?);
    }
    let (own, low, high) = median_and_range(&mut own);
    report.add(
        "the cashflows crate's own debug compile (cargo build --timings, median)",
        format!("{own:.2} s (spread {low:.2}–{high:.2} s)"),
        "≤ 1.5 s",
        Some(own <= 1.5),
        format!(
            "{runs} builds rebuilding only cashflows, without incremental compilation, \
             as a dependency from a registry compiles"
        ),
    );
    let work = compile_work::own_compile_instructions(&root.join("with-client"))?;
    let name = "the cashflows crate's own debug compile, in rustc's instructions (callgrind)";
    match work {
        Some(count) => report.add(
            name,
            format!("{:.2} G", count as f64 / 1e9),
            "shown",
            None,
            "the same build, counted: the same from run to run (to within 0.1 %), where the time \
             above moves with the machine's speed; versions of the crate compare by it"
                .to_owned(),
        ),
        None => report.add(
            name,
            "not measured".to_owned(),
            "shown",
            None,
            "valgrind is not installed".to_owned(),
        ),
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::unit_duration;

    #[test]
    fn a_unit_is_read_from_the_timings_report() {
        let html = "<script>\nconst UNIT_DATA = [{\"name\":\"serde\",\"duration\":1.5},\
                    {\"name\":\"cashflows\",\"duration\":2.25}];\nconst CONCURRENCY_DATA = [];";
        assert_eq!(unit_duration(html, "cashflows"), Some(2.25));
        assert_eq!(unit_duration(html, "missing"), None);
    }
}
