//! The desk's own texts, in each of the portal's languages: the engine's words for the
//! company's staff (like the deadlines' rules in [`crate::deadlines`]), not a company's, so they
//! live here rather than in a site folder's locale files. `{name}` placeholders are filled by
//! [`fill`]; the messages for what went wrong are [`mismatch`], [`import_error`] and
//! [`extension_error`].

use portal_core::i18n::Lang;
use portal_core::request::letter_lang::LetterLang;
use portal_core::request::reply::ReplyKind;
use portal_core::request::right::Right;

use crate::register::{ExtensionError, ImportError, Problem, Status, COLUMNS};
use crate::verify::{Mismatch, SignatureKind};

/// Every text the desk's page shows, in one language.
#[derive(Debug)]
pub struct Texts {
    pub title: &'static str,
    pub intro: &'static str,
    pub needs_script: &'static str,
    pub languages: &'static str,
    pub open_heading: &'static str,
    pub open_hint: &'static str,
    pub choose_file: &'static str,
    pub drop_here: &'static str,
    pub reading: &'static str,
    /// `{size}`: the file's size in MB.
    pub too_large: &'static str,
    pub not_pdf: &'static str,
    /// `{detail}`: why the PDF reader could not open it.
    pub unreadable: &'static str,
    pub reader_failed: &'static str,
    pub no_attachment: &'static str,
    pub verified: &'static str,
    pub verified_note: &'static str,
    pub mismatch_heading: &'static str,
    pub mismatch_note: &'static str,
    pub enter_by_hand: &'static str,
    pub request_heading: &'static str,
    pub reference: &'static str,
    pub requester: &'static str,
    pub email: &'static str,
    pub phone: &'static str,
    pub address: &'static str,
    pub organisation: &'static str,
    pub customer_number: &'static str,
    pub rights: &'static str,
    pub scope: &'static str,
    pub reason: &'static str,
    pub format: &'static str,
    /// `{current}`, `{corrected}`.
    pub correction: &'static str,
    pub message: &'static str,
    pub place: &'static str,
    pub name_missing: &'static str,
    /// The manual entry's requester, for its letters only.
    pub requester_legend: &'static str,
    pub requester_hint: &'static str,
    pub name: &'static str,
    /// After a request entered by hand is added: its replies.
    pub manual_replies: &'static str,
    /// A date after today where only a past or present day makes sense.
    pub future_date: &'static str,
    /// `{n}`: rows of an imported file already in the register as they are.
    pub already: &'static str,
    pub signature: &'static str,
    pub letter_lang: &'static str,
    pub created: &'static str,
    pub digest: &'static str,
    pub deadlines_heading: &'static str,
    pub received: &'static str,
    pub received_hint: &'static str,
    pub bad_date: &'static str,
    pub due: &'static str,
    pub extension_notice_by: &'static str,
    pub extended_due: &'static str,
    pub download_ics: &'static str,
    pub add_to_register: &'static str,
    pub added: &'static str,
    /// `{reference}`.
    pub duplicate: &'static str,
    pub manual_heading: &'static str,
    pub manual_hint: &'static str,
    pub reference_hint: &'static str,
    pub bad_reference: &'static str,
    pub no_rights: &'static str,
    pub register_heading: &'static str,
    pub register_hint: &'static str,
    pub register_empty: &'static str,
    pub status: &'static str,
    pub days_left: &'static str,
    /// `{n}` days.
    pub left_other: &'static str,
    pub left_one: &'static str,
    pub due_today: &'static str,
    /// `{n}` days.
    pub late_other: &'static str,
    pub late_one: &'static str,
    pub closed: &'static str,
    pub notice_sent_on: &'static str,
    pub record_extension: &'static str,
    pub remove: &'static str,
    /// `{reference}`.
    pub remove_confirm: &'static str,
    pub export_csv: &'static str,
    pub import_csv: &'static str,
    /// `{n}`: how many were added.
    pub imported: &'static str,
    pub import_problems: &'static str,
    pub storage_failed: &'static str,
    pub storage_corrupt: &'static str,
    pub download_unread: &'static str,
    /// Asked before an extended request is set back to open (its notice day is then dropped).
    pub reopen_confirm: &'static str,
    /// The register table's caption.
    pub register_table: &'static str,
    /// `{reference}`.
    pub added_reference: &'static str,
    pub replies_heading: &'static str,
    /// `{lang}`: the letter's language.
    pub replies_hint: &'static str,
    pub reply_kind: &'static str,
    pub reply_date: &'static str,
    pub write_reply: &'static str,
    pub writing: &'static str,
    /// `{file}`.
    pub written: &'static str,
    pub fonts_failed: &'static str,
    pub write_failed: &'static str,
    pub note_missing: &'static str,
    /// `{max}`.
    pub note_too_long: &'static str,
    pub reply_before_receipt: &'static str,
}

/// The desk's texts in `lang`.
pub const fn texts(lang: Lang) -> &'static Texts {
    match lang {
        Lang::Fi => &FI,
        Lang::Sv => &SV,
        Lang::En => &EN,
    }
}

/// `text` with each `{name}` replaced by its value.
pub fn fill(text: &str, values: &[(&str, &str)]) -> String {
    values.iter().fold(text.to_owned(), |text, (name, value)| {
        text.replace(&["{", name, "}"].concat(), value)
    })
}

