//! DynamoDB's error answers, worded as DynamoDB words them, in one place.

use crate::kinesis::error::{ApiError, ErrorType};

/// An item operation on a table that does not exist or is not ACTIVE (CREATING, DELETING):
/// DynamoDB does not say which.
pub fn resource_not_found() -> ApiError {
    ApiError::new(ErrorType::ResourceNotFoundException, "Requested resource not found")
}

/// DescribeTable and DeleteTable of a table that does not exist name it.
pub fn table_not_found(name: &str) -> ApiError {
    ApiError::new(
        ErrorType::ResourceNotFoundException,
        format!("Requested resource not found: Table: {name} not found"),
    )
}

pub fn table_exists(name: &str) -> ApiError {
    ApiError::new(ErrorType::ResourceInUseException, format!("Table already exists: {name}"))
}

/// A table operation on a table that is still being created or deleted; `doing` is
/// `created` or `deleted`.
pub fn table_in_use(name: &str, doing: &str) -> ApiError {
    ApiError::new(
        ErrorType::ResourceInUseException,
        format!("Attempt to change a resource which is still in use: Table is being {doing}: {name}"),
    )
}

pub fn validation(message: impl Into<String>) -> ApiError {
    ApiError::new(ErrorType::ValidationException, message)
}

pub fn conditional_check_failed() -> ApiError {
    ApiError::new(ErrorType::ConditionalCheckFailedException, "The conditional request failed")
}

pub fn item_too_large() -> ApiError {
    validation("Item size has exceeded the maximum allowed size")
}

/// Constraint failures on request members, answered together as DynamoDB answers them:
/// "2 validation errors detected: Value 'x' at 'a' failed to satisfy constraint: …; Value …".
#[derive(Default)]
pub struct Constraints(Vec<String>);

impl Constraints {
    /// Notes a failure of `member` (its path in lowerCamelCase, as `keySchema.1.member.keyType`)
    /// whose value reads `value` (already quoted, or `null`).
    pub fn fail(&mut self, value: &str, member: &str, constraint: &str) {
        self.0.push(format!("Value {value} at '{member}' failed to satisfy constraint: {constraint}"));
    }

    pub fn into_result(self) -> Result<(), ApiError> {
        match self.0.len() {
            0 => Ok(()),
            1 => Err(validation(format!("1 validation error detected: {}", self.0[0]))),
            n => Err(validation(format!("{n} validation errors detected: {}", self.0.join("; ")))),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn constraint_failures_are_counted_and_joined() {
        assert!(Constraints::default().into_result().is_ok());
        let mut c = Constraints::default();
        c.fail("'ab'", "tableName", "Member must have length greater than or equal to 3");
        c.fail("'X'", "billingMode", "Member must satisfy enum value set: [PROVISIONED, PAY_PER_REQUEST]");
        let e = c.into_result().unwrap_err();
        assert_eq!(
            e.message,
            "2 validation errors detected: Value 'ab' at 'tableName' failed to satisfy constraint: Member must have length greater than or equal to 3; \
             Value 'X' at 'billingMode' failed to satisfy constraint: Member must satisfy enum value set: [PROVISIONED, PAY_PER_REQUEST]"
        );
    }
}
