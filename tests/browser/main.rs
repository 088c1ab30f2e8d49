//! What a person sees, in a real headless Chromium driven over WebDriver
//! (chromedriver, through fantoccini): a shopper pays on the sandbox's
//! hosted page, passes and fails a 3-D Secure challenge, cancels, and lands
//! on the shop's return URLs with the documented parameters; and the book
//! built by CI finds a Gateway error by search and lands on a code by a
//! deep link; and Cashflows' own JavaScript library, unmodified, pays an
//! embedded checkout against the sandbox from a shop on another origin; and
//! the sandbox's dashboard lists a paid job and redelivers its webhook.
//!
//! Without `chromium` and `chromedriver` these tests say they skipped;
//! under CI (`CI` set) they fail instead: `.ci/run` installs both.

mod book;
mod dashboard;
mod embedded;
mod shopper;
mod webdriver;