const FI: Texts = Texts {
    title: "Tietosuojapyyntöjen käsittely",
    intro: "Tällä sivulla yrityksen henkilökunta käsittelee saapuneita tietosuojapyyntöjä. Mitään ei lähetetä minnekään: PDF luetaan tässä selaimessa, ja pyyntörekisteri tallennetaan vain tämän selaimen muistiin ilman nimiä tai yhteystietoja.",
    needs_script: "Käsittelysivu tarvitsee JavaScriptin.",
    languages: "Kieli",
    open_heading: "Avaa saapunut pyyntö",
    open_hint: "Valitse portaalin lomakkeella tehty PDF tai pudota se tähän. Tiedosto luetaan vain tässä selaimessa.",
    choose_file: "Valitse PDF-tiedosto",
    drop_here: "Pudota PDF tähän",
    reading: "Luetaan tiedostoa…",
    too_large: "Tiedosto on liian suuri ({size} Mt). Suurin luettava koko on 20 Mt; portaalin tekemät pyynnöt ovat alle 1 Mt. Kirjaa pyyntö tarvittaessa käsin.",
    not_pdf: "Tiedosto ei ole PDF. Valitse portaalin lomakkeella tehty PDF tai kirjaa pyyntö käsin.",
    unreadable: "PDF-tiedostoa ei voitu lukea ({detail}). Se voi olla vajaa tai vioittunut. Pyydä tarvittaessa uusi tiedosto tai kirjaa pyyntö käsin.",
    reader_failed: "PDF-lukijaa ei voitu ladata. Lataa sivu uudelleen ja yritä uudestaan.",
    no_attachment: "Tässä PDF:ssä ei ole liitettä request.json: sitä ei ole tehty portaalin lomakkeella, tai liite on kadonnut, kun tiedosto on tallennettu uudelleen tai tulostettu. Pyyntö on silti käsiteltävä: kirjaa se käsin alla.",
    verified: "PDF on tarkistettu: liitetiedosto ja kirjeen teksti vastaavat toisiaan, ja pyyntö on osoitettu tälle yritykselle.",
    verified_note: "Tarkistus osoittaa vain, että liite ja kirje vastaavat toisiaan. Se ei osoita, ettei kumpaakin olisi muutettu, eikä sitä, kuka pyynnön on tehnyt. Lisätietoja henkilöllisyyden vahvistamiseksi saa pyytää vain, jos on perusteltua syytä epäillä pyynnön tekijän henkilöllisyyttä (tietosuoja-asetuksen 12 artiklan 6 kohta).",
    mismatch_heading: "Liite ja kirje eivät täsmää",
    mismatch_note: "Liite ja kirje eivät vastaa toisiaan, tai pyyntö on osoitettu toiselle rekisterinpitäjälle (syyt alla). Pyyntö ei silti ole pätemätön, koska sille ei ole muotovaatimuksia: käsittele se kirjeen tekstin mukaan ja kirjaa se käsin.",
    enter_by_hand: "Kirjaa pyyntö käsin",
    request_heading: "Pyyntö",
    reference: "Viite",
    requester: "Pyynnön tekijä",
    email: "Sähköposti",
    phone: "Puhelin",
    address: "Postiosoite",
    organisation: "Organisaatio",
    customer_number: "Asiakasnumero",
    rights: "Oikeudet",
    scope: "Laajuus",
    reason: "Perustelu",
    format: "Muoto",
    correction: "Nyt: {current} → oikein: {corrected}",
    message: "Viesti",
    place: "Paikka",
    name_missing: "Kirjoita pyynnön tekijän nimi.",
    requester_legend: "Pyynnön tekijä (vain vastauskirjeisiin)",
    requester_hint: "Nämä tiedot tulevat vain tällä sivulla kirjoitettaviin vastauskirjeisiin. Niitä ei tallenneta rekisteriin eikä minnekään muualle.",
    name: "Nimi",
    manual_replies: "Vastaukset tähän pyyntöön",
    future_date: "Päivä on tulevaisuudessa: anna päivä, joka on jo ollut, tai tämä päivä.",
    already: "{n} pyyntöä oli jo rekisterissä samoin tiedoin.",
    signature: "Allekirjoitus",
    letter_lang: "Kirjeen kieli (vastausten kieli)",
    created: "Laadittu",
    digest: "Liitteen SHA-256",
    deadlines_heading: "Määräajat",
    received: "Vastaanotettu",
    received_hint: "Päivä, jona pyyntö saapui yritykseen mitä tahansa kanavaa pitkin ja kenelle tahansa, myös viikonloppuna – ei päivä, jona se avataan tässä. Määräajat lasketaan siitä.",
    bad_date: "Anna päivämäärä, esimerkiksi 5.1.2027.",
    due: "Vastaus ilman aiheetonta viivytystä, viimeistään",
    extension_notice_by: "Ilmoitus määräajan jatkamisesta viimeistään",
    extended_due: "Vastaus viimeistään, jos määräaikaa jatketaan",
    download_ics: "Lataa määräajat kalenteriin (.ics)",
    add_to_register: "Lisää rekisteriin",
    added: "Pyyntö lisättiin rekisteriin.",
    duplicate: "Viite {reference} on jo rekisterissä.",
    manual_heading: "Kirjaa pyyntö käsin",
    manual_hint: "Sähköpostilla, kirjeellä tai muuten kuin portaalin lomakkeella saapunut pyyntö kirjataan tähän. Rekisteriin tallennetaan vain viite, päivämäärät, oikeudet ja tila, ei nimiä eikä yhteystietoja.",
    reference_hint: "Pyynnön viite, esimerkiksi {example}. Jätä tyhjäksi, niin viite luodaan; kerro se pyynnön tekijälle vastauksessa.",
    bad_reference: "Viite on muotoa {example}: etuliite ja kaksi neljän merkin ryhmää isoja kirjaimia ja numeroita (ei I, L, O eikä U).",
    no_rights: "Valitse vähintään yksi oikeus, jota pyyntö koskee.",
    register_heading: "Pyyntörekisteri",
    register_hint: "Avoimet pyynnöt ovat ylimpänä, lähimmän määräajan mukaan. Rekisteri on vain tässä selaimessa: vie se säännöllisesti CSV-tiedostoksi, jotta yritys voi osoittaa noudattaneensa määräaikoja (osoitusvelvollisuus, tietosuoja-asetuksen 5 artiklan 2 kohta). CSV:n tiedot voidaan viitteiden kautta yhdistää henkilöihin: säilytä se kuten pyyntöasiakirjat.",
    register_empty: "Rekisterissä ei ole pyyntöjä.",
    status: "Tila",
    days_left: "Aikaa",
    left_other: "{n} päivää",
    left_one: "1 päivä",
    due_today: "Määräaika tänään",
    late_other: "{n} päivää myöhässä",
    late_one: "1 päivä myöhässä",
    closed: "Käsitelty",
    notice_sent_on: "Jatkoilmoitus annettu (perillä)",
    record_extension: "Kirjaa jatkoilmoitus",
    remove: "Poista",
    remove_confirm: "Poistetaanko {reference} rekisteristä?",
    export_csv: "Vie CSV-tiedostoksi",
    import_csv: "Tuo CSV-tiedostosta",
    imported: "Tuotiin {n} pyyntöä.",
    import_problems: "Näitä rivejä ei tuotu:",
    storage_failed: "Selain ei salli tallentamista (tallennustila on täynnä tai estetty). Rekisteri on tallessa vain, kunnes tämä sivu suljetaan: vie se nyt CSV-tiedostoksi.",
    storage_corrupt: "Selaimeen tallennettua rekisteriä ei voitu lukea kokonaan. Luetut pyynnöt näkyvät alla. Tallennettu rekisteri on tallessa sellaisenaan: lataa se alta ja tuo puuttuvat pyynnöt viimeksi viedystä CSV-tiedostosta.",
    download_unread: "Lataa tallennettu rekisteri sellaisenaan (CSV)",
    reopen_confirm: "Palautetaanko pyyntö avoimeksi? Kirjattu jatkoilmoituksen päivä poistetaan.",
    register_table: "Pyynnöt määräajan mukaan",
    added_reference: "Pyyntö lisättiin rekisteriin viitteellä {reference}.",
    replies_heading: "Vastaukset",
    replies_hint: "Vastaus kirjoitetaan pyynnön kielellä ({lang}) PDF-kirjeeksi tässä selaimessa. Lähetä se pyynnön tekijälle itse, esimerkiksi sähköpostilla.",
    reply_kind: "Vastauksen laji",
    reply_date: "Vastauksen päivämäärä",
    write_reply: "Luo vastaus-PDF",
    writing: "Luodaan PDF:ää…",
    written: "Vastaus on ladattu: {file}.",
    fonts_failed: "PDF-kirjeen fontteja ei saatu ladattua. Tarkista verkkoyhteys ja yritä uudelleen.",
    write_failed: "Vastausta ei voitu kirjoittaa. Yritä uudelleen; jos virhe toistuu, lataa sivu uudelleen.",
    note_missing: "Tämä vastaus tarvitsee tekstin: kirjoita se tähän.",
    note_too_long: "Teksti on liian pitkä: enintään {max} merkkiä.",
    reply_before_receipt: "Vastauksen päivä on ennen pyynnön vastaanottamista.",
};

