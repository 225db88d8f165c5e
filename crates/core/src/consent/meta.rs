//! What Meta's pixel is told, as data: the browser glue in `gate` only passes these on to `fbq`,
//! Meta's standard command queue, which the gate defines before `fbevents.js` loads.
//!
//! Order, once marketing is allowed: automatic events off (`autoConfig`: no button clicks or
//! page metadata collected beyond the page view), consent granted, `init` with the pixel's ID,
//! then one `PageView`. Withdrawal, and opening the request form, revoke consent: the pixel then
//! sends nothing more in this page view (Meta's consent API).

/// Where Meta's pixel is loaded from.
pub const SCRIPT_URL: &str = "https://connect.facebook.net/en_US/fbevents.js";

/// One argument of an `fbq` command.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Arg<'a> {
    Text(&'a str),
    Flag(bool),
}

/// An `fbq(…)` call.
pub type Command<'a> = Vec<Arg<'a>>;

/// The commands that start the pixel `pixel_id`, in order.
pub fn start(pixel_id: &str) -> Vec<Command<'_>> {
    use Arg::{Flag, Text};
    vec![
        vec![Text("set"), Text("autoConfig"), Flag(false), Text(pixel_id)],
        consent(true),
        vec![Text("init"), Text(pixel_id)],
        vec![Text("track"), Text("PageView")],
    ]
}

/// `fbq('consent', 'grant' | 'revoke')`: whether the pixel may send.
pub fn consent(granted: bool) -> Command<'static> {
    vec![
        Arg::Text("consent"),
        Arg::Text(if granted { "grant" } else { "revoke" }),
    ]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn starts_with_automatic_events_off_and_consent_before_init_and_the_page_view() {
        let commands = start("1234567890123456");
        let first_words: Vec<String> = commands
            .iter()
            .map(|c| match (c[0], c.get(1)) {
                (Arg::Text(a), Some(Arg::Text(b))) => format!("{a} {b}"),
                other => panic!("{other:?}"),
            })
            .collect();
        assert_eq!(
            first_words,
            [
                "set autoConfig",
                "consent grant",
                "init 1234567890123456",
                "track PageView"
            ]
        );
        assert_eq!(commands[0][2], Arg::Flag(false), "automatic events stay off");
        assert_eq!(commands[0][3], Arg::Text("1234567890123456"));
    }

    #[test]
    fn consent_is_granted_or_revoked() {
        assert_eq!(consent(false), [Arg::Text("consent"), Arg::Text("revoke")]);
        assert_eq!(consent(true)[1], Arg::Text("grant"));
    }
}
