//! The client against the in-process sandbox over loopback HTTP: every
//! endpoint, the documented flows (recurring, MOTO, tokens), the documented
//! errors, Remote Auth, webhooks, deferred capture, cancels and settlement on
//! a manual clock, faults the sandbox injects into its answers, and a load
//! test that reconciles every amount afterwards.

mod calls;
mod capture_and_settlement;
mod faults;
mod flows;
mod load;
mod outcomes;
mod recipes;
mod triggers;