const SV: Texts = Texts {
    title: "Handläggning av dataskyddsbegäranden",
    intro: "På den här sidan handlägger företagets personal inkomna dataskyddsbegäranden. Ingenting skickas någonstans: pdf-filen läses i den här webbläsaren, och registret över begäranden sparas bara i den här webbläsarens minne, utan namn eller kontaktuppgifter.",
    needs_script: "Handläggningssidan kräver JavaScript.",
    languages: "Språk",
    open_heading: "Öppna en inkommen begäran",
    open_hint: "Välj en pdf-fil som gjorts med portalens formulär eller släpp den här. Filen läses bara i den här webbläsaren.",
    choose_file: "Välj pdf-fil",
    drop_here: "Släpp pdf-filen här",
    reading: "Filen läses…",
    too_large: "Filen är för stor ({size} MB). Största storlek som läses är 20 MB; begäranden som portalen gjort är under 1 MB. För vid behov in begäran för hand.",
    not_pdf: "Filen är inte en pdf-fil. Välj en pdf-fil som gjorts med portalens formulär eller för in begäran för hand.",
    unreadable: "Pdf-filen kunde inte läsas ({detail}). Den kan vara ofullständig eller skadad. Be vid behov om en ny fil eller för in begäran för hand.",
    reader_failed: "Pdf-läsaren kunde inte laddas. Ladda om sidan och försök igen.",
    no_attachment: "Den här pdf-filen har ingen bilaga request.json: den har inte gjorts med portalens formulär, eller bilagan har försvunnit när filen sparats om eller skrivits ut. Begäran ska ändå handläggas: för in den för hand nedan.",
    verified: "Pdf-filen har kontrollerats: den bifogade filen och brevets text stämmer överens, och begäran är riktad till det här företaget.",
    verified_note: "Kontrollen visar bara att bilagan och brevet stämmer överens. Den visar inte att ingendera har ändrats, och inte vem som framställt begäran. Ytterligare uppgifter för att bekräfta identiteten får begäras bara om det finns rimliga skäl att betvivla identiteten hos den som framställt begäran (dataskyddsförordningen artikel 12.6).",
    mismatch_heading: "Bilagan och brevet stämmer inte överens",
    mismatch_note: "Bilagan och brevet stämmer inte överens, eller begäran är riktad till en annan personuppgiftsansvarig (skälen nedan). Begäran är ändå inte ogiltig, eftersom det inte finns några formkrav: handlägg den enligt brevets text och för in den för hand.",
    enter_by_hand: "För in begäran för hand",
    request_heading: "Begäran",
    reference: "Referens",
    requester: "Den som gjort begäran",
    email: "E-post",
    phone: "Telefon",
    address: "Postadress",
    organisation: "Organisation",
    customer_number: "Kundnummer",
    rights: "Rättigheter",
    scope: "Omfattning",
    reason: "Motivering",
    format: "Format",
    correction: "Nu: {current} → rätt: {corrected}",
    message: "Meddelande",
    place: "Ort",
    name_missing: "Skriv namnet på den som framställt begäran.",
    requester_legend: "Den som framställt begäran (bara för svarsbreven)",
    requester_hint: "Uppgifterna används bara i svarsbrev som skrivs på den här sidan. De sparas inte i registret eller någon annanstans.",
    name: "Namn",
    manual_replies: "Svar på den här begäran",
    future_date: "Dagen ligger i framtiden: ange en dag som redan varit, eller i dag.",
    already: "{n} begäranden fanns redan i registret med samma uppgifter.",
    signature: "Underskrift",
    letter_lang: "Brevets språk (svarens språk)",
    created: "Upprättad",
    digest: "Bilagans SHA-256",
    deadlines_heading: "Tidsfrister",
    received: "Mottagen",
    received_hint: "Dagen då begäran kom in till företaget, i vilken kanal och till vem som helst, också en helgdag – inte dagen då den öppnas här. Tidsfristerna räknas från den.",
    bad_date: "Ange ett datum, till exempel 5.1.2027.",
    due: "Svar utan onödigt dröjsmål, senast",
    extension_notice_by: "Underrättelse om förlängd tidsfrist senast",
    extended_due: "Svar senast, om tidsfristen förlängs",
    download_ics: "Ladda ner tidsfristerna till kalendern (.ics)",
    add_to_register: "Lägg till i registret",
    added: "Begäran lades till i registret.",
    duplicate: "Referensen {reference} finns redan i registret.",
    manual_heading: "För in en begäran för hand",
    manual_hint: "En begäran som kommit per e-post, brev eller på annat sätt än med portalens formulär förs in här. I registret sparas bara referens, datum, rättigheter och status, inga namn eller kontaktuppgifter.",
    reference_hint: "Begärans referens, till exempel {example}. Lämna tomt så skapas en referens; meddela den i svaret till den som framställt begäran.",
    bad_reference: "En referens har formen {example}: ett prefix och två grupper om fyra versaler eller siffror (inte I, L, O eller U).",
    no_rights: "Välj minst en rättighet som begäran gäller.",
    register_heading: "Register över begäranden",
    register_hint: "Öppna begäranden står överst, den närmaste tidsfristen först. Registret finns bara i den här webbläsaren: exportera det regelbundet som csv-fil, så att företaget kan visa att tidsfristerna har hållits (ansvarsskyldighet, dataskyddsförordningen artikel 5.2). Uppgifterna i csv-filen kan via referenserna kopplas till personer: förvara den som handlingarna om begäranden.",
    register_empty: "Registret har inga begäranden.",
    status: "Status",
    days_left: "Tid kvar",
    left_other: "{n} dagar",
    left_one: "1 dag",
    due_today: "Tidsfristen går ut i dag",
    late_other: "{n} dagar för sent",
    late_one: "1 dag för sent",
    closed: "Handlagd",
    notice_sent_on: "Underrättelse om förlängning given (framme)",
    record_extension: "För in underrättelse om förlängning",
    remove: "Ta bort",
    remove_confirm: "Ta bort {reference} ur registret?",
    export_csv: "Exportera som csv-fil",
    import_csv: "Importera från csv-fil",
    imported: "{n} begäranden importerades.",
    import_problems: "De här raderna importerades inte:",
    storage_failed: "Webbläsaren tillåter inte att registret sparas (lagringsutrymmet är fullt eller blockerat). Registret finns kvar bara tills sidan stängs: exportera det nu som csv-fil.",
    storage_corrupt: "Registret som sparats i webbläsaren kunde inte läsas helt. De begäranden som lästes visas nedan. Det sparade registret finns kvar som det var: ladda ned det nedan och importera de övriga begärandena från den senast exporterade csv-filen.",
    download_unread: "Ladda ned det sparade registret som det är (csv)",
    reopen_confirm: "Återställa begäran till öppen? Den införda dagen för underrättelsen om förlängning tas bort.",
    register_table: "Begäranden efter tidsfrist",
    added_reference: "Begäran lades till i registret med referensen {reference}.",
    replies_heading: "Svar",
    replies_hint: "Svaret skrivs på begärans språk ({lang}) som ett brev i pdf-format i den här webbläsaren. Skicka det själv till den som framställt begäran, till exempel per e-post.",
    reply_kind: "Typ av svar",
    reply_date: "Svarets datum",
    write_reply: "Skapa svaret som pdf",
    writing: "Pdf-filen skapas…",
    written: "Svaret har laddats ned: {file}.",
    fonts_failed: "Typsnitten för pdf-brevet kunde inte laddas. Kontrollera nätverksanslutningen och försök igen.",
    write_failed: "Svaret kunde inte skrivas. Försök igen; om felet upprepas, ladda om sidan.",
    note_missing: "Det här svaret behöver en text: skriv den här.",
    note_too_long: "Texten är för lång: högst {max} tecken.",
    reply_before_receipt: "Svarets datum är före den dag begäran mottogs.",
};

