//! Generator scaling: in-memory generation of the real spec, and of
//! synthetic specs 10× and 100× its size (rows copied under new names).

use std::path::Path;
use std::time::{Duration, Instant};

use cashflows_codegen::spec::{Spec, files};
use cashflows_codegen::{HandWritten, SourceFile, SpecSources, Tools};

use crate::report::{self, Report};

/// The median over `runs` of the whole pipeline, and of its rustfmt pass.
fn time_generation(
    sources: &SpecSources,
    code: &HandWritten,
    runs: usize,
) -> Result<Timing, String> {
    let mut totals = Vec::new();
    let mut formats = Vec::new();
    for _ in 0..runs {
        let started = Instant::now();
        let model = cashflows_codegen::resolve(sources, code).map_err(|p| p.to_string())?;
        let mut files = cashflows_codegen::emit::layout(&model).map_err(|e| e.to_string())?;
        let formatting = Instant::now();
        cashflows_codegen::emit::format_rust(&mut files, &Tools::from_env())
            .map_err(|e| e.to_string())?;
        formats.push(formatting.elapsed());
        totals.push(started.elapsed());
    }
    Ok(Timing {
        total: report::median(totals),
        rustfmt: report::median(formats),
    })
}

struct Timing {
    total: Duration,
    rustfmt: Duration,
}

pub fn measure(report: &mut Report) -> Result<(), String> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    let real =
        SpecSources::read_dir(&root.join("spec")).map_err(|problems| problems.to_string())?;
    let code = HandWritten::read(&root).map_err(|err| err.to_string())?;
    let spec = cashflows_codegen::load::parse(&real).map_err(|problems| problems.to_string())?;
    let real_time = time_generation(&real, &code, 5)?;
    let ten = time_generation(&scaled(&spec, 10)?, &code, 3)?;
    let hundred = time_generation(&scaled(&spec, 100)?, &code, 1)?;
    let ms = |d: Duration| d.as_secs_f64() * 1000.0;
    report.add(
        "generator: real spec",
        format!("{:.0} ms", ms(real_time.total)),
        "< 50 ms",
        Some(real_time.total < Duration::from_millis(50)),
        format!(
            "{:.0} ms of it is the rustfmt pass (one rustfmt process per core); \
             load, resolve and emit take {:.0} ms",
            ms(real_time.rustfmt),
            ms(real_time.total - real_time.rustfmt)
        ),
    );
    let ratio = hundred.total.as_secs_f64() / real_time.total.as_secs_f64();
    report.add(
        "generator: 10× and 100× spec",
        format!(
            "{:.0} ms and {:.0} ms (100× = {ratio:.1}× the real spec)",
            ms(ten.total),
            ms(hundred.total)
        ),
        "100× within 120× the real spec",
        Some(ratio <= 120.0),
        "acquirer codes, statuses and environments are not multiplied (their tables are bounded)"
            .to_owned(),
    );
    Ok(())
}

