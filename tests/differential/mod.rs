//! The differential harness: the real sequelize-cli and seqmig on the same folders.
