//! Exact decimal amounts (prices, ratings) kept as text, so `19.99` never becomes
//! `19.989999999999998` on the way from Amazon to a template.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};

/// Longest decimal accepted, in characters. Amazon's amounts are a few digits long; the limit
/// keeps an exponent such as `1e999999999` from turning into a gigabyte of zeros.
const MAX_LEN: usize = 64;

/// An exact decimal number in plain notation: an optional `-`, digits, and an optional
/// fraction (`49.99`, `100`, `0.0015`, `-3.50`).
///
/// Built from JSON number text or a string; exponents are expanded (`1e2` becomes `100`),
/// leading zeros of the integer part are dropped, and the digits written are otherwise kept
/// as they were (`49.90` stays `49.90`). Serialized as a JSON string.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Decimal(String);

/// Text that is not a decimal number.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error(
    "\"{0}\" is not a decimal amount: write digits with an optional sign and fraction, like 49.99"
)]
pub struct InvalidDecimal(pub String);

impl Decimal {
    /// Reads a decimal written as a JSON number (`49.99`, `-1`, `1.5E-3`) or as a plain string
    /// with an optional `+` sign and surrounding whitespace (`" 49.99 "`, `"+5"`, `"7."`).
    pub fn parse(text: &str) -> Result<Decimal, InvalidDecimal> {
        parse_plain(text.trim()).ok_or_else(|| InvalidDecimal(text.to_string()))
    }

    /// The decimal as text: `49.99`.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The integer nearest to this decimal, halves rounded away from zero (`15.5` gives 16),
    /// or `None` when it does not fit in an `i64`.
    pub fn round_to_integer(&self) -> Option<i64> {
        let (int, frac) = self.0.split_once('.').unwrap_or((&self.0, ""));
        let negative = int.starts_with('-');
        let magnitude: i64 = int.trim_start_matches('-').parse().ok()?;
        let round_up = frac.as_bytes().first().is_some_and(|d| *d >= b'5');
        let magnitude = magnitude.checked_add(i64::from(round_up))?;
        Some(if negative { -magnitude } else { magnitude })
    }
}

/// Parses `[+-]digits[.digits][(e|E)[+-]digits]` into plain notation.
fn parse_plain(text: &str) -> Option<Decimal> {
    let (negative, rest) = match text.as_bytes().first()? {
        b'-' => (true, &text[1..]),
        b'+' => (false, &text[1..]),
        _ => (false, text),
    };
    let (mantissa, exponent) = match rest.find(['e', 'E']) {
        Some(at) => (&rest[..at], Some(&rest[at + 1..])),
        None => (rest, None),
    };
    let (int, frac) = mantissa.split_once('.').unwrap_or((mantissa, ""));
    let all_digits = |s: &str| s.bytes().all(|b| b.is_ascii_digit());
    if int.len() + frac.len() == 0 || !all_digits(int) || !all_digits(frac) {
        return None;
    }
    let exponent: i64 = match exponent {
        None => 0,
        Some(e) => {
            let digits = e.strip_prefix(['+', '-']).unwrap_or(e);
            if digits.is_empty() || digits.len() > 4 || !all_digits(digits) {
                return None;
            }
            e.parse().ok()?
        }
    };
    // Digits without the point, and where the point goes (counted from the left).
    let digits: String = int.chars().chain(frac.chars()).collect();
    let point = int.len() as i64 + exponent;
    let (int_part, frac_part) = if point <= 0 {
        let zeros = usize::try_from(-point).ok()?;
        if zeros > MAX_LEN {
            return None;
        }
        (String::new(), "0".repeat(zeros) + &digits)
    } else {
        let point = usize::try_from(point).ok()?;
        if point > MAX_LEN {
            return None;
        }
        if point >= digits.len() {
            (
                digits.clone() + &"0".repeat(point - digits.len()),
                String::new(),
            )
        } else {
            (digits[..point].to_string(), digits[point..].to_string())
        }
    };
    let int_part = int_part.trim_start_matches('0');
    let int_part = if int_part.is_empty() { "0" } else { int_part };
    let is_zero = int_part == "0" && frac_part.bytes().all(|b| b == b'0');
    let mut out = String::with_capacity(int_part.len() + frac_part.len() + 2);
    if negative && !is_zero {
        out.push('-');
    }
    out.push_str(int_part);
    if !frac_part.is_empty() {
        out.push('.');
        out.push_str(&frac_part);
    }
    (out.len() <= MAX_LEN).then_some(Decimal(out))
}

