//! The rules a Rust block keeps so that what the reader sees compiles.
//!
//! A doctest compiles every line, hidden or not; the reader sees only the
//! lines that are not hidden. A block with no hidden lines (a whole example)
//! is therefore exactly what its doctest compiles. A block with hidden lines
//! (a fragment) must say so, and hide only whole items or statements, so the
//! visible code is whole code too.

use std::borrow::Cow;
use std::fmt;

use crate::delimiters::{Unbalanced, first_unbalanced};
use crate::markdown::CodeBlock;

/// How a fragment says what it is, in a visible comment line.
pub const FRAGMENT_MARKER: &str = "// Fragment:";

/// A line of a Rust block, as rustdoc and mdBook read it.
#[derive(Debug, PartialEq)]
pub enum Line<'a> {
    Shown(Cow<'a, str>),
    Hidden(&'a str),
}

/// rustdoc's rule: after leading whitespace, `#` then a space, or a lone
/// `#`, hides the line; `##` shows a `#`; `#[attr]` and `#![attr]` are code.
pub fn read_line(line: &str) -> Line<'_> {
    let trimmed = line.trim();
    if trimmed.starts_with("##") {
        Line::Shown(Cow::Owned(line.replacen("##", "#", 1)))
    } else if let Some(code) = trimmed.strip_prefix("# ") {
        Line::Hidden(code)
    } else if trimmed == "#" {
        Line::Hidden("")
    } else {
        Line::Shown(Cow::Borrowed(line))
    }
}

/// A rule a block breaks.
#[derive(Debug, PartialEq)]
pub enum Broken {
    /// Marked `ignore`: it never runs, so nothing keeps it compiling.
    Ignored,
    /// Its file's blocks are not doctested; why.
    NotDoctested(String),
    /// A fragment whose visible lines do not balance on their own.
    VisibleUnbalanced(Unbalanced),
    /// A fragment whose hidden lines do not balance on their own.
    HiddenUnbalanced(Unbalanced),
    /// A fragment with no visible `// Fragment:` comment.
    NoFragmentMarker,
}

impl fmt::Display for Broken {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Broken::Ignored => {
                write!(
                    f,
                    "marked `ignore`: what the reader sees must run as a doctest"
                )
            }
            Broken::NotDoctested(why) => write!(f, "not doctested: {why}"),
            Broken::VisibleUnbalanced(unbalanced) => write!(
                f,
                "a fragment (it hides lines) whose visible lines do not balance: \
                 {unbalanced}; un-hide what the reader needs"
            ),
            Broken::HiddenUnbalanced(unbalanced) => write!(
                f,
                "a fragment whose hidden lines do not balance: {unbalanced}; hide \
                 only whole items or statements (a hidden `fn main() {{` with its \
                 hidden `}}`)"
            ),
            Broken::NoFragmentMarker => write!(
                f,
                "a fragment (it hides lines) without a visible `{FRAGMENT_MARKER}` \
                 comment saying what the visible code needs; add one, or hide nothing"
            ),
        }
    }
}

/// The rules `block` breaks. `doctested` says whether the blocks of its file
/// run as doctests, or why not.
pub fn check(block: &CodeBlock, doctested: &Result<(), String>) -> Vec<Broken> {
    let mut broken = Vec::new();
    if block.info_words().any(|word| word == "ignore") {
        broken.push(Broken::Ignored);
    }
    if let Err(why) = doctested {
        broken.push(Broken::NotDoctested(why.clone()));
    }
    let (shown, hidden) = split(block);
    if hidden.is_empty() {
        // A whole example: its doctest compiles exactly what the reader sees.
        return broken;
    }
    let shown_lines = shown.iter().map(|(number, line)| (*number, line.as_ref()));
    if let Some(unbalanced) = first_unbalanced(shown_lines) {
        broken.push(Broken::VisibleUnbalanced(unbalanced));
    }
    if let Some(unbalanced) = first_unbalanced(hidden) {
        broken.push(Broken::HiddenUnbalanced(unbalanced));
    }
    let marked = shown
        .iter()
        .any(|(_, line)| line.trim_start().starts_with(FRAGMENT_MARKER));
    if !marked {
        broken.push(Broken::NoFragmentMarker);
    }
    broken
}

/// Lines, each with its number in the block (from 1, the line after the
/// opening fence).
type Numbered<T> = Vec<(usize, T)>;

