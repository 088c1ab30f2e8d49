//! The sandbox's modules import only downward: engine, then the adapters'
//! shared pieces and the adapters, then the server. This test reads every
//! `src/**/*.rs` file, collects the modules of the crate each one names
//! (`use crate::…`, `use super::…` and `self::…` paths, a child module's
//! path, and the same paths written inline), builds the graph of the
//! crate's modules, and fails on:
//!
//! - an import cycle, reported module by module;
//! - an engine module naming a module outside the engine;
//! - an engine file naming HTTP or networking (`axum`, `hyper`, `reqwest`,
//!   `http::`, `tokio::net`), or reading the system time itself: only its
//!   clock does;
//! - the server named by any module but the crate's root;
//! - a source file over 600 lines (the binary's, under `src/bin/`, too: it
//!   is a crate of its own over the library, so only this rule applies).
//!
//! Comments and string literals are not code: a doc comment may say what
//! the engine does not know. The checker is tested on small sources held in
//! memory, so each rule is seen to fail.

use std::collections::{BTreeMap, BTreeSet, VecDeque};
use std::path::Path;

/// The longest a source file may be.
const MAX_LINES: usize = 600;

/// The folder of the domain layer, which imports nothing above it.
const ENGINE: &str = "engine";

/// The layer that wires the others; only the crate's root names it.
const SERVER: &str = "server";

/// What the engine never names: it knows nothing of HTTP or networking.
const NETWORKING: [&str; 6] = [
    "axum",
    "hyper",
    "hyper_util",
    "reqwest",
    "http::",
    "tokio::net",
];

/// Ways of reading the system time; in the engine, only its clock does.
const TIME_READS: [&str; 3] = ["SystemTime::now", "Instant::now", "OffsetDateTime::now_utc"];

/// The engine's clock, the one engine file that reads the system time.
const CLOCK: &str = "src/engine/clock.rs";

#[test]
fn the_sandbox_modules_import_only_downward() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let (binary, library): (Vec<_>, Vec<_>) = read_sources(root, &root.join("src"))
        .into_iter()
        .partition(|file| file.path.starts_with(BINARY));
    assert!(
        library.len() > 10,
        "the sources are read: {}",
        library.len()
    );
    assert!(!binary.is_empty(), "the binary's sources are read");
    let mut problems = check(&library);
    // The binary is a crate of its own over the library's public API: its
    // `crate::` names its own modules. Only the size rule applies to it.
    problems.extend(binary.iter().filter_map(too_long));
    assert!(problems.is_empty(), "\n{}", problems.join("\n"));
}

/// The binary's sources: `src/bin/`.
const BINARY: &str = "src/bin/";

#[test]
fn the_scan_sees_the_imports_the_sources_have() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let files = read_sources(root, &root.join("src"));
    let graph = graph(&files);
    let names = |module: &str, target: &str| {
        let module: Module = module.split("::").map(str::to_owned).collect();
        let target: Module = target.split("::").map(str::to_owned).collect();
        graph
            .get(&module)
            .is_some_and(|named| named.contains(&target))
    };
    assert!(names("server", "gateway"));
    assert!(names("gateway::jobs", "engine"));
    assert!(names("engine::captures", "engine::store"));
    assert!(names("embedded::browser", "gateway"));
    assert!(!names("engine::store", "engine::captures"));
}

/// A source file, its path relative to the crate (`src/engine/job.rs`).
struct SourceFile {
    path: String,
    text: String,
}

/// A module, by its path from the crate's root (`[]` for the root,
/// `["engine", "job"]`).
type Module = Vec<String>;

fn read_sources(root: &Path, dir: &Path) -> Vec<SourceFile> {
    let mut files = Vec::new();
    for entry in std::fs::read_dir(dir).expect("the folder reads") {
        let path = entry.expect("an entry").path();
        if path.is_dir() {
            files.extend(read_sources(root, &path));
        } else if path.extension().is_some_and(|extension| extension == "rs") {
            let relative = path.strip_prefix(root).expect("inside the crate");
            files.push(SourceFile {
                path: relative.to_string_lossy().replace('\\', "/"),
                text: std::fs::read_to_string(&path).expect("the file reads"),
            });
        }
    }
    files
}

