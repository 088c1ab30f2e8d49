//! The `[package]` section of the generated crates' manifests. What the two
//! crates share (version, edition, licence, repository) is written once here,
//! so they are always published alike; the sandbox depends on this version.

/// The version of both generated crates.
pub const VERSION: &str = "0.1.0";

const EDITION: &str = "2024";
const RUST_VERSION: &str = "1.85";
const LICENSE: &str = "MIT OR Apache-2.0";
const REPOSITORY: &str = "https://github.com/cashflows-rs/cashflows";

/// What differs between the generated crates.
pub struct Package<'a> {
    pub name: &'a str,
    pub description: &'a str,
    pub keywords: &'a [&'a str],
    pub categories: &'a [&'a str],
}

/// `[package]` with every field `cargo package` wants, ending in a blank line.
pub fn section(package: &Package) -> String {
    format!(
        "[package]\n\
         name = {:?}\n\
         version = {VERSION:?}\n\
         edition = {EDITION:?}\n\
         rust-version = {RUST_VERSION:?}\n\
         description = {:?}\n\
         license = {LICENSE:?}\n\
         repository = {REPOSITORY:?}\n\
         keywords = {}\n\
         categories = {}\n\
         readme = \"README.md\"\n\n",
        package.name,
        package.description,
        list(package.keywords),
        list(package.categories),
    )
}

fn list(items: &[&str]) -> String {
    let quoted: Vec<String> = items.iter().map(|item| format!("{item:?}")).collect();
    format!("[{}]", quoted.join(", "))
}
