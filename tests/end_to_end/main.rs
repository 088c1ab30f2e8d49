//! The client against the in-process sandbox over loopback HTTP: every
//! endpoint, the documented flows (recurring, MOTO, tokens), the documented
//! errors, Remote Auth, webhooks, and a load test that reconciles every
//! amount afterwards.

mod calls;
mod flows;
mod load;
mod outcomes;
mod recipes;
mod triggers;
