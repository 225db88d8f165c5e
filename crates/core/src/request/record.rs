//! `request.json`, the request's data attached to the PDF: the same facts the page prints, as
//! serde types whose fields are written in declaration order, so the same request always gives
//! the same bytes and the SHA-256 digest printed on the page can be checked against the file.
//! Reading a record back refuses unknown fields.

use super::deadline::{response_deadline, Deadline};
use super::draft::{Draft, Signature};
use super::right::Right;
use crate::date::{Date, Instant};
use crate::request::controller::Controller;
use crate::request::letter_lang::LetterLang;
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

/// The attachment's name inside the request's PDF (the writer embeds it, the desk reads it).
pub const ATTACHMENT_NAME: &str = "request.json";

/// Names the format, for whoever reads the file later.
pub const FORMAT: &str = "privacy-portal-request/1";

/// Who the request goes to: the controller as the notice's front matter names it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Recipient {
    pub name: String,
    /// The postal address, parts separated by commas ("Esimerkkitie 5, Lahti").
    pub address: String,
    pub phone: String,
    pub email: String,
    pub contact_person: String,
}

impl From<&Controller> for Recipient {
    fn from(c: &Controller) -> Recipient {
        Recipient {
            name: c.name.clone(),
            address: c.address.clone(),
            phone: c.phone.clone(),
            email: c.email.clone(),
            contact_person: c.contact_person.clone(),
        }
    }
}

/// The facts of one request that are not typed by the customer. It crosses to the writer's
/// worker as data; the deadline is computed from `created`, never taken from outside.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(from = "ContextData", into = "ContextData")]
pub struct Context {
    pub reference: String,
    /// The local date the request is made (printed, and the deadline's start).
    pub created: Date,
    /// The moment it is made (the PDF's metadata).
    pub stamp: Instant,
    pub recipient: Recipient,
    pub register: String,
    pub deadline: Deadline,
}

impl Context {
    pub fn new(
        reference: String,
        created: Date,
        stamp: Instant,
        recipient: Recipient,
        register: String,
    ) -> Context {
        Context {
            reference,
            created,
            stamp,
            recipient,
            register,
            deadline: response_deadline(created),
        }
    }
}

#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct ContextData {
    reference: String,
    #[serde(with = "super::wire::date")]
    created: Date,
    #[serde(with = "super::wire::instant")]
    stamp: Instant,
    recipient: Recipient,
    register: String,
}

impl From<ContextData> for Context {
    fn from(d: ContextData) -> Context {
        Context::new(d.reference, d.created, d.stamp, d.recipient, d.register)
    }
}

impl From<Context> for ContextData {
    fn from(c: Context) -> ContextData {
        ContextData {
            reference: c.reference,
            created: c.created,
            stamp: c.stamp,
            recipient: c.recipient,
            register: c.register,
        }
    }
}

/// `request.json`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Record {
    pub format: String,
    pub reference: String,
    /// `YYYY-MM-DD`.
    pub created: String,
    pub lang: LetterLang,
    pub recipient: RecordRecipient,
    pub sender: Sender,
    pub rights: Vec<RightRecord>,
    pub message: String,
    pub place: String,
    pub signature: SignatureRecord,
    pub deadline: DeadlineRecord,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RecordRecipient {
    pub controller: String,
    pub address: String,
    pub contact_person: String,
    pub email: String,
    pub register: String,
}

pub use super::draft::Sender;

/// One right asked for, with what the customer added for it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RightRecord {
    pub right: Right,
    pub article: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub scope: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub items: Option<Vec<Item>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reason: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub format: Option<String>,
}

/// A rectification item.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Item {
    pub current: String,
    pub corrected: String,
    pub reason: String,
}

