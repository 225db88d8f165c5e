//! The languages a request letter is written in. The notice accepts requests in Finnish and
//! English, so the letter is written in one of those whatever the page's language (a Swedish
//! page offers both); a Swedish letter cannot be asked for, because this type has no Swedish.

use serde::{Deserialize, Serialize};

use crate::i18n::{Lang, Text};

/// A language of the request letter, stored in `request.json` as its code.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum LetterLang {
    #[default]
    Fi,
    En,
}

impl LetterLang {
    /// Both, in the order the form offers them.
    pub const ALL: [LetterLang; 2] = [LetterLang::Fi, LetterLang::En];

    /// The BCP 47 code (the PDF's `/Lang`, `request.json`).
    pub const fn code(self) -> &'static str {
        self.lang().code()
    }

    /// The page language of the same name (for dates and the like).
    pub const fn lang(self) -> Lang {
        match self {
            LetterLang::Fi => Lang::Fi,
            LetterLang::En => Lang::En,
        }
    }

    /// The letter language a page in `lang` starts with: its own if a letter can be written in it,
    /// else Finnish, the notice's authoritative language.
    pub const fn for_page(lang: Lang) -> LetterLang {
        match lang {
            Lang::En => LetterLang::En,
            Lang::Fi | Lang::Sv => LetterLang::Fi,
        }
    }
}

impl Text {
    /// The text in `lang`. (Here, not in `i18n`: the languages depend on nothing of the request.)
    pub const fn get(self, lang: LetterLang) -> &'static str {
        match lang {
            LetterLang::Fi => self.fi,
            LetterLang::En => self.en,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_swedish_page_starts_a_finnish_letter() {
        assert_eq!(LetterLang::for_page(Lang::Sv), LetterLang::Fi);
        assert_eq!(LetterLang::for_page(Lang::En), LetterLang::En);
        assert_eq!(serde_json::to_string(&LetterLang::En).unwrap(), "\"en\"");
        assert!(serde_json::from_str::<LetterLang>("\"sv\"").is_err());
        for letter in LetterLang::ALL {
            assert_eq!(letter.code(), letter.lang().code());
        }
    }
}
