//! What Meta's pixel is told, as data: the browser glue in `gate` only passes these on to `fbq`,
//! Meta's standard command queue, which the gate defines before `fbevents.js` loads.
//!
//! Order, once marketing is allowed: automatic events off (`autoConfig`: no button clicks or
//! page metadata collected beyond the page view), consent granted, `init` with the pixel's ID,
//! then one `PageView`. Withdrawal, and opening the request form, revoke consent: the pixel then
//! sends nothing more in this page view (Meta's consent API).

/// Where Meta's pixel is loaded from.
pub const SCRIPT_URL: &str = "https://connect.facebook.net/en_US/fbevents.js";

use super::command::{text, Arg, Command};

/// The `fbq(…)` calls that start the pixel `pixel_id`, in order.
pub fn start(pixel_id: &str) -> Vec<Command<'_>> {
    vec![
        vec![text("set"), text("autoConfig"), Arg::Flag(false), text(pixel_id)],
        consent(true),
        vec![text("init"), text(pixel_id)],
        vec![text("track"), text("PageView")],
    ]
}

/// `fbq('consent', 'grant' | 'revoke')`: whether the pixel may send.
pub fn consent(granted: bool) -> Command<'static> {
    vec![text("consent"), text(if granted { "grant" } else { "revoke" })]
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::consent::command::words;

    #[test]
    fn starts_with_automatic_events_off_and_consent_before_init_and_the_page_view() {
        let commands = start("1234567890123456");
        assert_eq!(
            words(&commands),
            [
                "set autoConfig false 1234567890123456",
                "consent grant",
                "init 1234567890123456",
                "track PageView"
            ]
        );
        assert_eq!(commands[0][2], Arg::Flag(false), "automatic events stay off");
        assert_eq!(commands[0][3], text("1234567890123456"));
    }

    #[test]
    fn consent_is_granted_or_revoked() {
        assert_eq!(consent(false), [text("consent"), text("revoke")]);
        assert_eq!(consent(true)[1], text("grant"));
    }
}
