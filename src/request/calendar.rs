//! Finnish public holidays: the days on which a time limit cannot end (Council Regulation (EEC,
//! Euratom) No 1182/71, Art. 3(4): a period that would end on a public holiday, a Saturday or a
//! Sunday ends on the next working day). Kept by hand: no maintained crate has Finnish public
//! holidays together with the Regulation's counting.

use crate::date::{Date, Weekday};

/// Easter Sunday of `year` (Gregorian, the anonymous "Meeus/Jones/Butcher" computus).
pub fn easter_sunday(year: i32) -> Date {
    let a = year % 19;
    let b = year / 100;
    let c = year % 100;
    let d = b / 4;
    let e = b % 4;
    let f = (b + 8) / 25;
    let g = (b - f + 1) / 3;
    let h = (19 * a + b - d - g + 15) % 30;
    let i = c / 4;
    let k = c % 4;
    let l = (32 + 2 * e + 2 * i - h - k) % 7;
    let m = (a + 11 * h + 22 * l) / 451;
    let month = (h + l - 7 * m + 114) / 31;
    let day = (h + l - 7 * m + 114) % 31 + 1;
    // The computus yields March or April and a valid day.
    Date::new(year, month as u8, day as u8)
        .unwrap_or_else(|| Date::new(year, 4, 1).unwrap_or(Date::from_unix_days(0)))
}

/// The Saturday or Friday in a range of June/October/November days (movable Finnish holidays).
fn weekday_between(year: i32, month: u8, first_day: u8, weekday: Weekday) -> Option<Date> {
    let first = Date::new(year, month, first_day)?;
    (0..7)
        .map(|offset| first.add_days(offset))
        .find(|day| day.weekday() == weekday)
}

/// The official public holidays of Finland in `year` (with Christmas Eve and Midsummer Eve,
/// which are days off by law for most offices), sorted.
pub fn finnish_public_holidays(year: i32) -> Vec<Date> {
    let fixed = [(1, 1), (1, 6), (5, 1), (12, 6), (12, 24), (12, 25), (12, 26)];
    let easter = easter_sunday(year);
    let mut days: Vec<Date> = fixed
        .iter()
        .filter_map(|(m, d)| Date::new(year, *m, *d))
        .collect();
    days.extend([
        easter.add_days(-2),
        easter,
        easter.add_days(1),
        easter.add_days(39),
        easter.add_days(49),
    ]);
    // Midsummer Eve: the Friday of 19–25 June; Midsummer Day: the Saturday of 20–26 June;
    // All Saints' Day: the Saturday of 31 October – 6 November.
    days.extend(weekday_between(year, 6, 19, Weekday::Friday));
    days.extend(weekday_between(year, 6, 20, Weekday::Saturday));
    days.extend(weekday_between(year, 10, 31, Weekday::Saturday));
    days.sort();
    days
}

/// Whether the offices are open on `day`: not a Saturday, Sunday or public holiday.
pub fn is_working_day(day: Date) -> bool {
    !day.weekday().is_weekend() && !finnish_public_holidays(day.year()).contains(&day)
}

/// `day` itself if it is a working day, else the next one.
pub fn this_or_next_working_day(day: Date) -> Date {
    let mut day = day;
    while !is_working_day(day) {
        day = day.next_day();
    }
    day
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u8, day: u8) -> Date {
        Date::new(y, m, day).unwrap()
    }

    #[test]
    fn easter_dates() {
        assert_eq!(easter_sunday(2024), d(2024, 3, 31));
        assert_eq!(easter_sunday(2025), d(2025, 4, 20));
        assert_eq!(easter_sunday(2026), d(2026, 4, 5));
        assert_eq!(easter_sunday(2027), d(2027, 3, 28));
        assert_eq!(easter_sunday(2038), d(2038, 4, 25));
        assert_eq!(easter_sunday(2285), d(2285, 3, 22));
    }

    #[test]
    fn finnish_holidays_2026() {
        let days = finnish_public_holidays(2026);
        for holiday in [
            d(2026, 1, 1),
            d(2026, 1, 6),
            d(2026, 4, 3), // Good Friday
            d(2026, 4, 6), // Easter Monday
            d(2026, 5, 1),
            d(2026, 5, 14),  // Ascension Day
            d(2026, 6, 19),  // Midsummer Eve
            d(2026, 6, 20),  // Midsummer Day
            d(2026, 10, 31), // All Saints' Day
            d(2026, 12, 6),
            d(2026, 12, 24),
            d(2026, 12, 25),
            d(2026, 12, 26),
        ] {
            assert!(days.contains(&holiday), "{holiday:?}");
        }
        assert_eq!(days.len(), 15);
    }

    #[test]
    fn working_days() {
        assert!(is_working_day(d(2026, 11, 25)));
        assert!(!is_working_day(d(2026, 11, 28)), "Saturday");
        assert!(!is_working_day(d(2026, 12, 24)), "Christmas Eve");
        assert_eq!(this_or_next_working_day(d(2026, 12, 24)), d(2026, 12, 28));
        assert_eq!(this_or_next_working_day(d(2026, 4, 3)), d(2026, 4, 7));
        assert_eq!(this_or_next_working_day(d(2026, 11, 25)), d(2026, 11, 25));
    }
}
