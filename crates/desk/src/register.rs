//! The desk's register (issue 18, point 5): one [`Entry`] per request, kept in the desk user's
//! browser and exported to the company's records as CSV. An entry holds the reference, the
//! dates, the rights and the status, and nothing else: its fields are a checked [`Reference`],
//! dates, [`Right`]s and a [`Status`], so no name, address or contact detail can be put in it
//! (the request's PDF holds those).

use std::collections::HashMap;
use std::fmt;

use portal_core::date::Date;
use portal_core::request::right::Right;

use crate::deadlines::Deadlines;

/// A request's reference as the portal makes them (`portal_core::request::reference`): a
/// prefix of capital letters and digits, then two groups of four characters of Crockford's
/// base 32, e.g. `SAF-04HM-ASW9`. Only such a code can be a reference, so a reference cannot
/// carry a name or any other text.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Reference(String);

/// Crockford's base 32: no I, L, O or U.
const CODE_ALPHABET: &str = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

impl Reference {
    /// The reference, if `code` is one (`PREFIX-XXXX-XXXX`, a prefix of 1–10 capitals or digits).
    pub fn parse(code: &str) -> Option<Reference> {
        let mut parts = code.split('-');
        let prefix = parts.next()?;
        let ok_prefix = (1..=10).contains(&prefix.len())
            && prefix
                .bytes()
                .all(|b| b.is_ascii_uppercase() || b.is_ascii_digit());
        let groups: Vec<&str> = parts.collect();
        let ok_groups = groups.len() == 2
            && groups
                .iter()
                .all(|g| g.len() == 4 && g.chars().all(|c| CODE_ALPHABET.contains(c)));
        (ok_prefix && ok_groups).then(|| Reference(code.to_owned()))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for Reference {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// Where a request stands.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Status {
    /// Received, not yet answered.
    Open,
    /// The period was extended by two months (Art. 12(3)), not yet answered.
    Extended,
    /// Answered (the information on action taken was sent).
    Answered,
    /// Refused with reasons and the complaint route (Art. 12(4)).
    Refused,
    /// The data subject withdrew the request.
    Withdrawn,
}

impl Status {
    pub const ALL: [Status; 5] = [
        Status::Open,
        Status::Extended,
        Status::Answered,
        Status::Refused,
        Status::Withdrawn,
    ];

    /// The key in the CSV file.
    pub const fn key(self) -> &'static str {
        match self {
            Status::Open => "open",
            Status::Extended => "extended",
            Status::Answered => "answered",
            Status::Refused => "refused",
            Status::Withdrawn => "withdrawn",
        }
    }

    pub fn from_key(key: &str) -> Option<Status> {
        Status::ALL.into_iter().find(|s| s.key() == key)
    }

    /// Whether an answer is still owed.
    pub const fn is_pending(self) -> bool {
        matches!(self, Status::Open | Status::Extended)
    }
}

/// One request in the register. Its due dates are computed from the date received (the form's
/// calendar), never stored apart from it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Entry {
    reference: Reference,
    received: Date,
    rights: Vec<Right>,
    status: Status,
    /// The day the data subject was told of the extension and its reasons, if the period was
    /// extended (kept after the answer, for the record).
    extension_notified: Option<Date>,
}

impl Entry {
    /// A request received on `received` asking for `rights` (each once, in the form's order); a
    /// request asks for at least one right, so none is refused.
    pub fn new(reference: Reference, received: Date, rights: &[Right]) -> Result<Entry, NoRights> {
        let rights: Vec<Right> = Right::ALL.into_iter().filter(|r| rights.contains(r)).collect();
        if rights.is_empty() {
            return Err(NoRights);
        }
        Ok(Entry {
            reference,
            received,
            rights,
            status: Status::Open,
            extension_notified: None,
        })
    }

    pub fn reference(&self) -> &Reference {
        &self.reference
    }

    pub fn received(&self) -> Date {
        self.received
    }

    pub fn rights(&self) -> &[Right] {
        &self.rights
    }

    pub fn status(&self) -> Status {
        self.status
    }

    pub fn deadlines(&self) -> Deadlines {
        Deadlines::from_received(self.received)
    }

    /// The answer's due date without extension.
    pub fn due(&self) -> Date {
        self.deadlines().due
    }

    /// The extended due date, if the period was extended.
    pub fn extended_due(&self) -> Option<Date> {
        self.extension_notified.map(|_| self.deadlines().extended_due)
    }

    /// The day the data subject was told of the extension, if the period was extended.
    pub fn extension_notified(&self) -> Option<Date> {
        self.extension_notified
    }

