//! Whether some lines of Rust balance their `()`, `[]` and `{}`, reading
//! Rust's tokens only as far as needed not to count a delimiter that is not
//! one: inside comments, strings, raw strings, byte strings and char
//! literals. A lifetime (`'a`, `'static`) is not the start of a char.

use std::fmt;

/// The first delimiter without a partner.
#[derive(Debug, PartialEq)]
pub enum Unbalanced {
    /// A closing delimiter that closes nothing, or not what is open (the
    /// delimiter left open and its line).
    Stray {
        line: usize,
        found: char,
        open: Option<(char, usize)>,
    },
    /// An opening delimiter never closed.
    Unclosed { line: usize, delimiter: char },
}

impl fmt::Display for Unbalanced {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Unbalanced::Stray {
                line,
                found,
                open: None,
            } => {
                write!(f, "`{found}` on line {line} of the block closes nothing")
            }
            Unbalanced::Stray {
                line,
                found,
                open: Some((open, opened)),
            } => write!(
                f,
                "`{found}` on line {line} of the block does not close \
                 the `{open}` of line {opened}"
            ),
            Unbalanced::Unclosed { line, delimiter } => {
                write!(
                    f,
                    "`{delimiter}` on line {line} of the block is never closed"
                )
            }
        }
    }
}

/// The first delimiter of `lines` (each with its line number) without a
/// partner: a stray closer as soon as it is met, else the earliest opener
/// left open.
pub fn first_unbalanced<'a>(
    lines: impl IntoIterator<Item = (usize, &'a str)>,
) -> Option<Unbalanced> {
    // One sequence of characters, each with its line: comments and strings
    // may run over several lines.
    let chars: Vec<(usize, char)> = lines
        .into_iter()
        .flat_map(|(line, text)| text.chars().chain(['\n']).map(move |c| (line, c)))
        .collect();
    let mut open: Vec<(char, usize)> = Vec::new();
    let mut at = 0;
    while let Some(&(line, c)) = chars.get(at) {
        match c {
            '(' | '[' | '{' => open.push((c, line)),
            ')' | ']' | '}' => match open.pop() {
                Some((opener, _)) if partner(opener) == c => {}
                left_open => {
                    return Some(Unbalanced::Stray {
                        line,
                        found: c,
                        open: left_open,
                    });
                }
            },
            _ => {}
        }
        at = token_end(&chars, at);
    }
    open.first()
        .map(|&(delimiter, line)| Unbalanced::Unclosed { line, delimiter })
}

fn partner(opener: char) -> char {
    match opener {
        '(' => ')',
        '[' => ']',
        _ => '}',
    }
}

/// Where the token that starts at `at` ends: past a comment, a string or a
/// char literal as a whole, past any other character by itself.
fn token_end(chars: &[(usize, char)], at: usize) -> usize {
    let c = |i: usize| chars.get(i).map(|&(_, c)| c);
    match (c(at), c(at + 1)) {
        (Some('/'), Some('/')) => line_end(chars, at),
        (Some('/'), Some('*')) => block_comment_end(chars, at + 2),
        (Some('"'), _) => string_end(chars, at + 1),
        (Some('\''), _) => char_end(chars, at),
        _ => raw_string_end(chars, at).unwrap_or(at + 1),
    }
}

/// Past the end of the line that holds `at`.
fn line_end(chars: &[(usize, char)], at: usize) -> usize {
    (at..chars.len())
        .find(|&i| chars[i].1 == '\n')
        .map_or(chars.len(), |i| i + 1)
}

/// Past the `*/` that ends a block comment whose body starts at `from`
/// (block comments nest in Rust).
fn block_comment_end(chars: &[(usize, char)], from: usize) -> usize {
    let mut depth = 1;
    let mut i = from;
    while i < chars.len() {
        match (chars[i].1, chars.get(i + 1).map(|&(_, c)| c)) {
            ('/', Some('*')) => {
                depth += 1;
                i += 2;
            }
            ('*', Some('/')) => {
                depth -= 1;
                i += 2;
                if depth == 0 {
                    return i;
                }
            }
            _ => i += 1,
        }
    }
    chars.len()
}

/// Past the `"` that ends a string (or byte string) whose body starts at
/// `from`, escapes skipped.
fn string_end(chars: &[(usize, char)], from: usize) -> usize {
    let mut i = from;
    while i < chars.len() {
        match chars[i].1 {
            '\\' => i += 2,
            '"' => return i + 1,
            _ => i += 1,
        }
    }
    chars.len()
}

/// Past a char literal (`'{'`, `'\''`, `'\u{7d}'`, or `b'{'` from its
/// quote); a lifetime or a label (`'a`, `'static`) is just its quote.
fn char_end(chars: &[(usize, char)], at: usize) -> usize {
    let c = |i: usize| chars.get(i).map(|&(_, c)| c);
    if c(at + 1) == Some('\\') {
        // The escaped character, then the closing quote.
        return (at + 3..chars.len())
            .find(|&i| chars[i].1 == '\'')
            .map_or(chars.len(), |i| i + 1);
    }
    if c(at + 2) == Some('\'') {
        return at + 3;
    }
    at + 1
}

