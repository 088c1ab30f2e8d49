//! A headless Chromium behind chromedriver, one at a time, and a tiny shop
//! for the return URLs to land on.

use std::net::TcpListener as StdListener;
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use cashflows_test_support::raw_http;
use fantoccini::{Client, ClientBuilder};
use hyper_util::client::legacy::connect::HttpConnector;
use serde_json::json;
use tokio::sync::{Mutex, MutexGuard};

/// One browser at a time: two cores do not run several Chromiums well.
static ONE_AT_A_TIME: Mutex<()> = Mutex::const_new(());

/// A WebDriver session; the driver process ends with it.
pub struct Browser {
    pub client: Client,
    driver: Child,
    _turn: MutexGuard<'static, ()>,
}

impl Browser {
    /// A fresh headless Chromium, or `None` (said on stderr) when none is
    /// installed outside CI. Under CI a missing browser fails the test.
    pub async fn start(test: &str) -> Option<Browser> {
        let turn = ONE_AT_A_TIME.lock().await;
        let (Some(chromium), Some(chromedriver)) = (chromium(), chromedriver()) else {
            let why = "chromium and chromedriver are not installed \
                       (Debian: apt-get install chromium chromium-driver)";
            assert!(std::env::var_os("CI").is_none(), "{test}: {why}");
            crate::webdriver::say_skipped(test, why);
            return None;
        };
        let port = free_port();
        let driver = Command::new(chromedriver)
            .arg(format!("--port={port}"))
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("chromedriver starts");
        let url = format!("http://127.0.0.1:{port}");
        let capabilities = json!({
            "goog:chromeOptions": {
                "binary": chromium,
                "args": [
                    "--headless=new",
                    "--no-sandbox",
                    "--disable-gpu",
                    "--disable-dev-shm-usage",
                    "--no-first-run",
                    "--window-size=1280,900",
                ],
            },
        });
        let serde_json::Value::Object(capabilities) = capabilities else {
            unreachable!("an object literal");
        };
        let started = Instant::now();
        let client = loop {
            let attempt = ClientBuilder::new(HttpConnector::new())
                .capabilities(capabilities.clone())
                .connect(&url)
                .await;
            match attempt {
                Ok(client) => break client,
                Err(error) if started.elapsed() > Duration::from_secs(30) => {
                    panic!("{test}: no WebDriver session: {error}")
                }
                Err(_) => tokio::time::sleep(Duration::from_millis(100)).await,
            }
        };
        Some(Browser {
            client,
            driver,
            _turn: turn,
        })
    }

    /// Ends the session and the driver.
    pub async fn close(mut self) {
        let _ = self.client.clone().close().await;
        let _ = self.driver.kill();
        let _ = self.driver.wait();
    }
}

impl Drop for Browser {
    fn drop(&mut self) {
        let _ = self.driver.kill();
    }
}

/// Says on the terminal, past the test harness's capture, that `test`
/// skipped and why.
pub fn say_skipped(test: &str, why: &str) {
    use std::io::Write;
    let _ = writeln!(std::io::stderr().lock(), "{test}: skipped: {why}");
}

fn chromium() -> Option<PathBuf> {
    let named = std::env::var_os("CHROME").map(PathBuf::from);
    named
        .into_iter()
        .chain(["chromium", "chromium-browser", "google-chrome"].map(PathBuf::from))
        .find_map(|candidate| on_path(&candidate))
}

fn chromedriver() -> Option<PathBuf> {
    let named = std::env::var_os("CHROMEDRIVER").map(PathBuf::from);
    named
        .into_iter()
        .chain([PathBuf::from("chromedriver")])
        .find_map(|candidate| on_path(&candidate))
}

/// The program's full path: as given when it has a directory, else found
/// on `PATH`.
fn on_path(program: &PathBuf) -> Option<PathBuf> {
    if program.components().count() > 1 {
        return program.is_file().then(|| program.clone());
    }
    std::env::split_paths(&std::env::var_os("PATH")?)
        .map(|dir| dir.join(program))
        .find(|path| path.is_file())
}

fn free_port() -> u16 {
    StdListener::bind("127.0.0.1:0")
        .and_then(|listener| listener.local_addr())
        .map(|address| address.port())
        .expect("a free port")
}

/// A shop on loopback that answers every path with a small page, so the
/// browser has somewhere to land; returns its base URL.
pub async fn shop() -> String {
    let (listener, base) = raw_http::listen().await;
    tokio::spawn(async move {
        while let Ok((mut stream, _)) = listener.accept().await {
            tokio::spawn(async move {
                raw_http::read_message(&mut stream).await;
                let page = "<!DOCTYPE html><title>Shop</title><h1>Back at the shop</h1>";
                let _ =
                    raw_http::respond(&mut stream, "200 OK", "text/html", page.as_bytes()).await;
            });
        }
    });
    base
}

/// What scrolls sideways on the page the browser shows: the page itself,
/// or any element of its `main` wider than the box it sits in, each with
/// its width and the start of its text. Empty when nothing does.
pub async fn sideways(client: &Client) -> Vec<String> {
    let script = "\
        const out = [];\
        const doc = document.scrollingElement;\
        if (window.innerWidth < 1200) out.push('window only ' + window.innerWidth + 'px');\
        if (doc.scrollWidth > window.innerWidth + 1) out.push('page ' + doc.scrollWidth + 'px');\
        for (const e of document.querySelectorAll('main *')) {\
          if (e.scrollWidth > e.clientWidth + 1 && getComputedStyle(e).overflowX !== 'visible') {\
            out.push(e.tagName.toLowerCase() + ' ' + e.scrollWidth + 'px in ' + e.clientWidth\
              + 'px: ' + e.textContent.replace(/\\s+/g, ' ').trim().slice(0, 80));\
          }\
        }\
        return out;";
    let found = client
        .execute(script, vec![])
        .await
        .expect("the script runs");
    found
        .as_array()
        .into_iter()
        .flatten()
        .map(|overflow| overflow.as_str().unwrap_or_default().to_owned())
        .collect()
}

/// Saves a screenshot of the page the browser shows as
/// `target/tmp/screenshots/NAME.png`, for a person to look at.
pub async fn screenshot(client: &Client, name: &str) {
    let png = client.screenshot().await.expect("a screenshot");
    let folder = std::path::Path::new(env!("CARGO_TARGET_TMPDIR")).join("screenshots");
    std::fs::create_dir_all(&folder).expect("the screenshots folder");
    std::fs::write(folder.join(format!("{name}.png")), png).expect("the screenshot saved");
}
