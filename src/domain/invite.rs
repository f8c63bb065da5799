//! Joining an office: where its server is, which database, who signs in,
//! and the invite link that carries the three (the password never does).

use serde::{Deserialize, Serialize};
use std::fmt;

/// This device's office: the server, the office's database on it, and the
/// account that signs in there.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct OfficeLink {
    /// `http(s)://host[:port][/path]`, without a trailing slash.
    pub server: String,
    pub db: String,
    pub user: String,
}

impl OfficeLink {
    /// The database's address.
    pub fn db_url(&self) -> String {
        format!("{}/{}", self.server, percent_encode(&self.db))
    }
}

/// Why an office address or an invite was refused.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum InviteError {
    ServerRequired,
    /// Not an `http://` or `https://` address of a server.
    NotAServerAddress,
    OfficeRequired,
    /// Not a CouchDB database name (lower case letters, digits, `_$()+-/`).
    NotAnOfficeName,
    UserRequired,
    /// Control characters, a colon, or too long.
    NotAUserName,
    /// An invite link that was changed or cut off.
    Tampered,
    /// Not an Oasis invite link at all.
    NotAnInvite,
}

impl fmt::Display for InviteError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(self, f)
    }
}

const USER_MAX_CHARS: usize = 100;

/// Checks and tidies a server address as typed: the scheme and host are
/// required, no user or password in it, no query or fragment.
pub fn parse_server(text: &str) -> Result<String, InviteError> {
    let text = text.trim();
    if text.is_empty() {
        return Err(InviteError::ServerRequired);
    }
    let rest = text
        .strip_prefix("https://")
        .or_else(|| text.strip_prefix("http://"))
        .ok_or(InviteError::NotAServerAddress)?;
    let (authority, path) = rest.split_once('/').map_or((rest, ""), |(a, p)| (a, p));
    let (host, port) = match authority.strip_prefix('[') {
        // An IPv6 literal: [::1]:5984
        Some(v6) => match v6.split_once(']') {
            Some((host, rest)) if host.chars().all(|c| c.is_ascii_hexdigit() || c == ':') => (host, rest.strip_prefix(':')),
            _ => return Err(InviteError::NotAServerAddress),
        },
        None => match authority.split_once(':') {
            Some((host, port)) => (host, Some(port)),
            None => (authority, None),
        },
    };
    let host_ok = !host.is_empty() && host.chars().all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | ':'));
    let port_ok = port.is_none_or(|p| p.parse::<u16>().is_ok_and(|p| p > 0));
    let path_ok = path.chars().all(|c| c.is_ascii_alphanumeric() || matches!(c, '/' | '-' | '_' | '.' | '~' | '%'));
    if !host_ok || !port_ok || !path_ok || text.chars().any(char::is_whitespace) {
        return Err(InviteError::NotAServerAddress);
    }
    Ok(text.trim_end_matches('/').to_owned())
}

/// A CouchDB database name: a lower-case letter, then lower-case letters,
/// digits and `_$()+-/`, at most 238 characters.
pub fn parse_office(text: &str) -> Result<String, InviteError> {
    let text = text.trim();
    if text.is_empty() {
        return Err(InviteError::OfficeRequired);
    }
    let mut chars = text.chars();
    let first_ok = chars.next().is_some_and(|c| c.is_ascii_lowercase());
    let rest_ok = chars.all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || "_$()+-/".contains(c));
    if first_ok && rest_ok && text.len() <= 238 { Ok(text.to_owned()) } else { Err(InviteError::NotAnOfficeName) }
}

/// A CouchDB user name: not empty, no colon (CouchDB forbids it), no
/// control characters, not too long.
pub fn parse_user(text: &str) -> Result<String, InviteError> {
    let text = text.trim();
    if text.is_empty() {
        return Err(InviteError::UserRequired);
    }
    if text.contains(':') || text.chars().any(char::is_control) || text.chars().count() > USER_MAX_CHARS {
        return Err(InviteError::NotAUserName);
    }
    Ok(text.to_owned())
}

/// The fields of a link, checked.
pub fn link(server: &str, office: &str, user: &str) -> Result<OfficeLink, InviteError> {
    Ok(OfficeLink { server: parse_server(server)?, db: parse_office(office)?, user: parse_user(user)? })
}

/// A short check of an invite's fields: a link edited by hand or cut off
/// is told apart from a good one (it is not a secret: the password is).
fn check(link: &OfficeLink) -> String {
    let mut hash: u32 = 0x811c_9dc5;
    for byte in [link.server.as_bytes(), b"\n", link.db.as_bytes(), b"\n", link.user.as_bytes()].concat() {
        hash ^= u32::from(byte);
        hash = hash.wrapping_mul(0x0100_0193);
    }
    format!("{hash:08x}")
}

/// The query string of an invite link: `join&server=…&office=…&user=…&check=…`.
pub fn invite_query(link: &OfficeLink) -> String {
    format!(
        "join&server={}&office={}&user={}&check={}",
        percent_encode(&link.server),
        percent_encode(&link.db),
        percent_encode(&link.user),
        check(link)
    )
}

/// Whether a query string (`?…` of the app's address) is an invite.
pub fn is_invite(query: &str) -> bool {
    query.trim_start_matches('?').split('&').any(|p| p == "join")
}

