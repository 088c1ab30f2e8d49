//! The seam between hand-written code and the spec: which spec-derived
//! names each hand-written file relies on, found by reading the code rather
//! than kept in a list. The check in `resolve/seam.rs` then makes renaming or
//! removing such a row a spec problem that names the files depending on it,
//! found before anything is written, rather than a compile error later.
//!
//! Names are written as hand-written code writes them:
//! `GatewayErrorCode::PaymentRefused`, `test_cards::LUKE_SKYWALKER`,
//! `models::PaymentJob::payments`, `Client::create_payment_job` (see
//! `Model::symbols`). A file relies on a name when it mentions it by the
//! rules of [`mentions`].
//!
//! The names looked for are those the new spec defines *and* those the spec
//! defined when it was last generated (the committed
//! `generated/rust-names.txt`, every name of `Model::symbols`, one a line).
//! After a rename the new spec no longer defines the old name, so looking
//! only for the new names would find nothing to complain about; the record
//! of the last generation still has it. Patterns alone (`GatewayErrorCode::`
//! followed by a word) would not do: a model field is used as `.payments`,
//! a Gateway call as `.create_payment_job(`, which only a known name finds.
//! The compile check of the minimal spec (`codegen/tests/generator/
//! compile.rs`) proves these rules find every name the crates need.

use std::collections::{BTreeMap, BTreeSet};

use crate::hand_written::HandWritten;
use crate::spec::files;

/// Where a relied-on name's row lives in the spec.
pub struct Home {
    pub file: &'static str,
    /// The top-level block the list sits in, where its key alone is
    /// ambiguous (`remote_auth` for its `fields`: browser calls have
    /// `fields` too).
    pub within: Option<&'static str>,
    /// The key of the list that holds the row.
    pub list: &'static str,
}

/// Every name among `candidates` that some hand-written file mentions, with
/// the files that mention it (sorted).
pub fn relied_on<'a>(
    code: &HandWritten,
    candidates: impl IntoIterator<Item = &'a str>,
) -> BTreeMap<String, Vec<String>> {
    let candidates: BTreeSet<&str> = candidates.into_iter().collect();
    let mut relied: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for file in &code.files {
        let words = words(&file.text);
        for name in &candidates {
            if could_mention(&words, name) && mentions(&file.text, name) {
                relied
                    .entry((*name).to_string())
                    .or_default()
                    .push(file.path.clone());
            }
        }
    }
    relied
}

/// Every identifier of `text`: a file can only mention a name whose every
/// segment it contains, which rules out most names at the cost of one pass.
fn words(text: &str) -> BTreeSet<&str> {
    text.split(|c: char| !is_ident(c))
        .filter(|word| !word.is_empty())
        .collect()
}

fn could_mention(words: &BTreeSet<&str>, name: &str) -> bool {
    name.split("::").all(|segment| words.contains(segment))
}

fn is_ident(c: char) -> bool {
    c.is_ascii_alphanumeric() || c == '_'
}

/// Whether a hand-written file's `text` mentions the spec-derived `name`.
pub fn mentions(text: &str, name: &str) -> bool {
    let parts: Vec<&str> = name.split("::").collect();
    match parts.as_slice() {
        ["Client", method] => has_word(text, "Client") && text.contains(&format!(".{method}(")),
        ["models", model, field] => {
            mentions(text, &format!("models::{model}")) && uses_field(text, field)
        }
        ["RemoteAuthRequest", field] => {
            has_word(text, "RemoteAuthRequest") && uses_field(text, field)
        }
        [module, _] if module.starts_with(|c: char| c.is_ascii_lowercase()) => {
            has_word(text, name) || imported(text, module).contains(name)
        }
        _ => has_word(text, name),
    }
}

/// Whether `text` has `word` with no identifier character on either side.
fn has_word(text: &str, word: &str) -> bool {
    text.match_indices(word).any(|(at, _)| {
        let before = text[..at].chars().next_back();
        let after = text[at + word.len()..].chars().next();
        !before.is_some_and(is_ident) && !after.is_some_and(is_ident)
    })
}

