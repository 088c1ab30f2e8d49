//! The peer from another ecosystem: Prism (`@stoplight/prism-cli`, pinned in
//! `bench/prism/`) mocking `generated/openapi/gateway.json`, beside the
//! `cashflows-sandbox` binary. Both are started as a user starts them, as
//! processes with their default settings (logging included, its output
//! discarded), and sent the same requests with the same headers:
//!
//! - start to first answer: from spawning the process to the first `201` to
//!   a signed create, polled on a fresh connection every 200 µs;
//! - throughput: 64 concurrent clients alternating a signed create and a
//!   signed retrieve of one job, for a fixed time per batch, the servers
//!   taking turns batch by batch (the one going first turning each round):
//!   each at its defaults, and each with its per-request log off, four
//!   processes in one alternation, two ratios.
//!
//! Prism checks no signature and keeps no state, so it answers any reference
//! and any `Hash`; the requests are signed for the sandbox, which checks.
//! Without `node` the rows say they were skipped; with `node` but without
//! Prism installed (or another version of it), the bench fails and names
//! the command that installs it.

use std::io::{Read, Write};
use std::net::{Ipv4Addr, SocketAddr, TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::Arc;
use std::time::{Duration, Instant};

use cashflows::sign_request;
use tokio::task::JoinSet;

use crate::report::{self, Report, Rounds, load_average};

/// The version `bench/prism/package-lock.json` pins.
pub const PRISM_VERSION: &str = "5.16.0";
/// What installs it, run in `bench/prism/`.
pub const INSTALL: &str = "npm ci --ignore-scripts --no-audit --no-fund";
/// Measured starts of each server (one more each before them, uncounted).
const STARTS: usize = 11;
/// How long a start may take before the bench gives up.
const START_LIMIT: Duration = Duration::from_secs(60);
/// Between two attempts to reach a starting server.
const POLL: Duration = Duration::from_micros(200);
/// Concurrent clients for the throughput figure.
const CLIENTS: usize = 64;
/// Measured batches against each server (one more each, uncounted, warms up).
const ROUNDS: usize = 5;
/// How long each batch sends requests.
const BATCH: Duration = Duration::from_secs(2);

/// The binary's default credentials (`cashflows-sandbox --help`).
const CONFIGURATION_ID: &str = "23001234567890";
const API_KEY: &str = "sandbox-api-key";
const CREATE_PATH: &str = "/api/gateway/payment-jobs";
/// The create both servers are sent: valid for the document and the sandbox.
const CREATE_BODY: &[u8] =
    br#"{"currency":"GBP","amountToCollect":"10.00","paymentMethodsToUse":["CreditCard"]}"#;

fn prism_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("prism")
}

fn gateway_document() -> PathBuf {
    let bench = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let repository = bench.parent().map_or(bench.clone(), Path::to_path_buf);
    repository.join("generated/openapi/gateway.json")
}

/// What runs Prism: found, or why the rows are skipped.
enum Peer {
    Ready { prism: PathBuf, node: String },
    Skipped(String),
}

/// `node --version`, or why it cannot run.
fn node_version() -> Result<String, String> {
    let output = Command::new("node")
        .arg("--version")
        .stdin(Stdio::null())
        .output()
        .map_err(|err| format!("`node` cannot be run ({err})"))?;
    if !output.status.success() {
        return Err(format!("`node --version` failed ({})", output.status));
    }
    Ok(String::from_utf8_lossy(&output.stdout).trim().to_owned())
}

/// Prism and node, checked before anything is timed. Fails (with the
/// command to run) when node is there but the pinned Prism is not.
fn find_peer() -> Result<Peer, String> {
    let node = match node_version() {
        Ok(version) => version,
        Err(why) => {
            return Ok(Peer::Skipped(format!(
                "skipped: {why}; Prism needs Node.js and npm"
            )));
        }
    };
    let dir = prism_dir();
    let not_installed = |what: String| {
        format!(
            "{what}: run `{INSTALL}` in bench/prism ({}; it needs npm), then the bench again",
            dir.display()
        )
    };
    let manifest = dir.join("node_modules/@stoplight/prism-cli/package.json");
    let text = std::fs::read_to_string(&manifest)
        .map_err(|_| not_installed("Prism is not installed".to_owned()))?;
    let installed = serde_json::from_str::<serde_json::Value>(&text)
        .ok()
        .and_then(|value| value.get("version")?.as_str().map(str::to_owned))
        .unwrap_or_default();
    if installed != PRISM_VERSION {
        return Err(not_installed(format!(
            "Prism {installed} is installed, not the pinned {PRISM_VERSION}"
        )));
    }
    let prism = dir.join("node_modules/.bin/prism");
    if !prism.exists() {
        return Err(not_installed(format!("{} is missing", prism.display())));
    }
    Ok(Peer::Ready { prism, node })
}