    /// Extends the period by two months (Art. 12(3)), the data subject having been told of it and
    /// of the reasons on `notified`. The regulation allows it only when they are told "within one
    /// month of receipt of the request": a later notice is refused (the answer is then due on
    /// the first due date, and is late after it), as is one before the request arrived or on a
    /// request no longer owed an answer.
    pub fn extend(&mut self, notified: Date) -> Result<(), ExtensionError> {
        if !self.status.is_pending() {
            return Err(ExtensionError::Closed(self.status));
        }
        let due = self.due();
        if notified > due {
            return Err(ExtensionError::Late { notified, due });
        }
        if notified < self.received {
            return Err(ExtensionError::BeforeReceipt {
                notified,
                received: self.received,
            });
        }
        self.extension_notified = Some(notified);
        self.status = Status::Extended;
        Ok(())
    }

    /// The day the answer is due now: the extended date if extended, else the due date.
    pub fn due_now(&self) -> Date {
        self.extended_due().unwrap_or_else(|| self.due())
    }

    /// Sets the status. [`Status::Extended`] needs the day the data subject was told
    /// ([`Entry::extend`]); an answer, refusal or withdrawal keeps a recorded extension, and
    /// [`Status::Open`] (undoing a status set by mistake) clears it.
    pub fn set_status(&mut self, status: Status) -> Result<(), ExtensionError> {
        match status {
            Status::Extended => return Err(ExtensionError::NeedsNoticeDate),
            Status::Open => self.extension_notified = None,
            Status::Answered | Status::Refused | Status::Withdrawn => {}
        }
        self.status = status;
        Ok(())
    }

    /// Days from `today` to the day the answer is due (0: due today, negative: late), while an
    /// answer is owed.
    pub fn days_left(&self, today: Date) -> Option<i64> {
        self.status
            .is_pending()
            .then(|| self.due_now().unix_days() - today.unix_days())
    }
}

/// Why a period was not extended.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ExtensionError {
    /// An extension is recorded with the day the data subject was told ([`Entry::extend`]).
    NeedsNoticeDate,
    /// Told after the first due date: Art. 12(3) requires the notice within one month of receipt.
    Late { notified: Date, due: Date },
    /// A notice dated before the request was received.
    BeforeReceipt { notified: Date, received: Date },
    /// The request is no longer owed an answer.
    Closed(Status),
}

impl fmt::Display for ExtensionError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ExtensionError::NeedsNoticeDate => f.write_str("an extension needs the day the data subject was told of it"),
            ExtensionError::Late { notified, due } => write!(
                f,
                "the data subject was told on {}, after the due date {}: GDPR Art. 12(3) allows an extension only when they are told within one month of receipt",
                notified.iso(),
                due.iso()
            ),
            ExtensionError::BeforeReceipt { notified, received } => write!(
                f,
                "the notice ({}) is dated before the request was received ({})",
                notified.iso(),
                received.iso()
            ),
            ExtensionError::Closed(status) => write!(f, "the request is {}: no answer is owed", status.key()),
        }
    }
}

impl std::error::Error for ExtensionError {}

/// Why an entry was not made: it names no right (a request asks for at least one; one that came
/// as free text is entered with the rights it asks for).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct NoRights;

/// The register: at most one entry per reference.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Register {
    entries: Vec<Entry>,
}

/// Why an entry was not added.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Duplicate(pub Reference);

impl Register {
    pub fn new() -> Register {
        Register::default()
    }

    pub fn entries(&self) -> &[Entry] {
        &self.entries
    }

    pub fn get_mut(&mut self, reference: &Reference) -> Option<&mut Entry> {
        self.entries.iter_mut().find(|e| &e.reference == reference)
    }

    /// Takes the entry of `reference` out of the register, if it is there.
    pub fn remove(&mut self, reference: &Reference) -> Option<Entry> {
        let at = self.entries.iter().position(|e| &e.reference == reference)?;
        Some(self.entries.remove(at))
    }

    /// Adds `entry` unless its reference is already in the register.
    pub fn add(&mut self, entry: Entry) -> Result<(), Duplicate> {
        if self.entries.iter().any(|e| e.reference == entry.reference) {
            return Err(Duplicate(entry.reference));
        }
        self.entries.push(entry);
        Ok(())
    }

