//! The request's text, in the language the customer chose for it: what the PDF says, as plain
//! blocks (headings, paragraphs, label–value lines, the signature). Deciding the words is kept
//! apart from drawing them, so tests can read the request without parsing a PDF.

use super::draft::{Draft, Signature};
use super::record::Context;
use super::right::Right;
use crate::i18n::{Lang, Text};

/// One block of the document, top to bottom.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Block {
    Title(String),
    Heading(String),
    Paragraph(String),
    /// Label–value lines (the value may wrap).
    Pairs(Vec<(String, String)>),
    /// The signature area: the drawn strokes, a typed name, or an empty line; then the name.
    Signature {
        signature: Signature,
        name: String,
        note: String,
    },
    /// Small print at the end.
    Small(String),
}

/// The document: its language and blocks; `reference` goes in every page's footer.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Document {
    pub lang: Lang,
    pub title: String,
    pub reference: String,
    pub blocks: Vec<Block>,
}

fn t(lang: Lang, fi: &'static str, en: &'static str) -> String {
    Text { fi, en }.get(lang).to_owned()
}

/// Composes the request. `digest` is the SHA-256 (hex) of the attached `request.json`.
pub fn compose(draft: &Draft, context: &Context, digest: &str) -> Document {
    let lang = draft.request_lang;
    let r = &context.recipient;
    let title = t(lang, "Tietosuojaan liittyvä pyyntö", "Data protection request");
    let mut blocks = vec![
        Block::Title(title.clone()),
        Block::Paragraph(t(
            lang,
            "EU:n yleinen tietosuoja-asetus (EU) 2016/679, 12–22 artikla",
            "General Data Protection Regulation (EU) 2016/679, Articles 12–22",
        )),
    ];

    let mut from = vec![(t(lang, "Nimi", "Name"), draft.name.trim().to_owned())];
    let optional = [
        (
            t(lang, "Edustamani yhteisö", "Organisation I represent"),
            &draft.organisation,
        ),
        (t(lang, "Postiosoite", "Postal address"), &draft.postal_address),
        (t(lang, "Sähköposti", "Email"), &draft.email),
        (t(lang, "Puhelin", "Phone"), &draft.phone),
        (
            t(lang, "Asiakas- tai tilausnumero", "Customer or order number"),
            &draft.customer_number,
        ),
    ];
    from.extend(
        optional
            .into_iter()
            .filter(|(_, v)| !v.trim().is_empty())
            .map(|(k, v)| (k, v.trim().to_owned())),
    );
    blocks.push(Block::Heading(t(lang, "Lähettäjä", "From")));
    blocks.push(Block::Pairs(from));

    let date = context.created.display(lang);
    let place = draft.place.trim();
    blocks.push(Block::Heading(t(lang, "Vastaanottaja", "To")));
    blocks.push(Block::Pairs(vec![
        (
            t(lang, "Rekisterinpitäjä", "Controller"),
            format!("{}, {}", r.name, r.address),
        ),
        (
            t(lang, "Yhteyshenkilö", "Contact person"),
            format!("{}, {}", r.contact_person, r.email),
        ),
        (t(lang, "Rekisteri", "Register"), context.register.clone()),
        (
            t(lang, "Päiväys ja paikka", "Date and place"),
            if place.is_empty() {
                date
            } else {
                format!("{date}, {place}")
            },
        ),
        (t(lang, "Viite", "Reference"), context.reference.clone()),
    ]));

    blocks.push(Block::Paragraph(t(
        lang,
        "Pyydän rekisterinpitäjää toteuttamaan seuraavat tietosuoja-asetuksen mukaiset oikeuteni:",
        "I ask the controller to give effect to the following rights of mine under the GDPR:",
    )));
    for (n, &right) in draft.rights.iter().enumerate() {
        let article = match lang {
            Lang::Fi => finnish_article(right.article()),
            Lang::En => format!("Article {}", right.article()),
        };
        blocks.push(Block::Heading(format!(
            "{}. {} ({article})",
            n + 1,
            right.name().get(lang)
        )));
        right_text(draft, right, lang, &mut blocks);
    }

    if !draft.message.trim().is_empty() {
        blocks.push(Block::Heading(t(lang, "Lisätiedot", "Additional information")));
        blocks.push(Block::Paragraph(draft.message.trim().to_owned()));
    }

    let d = &context.deadline;
    blocks.push(Block::Heading(t(lang, "Vastaus", "Response")));
    blocks.push(Block::Paragraph(match lang {
        Lang::Fi => format!(
            "Rekisterinpitäjän on vastattava ilman aiheetonta viivytystä ja viimeistään kuukauden \
kuluessa pyynnön vastaanottamisesta (12 artiklan 3 kohta). Määräaikaa voidaan pidentää kahdella \
kuukaudella, jos pyyntöjen monimutkaisuus ja määrä sitä edellyttävät; pidennyksestä syineen on \
ilmoitettava kuukauden kuluessa. Jos pyyntö vastaanotetaan {}, vastaus on annettava viimeistään {} \
(pidennettynä viimeistään {}).",
            d.received.display(lang),
            d.due.display(lang),
            d.extended.display(lang)
        ),
        Lang::En => format!(
            "The controller must answer without undue delay and at the latest within one month of \
receiving this request (Article 12(3)). That period may be extended by two further months where \
necessary, taking into account the complexity and number of requests; I must be told of any \
extension, with the reasons, within the first month. If this request is received on {}, the \
answer is due by {} (if extended, by {}).",
            d.received.display(lang),
            d.due.display(lang),
            d.extended.display(lang)
        ),
    }));
    blocks.push(Block::Paragraph(t(
        lang,
        "Tiedot ja toimenpiteet ovat maksuttomia (12 artiklan 5 kohta); ensimmäinen jäljennös \
käsiteltävistä henkilötiedoista on maksuton (15 artiklan 3 kohta).",
        "Information and actions are free of charge (Article 12(5)); the first copy of the \
personal data undergoing processing is free (Article 15(3)).",
    )));
    let answer_to = if draft.email.trim().is_empty() {
        match lang {
            Lang::Fi => format!(
                "Pyydän vastausta postitse osoitteeseen: {}.",
                draft.postal_address.trim()
            ),
            Lang::En => format!(
                "Please send the answer by post to: {}.",
                draft.postal_address.trim()
            ),
        }
    } else {
        match lang {
            Lang::Fi => format!(
                "Pyydän vastausta sähköpostitse osoitteeseen {}.",
                draft.email.trim()
            ),
            Lang::En => format!("Please send the answer by email to {}.", draft.email.trim()),
        }
    };
    blocks.push(Block::Paragraph(answer_to));
    blocks.push(Block::Paragraph(t(
        lang,
        "En liitä henkilötunnusta enkä henkilöllisyystodistuksen kopiota. Rekisterinpitäjä voi pyytää \
lisätietoja henkilöllisyyteni vahvistamiseksi vain, jos sillä on perusteltua syytä epäillä sitä \
(12 artiklan 6 kohta).",
        "I do not enclose a personal identity code or a copy of an identity document. The controller \
may ask for additional information to confirm my identity only if it has reasonable doubts about it \
(Article 12(6)).",
    )));

    blocks.push(Block::Heading(t(lang, "Allekirjoitus", "Signature")));
    let note = match &draft.signature {
        Signature::Drawn(_) => t(
            lang,
            "Sähköinen allekirjoitus: piirretty lomakkeella.",
            "Electronic signature: drawn in the form.",
        ),
        Signature::Typed(_) => t(
            lang,
            "Sähköinen allekirjoitus: nimi kirjoitettu lomakkeella.",
            "Electronic signature: name typed in the form.",
        ),
        Signature::Pen | Signature::None => t(
            lang,
            "Allekirjoita tulostettuna kynällä.",
            "To be signed with a pen after printing.",
        ),
    };
    blocks.push(Block::Signature {
        signature: draft.signature.clone(),
        name: draft.name.trim().to_owned(),
        note,
    });

    blocks.push(Block::Small(match lang {
        Lang::Fi => format!(
            "Liite request.json sisältää pyynnön tiedot koneluettavassa muodossa. Sen SHA-256-tiiviste: {digest}"
        ),
        Lang::En => format!(
            "The attachment request.json holds the request's data in machine-readable form. Its SHA-256 digest: {digest}"
        ),
    }));

    Document {
        lang,
        title,
        reference: context.reference.clone(),
        blocks,
    }
}

