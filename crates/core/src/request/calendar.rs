//! The days on which a GDPR time limit cannot end. The letter counts the Art. 12(3) month as
//! Council Regulation (EEC, Euratom) No 1182/71 does, and so does this module: by its Art. 3(4) a
//! period that would end on a public holiday, a Saturday or a Sunday ends at the end of the next
//! working day, and by its Art. 2(1) the holidays are those of the Member State where the act is to
//! be done, here Finland. So a deadline moves past:
//!
//! - Saturdays and Sundays;
//! - Finland's public holidays: the Church's holy days (New Year's Day, Epiphany, Good Friday,
//!   Easter Sunday and Monday, Ascension Day, Whit Sunday, Midsummer Day (the Saturday of 20–26
//!   June), All Saints' Day (the Saturday of 31 October – 6 November), Christmas Day, St Stephen's
//!   Day), May Day and Independence Day.
//!
//! It does **not** move past Christmas Eve or Midsummer Eve: they are not public holidays but days
//! that the Finnish Act on the Calculation of Statutory Time Limits (150/1930, 5 §) adds for time
//! limits set by Finnish law, which the Art. 12(3) period is not. Counting them would give a later
//! date than the Regulation does, and a customer told that later date could wait too long.
//!
//! Not verified here: Art. 2(1) also has each Member State send the Commission its list of
//! holidays, published in the Official Journal, and Finland's list was not at hand. Should it name
//! the two eves, the Regulation's date is at most a few days later than this one; the earlier date
//! is the safe one on both sides (a customer who acts on it is at worst a few days early, a controller who
//! answers by it is never late), so it is used until the list is checked.
//! Kept by hand: no maintained crate has Finnish public holidays together with the Regulation's
//! counting.

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

/// The first `weekday` on or after `first_day` of `month` (the movable Saturdays of Midsummer Day
/// and All Saints' Day; the tests find Midsummer Eve, a Friday, with it too).
fn weekday_between(year: i32, month: u8, first_day: u8, weekday: Weekday) -> Option<Date> {
    let first = Date::new(year, month, first_day)?;
    (0..7)
        .map(|offset| first.add_days(offset))
        .find(|day| day.weekday() == weekday)
}

/// The public holidays of Finland in `year`, sorted: the days Reg. 1182/71 counts as holidays
/// (see the module's note; not Christmas Eve, not Midsummer Eve).
pub fn finnish_public_holidays(year: i32) -> Vec<Date> {
    let fixed = [(1, 1), (1, 6), (5, 1), (12, 6), (12, 25), (12, 26)];
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
    // Midsummer Day: the Saturday of 20–26 June; All Saints' Day: the Saturday of 31 October –
    // 6 November (both always a Saturday, so they move no deadline that a Saturday would not).
    days.extend(weekday_between(year, 6, 20, Weekday::Saturday));
    days.extend(weekday_between(year, 10, 31, Weekday::Saturday));
    days.sort();
    days
}

