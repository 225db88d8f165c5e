//! The request's text, in the language the customer chose for it: what the PDF says, as plain
//! blocks (the letterhead of page 1, headings, paragraphs, label–value tables, the signature).
//! Deciding the words is kept apart from drawing them, so tests can read the request without
//! parsing a PDF.
//!
//! The wording follows the GDPR (Regulation (EU) 2016/679) as its official Finnish and English
//! texts put it: the deadline and its extension (Art. 12(3)), the duty to give reasons and the
//! complaint route when the controller does not act (Art. 12(4)), fees (Art. 12(5), and the free
//! first copy of Art. 15(3) only when access is asked), identity (Art. 12(6)). Finnish cites
//! articles as "21 artiklan 1 kohta" ([`Right::cited`]).

use portal_core::i18n::Text;
use portal_core::request::draft::{Draft, Signature};
use portal_core::request::letter_lang::LetterLang;
use portal_core::request::record::Context;
use portal_core::request::right::Right;

pub use portal_core::request::authority::OMBUDSMAN;

/// One block of the document body, top to bottom.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Block {
    /// The document's title (H1).
    Title(String),
    /// A section heading (H2).
    Heading(String),
    Paragraph(String),
    /// Label–value rows (a table with row headers; the value may wrap).
    Pairs(Vec<(String, String)>),
    /// The signature area: place and date, the drawn strokes / typed name / empty line (none
    /// when unsigned), then the name and a note saying how it was signed.
    Signature {
        signature: Signature,
        place_date: String,
        name: String,
        note: String,
        /// The alternative text of the signature figure ("Allekirjoitus: piirretty").
        alt: String,
    },
    /// Small print at the end.
    Small(String),
}

/// Page 1's head as a Finnish letter has it (SFS 2487): the sender top left, the recipient's
/// postal address below it where a window envelope shows it, the document's name, date and
/// reference top right.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Letterhead {
    /// The document's name ("Tietosuojapyyntö").
    pub kind: String,
    pub sender: Vec<String>,
    pub recipient: Vec<String>,
    pub date: String,
    /// "Viite SAF-…" / "Reference SAF-…".
    pub reference: String,
    /// What the lists are called for assistive technology ("Lähettäjä", "Vastaanottaja").
    pub sender_label: String,
    pub recipient_label: String,
}

/// The document: its language and blocks; `reference` goes in every page's footer.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Document {
    pub lang: LetterLang,
    pub title: String,
    pub reference: String,
    pub letterhead: Letterhead,
    pub blocks: Vec<Block>,
}

fn t(lang: LetterLang, fi: &'static str, en: &'static str) -> String {
    Text { fi, en }.get(lang).to_owned()
}

/// Address lines: a line break or a comma starts a new line; blank parts are dropped.
pub fn address_lines(address: &str) -> Vec<String> {
    address
        .split(['\n', ','])
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(str::to_owned)
        .collect()
}

/// Composes the request. `digest` is the SHA-256 (hex) of the attached `request.json`.
pub fn compose(draft: &Draft, context: &Context, digest: &str) -> Document {
    let lang = draft.request_lang;
    let r = &context.recipient;
    let title = t(lang, "Tietosuojaan liittyvä pyyntö", "Data protection request");
    let date = context.created.display(lang.lang());

    let mut sender = vec![draft.sender.name.trim().to_owned()];
    if !draft.sender.organisation.trim().is_empty() {
        sender.push(draft.sender.organisation.trim().to_owned());
    }
    sender.extend(address_lines(&draft.sender.postal_address));
    for contact in [&draft.sender.email, &draft.sender.phone] {
        if !contact.trim().is_empty() {
            sender.push(contact.trim().to_owned());
        }
    }
    let mut recipient = vec![r.name.trim().to_owned()];
    if !r.contact_person.trim().is_empty() {
        recipient.push(r.contact_person.trim().to_owned());
    }
    recipient.extend(address_lines(&r.address));
    let letterhead = Letterhead {
        kind: t(lang, "Tietosuojapyyntö", "Data protection request"),
        sender,
        recipient,
        date: date.clone(),
        reference: format!("{} {}", t(lang, "Viite", "Reference"), context.reference),
        sender_label: t(lang, "Lähettäjä", "From"),
        recipient_label: t(lang, "Vastaanottaja", "To"),
    };

    let mut blocks = vec![Block::Title(title.clone())];
    let mut details = vec![
        (
            t(
                lang,
                "Rekisteriasioiden yhteyshenkilö",
                "Contact person for matters concerning the register",
            ),
            format!("{}, {}", r.contact_person, r.email),
        ),
        (t(lang, "Rekisteri", "Register"), context.register.clone()),
    ];
    if !draft.sender.customer_number.trim().is_empty() {
        details.push((
            t(lang, "Asiakas- tai tilausnumero", "Customer or order number"),
            draft.sender.customer_number.trim().to_owned(),
        ));
    }
    blocks.push(Block::Pairs(details));
    // The letterhead shows the sender; when it cannot show everything in its six rows, the
    // sender's details follow in full here.
    if !letterhead.sender_fits() {
        let mut from = vec![(t(lang, "Nimi", "Name"), draft.sender.name.trim().to_owned())];
        let optional = [
            (
                t(lang, "Edustamani yhteisö", "Organisation I represent"),
                &draft.sender.organisation,
            ),
            (
                t(lang, "Postiosoite", "Postal address"),
                &draft.sender.postal_address,
            ),
            (t(lang, "Sähköposti", "E-mail"), &draft.sender.email),
            (t(lang, "Puhelin", "Phone"), &draft.sender.phone),
        ];
        from.extend(
            optional
                .into_iter()
                .filter(|(_, v)| !v.trim().is_empty())
                .map(|(k, v)| (k, v.trim().to_owned())),
        );
        blocks.push(Block::Heading(t(lang, "Lähettäjä", "From")));
        blocks.push(Block::Pairs(from));
    }

    blocks.push(Block::Paragraph(t(
        lang,
        "Käytän tällä kirjallisella pyynnöllä seuraavia EU:n yleisen tietosuoja-asetuksen \
(EU) 2016/679 mukaisia oikeuksiani ja pyydän rekisterinpitäjää toteuttamaan ne:",
        "By this written request I wish to exercise the following rights under the GDPR \
(Regulation (EU) 2016/679) and ask you, as controller, to give effect to them:",
    )));
    for (n, &right) in draft.rights.iter().enumerate() {
        blocks.push(Block::Heading(format!(
            "{}. {} ({})",
            n + 1,
            right.name().get(lang),
            right.cited(lang)
        )));
        right_text(draft, right, lang, &mut blocks);
    }

    if !draft.message.trim().is_empty() {
        blocks.push(Block::Heading(t(lang, "Lisätiedot", "Additional information")));
        blocks.push(Block::Paragraph(draft.message.trim().to_owned()));
    }

    blocks.push(Block::Heading(t(lang, "Vastaus", "Response")));
    response(draft, context, lang, &mut blocks);

    blocks.push(signature_block(draft, lang, &date));

    blocks.push(Block::Small(match lang {
        LetterLang::Fi => format!(
            "Liite request.json sisältää pyynnön tiedot koneluettavassa muodossa. Sen SHA-256-tiiviste: {digest}"
        ),
        LetterLang::En => format!(
            "The attachment request.json holds the request's data in machine-readable form. Its SHA-256 digest: {digest}"
        ),
    }));

    Document {
        lang,
        title,
        reference: context.reference.clone(),
        letterhead,
        blocks,
    }
}

