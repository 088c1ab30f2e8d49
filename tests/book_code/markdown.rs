//! The fenced code blocks of a Markdown file (``` and ~~~), as CommonMark
//! finds them. Only as much of CommonMark as README.md and the book use: a
//! fence may be indented (inside a list item), and there are no code blocks
//! inside block quotes.

/// One fenced code block.
#[derive(Debug)]
pub struct CodeBlock {
    /// The line of its opening fence in the file, from 1.
    pub line: usize,
    /// What follows the opening fence (`rust,ignore`, say), trimmed.
    pub info: String,
    /// The lines between the fences, without the opening fence's indentation.
    pub lines: Vec<String>,
}

impl CodeBlock {
    /// The words of the info string: rustdoc and mdBook split it on commas
    /// and spaces (`rust,ignore`, `rust no_run`).
    pub fn info_words(&self) -> impl Iterator<Item = &str> {
        self.info
            .split([',', ' ', '\t'])
            .filter(|word| !word.is_empty())
    }

    /// A block that rustdoc and mdBook read as Rust: its info string is
    /// empty or starts with `rust`.
    pub fn is_rust(&self) -> bool {
        matches!(self.info_words().next(), None | Some("rust"))
    }
}

/// An opening fence: its indentation, its character and its length.
struct Fence {
    indent: usize,
    marker: char,
    len: usize,
}

/// The fence that `line` opens, and its info string.
fn opening_fence(line: &str) -> Option<(Fence, &str)> {
    let rest = line.trim_start_matches(' ');
    let marker = rest.chars().next().filter(|c| matches!(c, '`' | '~'))?;
    let len = rest.chars().take_while(|&c| c == marker).count();
    let info = &rest[len..];
    // A backtick fence's info string cannot hold a backtick: "```a```" is
    // inline code, not a fence.
    if len < 3 || (marker == '`' && info.contains('`')) {
        return None;
    }
    let indent = line.len() - rest.len();
    Some((
        Fence {
            indent,
            marker,
            len,
        },
        info.trim(),
    ))
}

/// Whether `line` closes `fence`: the same character, at least as many, and
/// nothing after them.
fn closes(fence: &Fence, line: &str) -> bool {
    let rest = line.trim_start_matches(' ');
    let len = rest.chars().take_while(|&c| c == fence.marker).count();
    len >= fence.len && rest[len..].trim().is_empty()
}

/// `line` without up to `indent` leading spaces (CommonMark's rule for the
/// lines of an indented fence).
fn unindent(line: &str, indent: usize) -> String {
    let spaces = line.len() - line.trim_start_matches(' ').len();
    line[spaces.min(indent)..].to_owned()
}

/// Every fenced code block of `markdown`, in order. A block left open runs
/// to the end of the file, as CommonMark says.
pub fn code_blocks(markdown: &str) -> Vec<CodeBlock> {
    let mut blocks = Vec::new();
    let mut open: Option<(Fence, CodeBlock)> = None;
    for (index, line) in markdown.lines().enumerate() {
        if let Some((fence, block)) = &mut open {
            if closes(fence, line) {
                blocks.extend(open.take().map(|(_, block)| block));
            } else {
                block.lines.push(unindent(line, fence.indent));
            }
        } else if let Some((fence, info)) = opening_fence(line) {
            let block = CodeBlock {
                line: index + 1,
                info: info.to_owned(),
                lines: Vec::new(),
            };
            open = Some((fence, block));
        }
    }
    blocks.extend(open.map(|(_, block)| block));
    blocks
}

#[test]
fn finds_backtick_and_tilde_fences_with_their_lines_and_info() {
    let markdown = "# Title\n\n```rust,ignore\nlet a = 1;\n```\n\ntext\n~~~\nlet b = 2;\n~~~\n";
    let blocks = code_blocks(markdown);
    assert_eq!(blocks.len(), 2);
    assert_eq!(
        (blocks[0].line, blocks[0].info.as_str()),
        (3, "rust,ignore")
    );
    assert_eq!(blocks[0].lines, ["let a = 1;"]);
    assert_eq!(
        blocks[0].info_words().collect::<Vec<_>>(),
        ["rust", "ignore"]
    );
    assert_eq!((blocks[1].line, blocks[1].info.as_str()), (8, ""));
    assert_eq!(blocks[1].lines, ["let b = 2;"]);
}

#[test]
fn only_a_matching_fence_closes_a_block() {
    // A shorter fence, or one of the other character, is content.
    let markdown = "````text\n```rust\n~~~~\n````\n";
    let blocks = code_blocks(markdown);
    assert_eq!(blocks.len(), 1);
    assert_eq!(blocks[0].lines, ["```rust", "~~~~"]);
}

#[test]
fn an_indented_fence_loses_its_indentation() {
    let markdown = "1. Run:\n\n   ```rust\n   let a = 1;\n       nested();\n   ```\n";
    let blocks = code_blocks(markdown);
    assert_eq!(blocks[0].lines, ["let a = 1;", "    nested();"]);
}

#[test]
fn rust_blocks_are_those_marked_rust_or_unmarked() {
    let kinds = "```\n```\n```rust\n```\n```rust,no_run\n```\n```sh\n```\n```text\n```\n";
    let rust: Vec<bool> = code_blocks(kinds).iter().map(CodeBlock::is_rust).collect();
    assert_eq!(rust, [true, true, true, false, false]);
}

#[test]
fn inline_code_with_three_backticks_is_no_fence() {
    assert!(code_blocks("```a``` is inline\n").is_empty());
}