/// "15" → "15 artikla", "21(1)" → "21 artiklan 1 kohta".
fn finnish_article(article: &str) -> String {
    match article.split_once('(') {
        Some((number, point)) => format!("{number} artiklan {} kohta", point.trim_end_matches(')')),
        None => format!("{article} artikla"),
    }
}

fn right_text(draft: &Draft, right: Right, lang: Lang, blocks: &mut Vec<Block>) {
    let p = |s: String| Block::Paragraph(s);
    match right {
        Right::Access => {
            blocks.push(p(t(
                lang,
                "Pyydän vahvistusta siitä, käsitelläänkö minua koskevia henkilötietoja, jäljennöksen \
niistä sekä 15 artiklan 1 kohdassa luetellut tiedot (käsittelyn tarkoitukset, tietoryhmät, \
vastaanottajat, säilytysaika ja tietolähteet).",
                "I ask for confirmation as to whether personal data concerning me are processed, a \
copy of those data and the information listed in Article 15(1) (purposes, categories of data, \
recipients, retention period and sources).",
            )));
            if !draft.access_scope.trim().is_empty() {
                blocks.push(Block::Pairs(vec![(
                    t(lang, "Rajaus (ajanjakso tai tietoryhmät)", "Scope (period or data categories)"),
                    draft.access_scope.trim().to_owned(),
                )]));
            }
        }
        Right::Rectification => {
            blocks.push(p(t(
                lang,
                "Pyydän oikaisemaan seuraavat virheelliset tietoni tai täydentämään puutteelliset tiedot:",
                "I ask you to rectify the following inaccurate data about me, or to complete incomplete data:",
            )));
            for (i, item) in draft.filled_corrections().enumerate() {
                let mut pairs = Vec::new();
                let mut add = |fi, en, v: &String| {
                    if !v.trim().is_empty() {
                        pairs.push((format!("{}. {}", i + 1, t(lang, fi, en)), v.trim().to_owned()));
                    }
                };
                add("Nyt", "Now", &item.current);
                add("Oikein", "Should be", &item.corrected);
                add("Peruste", "Reason", &item.reason);
                blocks.push(Block::Pairs(pairs));
            }
        }
        Right::Erasure => blocks.push(p(t(
            lang,
            "Pyydän poistamaan minua koskevat henkilötiedot tai, jos niitä on säilytettävä, \
anonymisoimaan ne siltä osin kuin laki sallii. Jos joitakin tietoja ei voida poistaa (esimerkiksi \
avoimen laskun, perinnän tai lakisääteisen säilytysvelvollisuuden vuoksi), pyydän ilmoittamaan, \
mitä tietoja säilytetään, millä perusteella ja kuinka kauan.",
            "I ask you to erase the personal data concerning me or, where they must be kept, to \
anonymise them as far as the law allows. If some data cannot be erased (for example because of an \
open invoice, debt collection or a legal obligation to keep them), please tell me which data are \
kept, on what basis and for how long.",
        ))),
        Right::Restriction => blocks.push(Block::Pairs(vec![(
            t(lang, "Pyydän rajoittamaan tietojeni käsittelyä. Peruste", "I ask you to restrict the processing of my data. Reason"),
            draft.restriction_reason.trim().to_owned(),
        )])),
        Right::Objection => blocks.push(Block::Pairs(vec![(
            t(
                lang,
                "Vastustan oikeutettuun etuun perustuvaa tietojeni käsittelyä erityiseen tilanteeseeni liittyvällä perusteella",
                "I object, on grounds relating to my particular situation, to the processing of my data based on legitimate interests",
            ),
            draft.objection_reason.trim().to_owned(),
        )])),
        Right::DirectMarketingObjection => blocks.push(p(t(
            lang,
            "Kiellän tietojeni käsittelyn ja luovuttamisen suoramarkkinointia, etämyyntiä sekä \
markkina- ja mielipidetutkimusta varten ja tietojeni julkaisemisen postitus- ja osoiteluetteloissa. \
Kiellolle ei tarvita perustetta (21 artiklan 2 ja 3 kohta).",
            "I object to the processing and disclosure of my data for direct marketing, distance \
selling and market and opinion research, and to their publication in mailing lists. No reason is \
needed (Article 21(2) and (3)).",
        ))),
        Right::Portability => blocks.push(Block::Pairs(vec![(
            t(
                lang,
                "Pyydän antamani henkilötiedot jäsennellyssä, yleisesti käytetyssä ja koneellisesti luettavassa muodossa. Toivottu muoto",
                "I ask to receive the personal data I have provided in a structured, commonly used and machine-readable format. Preferred format",
            ),
            draft.portable_format.label().to_owned(),
        )])),
    }
}

