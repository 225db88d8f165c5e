//! A calendar date without time zone, and an instant in milliseconds: what the notice's "drawn up"
//! field, the consent record's validity and the request's deadline need. Kept by hand, small and
//! pure: the deadline counts months and Finnish public holidays as Council Regulation 1182/71
//! does (`request::calendar`), which no maintained date crate does, and a date crate would add to
//! the first load what these few functions do.

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

    /// The date `days` days after 1970-01-01 (negative: before).
    pub fn from_unix_days(days: i64) -> Date {
        // Howard Hinnant's civil_from_days.
        let z = days + 719_468;
        let era = z.div_euclid(146_097);
        let doe = z.rem_euclid(146_097);
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        let mp = (5 * doy + 2) / 153;
        let day = (doy - (153 * mp + 2) / 5 + 1) as u8;
        let month = if mp < 10 { mp + 3 } else { mp - 9 } as u8;
        let year = (yoe + era * 400 + i64::from(month <= 2)) as i32;
        Date { year, month, day }
    }

    /// Days since 1970-01-01 (negative: before).
    pub fn unix_days(self) -> i64 {
        let year = i64::from(self.year) - i64::from(self.month <= 2);
        let era = year.div_euclid(400);
        let yoe = year.rem_euclid(400);
        let month = i64::from(self.month);
        let doy = (153 * (if month > 2 { month - 3 } else { month + 9 }) + 2) / 5 + i64::from(self.day) - 1;
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        era * 146_097 + doe - 719_468
    }

    /// The same day `months` calendar months later, or the last day of that month if it is
    /// shorter (31 January + 1 month = 28 or 29 February).
    pub fn add_months(self, months: u32) -> Date {
        let index = i64::from(self.year) * 12 + i64::from(self.month - 1) + i64::from(months);
        let year = index.div_euclid(12) as i32;
        let month = (index.rem_euclid(12) + 1) as u8;
        let day = self.day.min(days_in_month(year, month));
        Date { year, month, day }
    }

    /// The same day `months` calendar months earlier, or the last day of that month if it is
    /// shorter (31 March - 1 month = 28 or 29 February).
    pub fn sub_months(self, months: u32) -> Date {
        let index = i64::from(self.year) * 12 + i64::from(self.month - 1) - i64::from(months);
        let year = index.div_euclid(12) as i32;
        let month = (index.rem_euclid(12) + 1) as u8;
        let day = self.day.min(days_in_month(year, month));
        Date { year, month, day }
    }

    /// The instant this day begins, 00:00 UTC.
    pub fn start(self) -> Instant {
        Instant(self.unix_days() * MS_PER_DAY)
    }

    /// The day after this one.
    pub fn next_day(self) -> Date {
        Date::from_unix_days(self.unix_days() + 1)
    }

    /// The date `days` days later (earlier if negative).
    pub fn add_days(self, days: i64) -> Date {
        Date::from_unix_days(self.unix_days() + days)
    }

    /// The day of the week; 1970-01-01 was a Thursday.
    pub fn weekday(self) -> Weekday {
        const DAYS: [Weekday; 7] = [
            Weekday::Thursday,
            Weekday::Friday,
            Weekday::Saturday,
            Weekday::Sunday,
            Weekday::Monday,
            Weekday::Tuesday,
            Weekday::Wednesday,
        ];
        DAYS[self.unix_days().rem_euclid(7) as usize]
    }

    /// `YYYY-MM-DD`, as in `<time datetime>`.
    pub fn iso(self) -> String {
        format!("{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }

    /// The date as people write it in `lang` (`locales/<lang>.toml`, `language.date`): Finnish
    /// "30.9.2020", English "30 September 2020".
    pub fn display(self, lang: Lang) -> String {
        let language = &lang.strings().language;
        let month = language
            .months
            .split_whitespace()
            .nth(usize::from(self.month - 1))
            .unwrap_or_default();
        crate::i18n::fill(
            language.date,
            &[
                ("d", &self.day.to_string()),
                ("m", &self.month.to_string()),
                ("y", &self.year.to_string()),
                ("month", month),
            ],
        )
    }
}

/// A day of the week.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Weekday {
    Monday,
    Tuesday,
    Wednesday,
    Thursday,
    Friday,
    Saturday,
    Sunday,
}

impl Weekday {
    pub const fn is_weekend(self) -> bool {
        matches!(self, Weekday::Saturday | Weekday::Sunday)
    }
}

/// Milliseconds since 1970-01-01T00:00:00Z, as JavaScript's `Date.now()` gives them.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Instant(pub i64);

const MS_PER_DAY: i64 = 86_400_000;

impl Instant {
    /// The UTC calendar date of this instant.
    pub fn date(self) -> Date {
        Date::from_unix_days(self.0.div_euclid(MS_PER_DAY))
    }