/// Every problem the sources have, one line each.
fn check(files: &[SourceFile]) -> Vec<String> {
    let graph = graph(files);
    let mut problems: Vec<String> = cycles(&graph)
        .iter()
        .map(|cycle| format!("import cycle: {}", show_path(cycle)))
        .collect();
    for (module, imported) in &graph {
        for target in imported {
            problems.extend(layer_problem(module, target));
        }
    }
    for file in files {
        problems.extend(engine_code_problems(file));
        problems.extend(too_long(file));
    }
    problems
}

/// Whether `file` has more lines than a source file may.
fn too_long(file: &SourceFile) -> Option<String> {
    let lines = file.text.lines().count();
    (lines > MAX_LINES).then(|| format!("{} has {lines} lines, more than {MAX_LINES}", file.path))
}

/// Each module of the crate, with the modules it names.
fn graph(files: &[SourceFile]) -> BTreeMap<Module, BTreeSet<Module>> {
    let modules: BTreeMap<Module, &SourceFile> = files
        .iter()
        .filter_map(|file| module_of(&file.path).map(|module| (module, file)))
        .collect();
    let known: BTreeSet<Module> = modules.keys().cloned().collect();
    modules
        .iter()
        .map(|(module, file)| (module.clone(), imports(module, &file.text, &known)))
        .collect()
}

/// The module a file holds; `None` for the binary's root (`src/main.rs`),
/// another crate.
fn module_of(path: &str) -> Option<Module> {
    let inner = path.strip_prefix("src/")?.strip_suffix(".rs")?;
    if inner == "main" {
        return None;
    }
    let mut module: Module = inner.split('/').map(str::to_owned).collect();
    if matches!(module.last().map(String::as_str), Some("lib" | "mod")) {
        module.pop();
    }
    Some(module)
}

/// What is wrong with `module` naming `target`, if anything.
fn layer_problem(module: &Module, target: &Module) -> Option<String> {
    let in_engine = |module: &Module| module.first().is_some_and(|first| first == ENGINE);
    let in_server = |module: &Module| module.first().is_some_and(|first| first == SERVER);
    if in_engine(module) && !in_engine(target) {
        return Some(format!(
            "{} names {}, outside the engine: the engine imports nothing above it",
            show(module),
            show(target)
        ));
    }
    if in_server(target) && !in_server(module) && !module.is_empty() {
        return Some(format!(
            "{} names {}: nothing but the crate's root names the server",
            show(module),
            show(target)
        ));
    }
    None
}

/// An engine file's code naming networking, or reading the system time
/// outside the clock.
fn engine_code_problems(file: &SourceFile) -> Vec<String> {
    if !file.path.starts_with(&format!("src/{ENGINE}/")) {
        return Vec::new();
    }
    let code = code_only(&file.text);
    let mut problems: Vec<String> = NETWORKING
        .iter()
        .filter(|name| mentions(&code, name))
        .map(|name| {
            format!(
                "{} names `{name}`: the engine knows nothing of HTTP or networking",
                file.path
            )
        })
        .collect();
    if file.path != CLOCK {
        problems.extend(
            TIME_READS
                .iter()
                .filter(|read| mentions(&code, read))
                .map(|read| {
                    format!(
                        "{} reads the system time (`{read}`): the engine reads its clock",
                        file.path
                    )
                }),
        );
    }
    problems
}

/// Whether `code` has `name` as a word (a name ending in `::` may go on).
fn mentions(code: &str, name: &str) -> bool {
    code.match_indices(name).any(|(at, _)| {
        let before = code[..at].chars().next_back();
        let after = code[at + name.len()..].chars().next();
        !before.is_some_and(is_ident) && (name.ends_with("::") || !after.is_some_and(is_ident))
    })
}

fn is_ident(c: char) -> bool {
    c.is_alphanumeric() || c == '_'
}

fn show(module: &Module) -> String {
    if module.is_empty() {
        "crate".to_owned()
    } else {
        module.join("::")
    }
}

fn show_path(path: &[Module]) -> String {
    path.iter().map(show).collect::<Vec<_>>().join(" → ")
}

