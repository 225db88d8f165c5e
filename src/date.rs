//! A calendar date without time zone: what the notice's "drawn up" field and, later, request
//! deadlines need. Pure and small so that it compiles into the WebAssembly without a date crate.

use std::fmt;

use crate::i18n::Lang;

/// A valid date of the proleptic Gregorian calendar.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date {
    year: i32,
    month: u8,
    day: u8,
}

/// Why a date was refused.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum DateError {
    /// Not of the form `YYYY-MM-DD`.
    Format(String),
    /// Of the right form, but no such day (for example 2021-02-29).
    NoSuchDay(String),
}

impl fmt::Display for DateError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            DateError::Format(s) => write!(f, "\"{s}\" is not a date of the form YYYY-MM-DD"),
            DateError::NoSuchDay(s) => write!(f, "\"{s}\" is not a day of the calendar"),
        }
    }
}

impl std::error::Error for DateError {}

const MONTHS_EN: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

/// Whether `year` has a 29 February.
pub const fn is_leap_year(year: i32) -> bool {
    (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
}

/// The number of days in `month` (1–12) of `year`.
pub const fn days_in_month(year: i32, month: u8) -> u8 {
    match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if is_leap_year(year) => 29,
        2 => 28,
        _ => 0,
    }
}

impl Date {
    /// The date, if it exists.
    pub fn new(year: i32, month: u8, day: u8) -> Option<Date> {
        (1..=12).contains(&month).then_some(())?;
        (1..=days_in_month(year, month)).contains(&day).then_some(())?;
        Some(Date { year, month, day })
    }

    /// Parses an ISO 8601 calendar date, `YYYY-MM-DD`.
    pub fn parse_iso(s: &str) -> Result<Date, DateError> {
        let format_error = || DateError::Format(s.to_owned());
        let bytes = s.as_bytes();
        if bytes.len() != 10 || bytes[4] != b'-' || bytes[7] != b'-' {
            return Err(format_error());
        }
        let digits = |range: std::ops::Range<usize>| -> Result<u32, DateError> {
            let part = &s[range];
            if part.bytes().all(|b| b.is_ascii_digit()) {
                part.parse().map_err(|_| format_error())
            } else {
                Err(format_error())
            }
        };
        let (year, month, day) = (digits(0..4)?, digits(5..7)?, digits(8..10)?);
        // The ranges below fit: four digits and two digits.
        Date::new(year as i32, month as u8, day as u8).ok_or_else(|| DateError::NoSuchDay(s.to_owned()))
    }

    pub const fn year(self) -> i32 {
        self.year
    }

    pub const fn month(self) -> u8 {
        self.month
    }

    pub const fn day(self) -> u8 {
        self.day
    }

    /// `YYYY-MM-DD`, as in `<time datetime>`.
    pub fn iso(self) -> String {
        format!("{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }

    /// The date as people write it in `lang`: Finnish "30.9.2020", English "30 September 2020".
    pub fn display(self, lang: Lang) -> String {
        match lang {
            Lang::Fi => format!("{}.{}.{}", self.day, self.month, self.year),
            Lang::En => format!(
                "{} {} {}",
                self.day,
                MONTHS_EN[usize::from(self.month - 1)],
                self.year
            ),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_and_formats() {
        let d = Date::parse_iso("2020-09-30").unwrap();
        assert_eq!((d.year(), d.month(), d.day()), (2020, 9, 30));
        assert_eq!(d.iso(), "2020-09-30");
        assert_eq!(d.display(Lang::Fi), "30.9.2020");
        assert_eq!(d.display(Lang::En), "30 September 2020");
    }

    #[test]
    fn leap_years() {
        assert!(Date::parse_iso("2024-02-29").is_ok());
        assert!(Date::parse_iso("2000-02-29").is_ok());
        assert_eq!(
            Date::parse_iso("1900-02-29"),
            Err(DateError::NoSuchDay("1900-02-29".into()))
        );
        assert!(Date::parse_iso("2023-02-29").is_err());
    }

    #[test]
    fn refuses_malformed() {
        for bad in [
            "30.09.2020",
            "2020-9-30",
            "2020-09-3x",
            "",
            "2020-13-01",
            "+020-09-30",
        ] {
            assert!(Date::parse_iso(bad).is_err(), "{bad} accepted");
        }
        assert!(Date::parse_iso("2020-04-31")
            .unwrap_err()
            .to_string()
            .contains("not a day"));
    }
}
