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
mod strict;

pub(crate) use self::envelope::{GatewayRefusal, Reply, fatal_status, success};
pub(crate) use self::links::challenge_link;
pub(crate) use self::requests::parse_object;
pub(crate) use self::routes::{is_gateway_path, not_found, router};
