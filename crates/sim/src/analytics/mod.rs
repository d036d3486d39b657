//! Streaming SQL as Managed Service for Apache Flink runs it (the successor of Kinesis Data
//! Analytics): a Flink SQL subset parsed and executed over rows as they arrive, with Flink's
//! event-time windows, watermarks and late rows, and Flink's result types. The expected rows
//! of `tests/sql/` come from a real Flink; this engine must give the same.
//!
//! `lexer` → `parser` (→ `ast`) → `plan` (checks and types, `expr`) → `engine` (windows in
//! `window`, aggregates in `aggregate`), values in `types`.

pub mod aggregate;
pub mod application;
pub mod ast;
pub mod engine;
pub mod error;
pub mod expr;
pub mod legacy;
pub mod lexer;
pub mod limits;
pub mod over;
pub mod parser;
pub mod plan;
pub mod results;
pub mod schema;
pub mod sink;
pub mod templates;
pub mod types;
pub mod window;

pub use engine::{Query, Row};
pub use error::SqlError;