/// The `cashflows-sandbox` binary beside this one (`cargo xtask bench`
/// builds it first).
fn sandbox_binary() -> Result<PathBuf, String> {
    let exe = std::env::current_exe().map_err(|err| err.to_string())?;
    let binary = exe.with_file_name("cashflows-sandbox");
    if binary.exists() {
        Ok(binary)
    } else {
        Err(format!(
            "{} is not built: run `cargo build --release -p cashflows-sandbox` \
             (`cargo xtask bench` does)",
            binary.display()
        ))
    }
}

/// The two servers, as processes.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Server {
    Sandbox,
    Prism,
}

/// How a server is started: as it starts with no options, or with its
/// per-request log turned off (`--log off`, `-v silent`).
#[derive(Clone, Copy, PartialEq, Eq)]
enum Logging {
    Default,
    Off,
}

struct Programs {
    sandbox: PathBuf,
    prism: PathBuf,
}

impl Programs {
    /// Starts `server` on `port`, its output discarded.
    fn spawn(&self, server: Server, logging: Logging, port: u16) -> Result<Child, String> {
        let mut command = match server {
            Server::Sandbox => {
                let mut command = Command::new(&self.sandbox);
                command.args(["--listen", &format!("127.0.0.1:{port}")]);
                if logging == Logging::Off {
                    command.args(["--log", "off"]);
                }
                command
            }
            Server::Prism => {
                let mut command = Command::new(&self.prism);
                command.current_dir(prism_dir()).args([
                    "mock",
                    "-h",
                    "127.0.0.1",
                    "-p",
                    &port.to_string(),
                ]);
                if logging == Logging::Off {
                    command.args(["-v", "silent"]);
                }
                command.arg(gateway_document());
                command
            }
        };
        command
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .map_err(|err| format!("cannot start {}: {err}", name(server)))
    }
}

fn name(server: Server) -> &'static str {
    match server {
        Server::Sandbox => "the sandbox binary",
        Server::Prism => "Prism",
    }
}

/// A loopback port nothing listens on now.
fn free_port() -> Result<u16, String> {
    let listener = TcpListener::bind(SocketAddr::from((Ipv4Addr::LOCALHOST, 0)))
        .map_err(|err| err.to_string())?;
    Ok(listener.local_addr().map_err(|err| err.to_string())?.port())
}

/// The signed create, as bytes on the wire, closing the connection.
fn create_request(port: u16) -> Vec<u8> {
    let hash = sign_request(API_KEY, CREATE_BODY);
    let mut request = format!(
        "POST {CREATE_PATH} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nConfigurationId: {CONFIGURATION_ID}\r\n\
         Hash: {hash}\r\nContent-Type: application/json\r\nAccept: application/json\r\n\
         Content-Length: {}\r\nConnection: close\r\n\r\n",
        CREATE_BODY.len()
    )
    .into_bytes();
    request.extend_from_slice(CREATE_BODY);
    request
}

/// The status of an HTTP/1.1 answer's first line.
fn status_of(answer: &[u8]) -> Option<u16> {
    let line = answer.split(|&byte| byte == b'\r').next()?;
    let line = std::str::from_utf8(line).ok()?;
    let mut words = line.split(' ');
    words
        .next()
        .filter(|version| version.starts_with("HTTP/"))?;
    words.next()?.parse().ok()
}

