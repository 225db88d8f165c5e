//! The request form's words that are put together from the locale strings (`[form.*]` of
//! `locales/<lang>.toml`): a field's label, a right's name and article, the error summary's heading
//! (singular or plural) and its lines. Pure, so that each choice is tested natively; the browser
//! form (`form`) only shows them.

use super::right::Right;
use super::validate::{Field, FieldError};
use crate::i18n::{fill, Lang};

/// `one` when `count` is 1, else `other`, with `{count}` filled in. Finnish, English and Swedish
/// have these two forms only (CLDR plural categories "one" and "other").
pub fn plural(count: usize, one: &str, other: &str) -> String {
    let template = if count == 1 { one } else { other };
    fill(template, &[("count", &count.to_string())])
}

/// The label of `field` in the form (a rectification item's field without its item's number).
pub fn label(lang: Lang, field: Field) -> &'static str {
    let f = &lang.strings().form.fields;
    match field {
        Field::Name => f.name,
        Field::Email => f.email,
        Field::PostalAddress => f.postal_address,
        Field::Phone => f.phone,
        Field::Organisation => f.organisation,
        Field::CustomerNumber => f.customer_number,
        Field::Rights => f.rights,
        Field::AccessScope => f.access_scope,
        Field::CorrectionCurrent(_) => f.correction_current,
        Field::CorrectionCorrected(_) => f.correction_corrected,
        Field::CorrectionReason(_) => f.correction_reason,
        Field::RestrictionReason => f.restriction_reason,
        Field::ObjectionReason => f.objection_reason,
        Field::Message => f.message,
        Field::Place => f.place,
        Field::SignatureTyped => f.signature_typed,
        Field::SignatureDrawn => f.signature_drawn,
    }
}

/// The field as the error summary names it: a rectification item's field with the item's number
/// ("Miksi (2)"), so two items' errors can be told apart.
pub fn summary_label(lang: Lang, field: Field) -> String {
    match field {
        Field::CorrectionCurrent(i) | Field::CorrectionCorrected(i) | Field::CorrectionReason(i) => fill(
            lang.strings().form.errors.item,
            &[("field", label(lang, field)), ("n", &(i + 1).to_string())],
        ),
        _ => label(lang, field).to_owned(),
    }
}

/// The heading of the error summary for `count` problems.
pub fn summary_heading(lang: Lang, count: usize) -> String {
    let e = &lang.strings().form.errors;
    plural(count, e.summary_one, e.summary_other)
}

/// One line of the error summary: the field and what is wrong with it.
pub fn summary_line(lang: Lang, error: &FieldError) -> String {
    fill(
        lang.strings().form.errors.summary_item,
        &[
            ("field", &summary_label(lang, error.field)),
            ("message", &error.problem.message(lang)),
        ],
    )
}

/// The right's name on its checkbox.
pub fn right_name(lang: Lang, right: Right) -> &'static str {
    let r = &lang.strings().form.rights;
    match right {
        Right::Access => r.access,
        Right::Rectification => r.rectification,
        Right::Erasure => r.erasure,
        Right::Restriction => r.restriction,
        Right::Objection => r.objection,
        Right::DirectMarketingObjection => r.direct_marketing,
        Right::Portability => r.portability,
    }
}

