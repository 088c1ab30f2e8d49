use serde::{Deserialize, Serialize};

use super::{Provenance, Source};

/// `test-cards.yaml`.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct CardsFile {
    pub source: Source,
    pub schemes: Vec<CardScheme>,
    pub expiry_rule: String,
    pub cards: Vec<TestCard>,
    pub holders: Vec<TestCardHolder>,
    pub scenarios: Vec<ThreeDsScenario>,
}

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct CardScheme {
    pub key: String,
    pub name: String,
    pub lengths: Vec<usize>,
    pub cvc_length: usize,
    /// How sure the lengths are: Cashflows publishes no scheme rules, so
    /// general card-scheme knowledge is graded `project`.
    pub provenance: Provenance,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Funding {
    Credit,
    Debit,
}

impl Funding {
    /// As prose writes it: "credit", "debit".
    pub fn adjective(self) -> &'static str {
        match self {
            Funding::Credit => "credit",
            Funding::Debit => "debit",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Funding::Credit => "Credit",
            Funding::Debit => "Debit",
        }
    }
}

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct TestCard {
    pub number: String,
    pub scheme: String,
    pub funding: Funding,
    pub cvc: String,
    pub provenance: Provenance,
}

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct TestCardHolder {
    pub name: String,
    pub scenario: String,
    pub description: String,
    pub provenance: Provenance,
}

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct ThreeDsScenario {
    pub key: String,
    pub name: String,
    pub description: String,
}