/// The shown and the hidden lines of `block`.
fn split(block: &CodeBlock) -> (Numbered<Cow<'_, str>>, Numbered<&str>) {
    let mut shown = Vec::new();
    let mut hidden = Vec::new();
    for (index, line) in block.lines.iter().enumerate() {
        match read_line(line) {
            Line::Shown(code) => shown.push((index + 1, code)),
            Line::Hidden(code) => hidden.push((index + 1, code)),
        }
    }
    (shown, hidden)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::markdown::code_blocks;

    /// The only block of `markdown`.
    fn block(markdown: &str) -> CodeBlock {
        let mut blocks = code_blocks(markdown);
        assert_eq!(blocks.len(), 1, "one block in {markdown}");
        blocks.remove(0)
    }

    #[test]
    fn hidden_lines_follow_rustdoc() {
        assert_eq!(read_line("# use std::fmt;"), Line::Hidden("use std::fmt;"));
        assert_eq!(read_line("#     Ok(())"), Line::Hidden("    Ok(())"));
        assert_eq!(read_line("    # }"), Line::Hidden("}"));
        assert_eq!(read_line("#"), Line::Hidden(""));
        fn shown(line: &str) -> Line<'_> {
            Line::Shown(Cow::Borrowed(line))
        }
        assert_eq!(read_line("#[derive(Debug)]"), shown("#[derive(Debug)]"));
        assert_eq!(read_line("#![allow(unused)]"), shown("#![allow(unused)]"));
        assert_eq!(
            read_line("let n = 1; # not hidden"),
            shown("let n = 1; # not hidden")
        );
        // `##` is an escaped `#`: shown, as one `#`.
        assert_eq!(
            read_line("## not hidden"),
            Line::Shown(Cow::Owned("# not hidden".into()))
        );
    }

    #[test]
    fn the_old_hosted_page_block_fails() {
        // The `}` closing `struct Shop` was hidden, and the visible `}` that
        // closes the hidden `fn main` made the visible lines balance again:
        // the hidden lines show it.
        let old = block(include_str!("old-hosted-page.md"));
        let stray = Unbalanced::Stray {
            line: 19,
            found: '}',
            open: None,
        };
        assert_eq!(
            check(&old, &Ok(())),
            [Broken::HiddenUnbalanced(stray), Broken::NoFragmentMarker]
        );
        assert_eq!(old.lines[18], "# }");
    }

    #[test]
    fn a_hidden_main_closed_by_a_visible_brace_fails_both_ways() {
        let code = "```rust\n\
                    # async fn main() {\n\
                    // Fragment: the body of an async fn.\n\
                    run().await;\n\
                    }\n\
                    ```\n";
        assert_eq!(
            check(&block(code), &Ok(())),
            [
                Broken::VisibleUnbalanced(Unbalanced::Stray {
                    line: 4,
                    found: '}',
                    open: None
                }),
                Broken::HiddenUnbalanced(Unbalanced::Unclosed {
                    line: 1,
                    delimiter: '{'
                }),
            ]
        );
    }

    #[test]
    fn a_fragment_without_its_marker_fails() {
        let code = "```rust\n# fn main() {\nlet total = 1 + 1;\n# }\n```\n";
        assert_eq!(check(&block(code), &Ok(())), [Broken::NoFragmentMarker]);
    }

    #[test]
    fn a_proper_fragment_passes() {
        let code = "```rust\n\
                    use std::collections::BTreeMap;\n\
                    # fn main() {\n\
                    // Fragment: the body of a function.\n\
                    let mut seen = BTreeMap::new();\n\
                    seen.insert('{', \"}\");\n\
                    # }\n\
                    ```\n";
        assert_eq!(check(&block(code), &Ok(())), []);
    }

    #[test]
    fn a_whole_example_passes() {
        let code = "```rust\n\
                    fn main() {\n    \
                        println!(\"{}\", 1 + 1);\n\
                    }\n\
                    ```\n";
        assert_eq!(check(&block(code), &Ok(())), []);
    }

    #[test]
    fn a_whole_example_must_run() {
        let ignored = block("```rust,ignore\nfn main() {}\n```\n");
        assert_eq!(check(&ignored, &Ok(())), [Broken::Ignored]);
        let why = Err("not included by tests/lib.rs".to_owned());
        let whole = block("```rust\nfn main() {}\n```\n");
        assert_eq!(
            check(&whole, &why),
            [Broken::NotDoctested(
                "not included by tests/lib.rs".to_owned()
            )]
        );
    }
}