    /// What is due first: the requests still owed an answer by their due date (the extended one
    /// if extended), with the days left from `today`; then the closed ones, latest received
    /// first. Ties are broken by reference, so the order never depends on insertion.
    pub fn by_due(&self, today: Date) -> Vec<(&Entry, Option<i64>)> {
        let mut rows: Vec<(&Entry, Option<i64>)> =
            self.entries.iter().map(|e| (e, e.days_left(today))).collect();
        rows.sort_by(|(a, a_left), (b, b_left)| match (a_left, b_left) {
            (Some(x), Some(y)) => x.cmp(y).then_with(|| a.reference.cmp(&b.reference)),
            (Some(_), None) => std::cmp::Ordering::Less,
            (None, Some(_)) => std::cmp::Ordering::Greater,
            (None, None) => b
                .received
                .cmp(&a.received)
                .then_with(|| a.reference.cmp(&b.reference)),
        });
        rows
    }
}

/// The CSV file's columns, in order (its header row).
pub const COLUMNS: [&str; 7] = [
    "reference",
    "received",
    "due",
    "extended_due",
    "extension_notified",
    "rights",
    "status",
];

/// A row of an imported CSV file that could not be read, and where.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ImportError {
    /// The line of the file (1-based) the row starts on.
    pub line: u64,
    /// The column's name, when one field is at fault.
    pub column: Option<&'static str>,
    pub problem: Problem,
}

/// What is wrong with a row.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Problem {
    /// The first row is not the header [`COLUMNS`].
    Header { found: Vec<String> },
    /// The row has another number of fields than the header.
    FieldCount { found: usize },
    /// The field is not UTF-8.
    NotText,
    /// Not a reference of the form `SAF-04HM-ASW9`.
    Reference { found: String },
    /// Not a date `YYYY-MM-DD` or `D.M.YYYY`, or no such day.
    Date { found: String },
    /// The due date is not the one computed from the date received.
    DueDate { found: String, computed: Date },
    /// Not a right's key, or a right listed twice, or none.
    Rights { found: String },
    /// Not a status's key.
    Status { found: String },
    /// An extended due date with a status that needs none, or an extended status without one,
    /// or one of the extended due date and the notice's day without the other.
    Extension,
    /// The extension was notified after the first due date or before receipt (Art. 12(3)).
    LateExtension(ExtensionError),
    /// The reference is already on an earlier line.
    Duplicate { first_line: u64 },
}

impl fmt::Display for ImportError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "line {}", self.line)?;
        if let Some(column) = self.column {
            write!(f, ", column {column}")?;
        }
        f.write_str(": ")?;
        match &self.problem {
            Problem::Header { found } => write!(
                f,
                "the header row is {:?}, not {}",
                found.join(","),
                COLUMNS.join(",")
            ),
            Problem::FieldCount { found } => {
                write!(f, "{found} fields instead of {}", COLUMNS.len())
            }
            Problem::NotText => f.write_str("not UTF-8 text"),
            Problem::Reference { found } => write!(
                f,
                "{found:?} is not a reference such as {}-04HM-ASW9",
                portal_core::facts::REFERENCE_PREFIX
            ),
            Problem::Date { found } => write!(f, "{found:?} is not a date YYYY-MM-DD or D.M.YYYY"),
            Problem::DueDate { found, computed } => write!(
                f,
                "{found:?} is not the due date of a request received that day ({})",
                computed.iso()
            ),
            Problem::Rights { found } => write!(
                f,
                "{found:?} is not a list of rights separated by spaces ({})",
                Right::ALL.map(Right::key).join(", ")
            ),
            Problem::Status { found } => write!(
                f,
                "{found:?} is not a status ({})",
                Status::ALL.map(Status::key).join(", ")
            ),
            Problem::Extension => f.write_str(
                "an extended due date needs a request that was extended and the day the data subject was told (extension_notified), and status extended needs both",
            ),
            Problem::LateExtension(error) => write!(f, "{error}"),
            Problem::Duplicate { first_line } => {
                write!(f, "this reference is already on line {first_line}")
            }
        }
    }
}

impl std::error::Error for ImportError {}

impl Register {
    /// The register as CSV (RFC 4180: a header row, CRLF line ends, fields quoted when they need
    /// it), in the order [`Register::entries`] has them. Rights are keys separated by spaces; an
    /// empty `extended_due` means not extended.
    pub fn to_csv(&self) -> String {
        let mut writer = csv::WriterBuilder::new()
            .terminator(csv::Terminator::CRLF)
            .from_writer(Vec::new());
        let mut rows = vec![COLUMNS.map(str::to_owned).to_vec()];
        for e in &self.entries {
            rows.push(vec![
                e.reference.to_string(),
                e.received.iso(),
                e.due().iso(),
                e.extended_due().map(Date::iso).unwrap_or_default(),
                e.extension_notified.map(Date::iso).unwrap_or_default(),
                e.rights.iter().map(|r| r.key()).collect::<Vec<_>>().join(" "),
                e.status.key().to_owned(),
            ]);
        }
        for row in rows {
            // Writing to a Vec cannot fail.
            let _ = writer.write_record(&row);
        }
        let bytes = writer.into_inner().unwrap_or_default();
        String::from_utf8(bytes).unwrap_or_default()
    }