impl fmt::Display for Decimal {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl FromStr for Decimal {
    type Err = InvalidDecimal;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Decimal::parse(s)
    }
}

impl Serialize for Decimal {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.0)
    }
}

impl<'de> Deserialize<'de> for Decimal {
    /// Accepts a string (the stored form) or a number. Integers are exact; a floating-point
    /// number is read back in its shortest round-trip form (`0.1` stays `0.1`).
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct Visitor;

        impl serde::de::Visitor<'_> for Visitor {
            type Value = Decimal;

            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a decimal amount as a string or number")
            }

            fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<Decimal, E> {
                Decimal::parse(v).map_err(E::custom)
            }

            fn visit_u64<E: serde::de::Error>(self, v: u64) -> Result<Decimal, E> {
                Ok(Decimal(v.to_string()))
            }

            fn visit_i64<E: serde::de::Error>(self, v: i64) -> Result<Decimal, E> {
                Ok(Decimal(v.to_string()))
            }

            fn visit_f64<E: serde::de::Error>(self, v: f64) -> Result<Decimal, E> {
                if !v.is_finite() {
                    return Err(E::custom("a decimal amount must be finite"));
                }
                Decimal::parse(&v.to_string()).map_err(E::custom)
            }
        }

        d.deserialize_any(Visitor)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn plain(text: &str) -> String {
        Decimal::parse(text).unwrap().to_string()
    }

    #[test]
    fn keeps_digits_as_written() {
        assert_eq!(plain("49.99"), "49.99");
        assert_eq!(plain("0.1"), "0.1");
        assert_eq!(plain("19.999999999999999999"), "19.999999999999999999");
        assert_eq!(plain("49.90"), "49.90");
        assert_eq!(plain("-3.50"), "-3.50");
        assert_eq!(plain(" +7 "), "7");
        assert_eq!(plain("007.5"), "7.5");
        assert_eq!(plain(".5"), "0.5");
        assert_eq!(plain("7."), "7");
        assert_eq!(plain("-0.00"), "0.00");
    }

    #[test]
    fn expands_exponents() {
        assert_eq!(plain("1e2"), "100");
        assert_eq!(plain("1E+2"), "100");
        assert_eq!(plain("1.5e-3"), "0.0015");
        assert_eq!(plain("1.50e1"), "15.0");
        assert_eq!(plain("100e-2"), "1.00");
        assert_eq!(plain("-2.5e0"), "-2.5");
    }

    #[test]
    fn refuses_what_is_not_a_number() {
        for bad in [
            "", "-", ".", "e5", "1e", "1e+", "12a", "1,5", "€5", "1.2.3", "--1", "1e99999", "1e70",
            "1e-70", "NaN", "inf",
        ] {
            assert!(Decimal::parse(bad).is_err(), "{bad}");
        }
        let err = Decimal::parse("abc").unwrap_err();
        assert!(err.to_string().contains("like 49.99"), "{err}");
    }

    #[test]
    fn rounds_to_the_nearest_integer() {
        let round = |s: &str| Decimal::parse(s).unwrap().round_to_integer();
        assert_eq!(round("15.5"), Some(16));
        assert_eq!(round("15.49"), Some(15));
        assert_eq!(round("-2.5"), Some(-3));
        assert_eq!(round("20"), Some(20));
        assert_eq!(round("99999999999999999999"), None);
    }

    #[test]
    fn serde_uses_strings_and_accepts_numbers() {
        let d = Decimal::parse("49.99").unwrap();
        assert_eq!(serde_json::to_string(&d).unwrap(), "\"49.99\"");
        let back: Decimal = serde_json::from_str("\"49.99\"").unwrap();
        assert_eq!(back, d);
        let from_number: Decimal = serde_json::from_str("0.1").unwrap();
        assert_eq!(from_number.as_str(), "0.1");
        let from_int: Decimal = serde_json::from_str("-12").unwrap();
        assert_eq!(from_int.as_str(), "-12");
        assert!(serde_json::from_str::<Decimal>("\"x\"").is_err());
        assert!(serde_json::from_str::<Decimal>("true").is_err());
    }
}
