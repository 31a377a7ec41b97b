//! The native ops behind `queryInterface` and `sequelize.query`: each turns a JSON request
//! (docs/CONTRACTS.md §3) into the dialect's SQL, runs it on the session's connection and
//! returns the shape Sequelize returns.

use std::rc::Rc;

use seqmig_js::{Host, OpError};

use crate::session::Session;

/// The op table handed to the JS runtime.
pub struct Ops {
    session: Rc<Session>,
}

impl Ops {
    pub fn new(session: Rc<Session>) -> Self {
        Ops { session }
    }
}

impl Host for Ops {
    fn op(&mut self, name: &str, args: serde_json::Value) -> Result<serde_json::Value, OpError> {
        let _ = (&self.session, args);
        Err(OpError::new("Error", format!("seqmig: op {name} is not implemented yet")))
    }
}