/// The signature: `{"kind":"drawn","strokes":[[x,y,x,y,…],…]}`, `{"kind":"typed","name":…}`,
/// `{"kind":"pen"}` or `{"kind":"none"}`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "lowercase", deny_unknown_fields)]
pub enum SignatureRecord {
    None,
    Drawn { strokes: Vec<Vec<i32>> },
    Typed { name: String },
    Pen,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DeadlineRecord {
    pub if_received: String,
    pub due: String,
    pub extended: String,
}

/// The request as a [`Record`] (every text trimmed).
pub fn record(draft: &Draft, context: &Context) -> Record {
    let s = |v: &str| v.trim().to_owned();
    let rights = draft
        .rights
        .iter()
        .map(|&right| {
            let mut r = RightRecord {
                right,
                article: right.article().to_owned(),
                scope: None,
                items: None,
                reason: None,
                format: None,
            };
            match right {
                Right::Access => r.scope = Some(s(&draft.access_scope)),
                Right::Rectification => {
                    r.items = Some(
                        draft
                            .filled_corrections()
                            .map(|c| Item {
                                current: s(&c.current),
                                corrected: s(&c.corrected),
                                reason: s(&c.reason),
                            })
                            .collect(),
                    )
                }
                Right::Restriction => r.reason = Some(s(&draft.restriction_reason)),
                Right::Objection => r.reason = Some(s(&draft.objection_reason)),
                Right::Portability => r.format = Some(draft.portable_format.key().to_owned()),
                Right::Erasure | Right::DirectMarketingObjection => {}
            }
            r
        })
        .collect();
    let signature = match &draft.signature {
        Signature::None => SignatureRecord::None,
        Signature::Drawn(strokes) => SignatureRecord::Drawn {
            strokes: strokes
                .iter()
                .map(|stroke| stroke.iter().flat_map(|&(x, y)| [x, y]).collect())
                .collect(),
        },
        Signature::Typed(name) => SignatureRecord::Typed { name: s(name) },
        Signature::Pen => SignatureRecord::Pen,
    };
    let r = &context.recipient;
    Record {
        format: FORMAT.to_owned(),
        reference: s(&context.reference),
        created: context.created.iso(),
        lang: draft.request_lang,
        recipient: RecordRecipient {
            controller: s(&r.name),
            address: s(&r.address),
            contact_person: s(&r.contact_person),
            email: s(&r.email),
            register: s(&context.register),
        },
        sender: draft.sender.trimmed(),
        rights,
        message: s(&draft.message),
        place: s(&draft.place),
        signature,
        deadline: DeadlineRecord {
            if_received: context.deadline.received.iso(),
            due: context.deadline.due.iso(),
            extended: context.deadline.extended.iso(),
        },
    }
}

/// The attachment's bytes: pretty-printed JSON (a person may open it), UTF-8, ending in a newline.
pub fn bytes(draft: &Draft, context: &Context) -> Vec<u8> {
    let mut out = serde_json::to_vec_pretty(&record(draft, context))
        .expect("a record of strings and numbers always serialises");
    out.push(b'\n');
    out
}

/// Reads `request.json` back (e.g. when the company checks a request): unknown fields are errors.
pub fn parse(bytes: &[u8]) -> Result<Record, serde_json::Error> {
    serde_json::from_slice(bytes)
}

/// The SHA-256 of `bytes` in lower-case hex, as printed on the page.
pub fn sha256_hex(bytes: &[u8]) -> String {
    Sha256::digest(bytes).iter().map(|b| format!("{b:02x}")).collect()
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    pub use crate::request::fixtures::{context, draft};

    #[test]
    fn the_same_request_gives_the_same_bytes_in_a_fixed_order() {
        let a = bytes(&draft(), &context());
        assert_eq!(a, bytes(&draft(), &context()));
        let text = String::from_utf8(a).unwrap();
        let order = [
            "\"format\"",
            "\"reference\"",
            "\"recipient\"",
            "\"sender\"",
            "\"rights\"",
            "\"signature\"",
            "\"deadline\"",
        ];
        let positions: Vec<usize> = order.iter().map(|k| text.find(k).unwrap()).collect();
        assert!(positions.windows(2).all(|w| w[0] < w[1]), "{positions:?}");
        assert!(text.ends_with("}\n"));
        assert_eq!(
            sha256_hex(b"abc"),
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
        );
    }

    #[test]
    fn it_holds_what_the_customer_asked_and_parses_back() {
        let record = parse(&bytes(&draft(), &context())).unwrap();
        assert_eq!(record.sender.name, "Åsa Łukasiewicz-Žemaitė");
        assert_eq!(record.rights.len(), 3);
        assert_eq!(record.rights[1].article, "16");
        assert_eq!(
            record.rights[1].items.as_ref().unwrap().len(),
            1,
            "the blank row is left out"
        );
        assert_eq!(record.rights[2].format.as_deref(), Some("csv"));
        assert_eq!(
            serde_json::to_string(&record.signature).unwrap(),
            r#"{"kind":"drawn","strokes":[[10,20,30,40],[50,60]]}"#
        );
        assert_eq!(record.deadline.due, "2026-12-28");
        assert_eq!(record.lang, LetterLang::Fi);
        let mut unsigned = draft();
        unsigned.signature = Signature::None;
        let record = parse(&bytes(&unsigned, &context())).unwrap();
        assert_eq!(record.signature, SignatureRecord::None);
    }

    #[test]
    fn unknown_fields_are_refused_when_read_back() {
        let text = String::from_utf8(bytes(&draft(), &context())).unwrap();
        let extra = text.replacen("{", "{\"x\":1,", 1);
        assert!(parse(extra.as_bytes()).is_err());
        assert!(parse(b"{}").is_err());
    }

    #[test]
    fn hostile_text_is_only_data() {
        let mut draft = draft();
        draft.sender.name = "\"},\"x\":<script>alert(1)</script>\u{0}".into();
        let record = parse(&bytes(&draft, &context())).unwrap();
        assert_eq!(record.sender.name, draft.sender.name);
    }

    #[test]
    fn context_crosses_as_data_and_computes_its_deadline() {
        let json = serde_json::to_string(&context()).unwrap();
        assert!(!json.contains("deadline"), "{json}");
        let back: Context = serde_json::from_str(&json).unwrap();
        assert_eq!(back, context());
        assert!(serde_json::from_str::<Context>(&json.replace("2026-11-25", "2026-02-30")).is_err());
    }
}
