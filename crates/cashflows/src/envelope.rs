//! The envelope every Gateway answer comes in: `data`, `errorReport` and
//! `links`. Protocol plumbing the client decodes field by field, so it is
//! written here rather than generated. Like the models, each keeps the
//! fields it does not list, and is read and written through
//! `crate::model_serde` from its key table below.

use std::collections::BTreeMap;

use serde::de::MapAccess;

use crate::model_serde::{Fields, ReadModel, WriteModel, collection, value};
use crate::models::WireFields;

/// Errors and warnings the Gateway reports with an answer.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ErrorReport {
    /// The errors.
    pub errors: Vec<ErrorEntry>,
    /// The warnings, also sent with successful answers.
    pub warnings: Vec<ErrorEntry>,
    /// The language of the translated messages.
    pub language: Option<String>,
    /// Whether the request failed as a whole.
    pub is_fatal_error: Option<bool>,
    /// Fields this crate does not list, as received.
    pub other: BTreeMap<String, serde_json::Value>,
}

/// One error or warning as the Gateway sends it.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ErrorEntry {
    /// The symbolic code, for example `InvalidPaymentStatus`.
    pub code: Option<String>,
    /// The message in English.
    pub message: Option<String>,
    /// Values the message refers to.
    pub parameters: Vec<String>,
    /// The message in the requested locale.
    pub translated_message: Option<String>,
    /// Fields this crate does not list, as received.
    pub other: BTreeMap<String, serde_json::Value>,
}

/// Links that come with an answer.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Links {
    /// The resource itself.
    pub data: Option<Link>,
    /// Where the shopper goes next (the hosted payment page or a 3-D Secure step).
    pub action: Option<Link>,
    /// Documentation about the answer.
    pub documentation: Option<Link>,
    /// Fields this crate does not list, as received.
    pub other: BTreeMap<String, serde_json::Value>,
}

/// A link and its type.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Link {
    /// The address.
    pub url: Option<String>,
    /// The kind of link.
    pub link_type: Option<String>,
    /// Fields this crate does not list, as received.
    pub other: BTreeMap<String, serde_json::Value>,
}

crate::model_serde::serde_through_tables!(ErrorReport, ErrorEntry, Links, Link);

impl WireFields for ErrorReport {
    const WIRE_NAMES: &'static [&'static str] = &["errors", "warnings", "language", "isFatalError"];
}

impl ReadModel for ErrorReport {
    const NAME: &'static str = "ErrorReport";
    const REQUIRED: &'static [usize] = &[];

    const LOOKUP: &'static [(&'static str, usize)] = &[
        ("errors", 0),
        ("Errors", 0),
        ("warnings", 1),
        ("Warnings", 1),
        ("language", 2),
        ("Language", 2),
        ("isFatalError", 3),
        ("IsFatalError", 3),
    ];

    fn empty() -> Self {
        Self::default()
    }

    fn read<'de, A: MapAccess<'de>>(&mut self, index: usize, map: &mut A) -> Result<(), A::Error> {
        match index {
            0 => collection(map, &mut self.errors),
            1 => collection(map, &mut self.warnings),
            2 => value(map, &mut self.language),
            _ => value(map, &mut self.is_fatal_error),
        }
    }

    fn other(&mut self) -> &mut BTreeMap<String, serde_json::Value> {
        &mut self.other
    }
}

impl WriteModel for ErrorReport {
    fn write(&self, fields: &mut Fields<'_>) {
        if !self.errors.is_empty() {
            fields.field("errors", &self.errors);
        }
        if !self.warnings.is_empty() {
            fields.field("warnings", &self.warnings);
        }
        if let Some(value) = &self.language {
            fields.field("language", value);
        }
        if let Some(value) = &self.is_fatal_error {
            fields.field("isFatalError", value);
        }
        fields.kept(&self.other);
    }
}

