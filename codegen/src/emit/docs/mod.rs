//! The Markdown reference, `generated/docs`: an mdBook whose pages are
//! rendered from the model with minijinja templates (undefined is an error).

mod context;

use std::path::Path;

use minijinja::{Environment, UndefinedBehavior};

use super::GeneratedFile;
use super::header::{self, EVERY_TABLE};
use crate::model::Model;
use crate::spec::files;

/// Where the book is written, relative to the repository root.
pub const DOCS_DIR: &str = "generated/docs";

/// The guide's chapters, in reading order: its file under `src/guide/` and
/// its template (hand-written prose whose code the `cashflows-tests` crate
/// compiles and runs as doctests).
const GUIDE: [(&str, &str); 14] = [
    (
        "getting-started.md",
        include_str!("../../../templates/guide/getting-started.md.j2"),
    ),
    (
        "client-guarantees.md",
        include_str!("../../../templates/guide/client-guarantees.md.j2"),
    ),
    (
        "hosted-page-and-webhooks.md",
        include_str!("../../../templates/guide/hosted-page-and-webhooks.md.j2"),
    ),
    (
        "embedded-checkout.md",
        include_str!("../../../templates/guide/embedded-checkout.md.j2"),
    ),
    (
        "captures-and-refunds.md",
        include_str!("../../../templates/guide/captures-and-refunds.md.j2"),
    ),
    (
        "deferred-capture.md",
        include_str!("../../../templates/guide/deferred-capture.md.j2"),
    ),
    (
        "subscriptions.md",
        include_str!("../../../templates/guide/subscriptions.md.j2"),
    ),
    (
        "saved-cards.md",
        include_str!("../../../templates/guide/saved-cards.md.j2"),
    ),
    (
        "moto.md",
        include_str!("../../../templates/guide/moto.md.j2"),
    ),
    (
        "errors-and-unknown-outcomes.md",
        include_str!("../../../templates/guide/errors-and-unknown-outcomes.md.j2"),
    ),
    (
        "remote-auth.md",
        include_str!("../../../templates/guide/remote-auth.md.j2"),
    ),
    (
        "testing-your-integration.md",
        include_str!("../../../templates/guide/testing-your-integration.md.j2"),
    ),
    (
        "other-languages.md",
        include_str!("../../../templates/guide/other-languages.md.j2"),
    ),
    (
        "controlling-the-sandbox.md",
        include_str!("../../../templates/guide/controlling-the-sandbox.md.j2"),
    ),
];

/// Where the guide's templates live, as the guide pages' headers name it.
const GUIDE_SOURCE: &str = "codegen/templates/guide/";

/// Each page: its file under `src/`, its template, the spec file it comes from.
const PAGES: [(&str, &str, &str); 13] = [
    (
        "index.md",
        include_str!("../../../templates/index.md.j2"),
        EVERY_TABLE,
    ),
    (
        "gateway-errors.md",
        include_str!("../../../templates/gateway-errors.md.j2"),
        files::GATEWAY_ERRORS,
    ),
    (
        "gateway-warnings.md",
        include_str!("../../../templates/gateway-warnings.md.j2"),
        files::GATEWAY_WARNINGS,
    ),
    (
        "acquirer-codes.md",
        include_str!("../../../templates/acquirer-codes.md.j2"),
        files::ACQUIRER_CODES,
    ),
    (
        "test-cards.md",
        include_str!("../../../templates/test-cards.md.j2"),
        files::TEST_CARDS,
    ),
    (
        "http-statuses.md",
        include_str!("../../../templates/http-statuses.md.j2"),
        files::HTTP_STATUSES,
    ),
    (
        "environments.md",
        include_str!("../../../templates/environments.md.j2"),
        files::ENVIRONMENTS,
    ),
    (
        "endpoints.md",
        include_str!("../../../templates/endpoints.md.j2"),
        files::ENDPOINTS,
    ),
    (
        "remote-auth.md",
        include_str!("../../../templates/remote-auth.md.j2"),
        files::ENDPOINTS,
    ),
    (
        "models.md",
        include_str!("../../../templates/models.md.j2"),
        files::MODELS,
    ),
    (
        "openapi.md",
        include_str!("../../../templates/openapi.md.j2"),
        EVERY_TABLE,
    ),
    (
        "guidance.md",
        include_str!("../../../templates/guidance.md.j2"),
        files::GUIDANCE,
    ),
    (
        "testing-with-the-sandbox.md",
        include_str!("../../../templates/testing-with-the-sandbox.md.j2"),
        files::SANDBOX,
    ),
];