// --- Reading the paths a file names -----------------------------------------

/// The modules of the crate the file of `module` names, itself left out.
fn imports(module: &Module, text: &str, known: &BTreeSet<Module>) -> BTreeSet<Module> {
    let tokens = tokens(&code_only(text));
    let mut named = BTreeSet::new();
    // The inline modules (`mod tests { … }`) the scan is in, with the brace
    // depth inside each.
    let mut inline: Vec<(String, usize)> = Vec::new();
    let mut depth: usize = 0;
    let mut index = 0;
    while let Some(token) = tokens.get(index) {
        let mut current = module.clone();
        current.extend(inline.iter().map(|(name, _)| name.clone()));
        let mut next = index + 1;
        match token.as_str() {
            "{" => depth += 1,
            "}" => {
                depth = depth.saturating_sub(1);
                inline.retain(|(_, inside)| *inside <= depth);
            }
            "mod" if tokens.get(index + 2).is_some_and(|token| token == "{") => {
                inline.push((tokens[index + 1].clone(), depth + 1));
            }
            "use" => {
                let (paths, end) = use_tree(&tokens, index + 1, &[]);
                named.extend(
                    paths
                        .iter()
                        .filter_map(|path| resolve(&current, path, known)),
                );
                next = end;
            }
            _ if starts_a_path(&tokens, index, &current, known) => {
                let (path, end) = inline_path(&tokens, index);
                named.extend(resolve(&current, &path, known));
                next = end;
            }
            _ => {}
        }
        index = next;
    }
    named.remove(module);
    named
}

/// Whether the token at `index` starts a path into the crate: `crate::`,
/// `super::`, `self::`, or a child module's name followed by `::`, and is
/// not itself inside a path (after `::` or `.`).
fn starts_a_path(
    tokens: &[String],
    index: usize,
    current: &Module,
    known: &BTreeSet<Module>,
) -> bool {
    let token = &tokens[index];
    let inside_a_path = index > 0 && matches!(tokens[index - 1].as_str(), "::" | ".");
    let followed_by_path = tokens.get(index + 1).is_some_and(|next| next == "::");
    let is_child = || {
        let mut child = current.clone();
        child.push(token.clone());
        known.contains(&child)
    };
    followed_by_path
        && !inside_a_path
        && (matches!(token.as_str(), "crate" | "super" | "self") || is_child())
}

/// The names of a path written inline (`a::b::c`) starting at `start`,
/// and the index just past it.
fn inline_path(tokens: &[String], start: usize) -> (Vec<String>, usize) {
    let mut path = vec![tokens[start].clone()];
    let mut index = start + 1;
    while tokens.get(index).is_some_and(|token| token == "::") {
        let Some(name) = tokens.get(index + 1).filter(|token| is_name(token)) else {
            break;
        };
        path.push(name.clone());
        index += 2;
    }
    (path, index)
}

/// The paths of the `use` tree at `index` (after `use`, or inside braces),
/// each under `prefix`, and the index just past the tree.
fn use_tree(tokens: &[String], mut index: usize, prefix: &[String]) -> (Vec<Vec<String>>, usize) {
    let mut path = prefix.to_vec();
    loop {
        match tokens.get(index).map(String::as_str) {
            Some("::") => index += 1,
            Some("{") => {
                index += 1;
                let mut paths = Vec::new();
                while !matches!(tokens.get(index).map(String::as_str), Some("}") | None) {
                    let (inner, end) = use_tree(tokens, index, &path);
                    paths.extend(inner);
                    index = end;
                    if tokens.get(index).is_some_and(|token| token == ",") {
                        index += 1;
                    }
                }
                return (paths, index + 1);
            }
            // `name as alias`: the alias names nothing.
            Some("as") => index += 2,
            Some(name) if is_name(name) => {
                path.push(name.to_owned());
                index += 1;
            }
            // `*` (the module itself), then `;`, `,` or `}` end the tree.
            Some("*") => index += 1,
            _ => return (vec![path], index),
        }
    }
}

