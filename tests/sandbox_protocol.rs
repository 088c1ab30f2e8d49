//! The sandbox over raw HTTP: its protocol, checked without the client.

#[test]
fn placeholder() {}
