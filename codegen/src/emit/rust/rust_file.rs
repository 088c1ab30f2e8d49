//! quote → syn → prettyplease, and the blank lines prettyplease leaves out.
//! A last pass through rustfmt makes the layout rustfmt's own.

use proc_macro2::TokenStream;
use quote::quote;

use crate::emit::header;
use crate::links::Links;

/// A Rust file with its header (naming `source`, the spec file it comes
/// from), laid out by prettyplease. Tokens that do not parse are a bug of
/// the emitter that made them.
pub fn rust_file(source: &str, tokens: TokenStream) -> Result<String, String> {
    let file: syn::File =
        syn::parse2(tokens).map_err(|err| format!("the Rust emitted from {source}: {err}"))?;
    let layout = space_items(&prettyplease::unparse(&file));
    Ok(format!("{}{layout}", header::rust(source)))
}

/// A doc paragraph linking an item to its entry in the book.
pub fn book_entry(links: &Links) -> TokenStream {
    let line = format!(" Reference: [its entry in the book]({}).", links.book);
    quote! {
        #[doc = ""]
        #[doc = #line]
    }
}

/// `#[doc = " line"]` attributes for each line of `text`, escaped for rustdoc.
pub fn doc(text: &str) -> TokenStream {
    let mut in_fence = false;
    let lines = text.lines().map(|line| {
        if line.trim_start().starts_with("```") {
            in_fence = !in_fence;
        }
        let line = match line {
            "" => String::new(),
            code if in_fence || code.trim_start().starts_with("```") => format!(" {code}"),
            prose => format!(" {}", escape(prose)),
        };
        quote! { #[doc = #line] }
    });
    let lines: Vec<TokenStream> = lines.collect();
    quote! { #(#lines)* }
}

/// The forward-compatibility section of an enum's docs: a doctest that
/// parses an unknown value and matches with a wildcard arm.
pub fn forward_compatibility(module: &str, name: &str, first_variant: &str) -> String {
    format!(
        "\n# Forward compatibility\n\nValues this version does not list parse to `Unknown`, \
         which keeps the text as received; always leave a wildcard arm:\n\n```\n\
         use {module}::{name};\n\nlet value: {name} = \"SomethingNew\".parse().unwrap();\n\
         match value {{\n    {name}::{first_variant} => {{}}\n    \
         other => assert_eq!(other.as_str(), \"SomethingNew\"),\n}}\n```"
    )
}

/// Spec text goes into rustdoc: outside code spans, brackets and angle
/// brackets are escaped so they are not read as links or HTML.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut in_code = false;
    for c in text.chars() {
        match c {
            '`' => {
                in_code = !in_code;
                out.push(c);
            }
            '[' | ']' | '<' | '>' if !in_code => {
                out.push('\\');
                out.push(c);
            }
            _ => out.push(c),
        }
    }
    out
}

/// Puts one blank line between items at module and `impl` level.
fn space_items(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + text.len() / 8);
    let mut previous: Option<&str> = None;
    for line in text.lines() {
        if let Some(previous) = previous {
            if needs_blank_line(previous, line) {
                out.push('\n');
            }
        }
        out.push_str(line);
        out.push('\n');
        previous = Some(line);
    }
    out
}

fn needs_blank_line(previous: &str, line: &str) -> bool {
    let indent = line.len() - line.trim_start().len();
    let previous_indent = previous.len() - previous.trim_start().len();
    if indent != previous_indent || indent > 4 {
        return false;
    }
    let previous = previous.trim();
    let line = line.trim();
    if previous.starts_with("//!") {
        return !line.starts_with("//!");
    }
    if previous.starts_with("///") {
        return false;
    }
    let previous_ends_item = previous == "}" || previous == "};" || previous.ends_with(';');
    let starts_item = [
        "///", "#[", "pub ", "pub(", "fn ", "impl", "const ", "mod ", "use ", "struct ", "enum ",
        "static ", "crate::",
    ]
    .iter()
    .any(|start| line.starts_with(start));
    let uses_in_a_row = previous.starts_with("use ") && line.starts_with("use ")
        || previous.starts_with("pub use ") && line.starts_with("pub use ")
        || previous.starts_with("mod ") && line.starts_with("mod ")
        || previous.starts_with("pub mod ") && line.starts_with("pub mod ");
    previous_ends_item && starts_item && !uses_in_a_row
}
