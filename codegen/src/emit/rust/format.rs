//! quote → syn → prettyplease, and the blank lines prettyplease leaves out.
//! A last pass, [`rustfmt_all`], formats every Rust file with rustfmt so that
//! `cargo fmt --check` holds for generated code as for the rest of the
//! workspace.

use std::io::Write;
use std::process::{Command, Stdio};

use proc_macro2::TokenStream;
use quote::quote;

use crate::emit::header;

/// A Rust file with its header, laid out by prettyplease.
pub fn rust_file(source: &str, tokens: TokenStream) -> Result<String, String> {
    let file: syn::File = syn::parse2(tokens).map_err(|err| format!("{source}: {err}"))?;
    let layout = space_items(&prettyplease::unparse(&file));
    Ok(format!("{}{layout}", header::rust(source)))
}

/// Runs rustfmt over every `.rs` file, spread over the machine's cores:
/// one rustfmt process per file is what generation spends most time on.
pub fn rustfmt_all(files: &mut [crate::GeneratedFile]) -> Result<(), String> {
    let mut rust: Vec<&mut crate::GeneratedFile> = files
        .iter_mut()
        .filter(|file| file.path.extension().is_some_and(|ext| ext == "rs"))
        .collect();
    let workers = std::thread::available_parallelism().map_or(1, |n| n.get());
    let chunk = rust.len().div_ceil(workers).max(1);
    std::thread::scope(|scope| {
        let handles: Vec<_> = rust
            .chunks_mut(chunk)
            .map(|chunk| scope.spawn(move || format_chunk(chunk)))
            .collect();
        handles.into_iter().try_for_each(|handle| {
            handle
                .join()
                .map_err(|_| "a rustfmt thread panicked".to_string())?
        })
    })
}

fn format_chunk(chunk: &mut [&mut crate::GeneratedFile]) -> Result<(), String> {
    for file in chunk.iter_mut() {
        file.contents =
            rustfmt(&file.contents).map_err(|err| format!("{}: {err}", file.path.display()))?;
    }
    Ok(())
}

/// Formats `text` with the toolchain's rustfmt (or `$RUSTFMT`), in memory.
pub fn rustfmt(text: &str) -> Result<String, String> {
    let program = std::env::var("RUSTFMT").unwrap_or_else(|_| "rustfmt".to_string());
    let mut child = Command::new(&program)
        .args(["--edition", "2024"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .map_err(|err| {
            format!(
                "cannot run `{program}` ({err}); install it with `rustup component add rustfmt`"
            )
        })?;
    let mut stdin = child.stdin.take().ok_or("rustfmt has no stdin")?;
    let input = text.to_string();
    // Write from another thread so a large file cannot deadlock on full pipes.
    let writer = std::thread::spawn(move || stdin.write_all(input.as_bytes()));
    let output = child.wait_with_output().map_err(|err| err.to_string())?;
    writer
        .join()
        .map_err(|_| "writing to rustfmt panicked")?
        .map_err(|err| err.to_string())?;
    if !output.status.success() {
        return Err(format!(
            "rustfmt failed: {}",
            String::from_utf8_lossy(&output.stderr)
        ));
    }
    String::from_utf8(output.stdout).map_err(|err| err.to_string())
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
    ]
    .iter()
    .any(|start| line.starts_with(start));
    let uses_in_a_row = previous.starts_with("use ") && line.starts_with("use ")
        || previous.starts_with("pub use ") && line.starts_with("pub use ")
        || previous.starts_with("mod ") && line.starts_with("mod ")
        || previous.starts_with("pub mod ") && line.starts_with("pub mod ");
    previous_ends_item && starts_item && !uses_in_a_row
}
