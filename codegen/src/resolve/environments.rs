//! Environments: https base URLs, Remote Auth under the shared path, allow
//! lists of IPv4 addresses, header names that are HTTP header names, and the
//! seed's words each naming a header or field of their block, once.

use super::{Checker, Entry, Unique, source};
use crate::links::{self, Item};
use crate::model::{Environment, Environments, SeedWords};
use crate::names::{self, Case};
use crate::spec::{self, EnvironmentDef, HexCase, Spec, files};

const FILE: &str = files::ENVIRONMENTS;

/// The `environments` module's own constants, beside the URL constants.
const MODULE_ITEMS: [(&str, &str); 5] = [
    ("REMOTE_AUTH_PATH", "the Remote Auth path"),
    ("CONFIGURATION_ID_HEADER", "the configuration header's name"),
    ("HASH_HEADER", "the signature header's name"),
    ("AUTH_ID_FIELD", "the Remote Auth ID field's name"),
    ("AUTH_PASS_FIELD", "the Remote Auth password field's name"),
];

pub(super) fn resolve(spec: &Spec, checker: &mut Checker<'_>) -> Environments {
    let file = &spec.environments;
    let path = &file.remote_auth_path;
    if !path.starts_with('/') {
        let entry = Entry::new(FILE, "remote_auth_path", 0, "remote_auth_path", path);
        checker.report(&entry, "the path must start with `/`");
    }
    let mut variants = Unique::reserving(
        "environment name",
        &[("Custom", "kept for base URLs the caller chooses")],
    );
    let mut constants = Unique::reserving("constant", &MODULE_ITEMS);
    let mut list = Vec::new();
    let entries = Entry::list(FILE, "environments", "key", &file.environments, |e| {
        e.key.clone()
    });
    for (environment, entry) in file.environments.iter().zip(&entries) {
        check_urls(checker, entry, environment, path);
        let variant = checker.ident(entry, Some(&environment.name), "", Case::UpperCamel);
        if let Some(variant) = &variant {
            variants.insert(checker, entry, variant, variant);
        }
        let mut constant = |prefix: &str| {
            let text = format!("{prefix} {}", environment.key);
            let name = checker.ident(entry, None, &text, Case::ShoutySnake)?;
            constants.insert(checker, entry, &name, &text);
            Some(name)
        };
        let (gateway, remote_auth) = (constant("gateway"), constant("remote auth"));
        if let (Some(variant), Some(gateway), Some(remote_auth)) = (variant, gateway, remote_auth) {
            let anchor = names::anchor("environment-", &environment.key);
            let item = Item::Variant {
                module: "environments",
                ty: "Environment",
                variant: &variant,
            };
            list.push(Environment {
                links: links::links(item, links::pages::ENVIRONMENTS, &anchor),
                anchor,
                variant,
                key: environment.key.clone(),
                description: environment.description.clone(),
                gateway_url: environment.gateway.clone(),
                remote_auth_url: environment.remote_auth.clone(),
                gateway_constant: gateway,
                remote_auth_constant: remote_auth,
                allow_list: environment.allow_list.clone(),
                provenance: environment.provenance,
            });
        }
    }
    check_headers(spec, checker);
    let auth = &file.gateway_auth;
    let gateway_seed_words = seed_words(
        checker,
        "gateway_auth",
        &auth.seed_words,
        &[&auth.configuration_id_header, &auth.hash_header],
    );
    let remote = &file.remote_auth_auth;
    let remote_auth_seed_words = seed_words(
        checker,
        "remote_auth_auth",
        &remote.seed_words,
        &[&remote.id_field, &remote.password_field],
    );
    Environments {
        source: source(FILE, &file.source),
        remote_auth_path: path.clone(),
        list,
        configuration_id_header: file.gateway_auth.configuration_id_header.clone(),
        hash_header: file.gateway_auth.hash_header.clone(),
        hash_algorithm: file.gateway_auth.hash_algorithm.clone(),
        hash_input: file.gateway_auth.hash_input.clone(),
        hash_hex_uppercase: file.gateway_auth.hex_case == HexCase::Upper,
        gateway_auth_provenance: file.gateway_auth.provenance,
        remote_auth_auth_provenance: file.remote_auth_auth.provenance,
        remote_auth_id_field: file.remote_auth_auth.id_field.clone(),
        remote_auth_password_field: file.remote_auth_auth.password_field.clone(),
        gateway_seed_words,
        gateway_auth_notes: auth.notes.clone(),
        remote_auth_seed_words,
    }
}

/// The seed's words of one block, each naming one of the block's `names`,
/// once.
fn seed_words(
    checker: &mut Checker<'_>,
    block: &str,
    words: &[spec::SeedWords],
    names: &[&String],
) -> Vec<SeedWords> {
    let mut once = Unique::new("name");
    let list = format!("{block}.seed_words");
    let entries = Entry::list(FILE, &list, "name", words, |w| w.name.clone());
    let mut resolved = Vec::new();
    for (word, entry) in words.iter().zip(&entries) {
        if !names.iter().any(|name| **name == word.name) {
            let known: Vec<&str> = names.iter().map(|name| name.as_str()).collect();
            checker.report(
                entry,
                format!("`{}` is not one of {block}'s names {known:?}", word.name),
            );
            continue;
        }
        if word.words.trim().is_empty() {
            checker.report(entry, "`words` is empty");
        }
        once.insert(checker, entry, &word.name, &word.name);
        resolved.push(SeedWords {
            name: word.name.clone(),
            words: word.words.clone(),
            note: word.note.clone(),
        });
    }
    resolved
}

fn check_urls(
    checker: &mut Checker<'_>,
    entry: &Entry<'_>,
    environment: &EnvironmentDef,
    path: &str,
) {
    for (what, url) in [
        ("gateway", &environment.gateway),
        ("remote_auth", &environment.remote_auth),
    ] {
        if !url.starts_with("https://") {
            checker.report(entry, format!("{what} base URL `{url}` is not https"));
        }
    }
    if environment.gateway.ends_with('/') {
        checker.report(entry, "the gateway base URL must not end with `/`");
    }
    for address in &environment.allow_list {
        if address.parse::<std::net::Ipv4Addr>().is_err() {
            checker.report(
                entry,
                format!("allow_list: `{address}` is not an IPv4 address"),
            );
        }
    }
    if !environment.remote_auth.ends_with(path) {
        checker.report(
            entry,
            format!("the remote_auth URL does not end with `{path}`"),
        );
    }
}

fn check_headers(spec: &Spec, checker: &mut Checker<'_>) {
    let auth = &spec.environments.gateway_auth;
    for (what, header) in [
        ("configuration_id_header", &auth.configuration_id_header),
        ("hash_header", &auth.hash_header),
    ] {
        if header.is_empty()
            || !header
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || b == b'-')
        {
            let entry = Entry::new(FILE, "gateway_auth", 0, what, header);
            checker.report(&entry, format!("`{header}` is not an HTTP header name"));
        }
    }
    if auth.hash_algorithm != "SHA-512" {
        let entry = Entry::new(
            FILE,
            "gateway_auth",
            0,
            "hash_algorithm",
            &auth.hash_algorithm,
        );
        checker.report(
            &entry,
            "the signer (crates/cashflows/src/signing.rs) computes SHA-512 only",
        );
    }
}
