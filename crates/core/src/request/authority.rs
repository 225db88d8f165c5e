//! The supervisory authority a complaint goes to (GDPR Art. 77): the engine's country data, which
//! the letter (`portal_pdf::document`) and the calendar reminder (`send`) both name.

use crate::i18n::Text;

/// The Finnish supervisory authority (tietosuoja.fi, contact details as of 2026).
pub const OMBUDSMAN: Text = Text {
    fi: "Tietosuojavaltuutetun toimisto, Lintulahdenkuja 4, 00530 Helsinki; postiosoite PL 800, \
00531 Helsinki; puh. 029 566 6700; tietosuoja@om.fi",
    en: "Office of the Data Protection Ombudsman, Lintulahdenkuja 4, 00530 Helsinki, Finland; \
postal address P.O. Box 800, 00531 Helsinki, Finland; phone +358 29 566 6700; tietosuoja@om.fi",
};