/// One attempt: the answer's status, or `None` when nothing listens yet
/// or the connection broke.
fn attempt(port: u16, request: &[u8]) -> Option<u16> {
    let mut stream = TcpStream::connect((Ipv4Addr::LOCALHOST, port)).ok()?;
    stream.set_read_timeout(Some(START_LIMIT)).ok()?;
    stream.write_all(request).ok()?;
    let mut answer = Vec::new();
    stream.read_to_end(&mut answer).ok()?;
    status_of(&answer)
}

/// Starts `server`, polls it with the signed create until it answers 201,
/// and stops it: the time from spawning to that answer.
fn first_answer(programs: &Programs, server: Server) -> Result<Duration, String> {
    let port = free_port()?;
    let request = create_request(port);
    let started = Instant::now();
    let mut child = programs.spawn(server, Logging::Default, port)?;
    let result = loop {
        match attempt(port, &request) {
            Some(201) => break Ok(started.elapsed()),
            Some(_) | None if started.elapsed() > START_LIMIT => {
                break Err(format!(
                    "{} gave no 201 to a create within {START_LIMIT:?}",
                    name(server)
                ));
            }
            _ => {}
        }
        if let Ok(Some(status)) = child.try_wait() {
            break Err(format!(
                "{} exited ({status}) before answering",
                name(server)
            ));
        }
        std::thread::sleep(POLL);
    };
    stop(child);
    result
}

fn stop(mut child: Child) {
    let _ = child.kill();
    let _ = child.wait();
}

fn start_figure(report: &mut Report, programs: &Programs, node: &str) -> Result<(), String> {
    let load = load_average();
    // One uncounted start each: the files are read into the page cache.
    first_answer(programs, Server::Sandbox)?;
    first_answer(programs, Server::Prism)?;
    let (mut sandbox, mut prism) = (Vec::with_capacity(STARTS), Vec::with_capacity(STARTS));
    for start in 0..STARTS {
        // The one that starts first turns from start to start.
        let order = if start % 2 == 0 {
            [Server::Sandbox, Server::Prism]
        } else {
            [Server::Prism, Server::Sandbox]
        };
        for server in order {
            let time = first_answer(programs, server)?;
            match server {
                Server::Sandbox => sandbox.push(time),
                Server::Prism => prism.push(time),
            }
        }
    }
    let (sandbox, prism) = (report::median(sandbox), report::median(prism));
    let ratio = sandbox.as_secs_f64() / prism.as_secs_f64();
    report.add(
        &format!(
            "sandbox binary vs Prism {PRISM_VERSION}: start to first answer (median of {STARTS} starts each)"
        ),
        format!(
            "{:.1} ms vs {:.0} ms (1/{:.0} of Prism's)",
            report::millis(sandbox),
            report::millis(prism),
            1.0 / ratio
        ),
        "≤ 1/50 of Prism's",
        Some(ratio <= 1.0 / 50.0),
        format!(
            "each spawned as a process (`cashflows-sandbox --listen`, `prism mock gateway.json`, node \
             {node}) until its first 201 to a signed create, polled every {} µs on a fresh \
             connection; alternating, after one uncounted start each; load average {load} before",
            POLL.as_micros()
        ),
    );
    Ok(())
}

/// A started server and the port it answers on.
struct Running {
    child: Child,
    base: String,
}

fn start(programs: &Programs, server: Server, logging: Logging) -> Result<Running, String> {
    let port = free_port()?;
    let request = create_request(port);
    let started = Instant::now();
    let child = programs.spawn(server, logging, port)?;
    while attempt(port, &request) != Some(201) {
        if started.elapsed() > START_LIMIT {
            stop(child);
            return Err(format!("{} did not start", name(server)));
        }
        std::thread::sleep(POLL);
    }
    Ok(Running {
        child,
        base: format!("http://127.0.0.1:{port}"),
    })
}

/// What every client sends, shared.
struct Mix {
    create_url: String,
    retrieve_url: String,
    create_hash: String,
    empty_hash: String,
}

