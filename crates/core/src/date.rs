//! Dates without a clock: the proleptic Gregorian calendar in UTC, HTTP dates (as in
//! `Retry-After`) and AWS's `X-Amz-Date`. Callers pass the time in as unix seconds; nothing here
//! reads a clock.

use std::fmt;

use crate::quote::excerpt;

/// A date that cannot be used. Each message names the input and what to do.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum DateError {
    /// The text is not `YYYYMMDDTHHMMSSZ` or not a real date.
    #[error(
        "the signing date \"{0}\" is not a valid X-Amz-Date: use the form 20150830T123600Z (UTC)"
    )]
    InvalidAmzDate(String),
    /// Unix seconds outside the years 0000 to 9999.
    #[error(
        "the signing time {0} (Unix seconds) is outside the years 0000-9999: pass the current time"
    )]
    OutOfRange(i64),
}

/// A signing time, shown as `20150830T123600Z`. Built from Unix seconds or parsed; the signer
/// never reads a clock.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct AmzDate {
    unix: i64,
}

/// 0000-01-01T00:00:00Z in Unix seconds.
const MIN_UNIX: i64 = -62_167_219_200;
/// 9999-12-31T23:59:59Z in Unix seconds.
const MAX_UNIX: i64 = 253_402_300_799;

impl AmzDate {
    /// The date at `unix` seconds since 1970-01-01T00:00:00Z.
    pub fn from_unix_seconds(unix: i64) -> Result<AmzDate, DateError> {
        if (MIN_UNIX..=MAX_UNIX).contains(&unix) {
            Ok(AmzDate { unix })
        } else {
            Err(DateError::OutOfRange(unix))
        }
    }

    /// Parses `20150830T123600Z`.
    pub fn parse(s: &str) -> Result<AmzDate, DateError> {
        let bad = || DateError::InvalidAmzDate(excerpt(s));
        let b = s.as_bytes();
        if b.len() != 16 || b[8] != b'T' || b[15] != b'Z' {
            return Err(bad());
        }
        let num = |r: std::ops::Range<usize>| -> Option<i64> {
            let part = b.get(r)?;
            part.iter().try_fold(0i64, |acc, &c| {
                c.is_ascii_digit().then(|| acc * 10 + i64::from(c - b'0'))
            })
        };
        let (y, mo, d) = (
            num(0..4).ok_or_else(bad)?,
            num(4..6).ok_or_else(bad)?,
            num(6..8).ok_or_else(bad)?,
        );
        let (h, mi, se) = (
            num(9..11).ok_or_else(bad)?,
            num(11..13).ok_or_else(bad)?,
            num(13..15).ok_or_else(bad)?,
        );
        if !(1..=12).contains(&mo)
            || d < 1
            || d > days_in_month(y, mo)
            || h > 23
            || mi > 59
            || se > 59
        {
            return Err(bad());
        }
        let unix = days_from_civil(y, mo, d) * 86_400 + h * 3600 + mi * 60 + se;
        AmzDate::from_unix_seconds(unix).map_err(|_| bad())
    }

    /// Seconds since 1970-01-01T00:00:00Z.
    pub fn unix_seconds(self) -> i64 {
        self.unix
    }

    /// The scope date: `20150830`.
    pub fn scope_date(self) -> String {
        String::from_utf8_lossy(&self.scope_date_bytes()).into_owned()
    }

    /// Days since 1970-01-01 (the scope date as a number).
    pub(crate) fn day(self) -> i64 {
        self.unix.div_euclid(86_400)
    }

    /// `20150830`, ASCII digits.
    pub(crate) fn scope_date_bytes(self) -> [u8; 8] {
        let mut out = [0u8; 8];
        out.copy_from_slice(&self.digits()[..8]);
        out
    }

    /// `20150830T123600Z`, ASCII. The year has four digits: the range checks keep it in
    /// 0000-9999.
    pub(crate) fn digits(self) -> [u8; 16] {
        let (y, m, d) = civil_from_days(self.day());
        let s = self.unix.rem_euclid(86_400);
        let mut out = *b"00000000T000000Z";
        let mut put = |at: usize, width: usize, mut n: i64| {
            for slot in out[at..at + width].iter_mut().rev() {
                // `n % 10` is a digit: the cast cannot truncate.
                *slot = b'0' + (n % 10) as u8;
                n /= 10;
            }
        };
        put(0, 4, y);
        put(4, 2, m);
        put(6, 2, d);
        put(9, 2, s / 3600);
        put(11, 2, s % 3600 / 60);
        put(13, 2, s % 60);
        out
    }
}

impl fmt::Display for AmzDate {
    /// `20150830T123600Z`
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&String::from_utf8_lossy(&self.digits()))
    }
}