/// The spec with its open-ended tables copied `factor` times under new names.
fn scaled(spec: &Spec, factor: usize) -> Result<SpecSources, String> {
    let mut spec = spec.clone();
    let (errors, warnings) = (spec.errors.errors.clone(), spec.warnings.warnings.clone());
    let (models, enums) = (spec.models.models.clone(), spec.models.enums.clone());
    let (endpoints, cards, holders) = (
        spec.endpoints.gateway.endpoints.clone(),
        spec.cards.cards.clone(),
        spec.cards.holders.clone(),
    );
    for copy in 1..factor {
        let suffix = |text: &str| format!("{text}Copy{copy}");
        for row in &errors {
            let mut row = row.clone();
            row.code = row.code.as_deref().map(suffix);
            row.name = row.name.as_deref().map(suffix);
            row.message = format!("{} ({copy})", row.message);
            spec.errors.errors.push(row);
        }
        for row in &warnings {
            let mut row = row.clone();
            row.code = row.code.as_deref().map(suffix);
            row.name = row.name.as_deref().map(suffix);
            row.message = format!("{} ({copy})", row.message);
            spec.warnings.warnings.push(row);
        }
        for model in &models {
            let mut model = model.clone();
            model.name = suffix(&model.name);
            spec.models.models.push(model);
        }
        for def in &enums {
            let mut def = def.clone();
            def.name = suffix(&def.name);
            spec.models.enums.push(def);
        }
        for endpoint in &endpoints {
            let mut endpoint = endpoint.clone();
            endpoint.name = format!("{}_copy{copy}", endpoint.name);
            endpoint.path =
                endpoint
                    .path
                    .replacen("/api/gateway", &format!("/api/gateway/copy{copy}"), 1);
            spec.endpoints.gateway.endpoints.push(endpoint);
        }
        for card in &cards {
            let mut card = card.clone();
            card.number = renumbered(&card.number, copy);
            spec.cards.cards.push(card);
        }
        for holder in &holders {
            let mut holder = holder.clone();
            holder.name = format!("{} Copy {copy}", holder.name);
            spec.cards.holders.push(holder);
        }
    }
    to_sources(&spec)
}

/// A different Luhn-valid number of the same length and prefix.
fn renumbered(number: &str, copy: usize) -> String {
    let digits: Vec<u32> = number.chars().filter_map(|c| c.to_digit(10)).collect();
    let body_len = digits.len() - 1;
    let mut body: Vec<u32> = digits[..body_len].to_vec();
    let mut value = copy;
    for position in (6..body_len).rev() {
        body[position] = (body[position] + (value % 10) as u32) % 10;
        value /= 10;
    }
    let sum: u32 = body
        .iter()
        .rev()
        .enumerate()
        .map(|(index, digit)| {
            if index % 2 == 0 {
                let d = digit * 2;
                if d > 9 { d - 9 } else { d }
            } else {
                *digit
            }
        })
        .sum();
    let check = (10 - sum % 10) % 10;
    body.iter()
        .chain(std::iter::once(&check))
        .map(|d| char::from_digit(*d, 10).unwrap_or('0'))
        .collect()
}

fn to_sources(spec: &Spec) -> Result<SpecSources, String> {
    let yaml = |value: Result<String, serde_yaml::Error>| value.map_err(|err| err.to_string());
    // As long as `files::ALL`: a new spec file cannot be left out.
    let pairs: [(&str, String); files::ALL.len()] = [
        (
            files::GUIDANCE,
            yaml(serde_yaml::to_string(&spec.guidance))?,
        ),
        (
            files::GATEWAY_ERRORS,
            yaml(serde_yaml::to_string(&spec.errors))?,
        ),
        (
            files::GATEWAY_WARNINGS,
            yaml(serde_yaml::to_string(&spec.warnings))?,
        ),
        (
            files::ACQUIRER_CODES,
            yaml(serde_yaml::to_string(&spec.acquirer))?,
        ),
        (files::TEST_CARDS, yaml(serde_yaml::to_string(&spec.cards))?),
        (
            files::HTTP_STATUSES,
            yaml(serde_yaml::to_string(&spec.statuses))?,
        ),
        (
            files::ENVIRONMENTS,
            yaml(serde_yaml::to_string(&spec.environments))?,
        ),
        (
            files::ENDPOINTS,
            yaml(serde_yaml::to_string(&spec.endpoints))?,
        ),
        (files::MODELS, yaml(serde_yaml::to_string(&spec.models))?),
        (files::SANDBOX, yaml(serde_yaml::to_string(&spec.sandbox))?),
        (
            files::SANDBOX_CONTROL,
            yaml(serde_yaml::to_string(&spec.sandbox_control))?,
        ),
    ];
    Ok(SpecSources {
        files: pairs
            .into_iter()
            .map(|(name, text)| SourceFile {
                name: name.to_owned(),
                text,
            })
            .collect(),
    })
}
