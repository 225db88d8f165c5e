//! What Matomo's tracker is told, as data: the browser glue in `gate` only pushes these onto
//! `_paq`, Matomo's standard command queue, before and after `matomo.js` loads from the
//! company's own Matomo.
//!
//! Order, once analytics is allowed: consent required (so the tracker sends nothing without it),
//! consent given (for this page view only: no consent cookie of Matomo's own, the portal's record
//! is the consent), the tracker's address and the site's id, then one page view. A withdrawal, and
//! opening the request form, require consent again, which this page view no longer gives, so
//! nothing more is sent (not `forgetConsentGiven`, which would set a 30-year
//! `mtm_consent_removed` cookie; the portal deletes Matomo's cookies itself). Before `matomo.js`
//! has loaded the gate empties the queue instead (the tracker applies every queued consent command
//! before the others, so a queued stop would come too early).

use super::command::{text, Arg, Command};

fn command(name: &str) -> Command<'_> {
    vec![text(name)]
}

/// Where the tracker is loaded from: `matomo.js` below the Matomo's address (`url`, ending in `/`).
pub fn script_url(url: &str) -> String {
    [url, "matomo.js"].concat()
}

/// The commands that start tracking site `site_id` on the Matomo at `url`, in order.
pub fn start(url: &str, site_id: u32) -> Vec<Command<'static>> {
    vec![
        command("requireConsent"),
        command("setConsentGiven"),
        vec![text("setTrackerUrl"), text([url, "matomo.php"].concat())],
        vec![text("setSiteId"), Arg::Number(site_id)],
        command("trackPageView"),
    ]
}

/// After the tracker has started: consent given again (`allowed`), or required again (a
/// withdrawal: the tracker sends nothing more; the portal deletes its cookies).
pub fn consent(allowed: bool) -> Command<'static> {
    command(if allowed {
        "setConsentGiven"
    } else {
        "requireConsent"
    })
}

/// While a request is written: consent is required again, and this page view gives none, so the
/// tracker sends nothing more.
pub fn pause() -> Command<'static> {
    consent(false)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::consent::command::words;

    #[test]
    fn consent_comes_before_the_tracker_and_the_one_page_view() {
        let url = "https://tilastot.example.fi/";
        assert_eq!(script_url(url), "https://tilastot.example.fi/matomo.js");
        assert_eq!(
            words(&start(url, 3)),
            [
                "requireConsent",
                "setConsentGiven",
                "setTrackerUrl https://tilastot.example.fi/matomo.php",
                "setSiteId 3",
                "trackPageView"
            ]
        );
        assert_eq!(start(url, 3)[3][1], Arg::Number(3), "the id as a number");
    }

    #[test]
    fn withdrawal_and_the_form_require_consent_again() {
        // Not forgetConsentGiven: it would leave a 30-year cookie of Matomo's own.
        assert_eq!(
            words(&[consent(false), consent(true), pause()]),
            ["requireConsent", "setConsentGiven", "requireConsent"]
        );
    }
}
