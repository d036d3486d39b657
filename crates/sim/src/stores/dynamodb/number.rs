//! DynamoDB numbers: decimal, exact, up to 38 significant digits. They are kept as digits and
//! an exponent — never as a float — so that "0.1" stays 0.1, sort keys order numerically
//! ("9" before "10") and "1.50" equals "1.5", as in DynamoDB.

use super::limits::{NUMBER_MAX_DIGITS, NUMBER_MAX_EXPONENT, NUMBER_MIN_EXPONENT};
use std::cmp::Ordering;
use std::fmt;

/// `±0.d₁d₂…dₙ × 10^exponent`, with no leading or trailing zero digit; zero has no digits.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Number {
    negative: bool,
    digits: Vec<u8>,
    exponent: i64,
}

/// Why a text is not a DynamoDB number; `message` gives DynamoDB's words.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum NumberError {
    NotANumber,
    Overflow,
    Underflow,
    TooManyDigits,
}

impl NumberError {
    /// DynamoDB's ValidationException message for `text`.
    pub fn message(self, text: &str) -> String {
        match self {
            NumberError::NotANumber if text.is_empty() => "The parameter cannot be converted to a numeric value".into(),
            NumberError::NotANumber => format!("The parameter cannot be converted to a numeric value: {text}"),
            NumberError::Overflow => {
                "Number overflow. Attempting to store a number with magnitude larger than supported range".into()
            }
            NumberError::Underflow => {
                "Number underflow. Attempting to store a number with magnitude smaller than supported range".into()
            }
            NumberError::TooManyDigits => "Attempting to store more than 38 significant digits in a Number".into(),
        }
    }
}

impl Number {
    pub fn zero() -> Number {
        Number { negative: false, digits: Vec::new(), exponent: 0 }
    }

    /// Reads a number as DynamoDB accepts it: an optional sign, digits with an optional
    /// decimal point, an optional exponent (`1.5`, `-07`, `.5`, `1E+3`).
    pub fn parse(text: &str) -> Result<Number, NumberError> {
        let bytes = text.as_bytes();
        let mut i = 0;
        let negative = match bytes.first() {
            Some(b'-') => {
                i += 1;
                true
            }
            Some(b'+') => {
                i += 1;
                false
            }
            _ => false,
        };
        let mut all_digits = Vec::new();
        let mut int_len: i64 = 0;
        let mut seen_point = false;
        while let Some(&b) = bytes.get(i) {
            match b {
                b'0'..=b'9' => {
                    all_digits.push(b - b'0');
                    if !seen_point {
                        int_len += 1;
                    }
                }
                b'.' if !seen_point => seen_point = true,
                _ => break,
            }
            i += 1;
        }
        if all_digits.is_empty() {
            return Err(NumberError::NotANumber);
        }
        let mut exp: i64 = 0;
        if matches!(bytes.get(i), Some(b'e' | b'E')) {
            i += 1;
            let exp_negative = match bytes.get(i) {
                Some(b'-') => {
                    i += 1;
                    true
                }
                Some(b'+') => {
                    i += 1;
                    false
                }
                _ => false,
            };
            let start = i;
            while let Some(b @ b'0'..=b'9') = bytes.get(i) {
                // Saturate: a huge exponent is an overflow or underflow either way.
                exp = exp.saturating_mul(10).saturating_add(i64::from(b - b'0'));
                i += 1;
            }
            if i == start {
                return Err(NumberError::NotANumber);
            }
            if exp_negative {
                exp = -exp;
            }
        }
        if i != bytes.len() {
            return Err(NumberError::NotANumber);
        }
        let leading = all_digits.iter().take_while(|&&d| d == 0).count();
        let trailing = all_digits.iter().rev().take_while(|&&d| d == 0).count();
        if leading == all_digits.len() {
            return Ok(Number::zero());
        }
        let digits = all_digits[leading..all_digits.len() - trailing].to_vec();
        let exponent = (int_len - leading as i64).saturating_add(exp);
        if exponent > NUMBER_MAX_EXPONENT {
            return Err(NumberError::Overflow);
        }
        if exponent < NUMBER_MIN_EXPONENT {
            return Err(NumberError::Underflow);
        }
        if digits.len() > NUMBER_MAX_DIGITS {
            return Err(NumberError::TooManyDigits);
        }
        Ok(Number { negative, digits, exponent })
    }

    /// A float as a DynamoDB number (its shortest exact decimal text); None for NaN, the
    /// infinities and values DynamoDB cannot hold.
    pub fn from_f64(x: f64) -> Option<Number> {
        if !x.is_finite() {
            return None;
        }
        Number::parse(&format!("{x}")).ok()
    }

    pub fn is_zero(&self) -> bool {
        self.digits.is_empty()
    }

    /// The value as a float (for charts and arithmetic in the model; may round).
    pub fn to_f64(&self) -> f64 {
        self.to_string().parse().unwrap_or(0.0)
    }

    /// The value as an integer, if it is one that fits.
    pub fn to_i64(&self) -> Option<i64> {
        if self.is_zero() {
            return Some(0);
        }
        if self.exponent < self.digits.len() as i64 {
            return None;
        }
        self.to_string().parse().ok()
    }