/// The `module::{a, b}` groups of `text`, expanded to `module::a`, `module::b`.
fn imported(text: &str, module: &str) -> BTreeSet<String> {
    let opener = format!("{module}::{{");
    let mut names = BTreeSet::new();
    for (at, _) in text.match_indices(&opener) {
        let rest = &text[at + opener.len()..];
        let Some(end) = rest.find('}') else { continue };
        for name in rest[..end].split(',') {
            let name = name.trim().trim_start_matches("self").trim();
            if !name.is_empty() {
                names.insert(format!("{module}::{name}"));
            }
        }
    }
    names
}

/// Whether `text` reads or writes a field called `field` (`.field`, or
/// `field:` / `field,` in a struct expression or pattern).
fn uses_field(text: &str, field: &str) -> bool {
    has_word(text, field)
        && (text.contains(&format!(".{field}"))
            || text.contains(&format!("{field}:"))
            || text.contains(&format!("{field},")))
}

/// The spec file and list a name of this shape is defined in.
pub fn home(name: &str) -> Home {
    const PREFIXES: [(&str, &str, &str); 20] = [
        ("Outcome::", files::GUIDANCE, "outcomes"),
        ("GatewayErrorCode::", files::GATEWAY_ERRORS, "errors"),
        ("GatewayWarningCode::", files::GATEWAY_WARNINGS, "warnings"),
        ("AcquirerClass::", files::ACQUIRER_CODES, "classes"),
        ("AcquirerReason::", files::ACQUIRER_CODES, "codes"),
        ("CardScheme::", files::TEST_CARDS, "schemes"),
        ("ThreeDSecureScenario::", files::TEST_CARDS, "scenarios"),
        ("test_cards::", files::TEST_CARDS, "cards"),
        ("http_statuses::", files::HTTP_STATUSES, "statuses"),
        ("Environment::", files::ENVIRONMENTS, "environments"),
        ("endpoints::", files::ENDPOINTS, "endpoints"),
        ("Client::", files::ENDPOINTS, "endpoints"),
        ("return_url::", files::ENDPOINTS, "return_url_parameters"),
        ("remote_auth::", files::ENDPOINTS, "fields"),
        ("RemoteAuthRequest::", files::ENDPOINTS, "fields"),
        ("TransactionType::", files::ENDPOINTS, "transaction_types"),
        (
            "TransactionClass::",
            files::ENDPOINTS,
            "transaction_classes",
        ),
        ("CheckResult::", files::ENDPOINTS, "check_results"),
        ("models::", files::MODELS, "models"),
        ("", files::MODELS, "enums"),
    ];
    let (_, file, list) = PREFIXES
        .iter()
        .find(|(prefix, _, _)| name.starts_with(prefix))
        .copied()
        .unwrap_or(("", files::MODELS, "enums"));
    let list = if list == "cards" && !name.bytes().any(|b| b.is_ascii_digit()) {
        // Test card constants end in their number; holder constants do not.
        "holders"
    } else {
        list
    };
    let within = REMOTE_AUTH_PREFIXES
        .iter()
        .any(|prefix| name.starts_with(prefix))
        .then_some("remote_auth");
    Home { file, within, list }
}

/// The names whose rows sit under `remote_auth` in the endpoints file.
const REMOTE_AUTH_PREFIXES: [&str; 5] = [
    "remote_auth::",
    "RemoteAuthRequest::",
    "TransactionType::",
    "TransactionClass::",
    "CheckResult::",
];

#[cfg(test)]
mod tests {
    use super::{home, mentions, relied_on};
    use crate::hand_written::{CodeFile, HandWritten};

    #[test]
    fn a_name_is_mentioned_as_a_whole_word() {
        let text = "if code == GatewayErrorCode::ThreeDSecureFailed { }";
        assert!(mentions(text, "GatewayErrorCode::ThreeDSecureFailed"));
        assert!(!mentions(text, "GatewayErrorCode::ThreeDSecure"));
        assert!(!mentions(
            "GatewayErrorCode::ThreeDSecureFailedTwice",
            "GatewayErrorCode::ThreeDSecureFailed"
        ));
    }

