//! Errors of SQL generation: the request cannot be turned into SQL.

/// What went wrong building SQL; the ops turn these into JS `Error`s with the same text
/// Sequelize throws where it throws one.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum SqlError {
    /// The request does not have the shape of docs/CONTRACTS.md §3.
    #[error("{0}")]
    BadRequest(String),
    /// Sequelize throws a plain `Error` with this message.
    #[error("{0}")]
    Sequelize(String),
    /// Sequelize throws a `TypeError`.
    #[error("{0}")]
    Type(String),
}