/// Unix seconds of an HTTP date in the preferred form of RFC 9110 (IMF-fixdate:
/// `Sun, 06 Nov 1994 08:49:37 GMT`); `None` for anything else or a date before 1970.
pub(crate) fn parse_http_date(s: &str) -> Option<u64> {
    let parts: Vec<&str> = s.split_whitespace().collect();
    let [_weekday, day, month, year, time, zone] = parts.as_slice() else {
        return None;
    };
    if !zone.eq_ignore_ascii_case("GMT") && !zone.eq_ignore_ascii_case("UTC") {
        return None;
    }
    const MONTHS: [&str; 12] = [
        "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec",
    ];
    let month = MONTHS.iter().position(|m| m.eq_ignore_ascii_case(month))? as i64 + 1;
    let year: i64 = year.parse().ok().filter(|y| (1970..=9999).contains(y))?;
    let day: i64 = day
        .parse()
        .ok()
        .filter(|d| (1..=days_in_month(year, month)).contains(d))?;
    let hms: Vec<i64> = time
        .split(':')
        .map(|p| p.parse().ok().filter(|n: &i64| *n >= 0))
        .collect::<Option<Vec<i64>>>()?;
    let [h, m, sec] = hms.as_slice() else {
        return None;
    };
    if *h > 23 || *m > 59 || *sec > 60 {
        return None;
    }
    let unix = days_from_civil(year, month, day) * 86_400 + h * 3600 + m * 60 + sec;
    u64::try_from(unix).ok()
}

fn is_leap(y: i64) -> bool {
    y % 4 == 0 && (y % 100 != 0 || y % 400 == 0)
}

fn days_in_month(y: i64, m: i64) -> i64 {
    match m {
        2 if is_leap(y) => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

/// Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's algorithm).
fn days_from_civil(y: i64, m: i64, d: i64) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (m + 9) % 12;
    let doy = (153 * mp + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// The date of a day count since 1970-01-01.
fn civil_from_days(z: i64) -> (i64, i64, i64) {
    let z = z + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    let y = yoe + era * 400 + i64::from(m <= 2);
    (y, m, d)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_round_trip() {
        let d = AmzDate::parse("20150830T123600Z").unwrap();
        assert_eq!(d.unix_seconds(), 1_440_938_160);
        assert_eq!(d.to_string(), "20150830T123600Z");
        assert_eq!(d.scope_date(), "20150830");
        assert_eq!(
            AmzDate::from_unix_seconds(1_609_426_121)
                .unwrap()
                .to_string(),
            "20201231T144841Z"
        );
        assert_eq!(
            AmzDate::from_unix_seconds(0).unwrap().to_string(),
            "19700101T000000Z"
        );
        assert_eq!(
            AmzDate::from_unix_seconds(-1).unwrap().to_string(),
            "19691231T235959Z"
        );
        assert_eq!(
            AmzDate::parse("20240229T000000Z").unwrap().scope_date(),
            "20240229"
        );
        for bad in [
            "",
            "20150830T123600",
            "20150830 123600Z",
            "20230229T000000Z",
            "20151301T000000Z",
            "20150830T246000Z",
            "2015083OT123600Z",
            "+0150830T123600Z",
            "２015083T123600Z",
        ] {
            assert!(AmzDate::parse(bad).is_err(), "{bad}");
        }
        assert!(AmzDate::from_unix_seconds(i64::MAX).is_err());
        assert!(AmzDate::from_unix_seconds(MAX_UNIX).is_ok());
        assert_eq!(
            AmzDate::from_unix_seconds(MIN_UNIX).unwrap().to_string(),
            "00000101T000000Z"
        );
    }

    #[test]
    fn http_dates_are_read_and_bad_ones_refused() {
        assert_eq!(parse_http_date("Thu, 01 Jan 1970 00:00:00 GMT"), Some(0));
        assert_eq!(
            parse_http_date("Wed, 21 Oct 2015 07:28:00 GMT"),
            Some(1_445_412_480)
        );
        assert_eq!(
            parse_http_date("Tue, 29 Feb 2028 23:59:59 GMT"),
            Some(1_835_481_599)
        );
        for bad in [
            "Tue, 29 Feb 2028 24:00:00 GMT",
            "Tue, 29 Foo 2028 23:00:00 GMT",
            "Wed, 29 Feb 2023 00:00:00 GMT",
            "Wed, 31 Dec 1969 23:59:59 GMT",
            "Wed, 21 Oct 2015 07:28:00 CET",
            "Wed, 21 Oct 2015 07:-1:00 GMT",
            "soon",
            "",
        ] {
            assert_eq!(parse_http_date(bad), None, "{bad}");
        }
    }

    #[test]
    fn the_calendar_round_trips() {
        for days in [-719_468, -1, 0, 59, 365, 11_016, 2_932_896] {
            let (y, m, d) = civil_from_days(days);
            assert!(d <= days_in_month(y, m));
            assert_eq!(days_from_civil(y, m, d), days, "{y}-{m}-{d}");
        }
    }
}
