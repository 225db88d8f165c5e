//! The request desk's replies as letters (issue 18, point 4): the controller writes to the
//! requester, in the request's letter language, on the same letterhead, pages and standards as
//! the request itself (PDF/A-3b with `reply.json` attached as its source, PDF/UA-1).
//!
//! The words follow the GDPR's official Finnish and English texts: the one-month period and its
//! extension with reasons (Art. 12(3)), the refusal with reasons and the complaint route and
//! judicial remedy (Art. 12(4), 77, 79), identity only on reasonable doubts (Art. 12(6), with
//! Art. 11(2) and 12(2)), each right's article (15-21) and the notice to recipients (Art. 19).
//! Finnish letters address the requester as "sinä", as the portal's own pages do.

use portal_core::date::Date;
use portal_core::i18n::Text;
use portal_core::request::letter_lang::LetterLang;
use portal_core::request::reply::{Reply, ReplyKind, ReplyProblem, REPLY_ATTACHMENT};
use portal_core::request::right::Right;

use crate::document::{address_lines, Block, Document, Letterhead, OMBUDSMAN};
use crate::text::FontSet;
use crate::{render_with, Attachment, PdfError};
use portal_core::date::Instant;

fn t(lang: LetterLang, fi: &'static str, en: &'static str) -> String {
    Text { fi, en }.get(lang).to_owned()
}

/// The reply's name (letterhead, title).
pub fn kind_name(kind: ReplyKind, lang: LetterLang) -> String {
    match kind {
        ReplyKind::Acknowledgement => t(lang, "Vastaanottoilmoitus", "Acknowledgement of receipt"),
        ReplyKind::Extension => t(lang, "Ilmoitus määräajan jatkamisesta", "Notice of extension"),
        ReplyKind::MoreInformation => t(
            lang,
            "Lisätietopyyntö henkilöllisyyden vahvistamiseksi",
            "Request for information to confirm identity",
        ),
        ReplyKind::Refusal => t(
            lang,
            "Ilmoitus pyynnön jättämisestä toteuttamatta",
            "Notice of no action on the request",
        ),
        ReplyKind::Answer => t(
            lang,
            "Vastaus tietosuojapyyntöön",
            "Answer to a data protection request",
        ),
    }
}

/// The reply's short name, top right of page 1 beside the page number.
pub fn short_name(kind: ReplyKind, lang: LetterLang) -> String {
    match kind {
        ReplyKind::Acknowledgement => t(lang, "Vastaanottoilmoitus", "Acknowledgement"),
        ReplyKind::Extension => t(lang, "Jatkamisilmoitus", "Extension notice"),
        ReplyKind::MoreInformation => t(lang, "Lisätietopyyntö", "Information request"),
        ReplyKind::Refusal => t(lang, "Epäämisilmoitus", "Refusal notice"),
        ReplyKind::Answer => t(lang, "Vastaus", "Answer"),
    }
}

