//! `test_cards.rs`: the integration environment's test cards and the card
//! holder names that drive 3-D Secure simulation.

use proc_macro2::TokenStream;
use quote::{format_ident, quote};

use super::format::{doc, rust_file};
use super::guidance::provenance_expr;
use crate::ident::{self, Case};
use crate::spec::{Spec, TestCard, files};

pub fn file(spec: &Spec) -> Result<String, String> {
    let schemes = schemes(spec);
    let cards = cards(spec);
    let holders = holders(spec);
    let tokens = quote! {
        #![doc = " Test cards for the integration environment. Outcomes are driven by the"]
        #![doc = " card holder name (see [`TestCardHolder`]), not by the number."]

        #schemes
        #cards
        #holders
    };
    rust_file(&format!("spec/{}", files::TEST_CARDS), tokens)
}

fn schemes(spec: &Spec) -> TokenStream {
    let schemes = &spec.cards.schemes;
    let idents: Vec<_> = schemes
        .iter()
        .map(|s| format_ident!("{}", ident::to(&s.key, Case::UpperCamel)))
        .collect();
    let names = schemes.iter().map(|s| s.name.as_str());
    let cvc_lengths = schemes.iter().map(|s| s.cvc_length);
    let lengths = schemes.iter().map(|s| {
        let lengths = &s.lengths;
        quote! { &[#(#lengths),*] }
    });
    let variants = schemes.iter().zip(&idents).map(|(scheme, ident)| {
        let docs = doc(&scheme.name);
        quote! { #docs #ident, }
    });
    quote! {
        #[doc = " A card scheme."]
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        #[non_exhaustive]
        pub enum CardScheme {
            #(#variants)*
        }

        impl CardScheme {
            #[doc = " The scheme's name."]
            pub const fn name(self) -> &'static str {
                match self {
                    #(CardScheme::#idents => #names,)*
                }
            }

            #[doc = " The lengths a card number of this scheme may have."]
            pub const fn number_lengths(self) -> &'static [usize] {
                match self {
                    #(CardScheme::#idents => #lengths,)*
                }
            }

            #[doc = " The number of digits of the card security code."]
            pub const fn cvc_length(self) -> usize {
                match self {
                    #(CardScheme::#idents => #cvc_lengths,)*
                }
            }
        }

        #[doc = " Whether a card is a credit or a debit card."]
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        pub enum Funding {
            #[doc = " A credit card."]
            Credit,
            #[doc = " A debit card."]
            Debit,
        }
    }
}

/// `VISA_CREDIT_4000000000000002`: scheme, funding and number, so each is unique.
pub fn card_const(card: &TestCard) -> String {
    ident::to(
        &format!("{} {} {}", card.scheme, card.funding.label(), card.number),
        Case::ShoutySnake,
    )
}

fn cards(spec: &Spec) -> TokenStream {
    let expiry_rule = &spec.cards.expiry_rule;
    let expiry_doc = format!(" The documented expiry rule for every test card: \"{expiry_rule}\".");
    let constants = spec.cards.cards.iter().map(|card| {
        let ident = format_ident!("{}", card_const(card));
        let scheme = spec.cards.schemes.iter().find(|s| s.key == card.scheme);
        let scheme_name = scheme.map_or(card.scheme.as_str(), |s| s.name.as_str());
        let scheme_ident = format_ident!("{}", ident::to(&card.scheme, Case::UpperCamel));
        let funding = format_ident!("{}", card.funding.label());
        let docs = doc(&format!(
            "{scheme_name} {}: `{}`, CVC `{}`.",
            card.funding.label().to_lowercase(),
            card.number,
            card.cvc
        ));
        let number = &card.number;
        let cvc = &card.cvc;
        let provenance = provenance_expr(card.provenance);
        quote! {
            #docs
            pub const #ident: TestCard = TestCard {
                number: #number,
                scheme: CardScheme::#scheme_ident,
                funding: Funding::#funding,
                cvc: #cvc,
                provenance: #provenance,
            };
        }
    });
    let idents: Vec<_> = spec
        .cards
        .cards
        .iter()
        .map(|card| format_ident!("{}", card_const(card)))
        .collect();
    let numbers = spec.cards.cards.iter().map(|card| card.number.as_str());
    quote! {
        #[doc = " A test card. Public test data: usable in the integration environment only."]
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        pub struct TestCard {
            #[doc = " The card number."]
            pub number: &'static str,
            #[doc = " The scheme."]
            pub scheme: CardScheme,
            #[doc = " Credit or debit."]
            pub funding: Funding,
            #[doc = " The card security code."]
            pub cvc: &'static str,
            #[doc = " How sure the spec is of this card."]
            pub provenance: crate::Provenance,
        }

        #[doc = #expiry_doc]
        pub const EXPIRY_RULE: &str = #expiry_rule;

        #(#constants)*

        #[doc = " Every test card, in the documented order."]
        pub const ALL_CARDS: &[TestCard] = &[#(#idents),*];

        #[doc = " The test card with this number, if it is one."]
        pub fn find_card(number: &str) -> Option<&'static TestCard> {
            match number {
                #(#numbers => Some(&#idents),)*
                _ => None,
            }
        }
    }
}

fn holders(spec: &Spec) -> TokenStream {
    let scenarios = &spec.cards.scenarios;
    let scenario_variants = scenarios.iter().map(|scenario| {
        let ident = format_ident!("{}", scenario.name);
        let docs = doc(&scenario.description);
        quote! { #docs #ident, }
    });
    let scenario_of = |key: &str| {
        let name = scenarios
            .iter()
            .find(|s| s.key == key)
            .map_or("Authenticated", |s| s.name.as_str());
        format_ident!("{}", name)
    };
    let holders = &spec.cards.holders;
    let idents: Vec<_> = holders
        .iter()
        .map(|h| format_ident!("{}", ident::to(&h.name, Case::ShoutySnake)))
        .collect();
    let constants = holders.iter().zip(&idents).map(|(holder, ident)| {
        let docs = doc(&format!("\"{}\": {}", holder.name, holder.description));
        let name = &holder.name;
        let description = &holder.description;
        let scenario = scenario_of(&holder.scenario);
        let provenance = provenance_expr(holder.provenance);
        quote! {
            #docs
            pub const #ident: TestCardHolder = TestCardHolder {
                name: #name,
                scenario: ThreeDSecureScenario::#scenario,
                description: #description,
                provenance: #provenance,
            };
        }
    });
    let names = holders.iter().map(|h| h.name.as_str());
    quote! {
        #[doc = " What 3-D Secure does for a card holder name in the integration environment."]
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        #[non_exhaustive]
        pub enum ThreeDSecureScenario {
            #(#scenario_variants)*
        }

        #[doc = " A card holder name that selects a 3-D Secure scenario."]
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        pub struct TestCardHolder {
            #[doc = " The name to send as the card holder."]
            pub name: &'static str,
            #[doc = " The scenario it selects."]
            pub scenario: ThreeDSecureScenario,
            #[doc = " What happens."]
            pub description: &'static str,
            #[doc = " How sure the spec is of this name."]
            pub provenance: crate::Provenance,
        }

        #(#constants)*

        #[doc = " Every documented card holder name. The published list may continue past these."]
        pub const ALL_HOLDERS: &[TestCardHolder] = &[#(#idents),*];

        #[doc = " The card holder with exactly this name, if it is one."]
        pub fn find_holder(name: &str) -> Option<&'static TestCardHolder> {
            match name {
                #(#names => Some(&#idents),)*
                _ => None,
            }
        }
    }
}