/// The module of the crate `path` names from `current`, or `None` for
/// another crate's path.
fn resolve(current: &Module, path: &[String], known: &BTreeSet<Module>) -> Option<Module> {
    let first = path.first()?;
    let (mut base, mut rest) = match first.as_str() {
        "crate" => (Module::new(), &path[1..]),
        "self" => (current.clone(), &path[1..]),
        "super" => {
            let supers = path.iter().take_while(|name| *name == "super").count();
            let mut base = current.clone();
            base.truncate(base.len().checked_sub(supers)?);
            (base, &path[supers..])
        }
        _ => (current.clone(), path),
    };
    let is_child = |base: &Module, name: &String| {
        let mut child = base.clone();
        child.push(name.clone());
        known.contains(&child)
    };
    if !matches!(first.as_str(), "crate" | "self" | "super") && !is_child(&base, first) {
        return None;
    }
    while let Some(name) = rest.first().filter(|name| is_child(&base, name)) {
        base.push(name.clone());
        rest = &rest[1..];
    }
    // An inline module (`tests`) belongs to its file's module.
    while !known.contains(&base) && base.pop().is_some() {}
    Some(base)
}

fn is_name(token: &str) -> bool {
    token.starts_with(|c: char| c.is_alphabetic() || c == '_')
}

/// The code's tokens: names, `::`, and single punctuation characters.
fn tokens(code: &str) -> Vec<String> {
    let mut tokens = Vec::new();
    let mut chars = code.chars().peekable();
    while let Some(c) = chars.next() {
        if is_ident(c) {
            let mut name = c.to_string();
            while let Some(next) = chars.next_if(|next| is_ident(*next)) {
                name.push(next);
            }
            tokens.push(name);
        } else if c == ':' && chars.next_if_eq(&':').is_some() {
            tokens.push("::".to_owned());
        } else if !c.is_whitespace() {
            tokens.push(c.to_string());
        }
    }
    tokens
}

/// `text` with its comments and the insides of its string and character
/// literals blanked out, lines kept.
fn code_only(text: &str) -> String {
    let chars: Vec<char> = text.chars().collect();
    let mut code = String::with_capacity(text.len());
    let mut index = 0;
    let blank = |code: &mut String, c: char| code.push(if c == '\n' { '\n' } else { ' ' });
    while let Some(&c) = chars.get(index) {
        let next = chars.get(index + 1).copied();
        let end = if c == '/' && next == Some('/') {
            chars[index..]
                .iter()
                .position(|c| *c == '\n')
                .map_or(chars.len(), |at| index + at)
        } else if c == '/' && next == Some('*') {
            block_comment_end(&chars, index)
        } else if c == '"' || raw_string_start(&chars, index) {
            string_end(&chars, index)
        } else if c == '\'' {
            char_literal_end(&chars, index).unwrap_or(index + 1)
        } else {
            code.push(c);
            index += 1;
            continue;
        };
        for &skipped in &chars[index..end] {
            blank(&mut code, skipped);
        }
        index = end;
    }
    code
}

fn block_comment_end(chars: &[char], start: usize) -> usize {
    let mut depth = 0;
    let mut index = start;
    while index + 1 < chars.len() {
        match (chars[index], chars[index + 1]) {
            ('/', '*') => depth += 1,
            ('*', '/') => {
                depth -= 1;
                if depth == 0 {
                    return index + 2;
                }
            }
            _ => {
                index += 1;
                continue;
            }
        }
        index += 2;
    }
    chars.len()
}

/// Whether a raw string (`r"…"`, `r#"…"#`, `br"…"`) starts at `index`.
fn raw_string_start(chars: &[char], index: usize) -> bool {
    let starts_word = index == 0 || !is_ident(chars[index - 1]);
    let after_prefix = match chars[index] {
        'r' => index + 1,
        'b' if chars.get(index + 1) == Some(&'r') => index + 2,
        _ => return false,
    };
    let hashes = chars[after_prefix..]
        .iter()
        .take_while(|c| **c == '#')
        .count();
    starts_word && chars.get(after_prefix + hashes) == Some(&'"')
}