/// Composes the reply; it must have no [`Reply::problems`].
pub fn compose(reply: &Reply) -> Result<Document, Vec<ReplyProblem>> {
    let problems = reply.problems();
    if !problems.is_empty() {
        return Err(problems);
    }
    let lang = reply.lang;
    let (received, date) = reply.dates().map_err(|p| vec![p])?;
    let deadline = reply.deadline().map_err(|p| vec![p])?;
    let day = |d: Date| d.display(lang.lang());
    let (received_s, due, extended) = (day(received), day(deadline.due), day(deadline.extended));
    let reference = reply.reference.trim();
    let c = &reply.controller;

    let mut sender = vec![c.name.trim().to_owned()];
    if !c.contact_person.trim().is_empty() {
        sender.push(c.contact_person.trim().to_owned());
    }
    sender.extend(address_lines(&c.address));
    sender.push(c.email.trim().to_owned());
    let to = &reply.to;
    let mut recipient = vec![to.name.trim().to_owned()];
    if !to.organisation.trim().is_empty() {
        recipient.push(to.organisation.trim().to_owned());
    }
    let postal = address_lines(&to.postal_address);
    if postal.is_empty() && !to.email.trim().is_empty() {
        recipient.push(to.email.trim().to_owned());
    }
    recipient.extend(postal);
    let name = kind_name(reply.kind, lang);
    let letterhead = Letterhead {
        kind: short_name(reply.kind, lang),
        sender,
        recipient,
        date: day(date),
        reference: format!("{} {reference}", t(lang, "Viite", "Reference")),
        sender_label: t(lang, "Lähettäjä", "From"),
        recipient_label: t(lang, "Vastaanottaja", "To"),
    };

    let rights = reply
        .rights
        .iter()
        .map(|r| r.name().get(lang))
        .collect::<Vec<_>>()
        .join(", ");
    let mut blocks = vec![
        Block::Title(name.clone()),
        Block::Pairs(vec![
            (
                t(lang, "Pyyntösi viite", "Your request's reference"),
                reference.to_owned(),
            ),
            (t(lang, "Vastaanotettu", "Received"), received_s.clone()),
            (t(lang, "Pyydetyt oikeudet", "Rights requested"), rights),
        ]),
    ];
    let received_line = match lang {
        LetterLang::Fi => format!("Vastaanotimme tietosuojapyyntösi {received_s} (viite {reference})."),
        LetterLang::En => {
            format!("We received your data protection request on {received_s} (reference {reference}).")
        }
    };
    let note = reply.note.trim();
    if lang == LetterLang::En {
        blocks.push(Block::Paragraph(format!("Dear {},", to.name.trim())));
    }
    let paragraph = |blocks: &mut Vec<Block>, text: String| blocks.push(Block::Paragraph(text));

    match reply.kind {
        ReplyKind::Acknowledgement => {
            paragraph(&mut blocks, received_line);
            paragraph(
                &mut blocks,
                match lang {
                    LetterLang::Fi => format!(
                        "Annamme sinulle tiedot pyyntösi perusteella toteutetuista toimenpiteistä ilman \
aiheetonta viivytystä ja viimeistään {due} (EU:n yleisen tietosuoja-asetuksen (EU) 2016/679 12 artiklan 3 kohta). \
Jos määräaikaa on pyyntöjen monimutkaisuuden tai lukumäärän vuoksi tarpeen jatkaa enintään kahdella \
kuukaudella, ilmoitamme siitä ja viivästymisen syistä viimeistään {due}; vastaamme silloin viimeistään \
{extended}."
                    ),
                    LetterLang::En => format!(
                        "We will provide you with information on action taken on your request without undue \
delay and in any event by {due} (Article 12(3) of the General Data Protection Regulation (EU) 2016/679). If the period \
has to be extended by up to two further months because of the complexity or number of requests, we will \
inform you of the extension and the reasons for the delay by {due}; we will then answer by {extended}."
                    ),
                },
            );
            if !note.is_empty() {
                blocks.push(Block::Heading(t(lang, "Lisätiedot", "Further information")));
                paragraph(&mut blocks, note.to_owned());
            }
        }
        ReplyKind::Extension => {
            paragraph(&mut blocks, received_line);
            paragraph(
                &mut blocks,
                match lang {
                    LetterLang::Fi => format!(
                        "Jatkamme pyyntöösi vastaamisen määräaikaa kahdella kuukaudella EU:n yleisen \
tietosuoja-asetuksen (EU) 2016/679 12 artiklan 3 kohdan nojalla. Annamme sinulle tiedot pyyntösi \
perusteella toteutetuista toimenpiteistä ilman aiheetonta viivytystä ja viimeistään {extended}. \
Jatkaminen on tarpeen pyyntöjen monimutkaisuus ja lukumäärä huomioon ottaen; syyt kerrotaan alla."
                    ),
                    LetterLang::En => format!(
                        "We are extending the period for answering your request by two further months under \
Article 12(3) of the General Data Protection Regulation (EU) 2016/679. We will provide you with \
information on action taken on your request without undue delay and at the latest by {extended}. The \
extension is necessary, taking into account the complexity and number of the requests; the reasons are \
set out below."
                    ),
                },
            );
            blocks.push(Block::Heading(t(
                lang,
                "Viivästymisen syyt",
                "Reasons for the delay",
            )));
            paragraph(&mut blocks, note.to_owned());
            paragraph(&mut blocks, complaint(lang));
        }
        ReplyKind::MoreInformation => {
            paragraph(&mut blocks, received_line);
            paragraph(
                &mut blocks,
                t(
                    lang,
                    "Meillä on perusteltua syytä epäillä pyynnön tekijän henkilöllisyyttä. Siksi pyydämme \
sinulta lisätietoja, jotka ovat tarpeen henkilöllisyytesi vahvistamiseksi (EU:n yleisen \
tietosuoja-asetuksen (EU) 2016/679 12 artiklan 6 kohta).",
                    "We have reasonable doubts concerning the identity of the person making the request. We \
therefore ask you for the additional information necessary to confirm your identity (Article 12(6) of \
the General Data Protection Regulation (EU) 2016/679).",
                ),
            );
            blocks.push(Block::Heading(t(
                lang,
                "Tarvittavat lisätiedot",
                "Information we need",
            )));
            paragraph(&mut blocks, note.to_owned());
            paragraph(
                &mut blocks,
                t(
                    lang,
                    "Käytämme toimittamiasi tietoja vain henkilöllisyytesi vahvistamiseen ja poistamme ne, \
kun henkilöllisyytesi on vahvistettu. Älä lähetä henkilötunnusta tai kopiota henkilöllisyystodistuksesta, \
ellei sitä edellä nimenomaisesti pyydetä. Käsittelemme pyyntösi ilman aiheetonta viivytystä, kun olemme \
saaneet tiedot. Jos emme lisätiedoista huolimatta pysty vahvistamaan henkilöllisyyttäsi, ilmoitamme \
sinulle, ettemme voi toteuttaa pyyntöä, sekä syyt ja oikeussuojakeinot (12 artiklan 2 ja 4 kohta).",
                    "We will use the information you provide only to confirm your identity, and delete it once \
your identity is confirmed. Please do not send a personal identity code or a copy of an identity \
document unless it is expressly asked for above. We will handle your request without undue delay once we \
have received the information. If we still cannot confirm your identity, we will tell you that we cannot \
act on the request, with the reasons and the remedies available to you (Article 12(2) and (4)).",
                ),
            );
        }
        ReplyKind::Refusal => {
            paragraph(&mut blocks, received_line);
            paragraph(&mut blocks, t(
                lang,
                "Emme ryhdy pyyntösi perusteella toimenpiteisiin siltä osin ja niistä syistä, jotka \
kerrotaan alla (EU:n yleisen tietosuoja-asetuksen (EU) 2016/679 12 artiklan 4 kohta).",
                "We will not take action on your request to the extent, and for the reasons, set out below \
(Article 12(4) of the General Data Protection Regulation (EU) 2016/679).",
            ));
            blocks.push(Block::Heading(t(lang, "Syyt", "Reasons")));
            paragraph(&mut blocks, note.to_owned());
            blocks.push(Block::Heading(t(lang, "Oikeussuojakeinot", "Remedies")));
            paragraph(&mut blocks, remedies(lang));
        }
        ReplyKind::Answer => {
            paragraph(
                &mut blocks,
                match lang {
                    LetterLang::Fi => format!(
                        "{received_line} Tässä kirjeessä kerromme, mitä olemme pyyntösi perusteella EU:n yleisen \
tietosuoja-asetuksen (EU) 2016/679 mukaisesti tehneet."
                    ),
                    LetterLang::En => {
                        format!("{received_line} This letter tells you what we have done on your request under the \
General Data Protection Regulation (EU) 2016/679.")
                    }
                },
            );
            for (n, &right) in reply.rights.iter().enumerate() {
                blocks.push(Block::Heading(format!(
                    "{}. {} ({})",
                    n + 1,
                    right.name().get(lang),
                    right.cited(lang)
                )));
                paragraph(&mut blocks, answer(right, lang));
            }
            if reply
                .rights
                .iter()
                .any(|r| matches!(r, Right::Rectification | Right::Erasure | Right::Restriction))
            {
                blocks.push(Block::Heading(t(
                    lang,
                    "Ilmoitus vastaanottajille (19 artikla)",
                    "Notice to recipients (Article 19)",
                )));
                paragraph(
                    &mut blocks,
                    t(
                        lang,
                        "Olemme ilmoittaneet henkilötietojen oikaisusta, poistamisesta tai käsittelyn \
rajoittamisesta jokaiselle vastaanottajalle, jolle henkilötietojasi on luovutettu (19 artikla). Nämä \
vastaanottajat on lueteltu kohdassa ”Lisätiedot”, samoin kuin ne, joille ilmoittaminen osoittautui \
mahdottomaksi tai olisi vaatinut kohtuuttomia ponnisteluja.",
                        "We have communicated the rectification or erasure of your personal data or the \
restriction of processing to each recipient to whom your personal data have been disclosed (Article 19). \
Those recipients are listed under ‘Further information’, together with any we could not inform because \
it proved impossible or involved disproportionate effort.",
                    ),
                );
            }
            if !note.is_empty() {
                blocks.push(Block::Heading(t(lang, "Lisätiedot", "Further information")));
                paragraph(&mut blocks, note.to_owned());
            }
            blocks.push(Block::Heading(t(lang, "Oikeussuojakeinot", "Remedies")));
            paragraph(&mut blocks, remedies(lang));
        }
    }

    // Who to ask: the contact person, the e-mail and, where there is one, the phone.
    let mut contact = vec![c.contact_person.trim(), c.email.trim()];
    let phone = c.phone.trim();
    let phone = match lang {
        LetterLang::Fi => format!("puh. {phone}"),
        LetterLang::En => format!("phone {phone}"),
    };
    if !c.phone.trim().is_empty() {
        contact.push(&phone);
    }
    let contact = contact.join(", ");
    paragraph(
        &mut blocks,
        match lang {
            LetterLang::Fi => format!("Lisätietoja antaa {contact}. Mainitsethan viitteen {reference}."),
            LetterLang::En => {
                format!("For further information, contact {contact}, quoting the reference {reference}.")
            }
        },
    );
    paragraph(&mut blocks, t(lang, "Ystävällisin terveisin", "Yours sincerely"));
    paragraph(&mut blocks, c.name.trim().to_owned());
    blocks.push(Block::Small(t(
        lang,
        "Liite reply.json sisältää tämän kirjeen tiedot koneluettavassa muodossa.",
        "The attachment reply.json holds this letter's data in machine-readable form.",
    )));
    Ok(crate::document::Document {
        lang,
        title: name,
        reference: reference.to_owned(),
        letterhead,
        blocks,
    })
}

