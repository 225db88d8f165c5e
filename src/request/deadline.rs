//! When the controller must answer (GDPR Art. 12(3)): within one month of receipt, extendable by
//! two further months with notice. Months are counted as Regulation 1182/71 Art. 3 counts them,
//! which the EDPB applies to Art. 12(3) (Guidelines 01/2022 on the right of access): the period
//! ends on the same date of the next month, or on that month's last day if it has no such date,
//! and a period ending on a Saturday, Sunday or public holiday ends on the next working day.

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
        // 24 December 2026 is Christmas Eve, then Christmas, Boxing Day, a Sunday: Monday 28th.
        assert_eq!(response_deadline(d(2026, 11, 24)).due, d(2026, 12, 28));
        // 6 December 2026 (Independence Day, a Sunday) → Monday 7 December.
        assert_eq!(response_deadline(d(2026, 11, 6)).due, d(2026, 12, 7));
        // Received 25 November 2026: 25 December is Christmas Day, then Boxing Day and a Sunday,
        // so Monday 28 December.
        assert_eq!(response_deadline(d(2026, 11, 25)).due, d(2026, 12, 28));
    }
}
