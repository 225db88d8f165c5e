//! `request.json`, the request's data attached to the PDF: the same facts the page prints, in a
//! fixed key order and format, so that the company can read them by machine and check them
//! against the page with the SHA-256 digest printed there.

use super::deadline::Deadline;
use super::draft::{Draft, Signature};
use super::right::Right;
use crate::date::{Date, Instant};
use crate::json::{object, Json};
use crate::notice::front_matter::Controller;

/// Names the format, for whoever reads the file later.
pub const FORMAT: &str = "safrent-privacy-request/1";

/// The facts of one request that are not typed by the customer.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Context {
    pub reference: String,
    /// The local date the request is made (printed, and the deadline's start).
    pub created: Date,
    /// The moment it is made (the PDF's metadata).
    pub stamp: Instant,
    pub recipient: Controller,
    pub register: String,
    pub deadline: Deadline,
}

/// The request as JSON.
pub fn record(draft: &Draft, context: &Context) -> Json {
    let s = |v: &str| Json::Str(v.trim().to_owned());
    let rights = draft
        .rights
        .iter()
        .map(|&right| {
            let mut members = vec![
                ("right".to_owned(), s(right.key())),
                ("article".to_owned(), s(right.article())),
            ];
            let mut add = |key: &str, value: Json| members.push((key.to_owned(), value));
            match right {
                Right::Access => add("scope", s(&draft.access_scope)),
                Right::Rectification => add(
                    "items",
                    Json::Array(
                        draft
                            .filled_corrections()
                            .map(|c| {
                                object([
                                    ("current", s(&c.current)),
                                    ("corrected", s(&c.corrected)),
                                    ("reason", s(&c.reason)),
                                ])
                            })
                            .collect(),
                    ),
                ),
                Right::Restriction => add("reason", s(&draft.restriction_reason)),
                Right::Objection => add("reason", s(&draft.objection_reason)),
                Right::Portability => add("format", s(draft.portable_format.key())),
                Right::Erasure | Right::DirectMarketingObjection => {}
            }
            Json::Object(members)
        })
        .collect();
    let signature = match &draft.signature {
        Signature::Drawn(strokes) => object([
            ("kind", s("drawn")),
            (
                "strokes",
                Json::Array(
                    strokes
                        .iter()
                        .map(|stroke| {
                            Json::Array(
                                stroke
                                    .iter()
                                    .flat_map(|&(x, y)| [Json::Int(x.into()), Json::Int(y.into())])
                                    .collect(),
                            )
                        })
                        .collect(),
                ),
            ),
        ]),
        Signature::Typed(name) => object([("kind", s("typed")), ("name", s(name))]),
        Signature::Pen => object([("kind", s("pen"))]),
        Signature::None => object([("kind", s("none"))]),
    };
    let r = &context.recipient;
    object([
        ("format", s(FORMAT)),
        ("reference", s(&context.reference)),
        ("created", s(&context.created.iso())),
        ("lang", s(draft.request_lang.code())),
        (
            "recipient",
            object([
                ("controller", s(&r.name)),
                ("address", s(&r.address)),
                ("contact_person", s(&r.contact_person)),
                ("email", s(&r.email)),
                ("register", s(&context.register)),
            ]),
        ),
        (
            "sender",
            object([
                ("name", s(&draft.name)),
                ("email", s(&draft.email)),
                ("postal_address", s(&draft.postal_address)),
                ("phone", s(&draft.phone)),
                ("organisation", s(&draft.organisation)),
                ("customer_number", s(&draft.customer_number)),
            ]),
        ),
        ("rights", Json::Array(rights)),
        ("message", s(&draft.message)),
        ("place", s(&draft.place)),
        ("signature", signature),
        (
            "deadline",
            object([
                ("if_received", s(&context.deadline.received.iso())),
                ("due", s(&context.deadline.due.iso())),
                ("extended", s(&context.deadline.extended.iso())),
            ]),
        ),
    ])
}

/// The attachment's bytes: pretty-printed (a person may open it), UTF-8, ending in a newline.
pub fn bytes(draft: &Draft, context: &Context) -> Vec<u8> {
    record(draft, context).to_pretty().into_bytes()
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use crate::i18n::Lang;
    use crate::request::deadline::response_deadline;
    use crate::request::draft::Correction;

    pub fn context() -> Context {
        let created = Date::new(2026, 11, 25).unwrap();
        Context {
            reference: "SAF-04HM-ASW9".into(),
            created,
            stamp: Instant(1_795_609_800_000),
            recipient: Controller {
                name: "Safrent Oy".into(),
                address: "Viilarinkatu 5, Turku".into(),
                phone: "044 978 5594".into(),
                email: "mirette.leppa@safrent.fi".into(),
                contact_person: "Mirette Leppä".into(),
            },
            register: "Asiakasrekisteri".into(),
            deadline: response_deadline(created),
        }
    }

    pub fn draft() -> Draft {
        let mut draft = Draft::new(Lang::Fi);
        draft.name = "Åsa Łukasiewicz-Žemaitė".into();
        draft.email = "asa@example.fi".into();
        draft.rights = vec![Right::Access, Right::Rectification, Right::Portability];
        draft.corrections = vec![
            Correction {
                current: "Vanha katu 1".into(),
                corrected: "Uusi katu 2".into(),
                reason: "Muutin.".into(),
            },
            Correction::default(),
        ];
        draft.signature = Signature::Drawn(vec![vec![(10, 20), (30, 40)], vec![(50, 60)]]);
        draft
    }

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
    }

    #[test]
    fn it_holds_what_the_customer_asked_and_parses_back() {
        let json = Json::parse(std::str::from_utf8(&bytes(&draft(), &context())).unwrap()).unwrap();
        assert_eq!(
            json.get("sender")
                .and_then(|s| s.get("name"))
                .and_then(Json::as_str),
            Some("Åsa Łukasiewicz-Žemaitė")
        );
        let Some(Json::Array(rights)) = json.get("rights") else {
            panic!()
        };
        assert_eq!(rights.len(), 3);
        assert_eq!(rights[1].get("article").and_then(Json::as_str), Some("16"));
        let Some(Json::Array(items)) = rights[1].get("items") else {
            panic!()
        };
        assert_eq!(items.len(), 1, "the blank row is left out");
        assert_eq!(rights[2].get("format").and_then(Json::as_str), Some("csv"));
        assert_eq!(
            json.get("signature").unwrap().to_compact(),
            r#"{"kind":"drawn","strokes":[[10,20,30,40],[50,60]]}"#
        );
        assert_eq!(
            json.get("deadline")
                .and_then(|d| d.get("due"))
                .and_then(Json::as_str),
            Some("2026-12-28")
        );
    }

    #[test]
    fn hostile_text_is_only_data() {
        let mut draft = draft();
        draft.name = "\"},\"x\":<script>alert(1)</script>\u{0}".into();
        let bytes = bytes(&draft, &context());
        let json = Json::parse(std::str::from_utf8(&bytes).unwrap()).unwrap();
        assert_eq!(
            json.get("sender")
                .and_then(|s| s.get("name"))
                .and_then(Json::as_str),
            Some(draft.name.as_str())
        );
    }
}
