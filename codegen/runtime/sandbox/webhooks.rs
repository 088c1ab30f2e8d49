//! (Stub: to be implemented.)
