//! The DPO's chart of the consent log: choices per day (UTC, by when the log received them) and
//! per revision of the texts, with how many consented (allowed at least one optional purpose),
//! refused (allowed none) and withdrew (allowed less than the same visitor's previous choice: a
//! purpose, or a service switched off inside a purpose still allowed).

use std::collections::BTreeMap;

use portal_core::date::{Date, Instant};

/// One choice as the chart counts it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Choice<'a> {
    /// When the log received it, milliseconds since 1970.
    pub received: i64,
    pub revision: &'a str,
    pub analytics: bool,
    pub marketing: bool,
    /// The same visitor's previous choice (by the record's time), if the log holds one:
    /// (analytics, marketing).
    pub previous: Option<(bool, bool)>,
    /// Whether it switches off a service the previous choice let run, its purpose still allowed.
    pub refuses_a_service: bool,
}

impl Choice<'_> {
    pub fn consented(&self) -> bool {
        self.analytics || self.marketing
    }

    /// Whether it takes back a purpose or a service the previous choice allowed.
    pub fn withdraws(&self) -> bool {
        self.refuses_a_service
            || self.previous.is_some_and(|(analytics, marketing)| {
                (analytics && !self.analytics) || (marketing && !self.marketing)
            })
    }
}

/// Counts of a day or a revision.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Counts {
    pub choices: u64,
    pub consented: u64,
    pub refused: u64,
    pub withdrawals: u64,
    /// The first and the last time received (milliseconds since 1970).
    pub first: i64,
    pub last: i64,
}

impl Counts {
    fn add(&mut self, choice: &Choice) {
        if self.choices == 0 {
            self.first = choice.received;
        }
        self.choices += 1;
        self.first = self.first.min(choice.received);
        self.last = self.last.max(choice.received);
        if choice.consented() {
            self.consented += 1;
        } else {
            self.refused += 1;
        }
        if choice.withdraws() {
            self.withdrawals += 1;
        }
    }

    /// `part` of the choices in whole per cent (0 without choices).
    pub fn percent(&self, part: u64) -> u64 {
        (part * 100 + self.choices / 2)
            .checked_div(self.choices)
            .unwrap_or(0)
    }
}

/// The chart: every day from `from` to `to` (both included, days without choices too) and every
/// revision seen, in the order first seen.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Chart {
    pub days: Vec<(Date, Counts)>,
    pub revisions: Vec<(String, Counts)>,
    pub total: Counts,
}

pub fn chart(choices: &[Choice], from: Date, to: Date) -> Chart {
    let mut days: BTreeMap<Date, Counts> = BTreeMap::new();
    let mut day = from;
    while day <= to {
        days.insert(day, Counts::default());
        day = day.next_day();
    }
    let mut revisions: Vec<(String, Counts)> = Vec::new();
    let mut total = Counts::default();
    for choice in choices {
        if let Some(counts) = days.get_mut(&Instant(choice.received).date()) {
            counts.add(choice);
        }
        match revisions.iter_mut().find(|(r, _)| r == choice.revision) {
            Some((_, counts)) => counts.add(choice),
            None => {
                let mut counts = Counts::default();
                counts.add(choice);
                revisions.push((choice.revision.to_owned(), counts));
            }
        }
        total.add(choice);
    }
    revisions.sort_by_key(|(_, counts)| counts.first);
    Chart {
        days: days.into_iter().collect(),
        revisions,
        total,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const DAY: i64 = 86_400_000;

    fn choice(
        received: i64,
        revision: &str,
        allowed: (bool, bool),
        previous: Option<(bool, bool)>,
    ) -> Choice<'_> {
        Choice {
            received,
            revision,
            analytics: allowed.0,
            marketing: allowed.1,
            previous,
            refuses_a_service: false,
        }
    }

    #[test]
    fn days_and_revisions_count_consent_refusal_and_withdrawal() {
        let from = Date::parse_iso("2026-12-01").unwrap();
        let start = from.start().0;
        let choices = [
            choice(start + 10, "aaaa", (true, true), None),
            choice(start + 20, "aaaa", (false, false), None),
            choice(start + 30, "aaaa", (true, false), None),
            // The next day: the first visitor withdraws marketing, then everything.
            choice(start + DAY + 1, "bbbb", (true, false), Some((true, true))),
            choice(start + DAY + 2, "bbbb", (false, false), Some((true, false))),
            // Allowing more is not a withdrawal.
            choice(start + DAY + 3, "bbbb", (true, true), Some((false, false))),
        ];
        let to = from.add_days(2);
        let chart = chart(&choices, from, to);
        assert_eq!(chart.days.len(), 3, "every day, the empty one too");
        let first = chart.days[0].1;
        assert_eq!(
            (first.choices, first.consented, first.refused, first.withdrawals),
            (3, 2, 1, 0)
        );
        assert_eq!(first.percent(first.consented), 67);
        let second = chart.days[1].1;
        assert_eq!(
            (
                second.choices,
                second.consented,
                second.refused,
                second.withdrawals
            ),
            (3, 2, 1, 2)
        );
        assert_eq!(chart.days[2].1, Counts::default());
        assert_eq!(chart.days[2].1.percent(0), 0);
        let names: Vec<&str> = chart.revisions.iter().map(|(r, _)| r.as_str()).collect();
        assert_eq!(names, ["aaaa", "bbbb"]);
        assert_eq!(chart.revisions[1].1.first, start + DAY + 1);
        assert_eq!(chart.revisions[1].1.last, start + DAY + 3);
        assert_eq!(chart.total.choices, 6);
    }
}
