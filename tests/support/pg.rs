//! A throwaway PostgreSQL cluster for the tests: one per test process, started on
//! first use, stopped and removed at exit. It lives in `seqmig_db::testing` (feature
//! `testing`) so that the driver's own tests use the same one.
//!
//! `fresh_database(hint)` gives each test a new empty database (`PgDb`, with `url()`
//! and `options()`); `bin_dir()` is where `pg_dump`/`psql` of the server's version
//! live; `cluster()` has the port, the TLS certificate (`ca_pem`) and `tls_options`;
//! the constants name the password role and the TLS-only role. `skip_pg()` is true
//! only under `SEQMIG_SKIP_PG=1`; a missing server fails loudly instead.
#[allow(unused_imports)]
pub use seqmig_db::testing::*;
