use terroir_core::Violation;

/// Why a dossier could not be printed.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// The content breaks a rule (a character the font lacks, banned wording, a bad photo):
    /// the violation names the field.
    #[error("{0}")]
    Invalid(#[from] Violation),
    /// A defect of the program (font subsetting failed, an image index out of range).
    #[error("internal error while printing: {0}")]
    Internal(String),
}

pub type Result<T, E = Error> = std::result::Result<T, E>;