/// One batch: `CLIENTS` tasks, each alternating a create and a retrieve
/// until `BATCH` has passed; every answer must be 201 or 200. Returns the
/// requests answered and the time until the last one.
async fn batch(http: &reqwest::Client, mix: &Arc<Mix>) -> Result<(u64, Duration), String> {
    let started = Instant::now();
    let deadline = started + BATCH;
    let mut clients = JoinSet::new();
    for client in 0..CLIENTS {
        let (http, mix) = (http.clone(), Arc::clone(mix));
        clients.spawn(async move {
            let mut answered = 0_u64;
            // Half the clients start with a retrieve, so the mix is even
            // from the first moment.
            let mut create = client % 2 == 0;
            while Instant::now() < deadline {
                let (request, expected) = if create {
                    (
                        http.post(&mix.create_url)
                            .header("ConfigurationId", CONFIGURATION_ID)
                            .header("Hash", &mix.create_hash)
                            .header("Content-Type", "application/json")
                            .body(CREATE_BODY),
                        reqwest::StatusCode::CREATED,
                    )
                } else {
                    (
                        http.get(&mix.retrieve_url)
                            .header("ConfigurationId", CONFIGURATION_ID)
                            .header("Hash", &mix.empty_hash),
                        reqwest::StatusCode::OK,
                    )
                };
                let answer = request.send().await.map_err(|err| err.to_string())?;
                let status = answer.status();
                answer.bytes().await.map_err(|err| err.to_string())?;
                if status != expected {
                    return Err(format!("answered {status}, not {expected}"));
                }
                answered += 1;
                create = !create;
            }
            Ok::<u64, String>(answered)
        });
    }
    let mut answered = 0;
    while let Some(joined) = clients.join_next().await {
        answered += joined.map_err(|err| err.to_string())??;
    }
    Ok((answered, started.elapsed()))
}

/// The reference of a job the sandbox made, read from a create's answer.
async fn create_job(http: &reqwest::Client, base: &str) -> Result<String, String> {
    let answer = http
        .post(format!("{base}{CREATE_PATH}"))
        .header("ConfigurationId", CONFIGURATION_ID)
        .header("Hash", sign_request(API_KEY, CREATE_BODY))
        .header("Content-Type", "application/json")
        .body(CREATE_BODY)
        .send()
        .await
        .map_err(|err| err.to_string())?;
    let body = answer.bytes().await.map_err(|err| err.to_string())?;
    let body: serde_json::Value = serde_json::from_slice(&body).map_err(|err| err.to_string())?;
    body.pointer("/data/reference")
        .and_then(serde_json::Value::as_str)
        .map(str::to_owned)
        .ok_or_else(|| "the sandbox's create answered no data.reference".to_owned())
}

fn mix(base: &str, reference: &str) -> Arc<Mix> {
    Arc::new(Mix {
        create_url: format!("{base}{CREATE_PATH}"),
        retrieve_url: format!("{base}{CREATE_PATH}/{reference}"),
        create_hash: sign_request(API_KEY, CREATE_BODY),
        empty_hash: sign_request(API_KEY, b""),
    })
}

/// The two throughput rows: at the servers' defaults, and with their logs off.
const LOGGING: [&str; 2] = [
    "both at their defaults (each logs every request; output discarded)",
    "both with the per-request log off (`--log off`, `-v silent`)",
];

/// The throughput sides, in the order of `SIDES`: each server at its
/// defaults, then each with its log off.
const SIDES: [(Server, Logging); 4] = [
    (Server::Sandbox, Logging::Default),
    (Server::Prism, Logging::Default),
    (Server::Sandbox, Logging::Off),
    (Server::Prism, Logging::Off),
];

/// Starts every side, or stops those started and fails.
fn start_all(programs: &Programs) -> Result<Vec<Running>, String> {
    let mut running = Vec::with_capacity(SIDES.len());
    for (server, logging) in SIDES {
        match start(programs, server, logging) {
            Ok(side) => running.push(side),
            Err(err) => {
                running.into_iter().for_each(|side| stop(side.child));
                return Err(err);
            }
        }
    }
    Ok(running)
}

