//! The controller of the register: who requests go to. The notice's front matter states it
//! (`site_build::notice::front_matter`); the page, the form and `request.json` carry it.

/// Who is responsible for the register, as the notice states it: the `[controller]` table of the
/// authoritative notice. It also feeds the page footer and the request form's recipient.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Controller {
    /// The controller's name (a company).
    pub name: String,
    /// Postal address, one line.
    pub address: String,
    /// Phone number as people write it; `site_build::notice::front_matter::tel_uri` makes the link.
    pub phone: String,
    /// Where requests and questions go.
    pub email: String,
    /// The person to contact about the register.
    pub contact_person: String,
}
