//! What the customer has typed, as a `reactive_stores` [`Store`]: each field is tracked on its
//! own, so typing in one field re-renders that field only. The drawn strokes are not in it but
//! in a signal of their own (`Form::strokes`), so that drawing touches nothing else: validation,
//! which reads the whole store, never runs on a pointer move. [`FormState::draft`] turns both
//! into the pure core's [`Draft`].

use reactive_stores::Store;

use portal_core::i18n::Lang;
use portal_core::request::draft::{Correction, Draft, Point, PortableFormat, Sender, Signature};
use portal_core::request::letter_lang::LetterLang;
use portal_core::request::right::Right;

/// How the customer signs. Each way keeps what it holds (strokes, a typed name) while another is
/// chosen, so switching back and forth loses nothing.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Method {
    /// No signature: the GDPR requires none, so this is the default.
    #[default]
    None,
    /// Drawn on the pad.
    Drawn,
    /// The name typed as a signature.
    Typed,
    /// Signed with a pen after printing.
    Pen,
}

impl Method {
    /// In the order the form offers them.
    pub const ALL: [Method; 4] = [Method::None, Method::Drawn, Method::Typed, Method::Pen];

    /// Used in element ids (`req-sign-<key>`).
    pub const fn key(self) -> &'static str {
        match self {
            Method::None => "none",
            Method::Drawn => "drawn",
            Method::Typed => "typed",
            Method::Pen => "pen",
        }
    }
}

/// One item to correct, with an id that stays with it when items above it are removed (the
/// `<For>` of the items keys each row's elements, focus and text by it).
#[derive(Clone, Debug, Default, PartialEq, Eq, Store)]
pub struct Row {
    pub id: u32,
    pub current: String,
    pub corrected: String,
    pub reason: String,
}

/// The whole form.
#[derive(Clone, Debug, PartialEq, Eq, Store)]
pub struct FormState {
    /// The customer's details, the core's own shape (each detail its own field of the store).
    pub sender: Sender,
    /// The rights asked for, in [`Right::ALL`] order.
    pub rights: Vec<Right>,
    pub access_scope: String,
    #[store(key: u32 = |row| row.id)]
    pub corrections: Vec<Row>,
    /// The id the next item to correct gets.
    pub next_id: u32,
    pub restriction_reason: String,
    pub objection_reason: String,
    pub portable_format: PortableFormat,
    pub message: String,
    pub place: String,
    /// The language of the request letter: Finnish or English (the notice accepts those).
    pub letter: LetterLang,
    pub method: Method,
    /// The typed signature (kept while another method is chosen).
    pub typed: String,
}

/// The most items to correct one request takes.
pub const MAX_CORRECTIONS: usize = 20;

impl FormState {
    /// An empty form on a page in `page_lang`: the letter in English on the English page, in
    /// Finnish on the others (the notice's language).
    pub fn new(page_lang: Lang) -> FormState {
        let draft = Draft::new(LetterLang::for_page(page_lang));
        FormState {
            sender: draft.sender,
            rights: draft.rights,
            access_scope: draft.access_scope,
            corrections: vec![Row::default()],
            next_id: 1,
            restriction_reason: draft.restriction_reason,
            objection_reason: draft.objection_reason,
            portable_format: draft.portable_format,
            message: draft.message,
            place: draft.place,
            letter: draft.request_lang,
            method: Method::default(),
            typed: String::new(),
        }
    }

    /// The request as the pure core takes it, with the drawn signature's `strokes`.
    pub fn draft(&self, strokes: Vec<Vec<Point>>) -> Draft {
        Draft {
            sender: self.sender.clone(),
            rights: self.rights.clone(),
            access_scope: self.access_scope.clone(),
            corrections: self
                .corrections
                .iter()
                .map(|row| Correction {
                    current: row.current.clone(),
                    corrected: row.corrected.clone(),
                    reason: row.reason.clone(),
                })
                .collect(),
            restriction_reason: self.restriction_reason.clone(),
            objection_reason: self.objection_reason.clone(),
            portable_format: self.portable_format,
            message: self.message.clone(),
            place: self.place.clone(),
            request_lang: self.letter,
            signature: match self.method {
                Method::None => Signature::None,
                Method::Drawn => Signature::Drawn(strokes),
                Method::Typed => Signature::Typed(self.typed.clone()),
                Method::Pen => Signature::Pen,
            },
        }
    }

    /// Whether anything was typed or drawn (ticked rights alone are quickly redone, and a link
    /// to the form ticks one by itself).
    pub fn has_input(&self, drawn: bool) -> bool {
        let texts = [
            &self.access_scope,
            &self.restriction_reason,
            &self.objection_reason,
            &self.message,
            &self.place,
            &self.typed,
        ];
        texts
            .into_iter()
            .chain(self.sender.texts())
            .any(|t| !t.trim().is_empty())
            || drawn
            || self.corrections.iter().any(|r| {
                !(r.current.trim().is_empty() && r.corrected.trim().is_empty() && r.reason.trim().is_empty())
            })
    }
}
