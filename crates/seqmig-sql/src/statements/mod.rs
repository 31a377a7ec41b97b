//! Statement builders every dialect writes, with one request type each, so that the ops
//! call them without knowing the dialect (Sequelize's `QueryGenerator` methods of the
//! same names). Each dialect module implements it.

use crate::abstract_gen::{BoundSql, QueryGenerator};
use crate::model::{
    AddIndex, BulkDelete, BulkInsert, BulkUpdate, ColumnChange, CreateTable, DropTable, Increment,
    Insert, RemoveIndex, RenameTable, Select, Table, TxOptions,
};
use crate::SqlError;

/// `Any` lets a dialect's own code reach its generator's inherent builders from the
/// session's `dyn Statements`.
pub trait Statements: QueryGenerator + std::any::Any {
    /// Sequelize's `options.schema` (the config's `schema`), which a generator reads
    /// where a table is given without one (postgres; the others have no schemas).
    fn set_default_schema(&mut self, _schema: Option<String>) {}

    /// `startTransactionQuery`: the dialect's BEGIN, or a SAVEPOINT for a transaction
    /// with a parent.
    fn start_transaction_query(&self, options: &TxOptions, savepoint: Option<&str>) -> String;

    /// `setIsolationLevelQuery` (`-- …` text is logged but not sent).
    fn set_isolation_level_query(&self, level: &str) -> Result<String, SqlError>;

    /// Whether the isolation level is set before the transaction begins (Sequelize's
    /// `supports.settingIsolationLevelDuringTransaction` is false: mysql / mariadb, where
    /// `SET TRANSACTION` applies to the next transaction).
    fn isolation_level_before_begin(&self) -> bool {
        false
    }

    /// `deferConstraintsQuery` for the `deferrable` option, where the dialect has one.
    fn defer_constraints_query(&self, _deferrable: &str) -> Option<String> {
        None
    }

    /// `commitTransactionQuery`: nothing for a savepoint.
    fn commit_transaction_query(&self, savepoint: Option<&str>) -> Option<String>;

    /// `rollbackTransactionQuery`.
    fn rollback_transaction_query(&self, savepoint: Option<&str>) -> String;

    /// `createTableQuery` with the attributes as the request gives them.
    fn create_table_query(&self, req: &CreateTable) -> Result<String, SqlError>;

    /// `dropTableQuery` (`options.cascade` where the dialect has it).
    fn drop_table_query(&self, req: &DropTable) -> String;

    /// `renameTableQuery`.
    fn rename_table_query(&self, req: &RenameTable) -> String {
        self.rename_table(&req.before, &req.after)
    }

    /// `addColumnQuery`.
    fn add_column_query(&self, req: &ColumnChange) -> Result<String, SqlError>;

    /// `addIndexQuery`.
    fn add_index_query(&self, req: &AddIndex) -> Result<String, SqlError>;

    /// `removeIndexQuery` (`options.concurrently` where the dialect has it).
    fn remove_index_query(&self, req: &RemoveIndex) -> String;

    /// `tableExistsQuery`.
    fn table_exists_query(&self, table: &Table) -> String;

    /// `bulkInsertQuery`.
    fn bulk_insert_query(&self, req: &BulkInsert) -> Result<String, SqlError>;

    /// `updateQuery` with bound values, as bulkUpdate calls it (`LIMIT` where the dialect
    /// has one).
    fn bulk_update_query(&self, req: &BulkUpdate) -> Result<BoundSql, SqlError>;

    /// `deleteQuery` (`truncateTableQuery` with `truncate`), as bulkDelete calls it.
    fn bulk_delete_query(&self, req: &BulkDelete) -> Result<String, SqlError>;

    /// `insertQuery` with bound values.
    fn insert_query(&self, req: &Insert) -> Result<BoundSql, SqlError>;

    /// `selectQuery` (queryInterface.select without a model).
    fn select_query(&self, req: &Select) -> Result<String, SqlError>;

    /// `arithmeticQuery` (increment / decrement; `options.returning` where the dialect has it).
    fn arithmetic_query(&self, req: &Increment) -> Result<String, SqlError>;

    /// `showIndexesQuery` (showIndex; SQLite's lists the indexes, whose columns its query
    /// then reads one by one).
    fn show_indexes_query(&self, table: &Table) -> String;

    /// `showConstraintsQuery` (showConstraint; the constraint's name where the dialect
    /// filters on it).
    fn show_constraints_query(&self, table: &Table, constraint: Option<&str>) -> String;

    /// `getForeignKeyReferencesQuery` (getForeignKeyReferencesForTable; mysql's
    /// `getForeignKeysQuery`), in `database` (`sequelize.config.database`) where the
    /// dialect names it.
    fn foreign_key_references_query(&self, table: &Table, database: Option<&str>) -> String;

    /// `showTablesQuery` (showAllTables), in the connection's database where the dialect
    /// names it (mysql: the one its generator was given).
    fn show_tables_query(&self) -> String;

    /// `versionQuery`.
    fn version_query(&self) -> &'static str;
}

#[cfg(test)]
mod tests;
