//! A query's error: where it is (line and column, 1-based) and what was expected there.

#[derive(Clone, Debug, PartialEq)]
pub struct SqlError {
    pub line: u32,
    pub column: u32,
    pub message: String,
}

impl SqlError {
    pub fn at(line: u32, column: u32, message: impl Into<String>) -> SqlError {
        SqlError { line, column, message: message.into() }
    }
}

impl std::fmt::Display for SqlError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "line {}, column {}: {}", self.line, self.column, self.message)
    }
}