    /// Reads a register from CSV: every good row becomes an entry, and every bad row an error
    /// naming its line and column; a bad row never drops the good ones. What spreadsheet programs
    /// write when they save a file they opened is read too: a byte order mark, fields separated
    /// by `;` (the Finnish and Swedish settings' list separator; told by the header row), dates as
    /// `D.M.YYYY`.
    pub fn from_csv(bytes: &[u8]) -> (Register, Vec<ImportError>) {
        let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
        let first_line = bytes
            .split(|&b| b == b'\n' || b == b'\r')
            .next()
            .unwrap_or_default();
        let delimiter = if first_line.contains(&b';') && !first_line.contains(&b',') {
            b';'
        } else {
            b','
        };
        let mut reader = csv::ReaderBuilder::new()
            .has_headers(false)
            .delimiter(delimiter)
            .flexible(true)
            .from_reader(bytes);
        let mut register = Register::new();
        let mut errors = Vec::new();
        let mut lines: HashMap<Reference, u64> = HashMap::new();
        let mut record = csv::ByteRecord::new();
        let mut lines_to = LineCounter::default();
        let mut header = true;
        loop {
            match reader.read_byte_record(&mut record) {
                Ok(false) => break,
                Ok(true) => {}
                // Reading bytes from memory with flexible rows has no other error; stop if one comes.
                Err(e) => {
                    let at = e.position().map_or(0, |p| p.byte());
                    errors.push(ImportError {
                        line: lines_to.line_at(bytes, at),
                        column: None,
                        problem: Problem::NotText,
                    });
                    break;
                }
            }
            let at = record.position().map_or(0, |p| p.byte());
            let line = lines_to.line_at(bytes, at);
            if header {
                header = false;
                let found: Vec<String> = record
                    .iter()
                    .map(|f| String::from_utf8_lossy(f).trim().to_owned())
                    .collect();
                if found != COLUMNS {
                    errors.push(ImportError {
                        line,
                        column: None,
                        problem: Problem::Header { found },
                    });
                    // Without the header's promise the columns mean nothing: read no rows.
                    return (register, errors);
                }
                continue;
            }
            // A blank line at the end (or anywhere) is no row.
            if record.len() == 1 && record[0].iter().all(u8::is_ascii_whitespace) {
                continue;
            }
            match row(&record) {
                Ok(entry) => {
                    if let Some(&first_line) = lines.get(&entry.reference) {
                        errors.push(ImportError {
                            line,
                            column: Some("reference"),
                            problem: Problem::Duplicate { first_line },
                        });
                    } else {
                        lines.insert(entry.reference.clone(), line);
                        register.entries.push(entry);
                    }
                }
                Err((column, problem)) => errors.push(ImportError {
                    line,
                    column,
                    problem,
                }),
            }
        }
        (register, errors)
    }
}

/// The line a record starts on, counted by the file's line ends (LF, CRLF or a lone CR). The csv
/// crate's own line numbers lag one line behind after a CRLF (it takes a record's position before
/// the LF of the previous line end), so lines are counted here from the record's byte offset.
#[derive(Default)]
struct LineCounter {
    /// Bytes counted so far, and the line after them.
    offset: usize,
    line: u64,
}

impl LineCounter {
    /// The line of the record starting at `at` (offsets only grow from one record to the next).
    fn line_at(&mut self, bytes: &[u8], at: u64) -> u64 {
        let mut at = usize::try_from(at).unwrap_or(usize::MAX).min(bytes.len());
        // The offset may point at the LF that ends the previous line: the record starts after it.
        if bytes.get(at) == Some(&b'\n') {
            at += 1;
        }
        let at = at.max(self.offset);
        for (i, &b) in bytes[self.offset..at].iter().enumerate() {
            let next = bytes.get(self.offset + i + 1);
            if b == b'\n' || (b == b'\r' && next != Some(&b'\n')) {
                self.line += 1;
            }
        }
        self.offset = at;
        self.line + 1
    }
}

/// A date as the file writes it (`2026-03-05`) or as a Finnish or Swedish spreadsheet saves it
/// (`5.3.2026`, `05.03.2026`).
fn parse_date(text: &str) -> Option<Date> {
    if let Ok(date) = Date::parse_iso(text) {
        return Some(date);
    }
    let mut parts = text.split('.');
    let (day, month, year) = (parts.next()?, parts.next()?, parts.next()?);
    let short = |p: &str| (1..=2).contains(&p.len()) && p.bytes().all(|b| b.is_ascii_digit());
    if parts.next().is_some()
        || !short(day)
        || !short(month)
        || year.len() != 4
        || !year.bytes().all(|b| b.is_ascii_digit())
    {
        return None;
    }
    Date::new(year.parse().ok()?, month.parse().ok()?, day.parse().ok()?)
}

