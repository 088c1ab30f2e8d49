//! The dashboard's templates: HTML that escapes every value it shows
//! (minijinja escapes in templates named `.html`).

use std::sync::OnceLock;

use axum::http::StatusCode;
use axum::response::{Html, IntoResponse, Response};
use minijinja::{Environment, Value};

/// The dashboard's templates, parsed on the first page asked for: a
/// sandbox a test starts and stops without opening its dashboard never
/// pays for them.
#[derive(Default)]
pub(super) struct Pages {
    templates: OnceLock<Environment<'static>>,
}

impl Pages {
    pub(super) fn templates(&self) -> &Environment<'static> {
        self.templates.get_or_init(parse)
    }

    /// The page `name` rendered with `values`, or a 500 that says which.
    pub(super) fn render(&self, name: &str, values: Value) -> Response {
        match self
            .templates()
            .get_template(name)
            .and_then(|template| template.render(values))
        {
            Ok(page) => Html(page).into_response(),
            Err(error) => {
                tracing::error!(%error, name, "a dashboard page did not render");
                (StatusCode::INTERNAL_SERVER_ERROR, "the page did not render").into_response()
            }
        }
    }
}

/// The templates, each added under its name.
fn parse() -> Environment<'static> {
    let mut templates = Environment::new();
    for (name, source) in [
        ("layout.html", include_str!("templates/layout.html")),
        ("index.html", include_str!("templates/index.html")),
        ("job.html", include_str!("templates/job.html")),
        ("refused.html", include_str!("templates/refused.html")),
    ] {
        // The templates are part of the crate, and a test renders each.
        if let Err(error) = templates.add_template(name, source) {
            tracing::error!(%error, name, "a dashboard template does not parse");
        }
    }
    templates
}
