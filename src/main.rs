//! The web app's entry point (built by Trunk for wasm32). Built natively,
//! the same crate is the office server's seeding tool (see
//! `tools/office/provision.mjs`): it prints the demo office as CouchDB
//! documents, with the same rules and ids as the app.

#[cfg(target_arch = "wasm32")]
fn main() {
    oasis::ui::start();
}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match args.first().map(String::as_str) {
        Some("seed") => match seed::run(&args[1..]) {
            Ok(json) => println!("{json}"),
            Err(why) => {
                eprintln!("oasis seed: {why}");
                std::process::exit(2);
            }
        },
        _ => eprintln!(
            "Oasis is a web app: run `./oasis serve` and open it in a browser.\n\
             Tool: `oasis seed --today YYYY-MM-DD --minute M [--server URL --office DB]` prints the demo\n\
             office as office server documents, with its accounts (and their invite links)."
        ),
    }
}

#[cfg(not(target_arch = "wasm32"))]
mod seed {
    use oasis::domain::date::Date;
    use oasis::domain::demo::{generate, DemoClock, DEMO_SEED};
    use oasis::domain::doc::{outgoing, Record};
    use oasis::domain::invite::{invite_query, link};
    use oasis::domain::people::login_name;
    use oasis::domain::replication::{PERSON_ROLE_PREFIX, ROLE_ADMIN, ROLE_EMPLOYEE};
    use std::collections::HashSet;

    fn flag<'a>(args: &'a [String], name: &str) -> Result<&'a str, String> {
        args.iter()
            .position(|a| a == name)
            .and_then(|i| args.get(i + 1))
            .map(String::as_str)
            .ok_or_else(|| format!("{name} is required"))
    }

    /// Paris's UTC offset on a day, in minutes: summer time from the last
    /// Sunday of March to the last Sunday of October (the EU rule). The
    /// browser reads it from `Intl`; the seed has no time zone data.
    fn paris_offset(day: Date) -> i32 {
        let last_sunday = |month: u32| {
            let last = Date::from_ymd(day.year(), month, 31).expect("March and October have 31 days");
            (0..7).map(|n| last.add_days(-n)).find(|d| d.weekday().index() == 6).expect("a Sunday in a week")
        };
        if day >= last_sunday(3) && day < last_sunday(10) { 120 } else { 60 }
    }

    /// The demo office on `--today` at `--minute` (office time), as
    /// `{"docs": [...], "accounts": [...]}`: documents with their first
    /// revisions, and one account per person (the first person, the demo's
    /// newcomer, is also the office admin), each with the query of its
    /// invite link when `--server` and `--office` are given.
    pub fn run(args: &[String]) -> Result<String, String> {
        let today = Date::parse_iso(flag(args, "--today")?).map_err(|_| "--today must be YYYY-MM-DD".to_owned())?;
        let minute: u32 = flag(args, "--minute")?.parse().map_err(|_| "--minute must be a number".to_owned())?;
        let clock = DemoClock { today, minute_of_day: minute, utc_offset: &paris_offset };
        let mut demo = generate(DEMO_SEED, &clock);
        // A real office: who you are comes from your account, not a picker.
        demo.office.demo = false;
        let docs: Vec<String> = demo.records().iter().map(|r| outgoing(r, None).json).collect();
        let office = match (flag(args, "--server"), flag(args, "--office")) {
            (Ok(server), Ok(db)) => Some((server, db)),
            _ => None,
        };
        let mut taken = HashSet::new();
        let accounts: Vec<String> = demo
            .records()
            .iter()
            .filter_map(|r| match r {
                Record::Person(p) => Some(p.clone()),
                _ => None,
            })
            .map(|person| {
                let base = login_name(&person.name);
                let name = (1..).map(|n| if n == 1 { base.clone() } else { format!("{base}{n}") }).find(|n| taken.insert(n.clone())).expect("a free name");
                let mut roles = vec![ROLE_EMPLOYEE.to_owned(), format!("{PERSON_ROLE_PREFIX}{}", person.meta.id)];
                if person.meta.id == demo.me {
                    roles.push(ROLE_ADMIN.to_owned());
                }
                let invite = match office {
                    Some((server, db)) => Some(invite_query(&link(server, db, &name).map_err(|e| e.to_string())?)),
                    None => None,
                };
                Ok(serde_json::json!({ "name": name, "display_name": person.name, "person_id": person.meta.id, "roles": roles, "invite": invite })
                    .to_string())
            })
            .collect::<Result<_, String>>()?;
        Ok(format!(r#"{{"docs":[{}],"accounts":[{}]}}"#, docs.join(","), accounts.join(",")))
    }
}
