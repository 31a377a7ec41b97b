//! A throwaway PostgreSQL cluster for the tests.