async fn throughput_figure(report: &mut Report, programs: &Programs) -> Result<(), String> {
    let load = load_average();
    let running = start_all(programs)?;
    let sides: Vec<(String, u32)> = running
        .iter()
        .map(|side| (side.base.clone(), side.child.id()))
        .collect();
    let result = alternate_batches(&sides).await;
    running.into_iter().for_each(|side| stop(side.child));
    let Measured {
        ratios,
        rates,
        cpu_per_answer,
        busy,
        clients_per_answer,
    } = result?;
    let cores = std::thread::available_parallelism().map_or(0, |n| n.get());
    for (pair, logging) in [
        (
            0,
            "both at their defaults (each logs every request; output discarded)",
        ),
        (
            1,
            "both with the per-request log off (`--log off`, `-v silent`)",
        ),
    ] {
        let rounds = Rounds::of(ratios.iter().map(|round| round[pair]).collect());
        let (sandbox, prism) = (2 * pair, 2 * pair + 1);
        let cpu = format!(
            "server CPU time per answer: sandbox {:.0} µs, Prism {:.0} µs, Prism busy {:.0} % of one \
             core during its batches; the clients' own CPU time per answer: {:.0} µs against the \
             sandbox, {:.0} µs against Prism",
            cpu_per_answer[sandbox] * 1e6,
            cpu_per_answer[prism] * 1e6,
            busy[prism] * 100.0,
            clients_per_answer[sandbox] * 1e6,
            clients_per_answer[prism] * 1e6
        );
        report.add(
            &format!(
                "sandbox binary vs Prism {PRISM_VERSION}: throughput, {CLIENTS} concurrent clients, {logging}"
            ),
            format!(
                "{:.1}× ({} vs {} req/s; rounds {:.1}–{:.1}×)",
                rounds.median,
                crate::sandbox_server::thousands(rates[sandbox]),
                crate::sandbox_server::thousands(rates[prism]),
                rounds.low,
                rounds.high
            ),
            "≥ 20× Prism's",
            Some(rounds.median >= 20.0),
            format!(
                "signed create and signed retrieve of one job in turn, the same requests and headers \
                 to both (Prism checks no signature); {ROUNDS} rounds of four alternating batches of \
                 {} s (the sandbox and Prism at their defaults, then with their logs off), after one \
                 uncounted batch each; every answer checked (201, 200); the clients, the four servers \
                 and the machine's other work share {cores} cores; {cpu}; load average {load} before",
                BATCH.as_secs(),
            ),
        );
    }
    Ok(())
}

/// What the alternation measured, each side in the order of `SIDES`.
struct Measured {
    /// Each round's two ratios: sandbox over Prism at their defaults, and
    /// with their logs off.
    ratios: Vec<[f64; 2]>,
    /// Answers a second over all rounds.
    rates: Vec<f64>,
    /// The server process's CPU time (user and system, every thread) per
    /// answer, in seconds; zero where `/proc` cannot say.
    cpu_per_answer: Vec<f64>,
    /// The server's CPU time over its batches' wall time: 1.0 is one core
    /// busy throughout.
    busy: Vec<f64>,
    /// The clients' CPU time (this process's) per answer, in seconds.
    clients_per_answer: Vec<f64>,
}

/// A process's user and system CPU time so far, all its threads, in clock
/// ticks (fields 14 and 15 of `/proc/PID/stat`, counted after the command
/// name, which may hold spaces).
fn cpu_ticks(pid: u32) -> u64 {
    let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).unwrap_or_default();
    // Whole ticks, as the kernel counts them.
    report::stat_fields(&stat, &[14, 15]).map_or(0, |ticks| ticks as u64)
}