/// The complaint route, for an answer or an extension (Art. 77).
fn complaint(lang: LetterLang) -> String {
    match lang {
        LetterLang::Fi => format!(
            "Jos katsot, että henkilötietojesi käsittelyssä rikotaan tietosuoja-asetusta, voit tehdä \
valituksen valvontaviranomaiselle (77 artikla). Suomessa valvontaviranomainen on tietosuojavaltuutettu: {}.",
            OMBUDSMAN.fi
        ),
        LetterLang::En => format!(
            "If you consider that the processing of your personal data infringes the General Data \
Protection Regulation, you may lodge a complaint with a supervisory authority (Article 77). In Finland \
the supervisory authority is the Data Protection Ombudsman: {}.",
            OMBUDSMAN.en
        ),
    }
}

/// The complaint route and the judicial remedy, for a refusal (Art. 12(4), 77, 79).
fn remedies(lang: LetterLang) -> String {
    match lang {
        LetterLang::Fi => format!(
            "Sinulla on oikeus tehdä valitus valvontaviranomaiselle (77 artikla) ja nostaa kanne meitä \
vastaan tuomioistuimessa joko Suomessa, jossa meillä on toimipaikka, tai jäsenvaltiossa, jossa asut \
vakinaisesti (79 artikla). Suomessa valvontaviranomainen on tietosuojavaltuutettu: {}. Voit tehdä \
valituksen myös siinä jäsenvaltiossa, jossa on vakinainen asuinpaikkasi tai työpaikkasi tai jossa \
väitetty rikkominen on tapahtunut.",
            OMBUDSMAN.fi
        ),
        LetterLang::En => format!(
            "You have the right to lodge a complaint with a supervisory authority (Article 77) and to \
bring proceedings against us before a court, either in Finland, where we are established, or in the \
Member State where you habitually reside (Article 79). In Finland the supervisory authority is the Data \
Protection Ombudsman: {}. You may also lodge a complaint in the Member State of your habitual residence \
or place of work or of the alleged infringement.",
            OMBUDSMAN.en
        ),
    }
}

