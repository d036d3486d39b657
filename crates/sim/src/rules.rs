//! The AWS rules the model enforces, as data for `docs/aws-rules.md`.
//!
//! Each service's `limits.rs` names every number it enforces as a constant whose doc comment
//! ends with `Source:` (the AWS document and section), and lists those constants with
//! [`rule_values!`] so that the table shows each value as the code has it. Rules that are
//! behaviours rather than numbers ("a buffer flushes on whichever of size or interval comes
//! first") are [`Behaviour`]s in the same file, naming the file that carries them out.
//! `crates/sim/tests/aws_rules.rs` writes the table (`cargo xtask docs`) and fails when the
//! committed one is out of date, when a constant has no source, or when a rule is not used.
//!
//! Nothing here is linked into the page unless a view reads it: the constants are what the
//! model and the views use, this is only their index.

use crate::time::SimDuration;

/// One constant of a `limits.rs`, by name, with its value as text.
#[derive(Clone, Copy)]
pub struct RuleValue {
    pub name: &'static str,
    pub value: fn() -> String,
}

impl std::fmt::Debug for RuleValue {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{} = {}", self.name, (self.value)())
    }
}

/// A rule the model carries out that is a behaviour, not a number.
#[derive(Clone, Copy, Debug)]
pub struct Behaviour {
    /// The rule, in a sentence.
    pub rule: &'static str,
    /// The file under `crates/sim/src/` that carries it out…
    pub enforced_in: &'static str,
    /// …and a name in that file that does (a function, a variant, a literal), so that moving
    /// the rule elsewhere fails the rules table's test until this says where.
    pub by: &'static str,
    /// The AWS (or Apache) document and section that states it.
    pub source: &'static str,
}

/// A constant's value as the rules table prints it: numbers with thousands separators,
/// durations in their largest whole unit, ranges as `a–b`.
pub trait ShowValue {
    fn show(&self) -> String;
}

/// `1048576` → `1,048,576`, as the rules the page quotes write counts.
pub use crate::pipeline::setting_rules::grouped;

macro_rules! show_unsigned {
    ($($t:ty),*) => {$(
        impl ShowValue for $t {
            fn show(&self) -> String {
                grouped(*self as u64)
            }
        }
    )*};
}
show_unsigned!(u8, u32, u64, usize);

impl ShowValue for i64 {
    fn show(&self) -> String {
        let sign = if *self < 0 { "−" } else { "" };
        format!("{sign}{}", grouped(self.unsigned_abs()))
    }
}

impl ShowValue for f64 {
    fn show(&self) -> String {
        format!("{self}")
    }
}

impl ShowValue for &str {
    fn show(&self) -> String {
        format!("`{self}`")
    }
}

impl ShowValue for SimDuration {
    fn show(&self) -> String {
        let ms = self.as_millis();
        let units = [(3_600_000, "h"), (60_000, "min"), (1_000, "s")];
        match units.iter().find(|(size, _)| ms >= *size && ms % size == 0) {
            Some((size, unit)) => format!("{} {unit}", grouped(ms / size)),
            None => format!("{} ms", grouped(ms)),
        }
    }
}

impl<T: ShowValue> ShowValue for (T, T) {
    fn show(&self) -> String {
        format!("{}–{}", self.0.show(), self.1.show())
    }
}

impl<T: ShowValue, const N: usize> ShowValue for [T; N] {
    fn show(&self) -> String {
        self.iter().map(ShowValue::show).collect::<Vec<_>>().join(" or ")
    }
}

/// `rule_values!(A, B, …)` in a `limits.rs`: `pub const RULES`, each named constant with its
/// value, for the rules table. The test that writes the table fails on a constant of the file
/// missing from this list.
#[macro_export]
macro_rules! rule_values {
    ($($name:ident),* $(,)?) => {
        /// The constants of this file with their values, for `docs/aws-rules.md`.
        pub const RULES: &[$crate::rules::RuleValue] = &[
            $($crate::rules::RuleValue { name: stringify!($name), value: || $crate::rules::ShowValue::show(&$name) }),*
        ];
    };
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn values_read_as_a_person_writes_them() {
        assert_eq!(grouped(1_048_576), "1,048,576");
        assert_eq!(grouped(999), "999");
        assert_eq!((-129i64).show(), "−129");
        assert_eq!(SimDuration::from_hours(24).show(), "24 h");
        assert_eq!(SimDuration::from_secs(630).show(), "630 s");
        assert_eq!(SimDuration::from_secs(300).show(), "5 min");
        assert_eq!(SimDuration::from_millis(70).show(), "70 ms");
        assert_eq!((1u64, 128u64).show(), "1–128");
        assert_eq!([1u32, 3].show(), "1 or 3");
    }
}