/// Rounds of batches against each side (`(base URL, process id)`), the
/// side going first turning from round to round.
async fn alternate_batches(sides: &[(String, u32)]) -> Result<Measured, String> {
    // Idle connections are dropped before Prism's keep-alive (5 s) closes
    // them under a request; each side is idle for three batches.
    let http = reqwest::Client::builder()
        .no_proxy()
        .pool_idle_timeout(Duration::from_millis(4_500))
        .build()
        .map_err(|err| err.to_string())?;
    let count = sides.len();
    let mut mixes = Vec::with_capacity(count);
    for ((base, _), (server, _)) in sides.iter().zip(SIDES) {
        // Each sandbox has a job of its own; Prism answers any reference.
        let reference = match server {
            Server::Sandbox => create_job(&http, base).await?,
            Server::Prism => "220000000000000001".to_owned(),
        };
        mixes.push(mix(base, &reference));
    }
    for mix in &mixes {
        batch(&http, mix).await?;
    }
    let mut ratios = Vec::with_capacity(ROUNDS);
    let (mut totals, mut times) = (vec![0_u64; count], vec![Duration::ZERO; count]);
    let (mut ticks, mut client_ticks) = (vec![0_u64; count], vec![0_u64; count]);
    let clients = std::process::id();
    for round in 0..ROUNDS {
        let mut rates = vec![0.0; count];
        for turn in 0..count {
            let side = (round + turn) % count;
            let (before, clients_before) = (cpu_ticks(sides[side].1), cpu_ticks(clients));
            let (answered, time) = batch(&http, &mixes[side]).await?;
            ticks[side] += cpu_ticks(sides[side].1).saturating_sub(before);
            client_ticks[side] += cpu_ticks(clients).saturating_sub(clients_before);
            rates[side] = answered as f64 / time.as_secs_f64();
            totals[side] += answered;
            times[side] += time;
        }
        ratios.push([rates[0] / rates[1], rates[2] / rates[3]]);
    }
    let per_second = report::clock_ticks_per_second();
    let cpu = |side: usize| ticks[side] as f64 / per_second;
    Ok(Measured {
        ratios,
        rates: (0..count)
            .map(|side| totals[side] as f64 / times[side].as_secs_f64())
            .collect(),
        cpu_per_answer: (0..count)
            .map(|side| cpu(side) / totals[side].max(1) as f64)
            .collect(),
        busy: (0..count)
            .map(|side| cpu(side) / times[side].as_secs_f64())
            .collect(),
        clients_per_answer: (0..count)
            .map(|side| client_ticks[side] as f64 / per_second / totals[side].max(1) as f64)
            .collect(),
    })
}

fn skipped(report: &mut Report, why: &str) {
    let throughput = LOGGING.map(|logging| {
        (
            format!("throughput, {CLIENTS} concurrent clients, {logging}"),
            "≥ 20× Prism's",
        )
    });
    let start = (
        format!("start to first answer (median of {STARTS} starts each)"),
        "≤ 1/50 of Prism's",
    );
    for (figure, target) in std::iter::once(start).chain(throughput) {
        report.add(
            &format!("sandbox binary vs Prism {PRISM_VERSION}: {figure}"),
            "skipped".to_owned(),
            target,
            None,
            why.to_owned(),
        );
    }
}

/// Fails at once, before minutes of other figures, if the rows could not
/// be measured at the end of a full run (node there but Prism not
/// installed, or the sandbox binary not built).
pub fn check() -> Result<(), String> {
    if let Peer::Ready { .. } = find_peer()? {
        sandbox_binary()?;
    }
    Ok(())
}

pub async fn measure(report: &mut Report) -> Result<(), String> {
    let (prism, node) = match find_peer()? {
        Peer::Ready { prism, node } => (prism, node),
        Peer::Skipped(why) => {
            skipped(report, &why);
            return Ok(());
        }
    };
    if !Path::new(&gateway_document()).exists() {
        return Err("generated/openapi/gateway.json is missing: run `cargo xtask codegen`".into());
    }
    let programs = Programs {
        sandbox: sandbox_binary()?,
        prism,
    };
    start_figure(report, &programs, &node)?;
    throughput_figure(report, &programs).await
}

#[cfg(test)]
mod tests {
    use super::{CREATE_BODY, create_request, status_of};

    #[test]
    fn the_status_is_read_from_the_first_line() {
        assert_eq!(status_of(b"HTTP/1.1 201 Created\r\n\r\n{}"), Some(201));
        assert_eq!(status_of(b"HTTP/1.1 401 Unauthorized\r\n"), Some(401));
        assert_eq!(status_of(b""), None);
        assert_eq!(status_of(b"garbage 201\r\n"), None);
    }

    #[test]
    fn the_create_is_signed_over_the_body_it_sends() {
        let request = create_request(4242);
        let text = String::from_utf8(request).unwrap_or_default();
        assert!(text.ends_with(std::str::from_utf8(CREATE_BODY).unwrap_or("?")));
        let hash = cashflows::sign_request("sandbox-api-key", CREATE_BODY);
        assert!(text.contains(&format!("\r\nHash: {hash}\r\n")));
        assert!(text.contains(&format!("\r\nContent-Length: {}\r\n", CREATE_BODY.len())));
    }
}
