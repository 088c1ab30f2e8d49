//! Card tokenisation: a test card kept under a token, for later payments.

use std::collections::BTreeMap;

use cashflows::CardToken;
use cashflows::models::{CardTokenisationRequest, TokenisedCard};

use super::cards::{self, Expiry, StoredCard};
use super::refusal::Refusal;
use super::store::Store;

impl Store {
    /// Keeps a test card (a valid CVC length when sent, a valid expiry)
    /// under a fresh token; any other card is refused
    /// ([`Refusal::card_refused`]).
    pub(crate) fn tokenise_card(
        &mut self,
        request: &CardTokenisationRequest,
    ) -> Result<TokenisedCard, Refusal> {
        let number = request
            .card_number
            .as_ref()
            .ok_or_else(Refusal::card_refused)?;
        let card = cards::find_test_card(number.expose()).ok_or_else(Refusal::card_refused)?;
        if !cards::cvc_matches(card, request.card_cvc.expose()) {
            return Err(Refusal::card_refused());
        }
        let today = self.now().date();
        let expiry =
            cards::check_expiry(&request.card_expiry_month, &request.card_expiry_year, today);
        if expiry != Expiry::Valid {
            return Err(Refusal::card_refused());
        }
        let token = self.references.token("card");
        // The call names no customer: the token belongs to none.
        let stored = StoredCard {
            card,
            holder: Some(request.card_holder_name.clone()),
            expiry_month: request.card_expiry_month.clone(),
            expiry_year: request.card_expiry_year.clone(),
            customer: None,
        };
        self.tokens.insert(token.clone(), stored);
        Ok(TokenisedCard {
            token: Some(CardToken::new(token)),
            card_expiry_month: Some(request.card_expiry_month.clone()),
            card_expiry_year: Some(request.card_expiry_year.clone()),
            truncated_card_number: Some(number.masked()),
            other: BTreeMap::new(),
        })
    }
}