/// Whether a period can end on `day` (Reg. 1182/71 Art. 3(4)): not a Saturday, Sunday or
/// Finnish public holiday.
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
            d(2026, 6, 20),  // Midsummer Day
            d(2026, 10, 31), // All Saints' Day
            d(2026, 12, 6),
            d(2026, 12, 25),
            d(2026, 12, 26),
        ] {
            assert!(days.contains(&holiday), "{holiday:?}");
        }
        assert_eq!(days.len(), 13);
        assert!(
            !days.contains(&d(2026, 6, 19)),
            "Midsummer Eve is not a public holiday"
        );
        assert!(
            !days.contains(&d(2026, 12, 24)),
            "Christmas Eve is not a public holiday"
        );
    }

    #[test]
    fn working_days() {
        assert!(is_working_day(d(2026, 11, 25)));
        assert!(!is_working_day(d(2026, 11, 28)), "Saturday");
        assert!(is_working_day(d(2026, 12, 24)), "Christmas Eve, a Thursday");
        assert_eq!(this_or_next_working_day(d(2026, 12, 25)), d(2026, 12, 28));
        assert_eq!(this_or_next_working_day(d(2026, 4, 3)), d(2026, 4, 7));
        assert_eq!(this_or_next_working_day(d(2026, 11, 25)), d(2026, 11, 25));
    }

    /// Christmas Eve and Midsummer Eve on a weekday end a period on that very day, whatever the
    /// year; the day after is a public holiday (or a Saturday), so one day later would be days later.
    #[test]
    fn the_eves_do_not_move_a_deadline() {
        for year in 2024..=2035 {
            let christmas_eve = d(year, 12, 24);
            let midsummer_eve = weekday_between(year, 6, 19, Weekday::Friday).unwrap();
            assert_eq!(midsummer_eve.weekday(), Weekday::Friday);
            assert!((19..=25).contains(&midsummer_eve.day()) && midsummer_eve.month() == 6);
            assert_eq!(this_or_next_working_day(midsummer_eve), midsummer_eve, "{year}");
            if !christmas_eve.weekday().is_weekend() {
                assert_eq!(this_or_next_working_day(christmas_eve), christmas_eve, "{year}");
            }
            // Midsummer Day is the Saturday after the Eve, All Saints' Day a Saturday too.
            let midsummer_day = midsummer_eve.next_day();
            assert!(finnish_public_holidays(year).contains(&midsummer_day), "{year}");
            assert_eq!(midsummer_day.weekday(), Weekday::Saturday);
        }
    }

    #[test]
    fn around_the_eves_by_year() {
        // 2025: Midsummer Eve Fri 20 June (a working day for the Regulation), Midsummer Day Sat
        // 21 June, Sunday 22 June, so a period ending on the 21st ends Monday 23 June. Christmas
        // Eve Wed 24 December; 25th and 26th holidays, 27–28 a weekend: the 25th moves to Mon 29th.
        assert_eq!(this_or_next_working_day(d(2025, 6, 20)), d(2025, 6, 20));
        assert_eq!(this_or_next_working_day(d(2025, 6, 21)), d(2025, 6, 23));
        assert_eq!(this_or_next_working_day(d(2025, 12, 24)), d(2025, 12, 24));
        assert_eq!(this_or_next_working_day(d(2025, 12, 25)), d(2025, 12, 29));
        // 2026: Midsummer Eve Fri 19 June; Christmas Eve Thu 24 December.
        assert_eq!(this_or_next_working_day(d(2026, 6, 19)), d(2026, 6, 19));
        assert_eq!(this_or_next_working_day(d(2026, 6, 20)), d(2026, 6, 22));
        assert_eq!(this_or_next_working_day(d(2026, 12, 24)), d(2026, 12, 24));
        // 2027: Midsummer Eve Fri 25 June; Christmas Eve Fri 24 December, then Sat 25 (Christmas
        // Day), Sun 26 (St Stephen's Day): the 25th moves to Monday 27th.
        assert_eq!(this_or_next_working_day(d(2027, 6, 25)), d(2027, 6, 25));
        assert_eq!(this_or_next_working_day(d(2027, 12, 24)), d(2027, 12, 24));
        assert_eq!(this_or_next_working_day(d(2027, 12, 25)), d(2027, 12, 27));
        // 2028: Christmas Eve is a Sunday: the next working day is Wednesday 27 December.
        assert_eq!(this_or_next_working_day(d(2028, 12, 24)), d(2028, 12, 27));
        assert_eq!(this_or_next_working_day(d(2028, 6, 23)), d(2028, 6, 23));
        // 2029: Christmas Eve Mon 24 December; Midsummer Eve Fri 22 June.
        assert_eq!(this_or_next_working_day(d(2029, 12, 24)), d(2029, 12, 24));
        assert_eq!(this_or_next_working_day(d(2029, 6, 22)), d(2029, 6, 22));
        // The day before the eves is no holiday either.
        assert_eq!(this_or_next_working_day(d(2026, 12, 23)), d(2026, 12, 23));
        assert_eq!(this_or_next_working_day(d(2026, 6, 18)), d(2026, 6, 18));
    }
}