/// What was done on `right`. The exceptions and the recipients are the desk user's words, under
/// "Further information", which an answer on a right that can have them must have
/// ([`Reply::problems`]).
fn answer(right: Right, lang: LetterLang) -> String {
    match right {
        Right::Access => t(
            lang,
            "Vahvistamme, että käsittelemme sinua koskevia henkilötietoja (15 artiklan 1 kohta). \
Liitteenä on jäljennös käsiteltävistä henkilötiedoistasi (15 artiklan 3 kohta). Liitteessä kerrotaan \
myös käsittelyn tarkoitukset, asianomaiset henkilötietoryhmät, vastaanottajat, joille tietoja on \
luovutettu tai luovutetaan, nimeltä mainiten, henkilötietojen säilytysaika tai sen määrittämiskriteerit, \
oikeutesi pyytää henkilötietojen oikaisemista tai poistamista tai käsittelyn rajoittamista tai vastustaa \
käsittelyä, oikeutesi tehdä valitus valvontaviranomaiselle, kaikki saatavilla olevat tiedot tietolähteistä, \
jos tietoja ei ole kerätty sinulta, sekä automaattisen päätöksenteon, myös profiloinnin, olemassaolo ja \
sitä koskevat merkitykselliset tiedot (15 artiklan 1 kohta) ja, jos tietoja siirretään kolmanteen maahan \
tai kansainväliselle järjestölle, siirtoa koskevat 46 artiklan mukaiset asianmukaiset suojatoimet \
(15 artiklan 2 kohta).",
            "We confirm that we process personal data concerning you (Article 15(1)). Enclosed is a copy \
of the personal data undergoing processing (Article 15(3)). The enclosure also sets out the purposes of \
the processing, the categories of personal data concerned, the recipients to whom the data have been or \
will be disclosed, identified by name, the period for which the data will be stored or the criteria used \
to determine it, your right to request rectification or erasure of personal data or restriction of \
processing or to object to processing, your right to lodge a complaint with a supervisory authority, \
where the data were not collected from you, any available information as to their source, and the \
existence of automated decision-making, including profiling, with meaningful information about the logic \
involved and its significance and envisaged consequences (Article 15(1)), and, where the data are \
transferred to a third country or an international organisation, the appropriate safeguards under \
Article 46 (Article 15(2)).",
        ),
        Right::Rectification => t(
            lang,
            "Olemme oikaisseet tai täydentäneet tietojasi pyyntösi mukaisesti (16 artikla), lukuun \
ottamatta kohdassa ”Lisätiedot” mainittuja kohtia.",
            "We have rectified or completed your data as you requested (Article 16), except as set out \
under ‘Further information’.",
        ),
        Right::Erasure => t(
            lang,
            "Olemme poistaneet henkilötietosi pyyntösi mukaisesti (17 artiklan 1 kohta), lukuun \
ottamatta kohdassa ”Lisätiedot” lueteltuja tietoja, joita säilytämme siinä kerrotun 17 artiklan 3 kohdan \
perusteen vuoksi, esimerkiksi lakisääteisen velvoitteen noudattamiseksi (b alakohta) tai oikeusvaateen \
laatimiseksi, esittämiseksi tai puolustamiseksi (e alakohta), ja joiden käsittelyn olemme rajoittaneet \
säilyttämiseen. Säilytämme tämän pyynnön ja vastauksemme osoittaaksemme, että olemme käsitelleet sen \
(5 artiklan 2 kohta).",
            "We have erased your personal data as you requested (Article 17(1)), except for the data \
listed under ‘Further information’, which we keep on the ground of Article 17(3) stated there, for example \
for compliance with a legal obligation (point (b)) or for the establishment, exercise or defence of legal \
claims (point (e)), and whose processing we have restricted to storage. We keep this request and our \
answer to show that we have handled it (Article 5(2)).",
        ),
        Right::Restriction => t(
            lang,
            "Olemme rajoittaneet henkilötietojesi käsittelyä pyyntösi mukaisesti (18 artikla): tietoja \
saa säilyttämistä lukuun ottamatta käsitellä vain suostumuksellasi, oikeusvaateen laatimiseksi, \
esittämiseksi tai puolustamiseksi, toisen luonnollisen tai oikeushenkilön oikeuksien suojaamiseksi tai \
tärkeää yleistä etua koskevista syistä (18 artiklan 2 kohta). Ilmoitamme sinulle, ennen kuin rajoitus \
poistetaan (18 artiklan 3 kohta).",
            "We have restricted the processing of your personal data as you requested (Article 18): with \
the exception of storage, the data may be processed only with your consent, for the establishment, \
exercise or defence of legal claims, for the protection of the rights of another natural or legal person \
or for reasons of important public interest (Article 18(2)). We will inform you before the restriction \
is lifted (Article 18(3)).",
        ),
        Right::Objection => t(
            lang,
            "Olemme lopettaneet henkilötietojesi käsittelyn siltä osin kuin vastustit sitä (21 artiklan \
1 kohta), paitsi jos kohdassa ”Lisätiedot” kerrotaan käsittelyyn liittyvästä huomattavan tärkeästä ja \
perustellusta syystä, joka syrjäyttää etusi, oikeutesi ja vapautesi, tai käsittelyn tarpeesta \
oikeusvaateen laatimiseksi, esittämiseksi tai puolustamiseksi.",
            "We no longer process your personal data to the extent that you objected to it (Article \
21(1)), unless ‘Further information’ sets out compelling legitimate grounds for the processing which \
override your interests, rights and freedoms, or the need for the processing for the establishment, \
exercise or defence of legal claims.",
        ),
        Right::DirectMarketingObjection => t(
            lang,
            "Emme enää käsittele henkilötietojasi suoramarkkinointia varten, mukaan lukien profilointia \
silloin, kun se liittyy suoramarkkinointiin (21 artiklan 2 ja 3 kohta), emmekä luovuta niitä muille \
suoramarkkinointia varten.",
            "We no longer process your personal data for direct marketing purposes, including profiling \
to the extent that it is related to such direct marketing (Article 21(2) and (3)), and we do not disclose \
them to others for their direct marketing.",
        ),
        Right::Portability => t(
            lang,
            "Liitteenä ovat sinua koskevat henkilötiedot, jotka olet toimittanut meille, jäsennellyssä, \
yleisesti käytetyssä ja koneellisesti luettavassa muodossa (20 artiklan 1 kohta).",
            "Enclosed are the personal data concerning you that you provided to us, in a structured, \
commonly used and machine-readable format (Article 20(1)).",
        ),
    }
}

