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

    /// The languages the controller accepts a letter in (site.toml's `letter_languages`), in the
    /// order the form offers them; with one, the form asks nothing.
    pub const OFFERED: [LetterLang; OFFERED_COUNT] = offered();

    /// Whether the controller accepts a letter in this language.
    pub const fn is_offered(self) -> bool {
        let mut i = 0;
        while i < OFFERED_COUNT {
            if Self::OFFERED[i] as u8 == self as u8 {
                return true;
            }
            i += 1;
        }
        false
    }

    /// The letter language a page in `lang` starts with: its own if the controller accepts a
    /// letter in it, else Finnish, the notice's authoritative language, if accepted, else the
    /// first one accepted.
    pub const fn for_page(lang: Lang) -> LetterLang {
        let own = match lang {
            Lang::En => LetterLang::En,
            Lang::Fi | Lang::Sv => LetterLang::Fi,
        };
        if own.is_offered() {
            own
        } else if LetterLang::Fi.is_offered() {
            LetterLang::Fi
        } else {
            Self::OFFERED[0]
        }
    }
}

/// How many letter languages the controller accepts.
const OFFERED_COUNT: usize = crate::facts::list(&crate::SITE.letter_languages).len();
const _: () = assert!(
    OFFERED_COUNT > 0,
    "site.toml: letter_languages: at least one language is needed (fi or en)"
);

/// site.toml's `letter_languages` as [`LetterLang`]s.
const fn offered() -> [LetterLang; OFFERED_COUNT] {
    let languages = crate::facts::list(&crate::SITE.letter_languages);
    let mut all = [LetterLang::Fi; OFFERED_COUNT];
    let mut i = 0;
    while i < OFFERED_COUNT {
        all[i] = match languages[i] {
            site_folder::Language::Fi => LetterLang::Fi,
            site_folder::Language::En => LetterLang::En,
            site_folder::Language::Sv => {
                panic!(
                    "site.toml: letter_languages: a request letter cannot be written in Swedish yet (fi, en)"
                )
            }
        };
        i += 1;
    }
    all
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

    #[test]
    fn the_form_offers_and_starts_with_the_letter_languages_of_the_site() {
        let accepted: Vec<&str> = crate::facts::list(&crate::SITE.letter_languages)
            .iter()
            .map(|l| l.code())
            .collect();
        let offered: Vec<&str> = LetterLang::OFFERED.iter().map(|l| l.code()).collect();
        assert_eq!(offered, accepted);
        for lang in Lang::ALL {
            let letter = LetterLang::for_page(lang);
            assert!(letter.is_offered(), "{lang}: {letter:?} is not accepted");
            if accepted.contains(&lang.code()) {
                assert_eq!(
                    letter.lang(),
                    lang,
                    "a page starts a letter in its own language if accepted"
                );
            }
        }
        for letter in LetterLang::ALL {
            assert_eq!(letter.is_offered(), accepted.contains(&letter.code()));
        }
    }
}
