//! Remote Auth acquirer response codes: the classes and the table of
//! reasons. The table is generated (`generated/acquirer.rs`); the value type
//! and its methods are here, in the shape of `http::StatusCode`.

use std::fmt;

use crate::generated::acquirer::{CLASSES, REASONS, reason_index};
use crate::{Advice, Provenance};

pub use crate::generated::acquirer::AcquirerClass;

/// A row of the class table.
#[derive(Debug)]
pub(crate) struct ClassRow {
    pub(crate) class: AcquirerClass,
    pub(crate) letter: char,
    pub(crate) meaning: &'static str,
    pub(crate) status: &'static str,
    pub(crate) provenance: Provenance,
    pub(crate) advice: Advice,
}

/// A row of the acquirer response code table.
#[derive(Debug)]
pub(crate) struct ReasonRow {
    pub(crate) pattern: &'static str,
    pub(crate) class: char,
    pub(crate) number: u8,
    pub(crate) reason: &'static str,
    pub(crate) status: &'static str,
    pub(crate) provenance: Provenance,
    pub(crate) advice: Advice,
}

impl AcquirerClass {
    /// The class for a letter; a letter the table does not list is `Other`.
    pub fn from_letter(letter: char) -> Self {
        CLASSES
            .iter()
            .find(|row| row.letter == letter)
            .map_or(AcquirerClass::Other(letter), |row| row.class)
    }

    fn row(self) -> Option<&'static ClassRow> {
        self.index().and_then(|index| CLASSES.get(index))
    }

    /// The class letter.
    pub fn letter(self) -> char {
        match (self, self.row()) {
            (AcquirerClass::Other(letter), _) => letter,
            (_, Some(row)) => row.letter,
            (_, None) => '?',
        }
    }

    /// What the class means, as documented.
    pub fn meaning(self) -> Option<&'static str> {
        self.row().map(|row| row.meaning)
    }

    /// The table's Status column for rows of this class.
    pub fn status(self) -> Option<&'static str> {
        self.row().map(|row| row.status)
    }

    /// How sure the spec is of this class.
    pub fn provenance(self) -> Option<Provenance> {
        self.row().map(|row| row.provenance)
    }

    /// This project's advice for the class (not Cashflows' text).
    pub fn advice(self) -> Option<Advice> {
        self.row().map(|row| row.advice)
    }
}

/// A row of the acquirer response code table: a class and a two-digit
/// reason, whatever the internal digit. Obtain one from a constant, from
/// [`AcquirerReason::lookup`] or from [`crate::AcquirerResponseCode::reason`].
///
/// ```
/// use cashflows::{AcquirerReason, Outcome};
///
/// let row = AcquirerReason::lookup('V', 6).unwrap();
/// assert_eq!(row, AcquirerReason::VX06);
/// assert_eq!((row.pattern(), row.reason()), ("Vx06", "Invalid card number"));
/// assert_eq!(row.advice().outcome, Outcome::Validation);
/// ```
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
pub struct AcquirerReason(u8);

impl AcquirerReason {
    /// The row at `index` of the table: for the generated constants.
    pub(crate) const fn at(index: u8) -> Self {
        AcquirerReason(index)
    }

    /// Every row, in the table's order.
    pub fn all() -> impl Iterator<Item = AcquirerReason> {
        (0..REASONS.len()).filter_map(|index| u8::try_from(index).ok().map(AcquirerReason))
    }

    /// The row for a class letter and two-digit reason, if the table has one.
    pub fn lookup(class: char, reason: u8) -> Option<AcquirerReason> {
        reason_index(class, reason).map(AcquirerReason)
    }

    fn row(self) -> &'static ReasonRow {
        // Every value comes from `at` with an index of the table.
        &REASONS[usize::from(self.0) % REASONS.len()]
    }

    /// The code as the table writes it, with `x` for the internal digit (`Dx01`).
    pub fn pattern(self) -> &'static str {
        self.row().pattern
    }

    /// The class.
    pub fn class(self) -> AcquirerClass {
        AcquirerClass::from_letter(self.row().class)
    }

    /// The two-digit reason number.
    pub fn number(self) -> u8 {
        self.row().number
    }

    /// The documented reason.
    pub fn reason(self) -> &'static str {
        self.row().reason
    }

    /// The documented status (the table's Status column).
    pub fn status(self) -> &'static str {
        self.row().status
    }

    /// How sure the spec is of this row.
    pub fn provenance(self) -> Provenance {
        self.row().provenance
    }

    /// This project's advice on the row (not Cashflows' text).
    pub fn advice(self) -> Advice {
        self.row().advice
    }
}

impl fmt::Debug for AcquirerReason {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "AcquirerReason({}: {})", self.pattern(), self.reason())
    }
}
