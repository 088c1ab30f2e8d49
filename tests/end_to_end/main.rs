//! The client against the in-process sandbox over loopback HTTP: every
//! endpoint, the documented errors, Remote Auth, webhooks, deferred capture,
//! cancels and settlement on a manual clock, and a load test that
//! reconciles every amount afterwards.

mod calls;
mod capture_and_settlement;
mod load;
mod outcomes;
mod recipes;
mod triggers;
