//! People of the office and their teams.

use super::record::Meta;
use super::text::{single_line, FieldError};
use serde::{Deserialize, Serialize};

pub const NAME_MAX_CHARS: usize = 100;

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Team {
    pub id: String,
    pub name: String,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Person {
    pub meta: Meta,
    pub name: String,
    pub team_id: String,
    /// The number of this person's current pass: the admin replaces a pass
    /// by raising it, and older passes stop working.
    #[serde(default = "first_pass")]
    pub pass_number: u32,
}

fn first_pass() -> u32 {
    1
}

/// What the "Join as employee" form holds, as typed.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct PersonForm {
    pub name: String,
    pub team_id: String,
}

/// A form that passed validation: the cleaned values to store.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ValidPerson {
    pub name: String,
    pub team_id: String,
}

/// Per-field errors of a rejected form.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct PersonErrors {
    pub name: Option<FieldError>,
    pub team: Option<FieldError>,
}

impl PersonForm {
    pub fn validate(&self, teams: &[Team]) -> Result<ValidPerson, PersonErrors> {
        let name = single_line(&self.name, NAME_MAX_CHARS);
        let team = if self.team_id.trim().is_empty() {
            Err(FieldError::Required)
        } else if teams.iter().any(|t| t.id == self.team_id) {
            Ok(self.team_id.clone())
        } else {
            Err(FieldError::UnknownTeam)
        };
        match (name, team) {
            (Ok(name), Ok(team_id)) => Ok(ValidPerson { name, team_id }),
            (name, team) => Err(PersonErrors { name: name.err(), team: team.err() }),
        }
    }
}

/// The account name an office server gives a person: their name folded to
/// lower-case ASCII letters and digits, words joined by dots ("Zoé
/// Núñez-O'Connor" is "zoe.nunez-oconnor"). Names with nothing foldable
/// (another script) fall back to `person`.
pub fn login_name(name: &str) -> String {
    let folded = super::text::fold(name);
    let mut out = String::new();
    for word in folded.split_whitespace() {
        let word: String = word.chars().filter(|c| c.is_ascii_alphanumeric() || *c == '-').collect();
        if !word.is_empty() {
            if !out.is_empty() {
                out.push('.');
            }
            out.push_str(&word);
        }
    }
    if out.is_empty() { "person".into() } else { out }
}

/// The teams a newly set-up office starts with.
pub fn default_teams() -> Vec<Team> {
    [
        ("engineering", "Engineering"),
        ("product", "Product"),
        ("design", "Design"),
        ("sales", "Sales"),
        ("marketing", "Marketing"),
        ("operations", "Operations"),
        ("finance", "Finance"),
        ("people", "People & Culture"),
    ]
    .into_iter()
    .map(|(id, name)| Team { id: id.into(), name: name.into() })
    .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn form(name: &str, team: &str) -> PersonForm {
        PersonForm { name: name.into(), team_id: team.into() }
    }

    #[test]
    fn login_names() {
        assert_eq!(login_name("Camille Laurent"), "camille.laurent");
        assert_eq!(login_name("  Zoé  Núñez-O'Connor "), "zoe.nunez-oconnor");
        assert_eq!(login_name("Søren Yılmaz"), "soren.yilmaz");
        assert_eq!(login_name("東京"), "person");
    }

    #[test]
    fn valid_form_is_cleaned() {
        let teams = default_teams();
        assert_eq!(
            form("  Ana Núñez ", "design").validate(&teams),
            Ok(ValidPerson { name: "Ana Núñez".into(), team_id: "design".into() })
        );
    }

    #[test]
    fn every_field_reports_its_own_error() {
        let teams = default_teams();
        assert_eq!(
            form("   ", "").validate(&teams),
            Err(PersonErrors { name: Some(FieldError::Required), team: Some(FieldError::Required) })
        );
        assert_eq!(
            form(&"x".repeat(101), "astronauts").validate(&teams),
            Err(PersonErrors {
                name: Some(FieldError::TooLong { max: 100 }),
                team: Some(FieldError::UnknownTeam)
            })
        );
        assert_eq!(
            form("Bob\u{0000}", "sales").validate(&teams),
            Err(PersonErrors { name: Some(FieldError::ForbiddenCharacters), team: None })
        );
    }
}