impl Document {
    /// All the document's text, one block per line: what a reader of the PDF sees, for tests
    /// and for the form's preview.
    pub fn plain_text(&self) -> String {
        let mut out = String::new();
        for block in &self.blocks {
            match block {
                Block::Title(s) | Block::Heading(s) | Block::Paragraph(s) | Block::Small(s) => {
                    out.push_str(s);
                }
                Block::Pairs(pairs) => {
                    let lines: Vec<String> = pairs.iter().map(|(k, v)| format!("{k}: {v}")).collect();
                    out.push_str(&lines.join("\n"));
                }
                Block::Signature {
                    signature,
                    name,
                    note,
                } => {
                    if let Signature::Typed(typed) = signature {
                        out.push_str(typed.trim());
                        out.push('\n');
                    }
                    out.push_str(&format!("{name}\n{note}"));
                }
            }
            out.push('\n');
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::request::record::tests::{context, draft};

    #[test]
    fn finnish_request_names_rights_articles_and_deadline() {
        let text = compose(&draft(), &context(), "ab12").plain_text();
        for expected in [
            "Tietosuojaan liittyvä pyyntö",
            "Nimi: Åsa Łukasiewicz-Žemaitė",
            "Rekisterinpitäjä: Safrent Oy, Viilarinkatu 5, Turku",
            "Yhteyshenkilö: Mirette Leppä, mirette.leppa@safrent.fi",
            "Päiväys ja paikka: 25.11.2026",
            "Viite: SAF-04HM-ASW9",
            "1. Tarkastusoikeus (15 artikla)",
            "2. Oikaisu (16 artikla)",
            "1. Oikein: Uusi katu 2",
            "3. Tietojen siirto (20 artikla)",
            "Toivottu muoto: CSV",
            "viimeistään 28.12.2026 (pidennettynä viimeistään 25.2.2027)",
            "ensimmäinen jäljennös",
            "Sähköinen allekirjoitus: piirretty lomakkeella.",
            "SHA-256-tiiviste: ab12",
        ] {
            assert!(text.contains(expected), "missing {expected:?} in\n{text}");
        }
        assert!(!text.contains("Organisation"));
    }

    #[test]
    fn english_request_is_entirely_english() {
        let mut draft = draft();
        draft.request_lang = Lang::En;
        draft.place = "Turku".into();
        draft.rights = Right::ALL.to_vec();
        draft.restriction_reason = "Disputed accuracy.".into();
        draft.objection_reason = "Personal reasons.".into();
        draft.signature = Signature::Typed("Åsa Ł.".into());
        let text = compose(&draft, &context(), "ab12").plain_text();
        for expected in [
            "Data protection request",
            "Date and place: 25 November 2026, Turku",
            "1. Right of access (Article 15)",
            "5. Objection (Article 21(1))",
            "6. Objection to direct marketing and disclosure (Article 21(2))",
            "Reason: Disputed accuracy.",
            "answer is due by 28 December 2026",
            "Article 12(6)",
            "Åsa Ł.\nÅsa Łukasiewicz-Žemaitė\nElectronic signature: name typed in the form.",
        ] {
            assert!(text.contains(expected), "missing {expected:?} in\n{text}");
        }
        for finnish in ["artikla", "Pyyntö", "Nimi:"] {
            assert!(!text.contains(finnish), "{finnish:?} in an English request");
        }
    }

    #[test]
    fn finnish_articles_name_their_paragraph() {
        assert_eq!(finnish_article("15"), "15 artikla");
        assert_eq!(finnish_article("21(2)"), "21 artiklan 2 kohta");
    }

    #[test]
    fn a_pen_signature_leaves_a_line_and_says_so() {
        let mut draft = draft();
        draft.signature = Signature::Pen;
        draft.email.clear();
        draft.postal_address = "Esimerkkitie 1, 20100 Turku".into();
        let text = compose(&draft, &context(), "x").plain_text();
        assert!(text.contains("Allekirjoita tulostettuna kynällä."));
        assert!(text.contains("Pyydän vastausta postitse osoitteeseen: Esimerkkitie 1, 20100 Turku."));
    }
}
