//! The Gateway JSON adapter: signed requests in (`ConfigurationId` and
//! `Hash` checked), the engine's operations, answers in the Gateway's
//! envelope out, with the links and the documented statuses and errors.

mod cards;
mod envelope;
mod intents;
mod jobs;
mod links;
mod payments;
mod requests;
mod routes;
mod signature;

pub(crate) use self::envelope::{GatewayRefusal, Reply, success};
pub(crate) use self::links::challenge_link;
pub(crate) use self::requests::parse_object;
pub(crate) use self::routes::{not_found, router};