const SUMMARY: &str = include_str!("../../../templates/SUMMARY.md.j2");
const MACROS: &str = include_str!("../../../templates/macros.j2");
const BOOK_TOML: &str = include_str!("../../../templates/book.toml");

pub fn book(model: &Model) -> Result<Vec<GeneratedFile>, String> {
    let environment = templates()?;
    let context = context::build(model);
    let dir = Path::new(DOCS_DIR);
    let mut out = vec![GeneratedFile::new(
        dir.join("book.toml"),
        format!("{}{BOOK_TOML}", header::toml(EVERY_TABLE)),
    )];
    let summary = render(&environment, "SUMMARY.md", &context)?;
    out.push(GeneratedFile::new(
        dir.join("src/SUMMARY.md"),
        format!("{}{summary}", header::markdown(EVERY_TABLE)),
    ));
    for (chapter, _) in GUIDE {
        let name = format!("guide/{chapter}");
        let text = render(&environment, &name, &context)?;
        out.push(GeneratedFile::new(
            dir.join("src").join(&name),
            format!(
                "{}{text}",
                header::markdown(&format!("{GUIDE_SOURCE}{chapter}.j2"))
            ),
        ));
    }
    for (page, _, source) in PAGES {
        let text = render(&environment, page, &context)?;
        let source = if source == EVERY_TABLE {
            source.to_string()
        } else {
            format!("spec/{source}")
        };
        out.push(GeneratedFile::new(
            dir.join("src").join(page),
            format!("{}{text}", header::markdown(&source)),
        ));
    }
    Ok(out)
}

fn templates() -> Result<Environment<'static>, String> {
    let mut environment = Environment::new();
    environment.set_undefined_behavior(UndefinedBehavior::Strict);
    let syntax = minijinja::syntax::SyntaxConfig::builder()
        .trim_blocks(true)
        .lstrip_blocks(true)
        .build()
        .map_err(|err| err.to_string())?;
    environment.set_syntax(syntax);
    environment.add_filter("cell", cell);
    environment.add_filter("text", text);
    environment
        .add_template("SUMMARY.md", SUMMARY)
        .map_err(|err| err.to_string())?;
    environment
        .add_template("macros.j2", MACROS)
        .map_err(|err| err.to_string())?;
    for (page, template, _) in PAGES {
        environment
            .add_template(page, template)
            .map_err(|err| format!("{page}: {err}"))?;
    }
    for (chapter, template) in GUIDE {
        environment
            .add_template_owned(format!("guide/{chapter}"), template)
            .map_err(|err| format!("guide/{chapter}: {err}"))?;
    }
    Ok(environment)
}

fn render(
    environment: &Environment<'_>,
    name: &str,
    context: &minijinja::Value,
) -> Result<String, String> {
    let template = environment
        .get_template(name)
        .map_err(|err| format!("{name}: {err}"))?;
    let text = template
        .render(context)
        .map_err(|err| format!("{name}: {err:#}"))?;
    // One trailing newline, whatever the template ends with.
    Ok(format!("{}\n", text.trim_end()))
}

/// Spec text as a Markdown paragraph: one line, no raw HTML, and the
/// characters Markdown would read as emphasis, code or links taken literally.
fn text(text: String) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '\n' => out.push(' '),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '\\' | '`' | '*' | '_' | '[' | ']' => {
                out.push('\\');
                out.push(c);
            }
            c => out.push(c),
        }
    }
    out
}

/// Text for a Markdown table cell: no pipes, no line breaks, no raw HTML.
fn cell(text: String) -> String {
    text.replace('|', "\\|")
        .replace('\n', " ")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}