/// Where the string literal starting at `start` ends (after its quote).
fn string_end(chars: &[char], start: usize) -> usize {
    let quote = start + chars[start..].iter().position(|c| *c == '"').unwrap_or(0);
    let hashes = chars[start..quote].iter().filter(|c| **c == '#').count();
    let raw = quote > start;
    let mut index = quote + 1;
    while let Some(&c) = chars.get(index) {
        if c == '\\' && !raw {
            index += 2;
            continue;
        }
        let closes = chars[index + 1..]
            .iter()
            .take(hashes)
            .filter(|c| **c == '#')
            .count();
        if c == '"' && closes == hashes {
            return index + 1 + hashes;
        }
        index += 1;
    }
    chars.len()
}

/// Where the character literal starting at `start` ends, or `None` for a
/// lifetime (`'a`).
fn char_literal_end(chars: &[char], start: usize) -> Option<usize> {
    if chars.get(start + 1) == Some(&'\\') {
        let close = chars[start + 2..].iter().position(|c| *c == '\'')?;
        return Some(start + 2 + close + 1);
    }
    (chars.get(start + 2) == Some(&'\'')).then_some(start + 3)
}

// --- Cycles -----------------------------------------------------------------

/// One shortest cycle through each group of modules that import each
/// other, each starting at the group's first module.
fn cycles(graph: &BTreeMap<Module, BTreeSet<Module>>) -> Vec<Vec<Module>> {
    let reach: BTreeMap<&Module, BTreeSet<Module>> = graph
        .keys()
        .map(|module| (module, reachable(graph, module)))
        .collect();
    let mut reported: BTreeSet<Module> = BTreeSet::new();
    let mut cycles = Vec::new();
    for module in graph.keys() {
        if reported.contains(module) || !reach[module].contains(module) {
            continue;
        }
        let group = reach[module]
            .iter()
            .filter(|other| reach.get(other).is_some_and(|back| back.contains(module)));
        reported.extend(group.cloned());
        cycles.push(shortest_cycle(graph, module));
    }
    cycles
}

/// The modules reachable from `start` by one import or more.
fn reachable(graph: &BTreeMap<Module, BTreeSet<Module>>, start: &Module) -> BTreeSet<Module> {
    let mut seen = BTreeSet::new();
    let mut pending: Vec<&Module> = graph.get(start).into_iter().flatten().collect();
    while let Some(module) = pending.pop() {
        if seen.insert(module.clone()) {
            pending.extend(graph.get(module).into_iter().flatten());
        }
    }
    seen
}

/// The shortest path of imports from `start` back to it.
fn shortest_cycle(graph: &BTreeMap<Module, BTreeSet<Module>>, start: &Module) -> Vec<Module> {
    // Breadth first, remembering where each module was reached from.
    let mut reached_from: BTreeMap<&Module, &Module> = BTreeMap::new();
    let mut pending = VecDeque::from([start]);
    while let Some(module) = pending.pop_front() {
        for next in graph.get(module).into_iter().flatten() {
            if next == start {
                let mut path = vec![start.clone()];
                let mut at = module;
                while at != start {
                    path.push(at.clone());
                    at = reached_from[at];
                }
                path.push(start.clone());
                path.reverse();
                return path;
            }
            if !reached_from.contains_key(next) {
                reached_from.insert(next, module);
                pending.push_back(next);
            }
        }
    }
    vec![start.clone()]
}

// --- The checker, on sources held in memory ---------------------------------

mod checker {
    use super::*;

    fn sources(files: &[(&str, &str)]) -> Vec<SourceFile> {
        files
            .iter()
            .map(|(path, text)| SourceFile {
                path: (*path).to_owned(),
                text: (*text).to_owned(),
            })
            .collect()
    }

    fn problems(files: &[(&str, &str)]) -> Vec<String> {
        check(&sources(files))
    }

    fn modules_named(path: &str, text: &str, known: &[&str]) -> Vec<String> {
        let known: BTreeSet<Module> = known
            .iter()
            .map(|module| module_of(module).expect("a module"))
            .collect();
        let module = module_of(path).expect("a module");
        imports(&module, text, &known).iter().map(show).collect()
    }