/// One data row as an entry, or the first field at fault.
fn row(record: &csv::ByteRecord) -> Result<Entry, (Option<&'static str>, Problem)> {
    if record.len() != COLUMNS.len() {
        return Err((None, Problem::FieldCount { found: record.len() }));
    }
    let mut fields = [""; COLUMNS.len()];
    for (i, (field, column)) in record.iter().zip(COLUMNS).enumerate() {
        fields[i] = std::str::from_utf8(field)
            .map_err(|_| (Some(column), Problem::NotText))?
            .trim();
    }
    let [reference, received, due, extended_due, notified, rights, status] = fields;
    let reference = Reference::parse(reference).ok_or_else(|| {
        (
            Some("reference"),
            Problem::Reference {
                found: reference.to_owned(),
            },
        )
    })?;
    let date = |column: &'static str, found: &str| {
        parse_date(found).ok_or_else(|| {
            (
                Some(column),
                Problem::Date {
                    found: found.to_owned(),
                },
            )
        })
    };
    let received = date("received", received)?;
    let deadlines = Deadlines::from_received(received);
    if date("due", due)? != deadlines.due {
        return Err((
            Some("due"),
            Problem::DueDate {
                found: due.to_owned(),
                computed: deadlines.due,
            },
        ));
    }
    let extended = if extended_due.is_empty() {
        false
    } else if notified.is_empty() {
        return Err((Some("extension_notified"), Problem::Extension));
    } else if date("extended_due", extended_due)? != deadlines.extended_due {
        return Err((
            Some("extended_due"),
            Problem::DueDate {
                found: extended_due.to_owned(),
                computed: deadlines.extended_due,
            },
        ));
    } else {
        true
    };
    let bad_rights = || {
        (
            Some("rights"),
            Problem::Rights {
                found: rights.to_owned(),
            },
        )
    };
    let mut list = Vec::new();
    for key in rights.split_whitespace() {
        let right = Right::from_key(key).ok_or_else(bad_rights)?;
        if list.contains(&right) {
            return Err(bad_rights());
        }
        list.push(right);
    }
    if list.is_empty() {
        return Err(bad_rights());
    }
    let status = Status::from_key(status).ok_or_else(|| {
        (
            Some("status"),
            Problem::Status {
                found: status.to_owned(),
            },
        )
    })?;
    if (status == Status::Extended && !extended) || (extended && status == Status::Open) {
        return Err((Some("extended_due"), Problem::Extension));
    }
    let mut entry = Entry::new(reference, received, &list).map_err(|_| bad_rights())?;
    if extended {
        let notified = date("extension_notified", notified)?;
        entry
            .extend(notified)
            .map_err(|e| (Some("extension_notified"), Problem::LateExtension(e)))?;
    } else if !notified.is_empty() {
        return Err((Some("extended_due"), Problem::Extension));
    }
    entry.status = status;
    Ok(entry)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn d(y: i32, m: u8, day: u8) -> Date {
        Date::new(y, m, day).unwrap()
    }

    fn r(code: &str) -> Reference {
        Reference::parse(code).unwrap()
    }

    #[test]
    fn a_reference_is_only_a_code() {
        assert_eq!(r("SAF-04HM-ASW9").as_str(), "SAF-04HM-ASW9");
        for bad in [
            "",
            "SAF",
            "SAF-04HM",
            "SAF-04HM-ASW",
            "SAF-04HM-ASW9-X",
            "saf-04hm-asw9",
            "SAF-MATT-IMEI",
            "Matti Meikäläinen",
            "SAF-04HM-ASW9 ",
            "ABCDEFGHIJK-04HM-ASW9",
            "-04HM-ASW9",
        ] {
            assert_eq!(Reference::parse(bad), None, "{bad:?}");
        }
    }

    #[test]
    fn due_dates_follow_the_status() {
        let mut e = Entry::new(
            r("SAF-0000-0001"),
            d(2026, 11, 25),
            &[Right::Portability, Right::Access],
        )
        .unwrap();
        assert_eq!(
            e.rights(),
            [Right::Access, Right::Portability],
            "the form's order"
        );
        assert_eq!(e.due(), d(2026, 12, 28));
        assert_eq!(e.extended_due(), None);
        assert_eq!(e.days_left(d(2026, 12, 1)), Some(27));
        assert_eq!(
            e.set_status(Status::Extended),
            Err(ExtensionError::NeedsNoticeDate)
        );
        // Told after the first due date: too late (Art. 12(3)); or before the request came.
        assert_eq!(
            e.extend(d(2026, 12, 29)),
            Err(ExtensionError::Late {
                notified: d(2026, 12, 29),
                due: d(2026, 12, 28)
            })
        );
        assert!(matches!(
            e.extend(d(2026, 11, 24)),
            Err(ExtensionError::BeforeReceipt { .. })
        ));
        assert_eq!(e.extended_due(), None);
        e.extend(d(2026, 12, 28)).unwrap();
        assert_eq!(
            (e.status(), e.extension_notified()),
            (Status::Extended, Some(d(2026, 12, 28)))
        );
        assert_eq!(e.extended_due(), Some(d(2027, 2, 25)));
        assert_eq!(e.days_left(d(2026, 12, 1)), Some(86));
        assert_eq!(e.days_left(d(2027, 2, 26)), Some(-1), "late");
        e.set_status(Status::Answered).unwrap();
        assert_eq!(e.extended_due(), Some(d(2027, 2, 25)), "kept for the record");
        assert_eq!(e.days_left(d(2026, 12, 1)), None);
        assert_eq!(
            e.extend(d(2026, 12, 1)),
            Err(ExtensionError::Closed(Status::Answered))
        );
        e.set_status(Status::Open).unwrap();
        assert_eq!(e.extended_due(), None, "undone");
    }

    #[test]
    fn what_is_due_first_comes_first() {
        let mut register = Register::new();
        let today = d(2026, 12, 20);
        let add = |register: &mut Register, code: &str, received: Date, status: Status| {
            let mut e = Entry::new(r(code), received, &[Right::Erasure]).unwrap();
            match status {
                Status::Extended => e.extend(received).unwrap(),
                other => e.set_status(other).unwrap(),
            }
            register.add(e).unwrap();
        };
        // Due 28 December (8 days left).
        add(&mut register, "SAF-0000-000A", d(2026, 11, 25), Status::Open);
        // Received earlier but extended: due 25 January 2027.
        add(&mut register, "SAF-0000-000B", d(2026, 10, 25), Status::Extended);
        // Due 16 December: four days late.
        add(&mut register, "SAF-0000-000C", d(2026, 11, 16), Status::Open);
        add(&mut register, "SAF-0000-000D", d(2026, 9, 1), Status::Answered);
        add(&mut register, "SAF-0000-000E", d(2026, 10, 1), Status::Refused);
        // Same due day as A: the reference decides.
        add(&mut register, "SAF-0000-0009", d(2026, 11, 25), Status::Open);
        let order: Vec<(&str, Option<i64>)> = register
            .by_due(today)
            .into_iter()
            .map(|(e, left)| (e.reference().as_str(), left))
            .collect();
        assert_eq!(
            order,
            [
                ("SAF-0000-000C", Some(-4)),
                ("SAF-0000-0009", Some(8)),
                ("SAF-0000-000A", Some(8)),
                ("SAF-0000-000B", Some(36)),
                ("SAF-0000-000E", None),
                ("SAF-0000-000D", None),
            ]
        );
        let again = Entry::new(r("SAF-0000-000A"), d(2026, 1, 1), &[Right::Access]).unwrap();
        assert_eq!(register.add(again), Err(Duplicate(r("SAF-0000-000A"))));
    }

    #[test]
    fn csv_has_a_header_and_crlf_and_quotes_what_needs_it() {
        let mut register = Register::new();
        let mut e = Entry::new(
            r("SAF-04HM-ASW9"),
            d(2026, 11, 25),
            &[Right::Access, Right::Rectification],
        )
        .unwrap();
        e.extend(d(2026, 12, 10)).unwrap();
        register.add(e).unwrap();
        register
            .add(Entry::new(r("SAF-0000-0001"), d(2026, 2, 5), &[Right::Erasure]).unwrap())
            .unwrap();
        assert_eq!(
            register.to_csv(),
            "reference,received,due,extended_due,extension_notified,rights,status\r\n\
SAF-04HM-ASW9,2026-11-25,2026-12-28,2027-02-25,2026-12-10,access rectification,extended\r\n\
SAF-0000-0001,2026-02-05,2026-03-05,,,erasure,open\r\n"
        );
        let (back, errors) = Register::from_csv(register.to_csv().as_bytes());
        assert!(errors.is_empty(), "{errors:?}");
        assert_eq!(back, register);
        // Quoted fields (as a spreadsheet may write them), a BOM and LF line ends are read too.
        let quoted = "\u{FEFF}reference,received,due,extended_due,extension_notified,rights,status\n\
\"SAF-0000-0001\",\"2026-02-05\",\"2026-03-05\",\"\",\"\",\"erasure\",\"open\"\n";
        let (back, errors) = Register::from_csv(quoted.as_bytes());
        assert!(errors.is_empty(), "{errors:?}");
        assert_eq!(back.entries().len(), 1);
    }

    #[test]
    fn a_bad_row_is_named_by_line_and_column_and_drops_no_good_row() {
        let text = "reference,received,due,extended_due,extension_notified,rights,status\r\n\
SAF-0000-0001,2026-02-05,2026-03-05,,,erasure,open\r\n\
Matti Meikäläinen,2026-02-05,2026-03-05,,,erasure,open\r\n\
SAF-0000-0002,2026-02-30,2026-03-05,,,erasure,open\r\n\
SAF-0000-0003,2026-02-05,2026-03-06,,,erasure,open\r\n\
SAF-0000-0004,2026-02-05,2026-03-05,,,erasure access,open\r\n\
\"SAF-0000-0005\",\"2026-02-05\",\"2026-03-05\",\"\",\"\",\"forget me,\r\nplease\",\"open\"\r\n\
SAF-0000-0006,2026-02-05,2026-03-05,,,erasure,closed\r\n\
SAF-0000-0007,2026-02-05,2026-03-05,,,erasure\r\n\
SAF-0000-0001,2026-02-06,2026-03-06,,,erasure,open\r\n\
SAF-0000-0008,2026-02-05,2026-03-05,,,erasure,extended\r\n\
SAF-0000-0009,2026-02-05,2026-03-05,2026-05-05,2026-02-20,erasure,answered\r\n\
SAF-0000-000A,2026-02-05,2026-03-05,2026-05-05,2026-03-06,erasure,extended\r\n\
SAF-0000-000B,2026-02-05,2026-03-05,2026-05-05,,erasure,extended\r\n\
\r\n";
        let (register, errors) = Register::from_csv(text.as_bytes());
        let good: Vec<&str> = register
            .entries()
            .iter()
            .map(|e| e.reference().as_str())
            .collect();
        assert_eq!(good, ["SAF-0000-0001", "SAF-0000-0004", "SAF-0000-0009"]);
        let found: Vec<(u64, Option<&str>)> = errors.iter().map(|e| (e.line, e.column)).collect();
        assert_eq!(
            found,
            [
                (3, Some("reference")),
                (4, Some("received")),
                (5, Some("due")),
                (7, Some("rights")),
                (9, Some("status")),
                (10, None),
                (11, Some("reference")),
                (12, Some("extended_due")),
                (14, Some("extension_notified")),
                (15, Some("extension_notified")),
            ],
            "{errors:#?}"
        );
        assert_eq!(
            errors[2].to_string(),
            "line 5, column due: \"2026-03-06\" is not the due date of a request received that day (2026-03-05)"
        );
        assert_eq!(errors[5].to_string(), "line 10: 6 fields instead of 7");
        assert_eq!(
            errors[8].to_string(),
            "line 14, column extension_notified: the data subject was told on 2026-03-06, after the due date 2026-03-05: GDPR Art. 12(3) allows an extension only when they are told within one month of receipt"
        );
        assert_eq!(
            errors[6].to_string(),
            "line 11, column reference: this reference is already on line 2"
        );
        assert_eq!(register.entries()[2].extended_due(), Some(d(2026, 5, 5)));
    }

    /// A file saved by a spreadsheet on Finnish or Swedish settings: `;` between fields, dates as
    /// D.M.YYYY. The same rows as the file the desk writes.
    #[test]
    fn a_spreadsheet_s_semicolons_and_finnish_dates_are_read() {
        let text = "reference;received;due;extended_due;extension_notified;rights;status\r\n\
SAF-0000-0001;5.2.2026;05.03.2026;;;erasure access;open\r\n\
SAF-0000-0002;5.2.2026;5.3.2026;5.5.2026;2.3.2026;erasure;extended\r\n\
SAF-0000-0003;31.2.2026;5.3.2026;;;erasure;open\r\n\
SAF-0000-0004;5.2.26;5.3.2026;;;erasure;open\r\n";
        let (register, errors) = Register::from_csv(text.as_bytes());
        let found: Vec<(u64, Option<&str>)> = errors.iter().map(|e| (e.line, e.column)).collect();
        assert_eq!(
            found,
            [(4, Some("received")), (5, Some("received"))],
            "{errors:#?}"
        );
        assert!(errors[0]
            .to_string()
            .contains("is not a date YYYY-MM-DD or D.M.YYYY"));
        let (written, none) = Register::from_csv(register.to_csv().as_bytes());
        assert_eq!((written, none.len()), (register.clone(), 0));
        let entries = register.entries();
        assert_eq!(entries.len(), 2);
        assert_eq!(
            (entries[0].received(), entries[0].rights()),
            (d(2026, 2, 5), &[Right::Access, Right::Erasure][..])
        );
        assert_eq!(entries[1].extended_due(), Some(d(2026, 5, 5)));
        // A comma in the header means commas, even with semicolons in a field.
        let (_, errors) = Register::from_csv(b"reference,received,due,extended_due,extension_notified,rights,status\r\nSAF-0000-0001;x,2026-02-05,2026-03-05,,,erasure,open\r\n");
        assert_eq!(errors.len(), 1);
        assert_eq!(errors[0].column, Some("reference"));
    }

    #[test]
    fn an_entry_asks_for_a_right() {
        assert_eq!(Entry::new(r("SAF-0000-0001"), d(2026, 2, 5), &[]), Err(NoRights));
        let e = Entry::new(
            r("SAF-0000-0001"),
            d(2026, 2, 5),
            &[Right::Erasure, Right::Access, Right::Erasure],
        )
        .unwrap();
        assert_eq!(e.rights(), [Right::Access, Right::Erasure]);
    }

    #[test]
    fn a_file_without_the_header_is_refused_whole() {
        let (register, errors) = Register::from_csv(b"SAF-0000-0001,2026-02-05,2026-03-05,,erasure,open\r\n");
        assert_eq!(register, Register::new());
        assert_eq!(errors.len(), 1);
        assert_eq!(errors[0].line, 1);
        assert!(matches!(errors[0].problem, Problem::Header { .. }));
        let (register, errors) = Register::from_csv(b"");
        assert_eq!((register.entries().len(), errors.len()), (0, 0));
    }

    fn entry() -> impl Strategy<Value = Entry> {
        (
            "[A-Z0-9]{1,10}",
            "[0-9A-HJKMNP-TV-Z]{4}",
            "[0-9A-HJKMNP-TV-Z]{4}",
            -20_000i64..40_000,
            proptest::sample::subsequence(Right::ALL.to_vec(), 1..=7),
            proptest::sample::select(Status::ALL.to_vec()),
            any::<bool>(),
        )
            .prop_map(|(prefix, a, b, day, rights, status, extended_before)| {
                let mut e = Entry::new(
                    Reference::parse(&format!("{prefix}-{a}-{b}")).unwrap(),
                    Date::from_unix_days(day),
                    &rights,
                )
                .unwrap();
                let received = e.received();
                if extended_before || status == Status::Extended {
                    e.extend(received).unwrap();
                }
                if status != Status::Extended {
                    e.set_status(status).unwrap();
                }
                e
            })
    }

    proptest! {
        /// Export then import gives the same register.
        #[test]
        fn csv_round_trip(entries in proptest::collection::vec(entry(), 0..20)) {
            let mut register = Register::new();
            for e in entries {
                let _ = register.add(e);
            }
            let (back, errors) = Register::from_csv(register.to_csv().as_bytes());
            prop_assert!(errors.is_empty(), "{:?}", errors);
            prop_assert_eq!(back, register);
        }

        /// Any bytes: entries and errors, never a panic; every error names a line of the file.
        #[test]
        fn import_never_panics(bytes in proptest::collection::vec(any::<u8>(), 0..600)) {
            let (_, errors) = Register::from_csv(&bytes);
            let lines = bytes.iter().filter(|&&b| b == b'\n' || b == b'\r').count() as u64 + 1;
            for e in errors {
                prop_assert!(e.line >= 1 && e.line <= lines, "{:?}", e);
            }
        }

        /// Good rows among arbitrary ones all come back.
        #[test]
        fn good_rows_survive_bad_ones(entries in proptest::collection::vec(entry(), 1..8), junk in proptest::collection::vec("[^\"\r\n]{0,30}", 1..8)) {
            let mut register = Register::new();
            for e in entries {
                let _ = register.add(e);
            }
            let csv = register.to_csv();
            let mut lines: Vec<String> = csv.split_terminator("\r\n").map(str::to_owned).collect();
            // Junk after the header, between the rows.
            for (i, j) in junk.into_iter().enumerate() {
                let at = (1 + i * 2).min(lines.len());
                lines.insert(at, j);
            }
            let (back, _) = Register::from_csv(lines.join("\r\n").as_bytes());
            for e in register.entries() {
                prop_assert!(back.entries().contains(e), "{:?} lost", e.reference());
            }
        }
    }
}
