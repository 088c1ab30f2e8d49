//! Reading `spec/`: one YAML file per table, parsed with unknown keys refused.

use std::path::Path;

use serde::de::DeserializeOwned;

use crate::diagnostics::{Problem, Problems};
use crate::spec::{Spec, files};

/// The text of one spec file, kept so that problems can name lines.
#[derive(Debug, Clone)]
pub struct SourceFile {
    pub name: String,
    pub text: String,
}

impl SourceFile {
    /// The line of the `nth` (0-based) occurrence of `key: value` below line
    /// `after`, in block or flow style, quoted or not.
    pub fn line_of(&self, key: &str, value: &str, nth: usize, after: usize) -> Option<usize> {
        let forms = [
            format!("{key}: {value}"),
            format!("{key}: \"{value}\""),
            format!("{key}: '{value}'"),
        ];
        self.text
            .lines()
            .enumerate()
            .skip(after)
            .filter(|(_, line)| forms.iter().any(|form| contains_whole(line, form)))
            .nth(nth)
            .map(|(index, _)| index + 1)
    }

    /// The line that opens the block `key:` (nothing after the colon) below
    /// line `after`, at any depth.
    pub fn line_of_block(&self, key: &str, after: usize) -> Option<usize> {
        let opening = format!("{key}:");
        self.text
            .lines()
            .enumerate()
            .skip(after)
            .find(|(_, line)| line.trim() == opening)
            .map(|(index, _)| index + 1)
    }
}

/// Whether `line` contains `form` followed by the end of a YAML scalar.
fn contains_whole(line: &str, form: &str) -> bool {
    line.match_indices(form).any(|(at, _)| {
        let before_ok = at == 0 || matches!(line.as_bytes()[at - 1], b' ' | b'{' | b'-' | b',');
        let rest = &line[at + form.len()..];
        before_ok && (rest.is_empty() || rest.starts_with([',', '}', ' ', '#']))
    })
}

/// All spec files, read from disk or given in memory.
#[derive(Debug, Clone, Default)]
pub struct SpecSources {
    pub files: Vec<SourceFile>,
}

impl SpecSources {
    /// Reads every table file from `dir`. A missing file is a problem, not a panic.
    pub fn read_dir(dir: &Path) -> Result<SpecSources, Problems> {
        let mut problems = Problems::default();
        let mut sources = SpecSources::default();
        for name in files::ALL {
            match std::fs::read_to_string(dir.join(name)) {
                Ok(text) => sources.files.push(SourceFile {
                    name: name.to_string(),
                    text,
                }),
                Err(err) => problems.push(Problem {
                    file: name.to_string(),
                    line: None,
                    entry: None,
                    reason: format!("cannot read {}: {err}", dir.join(name).display()),
                }),
            }
        }
        problems.into_result().map(|()| sources)
    }

    /// The file called `name`, if it was read.
    pub fn get(&self, name: &str) -> Option<&SourceFile> {
        self.files.iter().find(|file| file.name == name)
    }
}

/// Parses every table; reports every file that fails, not just the first.
pub fn parse(sources: &SpecSources) -> Result<Spec, Problems> {
    let mut problems = Problems::default();
    let guidance = parse_one(sources, files::GUIDANCE, &mut problems);
    let errors = parse_one(sources, files::GATEWAY_ERRORS, &mut problems);
    let warnings = parse_one(sources, files::GATEWAY_WARNINGS, &mut problems);
    let acquirer = parse_one(sources, files::ACQUIRER_CODES, &mut problems);
    let cards = parse_one(sources, files::TEST_CARDS, &mut problems);
    let statuses = parse_one(sources, files::HTTP_STATUSES, &mut problems);
    let environments = parse_one(sources, files::ENVIRONMENTS, &mut problems);
    let endpoints = parse_one(sources, files::ENDPOINTS, &mut problems);
    let models = parse_one(sources, files::MODELS, &mut problems);
    let sandbox = parse_one(sources, files::SANDBOX, &mut problems);
    let sandbox_control = parse_one(sources, files::SANDBOX_CONTROL, &mut problems);
    match (
        guidance,
        errors,
        warnings,
        acquirer,
        cards,
        statuses,
        environments,
        endpoints,
        models,
        sandbox,
        sandbox_control,
    ) {
        (
            Some(guidance),
            Some(errors),
            Some(warnings),
            Some(acquirer),
            Some(cards),
            Some(statuses),
            Some(environments),
            Some(endpoints),
            Some(models),
            Some(sandbox),
            Some(sandbox_control),
        ) if problems.is_empty() => Ok(Spec {
            guidance,
            errors,
            warnings,
            acquirer,
            cards,
            statuses,
            environments,
            endpoints,
            models,
            sandbox,
            sandbox_control,
        }),
        _ => Err(problems),
    }
}

fn parse_one<T: DeserializeOwned>(
    sources: &SpecSources,
    name: &str,
    problems: &mut Problems,
) -> Option<T> {
    let Some(file) = sources.get(name) else {
        problems.push(Problem {
            file: name.to_string(),
            line: None,
            entry: None,
            reason: "the file is missing".to_string(),
        });
        return None;
    };
    match serde_yaml::from_str(&file.text) {
        Ok(value) => Some(value),
        Err(err) => {
            problems.push(yaml_problem(name, &err));
            None
        }
    }
}

/// serde_yaml knows the line; its message names the entry path
/// (`cards[2]: unknown field …`), which becomes the entry.
fn yaml_problem(name: &str, err: &serde_yaml::Error) -> Problem {
    let line = err.location().map(|location| location.line());
    let message = err.to_string();
    // Drop serde_yaml's own " at line L column C" suffix: the line is reported apart.
    let message = match message.find(" at line ") {
        Some(at) => message[..at].to_string(),
        None => message,
    };
    let (entry, reason) = match message.split_once(": ") {
        Some((path, rest)) if looks_like_path(path) => (Some(path.to_string()), rest.to_string()),
        _ => (None, message),
    };
    Problem {
        file: name.to_string(),
        line,
        entry,
        reason,
    }
}

fn looks_like_path(text: &str) -> bool {
    !text.is_empty()
        && !text.contains(' ')
        && text
            .chars()
            .all(|c| c.is_alphanumeric() || "_.[]-".contains(c))
}

#[cfg(test)]
mod tests {
    use super::SourceFile;

    #[test]
    fn lines_are_found_in_block_and_flow_style_and_by_occurrence() {
        let file = SourceFile {
            name: "x.yaml".into(),
            text: "a:\n  - code: Dx01\n  - { code: \"Dx01\", reason: r }\n  - code: Dx012\n".into(),
        };
        assert_eq!(file.line_of("code", "Dx01", 0, 0), Some(2));
        assert_eq!(file.line_of("code", "Dx01", 1, 0), Some(3));
        assert_eq!(
            file.line_of("code", "Dx01", 2, 0),
            None,
            "Dx012 is another value"
        );
        assert_eq!(
            file.line_of("code", "Dx01", 0, 2),
            Some(3),
            "searched below line 2"
        );
    }

    #[test]
    fn blocks_are_found_below_a_line() {
        let file = SourceFile {
            name: "x.yaml".into(),
            text: "natural:
  rows:
    - row: A
rules:
  rows:
    - row: A
"
            .into(),
        };
        assert_eq!(file.line_of_block("rules", 0), Some(4));
        assert_eq!(file.line_of_block("rows", 4), Some(5));
        assert_eq!(file.line_of("row", "A", 0, 5), Some(6));
        assert_eq!(file.line_of_block("row", 0), None, "a key with a value");
    }
}