    /// Significant digits, which is what a number costs in an item.
    pub fn significant_digits(&self) -> usize {
        self.digits.len()
    }
}

impl From<i64> for Number {
    fn from(n: i64) -> Number {
        Number::parse(&n.to_string()).expect("an i64 has at most 19 digits")
    }
}

impl From<i32> for Number {
    fn from(n: i32) -> Number {
        Number::from(i64::from(n))
    }
}

impl From<u64> for Number {
    fn from(n: u64) -> Number {
        Number::parse(&n.to_string()).expect("a u64 has at most 20 digits")
    }
}

/// Plain decimal notation without exponent, leading or trailing zeros: DynamoDB answers
/// `"1.50"` as `"1.5"` and `"1E+2"` as `"100"`.
impl fmt::Display for Number {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.is_zero() {
            return f.write_str("0");
        }
        if self.negative {
            f.write_str("-")?;
        }
        let digits: String = self.digits.iter().map(|d| char::from(b'0' + d)).collect();
        let len = self.digits.len() as i64;
        if self.exponent <= 0 {
            write!(f, "0.{}{digits}", "0".repeat((-self.exponent) as usize))
        } else if self.exponent >= len {
            write!(f, "{digits}{}", "0".repeat((self.exponent - len) as usize))
        } else {
            let (int, frac) = digits.split_at(self.exponent as usize);
            write!(f, "{int}.{frac}")
        }
    }
}

impl Ord for Number {
    fn cmp(&self, other: &Number) -> Ordering {
        let class = |n: &Number| {
            if n.is_zero() {
                0
            } else if n.negative {
                -1
            } else {
                1
            }
        };
        match class(self).cmp(&class(other)) {
            Ordering::Equal if class(self) == 0 => Ordering::Equal,
            Ordering::Equal => {
                // Same sign: the larger exponent is the larger magnitude; then the digits
                // decide, a shorter run being smaller (its missing digits are zeros).
                let magnitude = self.exponent.cmp(&other.exponent).then_with(|| self.digits.cmp(&other.digits));
                if self.negative {
                    magnitude.reverse()
                } else {
                    magnitude
                }
            }
            unequal => unequal,
        }
    }
}

impl PartialOrd for Number {
    fn partial_cmp(&self, other: &Number) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn n(text: &str) -> Number {
        Number::parse(text).unwrap_or_else(|e| panic!("{text}: {e:?}"))
    }

    #[test]
    fn numbers_are_answered_in_plain_canonical_form() {
        for (given, shown) in [
            ("1.50", "1.5"),
            ("007", "7"),
            ("-0.0100", "-0.01"),
            ("1E+2", "100"),
            ("1.5e-3", "0.0015"),
            (".5", "0.5"),
            ("+12", "12"),
            ("-0", "0"),
            ("120", "120"),
        ] {
            assert_eq!(n(given).to_string(), shown, "{given}");
        }
    }

    #[test]
    fn numbers_order_by_value_not_by_text() {
        let mut sorted: Vec<Number> =
            ["10", "9", "-1", "0", "-10", "0.5", "-0.5", "1e1", "2"].iter().map(|t| n(t)).collect();
        sorted.sort();
        let texts: Vec<String> = sorted.iter().map(Number::to_string).collect();
        assert_eq!(texts, ["-10", "-1", "-0.5", "0", "0.5", "2", "9", "10", "10"]);
        assert_eq!(n("1.50"), n("1.5"));
        assert!(n("-2") < n("-1.5"));
    }

    #[test]
    fn text_that_is_not_a_number_is_refused_with_dynamodb_words() {
        for bad in ["", "abc", "1.2.3", "1e", "--1", "1 ", "0x10", "e5"] {
            assert_eq!(Number::parse(bad), Err(NumberError::NotANumber), "{bad:?}");
        }
        assert_eq!(NumberError::NotANumber.message("b"), "The parameter cannot be converted to a numeric value: b");
    }

    #[test]
    fn range_and_precision_follow_dynamodb() {
        assert_eq!(Number::parse("1e126"), Err(NumberError::Overflow));
        assert!(Number::parse("9.9999999999999999999999999999999999999E+125").is_ok());
        assert_eq!(Number::parse("-1e-131"), Err(NumberError::Underflow));
        assert!(Number::parse("1e-130").is_ok());
        assert_eq!(Number::parse(&"1".repeat(39)), Err(NumberError::TooManyDigits));
        assert!(Number::parse(&format!("{}000", "1".repeat(38))).is_ok(), "trailing zeros are not significant");
    }

    #[test]
    fn conversions_to_and_from_native_numbers() {
        assert_eq!(Number::from(-42i64).to_string(), "-42");
        assert_eq!(Number::from_f64(0.1).map(|x| x.to_string()), Some("0.1".to_string()));
        assert_eq!(Number::from_f64(f64::NAN), None);
        assert_eq!(n("12.0").to_i64(), Some(12));
        assert_eq!(n("12.5").to_i64(), None);
        assert_eq!(n("2.5").to_f64(), 2.5);
        assert_eq!(n("0.00120").significant_digits(), 2);
    }
}
