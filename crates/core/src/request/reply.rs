//! A reply the request desk writes to a received request (issue 18, point 4), as data: which
//! reply, to whom, about which request, in the request's letter language, with the words the
//! desk user typed (the reasons for an extension or a refusal, the information needed to confirm
//! an identity, a note on the answer). `portal_pdf::reply` turns it into a letter; it crosses to
//! the PDF writer's worker as JSON ([`crate::request::protocol::Message::Reply`]) and is attached
//! to the PDF as `reply.json`, the controller's record of what it sent (GDPR Art. 5(2)).
//!
//! The dates are the form's: due one month after receipt, extended by two further months
//! ([`response_deadline`], Art. 12(3)).

use serde::{Deserialize, Serialize};

use crate::date::Date;
use crate::request::deadline::{response_deadline, Deadline};
use crate::request::letter_lang::LetterLang;
use crate::request::record::Recipient;
use crate::request::right::Right;

/// The format of `reply.json`, with its version.
pub const REPLY_FORMAT: &str = "privacy-portal-reply/1";

/// The attachment's name inside a reply's PDF.
pub const REPLY_ATTACHMENT: &str = "reply.json";

/// The most characters the desk user's words may have (a few pages).
pub const MAX_NOTE_CHARS: usize = 6_000;

/// Which reply.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum ReplyKind {
    /// The request was received; when the answer is due (Art. 12(3)).
    Acknowledgement,
    /// The period is extended by two months, with the reasons for the delay (Art. 12(3)).
    Extension,
    /// Information needed to confirm the requester's identity, asked only on reasonable doubts
    /// (Art. 12(6)).
    MoreInformation,
    /// No action is taken, with the reasons and the complaint route (Art. 12(4), 77, 79).
    Refusal,
    /// The answer: a cover letter for what was done on each right asked (Art. 15-21), with the
    /// notice to recipients (Art. 19) where it applies.
    Answer,
}

impl ReplyKind {
    pub const ALL: [ReplyKind; 5] = [
        ReplyKind::Acknowledgement,
        ReplyKind::Extension,
        ReplyKind::MoreInformation,
        ReplyKind::Refusal,
        ReplyKind::Answer,
    ];

    /// Its key (file names, `reply.json`, the desk's controls).
    pub const fn key(self) -> &'static str {
        match self {
            ReplyKind::Acknowledgement => "acknowledgement",
            ReplyKind::Extension => "extension",
            ReplyKind::MoreInformation => "more-information",
            ReplyKind::Refusal => "refusal",
            ReplyKind::Answer => "answer",
        }
    }

    pub fn from_key(key: &str) -> Option<ReplyKind> {
        ReplyKind::ALL.into_iter().find(|k| k.key() == key)
    }

    /// Whether the reply says nothing without the desk user's words (the reasons for an
    /// extension or a refusal, the information asked for).
    pub const fn needs_note(self) -> bool {
        matches!(
            self,
            ReplyKind::Extension | ReplyKind::MoreInformation | ReplyKind::Refusal
        )
    }
}

/// Who the reply goes to, as the request names them.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Addressee {
    pub name: String,
    #[serde(default)]
    pub organisation: String,
    /// Parts separated by commas or line breaks; empty when the request gave none.
    #[serde(default)]
    pub postal_address: String,
    #[serde(default)]
    pub email: String,
}

/// One reply.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Reply {
    pub format: String,
    pub kind: ReplyKind,
    pub lang: LetterLang,
    /// The request's reference.
    pub reference: String,
    /// The day the request was received (ISO 8601).
    pub received: String,
    /// The reply's date (ISO 8601).
    pub date: String,
    pub controller: Recipient,
    pub to: Addressee,
    /// The rights the request asks for (the answer's cover letter speaks of these).
    pub rights: Vec<Right>,
    /// The desk user's words: the reasons, the information needed, or a note on the answer.
    #[serde(default)]
    pub note: String,
}

/// Why a reply cannot be written as it is.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ReplyProblem {
    /// A date is not a day (`field`: received or date).
    BadDate { field: &'static str },
    /// The reply is dated before the request was received.
    BeforeReceipt,
    /// The reasons (or the information asked for) are missing.
    NoteMissing,
    /// The desk user's words are longer than [`MAX_NOTE_CHARS`].
    NoteTooLong { chars: usize },
    /// No name to address the reply to.
    NoName,
    /// The request names no right.
    NoRights,
    /// An extension announced after the month (Art. 12(3)): `due` was the last day.
    ExtensionTooLate { due: Date },
}

impl Reply {
    /// A reply of `kind` dated `date` to a request received on `received`.
    #[allow(clippy::too_many_arguments)]
    pub fn new(
        kind: ReplyKind,
        lang: LetterLang,
        reference: &str,
        received: Date,
        date: Date,
        controller: Recipient,
        to: Addressee,
        rights: Vec<Right>,
        note: &str,
    ) -> Reply {
        Reply {
            format: REPLY_FORMAT.to_owned(),
            kind,
            lang,
            reference: reference.to_owned(),
            received: received.iso(),
            date: date.iso(),
            controller,
            to,
            rights,
            note: note.trim().to_owned(),
        }
    }

