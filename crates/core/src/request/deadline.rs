//! When the controller must answer (GDPR Art. 12(3)): within one month of receipt, extendable by
//! two further months with notice. Months are counted as Regulation 1182/71 Art. 3 counts them,
//! which the EDPB applies to Art. 12(3) (Guidelines 01/2022 on the right of access): the period
//! ends on the same date of the next month, or on that month's last day if it has no such date,
//! and a period ending on a Saturday, Sunday or Finnish public holiday ends on the next working
//! day (Art. 3(4); Christmas Eve and Midsummer Eve are working days here: see `calendar`).

use super::calendar::this_or_next_working_day;
use crate::date::Date;

/// The answer is due by `due`; with the two-month extension (which the controller must announce
/// within the first month, with reasons), by `extended`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Deadline {
    pub received: Date,
    pub due: Date,
    pub extended: Date,
}

/// The deadlines for a request received on `received`.
pub fn response_deadline(received: Date) -> Deadline {
    Deadline {
        received,
        due: this_or_next_working_day(received.add_months(1)),
        extended: this_or_next_working_day(received.add_months(3)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u8, day: u8) -> Date {
        Date::new(y, m, day).unwrap()
    }

    #[test]
    fn same_date_next_month() {
        // EDPB example: received 5 February, answer by 5 March (2026: a Thursday).
        assert_eq!(response_deadline(d(2026, 2, 5)).due, d(2026, 3, 5));
        assert_eq!(response_deadline(d(2026, 2, 5)).extended, d(2026, 5, 5));
    }

    #[test]
    fn month_ends_and_leap_years() {
        // 31 January: February has no 31st, so its last day; 2027-02-28 is a Sunday → Monday 1 March.
        assert_eq!(response_deadline(d(2027, 1, 31)).due, d(2027, 3, 1));
        // 2028 is a leap year: 29 February, a Tuesday.
        assert_eq!(response_deadline(d(2028, 1, 31)).due, d(2028, 2, 29));
        // 29 February 2028 + 12 months is not asked here; + 1 month is 29 March (Wednesday).
        assert_eq!(response_deadline(d(2028, 2, 29)).due, d(2028, 3, 29));
        // 30 November + 3 months: 28 February 2027 (Sunday) → 1 March.
        assert_eq!(response_deadline(d(2026, 11, 30)).extended, d(2027, 3, 1));
    }

    #[test]
    fn weekends_and_holidays_move_to_the_next_working_day() {
        // 24 December 2026 is Christmas Eve, a Thursday: not a public holiday, so the period
        // ends that day (Finnish law 150/1930 would move it, Reg. 1182/71 does not).
        assert_eq!(response_deadline(d(2026, 11, 24)).due, d(2026, 12, 24));
        // 6 December 2026 (Independence Day, a Sunday) → Monday 7 December.
        assert_eq!(response_deadline(d(2026, 11, 6)).due, d(2026, 12, 7));
        // Received 25 November 2026: 25 December is Christmas Day, then Boxing Day and a Sunday,
        // so Monday 28 December.
        assert_eq!(response_deadline(d(2026, 11, 25)).due, d(2026, 12, 28));
    }

    #[test]
    fn midsummer_eve_is_a_working_day_and_midsummer_day_is_not() {
        // Received 19 May 2026: due Friday 19 June, Midsummer Eve.
        assert_eq!(response_deadline(d(2026, 5, 19)).due, d(2026, 6, 19));
        // Received 20 May 2026: 20 June is Midsummer Day (a Saturday), then a Sunday: Monday 22nd.
        assert_eq!(response_deadline(d(2026, 5, 20)).due, d(2026, 6, 22));
        // Extended: received 24 September 2027 + 3 months = Friday 24 December 2027, Christmas Eve.
        assert_eq!(response_deadline(d(2027, 9, 24)).extended, d(2027, 12, 24));
        // Received 24 November 2025: due Wednesday 24 December 2025, Christmas Eve.
        assert_eq!(response_deadline(d(2025, 11, 24)).due, d(2025, 12, 24));
    }
}