    /// The same UTC time of day, `months` calendar months later (clamped to the month's end).
    pub fn add_months(self, months: u32) -> Instant {
        let time_of_day = self.0.rem_euclid(MS_PER_DAY);
        Instant(self.date().add_months(months).unix_days() * MS_PER_DAY + time_of_day)
    }

    /// The same UTC time of day, `months` calendar months earlier (clamped to the month's end).
    pub fn sub_months(self, months: u32) -> Instant {
        let time_of_day = self.0.rem_euclid(MS_PER_DAY);
        Instant(self.date().sub_months(months).unix_days() * MS_PER_DAY + time_of_day)
    }

    /// The UTC time of day: (hours, minutes, seconds).
    pub fn time_of_day(self) -> (u8, u8, u8) {
        let seconds = self.0.rem_euclid(MS_PER_DAY) / 1000;
        (
            (seconds / 3600) as u8,
            (seconds / 60 % 60) as u8,
            (seconds % 60) as u8,
        )
    }

    /// ISO 8601 in UTC with seconds: `2026-11-25T14:33:07Z`.
    pub fn iso_utc(self) -> String {
        let (h, m, s) = self.time_of_day();
        format!("{}T{h:02}:{m:02}:{s:02}Z", self.date().iso())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unix_days_round_trip() {
        assert_eq!(Date::new(1970, 1, 1).unwrap().unix_days(), 0);
        assert_eq!(Date::new(2000, 3, 1).unwrap().unix_days(), 11_017);
        assert_eq!(Date::from_unix_days(-1), Date::new(1969, 12, 31).unwrap());
        for days in (-800_000..800_000).step_by(997) {
            assert_eq!(Date::from_unix_days(days).unix_days(), days);
        }
    }

    #[test]
    fn add_months_clamps_to_month_end() {
        let d = |y, m, day| Date::new(y, m, day).unwrap();
        assert_eq!(d(2026, 1, 31).add_months(1), d(2026, 2, 28));
        assert_eq!(d(2028, 1, 31).add_months(1), d(2028, 2, 29));
        assert_eq!(d(2026, 11, 25).add_months(12), d(2027, 11, 25));
        assert_eq!(d(2026, 8, 31).add_months(6), d(2027, 2, 28));
        assert_eq!(d(2024, 2, 29).add_months(12), d(2025, 2, 28));
    }

    #[test]
    fn a_day_starts_at_midnight_utc() {
        let d = Date::new(2026, 12, 7).unwrap();
        assert_eq!(d.start().iso_utc(), "2026-12-07T00:00:00Z");
        assert_eq!(d.start().date(), d);
        assert_eq!(d.next_day().start().0 - d.start().0, 86_400_000);
    }

    #[test]
    fn sub_months_clamps_to_month_end() {
        let d = |y, m, day| Date::new(y, m, day).unwrap();
        assert_eq!(d(2026, 3, 31).sub_months(1), d(2026, 2, 28));
        assert_eq!(d(2026, 1, 15).sub_months(1), d(2025, 12, 15));
        assert_eq!(d(2026, 12, 7).sub_months(36), d(2023, 12, 7));
        assert_eq!(d(2028, 2, 29).sub_months(12), d(2027, 2, 28));
        let t = Instant(1_796_000_000_000);
        assert_eq!(t.sub_months(0), t);
        assert_eq!(t.sub_months(12).add_months(12).iso_utc(), t.iso_utc());
    }

    #[test]
    fn weekdays() {
        let d = |y, m, day| Date::new(y, m, day).unwrap();
        assert_eq!(d(1970, 1, 1).weekday(), Weekday::Thursday);
        assert_eq!(d(2026, 11, 25).weekday(), Weekday::Wednesday);
        assert_eq!(d(2000, 2, 29).weekday(), Weekday::Tuesday);
        assert_eq!(d(1969, 12, 31).weekday(), Weekday::Wednesday);
        assert_eq!(d(2026, 12, 31).next_day(), d(2027, 1, 1));
        assert_eq!(d(2024, 3, 1).add_days(-1), d(2024, 2, 29));
        assert!(d(2026, 11, 28).weekday().is_weekend());
    }

    #[test]
    fn instants() {
        // 2026-11-25T14:33:07.250Z
        let t = Instant(1_795_617_187_250);
        assert_eq!(t.iso_utc(), "2026-11-25T14:33:07Z");
        assert_eq!(t.add_months(12).iso_utc(), "2027-11-25T14:33:07Z");
        assert_eq!(t.add_months(6).iso_utc(), "2027-05-25T14:33:07Z");
        assert_eq!(Instant(-1).iso_utc(), "1969-12-31T23:59:59Z");
    }

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
