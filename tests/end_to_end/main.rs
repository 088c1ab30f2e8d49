//! The client against the in-process sandbox over loopback HTTP: every
//! endpoint, the documented errors, Remote Auth, webhooks, and a load test
//! that reconciles every amount afterwards.

mod calls;
mod load;
mod outcomes;
mod recipes;
mod triggers;