/// The deadline, the complaint route, fees, how to answer and identity.
fn response(draft: &Draft, context: &Context, lang: LetterLang, blocks: &mut Vec<Block>) {
    let d = &context.deadline;
    let (received, due, extended) = (
        d.received.display(lang.lang()),
        d.due.display(lang.lang()),
        d.extended.display(lang.lang()),
    );
    blocks.push(Block::Paragraph(match lang {
        LetterLang::Fi => format!(
            "Rekisterinpitäjän on toimitettava minulle tiedot pyyntöni perusteella toteutetuista \
toimenpiteistä ilman aiheetonta viivytystä ja joka tapauksessa kuukauden kuluessa pyynnön \
vastaanottamisesta (12 artiklan 3 kohta). Määräaikaa voidaan tarvittaessa jatkaa enintään kahdella \
kuukaudella ottaen huomioon pyyntöjen monimutkaisuus ja lukumäärä. Rekisterinpitäjän on ilmoitettava \
minulle tällaisesta jatkamisesta ja viivästymisen syistä kuukauden kuluessa pyynnön vastaanottamisesta. \
Jos pyyntö vastaanotetaan {received}, vastaus tai ilmoitus määräajan jatkamisesta ja viivästymisen \
syistä on annettava viimeistään {due}; jos määräaikaa jatketaan, vastaus on annettava viimeistään \
{extended}. Päivät on laskettu neuvoston asetuksen (ETY, Euratom) N:o 1182/71 mukaisesti: jos \
määräajan viimeinen päivä on yleinen vapaapäivä, sunnuntai tai lauantai, määräaika päättyy \
seuraavana työpäivänä (3 artiklan 4 kohta)."
        ),
        LetterLang::En => format!(
            "The controller must provide me with information on action taken on my request without \
undue delay and in any event within one month of receipt of the request (Article 12(3)). That period \
may be extended by two further months where necessary, taking into account the complexity and number \
of the requests; the controller must inform me of any such extension, together with the reasons for \
the delay, within one month of receipt of the request. If this request is received on {received}, the \
answer, or notice of an extension, is due by {due}; if the period is extended, the answer is due by \
{extended}. The dates are calculated in accordance with Council Regulation (EEC, Euratom) No \
1182/71: a period whose last day is a public holiday, a Sunday or a Saturday ends on the next \
working day (Article 3(4))."
        ),
    }));
    blocks.push(Block::Paragraph(match lang {
        LetterLang::Fi => format!(
            "Jos rekisterinpitäjä ei ryhdy toimenpiteisiin pyyntöni perusteella, sen on ilmoitettava \
minulle viipymättä ja viimeistään kuukauden kuluessa pyynnön vastaanottamisesta syyt siihen sekä \
mahdollisuudesta tehdä valitus valvontaviranomaiselle ja käyttää muita oikeussuojakeinoja (12 artiklan \
4 kohta). Suomessa valvontaviranomainen on tietosuojavaltuutettu: {}.",
            OMBUDSMAN.fi
        ),
        LetterLang::En => format!(
            "If the controller does not take action on my request, it must inform me without delay \
and at the latest within one month of receipt of the request of the reasons for not taking action and \
of the possibility of lodging a complaint with a supervisory authority and seeking a judicial remedy \
(Article 12(4)). In Finland the supervisory authority is the Data Protection Ombudsman: {}.",
            OMBUDSMAN.en
        ),
    }));
    let mut fees = t(
        lang,
        "Tiedot ja toimenpiteet ovat maksuttomia, paitsi jos pyynnöt ovat ilmeisen perusteettomia \
tai kohtuuttomia (12 artiklan 5 kohta).",
        "The information and any action taken are free of charge, except where requests are \
manifestly unfounded or excessive (Article 12(5)).",
    );
    if draft.asks(Right::Access) {
        fees.push(' ');
        fees.push_str(Text {
            fi: "Ensimmäinen jäljennös käsiteltävistä henkilötiedoista on maksuton (15 artiklan 3 kohta).",
            en: "The first copy of the personal data undergoing processing is free of charge (Article 15(3)).",
        }
        .get(lang));
    }
    blocks.push(Block::Paragraph(fees));
    let email = draft.sender.email.trim();
    blocks.push(Block::Paragraph(match (lang, email.is_empty()) {
        (LetterLang::Fi, true) => format!(
            "Pyydän vastausta postitse osoitteeseen: {}.",
            address_lines(&draft.sender.postal_address).join(", ")
        ),
        (LetterLang::En, true) => format!(
            "Please send the answer by post to: {}.",
            address_lines(&draft.sender.postal_address).join(", ")
        ),
        (LetterLang::Fi, false) => format!("Pyydän vastausta sähköpostitse osoitteeseen {email}."),
        (LetterLang::En, false) => format!("Please send the answer by e-mail to {email}."),
    }));
    blocks.push(Block::Paragraph(t(
        lang,
        "En liitä henkilötunnusta enkä henkilöllisyystodistuksen kopiota. Rekisterinpitäjä voi pyytää \
henkilöllisyyteni vahvistamiseksi tarvittavia lisätietoja vain, jos sillä on perusteltua syytä epäillä \
henkilöllisyyttäni (12 artiklan 6 kohta); siinä tapauksessa pyydän ilmoittamaan minulle viipymättä, \
mitä lisätietoja tarvitaan.",
        "I do not enclose a personal identity code or a copy of an identity document. The controller \
may request additional information necessary to confirm my identity only if it has reasonable doubts \
about my identity (Article 12(6)); in that case, please tell me without delay what additional \
information you need.",
    )));
}

