//! The controller of the register: who requests go to. The site folder's `site.toml` states it
//! ([`crate::SITE`]); the page, the form and `request.json` carry it.

/// Who is responsible for the register: the site folder's `[controller]` ([`Controller::of_site`]).
/// It feeds the page header and footer, the banner and the request form's recipient.
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

impl Controller {
    /// The controller of the site folder (`[controller]` in `site.toml`), the address on one line.
    pub fn of_site() -> Controller {
        let c = &crate::SITE.controller;
        Controller {
            name: c.name.full.to_string(),
            address: c.address(),
            phone: c.phone.to_string(),
            email: c.email.to_string(),
            contact_person: c.contact_person.to_string(),
        }
    }
}
