//! The book as a reader meets it: search finds a Gateway error by its
//! message, and a deep link lands on the code's entry.

use std::path::PathBuf;
use std::time::Duration;

use cashflows::GatewayErrorCode;
use fantoccini::Locator;

use crate::webdriver::{Browser, sideways};

/// The book CI builds (`mdbook build generated/docs`, into `target/book`).
fn built_book(test: &str) -> Option<PathBuf> {
    let book = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../target/book");
    if book.join("index.html").is_file() {
        return Some(book);
    }
    let why = "the book is not built (mdbook build generated/docs)";
    assert!(std::env::var_os("CI").is_none(), "{test}: {why}");
    crate::webdriver::say_skipped(test, why);
    None
}

fn file_url(book: &std::path::Path, page: &str) -> String {
    let path = book.canonicalize().expect("the book's folder");
    format!("file://{}/{page}", path.display())
}

#[tokio::test]
async fn search_finds_a_gateway_error_by_its_message() {
    let test = "search_finds_a_gateway_error_by_its_message";
    let Some(book) = built_book(test) else { return };
    let Some(browser) = Browser::start(test).await else {
        return;
    };
    let client = &browser.client;
    client
        .goto(&file_url(&book, "index.html"))
        .await
        .expect("the book");
    client
        .find(Locator::Id("mdbook-search-toggle"))
        .await
        .expect("the search button")
        .click()
        .await
        .expect("clicked");
    let message = GatewayErrorCode::PaymentRefused
        .message()
        .expect("a message");
    client
        .wait()
        .at_most(Duration::from_secs(10))
        .for_element(Locator::Id("mdbook-searchbar"))
        .await
        .expect("the search bar")
        .send_keys(message)
        .await
        .expect("typed");
    let deadline = tokio::time::Instant::now() + Duration::from_secs(15);
    loop {
        let links = client
            .find_all(Locator::Css("#mdbook-searchresults a"))
            .await
            .expect("results");
        let mut hrefs = Vec::new();
        for link in links {
            hrefs.extend(link.attr("href").await.expect("an attribute"));
        }
        if hrefs
            .iter()
            .any(|href| href.contains("gateway-errors.html"))
        {
            break;
        }
        assert!(
            tokio::time::Instant::now() < deadline,
            "searching {message:?} never offered the errors page: {hrefs:?}"
        );
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    browser.close().await;
}

#[tokio::test]
async fn a_deep_link_lands_on_the_code() {
    let test = "a_deep_link_lands_on_the_code";
    let Some(book) = built_book(test) else { return };
    let Some(browser) = Browser::start(test).await else {
        return;
    };
    let client = &browser.client;
    let anchor = "error-refund-amount-exceeds-original-amount";
    client
        .goto(&file_url(&book, &format!("gateway-errors.html#{anchor}")))
        .await
        .expect("the errors page");
    let script = "const e = document.getElementById(arguments[0]); \
                  return e ? [e.getBoundingClientRect().top, window.scrollY] : null;";
    let deadline = tokio::time::Instant::now() + Duration::from_secs(10);
    loop {
        let place = client
            .execute(script, vec![anchor.into()])
            .await
            .expect("the script runs");
        let top = place.get(0).and_then(serde_json::Value::as_f64);
        let scrolled = place.get(1).and_then(serde_json::Value::as_f64);
        let (Some(top), Some(scrolled)) = (top, scrolled) else {
            panic!("no element with the id {anchor}");
        };
        // The entry is at the top of the window (below mdBook's menu bar),
        // and the page scrolled to get there.
        if (-5.0..=120.0).contains(&top) && scrolled > 0.0 {
            break;
        }
        assert!(
            tokio::time::Instant::now() < deadline,
            "the deep link left {anchor} at {top}px, scrolled {scrolled}px"
        );
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    browser.close().await;
}

/// Every page of the book, as the built book lists them (the print page,
/// which repeats them all, and mdBook's own pages aside).
fn book_pages(book: &std::path::Path) -> Vec<String> {
    let mut pages: Vec<String> = walk_html(book, book);
    pages.retain(|page| !matches!(page.as_str(), "print.html" | "404.html" | "toc.html"));
    pages.sort();
    pages
}

fn walk_html(root: &std::path::Path, dir: &std::path::Path) -> Vec<String> {
    let mut pages = Vec::new();
    for entry in std::fs::read_dir(dir).expect("the book's folder").flatten() {
        let path = entry.path();
        if path.is_dir() {
            pages.extend(walk_html(root, &path));
        } else if path.extension().is_some_and(|ext| ext == "html") {
            let relative = path.strip_prefix(root).expect("inside the book");
            pages.push(relative.to_string_lossy().replace('\\', "/"));
        }
    }
    pages
}

#[tokio::test]
async fn every_page_fits_a_1280_pixel_window() {
    let test = "every_page_fits_a_1280_pixel_window";
    let Some(book) = built_book(test) else { return };
    let pages = book_pages(&book);
    assert!(pages.len() >= 10, "the book has its pages: {pages:?}");
    let Some(browser) = Browser::start(test).await else {
        return;
    };
    let client = &browser.client;
    let mut failures = Vec::new();
    for page in &pages {
        client
            .goto(&file_url(&book, page))
            .await
            .expect("the page loads");
        for overflow in sideways(client).await {
            failures.push(format!("{page}: {overflow}"));
        }
    }
    browser.close().await;
    assert!(
        failures.is_empty(),
        "scrolls sideways at 1280 px:\n{}",
        failures.join("\n")
    );
}
