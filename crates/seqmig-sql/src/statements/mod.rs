//! Statement builders every dialect writes, with one request type each, so that the ops
//! call them without knowing the dialect (Sequelize's `QueryGenerator` methods of the
//! same names). Each dialect module implements it.

use crate::abstract_gen::QueryGenerator;
use crate::model::TxOptions;
use crate::SqlError;

pub trait Statements: QueryGenerator {
    /// `startTransactionQuery`: the dialect's BEGIN, or a SAVEPOINT for a transaction
    /// with a parent.
    fn start_transaction_query(&self, options: &TxOptions, savepoint: Option<&str>) -> String;

    /// `setIsolationLevelQuery` (`-- …` text is logged but not sent).
    fn set_isolation_level_query(&self, level: &str) -> Result<String, SqlError>;

    /// `deferConstraintsQuery` for the `deferrable` option, where the dialect has one.
    fn defer_constraints_query(&self, _deferrable: &str) -> Option<String> {
        None
    }

    /// `commitTransactionQuery`: nothing for a savepoint.
    fn commit_transaction_query(&self, savepoint: Option<&str>) -> Option<String>;

    /// `rollbackTransactionQuery`.
    fn rollback_transaction_query(&self, savepoint: Option<&str>) -> String;
}

#[cfg(test)]
mod tests;
