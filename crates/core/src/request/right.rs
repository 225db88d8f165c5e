//! The rights a customer can exercise with the request form, as the notice grants them: name in
//! both languages (the form's checkbox names), the GDPR article, and what the form asks for each.

use crate::i18n::Text;
use crate::request::letter_lang::LetterLang;
use serde::{Deserialize, Serialize};

/// One right of the data subject. As data it is its [`Right::key`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Right {
    #[serde(rename = "access")]
    Access,
    #[serde(rename = "rectification")]
    Rectification,
    #[serde(rename = "erasure")]
    Erasure,
    #[serde(rename = "restriction")]
    Restriction,
    #[serde(rename = "objection")]
    Objection,
    #[serde(rename = "direct-marketing")]
    DirectMarketingObjection,
    #[serde(rename = "portability")]
    Portability,
}

/// What the form asks the customer to add for a right.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Details {
    /// Optionally a period or the data categories.
    OptionalScope,
    /// For each item: what the data says now, what it should say, why.
    Corrections,
    /// A reason (restriction, objection).
    Reason,
    /// The preferred format (portability).
    Format,
    /// Nothing is needed (erasure, objection to direct marketing).
    Nothing,
}

impl Right {
    /// In the order the form lists them.
    pub const ALL: [Right; 7] = [
        Right::Access,
        Right::Rectification,
        Right::Erasure,
        Right::Restriction,
        Right::Objection,
        Right::DirectMarketingObjection,
        Right::Portability,
    ];

    /// A stable key for data and element ids.
    pub const fn key(self) -> &'static str {
        match self {
            Right::Access => "access",
            Right::Rectification => "rectification",
            Right::Erasure => "erasure",
            Right::Restriction => "restriction",
            Right::Objection => "objection",
            Right::DirectMarketingObjection => "direct-marketing",
            Right::Portability => "portability",
        }
    }

    /// The right's name in the letter, in one style: each names the right as the GDPR titles it
    /// ("Oikeus siirtää tiedot järjestelmästä toiseen", "Right to data portability"; Finnish
    /// access keeps the notice's "Tarkastusoikeus"). The form's checkboxes say the same
    /// (`[form.rights]` of `locales/`; a test keeps them equal).
    pub const fn name(self) -> Text {
        match self {
            Right::Access => Text {
                fi: "Tarkastusoikeus",
                en: "Right of access",
            },
            Right::Rectification => Text {
                fi: "Oikeus tietojen oikaisemiseen",
                en: "Right to rectification",
            },
            Right::Erasure => Text {
                fi: "Oikeus tietojen poistamiseen",
                en: "Right to erasure",
            },
            Right::Restriction => Text {
                fi: "Oikeus käsittelyn rajoittamiseen",
                en: "Right to restriction of processing",
            },
            Right::Objection => Text {
                fi: "Oikeus vastustaa käsittelyä",
                en: "Right to object to processing",
            },
            Right::DirectMarketingObjection => Text {
                fi: "Oikeus vastustaa suoramarkkinointia",
                en: "Right to object to direct marketing",
            },
            Right::Portability => Text {
                fi: "Oikeus siirtää tiedot järjestelmästä toiseen",
                en: "Right to data portability",
            },
        }
    }

    /// The article of the GDPR (Regulation (EU) 2016/679) that grants it.
    pub const fn article(self) -> &'static str {
        match self {
            Right::Access => "15",
            Right::Rectification => "16",
            Right::Erasure => "17",
            Right::Restriction => "18",
            Right::Objection => "21(1)",
            Right::DirectMarketingObjection => "21(2)",
            Right::Portability => "20",
        }
    }

    /// The article as it is cited in `lang`: Finnish "15 artikla", "21 artiklan 1 kohta";
    /// English "Article 15", "Article 21(1)". The form's hint and the letter both use it.
    pub fn cited(self, lang: LetterLang) -> String {
        let article = self.article();
        match lang {
            LetterLang::Fi => match article.split_once('(') {
                Some((number, point)) => {
                    format!("{number} artiklan {} kohta", point.trim_end_matches(')'))
                }
                None => format!("{article} artikla"),
            },
            LetterLang::En => format!("Article {article}"),
        }
    }

    pub const fn details(self) -> Details {
        match self {
            Right::Access => Details::OptionalScope,
            Right::Rectification => Details::Corrections,
            Right::Erasure | Right::DirectMarketingObjection => Details::Nothing,
            Right::Restriction | Right::Objection => Details::Reason,
            Right::Portability => Details::Format,
        }
    }

    pub fn from_key(key: &str) -> Option<Right> {
        Right::ALL.into_iter().find(|right| right.key() == key)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn seven_rights_with_articles_and_names() {
        let articles: Vec<&str> = Right::ALL.iter().map(|r| r.article()).collect();
        assert_eq!(articles, ["15", "16", "17", "18", "21(1)", "21(2)", "20"]);
        assert_eq!(Right::Access.name().get(LetterLang::Fi), "Tarkastusoikeus");
        assert_eq!(
            Right::Portability.name().get(LetterLang::En),
            "Right to data portability"
        );
        assert_eq!(
            Right::Portability.name().get(LetterLang::Fi),
            "Oikeus siirtää tiedot järjestelmästä toiseen"
        );
    }

    #[test]
    fn finnish_citations_name_their_paragraph() {
        assert_eq!(Right::Access.cited(LetterLang::Fi), "15 artikla");
        assert_eq!(Right::Objection.cited(LetterLang::Fi), "21 artiklan 1 kohta");
        assert_eq!(
            Right::DirectMarketingObjection.cited(LetterLang::En),
            "Article 21(2)"
        );
    }

    #[test]
    fn keys_round_trip_and_are_unique() {
        for right in Right::ALL {
            assert_eq!(Right::from_key(right.key()), Some(right));
            let json = serde_json::to_string(&right).unwrap();
            assert_eq!(json, format!("\"{}\"", right.key()));
            assert_eq!(serde_json::from_str::<Right>(&json).unwrap(), right);
        }
        assert_eq!(Right::from_key("delete"), None);
    }

    #[test]
    fn only_restriction_and_objection_need_a_reason() {
        let with_reason: Vec<Right> = Right::ALL
            .into_iter()
            .filter(|r| r.details() == Details::Reason)
            .collect();
        assert_eq!(with_reason, [Right::Restriction, Right::Objection]);
        assert_eq!(Right::DirectMarketingObjection.details(), Details::Nothing);
    }
}
