//! Environments: https base URLs, and Remote Auth under the shared path.

use super::{Checker, Entry, Unique};
use crate::ident::Case;
use crate::spec::{Spec, files};

const FILE: &str = files::ENVIRONMENTS;

pub(super) fn check(spec: &Spec, checker: &mut Checker<'_>) {
    let file = &spec.environments;
    let path = &file.remote_auth_path;
    if !path.starts_with('/') {
        let entry = Entry::new(FILE, "remote_auth_path", 0, "remote_auth_path", path);
        checker.report(&entry, "the path must start with `/`");
    }
    let mut names = Unique::new("environment name");
    let entries = Entry::list(FILE, "environments", "key", &file.environments, |e| {
        e.key.clone()
    });
    for (environment, entry) in file.environments.iter().zip(&entries) {
        if let Some(name) = checker.ident(entry, Some(&environment.name), "", Case::UpperCamel) {
            if name == "Custom" {
                checker.report(entry, "`Custom` is kept for base URLs the caller chooses");
            }
            names.insert(checker, entry, &name, &name);
        }
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
        if !environment.remote_auth.ends_with(path.as_str()) {
            checker.report(
                entry,
                format!("the remote_auth URL does not end with `{path}`"),
            );
        }
    }
    for (what, header) in [
        (
            "configuration_id_header",
            &file.gateway_auth.configuration_id_header,
        ),
        ("hash_header", &file.gateway_auth.hash_header),
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
    if file.gateway_auth.hash_algorithm != "SHA-512" {
        let entry = Entry::new(
            FILE,
            "gateway_auth",
            0,
            "hash_algorithm",
            &file.gateway_auth.hash_algorithm,
        );
        checker.report(&entry, "the generator signs with SHA-512 only");
    }
}
