//! Where a row is documented: its entry in the book and its item in the
//! client crate's rustdoc. The book links each Rust name to its rustdoc
//! page and each generated item's rustdoc links back to its book entry, so
//! both addresses are decided here, once per row, and recorded in the model.

use serde::Serialize;

/// Where the docs site publishes the book (`generated/docs`).
pub const BOOK_URL: &str = "https://cashflows-rs.github.io/cashflows/";

/// The book's pages that rows link to, as files under `generated/docs/src`.
pub mod pages {
    pub const GATEWAY_ERRORS: &str = "gateway-errors.md";
    pub const GATEWAY_WARNINGS: &str = "gateway-warnings.md";
    pub const ACQUIRER_CODES: &str = "acquirer-codes.md";
    pub const TEST_CARDS: &str = "test-cards.md";
    pub const ENDPOINTS: &str = "endpoints.md";
    pub const MODELS: &str = "models.md";
    pub const ENVIRONMENTS: &str = "environments.md";
    pub const REMOTE_AUTH: &str = "remote-auth.md";
    pub const TESTING_WITH_THE_SANDBOX: &str = "testing-with-the-sandbox.md";
}

/// A row's two addresses, and the Rust name the book shows for it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Links {
    /// The Rust path as a reader writes it: `GatewayErrorCode::InvalidPaymentStatus`.
    pub rust: String,
    /// The item's page (and fragment) in the client crate's rustdoc on docs.rs.
    pub rustdoc: String,
    /// The row's entry in the published book.
    pub book: String,
}

/// A Rust item of the client crate, as rustdoc files it.
pub enum Item<'a> {
    /// A variant of an enum: `enum.GatewayErrorCode.html#variant.X`.
    Variant {
        module: &'a str,
        ty: &'a str,
        variant: &'a str,
    },
    /// An associated constant: `struct.AcquirerReason.html#associatedconstant.DX01`.
    AssociatedConstant {
        module: &'a str,
        ty: &'a str,
        name: &'a str,
    },
    /// A method: `struct.Client.html#method.create_payment_job`.
    Method {
        module: &'a str,
        ty: &'a str,
        name: &'a str,
    },
    /// A free constant: `test_cards/constant.VISA_CREDIT_4000000000000002.html`.
    Constant { module: &'a str, name: &'a str },
    /// A module: `sandbox_triggers/gateway_errors/index.html`.
    Module { path: &'a str },
    /// A struct or enum of its own page: `models/struct.PaymentJob.html`.
    Type {
        module: &'a str,
        kind: TypeKind,
        name: &'a str,
    },
}

#[derive(Debug, Clone, Copy)]
pub enum TypeKind {
    Struct,
    Enum,
}

impl TypeKind {
    fn file_prefix(self) -> &'static str {
        match self {
            TypeKind::Struct => "struct",
            TypeKind::Enum => "enum",
        }
    }
}

/// The links of `item`, whose entry is `anchor` on the book's `page`.
pub fn links(item: Item<'_>, page: &str, anchor: &str) -> Links {
    Links {
        rust: rust_name(&item),
        rustdoc: rustdoc(&item),
        book: book(page, anchor),
    }
}

/// The published address of `anchor` on `page` (a `.md` file of the book).
pub fn book(page: &str, anchor: &str) -> String {
    let page = page.strip_suffix(".md").unwrap_or(page);
    if anchor.is_empty() {
        format!("{BOOK_URL}{page}.html")
    } else {
        format!("{BOOK_URL}{page}.html#{anchor}")
    }
}

/// The client crate's rustdoc at the version being generated (the
/// workspace's one version, which the generator shares).
pub fn rustdoc_root() -> String {
    format!(
        "https://docs.rs/cashflows/{}/cashflows/",
        env!("CARGO_PKG_VERSION")
    )
}

/// The sandbox crate's rustdoc, at the same version.
pub fn sandbox_rustdoc_root() -> String {
    format!(
        "https://docs.rs/cashflows-sandbox/{}/cashflows_sandbox/",
        env!("CARGO_PKG_VERSION")
    )
}

/// The rustdoc page (and fragment) of `item`.
fn rustdoc(item: &Item<'_>) -> String {
    let root = rustdoc_root();
    let path = match item {
        Item::Variant {
            module,
            ty,
            variant,
        } => format!("{}enum.{ty}.html#variant.{variant}", folder(module)),
        Item::AssociatedConstant { module, ty, name } => {
            format!(
                "{}struct.{ty}.html#associatedconstant.{name}",
                folder(module)
            )
        }
        Item::Method { module, ty, name } => {
            format!("{}struct.{ty}.html#method.{name}", folder(module))
        }
        Item::Constant { module, name } => format!("{}constant.{name}.html", folder(module)),
        Item::Module { path } => format!("{}index.html", folder(path)),
        Item::Type { module, kind, name } => {
            format!("{}{}.{name}.html", folder(module), kind.file_prefix())
        }
    };
    format!("{root}{path}")
}

/// A module path (`sandbox_triggers::gateway_errors`) as rustdoc's folder.
fn folder(module: &str) -> String {
    if module.is_empty() {
        String::new()
    } else {
        format!("{}/", module.replace("::", "/"))
    }
}

fn rust_name(item: &Item<'_>) -> String {
    match item {
        Item::Variant { ty, variant, .. } => format!("{ty}::{variant}"),
        Item::AssociatedConstant { ty, name, .. } | Item::Method { ty, name, .. } => {
            format!("{ty}::{name}")
        }
        Item::Constant { module, name } => format!("{module}::{name}"),
        Item::Module { path } => (*path).to_string(),
        Item::Type {
            module: "", name, ..
        } => (*name).to_string(),
        Item::Type { module, name, .. } => format!("{module}::{name}"),
    }
}