fn signature_block(draft: &Draft, lang: LetterLang, date: &str) -> Block {
    let place = draft.place.trim();
    // "Turku 6.12.2026" in a Finnish letter (SFS 2487), "Turku, 6 December 2026" in English.
    let place_date = match (place.is_empty(), lang) {
        (true, _) => date.to_owned(),
        (false, LetterLang::Fi) => format!("{place} {date}"),
        (false, LetterLang::En) => format!("{place}, {date}"),
    };
    let (note, alt) = match &draft.signature {
        Signature::None => (
            t(
                lang,
                "Pyyntöä ei ole allekirjoitettu. Tietosuoja-asetus ei edellytä allekirjoitusta: \
rekisterinpitäjän on helpotettava rekisteröidyn oikeuksien käyttämistä (12 artiklan 2 kohta).",
                "This request is not signed. The GDPR does not require a signature: the controller \
must facilitate the exercise of the data subject's rights (Article 12(2)).",
            ),
            t(lang, "Allekirjoitus: ei allekirjoitusta", "Signature: not signed"),
        ),
        Signature::Drawn(_) => (
            t(
                lang,
                "Sähköinen allekirjoitus: piirretty lomakkeella.",
                "Electronic signature: drawn in the form.",
            ),
            t(lang, "Allekirjoitus: piirretty", "Signature: drawn"),
        ),
        Signature::Typed(typed) => (
            t(
                lang,
                "Sähköinen allekirjoitus: nimi kirjoitettu lomakkeella.",
                "Electronic signature: name typed in the form.",
            ),
            match lang {
                LetterLang::Fi => format!("Allekirjoitus: kirjoitettu nimi {}", typed.trim()),
                LetterLang::En => format!("Signature: typed name {}", typed.trim()),
            },
        ),
        Signature::Pen => (
            t(
                lang,
                "Pyyntö allekirjoitetaan kynällä tulostettuna.",
                "To be signed by hand on the printed request.",
            ),
            t(
                lang,
                "Allekirjoitus: tyhjä viiva kynällä allekirjoittamista varten",
                "Signature: blank line for a handwritten signature",
            ),
        ),
    };
    Block::Signature {
        signature: draft.signature.clone(),
        place_date,
        name: draft.sender.name.trim().to_owned(),
        note,
        alt,
    }
}