    #[test]
    fn a_module_item_is_mentioned_by_path_or_in_an_import_group() {
        let text = "use cashflows::test_cards::{self, LUKE_SKYWALKER};\nhttp_statuses::OK";
        assert!(mentions(text, "test_cards::LUKE_SKYWALKER"));
        assert!(mentions(text, "http_statuses::OK"));
        assert!(!mentions(text, "test_cards::DARTH_MAUL"));
    }

    #[test]
    fn a_gateway_call_is_a_method_call_where_the_client_is_named() {
        let text = "fn f(client: &Client) { client.create_payment_job(&request); }";
        assert!(mentions(text, "Client::create_payment_job"));
        assert!(!mentions(text, "Client::retrieve_payment_job"));
        let no_client = "fn f(other: &Other) { other.create_payment_job(&request); }";
        assert!(!mentions(no_client, "Client::create_payment_job"));
    }

    #[test]
    fn a_model_field_is_read_or_written_where_the_model_is_named() {
        let text = "use crate::models::{PaymentJob};\nlet n = job.payments.len();";
        assert!(mentions(text, "models::PaymentJob::payments"));
        assert!(mentions(
            "models::PaymentJob { payments: vec![] }",
            "models::PaymentJob::payments"
        ));
        assert!(!mentions(text, "models::PaymentJob::currency"));
        assert!(!mentions(text, "models::Payment::payments"));
        let remote = "RemoteAuthRequest { tran_ref, ..Default::default() }";
        assert!(mentions(remote, "RemoteAuthRequest::tran_ref"));
        assert!(!mentions(remote, "RemoteAuthRequest::tran_amount"));
    }

    #[test]
    fn relied_on_names_each_file_that_mentions_a_candidate() {
        let file = |path: &str, text: &str| CodeFile {
            path: path.into(),
            text: text.into(),
        };
        let code = HandWritten {
            files: vec![
                file("a.rs", "GatewayErrorCode::PaymentRefused"),
                file("b.rs", "Outcome::Fraud; GatewayErrorCode::PaymentRefused"),
            ],
            defined_before: Vec::new(),
        };
        let relied = relied_on(
            &code,
            [
                "GatewayErrorCode::PaymentRefused",
                "Outcome::Fraud",
                "Outcome::System",
            ],
        );
        let relied: Vec<(&str, Vec<&str>)> = relied
            .iter()
            .map(|(name, files)| (name.as_str(), files.iter().map(String::as_str).collect()))
            .collect();
        assert_eq!(
            relied,
            [
                ("GatewayErrorCode::PaymentRefused", vec!["a.rs", "b.rs"]),
                ("Outcome::Fraud", vec!["b.rs"]),
            ]
        );
    }

    #[test]
    fn every_name_of_the_real_spec_is_homed_in_its_own_file() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../spec");
        let sources = crate::SpecSources::read_dir(&root).expect("spec/ reads");
        let model = crate::resolve(&sources, &HandWritten::default()).expect("spec/ resolves");
        for (name, file) in model.symbols() {
            assert_eq!(home(&name).file, file, "{name}");
        }
    }

    #[test]
    fn a_name_is_homed_in_the_list_of_its_table() {
        let cases = [
            (
                "GatewayErrorCode::PaymentRefused",
                "gateway-errors.yaml",
                "errors",
            ),
            (
                "test_cards::VISA_CREDIT_4000000000000002",
                "test-cards.yaml",
                "cards",
            ),
            ("test_cards::LUKE_SKYWALKER", "test-cards.yaml", "holders"),
            ("Client::create_payment_job", "endpoints.yaml", "endpoints"),
            ("models::PaymentJob::payments", "models.yaml", "models"),
            ("PaymentStatus::Paid", "models.yaml", "enums"),
        ];
        for (name, file, list) in cases {
            let found = home(name);
            assert_eq!((found.file, found.list), (file, list), "{name}");
        }
    }
}