/// The GDPR article that grants `right`, cited as `lang` cites it: Finnish "Tietosuoja-asetuksen
/// 21 artiklan 1 kohta", English "GDPR Article 21(1)".
pub fn article(lang: Lang, right: Right) -> String {
    let r = &lang.strings().form.rights;
    match right.article().split_once('(') {
        Some((number, paragraph)) => fill(
            r.article_paragraph,
            &[("number", number), ("paragraph", paragraph.trim_end_matches(')'))],
        ),
        None => fill(r.article, &[("number", right.article())]),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::request::validate::Problem;

    #[test]
    fn one_problem_is_singular_and_more_are_plural() {
        assert_eq!(
            summary_heading(Lang::Fi, 1),
            "Tarkista lomake: 1 korjattava kohta"
        );
        assert_eq!(
            summary_heading(Lang::Fi, 2),
            "Tarkista lomake: 2 korjattavaa kohtaa"
        );
        assert_eq!(
            summary_heading(Lang::En, 1),
            "Please check the form: 1 thing to correct"
        );
        assert_eq!(
            summary_heading(Lang::En, 3),
            "Please check the form: 3 things to correct"
        );
        assert_eq!(plural(0, "{count} one", "{count} other"), "0 other");
        assert_eq!(plural(11, "{count} one", "{count} other"), "11 other");
        for lang in Lang::ALL {
            for count in [1, 2, 21] {
                let heading = summary_heading(lang, count);
                assert!(heading.contains(&count.to_string()), "{lang}: {heading}");
                assert!(!heading.contains('{'), "{lang}: {heading}");
            }
            assert_ne!(
                summary_heading(lang, 1),
                summary_heading(lang, 2).replace('2', "1"),
                "{lang}"
            );
        }
    }

    #[test]
    fn finnish_articles_name_their_paragraph() {
        assert_eq!(
            article(Lang::Fi, Right::Access),
            "Tietosuoja-asetuksen 15 artikla"
        );
        assert_eq!(
            article(Lang::Fi, Right::Objection),
            "Tietosuoja-asetuksen 21 artiklan 1 kohta"
        );
        assert_eq!(
            article(Lang::En, Right::DirectMarketingObjection),
            "GDPR Article 21(2)"
        );
        assert_eq!(article(Lang::En, Right::Portability), "GDPR Article 20");
    }

    #[test]
    fn summary_lines_name_the_field_and_the_rectification_item() {
        let line = summary_line(
            Lang::Fi,
            &FieldError {
                field: Field::CorrectionCorrected(1),
                problem: Problem::Required,
            },
        );
        assert_eq!(line, "Mitä niissä pitäisi lukea (2): Täytä tämä kenttä.");
        let line = summary_line(
            Lang::En,
            &FieldError {
                field: Field::Email,
                problem: Problem::EmailShape,
            },
        );
        assert_eq!(
            line,
            "E-mail address: Check the e-mail address: it should look like name@example.com."
        );
    }

    #[test]
    fn the_form_names_the_company_and_the_articles_the_letter_cites() {
        // The site folder's name in running text (inflected in Finnish, e.g. "Kahvila Kuun", "Kahvila Kuuta").
        let short = crate::facts::text(&crate::SITE.controller.name.short);
        for lang in Lang::ALL {
            let form = &lang.strings().form;
            for text in [
                form.identity,
                form.fields.email_hint,
                form.errors.no_way_to_answer,
                form.rights.erasure_note,
                form.done.deadline,
            ] {
                assert!(text.contains(short), "{lang}: {text}");
            }
            // Art. 17(3)(b) and (e) may prevent erasure; Art. 21(2) covers profiling related to
            // direct marketing.
            let erasure = form.rights.erasure_note;
            let (b, e) = match lang {
                Lang::Fi => (
                    "17 artiklan 3 kohdan b alakohta",
                    "17 artiklan 3 kohdan e alakohta",
                ),
                Lang::Sv => ("artikel 17.3 b", "artikel 17.3 e"),
                Lang::En => ("Article 17(3)(b)", "Article 17(3)(e)"),
            };
            assert!(erasure.contains(b) && erasure.contains(e), "{lang}: {erasure}");
            assert!(
                form.rights
                    .direct_marketing_note
                    .to_lowercase()
                    .contains("profil"),
                "{lang}"
            );
        }
        let fi = &Lang::Fi.strings().form;
        let partitive = crate::SITE
            .controller
            .name
            .fi
            .as_ref()
            .map(|fi| fi.partitive.to_string());
        assert!(fi.rights.erasure_note.contains(&format!(
            "pyynnössä pyydät {} poistamaan muut tiedot",
            partitive.unwrap()
        )));
        assert!(fi.done.deadline.contains("jatkaa") && !fi.done.deadline.contains("pidenn"));
        assert_eq!(fi.signature.pen, "Allekirjoitan tulostetun pyynnön kynällä");
        assert_eq!(
            Lang::En.strings().form.signature.pen,
            "I will sign the printed request by hand"
        );
    }

    #[test]
    fn every_right_and_field_has_its_words_in_every_language() {
        let fields = Field::EVERY_KIND;
        for lang in Lang::ALL {
            let names: Vec<&str> = Right::ALL.iter().map(|&r| right_name(lang, r)).collect();
            let mut unique = names.clone();
            unique.sort_unstable();
            unique.dedup();
            assert_eq!(unique.len(), Right::ALL.len(), "{lang}: two rights share a name");
            for right in Right::ALL {
                assert!(!article(lang, right).contains('{'), "{lang}");
            }
            for field in fields {
                assert!(!label(lang, field).is_empty());
            }
        }
    }

    /// The rights are named in one style in each language, each as the GDPR titles the right
    /// (Finnish access keeps the notice's "Tarkastusoikeus"), and the letter (Finnish, English)
    /// names them as the form's checkboxes do.
    #[test]
    fn right_names_in_one_style_in_each_language() {
        let expected = |lang| match lang {
            Lang::Fi => [
                "Tarkastusoikeus",
                "Oikeus tietojen oikaisemiseen",
                "Oikeus tietojen poistamiseen",
                "Oikeus käsittelyn rajoittamiseen",
                "Oikeus vastustaa käsittelyä",
                "Oikeus vastustaa suoramarkkinointia",
                "Oikeus siirtää tiedot järjestelmästä toiseen",
            ],
            Lang::Sv => [
                "Rätt till insyn",
                "Rätt till rättelse",
                "Rätt till radering",
                "Rätt till begränsning av behandling",
                "Rätt att invända mot behandling",
                "Rätt att invända mot direktmarknadsföring",
                "Rätt till dataportabilitet",
            ],
            Lang::En => [
                "Right of access",
                "Right to rectification",
                "Right to erasure",
                "Right to restriction of processing",
                "Right to object to processing",
                "Right to object to direct marketing",
                "Right to data portability",
            ],
        };
        for lang in Lang::ALL {
            let names: Vec<&str> = Right::ALL.iter().map(|&r| right_name(lang, r)).collect();
            assert_eq!(names, expected(lang), "{lang}");
        }
        for (lang, letter) in [
            (Lang::Fi, crate::request::letter_lang::LetterLang::Fi),
            (Lang::En, crate::request::letter_lang::LetterLang::En),
        ] {
            for right in Right::ALL {
                assert_eq!(right.name().get(letter), right_name(lang, right), "{lang}");
            }
        }
        // "Tietojen siirto" is the notice's heading for transfers outside the EU/EEA.
        assert!(!expected(Lang::Fi).iter().any(|n| n.contains("Tietojen siirto")));
    }

    /// Each article's own words for legal claims in the official Finnish GDPR: Art. 17(3)(e) and
    /// 18(1)(c) "oikeudellisen vaateen", Art. 21(1) "oikeusvaateen" (the letter's test checks it).
    #[test]
    fn the_form_hints_use_each_articles_term_for_legal_claims() {
        let fi = &Lang::Fi.strings().form;
        for (text, article) in [
            (fi.rights.erasure_note, "17 artiklan 3 kohdan e alakohta"),
            (fi.fields.restriction_reason_hint, "18 artiklan 1 kohta"),
        ] {
            assert!(text.contains(article));
            assert!(
                text.contains("oikeudellisen vaateen laatimiseksi, esittämiseksi tai puolustamiseksi"),
                "{text}"
            );
            assert!(!text.contains("oikeusvaateen"), "{text}");
        }
    }
}