const EN: Texts = Texts {
    title: "Data protection request desk",
    intro: "On this page the company's staff handle the data protection requests it receives. Nothing is sent anywhere: the PDF is read in this browser, and the register of requests is kept only in this browser's storage, without names or contact details.",
    needs_script: "The desk needs JavaScript.",
    languages: "Language",
    open_heading: "Open a received request",
    open_hint: "Choose a PDF made with the portal's form, or drop it here. The file is read in this browser only.",
    choose_file: "Choose a PDF file",
    drop_here: "Drop the PDF here",
    reading: "Reading the file…",
    too_large: "The file is too large ({size} MB). The desk reads files of up to 20 MB; the portal's requests are under 1 MB. Enter the request by hand if needed.",
    not_pdf: "The file is not a PDF. Choose a PDF made with the portal's form, or enter the request by hand.",
    unreadable: "The PDF could not be read ({detail}). It may be cut short or damaged. Ask for the file again if needed, or enter the request by hand.",
    reader_failed: "The PDF reader could not be loaded. Reload the page and try again.",
    no_attachment: "This PDF has no request.json attached: it was not made with the portal's form, or the attachment was lost when the file was saved again or printed. The request must still be handled: enter it by hand below.",
    verified: "The PDF has been checked: the attached file and the letter's text say the same, and the request is addressed to this company.",
    verified_note: "The check shows only that the attachment and the letter agree. It does not show that neither was changed, nor who made the request. Further information to confirm identity may be asked for only where there are reasonable doubts about the identity of the person making the request (GDPR Article 12(6)).",
    mismatch_heading: "The attachment and the letter do not match",
    mismatch_note: "The attachment and the letter do not agree, or the request is addressed to another controller (the reasons below). The request is not invalid for that, since a request needs no particular form: handle it by the letter's text and enter it by hand.",
    enter_by_hand: "Enter the request by hand",
    request_heading: "The request",
    reference: "Reference",
    requester: "Made by",
    email: "E-mail",
    phone: "Phone",
    address: "Postal address",
    organisation: "Organisation",
    customer_number: "Customer number",
    rights: "Rights",
    scope: "Scope",
    reason: "Reason",
    format: "Format",
    correction: "Now: {current} → correct: {corrected}",
    message: "Message",
    place: "Place",
    name_missing: "Write the requester's name.",
    requester_legend: "Made by (for the reply letters only)",
    requester_hint: "These details go only into reply letters written on this page. They are not kept in the register or anywhere else.",
    name: "Name",
    manual_replies: "Replies to this request",
    future_date: "The day is in the future: enter a day that has passed, or today.",
    already: "{n} requests were already in the register as they are.",
    signature: "Signature",
    letter_lang: "Letter's language (the replies' language)",
    created: "Made on",
    digest: "Attachment's SHA-256",
    deadlines_heading: "Deadlines",
    received: "Received",
    received_hint: "The day the request reached the company, by any channel and to anyone there, weekends included – not the day it is opened here. The deadlines count from it.",
    bad_date: "Enter a date, for example 5 January 2027.",
    due: "Answer without undue delay, at the latest by",
    extension_notice_by: "Notice of an extension due by",
    extended_due: "Answer due by, if extended",
    download_ics: "Download the deadlines for a calendar (.ics)",
    add_to_register: "Add to the register",
    added: "The request was added to the register.",
    duplicate: "The reference {reference} is already in the register.",
    manual_heading: "Enter a request by hand",
    manual_hint: "A request that came by e-mail, by post or otherwise than through the portal's form is entered here. The register keeps only the reference, the dates, the rights and the status, never a name or contact detail.",
    reference_hint: "The request's reference, for example {example}. Leave it empty to have one generated; tell the requester in your reply.",
    bad_reference: "A reference looks like {example}: a prefix, then two groups of four capitals or digits (no I, L, O or U).",
    no_rights: "Choose at least one right the request is about.",
    register_heading: "Register of requests",
    register_hint: "Open requests come first, the nearest deadline at the top. The register is in this browser only: export it as a CSV file regularly, so that the company can show it kept the deadlines (accountability, GDPR Article 5(2)). The CSV can be linked to people through the references: keep it as you keep the requests themselves.",
    register_empty: "The register has no requests.",
    status: "Status",
    days_left: "Time left",
    left_other: "{n} days",
    left_one: "1 day",
    due_today: "Due today",
    late_other: "{n} days late",
    late_one: "1 day late",
    closed: "Closed",
    notice_sent_on: "Extension notice given (received) on",
    record_extension: "Record the extension notice",
    remove: "Remove",
    remove_confirm: "Remove {reference} from the register?",
    export_csv: "Export as CSV",
    import_csv: "Import from CSV",
    imported: "{n} requests imported.",
    import_problems: "These lines were not imported:",
    storage_failed: "The browser does not let the desk save (storage is full or blocked). The register is kept only until this page is closed: export it as a CSV file now.",
    storage_corrupt: "The register saved in this browser could not be read in full. The requests that could be read are shown below. The saved register is kept as it was: download it below, and import the missing requests from the CSV file exported last.",
    download_unread: "Download the saved register as it is (CSV)",
    reopen_confirm: "Set the request back to open? The recorded day of the extension notice is removed.",
    register_table: "Requests by due date",
    added_reference: "The request was added to the register with the reference {reference}.",
    replies_heading: "Replies",
    replies_hint: "The reply is written in the request's language ({lang}) as a PDF letter, in this browser. Send it to the requester yourself, by e-mail for example.",
    reply_kind: "Kind of reply",
    reply_date: "Date of the reply",
    write_reply: "Create the reply PDF",
    writing: "Creating the PDF…",
    written: "The reply was downloaded: {file}.",
    fonts_failed: "The fonts for the PDF letter could not be loaded. Check the network connection and try again.",
    write_failed: "The reply could not be written. Try again; if it happens again, reload the page.",
    note_missing: "This reply needs your words: write them here.",
    note_too_long: "The text is too long: at most {max} characters.",
    reply_before_receipt: "The reply is dated before the request was received.",
};