impl WireFields for ErrorEntry {
    const WIRE_NAMES: &'static [&'static str] =
        &["code", "message", "parameters", "translatedMessage"];
}

impl ReadModel for ErrorEntry {
    const NAME: &'static str = "ErrorEntry";
    const REQUIRED: &'static [usize] = &[];

    const LOOKUP: &'static [(&'static str, usize)] = &[
        ("code", 0),
        ("Code", 0),
        ("message", 1),
        ("Message", 1),
        ("parameters", 2),
        ("Parameters", 2),
        ("translatedMessage", 3),
        ("TranslatedMessage", 3),
    ];

    fn empty() -> Self {
        Self::default()
    }

    fn read<'de, A: MapAccess<'de>>(&mut self, index: usize, map: &mut A) -> Result<(), A::Error> {
        match index {
            0 => value(map, &mut self.code),
            1 => value(map, &mut self.message),
            2 => collection(map, &mut self.parameters),
            _ => value(map, &mut self.translated_message),
        }
    }

    fn other(&mut self) -> &mut BTreeMap<String, serde_json::Value> {
        &mut self.other
    }
}

impl WriteModel for ErrorEntry {
    fn write(&self, fields: &mut Fields<'_>) {
        if let Some(value) = &self.code {
            fields.field("code", value);
        }
        if let Some(value) = &self.message {
            fields.field("message", value);
        }
        if !self.parameters.is_empty() {
            fields.field("parameters", &self.parameters);
        }
        if let Some(value) = &self.translated_message {
            fields.field("translatedMessage", value);
        }
        fields.kept(&self.other);
    }
}

impl WireFields for Links {
    const WIRE_NAMES: &'static [&'static str] = &["data", "action", "documentation"];
}

impl ReadModel for Links {
    const NAME: &'static str = "Links";
    const REQUIRED: &'static [usize] = &[];

    const LOOKUP: &'static [(&'static str, usize)] = &[
        ("data", 0),
        ("Data", 0),
        ("action", 1),
        ("Action", 1),
        ("documentation", 2),
        ("Documentation", 2),
    ];

    fn empty() -> Self {
        Self::default()
    }

    fn read<'de, A: MapAccess<'de>>(&mut self, index: usize, map: &mut A) -> Result<(), A::Error> {
        match index {
            0 => value(map, &mut self.data),
            1 => value(map, &mut self.action),
            _ => value(map, &mut self.documentation),
        }
    }

    fn other(&mut self) -> &mut BTreeMap<String, serde_json::Value> {
        &mut self.other
    }
}

impl WriteModel for Links {
    fn write(&self, fields: &mut Fields<'_>) {
        for (key, link) in [
            ("data", &self.data),
            ("action", &self.action),
            ("documentation", &self.documentation),
        ] {
            if let Some(link) = link {
                fields.field(key, link);
            }
        }
        fields.kept(&self.other);
    }
}

impl WireFields for Link {
    const WIRE_NAMES: &'static [&'static str] = &["url", "type"];
}

impl ReadModel for Link {
    const NAME: &'static str = "Link";
    const REQUIRED: &'static [usize] = &[];

    const LOOKUP: &'static [(&'static str, usize)] =
        &[("url", 0), ("Url", 0), ("type", 1), ("Type", 1)];

    fn empty() -> Self {
        Self::default()
    }

    fn read<'de, A: MapAccess<'de>>(&mut self, index: usize, map: &mut A) -> Result<(), A::Error> {
        match index {
            0 => value(map, &mut self.url),
            _ => value(map, &mut self.link_type),
        }
    }

    fn other(&mut self) -> &mut BTreeMap<String, serde_json::Value> {
        &mut self.other
    }
}

impl WriteModel for Link {
    fn write(&self, fields: &mut Fields<'_>) {
        if let Some(value) = &self.url {
            fields.field("url", value);
        }
        if let Some(value) = &self.link_type {
            fields.field("type", value);
        }
        fields.kept(&self.other);
    }
}