fn right_text(draft: &Draft, right: Right, lang: LetterLang, blocks: &mut Vec<Block>) {
    let p = |s: String| Block::Paragraph(s);
    match right {
        Right::Access => {
            blocks.push(p(t(
                lang,
                "Pyydän vahvistusta siitä, käsitelläänkö minua koskevia henkilötietoja, ja jos \
käsitellään, jäljennöstä käsiteltävistä henkilötiedoista (15 artiklan 3 kohta) sekä 15 artiklan 1 ja \
2 kohdassa tarkoitettuja tietoja, muun muassa: käsittelyn tarkoitukset; kyseessä olevat \
henkilötietoryhmät; vastaanottajat, joille tietoja on luovutettu tai luovutetaan, nimeltä mainiten \
(unionin tuomioistuimen tuomio C-154/21); säilytysaika tai sen määrittämiskriteerit; mistä tiedot on \
saatu, jos niitä ei ole kerätty minulta; automaattisen päätöksenteon, myös profiloinnin, olemassaolo \
ja sitä koskevat merkitykselliset tiedot; sekä, jos tietoja siirretään EU:n tai ETA:n ulkopuolelle, \
siirtoa koskevat asianmukaiset suojatoimet (15 artiklan 2 kohta).",
                "I ask for confirmation as to whether personal data concerning me are being \
processed and, where that is the case, a copy of the personal data undergoing processing (Article \
15(3)) and the information referred to in Article 15(1) and (2), among other things: the purposes of \
the processing; the categories of personal data concerned; the recipients to whom the data have been \
or will be disclosed, identified by name (Court of Justice of the EU, case C-154/21); the storage \
period or the criteria used to determine it; where the data were not collected from me, their source; \
the existence of automated decision-making, including profiling, and meaningful information about it; \
and, where data are transferred outside the EU/EEA, the appropriate safeguards for the transfer \
(Article 15(2)).",
            )));
            if !draft.access_scope.trim().is_empty() {
                blocks.push(Block::Pairs(vec![(
                    t(
                        lang,
                        "Rajaus (ajanjakso tai tietoryhmät)",
                        "Scope (period or data categories)",
                    ),
                    draft.access_scope.trim().to_owned(),
                )]));
            }
        }
        Right::Rectification => {
            blocks.push(p(t(
                lang,
                "Pyydän oikaisemaan seuraavat virheelliset tietoni tai täydentämään puutteelliset \
tiedot, ilmoittamaan oikaisusta vastaanottajille, joille tietoja on luovutettu, ja ilmoittamaan \
minulle näistä vastaanottajista (19 artikla):",
                "I ask you to rectify the following inaccurate data about me, or to complete \
incomplete data, to communicate the rectification to each recipient to whom the data have been \
disclosed, and to inform me about those recipients (Article 19):",
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
            "Pyydän poistamaan minua koskevat henkilötiedot ilman aiheetonta viivytystä. Jos joitakin \
tietoja on säilytettävä lakisääteisen velvoitteen noudattamiseksi (17 artiklan 3 kohdan b alakohta) \
tai oikeudellisen vaateen laatimiseksi, esittämiseksi tai puolustamiseksi (17 artiklan 3 kohdan \
e alakohta), pyydän rajoittamaan niiden käsittelyn pelkkään säilyttämiseen ja ilmoittamaan minulle, \
mitä tietoja säilytetään ja minkä lain tai muun perusteen nojalla. Pyydän myös ilmoittamaan \
poistamisesta vastaanottajille, joille tietoja on luovutettu, ja ilmoittamaan minulle näistä \
vastaanottajista (19 artikla).",
            "I ask you to erase the personal data concerning me without undue delay. Where some data \
must be kept for compliance with a legal obligation (Article 17(3)(b)) or for the establishment, \
exercise or defence of legal claims (Article 17(3)(e)), please restrict their processing to storage \
only and tell me which data are kept and under which law or other ground. Please also communicate the \
erasure to each recipient to whom the data have been disclosed, and inform me about those recipients \
(Article 19).",
        ))),
        Right::Restriction => {
            blocks.push(p(t(
                lang,
                "Pyydän rajoittamaan tietojeni käsittelyä 18 artiklan 1 kohdan nojalla alla kerrotulla \
perusteella ja ilmoittamaan minulle, ennen kuin rajoitus poistetaan (18 artiklan 3 kohta). Pyydän \
myös ilmoittamaan käsittelyn rajoittamisesta vastaanottajille, joille tietoja on luovutettu, ja \
ilmoittamaan minulle näistä vastaanottajista (19 artikla).",
                "I ask you to restrict the processing of my data under Article 18(1) on the ground set \
out below, and to inform me before the restriction is lifted (Article 18(3)). Please also \
communicate the restriction to each recipient to whom the data have been disclosed, and inform me \
about those recipients (Article 19).",
            )));
            blocks.push(Block::Pairs(vec![(
                t(lang, "Peruste", "Ground"),
                draft.restriction_reason.trim().to_owned(),
            )]));
        }
        Right::Objection => {
            blocks.push(p(t(
                lang,
                "Vastustan oikeutettuun etuun perustuvaa tietojeni käsittelyä henkilökohtaiseen erityiseen \
tilanteeseeni liittyvällä perusteella. Rekisterinpitäjä ei saa enää käsitellä tietojani, ellei se osoita, että \
käsittelyyn on huomattavan tärkeä ja perusteltu syy, joka syrjäyttää etuni, oikeuteni ja vapauteni, \
tai että käsittely on tarpeen oikeusvaateen laatimiseksi, esittämiseksi tai puolustamiseksi.",
                "I object, on grounds relating to my particular situation, to the processing of my \
data based on legitimate interests. The controller may no longer process my data unless it \
demonstrates compelling legitimate grounds for the processing which override my interests, rights and \
freedoms, or the processing is needed for the establishment, exercise or defence of legal claims.",
            )));
            blocks.push(Block::Pairs(vec![(
                t(lang, "Peruste", "Grounds"),
                draft.objection_reason.trim().to_owned(),
            )]));
        }
        Right::DirectMarketingObjection => {
            blocks.push(p(t(
                lang,
                "Vastustan minua koskevien henkilötietojen käsittelyä suoramarkkinointia varten, \
mukaan lukien suoramainonta, etämyynti, tietojeni luovuttaminen muille suoramarkkinointia varten sekä \
profilointi silloin, kun se liittyy suoramarkkinointiin (21 artiklan 2 kohta). Vastustamiselle ei tarvitse esittää \
perusteita, eikä tietojani saa sen jälkeen käsitellä näihin tarkoituksiin (21 artiklan 3 kohta).",
                "I object to the processing of personal data concerning me for direct marketing, \
including direct advertising, distance selling, disclosure of my data to others for their direct \
marketing, and profiling to the extent that it is related to direct marketing (Article 21(2)). No reason is needed, and my data \
may no longer be processed for these purposes (Article 21(3)).",
            )));
            blocks.push(p(t(
                lang,
                "Lisäksi kiellän tietojeni käsittelyn ja luovuttamisen markkina- ja \
mielipidetutkimusta varten, kuten rekisterin tietosuojaseloste sen sallii, enkä salli tietojeni \
julkaisemista postitus- tai osoiteluetteloissa.",
                "In addition, I opt out of the processing and disclosure of my data for market and \
opinion research, as the register's privacy notice allows, and I do not permit the publication of my \
data in mailing or address lists.",
            )));
        }
        Right::Portability => {
            blocks.push(p(t(
                lang,
                "Pyydän saada antamani henkilötiedot jäsennellyssä, yleisesti käytetyssä ja \
koneellisesti luettavassa muodossa (20 artikla).",
                "I ask to receive the personal data I have provided in a structured, commonly used \
and machine-readable format (Article 20).",
            )));
            blocks.push(Block::Pairs(vec![(
                t(lang, "Toivottu muoto", "Preferred format"),
                draft.portable_format.label().to_owned(),
            )]));
        }
    }
}

impl Letterhead {
    /// At most this many sender lines, each at most [`Letterhead::SENDER_LINE`] characters, fit
    /// the letterhead (SFS 2487 rows 3–8).
    pub const SENDER_LINES: usize = 6;
    pub const SENDER_LINE: usize = 48;

    /// Whether the letterhead shows the sender in full.
    pub fn sender_fits(&self) -> bool {
        self.sender.len() <= Self::SENDER_LINES
            && self.sender.iter().all(|l| l.chars().count() <= Self::SENDER_LINE)
    }
}

impl Document {
    /// All the document's text, one block per line: what a reader of the PDF sees, for tests
    /// and for the form's preview.
    pub fn plain_text(&self) -> String {
        let h = &self.letterhead;
        let mut out = format!(
            "{}\n{}\n{}\n{}\n{}\n",
            h.sender.join("\n"),
            h.recipient.join("\n"),
            h.kind,
            h.date,
            h.reference
        );
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
                    place_date,
                    name,
                    note,
                    ..
                } => {
                    out.push_str(place_date);
                    out.push('\n');
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
    use portal_core::request::fixtures::{context, draft};

    fn text(draft: &Draft) -> String {
        compose(draft, &context(), "ab12").plain_text()
    }

    #[test]
    fn finnish_request_names_rights_articles_and_deadline() {
        let text = text(&draft());
        for expected in [
            "Tietosuojaan liittyvä pyyntö",
            "Esimerkki Oy\nMaija Mäkelä\nEsimerkkitie 5\nLahti",
            "Rekisteriasioiden yhteyshenkilö: Maija Mäkelä, tietosuoja@esimerkki.fi",
            "25.11.2026",
            "Viite SAF-04HM-ASW9",
            "1. Tarkastusoikeus (15 artikla)",
            "2. Oikeus tietojen oikaisemiseen (16 artikla)",
            "1. Oikein: Uusi katu 2",
            "3. Oikeus siirtää tiedot järjestelmästä toiseen (20 artikla)",
            "Toivottu muoto: CSV",
            "vastaus tai ilmoitus määräajan jatkamisesta ja viivästymisen syistä on annettava viimeistään 28.12.2026; jos määräaikaa jatketaan, vastaus on annettava viimeistään 25.2.2027.",
            "Sähköinen allekirjoitus: piirretty lomakkeella.",
            "SHA-256-tiiviste: ab12",
        ] {
            assert!(text.contains(expected), "missing {expected:?} in\n{text}");
        }
        assert!(!text.contains("Organisation"));
        assert!(
            !text.contains("Lähettäjä"),
            "the letterhead shows the sender in full"
        );
    }

    #[test]
    fn a_sender_too_long_for_the_letterhead_follows_in_full() {
        let mut d = draft();
        d.sender.postal_address = "Pitkä katu 1 A 2, c/o Joku Muu, 20100 Turku, Suomi, Lisärivi".into();
        d.sender.phone = "040 123 4567".into();
        let text = text(&d);
        assert!(
            text.contains(
                "Lähettäjä\nNimi: Åsa Łukasiewicz-Žemaitė\nPostiosoite: Pitkä katu 1 A 2, c/o Joku Muu"
            ),
            "{text}"
        );
    }

    #[test]
    fn english_labels_and_answer_say_e_mail() {
        let mut d = draft();
        d.request_lang = LetterLang::En;
        d.sender.postal_address = "Pitkä katu 1 A 2, c/o Joku Muu, 20100 Turku, Suomi, Lisärivi".into();
        let text = text(&d);
        assert!(text.contains("\nE-mail: asa@example.fi\n"), "{text}");
        assert!(text.contains("Please send the answer by e-mail to asa@example.fi."));
        assert!(!text.contains("Email") && !text.contains("email"), "{text}");
    }

    #[test]
    fn restriction_asks_under_article_18_1_and_to_be_told_before_it_is_lifted() {
        let mut d = draft();
        d.rights = vec![Right::Restriction];
        d.restriction_reason = "Kiistän osoitteen paikkansapitävyyden.".into();
        let fi = text(&d);
        assert!(fi.contains("18 artiklan 1 kohdan nojalla alla kerrotulla perusteella"));
        assert!(fi.contains("ennen kuin rajoitus poistetaan (18 artiklan 3 kohta)"));
        assert!(fi.contains("Peruste: Kiistän osoitteen paikkansapitävyyden."));
        d.request_lang = LetterLang::En;
        let en = text(&d);
        assert!(en.contains("under Article 18(1) on the ground set out below"));
        assert!(en.contains("before the restriction is lifted (Article 18(3))"));
    }

    #[test]
    fn objection_uses_the_words_of_article_21_1() {
        let mut d = draft();
        d.rights = vec![Right::Objection];
        d.objection_reason = "Syy.".into();
        let fi = text(&d);
        assert!(fi.contains("henkilökohtaiseen erityiseen tilanteeseeni liittyvällä perusteella"));
        assert!(fi.contains("oikeusvaateen laatimiseksi, esittämiseksi tai puolustamiseksi"));
        d.request_lang = LetterLang::En;
        let en = text(&d);
        assert!(en.contains("on grounds relating to my particular situation"));
    }

    #[test]
    fn the_letter_calls_itself_a_written_request() {
        assert!(text(&draft()).contains("Käytän tällä kirjallisella pyynnöllä seuraavia"));
        let mut d = draft();
        d.request_lang = LetterLang::En;
        assert!(text(&d).contains(
            "By this written request I wish to exercise the following rights under the GDPR \
(Regulation (EU) 2016/679) and ask you, as controller, to give effect to them:"
        ));
    }

    #[test]
    fn letterhead_puts_sender_and_recipient_on_their_lines() {
        let mut d = draft();
        d.sender.postal_address = "Esimerkkitie 1 A 2\n20100 Turku".into();
        let head = compose(&d, &context(), "x").letterhead;
        assert_eq!(
            head.sender,
            [
                "Åsa Łukasiewicz-Žemaitė",
                "Esimerkkitie 1 A 2",
                "20100 Turku",
                "asa@example.fi"
            ]
        );
        assert_eq!(
            head.recipient,
            ["Esimerkki Oy", "Maija Mäkelä", "Esimerkkitie 5", "Lahti"]
        );
        assert_eq!(head.reference, "Viite SAF-04HM-ASW9");
    }

    #[test]
    fn english_request_is_entirely_english() {
        let mut draft = draft();
        draft.request_lang = LetterLang::En;
        draft.place = "Turku".into();
        draft.rights = Right::ALL.to_vec();
        draft.restriction_reason = "Disputed accuracy.".into();
        draft.objection_reason = "Personal reasons.".into();
        draft.signature = Signature::Typed("Åsa Ł.".into());
        let text = text(&draft);
        for expected in [
            "Data protection request",
            "Turku, 25 November 2026",
            "1. Right of access (Article 15)",
            "5. Right to object to processing (Article 21(1))",
            "6. Right to object to direct marketing (Article 21(2))",
            "Ground: Disputed accuracy.",
            "answer, or notice of an extension, is due by 28 December 2026",
            "Contact person for matters concerning the register: Maija Mäkelä",
            "Article 12(6)",
            "Åsa Ł.\nÅsa Łukasiewicz-Žemaitė\nElectronic signature: name typed in the form.",
        ] {
            assert!(text.contains(expected), "missing {expected:?} in\n{text}");
        }
        for finnish in ["artikla", "Pyyntö", "Rekisteri:", "Tietosuojavaltuutetun"] {
            assert!(!text.contains(finnish), "{finnish:?} in an English request");
        }
    }

    #[test]
    fn the_complaint_route_names_the_ombudsman() {
        let fi = text(&draft());
        assert!(fi.contains("ei ryhdy toimenpiteisiin"));
        assert!(fi.contains(
            "valitus valvontaviranomaiselle ja käyttää muita oikeussuojakeinoja (12 artiklan 4 kohta)"
        ));
        assert!(fi.contains(
            "Tietosuojavaltuutetun toimisto, Lintulahdenkuja 4, 00530 Helsinki; postiosoite PL 800, 00531 Helsinki; puh. 029 566 6700; tietosuoja@om.fi"
        ));
        let mut d = draft();
        d.request_lang = LetterLang::En;
        let en = text(&d);
        assert!(en.contains(
            "lodging a complaint with a supervisory authority and seeking a judicial remedy (Article 12(4))"
        ));
        assert!(en.contains(
            "Office of the Data Protection Ombudsman, Lintulahdenkuja 4, 00530 Helsinki, Finland; postal address P.O. Box 800, 00531 Helsinki, Finland; phone +358 29 566 6700; tietosuoja@om.fi"
        ));
        assert!(!en.contains("PL 800"), "the English address uses P.O. Box");
    }

    #[test]
    fn the_extension_follows_article_12_3() {
        let fi = text(&draft());
        assert!(fi.contains(
            "Määräaikaa voidaan tarvittaessa jatkaa enintään kahdella kuukaudella ottaen huomioon pyyntöjen monimutkaisuus ja lukumäärä."
        ));
        assert!(
            fi.contains("jatkamisesta ja viivästymisen syistä kuukauden kuluessa pyynnön vastaanottamisesta")
        );
        assert!(!fi.contains("pidennet"), "the GDPR's Finnish text says jatkaa");
        let mut d = draft();
        d.request_lang = LetterLang::En;
        let en = text(&d);
        assert!(en.contains("may be extended by two further months where necessary"));
        assert!(en.contains("together with the reasons for the delay, within one month of receipt"));
    }

    /// The letter cites the rule its dates follow, so the controller can check them.
    #[test]
    fn the_deadline_cites_regulation_1182_71() {
        let fi = text(&draft());
        assert!(fi.contains("neuvoston asetuksen (ETY, Euratom) N:o 1182/71 mukaisesti"));
        assert!(fi
            .contains("yleinen vapaapäivä, sunnuntai tai lauantai, määräaika päättyy seuraavana työpäivänä"));
        let mut d = draft();
        d.request_lang = LetterLang::En;
        let en = text(&d);
        assert!(en.contains(
            "The dates are calculated in accordance with Council Regulation (EEC, Euratom) No 1182/71"
        ));
        assert!(
            en.contains("public holiday, a Sunday or a Saturday ends on the next working day (Article 3(4))")
        );
    }

    #[test]
    fn fees_and_the_first_copy_only_when_access_is_asked() {
        let with_access = text(&draft());
        assert!(with_access.contains(
            "paitsi jos pyynnöt ovat ilmeisen perusteettomia tai kohtuuttomia (12 artiklan 5 kohta)"
        ));
        assert!(with_access.contains(
            "Ensimmäinen jäljennös käsiteltävistä henkilötiedoista on maksuton (15 artiklan 3 kohta)."
        ));
        let mut d = draft();
        d.rights = vec![Right::Erasure];
        let without = text(&d);
        assert!(without.contains("(12 artiklan 5 kohta)"));
        assert!(!without.contains("jäljennös käsiteltävistä"), "{without}");
        d.request_lang = LetterLang::En;
        let en = text(&d);
        assert!(en.contains("except where requests are manifestly unfounded or excessive"));
        assert!(!en.contains("first copy"));
    }

    #[test]
    fn access_lists_among_other_things_recipients_by_name_and_safeguards() {
        let fi = text(&draft());
        for expected in [
            "muun muassa",
            "nimeltä mainiten",
            "C-154/21",
            "mistä tiedot on saatu",
            "automaattisen päätöksenteon",
            "(15 artiklan 2 kohta)",
        ] {
            assert!(fi.contains(expected), "{expected}");
        }
    }

    #[test]
    fn erasure_restricts_what_the_law_keeps_and_never_anonymises() {
        let mut d = draft();
        d.rights = vec![Right::Erasure];
        let fi = text(&d);
        assert!(fi.contains("rajoittamaan niiden käsittelyn pelkkään säilyttämiseen"));
        assert!(fi.contains("mitä tietoja säilytetään ja minkä lain tai muun perusteen nojalla"));
        assert!(fi.contains("(17 artiklan 3 kohdan b alakohta)"));
        assert!(fi.contains(
            "oikeudellisen vaateen laatimiseksi, esittämiseksi tai puolustamiseksi (17 artiklan 3 kohdan e alakohta)"
        ));
        assert!(fi.contains("1. Oikeus tietojen poistamiseen (17 artikla)"));
        d.request_lang = LetterLang::En;
        let en = text(&d);
        assert!(en.contains("restrict their processing to storage only"));
        assert!(en.contains("which data are kept and under which law or other ground"));
        assert!(en.contains("(Article 17(3)(b))"));
        assert!(en.contains("establishment, exercise or defence of legal claims (Article 17(3)(e))"));
        for t in [&fi, &en] {
            assert!(!t.to_lowercase().contains("anonym"), "{t}");
        }
    }

    #[test]
    fn direct_marketing_is_objected_to_and_research_opted_out_of_separately() {
        let mut d = draft();
        d.rights = vec![Right::DirectMarketingObjection];
        let fi = text(&d);
        assert!(fi.contains("1. Oikeus vastustaa suoramarkkinointia (21 artiklan 2 kohta)"));
        assert!(fi.contains("Vastustan minua koskevien henkilötietojen käsittelyä suoramarkkinointia varten"));
        assert!(fi.contains("(21 artiklan 3 kohta)"));
        assert!(fi.contains("profilointi silloin, kun se liittyy suoramarkkinointiin (21 artiklan 2 kohta)"));
        assert!(fi.contains(
            "Lisäksi kiellän tietojeni käsittelyn ja luovuttamisen markkina- ja mielipidetutkimusta varten"
        ));
        assert!(!fi.contains("Kiellän tietojeni käsittelyn ja luovuttamisen suoramarkkinointia"));
        d.request_lang = LetterLang::En;
        let en = text(&d);
        assert!(en.contains("I object to the processing of personal data concerning me for direct marketing"));
        assert!(en.contains("profiling to the extent that it is related to direct marketing (Article 21(2))"));
        assert!(en.contains(
            "I opt out of the processing and disclosure of my data for market and opinion research"
        ));
    }

    /// Art. 19, second sentence: the controller informs the data subject about the recipients
    /// told of a rectification, erasure or restriction if the data subject requests it; the
    /// letter requests it for each of the three, in both letter languages, and for no other right.
    #[test]
    fn rectification_erasure_and_restriction_ask_to_be_told_the_recipients() {
        let fi_told = "ja ilmoittamaan minulle näistä vastaanottajista (19 artikla)";
        let en_told = "and to inform me about those recipients (Article 19)";
        let en_told_please = "and inform me about those recipients (Article 19)";
        for right in Right::ALL {
            let mut d = draft();
            d.rights = vec![right];
            d.restriction_reason = "Syy.".into();
            d.objection_reason = "Syy.".into();
            let fi = text(&d).replace('\n', " ");
            d.request_lang = LetterLang::En;
            let en = text(&d).replace('\n', " ");
            let asks = matches!(right, Right::Rectification | Right::Erasure | Right::Restriction);
            assert_eq!(fi.contains(fi_told), asks, "{right:?}: {fi}");
            assert_eq!(
                en.contains(en_told) || en.contains(en_told_please),
                asks,
                "{right:?}: {en}"
            );
        }
        let mut d = draft();
        d.rights = vec![Right::Restriction];
        d.restriction_reason = "Syy.".into();
        assert!(text(&d).contains(
            "Pyydän myös ilmoittamaan käsittelyn rajoittamisesta vastaanottajille, joille tietoja on luovutettu"
        ));
    }

    /// "Pyydän" takes a partitive object: "…tarkoitettuja tietoja", as "vahvistusta" and
    /// "jäljennöstä" before it.
    #[test]
    fn access_asks_for_the_information_in_the_partitive() {
        let fi = text(&draft());
        assert!(fi.contains("sekä 15 artiklan 1 ja 2 kohdassa tarkoitettuja tietoja, muun muassa:"));
        assert!(!fi.contains("tarkoitetut tiedot"), "{fi}");
    }

    /// Each article's own words in the official Finnish text: Art. 17(3)(e) "oikeudellisen
    /// vaateen", Art. 21(1) "oikeusvaateen"; neither where the other article is meant.
    #[test]
    fn each_article_keeps_its_own_term_for_legal_claims() {
        let mut d = draft();
        d.rights = vec![Right::Erasure];
        let erasure = text(&d);
        assert!(erasure.contains(
            "oikeudellisen vaateen laatimiseksi, esittämiseksi tai puolustamiseksi (17 artiklan 3 kohdan e alakohta)"
        ));
        assert!(!erasure.contains("oikeusvaateen"));
        d.rights = vec![Right::Objection];
        d.objection_reason = "Syy.".into();
        let objection = text(&d);
        assert!(objection.contains("oikeusvaateen laatimiseksi, esittämiseksi tai puolustamiseksi"));
        assert!(!objection.contains("oikeudellisen vaateen"));
    }

    #[test]
    fn identity_asks_to_be_told_what_is_needed() {
        let fi = text(&draft());
        assert!(fi.contains("(12 artiklan 6 kohta); siinä tapauksessa pyydän ilmoittamaan minulle viipymättä, mitä lisätietoja tarvitaan."));
    }

    #[test]
    fn every_right_is_cited_the_finnish_way() {
        let mut d = draft();
        d.rights = Right::ALL.to_vec();
        let fi = text(&d);
        assert!(fi.contains("(21 artiklan 1 kohta)"));
        assert!(!fi.contains("21(1)") && !fi.contains("21(2)"), "{fi}");
    }

    #[test]
    fn an_unsigned_request_says_so() {
        let mut d = draft();
        d.signature = Signature::None;
        let fi = text(&d);
        assert!(fi.contains("Pyyntöä ei ole allekirjoitettu. Tietosuoja-asetus ei edellytä allekirjoitusta"));
        assert!(fi.contains("(12 artiklan 2 kohta)"));
        d.request_lang = LetterLang::En;
        let en = text(&d);
        assert!(en.contains("This request is not signed. The GDPR does not require a signature"));
        let Some(Block::Signature { alt, .. }) = compose(&d, &context(), "x")
            .blocks
            .into_iter()
            .find(|b| matches!(b, Block::Signature { .. }))
        else {
            panic!()
        };
        assert_eq!(alt, "Signature: not signed");
    }

    #[test]
    fn a_pen_signature_leaves_a_line_and_says_so() {
        let mut draft = draft();
        draft.signature = Signature::Pen;
        draft.sender.email.clear();
        draft.sender.postal_address = "Esimerkkitie 1, 20100 Turku".into();
        let text = text(&draft);
        assert!(text.contains("Pyyntö allekirjoitetaan kynällä tulostettuna."));
        draft.request_lang = LetterLang::En;
        let en = compose(&draft, &context(), "x");
        assert!(en
            .plain_text()
            .contains("To be signed by hand on the printed request."));
        let Some(Block::Signature { alt, .. }) = en
            .blocks
            .into_iter()
            .find(|b| matches!(b, Block::Signature { .. }))
        else {
            panic!()
        };
        assert_eq!(alt, "Signature: blank line for a handwritten signature");
        assert!(text.contains("Pyydän vastausta postitse osoitteeseen: Esimerkkitie 1, 20100 Turku."));
    }
}