/// A reply's name and what it is for, on the desk.
pub const fn reply_kind(kind: ReplyKind, lang: Lang) -> (&'static str, &'static str) {
    match (kind, lang) {
        (ReplyKind::Acknowledgement, Lang::Fi) => ("Vastaanottoilmoitus", "Kerrotaan, että pyyntö on vastaanotettu ja milloin siihen viimeistään vastataan."),
        (ReplyKind::Acknowledgement, Lang::Sv) => ("Mottagningsbekräftelse", "Bekräftar att begäran har tagits emot och när den senast besvaras."),
        (ReplyKind::Acknowledgement, Lang::En) => ("Acknowledgement of receipt", "Says the request was received and by when it will be answered."),
        (ReplyKind::Extension, Lang::Fi) => ("Ilmoitus määräajan jatkamisesta", "Määräaikaa voidaan jatkaa enintään kahdella kuukaudella, jos se on tarpeen pyyntöjen monimutkaisuuden ja määrän vuoksi; ilmoitus ja viivästymisen syyt kuukauden kuluessa vastaanottamisesta (12 artiklan 3 kohta)."),
        (ReplyKind::Extension, Lang::Sv) => ("Underrättelse om förlängd tidsfrist", "Tidsfristen får förlängas med högst två månader, om det behövs med hänsyn till hur komplicerade begärandena är och hur många de är; underrättelsen och orsakerna till förseningen inom en månad från att begäran mottogs (artikel 12.3)."),
        (ReplyKind::Extension, Lang::En) => ("Notice of extension", "The period may be extended by up to two further months where necessary, given the complexity and number of the requests; the notice, with the reasons for the delay, within one month of receipt (Article 12(3))."),
        (ReplyKind::MoreInformation, Lang::Fi) => ("Lisätietopyyntö henkilöllisyyden vahvistamiseksi", "Henkilöllisyyden vahvistamiseksi tarvittavia tietoja pyydetään vain, jos on perusteltua syytä epäillä henkilöllisyyttä (12 artiklan 6 kohta)."),
        (ReplyKind::MoreInformation, Lang::Sv) => ("Begäran om ytterligare uppgifter för att bekräfta identiteten", "Uppgifter för att bekräfta identiteten begärs bara om det finns rimliga skäl att betvivla den (artikel 12.6)."),
        (ReplyKind::MoreInformation, Lang::En) => ("Request for information to confirm identity", "Information to confirm identity is asked for only where there are reasonable doubts about it (Article 12(6))."),
        (ReplyKind::Refusal, Lang::Fi) => ("Epäämisilmoitus", "Pyyntöä ei toteuteta kokonaan tai osittain: syyt sekä mahdollisuus tehdä valitus valvontaviranomaiselle ja käyttää oikeussuojakeinoja, viipymättä ja viimeistään kuukauden kuluessa (12 artiklan 4 kohta)."),
        (ReplyKind::Refusal, Lang::Sv) => ("Avslag", "Inga åtgärder vidtas på begäran, helt eller delvis: skälen samt möjligheten att lämna in ett klagomål till en tillsynsmyndighet och begära rättslig prövning, utan dröjsmål och senast inom en månad (artikel 12.4)."),
        (ReplyKind::Refusal, Lang::En) => ("Refusal", "No action is taken on the request, in whole or in part: the reasons, and the possibility of lodging a complaint with a supervisory authority and seeking a judicial remedy, without delay and at the latest within one month (Article 12(4))."),
        (ReplyKind::Answer, Lang::Fi) => ("Vastaus", "Saatekirje vastaukseen: mitä kunkin oikeuden perusteella on tehty, ja tieto siitä, että oikaisusta, poistosta tai rajoittamisesta on ilmoitettu vastaanottajille (19 artikla). Ilmoita vastaanottajille erikseen, ja liitä mukaan pyydetyt tiedot."),
        (ReplyKind::Answer, Lang::Sv) => ("Svar", "Följebrev till svaret: vad som gjorts för varje rättighet, och att rättelse, radering eller begränsning har anmälts till mottagarna (artikel 19). Underrätta mottagarna separat och bifoga de begärda uppgifterna."),
        (ReplyKind::Answer, Lang::En) => ("Answer", "A cover letter for the answer: what was done on each right, and that the rectification, erasure or restriction was communicated to the recipients (Article 19). Notify the recipients separately, and enclose the data asked for."),
    }
}

