//! The `cashflows-sandbox` binary. (Stub: to be implemented.)

fn main() {}