/// Reads an invite link (the whole address, or its query string).
pub fn parse_invite(text: &str) -> Result<OfficeLink, InviteError> {
    let query = text.trim().split_once('?').map_or(text.trim(), |(_, q)| q);
    let query = query.split('#').next().unwrap_or_default();
    if !is_invite(query) {
        return Err(InviteError::NotAnInvite);
    }
    let mut fields = (None, None, None, None);
    for pair in query.split('&') {
        let Some((key, value)) = pair.split_once('=') else { continue };
        let value = percent_decode(value).ok_or(InviteError::Tampered)?;
        match key {
            "server" => fields.0 = Some(value),
            "office" => fields.1 = Some(value),
            "user" => fields.2 = Some(value),
            "check" => fields.3 = Some(value),
            _ => {}
        }
    }
    let (Some(server), Some(office), Some(user), Some(given)) = fields else {
        return Err(InviteError::Tampered);
    };
    let link = link(&server, &office, &user)?;
    if check(&link) == given { Ok(link) } else { Err(InviteError::Tampered) }
}

/// Percent-encodes all but RFC 3986's unreserved characters.
pub fn percent_encode(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for byte in text.bytes() {
        if byte.is_ascii_alphanumeric() || matches!(byte, b'-' | b'_' | b'.' | b'~') {
            out.push(byte as char);
        } else {
            out.push_str(&format!("%{byte:02X}"));
        }
    }
    out
}

/// Decodes `%XX` escapes (and `+` as a space); `None` for a broken escape
/// or bytes that are not UTF-8.
pub fn percent_decode(text: &str) -> Option<String> {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'%' => {
                let hex = std::str::from_utf8(bytes.get(i + 1..i + 3)?).ok()?;
                out.push(u8::from_str_radix(hex, 16).ok()?);
                i += 3;
            }
            b'+' => {
                out.push(b' ');
                i += 1;
            }
            b => {
                out.push(b);
                i += 1;
            }
        }
    }
    String::from_utf8(out).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn server_addresses() {
        assert_eq!(parse_server(" http://127.0.0.1:5984/ "), Ok("http://127.0.0.1:5984".into()));
        assert_eq!(parse_server("https://office.example.com/couch"), Ok("https://office.example.com/couch".into()));
        assert_eq!(parse_server("http://[::1]:5984"), Ok("http://[::1]:5984".into()));
        assert_eq!(parse_server(""), Err(InviteError::ServerRequired));
        for bad in [
            "office.example.com",
            "ftp://office.example.com",
            "http://",
            "http://admin:secret@office.example.com",
            "http://office.example.com:99999",
            "http://office example.com",
            "http://office.example.com/?x=1",
            "javascript:alert(1)",
            "http://<script>",
        ] {
            assert_eq!(parse_server(bad), Err(InviteError::NotAServerAddress), "{bad}");
        }
    }

    #[test]
    fn office_and_user_names() {
        assert_eq!(parse_office("oasis-paris"), Ok("oasis-paris".into()));
        assert_eq!(parse_office("Paris"), Err(InviteError::NotAnOfficeName));
        assert_eq!(parse_office("1office"), Err(InviteError::NotAnOfficeName));
        assert_eq!(parse_office("_users"), Err(InviteError::NotAnOfficeName));
        assert_eq!(parse_office(" "), Err(InviteError::OfficeRequired));
        assert_eq!(parse_user(" camille.laurent "), Ok("camille.laurent".into()));
        assert_eq!(parse_user("Zoé Núñez"), Ok("Zoé Núñez".into()));
        assert_eq!(parse_user("a:b"), Err(InviteError::NotAUserName));
        assert_eq!(parse_user("a\u{0}b"), Err(InviteError::NotAUserName));
        assert_eq!(parse_user(&"x".repeat(101)), Err(InviteError::NotAUserName));
        assert_eq!(parse_user(""), Err(InviteError::UserRequired));
    }

    #[test]
    fn invites_round_trip_and_refuse_edits() {
        let office = link("http://127.0.0.1:5984", "oasis-paris", "zoé.núñez").unwrap();
        let query = invite_query(&office);
        assert!(query.starts_with("join&server=http%3A%2F%2F127.0.0.1%3A5984&office=oasis-paris&user=zo%C3%A9.n%C3%BA%C3%B1ez&check="));
        let url = format!("https://app.example/?{query}");
        assert_eq!(parse_invite(&url), Ok(office.clone()));
        assert_eq!(parse_invite(&query), Ok(office.clone()));
        // Edited by hand: another user, another server.
        assert_eq!(parse_invite(&url.replace("zo%C3%A9", "max")), Err(InviteError::Tampered));
        assert_eq!(parse_invite(&url.replace("127.0.0.1", "10.0.0.9")), Err(InviteError::Tampered));
        // Cut off before the check.
        assert_eq!(parse_invite(&url[..url.find("&check").unwrap()]), Err(InviteError::Tampered));
        assert_eq!(parse_invite(&url.replace("%C3%A9", "%C3")), Err(InviteError::Tampered));
        assert_eq!(parse_invite("https://example.com/?q=1"), Err(InviteError::NotAnInvite));
        assert_eq!(parse_invite(""), Err(InviteError::NotAnInvite));
        // A valid check on invalid fields is still refused for the field.
        let bad = OfficeLink { server: "ftp://x".into(), db: "a".into(), user: "u".into() };
        assert_eq!(parse_invite(&invite_query(&bad)), Err(InviteError::NotAServerAddress));
        assert_eq!(office.db_url(), "http://127.0.0.1:5984/oasis-paris");
    }

    #[test]
    fn percent_coding() {
        assert_eq!(percent_encode("a b/ü"), "a%20b%2F%C3%BC");
        assert_eq!(percent_decode("a%20b%2F%C3%BC+c").as_deref(), Some("a b/ü c"));
        assert_eq!(percent_decode("%"), None);
        assert_eq!(percent_decode("%zz"), None);
        assert_eq!(percent_decode("%FF"), None);
    }
}
