//! One aggregate's running state over a group's rows: COUNT (of rows, of non-null values, of
//! distinct values), SUM, AVG, MIN, MAX. NULLs are skipped, as SQL skips them.

use super::ast::Aggregate;
use super::expr::{arithmetic, average, compare, convert};
use super::types::{Hasher, KeyValue, SqlType, Value};
use std::collections::HashSet;

#[derive(Clone, Debug)]
pub struct Accumulator {
    function: Aggregate,
    /// The type the result has.
    result: SqlType,
    count: i64,
    /// SUM's or AVG's running sum (AVG of whole numbers in BIGINT, as Flink sums them).
    sum: Value,
    best: Value,
    /// For DISTINCT: the values seen (looked up, never iterated).
    seen: Option<HashSet<KeyValue, Hasher>>,
}

impl Accumulator {
    pub fn new(function: Aggregate, result: SqlType, distinct: bool) -> Accumulator {
        Accumulator {
            function,
            result,
            count: 0,
            sum: Value::Null,
            best: Value::Null,
            seen: distinct.then(HashSet::default),
        }
    }

    /// Takes one row's argument (`None` for COUNT(*)).
    pub fn add(&mut self, value: Option<Value>) {
        let Some(value) = value else {
            self.count += 1;
            return;
        };
        if value == Value::Null {
            return;
        }
        let value = match &mut self.seen {
            // COUNT(DISTINCT x) needs only whether the value is new.
            Some(seen) if self.function == Aggregate::Count => {
                if seen.insert(KeyValue(value)) {
                    self.count += 1;
                }
                return;
            }
            Some(seen) => {
                if seen.contains(&KeyValue(value.clone())) {
                    return;
                }
                seen.insert(KeyValue(value.clone()));
                value
            }
            None => value,
        };
        let value = &value;
        self.count += 1;
        match self.function {
            Aggregate::Count => {}
            Aggregate::Sum | Aggregate::Avg => {
                let in_type = match (self.function, self.result) {
                    (Aggregate::Avg, SqlType::Int) => SqlType::BigInt,
                    (_, t) => t,
                };
                let v = convert(value, in_type);
                self.sum = if self.sum == Value::Null {
                    v
                } else {
                    arithmetic(super::ast::BinaryOp::Add, &self.sum, &v, in_type)
                };
            }
            Aggregate::Min | Aggregate::Max => {
                use std::cmp::Ordering::*;
                let better = match compare(value, &self.best) {
                    None => true,
                    Some(Less) => self.function == Aggregate::Min,
                    Some(Greater) => self.function == Aggregate::Max,
                    Some(Equal) => false,
                };
                if better {
                    self.best = value.clone();
                }
            }
        }
    }

    pub fn result(&self) -> Value {
        match self.function {
            Aggregate::Count => Value::BigInt(self.count),
            Aggregate::Sum => convert(&self.sum, self.result),
            Aggregate::Avg => match (&self.sum, self.result) {
                (Value::BigInt(s), SqlType::Int) if self.count > 0 => Value::Int((s / self.count) as i32),
                (sum, t) => average(sum, self.count, t),
            },
            Aggregate::Min | Aggregate::Max => self.best.clone(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(function: Aggregate, result: SqlType, distinct: bool, values: &[Value]) -> Value {
        let mut a = Accumulator::new(function, result, distinct);
        for v in values {
            a.add(Some(v.clone()));
        }
        a.result()
    }

    #[test]
    fn aggregates_have_flinks_types_and_skip_nulls() {
        let ints = [Value::Int(-1), Value::Int(-2), Value::Null, Value::Int(-4)];
        assert_eq!(run(Aggregate::Avg, SqlType::Int, false, &ints), Value::Int(-2), "truncated toward zero");
        assert_eq!(run(Aggregate::Sum, SqlType::Int, false, &ints), Value::Int(-7));
        assert_eq!(run(Aggregate::Count, SqlType::BigInt, false, &ints), Value::BigInt(3));
        assert_eq!(run(Aggregate::Min, SqlType::Int, false, &ints), Value::Int(-4));
        assert_eq!(run(Aggregate::Max, SqlType::Int, false, &ints), Value::Int(-1));
        let prices = [Value::Decimal(110, 2), Value::Decimal(225, 2), Value::Decimal(333, 2)];
        assert_eq!(run(Aggregate::Avg, SqlType::Decimal(38, 6), false, &prices), Value::Decimal(2_226_667, 6));
        assert_eq!(run(Aggregate::Sum, SqlType::Decimal(38, 2), false, &prices), Value::Decimal(668, 2));
        let users = [Value::Str("a".into()), Value::Str("b".into()), Value::Str("a".into())];
        assert_eq!(run(Aggregate::Count, SqlType::BigInt, true, &users), Value::BigInt(2));
        assert_eq!(run(Aggregate::Avg, SqlType::Int, false, &[]), Value::Null);
    }
}