    /// Whether the letter says nothing without the desk user's words: the reasons or the
    /// information asked for, or, in an answer on rectification, erasure, restriction or an
    /// objection, the exceptions and the recipients told (Art. 16-19, 21(1)).
    pub fn needs_note(&self) -> bool {
        self.kind.needs_note()
            || (self.kind == ReplyKind::Answer
                && self.rights.iter().any(|r| {
                    matches!(
                        r,
                        Right::Rectification | Right::Erasure | Right::Restriction | Right::Objection
                    )
                }))
    }

    /// The day received and the reply's date, if both are days.
    pub fn dates(&self) -> Result<(Date, Date), ReplyProblem> {
        let received =
            Date::parse_iso(&self.received).map_err(|_| ReplyProblem::BadDate { field: "received" })?;
        let date = Date::parse_iso(&self.date).map_err(|_| ReplyProblem::BadDate { field: "date" })?;
        Ok((received, date))
    }

    /// The request's deadlines, counted from the day received.
    pub fn deadline(&self) -> Result<Deadline, ReplyProblem> {
        Ok(response_deadline(self.dates()?.0))
    }

    /// Everything that keeps this reply from being written (none: it can be).
    pub fn problems(&self) -> Vec<ReplyProblem> {
        let mut problems = Vec::new();
        match self.dates() {
            Err(p) => problems.push(p),
            Ok((received, date)) => {
                if date < received {
                    problems.push(ReplyProblem::BeforeReceipt);
                }
                let due = response_deadline(received).due;
                if self.kind == ReplyKind::Extension && date > due {
                    problems.push(ReplyProblem::ExtensionTooLate { due });
                }
            }
        }
        if self.needs_note() && self.note.trim().is_empty() {
            problems.push(ReplyProblem::NoteMissing);
        }
        let chars = self.note.chars().count();
        if chars > MAX_NOTE_CHARS {
            problems.push(ReplyProblem::NoteTooLong { chars });
        }
        if self.to.name.trim().is_empty() {
            problems.push(ReplyProblem::NoName);
        }
        if self.rights.is_empty() {
            problems.push(ReplyProblem::NoRights);
        }
        problems
    }

    /// The PDF's file name: `<reference>-<kind>.pdf`, from characters safe in any file system.
    pub fn file_name(&self) -> String {
        let reference: String = self
            .reference
            .chars()
            .filter(|c| c.is_ascii_alphanumeric() || *c == '-')
            .collect();
        format!("{reference}-{}.pdf", self.kind.key())
    }

    /// `reply.json`'s bytes.
    pub fn json(&self) -> Vec<u8> {
        serde_json::to_vec_pretty(self).unwrap_or_default()
    }

    /// Everything the letter shows that was typed (for the fonts it needs).
    pub fn typed_text(&self) -> String {
        [
            self.to.name.as_str(),
            &self.to.organisation,
            &self.to.postal_address,
            &self.to.email,
            &self.note,
            &self.reference,
        ]
        .join("\n")
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::request::fixtures::context;

    fn reply(kind: ReplyKind, received: Date, date: Date, note: &str) -> Reply {
        Reply::new(
            kind,
            LetterLang::Fi,
            "SAF-04HM-ASW9",
            received,
            date,
            context().recipient,
            Addressee {
                name: "Åsa".into(),
                ..Addressee::default()
            },
            vec![Right::Access],
            note,
        )
    }

    #[test]
    fn an_extension_needs_its_reasons_and_must_come_within_the_month() {
        let received = Date::new(2026, 12, 8).unwrap();
        let due = response_deadline(received).due;
        assert_eq!(
            reply(ReplyKind::Extension, received, received, " ").problems(),
            vec![ReplyProblem::NoteMissing]
        );
        assert!(reply(ReplyKind::Extension, received, due, "Many requests")
            .problems()
            .is_empty());
        assert_eq!(
            reply(ReplyKind::Extension, received, due.next_day(), "Many requests").problems(),
            vec![ReplyProblem::ExtensionTooLate { due }]
        );
        // An acknowledgement needs no words of the desk user's.
        assert!(reply(ReplyKind::Acknowledgement, received, received, "")
            .problems()
            .is_empty());
        assert_eq!(
            reply(ReplyKind::Refusal, received, Date::new(2026, 12, 7).unwrap(), "x").problems(),
            vec![ReplyProblem::BeforeReceipt]
        );
    }

    #[test]
    fn reply_json_reads_back_and_names_its_format() {
        let r = reply(
            ReplyKind::Answer,
            Date::new(2027, 1, 4).unwrap(),
            Date::new(2027, 1, 20).unwrap(),
            "Liitteenä tiedot.",
        );
        let back: Reply = serde_json::from_slice(&r.json()).unwrap();
        assert_eq!(back, r);
        assert!(String::from_utf8(r.json())
            .unwrap()
            .contains("\"format\": \"privacy-portal-reply/1\""));
        assert_eq!(r.file_name(), "SAF-04HM-ASW9-answer.pdf");
    }
}