/// Past a raw string (`r"…"`, `r#"…"#`, `br"…"`, `cr"…"`) that starts at
/// `at`, if one does.
fn raw_string_end(chars: &[(usize, char)], at: usize) -> Option<usize> {
    let c = |i: usize| chars.get(i).map(|&(_, c)| c);
    // `r` must start a token: `for"` is no raw string, nor is `r#ident`.
    let in_identifier = at > 0 && c(at - 1).is_some_and(|p| p.is_alphanumeric() || p == '_');
    if in_identifier {
        return None;
    }
    let r = if matches!(c(at), Some('b' | 'c')) {
        at + 1
    } else {
        at
    };
    if c(r) != Some('r') {
        return None;
    }
    let hashes = (r + 1..chars.len())
        .take_while(|&i| chars[i].1 == '#')
        .count();
    let quote = r + 1 + hashes;
    if c(quote) != Some('"') {
        return None;
    }
    // The body ends at a `"` followed by as many `#`.
    let closes = |i: usize| c(i) == Some('"') && (1..=hashes).all(|k| c(i + k) == Some('#'));
    let end = (quote + 1..chars.len()).find(|&i| closes(i));
    Some(end.map_or(chars.len(), |i| i + 1 + hashes))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The first unbalanced delimiter of `code`, its lines numbered from 1.
    fn scan(code: &str) -> Option<Unbalanced> {
        first_unbalanced(code.lines().enumerate().map(|(i, line)| (i + 1, line)))
    }

    #[test]
    fn balanced_code_passes() {
        assert_eq!(scan("fn f(a: [u8; 2]) {\n    g(a[0]);\n}"), None);
    }

    #[test]
    fn an_unclosed_opener_is_named_with_its_line() {
        let code = "struct Shop {\n    client: Client,\n";
        assert_eq!(
            scan(code),
            Some(Unbalanced::Unclosed {
                line: 1,
                delimiter: '{'
            })
        );
    }

    #[test]
    fn the_earliest_unclosed_opener_is_named() {
        let code = "fn a() {\n    let v = vec![\n";
        assert_eq!(
            scan(code),
            Some(Unbalanced::Unclosed {
                line: 1,
                delimiter: '{'
            })
        );
    }

    #[test]
    fn a_closer_that_closes_nothing_is_named_with_its_line() {
        let code = "    Ok(())\n}\n";
        let stray = Unbalanced::Stray {
            line: 2,
            found: '}',
            open: None,
        };
        assert_eq!(scan(code), Some(stray));
    }

    #[test]
    fn a_closer_of_the_wrong_kind_names_what_is_open() {
        let code = "let a = (\n    1];\n";
        let stray = Unbalanced::Stray {
            line: 2,
            found: ']',
            open: Some(('(', 1)),
        };
        assert_eq!(scan(code), Some(stray));
        assert_eq!(
            stray_text(code),
            "`]` on line 2 of the block does not close the `(` of line 1"
        );
    }

    fn stray_text(code: &str) -> String {
        scan(code)
            .map(|unbalanced| unbalanced.to_string())
            .unwrap_or_default()
    }

    #[test]
    fn char_literals_hold_no_delimiters() {
        assert_eq!(scan("let open = '{';"), None);
        assert_eq!(scan("let close = b'}';"), None);
        assert_eq!(scan(r"let quote = '\'';  let brace = '\u{7d}';"), None);
        // The literal does not hide a real delimiter after it.
        assert_eq!(
            scan("let open = '{'; {"),
            Some(Unbalanced::Unclosed {
                line: 1,
                delimiter: '{'
            })
        );
    }

    #[test]
    fn strings_hold_no_delimiters() {
        assert_eq!(scan(r#"let s = "}";"#), None);
        assert_eq!(scan(r#"let s = b"([";"#), None);
        // An escaped quote does not end the string.
        assert_eq!(scan(r#"let s = "\"}";"#), None);
        // A string runs over lines.
        assert_eq!(scan("let s = \"one {\ntwo\";"), None);
    }

    #[test]
    fn raw_strings_hold_no_delimiters() {
        assert_eq!(scan(r###"let s = r"}\";"###), None);
        assert_eq!(scan(r###"let s = r#"a "}" b"#;"###), None);
        assert_eq!(scan(r###"let s = br##"("#)"##;"###), None);
        // A raw identifier is no raw string: its brace counts.
        assert_eq!(
            scan("let r#type = {"),
            Some(Unbalanced::Unclosed {
                line: 1,
                delimiter: '{'
            })
        );
    }

    #[test]
    fn comments_hold_no_delimiters() {
        assert_eq!(scan("f(); // }"), None);
        assert_eq!(scan("/// Closes the `}` of a block.\nfn f() {}"), None);
        assert_eq!(scan("/* } /* nested ) */ ] */ f();"), None);
        // A line comment ends with its line.
        assert_eq!(
            scan("// {\n}"),
            Some(Unbalanced::Stray {
                line: 2,
                found: '}',
                open: None
            })
        );
    }

    #[test]
    fn lifetimes_are_not_chars() {
        // Read as a char, `'a, b: &'` would swallow the text between them.
        assert_eq!(
            scan("fn f<'a>(x: &'a str, y: [u8; 1]) -> &'a str { x }"),
            None
        );
        assert_eq!(scan("fn f() -> &'static str { \"}\" }"), None);
        assert_eq!(scan("'outer: loop { break 'outer; }"), None);
    }
}
