//! A call to a vendor's command queue, as data: `fbq(…)` (`meta`) and `_paq.push([…])`
//! (`matomo`) take these; the browser glue in `gate` turns each into JavaScript values in one place.

use std::borrow::Cow;
use std::fmt;

/// One argument of a command.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Arg<'a> {
    Text(Cow<'a, str>),
    Number(u32),
    Flag(bool),
}

/// A text argument.
pub fn text<'a>(value: impl Into<Cow<'a, str>>) -> Arg<'a> {
    Arg::Text(value.into())
}

/// One call: the command's name and its arguments.
pub type Command<'a> = Vec<Arg<'a>>;

impl fmt::Display for Arg<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Arg::Text(text) => f.write_str(text),
            Arg::Number(n) => write!(f, "{n}"),
            Arg::Flag(flag) => write!(f, "{flag}"),
        }
    }
}

/// The commands as their words, space-separated (for tests and messages):
/// `set autoConfig false 1234`.
pub fn words(commands: &[Command<'_>]) -> Vec<String> {
    commands
        .iter()
        .map(|command| command.iter().map(Arg::to_string).collect::<Vec<_>>().join(" "))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn commands_read_as_their_words() {
        let commands = [
            vec![text("setSiteId"), Arg::Number(3)],
            vec![text("set"), Arg::Flag(false)],
        ];
        assert_eq!(words(&commands), ["setSiteId 3", "set false"]);
    }
}
