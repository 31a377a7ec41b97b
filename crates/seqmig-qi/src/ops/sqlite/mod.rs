//! What SQLite does differently: Sequelize's sqlite `QueryInterface` and `Query`
//! (table rebuilds, describeTable from PRAGMAs, the node-sqlite3 result shapes) and its
//! transactions.

mod data;
mod ddl;
pub(crate) mod rebuild;
pub(crate) mod result_shapes;
pub(crate) mod transactions;

#[cfg(test)]
mod tests;
