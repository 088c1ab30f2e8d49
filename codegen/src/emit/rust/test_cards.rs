//! `test_cards.rs`: the integration environment's test cards, their schemes,
//! and the card holder names that drive 3-D Secure simulation.

use proc_macro2::TokenStream;
use quote::{format_ident, quote};

use super::rust_file::{book_entry, doc, rust_file};
use super::types;
use crate::model::{Cards, Model};
use crate::spec::Funding;

pub fn file(model: &Model) -> Result<String, String> {
    let cards = &model.cards;
    let schemes = schemes(cards);
    let constants = card_constants(cards);
    let holders = holders(cards);
    let tokens = quote! {
        #![doc = " Test cards for the integration environment. Outcomes are driven by the"]
        #![doc = " card holder name (see [`TestCardHolder`]), not by the number."]

        use crate::test_card::{Funding, SchemeRow, TestCard, TestCardHolder};

        #schemes
        #constants
        #holders
    };
    rust_file(&cards.source.path(), tokens)
}

fn schemes(cards: &Cards) -> TokenStream {
    let variants = cards.schemes.iter().map(|scheme| {
        let ident = format_ident!("{}", scheme.variant);
        let lengths: Vec<String> = scheme.lengths.iter().map(ToString::to_string).collect();
        let docs = doc(&format!(
            "{}: numbers of {} digits, a {}-digit CVC (provenance: {}).",
            scheme.name,
            or_list(&lengths),
            scheme.cvc_length,
            scheme.provenance.label()
        ));
        quote! { #docs #ident, }
    });
    let rows = cards.schemes.iter().map(|scheme| {
        let name = &scheme.name;
        let lengths = scheme.lengths.iter().map(|length| types::int(*length));
        let cvc_length = types::int(scheme.cvc_length);
        quote! { SchemeRow { name: #name, number_lengths: &[#(#lengths),*], cvc_length: #cvc_length }, }
    });
    let count = types::int(cards.schemes.len());
    quote! {
        #[doc = " A card scheme, with its number and CVC lengths and how sure they are"]
        #[doc = " (Cashflows publishes no scheme rules)."]
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        #[non_exhaustive]
        pub enum CardScheme {
            #(#variants)*
        }

        #[doc = " The schemes' rows, in `CardScheme` order."]
        pub(crate) static SCHEMES: [SchemeRow; #count] = [#(#rows)*];
    }
}

fn card_constants(cards: &Cards) -> TokenStream {
    let expiry_rule = &cards.expiry_rule;
    let expiry_doc = format!(" The documented expiry rule for every test card: \"{expiry_rule}\".");
    let idents: Vec<_> = cards
        .cards
        .iter()
        .map(|card| format_ident!("{}", card.constant))
        .collect();
    let constants = cards.cards.iter().zip(&idents).map(|(card, ident)| {
        let funding = match card.funding {
            Funding::Credit => quote! { Funding::Credit },
            Funding::Debit => quote! { Funding::Debit },
        };
        let docs = doc(&format!(
            "{} {}: `{}`, CVC `{}`.",
            card.scheme_name,
            card.funding.adjective(),
            card.number,
            card.cvc
        ));
        let entry = book_entry(&card.links);
        let (number, cvc) = (&card.number, &card.cvc);
        let scheme = format_ident!("{}", card.scheme_variant);
        let provenance = types::provenance(card.provenance);
        quote! {
            #docs
            #entry
            pub const #ident: TestCard = TestCard {
                number: #number,
                scheme: CardScheme::#scheme,
                funding: #funding,
                cvc: #cvc,
                provenance: #provenance,
            };
        }
    });
    quote! {
        #[doc = #expiry_doc]
        pub const EXPIRY_RULE: &str = #expiry_rule;

        #(#constants)*

        #[doc = " Every test card, in the documented order."]
        pub const ALL_CARDS: &[TestCard] = &[#(#idents),*];
    }
}

fn holders(cards: &Cards) -> TokenStream {
    let scenarios = cards.scenarios.iter().map(|scenario| {
        let ident = format_ident!("{}", scenario.variant);
        let docs = doc(&scenario.description);
        quote! { #docs #ident, }
    });
    let idents: Vec<_> = cards
        .holders
        .iter()
        .map(|holder| format_ident!("{}", holder.constant))
        .collect();
    let constants = cards.holders.iter().zip(&idents).map(|(holder, ident)| {
        let docs = doc(&format!("\"{}\": {}", holder.name, holder.description));
        let entry = book_entry(&holder.links);
        let (name, description) = (&holder.name, &holder.description);
        let scenario = format_ident!("{}", holder.scenario_variant);
        let provenance = types::provenance(holder.provenance);
        quote! {
            #docs
            #entry
            pub const #ident: TestCardHolder = TestCardHolder {
                name: #name,
                scenario: ThreeDSecureScenario::#scenario,
                description: #description,
                provenance: #provenance,
            };
        }
    });
    quote! {
        #[doc = " What 3-D Secure does for a card holder name in the integration environment."]
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        #[non_exhaustive]
        pub enum ThreeDSecureScenario {
            #(#scenarios)*
        }

        #(#constants)*

        #[doc = " Every card holder name, in the documented order."]
        pub const ALL_HOLDERS: &[TestCardHolder] = &[#(#idents),*];
    }
}

/// `13, 16 or 19`.
fn or_list(items: &[String]) -> String {
    match items.split_last() {
        None => String::new(),
        Some((last, [])) => last.clone(),
        Some((last, rest)) => format!("{} or {last}", rest.join(", ")),
    }
}