    #[test]
    fn a_cycle_is_reported_module_by_module() {
        let found = problems(&[
            ("src/lib.rs", "mod a; mod b; mod c;"),
            ("src/a.rs", "use crate::b::Thing;"),
            ("src/b.rs", "pub fn f() { crate::c::g() }"),
            ("src/c.rs", "use super::a;"),
        ]);
        assert_eq!(found, ["import cycle: a → b → c → a"]);
        assert_eq!(
            problems(&[("src/a.rs", "use crate::b::X;"), ("src/b.rs", "")]),
            Vec::<String>::new()
        );
    }

    #[test]
    fn a_parent_and_a_child_importing_each_other_are_a_cycle() {
        let found = problems(&[
            (
                "src/engine/mod.rs",
                "mod job; pub(crate) use job::Job; pub struct Store;",
            ),
            ("src/engine/job.rs", "use super::Store;"),
        ]);
        assert_eq!(found, ["import cycle: engine → engine::job → engine"]);
    }

    #[test]
    fn the_engine_names_nothing_above_it_even_through_super() {
        let files = [
            ("src/lib.rs", "mod engine; mod server;"),
            ("src/server/mod.rs", ""),
            ("src/engine/mod.rs", "mod job;"),
            ("src/engine/job.rs", "use super::super::server::Sandbox;"),
        ];
        assert_eq!(
            problems(&files),
            ["engine::job names server, outside the engine: the engine imports nothing above it"]
        );
    }

    #[test]
    fn only_the_root_names_the_server() {
        let files = [
            (
                "src/lib.rs",
                "mod gateway; mod server; pub use server::Sandbox;",
            ),
            ("src/server/mod.rs", "use crate::gateway;"),
            (
                "src/gateway/mod.rs",
                "fn f() -> crate::server::Thing { todo!() }",
            ),
        ];
        assert_eq!(
            problems(&files),
            [
                "import cycle: gateway → server → gateway",
                "gateway names server: nothing but the crate's root names the server",
            ]
        );
    }

    #[test]
    fn engine_code_names_no_networking_and_reads_no_system_time() {
        let files = [
            (
                "src/engine/job.rs",
                "//! Knows nothing of axum or hyper.\n\
                 use cashflows::http_statuses::OK;\n\
                 fn f() -> reqwest::Client { let _ = SystemTime::now(); todo!() }",
            ),
            ("src/engine/clock.rs", "fn now() { SystemTime::now() }"),
            ("src/gateway.rs", "use axum::Router;"),
        ];
        assert_eq!(
            problems(&files),
            [
                "src/engine/job.rs names `reqwest`: the engine knows nothing of HTTP or networking",
                "src/engine/job.rs reads the system time (`SystemTime::now`): the engine reads its clock",
            ]
        );
    }

    #[test]
    fn a_long_file_fails() {
        let long = "fn f() {}\n".repeat(MAX_LINES + 1);
        let just_right = "fn f() {}\n".repeat(MAX_LINES);
        assert_eq!(
            problems(&[("src/a.rs", &long), ("src/b.rs", &just_right)]),
            ["src/a.rs has 601 lines, more than 600"]
        );
    }

    #[test]
    fn grouped_imports_name_each_module() {
        let named = modules_named(
            "src/gateway/jobs.rs",
            "use crate::{engine::{self, job::Job}, app::App};\nuse super::links::{a, b as c};",
            &[
                "src/engine/mod.rs",
                "src/engine/job.rs",
                "src/app.rs",
                "src/gateway/mod.rs",
                "src/gateway/links.rs",
                "src/gateway/jobs.rs",
            ],
        );
        assert_eq!(named, ["app", "engine", "engine::job", "gateway::links"]);
    }

    #[test]
    fn an_inline_test_module_and_literals_name_nothing() {
        let named = modules_named(
            "src/engine/job.rs",
            "fn f() { let s = \"use crate::server::X;\"; let c = '\"'; let r = r#\"crate::app::\"#; }\n\
             fn g<'a>(x: &'a str) {}\n\
             #[cfg(test)]\nmod tests {\n    use super::*;\n}\n",
            &[
                "src/engine/mod.rs",
                "src/engine/job.rs",
                "src/server/mod.rs",
                "src/app.rs",
            ],
        );
        assert!(named.is_empty(), "{named:?}");
    }
}