/// The label of the reply's text box.
pub const fn reply_note(kind: ReplyKind, lang: Lang) -> &'static str {
    match (kind, lang) {
        (ReplyKind::Extension, Lang::Fi) => "Viivästymisen syyt (pakollinen)",
        (ReplyKind::Extension, Lang::Sv) => "Orsakerna till förseningen (obligatoriskt)",
        (ReplyKind::Extension, Lang::En) => "Reasons for the delay (required)",
        (ReplyKind::MoreInformation, Lang::Fi) => "Tarvittavat lisätiedot (pakollinen)",
        (ReplyKind::MoreInformation, Lang::Sv) => "Uppgifter som behövs (obligatoriskt)",
        (ReplyKind::MoreInformation, Lang::En) => "Information needed (required)",
        (ReplyKind::Refusal, Lang::Fi) => "Syyt (pakollinen)",
        (ReplyKind::Refusal, Lang::Sv) => "Skäl (obligatoriskt)",
        (ReplyKind::Refusal, Lang::En) => "Reasons (required)",
        (ReplyKind::Answer, Lang::Fi) => "Lisätiedot: mitä ei tehty ja miksi, vastaanottajat, joille ilmoitettiin (pakollinen, kun pyyntö koskee oikaisua, poistoa, rajoittamista tai vastustamista)",
        (ReplyKind::Answer, Lang::Sv) => "Ytterligare information: vad som inte gjordes och varför, mottagarna som underrättades (obligatoriskt vid rättelse, radering, begränsning eller invändning)",
        (ReplyKind::Answer, Lang::En) => "Further information: what was not done and why, the recipients told (required for rectification, erasure, restriction or an objection)",
        (_, Lang::Fi) => "Lisätiedot (vapaaehtoinen)",
        (_, Lang::Sv) => "Ytterligare information (frivilligt)",
        (_, Lang::En) => "Further information (optional)",
    }
}

/// A status's name.
pub const fn status(status: Status, lang: Lang) -> &'static str {
    match (status, lang) {
        (Status::Open, Lang::Fi) => "Avoin",
        (Status::Open, Lang::Sv) => "Öppen",
        (Status::Open, Lang::En) => "Open",
        (Status::Extended, Lang::Fi) => "Määräaikaa jatkettu",
        (Status::Extended, Lang::Sv) => "Tidsfristen förlängd",
        (Status::Extended, Lang::En) => "Extended",
        (Status::Answered, Lang::Fi) => "Vastattu",
        (Status::Answered, Lang::Sv) => "Besvarad",
        (Status::Answered, Lang::En) => "Answered",
        (Status::Refused, Lang::Fi) => "Evätty",
        (Status::Refused, Lang::Sv) => "Avslagen",
        (Status::Refused, Lang::En) => "Refused",
        (Status::Withdrawn, Lang::Fi) => "Peruttu",
        (Status::Withdrawn, Lang::Sv) => "Återkallad",
        (Status::Withdrawn, Lang::En) => "Withdrawn",
    }
}

/// How the request was signed.
pub const fn signature(kind: SignatureKind, lang: Lang) -> &'static str {
    match (kind, lang) {
        (SignatureKind::None, Lang::Fi) => "Ei allekirjoitusta (ei vaadita)",
        (SignatureKind::None, Lang::Sv) => "Ingen underskrift (krävs inte)",
        (SignatureKind::None, Lang::En) => "Not signed (not required)",
        (SignatureKind::Drawn, Lang::Fi) => "Piirretty lomakkeella",
        (SignatureKind::Drawn, Lang::Sv) => "Ritad i formuläret",
        (SignatureKind::Drawn, Lang::En) => "Drawn in the form",
        (SignatureKind::Typed, Lang::Fi) => "Nimi kirjoitettu lomakkeelle",
        (SignatureKind::Typed, Lang::Sv) => "Namnet skrivet i formuläret",
        (SignatureKind::Typed, Lang::En) => "Name typed in the form",
        (SignatureKind::Pen, Lang::Fi) => "Jätetty allekirjoitettavaksi käsin (allekirjoitusta ei vaadita)",
        (SignatureKind::Pen, Lang::Sv) => "Lämnad att undertecknas för hand (underskrift krävs inte)",
        (SignatureKind::Pen, Lang::En) => "Left to be signed by hand (a signature is not required)",
    }
}

/// A letter language's name.
pub const fn letter_lang(letter: LetterLang, lang: Lang) -> &'static str {
    match (letter.lang(), lang) {
        (Lang::Fi, Lang::Fi) => "suomi",
        (Lang::Fi, Lang::Sv) => "finska",
        (Lang::Fi, Lang::En) => "Finnish",
        (Lang::Sv, Lang::Fi) => "ruotsi",
        (Lang::Sv, Lang::Sv) => "svenska",
        (Lang::Sv, Lang::En) => "Swedish",
        (Lang::En, Lang::Fi) => "englanti",
        (Lang::En, Lang::Sv) => "engelska",
        (Lang::En, Lang::En) => "English",
    }
}

/// A right's name, as the form names it (the site folder's `[form.rights]`).
pub fn right(right: Right, lang: Lang) -> &'static str {
    portal_core::request::wording::right_name(lang, right)
}