/// The reply as a PDF (PDF/A-3b + PDF/UA-1, `reply.json` attached), set in `fonts`.
pub fn render(reply: &Reply, fonts: &FontSet, stamp: Instant) -> Result<Vec<u8>, ReplyError> {
    let document = compose(reply).map_err(ReplyError::Invalid)?;
    let json = reply.json();
    render_with(
        &document,
        fonts,
        Attachment {
            name: REPLY_ATTACHMENT,
            description: "Reply data (JSON)",
            data: &json,
        },
        stamp,
    )
    .map_err(ReplyError::Pdf)
}

/// Why no reply was written.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ReplyError {
    Invalid(Vec<ReplyProblem>),
    Pdf(PdfError),
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tests::{base_fonts, built_fonts, structure_roles, tool, NAMES};
    use portal_core::request::fixtures::context;
    use portal_core::request::reply::Addressee;

    fn reply(kind: ReplyKind, lang: LetterLang, name: &str, note: &str) -> Reply {
        Reply::new(
            kind,
            lang,
            "SAF-04HM-ASW9",
            Date::new(2026, 12, 21).unwrap(),
            Date::new(2026, 12, 28).unwrap(),
            context().recipient,
            Addressee {
                name: name.into(),
                organisation: String::new(),
                postal_address: "Hämeenkatu 1 A 2, 33100 Tampere".into(),
                email: "asa@example.fi".into(),
            },
            Right::ALL.to_vec(),
            note,
        )
    }

    fn text(pdf: &[u8]) -> String {
        tool("pdftotext", &["-enc", "UTF-8"], pdf)
            .chars()
            .filter(|c| !matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}'))
            .collect::<String>()
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ")
    }

    /// Every reply in both languages passes krilla's PDF/A-3b and PDF/UA-1 validation (an `Err`
    /// otherwise), is tagged with one H1, carries reply.json, and says its dates and articles.
    #[test]
    fn every_reply_in_both_languages_meets_the_standards_and_says_its_dates() {
        let fonts = base_fonts();
        for lang in LetterLang::ALL {
            for kind in ReplyKind::ALL {
                let r = reply(
                    kind,
                    lang,
                    "Åsa Łukasiewicz-Žemaitė",
                    "Pyyntöjä on tänä kuukautena poikkeuksellisen paljon.",
                );
                let pdf = render(&r, &fonts, context().stamp)
                    .unwrap_or_else(|e| panic!("{kind:?} {lang:?}: {e:?}"));
                let roles = structure_roles(&pdf);
                assert_eq!(roles.iter().filter(|r| *r == "H1").count(), 1, "{kind:?}");
                let words = text(&pdf);
                assert!(words.contains("SAF-04HM-ASW9"), "{words}");
                assert!(words.contains("Åsa Łukasiewicz-Žemaitė"), "{words}");
                assert!(
                    words.contains(kind_name(kind, lang).as_str()),
                    "{kind:?}: {words}"
                );
                // Received 21.12.2026: due 21.1.2027, extended 22.3.2027 (21.3. is a Sunday).
                let (due, extended) = match lang {
                    LetterLang::Fi => ("21.1.2027", "22.3.2027"),
                    LetterLang::En => ("21 January 2027", "22 March 2027"),
                };
                match kind {
                    ReplyKind::Acknowledgement => {
                        assert!(words.contains(due) && words.contains(extended), "{words}")
                    }
                    ReplyKind::Extension => {
                        assert!(words.contains(extended) && words.contains("12"), "{words}")
                    }
                    ReplyKind::Refusal => assert!(
                        words.contains("77") && words.contains("79") && words.contains("tietosuoja@om.fi"),
                        "{words}"
                    ),
                    ReplyKind::Answer => {
                        assert!(words.contains("15") && words.contains("19"), "{words}");
                    }
                    ReplyKind::MoreInformation => {
                        assert!(words.contains("12") && words.contains("6"), "{words}")
                    }
                }
                if kind.needs_note() {
                    assert!(
                        words.contains("poikkeuksellisen paljon"),
                        "{kind:?}: the desk user's words"
                    );
                }
                let attached = tool("pdfdetach", &["-list"], &pdf);
                assert!(attached.contains("reply.json"), "{attached}");
                let info = tool("pdfinfo", &[], &pdf);
                assert!(info.contains("Tagged:          yes"), "{info}");
                let check = tool("qpdf", &["--check"], &pdf);
                assert!(check.contains("No syntax or stream encoding errors"), "{check}");
            }
        }
    }

    #[test]
    fn a_reply_that_says_nothing_is_not_written() {
        let r = reply(ReplyKind::Refusal, LetterLang::Fi, "Åsa", "  ");
        assert_eq!(compose(&r).unwrap_err(), vec![ReplyProblem::NoteMissing]);
        let mut late = reply(ReplyKind::Extension, LetterLang::En, "Åsa", "Many requests");
        late.date = "2027-01-22".into();
        assert!(matches!(
            compose(&late).unwrap_err()[..],
            [ReplyProblem::ExtensionTooLate { .. }]
        ));
    }

    /// Arabic and Chinese names (and every other script the form takes) come out as typed.
    #[test]
    fn names_in_any_script_come_out_as_typed() {
        let fonts = built_fonts(&NAMES.concat());
        for name in NAMES {
            let r = reply(ReplyKind::Acknowledgement, LetterLang::Fi, name, "");
            let pdf = render(&r, &fonts, context().stamp).unwrap_or_else(|e| panic!("{name}: {e:?}"));
            let lines = tool("pdftotext", &["-enc", "UTF-8"], &pdf)
                .chars()
                .filter(|c| !matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}'))
                .collect::<String>();
            assert!(
                lines.lines().any(|l| l.trim() == name),
                "{name:?} not a line of\n{lines}"
            );
        }
    }

    #[test]
    #[ignore = "writes every reply to target/samples/replies for a person to look at"]
    fn write_samples() {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../target/samples/replies");
        std::fs::create_dir_all(&dir).unwrap();
        let fonts = built_fonts("王秀英");
        for lang in LetterLang::ALL {
            for kind in ReplyKind::ALL {
                let r = reply(
                    kind,
                    lang,
                    "王秀英",
                    "Pyyntöjä on tänä kuukautena poikkeuksellisen paljon.",
                );
                let pdf = render(&r, &fonts, context().stamp).unwrap();
                std::fs::write(dir.join(format!("{}-{}.pdf", lang.code(), kind.key())), pdf).unwrap();
            }
        }
    }
}
