//! The queryInterface backend: the native ops behind `queryInterface`, `sequelize.query`
//! and the model API that the JS shims call, the session they share with the migrator,
//! the savepoints that stand in for a migration's transactions inside seqmig's own, and
//! the watch on the connection's transaction state.

pub mod console;
pub mod ops;
pub mod own_transaction;
pub mod session;
pub mod txwatch;