/// What no longer matches, in words.
pub fn mismatch(m: &Mismatch, lang: Lang) -> String {
    use Lang::*;
    let letter_name = |l: Option<LetterLang>| l.map_or("?", |l| letter_lang(l, lang));
    match m {
        Mismatch::Malformed { line, column, detail } => match lang {
            Fi => format!("Liitetiedosto request.json ei ole kelvollista JSONia (rivi {line}, sarake {column}: {detail})."),
            Sv => format!("Bilagan request.json är inte giltig JSON (rad {line}, kolumn {column}: {detail})."),
            En => format!("The attached request.json is not valid JSON (line {line}, column {column}: {detail})."),
        },
        Mismatch::NotFromPortal { found } => {
            let found = found.as_deref().unwrap_or("—");
            match lang {
                Fi => format!("Liitetiedosto ei ole portaalin tekemä pyyntö (muoto: {found})."),
                Sv => format!("Bilagan är inte en begäran som portalen gjort (format: {found})."),
                En => format!("The attachment is not a request the portal made (format: {found})."),
            }
        }
        Mismatch::UnsupportedVersion { found } => match lang {
            Fi => format!("Liitetiedoston muotoa {found} ei osata lukea tässä versiossa."),
            Sv => format!("Bilagans format {found} kan inte läsas av den här versionen."),
            En => format!("This version cannot read the attachment's format {found}."),
        },
        Mismatch::BadField { detail } => match lang {
            Fi => format!("Liitetiedostossa on virheellinen kenttä: {detail}."),
            Sv => format!("Bilagan har ett felaktigt fält: {detail}."),
            En => format!("The attachment has a wrong field: {detail}."),
        },
        Mismatch::Inconsistent { field, detail } => match lang {
            Fi => format!("Liitetiedoston kenttä {field} on ristiriidassa muiden tietojen kanssa: {detail}."),
            Sv => format!("Bilagans fält {field} stämmer inte med de andra uppgifterna: {detail}."),
            En => format!("The attachment's field {field} contradicts the rest: {detail}."),
        },
        Mismatch::DigestNotInLetter => match lang {
            Fi => "Kirjeessä ei ole liitteen SHA-256-tiivistettä.".into(),
            Sv => "Brevet har ingen SHA-256-kontrollsumma för bilagan.".into(),
            En => "The letter prints no SHA-256 digest of the attachment.".into(),
        },
        Mismatch::DigestDiffers { printed, actual } => match lang {
            Fi => format!("Kirjeeseen painettu tiiviste ({printed}) ei ole liitteen tiiviste ({actual}): liitettä tai kirjettä on muutettu."),
            Sv => format!("Kontrollsumman i brevet ({printed}) är inte bilagans ({actual}): bilagan eller brevet har ändrats."),
            En => format!("The digest printed in the letter ({printed}) is not the attachment's ({actual}): the attachment or the letter was changed."),
        },
        Mismatch::LanguageDiffers { file, letter } => match lang {
            Fi => format!("Liitteessä kirjeen kieleksi on merkitty {}, mutta kirjeen kieli on {}.", letter_name(Some(*file)), letter_name(*letter)),
            Sv => format!("Enligt bilagan är brevet på {}, men brevet är på {}.", letter_name(Some(*file)), letter_name(*letter)),
            En => format!("The attachment says the letter is in {}, but the letter is in {}.", letter_name(Some(*file)), letter_name(*letter)),
        },
        Mismatch::ReferenceDiffers { file, letter } => {
            let letter = letter.as_deref().unwrap_or("—");
            match lang {
                Fi => format!("Liitteen viite on {file}, kirjeen {letter}."),
                Sv => format!("Bilagans referens är {file}, brevets {letter}."),
                En => format!("The attachment's reference is {file}, the letter's {letter}."),
            }
        }
        Mismatch::NameNotInLetter { name } => match lang {
            Fi => format!("Liitteen nimi ”{name}” puuttuu kirjeestä."),
            Sv => format!("Bilagans namn ”{name}” saknas i brevet."),
            En => format!("The attachment's name “{name}” is not in the letter."),
        },
        Mismatch::RightNotInLetter { right: r } => match lang {
            Fi => format!("Liitteessä pyydetty oikeus puuttuu kirjeestä: {}.", right(*r, lang)),
            Sv => format!("En rättighet som begärs i bilagan saknas i brevet: {}.", right(*r, lang)),
            En => format!("A right the attachment asks for is not in the letter: {}.", right(*r, lang)),
        },
        Mismatch::RightNotInFile { right: r } => match lang {
            Fi => format!("Kirjeessä pyydetään oikeutta, jota liitteessä ei ole: {}.", right(*r, lang)),
            Sv => format!("Brevet begär en rättighet som inte finns i bilagan: {}.", right(*r, lang)),
            En => format!("The letter asks for a right the attachment does not: {}.", right(*r, lang)),
        },
        Mismatch::DetailNotInLetter { right: r, detail } => match lang {
            Fi => format!("Oikeuden ”{}” tieto puuttuu kirjeestä: {detail}", right(*r, lang)),
            Sv => format!("En uppgift om rättigheten ”{}” saknas i brevet: {detail}", right(*r, lang)),
            En => format!("A detail of “{}” is not in the letter: {detail}", right(*r, lang)),
        },
        Mismatch::TextNotInLetter { field, value } => {
            let t = texts(lang);
            let field = match *field {
                "sender.email" => t.email,
                "sender.postal_address" => t.address,
                "sender.phone" => t.phone,
                "sender.organisation" => t.organisation,
                "sender.customer_number" => t.customer_number,
                "message" => t.message,
                "place" => t.place,
                other => other,
            };
            match lang {
                Fi => format!("Liitteen tieto ”{field}” (”{value}”) puuttuu kirjeestä."),
                Sv => format!("Bilagans uppgift ”{field}” (”{value}”) saknas i brevet."),
                En => format!("The attachment's “{field}” (“{value}”) is not in the letter."),
            }
        }
        Mismatch::OtherController { controller, email } => match lang {
            Fi => format!("Pyyntö on osoitettu toiselle rekisterinpitäjälle: {controller} ({email})."),
            Sv => format!("Begäran är riktad till en annan personuppgiftsansvarig: {controller} ({email})."),
            En => format!("The request is addressed to another controller: {controller} ({email})."),
        },
    }
}

/// Why a period was not extended, in words.
pub fn extension_error(e: &ExtensionError, lang: Lang) -> String {
    use Lang::*;
    match e {
        ExtensionError::NeedsNoticeDate => match lang {
            Fi => "Anna päivä, jona pyynnön tekijälle ilmoitettiin jatkamisesta.".into(),
            Sv => "Ange den dag då den som framställt begäran underrättades om förlängningen.".into(),
            En => "Enter the day the requester was told of the extension.".into(),
        },
        ExtensionError::Late { notified, due } => match lang {
            Fi => format!("Ilmoitus {} on määräajan {} jälkeen: määräaikaa voi jatkaa vain, jos siitä ilmoitetaan kuukauden kuluessa pyynnön vastaanottamisesta (12 artiklan 3 kohta). Määräaikaa ei ole jatkettu: vastaa viipymättä.", notified.display(lang), due.display(lang)),
            Sv => format!("Underrättelsen {} kom efter tidsfristen {}: tidsfristen kan förlängas bara om underrättelsen ges inom en månad från att begäran mottogs (artikel 12.3). Tidsfristen har inte förlängts: svara utan dröjsmål.", notified.display(lang), due.display(lang)),
            En => format!("The notice date {} is after the due date {}: the period can be extended only if the requester is told within one month of receipt (Article 12(3)). The period was not extended: answer now.", notified.display(lang), due.display(lang)),
        },
        ExtensionError::BeforeReceipt { notified, received } => match lang {
            Fi => format!("Ilmoituspäivä {} on ennen pyynnön vastaanottamista ({}).", notified.display(lang), received.display(lang)),
            Sv => format!("Underrättelsedagen {} är före den dag begäran mottogs ({}).", notified.display(lang), received.display(lang)),
            En => format!("The notice's day {} is before the request was received ({}).", notified.display(lang), received.display(lang)),
        },
        ExtensionError::Closed(s) => match lang {
            Fi => format!("Pyyntö on tilassa ”{}”: siihen ei ole enää vastattava, eikä jatkamista voi kirjata.", status(*s, lang)),
            Sv => format!("Begäran har status ”{}”: den behöver inte längre besvaras, och ingen förlängning kan föras in.", status(*s, lang)),
            En => format!("The request is “{}”: no answer is owed, and it cannot be extended.", status(*s, lang)),
        },
    }
}

