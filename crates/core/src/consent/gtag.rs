//! What Google's tag is told, as data (Consent Mode v2, basic mode): the browser glue in
//! `gate` only passes these on.
//!
//! Order, before the tag loads: `consent default` (everything denied), `js`, `consent update`
//! (exactly what was granted), then `config` with Google signals and ad personalisation off unless
//! marketing is allowed.

use super::record::Choices;

/// What Google may do under `choices`: analytics as chosen, and its ads features (the three ad
/// types, Google signals) only where the site folder gives Google's service advertising cookies
/// (`google_ads`, [`crate::consent::catalogue::GOOGLE_ADS`]) and marketing is allowed. A marketing
/// consent given for another vendor (Meta's pixel) grants Google nothing, and neither does any
/// consent when the visitor refused Google's service itself (`service_allowed` false: its switch
/// off inside an allowed purpose).
pub const fn for_google(choices: Choices, google_ads: bool, service_allowed: bool) -> Choices {
    Choices {
        analytics: choices.analytics && service_allowed,
        marketing: choices.marketing && google_ads && service_allowed,
        refused_services: choices.refused_services,
    }
}

/// A Consent Mode state.
pub const fn state(granted: bool) -> &'static str {
    if granted {
        "granted"
    } else {
        "denied"
    }
}

/// The Consent Mode v2 types, each with the purpose that grants it.
/// `analytics_storage` follows analytics; the three ad types follow marketing.
pub fn consent_types(choices: Choices) -> [(&'static str, &'static str); 4] {
    [
        ("analytics_storage", state(choices.analytics)),
        ("ad_storage", state(choices.marketing)),
        ("ad_user_data", state(choices.marketing)),
        ("ad_personalization", state(choices.marketing)),
    ]
}

/// `gtag('consent', 'default', …)`: everything denied until the update.
pub fn consent_default() -> [(&'static str, &'static str); 4] {
    consent_types(Choices::NONE)
}

/// The `config` parameters: Google signals and ad personalisation only with marketing consent.
pub fn config_params(choices: Choices) -> [(&'static str, bool); 2] {
    [
        ("allow_google_signals", choices.marketing),
        ("allow_ad_personalization_signals", choices.marketing),
    ]
}

/// The `config` parameter `cookie_domain`: `none` keeps Google's cookies on the site's own host;
/// `auto` (Google's default) puts them on the highest domain it can, shared with the company's
/// other sites there (the site folder's `share_cookies_with_parent_domain`).
pub const fn cookie_domain(share_with_parent_domain: bool) -> &'static str {
    if share_with_parent_domain {
        "auto"
    } else {
        "none"
    }
}

/// The window property that stops the tag for this measurement ID (`ga-disable-G-…`).
pub fn disable_property(measurement_id: &str) -> String {
    ["ga-disable-", measurement_id].concat()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::consent::catalogue::Purpose;

    #[test]
    fn marketing_for_another_vendor_grants_google_nothing() {
        assert_eq!(
            for_google(Choices::ALL, false, true),
            Choices::NONE.with(Purpose::Analytics, true)
        );
        assert_eq!(for_google(Choices::ALL, true, true), Choices::ALL);
        let marketing_only = Choices::NONE.with(Purpose::Marketing, true);
        assert_eq!(for_google(marketing_only, false, true), Choices::NONE);
        // Google's own switch off: nothing for Google, whatever the purposes allow.
        assert_eq!(for_google(Choices::ALL, true, false), Choices::NONE);
    }

    #[test]
    fn default_denies_everything() {
        assert!(consent_default().iter().all(|(_, state)| *state == "denied"));
    }

    #[test]
    fn analytics_only_keeps_ads_and_signals_denied() {
        let analytics = Choices::NONE.with(Purpose::Analytics, true);
        assert_eq!(
            consent_types(analytics),
            [
                ("analytics_storage", "granted"),
                ("ad_storage", "denied"),
                ("ad_user_data", "denied"),
                ("ad_personalization", "denied")
            ]
        );
        assert_eq!(
            config_params(analytics),
            [
                ("allow_google_signals", false),
                ("allow_ad_personalization_signals", false)
            ]
        );
    }

    #[test]
    fn everything_granted_with_all() {
        assert!(consent_types(Choices::ALL)
            .iter()
            .all(|(_, state)| *state == "granted"));
        assert!(config_params(Choices::ALL).iter().all(|(_, on)| *on));
        assert_eq!(disable_property("G-EXAMPLE0FI"), "ga-disable-G-EXAMPLE0FI");
    }
}
