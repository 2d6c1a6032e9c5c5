//! Which side of a written conversation is the help desk: `DATA/helpdesk.toml`, beside operators.csv.
//!
//! ```toml
//! [email]
//! addresses = ["mesadeayuda.siagie@minedu.gob.pe"]      # the help desk's mailboxes
//! # An operator's own alias, when operators answer from it (else the signature names the operator).
//! operator_mailboxes = { "rquispe.siagie@minedu.gob.pe" = "op01" }
//!
//! [facebook]
//! page_ids = ["104857362910457"]                          # Graph API: `from.id` of the Page
//! page_names = ["SIAGIE - MINEDU"]                        # Meta's export: `sender_name` of the Page
//! ```
//!
//! Addresses and names are compared case-blind. A missing file means no written channel can be told
//! apart: the e-mail and Facebook folders are then rejected with that reason.

use std::collections::BTreeMap;
use std::path::Path;

use serde::Deserialize;

use super::ReadProblem;
use crate::model::Problem;

/// The help desk's identities in the written channels.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct HelpDesk {
    /// Lower-case e-mail addresses of the help desk's mailboxes.
    pub email_addresses: Vec<String>,
    /// Lower-case operator alias -> operator id.
    pub operator_mailboxes: BTreeMap<String, String>,
    pub page_ids: Vec<String>,
    /// Folded Page names.
    pub page_names: Vec<String>,
}

#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields)]
struct RawHelpDesk {
    #[serde(default)]
    email: RawEmail,
    #[serde(default)]
    facebook: RawFacebook,
}

#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields)]
struct RawEmail {
    #[serde(default)]
    addresses: Vec<String>,
    #[serde(default)]
    operator_mailboxes: BTreeMap<String, String>,
}

#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields)]
struct RawFacebook {
    #[serde(default)]
    page_ids: Vec<String>,
    #[serde(default)]
    page_names: Vec<String>,
}

impl HelpDesk {
    /// Reads `helpdesk.toml`; an error names the file and line.
    pub fn read(path: &Path) -> Result<HelpDesk, ReadProblem> {
        let problem = |line: Option<usize>, code: Problem, reason: String| ReadProblem {
            path: path.to_path_buf(),
            line,
            code,
            reason,
            whole_file: true,
        };
        let bytes = std::fs::read(path)
            .map_err(|e| problem(None, Problem::Unreadable, format!("no se pudo leer: {e}")))?;
        let text = crate::input::decode(&bytes);
        HelpDesk::parse(&text).map_err(|(line, reason)| problem(line, Problem::Malformed, reason))
    }

    /// Parses the text of `helpdesk.toml`: (line, reason) on error.
    pub fn parse(text: &str) -> Result<HelpDesk, (Option<usize>, String)> {
        let raw: RawHelpDesk = toml::from_str(text).map_err(|e| {
            let line = e
                .span()
                .map(|s| text[..s.start.min(text.len())].matches('\n').count() + 1);
            (line, e.message().to_string())
        })?;
        let lower = |list: Vec<String>| list.into_iter().map(|a| a.trim().to_lowercase()).collect();
        Ok(HelpDesk {
            email_addresses: lower(raw.email.addresses),
            operator_mailboxes: raw
                .email
                .operator_mailboxes
                .into_iter()
                .map(|(alias, id)| (alias.trim().to_lowercase(), id))
                .collect(),
            page_ids: raw.facebook.page_ids,
            page_names: raw
                .facebook
                .page_names
                .iter()
                .map(|n| crate::text::fold(n))
                .collect(),
        })
    }

    /// Whether an e-mail address is the help desk's (a shared mailbox or an operator's alias).
    pub fn is_help_desk_address(&self, address: &str) -> bool {
        let address = address.trim().to_lowercase();
        self.email_addresses.contains(&address) || self.operator_mailboxes.contains_key(&address)
    }

    /// The operator whose alias `address` is.
    pub fn operator_of_mailbox(&self, address: &str) -> Option<&str> {
        self.operator_mailboxes
            .get(&address.trim().to_lowercase())
            .map(String::as_str)
    }

    /// Whether a Facebook sender (id or name) is the Page.
    pub fn is_page(&self, id: &str, name: &str) -> bool {
        (!id.is_empty() && self.page_ids.iter().any(|p| p == id))
            || (!name.is_empty() && self.page_names.contains(&crate::text::fold(name)))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_addresses_aliases_and_the_page() {
        let desk = HelpDesk::parse(
            "[email]\naddresses = [\"MesaDeAyuda@minedu.gob.pe\"]\n\
             operator_mailboxes = { \"rquispe@minedu.gob.pe\" = \"op01\" }\n\
             [facebook]\npage_ids = [\"1048\"]\npage_names = [\"SIAGIE - MINEDU\"]\n",
        )
        .unwrap();
        assert!(desk.is_help_desk_address("mesadeayuda@MINEDU.gob.pe"));
        assert!(desk.is_help_desk_address("rquispe@minedu.gob.pe"));
        assert!(!desk.is_help_desk_address("profe@gmail.com"));
        assert_eq!(
            desk.operator_of_mailbox("RQuispe@minedu.gob.pe"),
            Some("op01")
        );
        assert!(desk.is_page("1048", ""));
        assert!(desk.is_page("", "Siagie - Minedu"));
        assert!(!desk.is_page("99", "Juan Pérez"));
    }

    #[test]
    fn an_unknown_key_names_its_line() {
        let err = HelpDesk::parse("[email]\naddresses = []\nmailbox = \"x\"\n").unwrap_err();
        assert_eq!(err.0, Some(3));
        assert!(err.1.contains("mailbox"), "{}", err.1);
    }
}