/// A line of an imported CSV file that was not imported, in words.
pub fn import_error(e: &ImportError, lang: Lang) -> String {
    use Lang::*;
    let line = e.line.to_string();
    let place = match (e.column, lang) {
        (Some(c), Fi) => format!("Rivi {line}, sarake {c}"),
        (Some(c), Sv) => format!("Rad {line}, kolumn {c}"),
        (Some(c), En) => format!("Line {line}, column {c}"),
        (None, Fi) => format!("Rivi {line}"),
        (None, Sv) => format!("Rad {line}"),
        (None, En) => format!("Line {line}"),
    };
    let example = [portal_core::facts::REFERENCE_PREFIX, "-04HM-ASW9"].concat();
    let what = match (&e.problem, lang) {
        (Problem::Header { .. }, Fi) => format!("otsikkorivin pitää olla {}", COLUMNS.join(",")),
        (Problem::Header { .. }, Sv) => format!("rubrikraden ska vara {}", COLUMNS.join(",")),
        (Problem::Header { .. }, En) => format!("the header row must be {}", COLUMNS.join(",")),
        (Problem::FieldCount { found }, Fi) => format!("{found} kenttää, kun pitää olla {}", COLUMNS.len()),
        (Problem::FieldCount { found }, Sv) => format!("{found} fält i stället för {}", COLUMNS.len()),
        (Problem::FieldCount { found }, En) => format!("{found} fields instead of {}", COLUMNS.len()),
        (Problem::NotText, Fi) => "ei UTF-8-tekstiä".into(),
        (Problem::NotText, Sv) => "inte UTF-8-text".into(),
        (Problem::NotText, En) => "not UTF-8 text".into(),
        (Problem::Reference { found }, Fi) => format!("”{found}” ei ole viite (esim. {example})"),
        (Problem::Reference { found }, Sv) => format!("”{found}” är ingen referens (t.ex. {example})"),
        (Problem::Reference { found }, En) => format!("“{found}” is not a reference (e.g. {example})"),
        (Problem::Date { found }, Fi) => format!("”{found}” ei ole päivämäärä (vvvv-kk-pp tai p.k.vvvv)"),
        (Problem::Date { found }, Sv) => format!("”{found}” är inget datum (åååå-mm-dd eller d.m.åååå)"),
        (Problem::Date { found }, En) => format!("“{found}” is not a date (yyyy-mm-dd or d.m.yyyy)"),
        (Problem::DueDate { found, computed }, Fi) => format!(
            "”{found}” ei ole vastaanottopäivästä laskettu määräaika ({})",
            computed.display(lang)
        ),
        (Problem::DueDate { found, computed }, Sv) => format!(
            "”{found}” är inte tidsfristen räknad från mottagningsdagen ({})",
            computed.display(lang)
        ),
        (Problem::DueDate { found, computed }, En) => format!(
            "“{found}” is not the due date counted from the day received ({})",
            computed.display(lang)
        ),
        (Problem::Rights { found }, Fi) => format!(
            "”{found}” ei ole luettelo oikeuksista ({})",
            Right::ALL.map(Right::key).join(", ")
        ),
        (Problem::Rights { found }, Sv) => format!(
            "”{found}” är ingen lista över rättigheter ({})",
            Right::ALL.map(Right::key).join(", ")
        ),
        (Problem::Rights { found }, En) => format!(
            "“{found}” is not a list of rights ({})",
            Right::ALL.map(Right::key).join(", ")
        ),
        (Problem::Status { found }, Fi) => format!(
            "”{found}” ei ole tila ({})",
            Status::ALL.map(Status::key).join(", ")
        ),
        (Problem::Status { found }, Sv) => format!(
            "”{found}” är ingen status ({})",
            Status::ALL.map(Status::key).join(", ")
        ),
        (Problem::Status { found }, En) => format!(
            "“{found}” is not a status ({})",
            Status::ALL.map(Status::key).join(", ")
        ),
        (Problem::Extension, Fi) => {
            "jatketulla määräajalla pitää olla tila extended ja jatkoilmoituksen päivä (extension_notified)"
                .into()
        }
        (Problem::Extension, Sv) => {
            "en förlängd tidsfrist kräver status extended och dagen för underrättelsen (extension_notified)"
                .into()
        }
        (Problem::Extension, En) => {
            "an extended due date needs status extended and the notice's day (extension_notified)".into()
        }
        (Problem::LateExtension(error), _) => extension_error(error, lang),
        (Problem::Duplicate { first_line }, Fi) => format!("viite on jo rivillä {first_line}"),
        (Problem::Duplicate { first_line }, Sv) => format!("referensen finns redan på rad {first_line}"),
        (Problem::Duplicate { first_line }, En) => format!("the reference is already on line {first_line}"),
    };
    format!("{place}: {what}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_placeholder_is_filled() {
        assert_eq!(fill("{n} päivää", &[("n", "3")]), "3 päivää");
        for lang in Lang::ALL {
            let t = texts(lang);
            assert!(
                t.left_other.contains("{n}") && t.late_other.contains("{n}"),
                "{lang:?}"
            );
            assert!(t.duplicate.contains("{reference}") && t.remove_confirm.contains("{reference}"));
            assert!(t.added_reference.contains("{reference}"));
            assert!(t.reference_hint.contains("{example}") && t.bad_reference.contains("{example}"));
            assert!(t.too_large.contains("{size}") && t.unreadable.contains("{detail}"));
            assert!(t.correction.contains("{current}") && t.correction.contains("{corrected}"));
        }
    }

    #[test]
    fn a_mismatch_names_what_differs_in_each_language() {
        let m = Mismatch::ReferenceDiffers {
            file: "SAF-AAAA-BBBB".into(),
            letter: Some("SAF-CCCC-DDDD".into()),
        };
        for lang in Lang::ALL {
            let text = mismatch(&m, lang);
            assert!(
                text.contains("SAF-AAAA-BBBB") && text.contains("SAF-CCCC-DDDD"),
                "{text}"
            );
        }
        assert!(mismatch(
            &Mismatch::RightNotInLetter {
                right: Right::Erasure
            },
            Lang::En
        )
        .contains(right(Right::Erasure, Lang::En)));
    }
}
