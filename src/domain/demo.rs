//! The demo office: a generated, deterministic data set that a newcomer
//! explores and the benchmarks run on. The same seed, day and clock give the
//! same records, ids included, on every device.

use super::announcements::{Announcement, AnnouncementKind, EventDetails, RsvpEvent};
use super::attendance::{CheckEvent, CheckKind, CheckMethod};
use super::books::{isbn13_check_digit, Book};
use super::date::{french_public_holidays, Date, Instant, MS_PER_DAY};
use super::library::{
    can_borrow, can_join, can_return, book_shelf, due_date, open_loans, HoldEvent, HoldEventKind, HoldUntil, LendingRefusal,
    LoanEvent, LoanEventKind, Shelf,
};
use super::attendance::visits;
use super::meals::{default_menu, MealSet};
use super::reservations::{bookable_days, can_reserve, reservations, Limits, OfficeNow, ReservationEvent, ReservationKind};
use super::people::Person;
use super::doc::Record;
use super::record::{ulid, Meta};
use super::settings::OfficeSettings;
use std::future::Future;
use std::pin::pin;
use std::task::{Context, Poll, Waker};

pub const DEMO_SEED: u64 = 0x0A51_5202;
/// Device id stamped on every demo record.
pub const DEMO_DEVICE: &str = "demo";
/// Days of attendance history, today included.
pub const HISTORY_DAYS: i32 = 90;
/// The person the newcomer is in the demo: always the first person.
pub const DEMO_ME_NAME: &str = "Camille Laurent";

/// Team sizes, in the order of [`default_teams`]: 120 people.
const TEAM_SIZES: [usize; 8] = [30, 14, 10, 20, 14, 12, 10, 10];

const FIRST_NAMES: [&str; 64] = [
    "Camille", "Léa", "Hugo", "Chloé", "Lucas", "Manon", "Louis", "Inès", "Gabriel", "Zoé", "Arthur", "Jade",
    "Raphaël", "Emma", "Jules", "Alice", "Adam", "Lina", "Nathan", "Sarah", "Théo", "Maëlle", "Noah", "Anaïs",
    "Mathis", "Clémence", "Yasmine", "Karim", "Amina", "Olivier", "Sophie", "Thomas", "Priya", "Arjun", "Mei",
    "Wei", "Sofía", "Mateo", "Lucía", "Diego", "Ngozi", "Chidi", "Aiko", "Kenji", "Søren", "Astrid", "Lukas",
    "Hannah", "Giulia", "Marco", "Ana", "João", "Fatou", "Moussa", "Élodie", "Benoît", "Agnès", "Loïc",
    "Oksana", "Dmitri", "Siobhan", "Liam", "Noor", "Omar",
];

const LAST_NAMES: [&str; 64] = [
    "Laurent", "Martin", "Bernard", "Dubois", "Thomas", "Robert", "Richard", "Petit", "Durand", "Leroy",
    "Moreau", "Simon", "Lefèvre", "Michel", "Garcia", "David", "Bertrand", "Roux", "Vincent", "Fournier",
    "Morel", "Girard", "André", "Mercier", "Dupont", "Lambert", "Bonnet", "François", "Martinez", "Legrand",
    "Nguyen", "Chen", "Okafor", "Haddad", "Benali", "Diallo", "Sato", "Tanaka", "Kowalski", "Novak", "Jensen",
    "Schmidt", "Rossi", "Ferreira", "Silva", "Patel", "Sharma", "O'Connor", "Murphy", "Müller", "Ivanova",
    "López", "Fernández", "Kaya", "Yılmaz", "Núñez", "Brennan", "Duchêne", "Faure", "Gauthier", "Rey",
    "Clément", "Lemaire", "Barbier",
];

/// (title, authors, tags): the office's recommended reading list.
const BOOKS: [(&str, &[&str], &[&str]); 60] = [
    ("L'Étranger", &["Albert Camus"], &["novel", "classic", "french"]),
    ("Le Petit Prince", &["Antoine de Saint-Exupéry"], &["classic", "french"]),
    ("Les Misérables", &["Victor Hugo"], &["novel", "classic", "french"]),
    ("Madame Bovary", &["Gustave Flaubert"], &["novel", "classic", "french"]),
    ("Du côté de chez Swann", &["Marcel Proust"], &["novel", "classic", "french"]),
    ("La Peste", &["Albert Camus"], &["novel", "classic", "french"]),
    ("Bonjour tristesse", &["Françoise Sagan"], &["novel", "french"]),
    ("L'Élégance du hérisson", &["Muriel Barbery"], &["novel", "french"]),
    ("Les Années", &["Annie Ernaux"], &["memoir", "french"]),
    ("Vernon Subutex", &["Virginie Despentes"], &["novel", "french"]),
    ("Pride and Prejudice", &["Jane Austen"], &["novel", "classic"]),
    ("One Hundred Years of Solitude", &["Gabriel García Márquez"], &["novel", "classic"]),
    ("Things Fall Apart", &["Chinua Achebe"], &["novel", "classic"]),
    ("Americanah", &["Chimamanda Ngozi Adichie"], &["novel"]),
    ("Norwegian Wood", &["Haruki Murakami"], &["novel"]),
    ("The Remains of the Day", &["Kazuo Ishiguro"], &["novel"]),
    ("Klara and the Sun", &["Kazuo Ishiguro"], &["novel", "science-fiction"]),
    ("Beloved", &["Toni Morrison"], &["novel", "classic"]),
    ("The Left Hand of Darkness", &["Ursula K. Le Guin"], &["science-fiction", "classic"]),
    ("Dune", &["Frank Herbert"], &["science-fiction", "classic"]),
    ("The Three-Body Problem", &["Liu Cixin"], &["science-fiction"]),
    ("Project Hail Mary", &["Andy Weir"], &["science-fiction"]),
    ("Station Eleven", &["Emily St. John Mandel"], &["novel", "science-fiction"]),
    ("The Name of the Rose", &["Umberto Eco"], &["novel", "mystery"]),
    ("Gone Girl", &["Gillian Flynn"], &["mystery"]),
    ("The Girl with the Dragon Tattoo", &["Stieg Larsson"], &["mystery"]),
    ("Thinking, Fast and Slow", &["Daniel Kahneman"], &["psychology", "non-fiction"]),
    ("Sapiens", &["Yuval Noah Harari"], &["history", "non-fiction"]),
    ("The Mythical Man-Month", &["Frederick P. Brooks Jr."], &["software", "management"]),
    ("The Pragmatic Programmer", &["David Thomas", "Andrew Hunt"], &["software"]),
    ("Clean Code", &["Robert C. Martin"], &["software"]),
    ("Designing Data-Intensive Applications", &["Martin Kleppmann"], &["software"]),
    ("Refactoring", &["Martin Fowler"], &["software"]),
    ("Domain-Driven Design", &["Eric Evans"], &["software"]),
    ("The Rust Programming Language", &["Steve Klabnik", "Carol Nichols"], &["software", "rust"]),
    ("Programming Rust", &["Jim Blandy", "Jason Orendorff", "Leonora F. S. Tindall"], &["software", "rust"]),
    ("Accelerate", &["Nicole Forsgren", "Jez Humble", "Gene Kim"], &["software", "management"]),
    ("The Phoenix Project", &["Gene Kim", "Kevin Behr", "George Spafford"], &["management", "novel"]),
    ("Inspired", &["Marty Cagan"], &["product"]),
    ("The Lean Startup", &["Eric Ries"], &["product", "business"]),
    ("Continuous Discovery Habits", &["Teresa Torres"], &["product"]),
    ("The Design of Everyday Things", &["Don Norman"], &["design"]),
    ("Don't Make Me Think", &["Steve Krug"], &["design"]),
    ("Atomic Habits", &["James Clear"], &["self-help"]),
    ("Deep Work", &["Cal Newport"], &["self-help"]),
    ("Radical Candor", &["Kim Scott"], &["management"]),
    ("The Manager's Path", &["Camille Fournier"], &["management", "software"]),
    ("High Output Management", &["Andrew S. Grove"], &["management"]),
    ("Crossing the Chasm", &["Geoffrey A. Moore"], &["business", "sales"]),
    ("Never Split the Difference", &["Chris Voss", "Tahl Raz"], &["sales", "business"]),
    ("Good Strategy Bad Strategy", &["Richard Rumelt"], &["business"]),
    ("Factfulness", &["Hans Rosling", "Ola Rosling", "Anna Rosling Rönnlund"], &["non-fiction"]),
    ("Invisible Women", &["Caroline Criado Perez"], &["non-fiction"]),
    ("Braiding Sweetgrass", &["Robin Wall Kimmerer"], &["nature", "non-fiction"]),
    ("The Hidden Life of Trees", &["Peter Wohlleben"], &["nature", "non-fiction"]),
    ("Salt, Fat, Acid, Heat", &["Samin Nosrat"], &["cooking"]),
    ("Persepolis", &["Marjane Satrapi"], &["comics", "memoir"]),
    ("Astérix le Gaulois", &["René Goscinny", "Albert Uderzo"], &["comics", "french"]),
    ("Maus", &["Art Spiegelman"], &["comics", "history"]),
    ("Educated", &["Tara Westover"], &["memoir"]),
];

/// Everything the demo office holds, ready to store.
pub struct DemoOffice {
    pub office: OfficeSettings,
    pub people: Vec<Person>,
    /// The id of the person the newcomer plays.
    pub me: String,
    pub checkins: Vec<CheckEvent>,
    pub books: Vec<Book>,
    pub meal_sets: Vec<MealSet>,
    pub announcements: Vec<Announcement>,
    pub loans: Vec<LoanEvent>,
    pub holds: Vec<HoldEvent>,
    pub reservations: Vec<ReservationEvent>,
    pub rsvps: Vec<RsvpEvent>,
}

impl DemoOffice {
    /// Every record of the office, as a server or a backup holds them.
    pub fn records(&self) -> Vec<Record> {
        let mut out = vec![Record::Office(self.office.clone())];
        out.extend(self.people.iter().cloned().map(Record::Person));
        out.extend(self.checkins.iter().cloned().map(Record::Checkin));
        out.extend(self.books.iter().cloned().map(Record::Book));
        out.extend(self.loans.iter().cloned().map(Record::Loan));
        out.extend(self.holds.iter().cloned().map(Record::Hold));
        out.extend(self.meal_sets.iter().cloned().map(Record::MealSet));
        out.extend(self.reservations.iter().cloned().map(Record::Reservation));
        out.extend(self.announcements.iter().cloned().map(Record::Announcement));
        out.extend(self.rsvps.iter().cloned().map(Record::Rsvp));
        out
    }
}

/// SplitMix64: small, fast, and the same on every platform.
struct Rng(u64);

impl Rng {
    fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// Uniform in `0.0..1.0`.
    fn unit(&mut self) -> f64 {
        (self.next_u64() >> 11) as f64 / (1u64 << 53) as f64
    }

    fn below(&mut self, n: u64) -> u64 {
        self.next_u64() % n
    }

    fn range(&mut self, low: i64, high_inclusive: i64) -> i64 {
        low + self.below((high_inclusive - low + 1) as u64) as i64
    }

    fn chance(&mut self, p: f64) -> bool {
        self.unit() < p
    }

    fn id(&mut self, at: Instant) -> String {
        let bytes = self.next_u64().to_be_bytes();
        let more = self.next_u64().to_be_bytes();
        let mut random = [0u8; 10];
        random[..8].copy_from_slice(&bytes);
        random[8..].copy_from_slice(&more[..2]);
        ulid(at.max(0) as u64, random)
    }

    fn meta(&mut self, at: Instant) -> Meta {
        Meta::new(self.id(at), at, DEMO_DEVICE)
    }
}

/// The office clock when the demo is made: its local day and minute, and the
/// UTC offset (minutes) of any local day, which the browser reads from the
/// office's time zone.
pub struct DemoClock<'a> {
    pub today: Date,
    pub minute_of_day: u32,
    pub utc_offset: &'a dyn Fn(Date) -> i32,
}

/// How likely someone comes in on each weekday, relative to Tuesday:
/// Mondays and Fridays are quieter.
const WEEKDAY_FACTOR: [f64; 5] = [0.82, 1.0, 0.93, 0.98, 0.66];

/// Books in the demo office: its recommended list.
pub const DEMO_BOOKS: usize = BOOKS.len();

/// Where a long generation lets its caller pause: the browser gives the
/// page its turn there (making the demo office takes hundreds of
/// milliseconds on a slow phone, too long to hold the page still).
pub trait Pause {
    fn pause(&mut self) -> impl Future<Output = ()>;
}

/// Never pauses: the generation runs in one go.
pub struct NoPause;

impl Pause for NoPause {
    async fn pause(&mut self) {}
}

/// The demo office with its recommended list of books.
pub fn generate(seed: u64, clock: &DemoClock<'_>) -> DemoOffice {
    generate_with_books(seed, clock, DEMO_BOOKS)
}

/// The demo office with `book_count` books, in one go.
pub fn generate_with_books(seed: u64, clock: &DemoClock<'_>, book_count: usize) -> DemoOffice {
    // Never pausing, the generation is done at its first poll.
    let mut never = NoPause;
    let mut making = pin!(generate_pausing(seed, clock, book_count, &mut never));
    match making.as_mut().poll(&mut Context::from_waker(Waker::noop())) {
        Poll::Ready(demo) => demo,
        Poll::Pending => unreachable!("NoPause never waits"),
    }
}

/// The demo office with `book_count` books: the recommended list, then
/// generated titles (for trying and measuring the app at scale). It pauses
/// often, wherever `pause` may end its turn: the same records come out
/// whatever the pauses.
pub async fn generate_pausing(seed: u64, clock: &DemoClock<'_>, book_count: usize, pause: &mut impl Pause) -> DemoOffice {
    let mut rng = Rng(seed);
    let today = clock.today;
    let first_day = today.add_days(-(HISTORY_DAYS - 1));
    let at = |day: Date, minute: u32| day.at_minute(minute, (clock.utc_offset)(day));
    let office_created = at(first_day.add_days(-30), 9 * 60);

    let mut holidays: Vec<Date> = (first_day.year()..=today.year() + 1).flat_map(french_public_holidays).collect();
    holidays.sort_unstable();
    holidays.dedup();
    // The door codes' and passes' key: a stream of its own, so the rest
    // of the office is the same with or without it.
    let mut key = Rng(seed ^ 0x5EC2_E7D0_02C0_DE00);
    let office = OfficeSettings {
        name: "Paris office".into(),
        capacity: 120,
        holidays,
        demo: true,
        door_secret: (0..4).map(|_| format!("{:016x}", key.next_u64())).collect(),
        ..OfficeSettings::new("Europe/Paris", office_created, DEMO_DEVICE)
    };
    let calendar = office.calendar();

    let people = make_people(&mut rng, &office, office_created);
    let me = people[0].meta.id.clone();
    // Separate streams, so that today's clock, which decides how many of
    // today's check-ins exist, changes no other record.
    let mut books = make_books(&mut Rng(seed ^ 0xB00C), &people, office_created);
    books.extend(make_more_books(&mut Rng(seed ^ 0xB00D), &people, office_created, book_count.saturating_sub(books.len())));
    books.truncate(book_count);
    let mut menu_rng = Rng(seed ^ 0x3EA1);
    let meal_sets = default_menu(|| menu_rng.meta(office_created));
    let announcements = make_announcements(&mut Rng(seed ^ 0xA770), today, &at);
    let lending = Lending::simulate(
        &mut Rng(seed ^ 0x1E4D),
        &books,
        &people,
        &office,
        (first_day, today),
        at(today, clock.minute_of_day),
        &at,
        clock.utc_offset,
        pause,
    )
    .await;
    let mut rng = Rng(seed ^ 0xDA75);

    // Each person's habits: how often they come in, when they arrive, and
    // their holidays (blocks of working days away).
    struct Habit {
        presence: f64,
        arrival: i64,
        away: Vec<(Date, Date)>,
    }
    let habits: Vec<Habit> = people
        .iter()
        .map(|_| {
            let presence = if rng.chance(0.12) { 0.3 + 0.2 * rng.unit() } else { 0.72 + 0.26 * rng.unit() };
            let arrival = rng.range(7 * 60 + 45, 9 * 60 + 50);
            let away = (0..rng.below(3))
                .map(|_| {
                    let start = first_day.add_days(rng.range(0, i64::from(HISTORY_DAYS) - 5) as i32);
                    (start, start.add_days(rng.range(2, 11) as i32))
                })
                .collect();
            Habit { presence, arrival, away }
        })
        .collect();

    let mut checkins = Vec::new();
    for day in first_day.through(today) {
        if !calendar.is_working_day(day) {
            continue;
        }
        pause.pause().await;
        let factor = WEEKDAY_FACTOR[day.weekday().index()];
        for (person, habit) in people.iter().zip(&habits) {
            let away = habit.away.iter().any(|&(from, to)| day >= from && day <= to);
            // Draw every number whatever the branch, so one person's day
            // does not shift everyone else's.
            let (comes, sick) = (rng.chance(habit.presence * factor), rng.chance(0.025));
            let arrival = (habit.arrival + rng.range(-25, 25)) as u32;
            let departure = arrival + rng.range(7 * 60 + 20, 9 * 60 + 30) as u32;
            let forgets_to_check_out = rng.chance(0.08);
            let method = match rng.below(20) {
                0..=13 => CheckMethod::Tap,
                14..=16 => CheckMethod::DoorCode,
                17..=18 => CheckMethod::Kiosk,
                _ => CheckMethod::Pass,
            };
            let is_today = day == today;
            if away || sick || !comes || (is_today && (person.meta.id == me || arrival > clock.minute_of_day)) {
                continue;
            }
            let event = |rng: &mut Rng, kind: CheckKind, minute: u32| {
                let when = at(day, minute);
                CheckEvent { meta: rng.meta(when), person_id: person.meta.id.clone(), day, at: when, kind, method }
            };
            checkins.push(event(&mut rng, CheckKind::In, arrival));
            if !forgets_to_check_out && (!is_today || departure <= clock.minute_of_day) {
                checkins.push(event(&mut rng, CheckKind::Out, departure));
            }
        }
    }

    let reservations = make_reservations(
        &mut Rng(seed ^ 0x3EA2),
        &meal_sets,
        &people,
        &checkins,
        &office,
        (first_day, today),
        OfficeNow { day: today, minute: clock.minute_of_day },
        &at,
        pause,
    )
    .await;
    let rsvps = make_rsvps(&mut Rng(seed ^ 0x5F5F), &announcements, &people, at(today, clock.minute_of_day));
    DemoOffice {
        office,
        people,
        me,
        checkins,
        books,
        meal_sets,
        announcements,
        loans: lending.loans,
        holds: lending.holds,
        reservations,
        rsvps,
    }
}

/// A third of the office has answered the team event's invitation, most of
/// them going; the newcomer has not answered yet.
fn make_rsvps(rng: &mut Rng, announcements: &[Announcement], people: &[Person], now: Instant) -> Vec<RsvpEvent> {
    let Some(event) = announcements.iter().find(|a| a.event.is_some()) else { return Vec::new() };
    people
        .iter()
        .skip(1)
        .filter_map(|person| {
            let answers = rng.chance(0.33);
            let going = rng.chance(0.8);
            let at = event.publish_at + rng.range(60_000, (now - event.publish_at).max(120_000));
            answers.then(|| RsvpEvent {
                meta: rng.meta(at),
                announcement_id: event.meta.id.clone(),
                person_id: person.meta.id.clone(),
                at,
                going,
            })
        })
        .collect()
}

/// The demo's meal reservations: about half of those in the office reserve
/// in the morning before the cutoff; most collect at lunch, a few cancel or
/// never come; and some have reserved for the coming days already. Each one
/// is allowed by the meal rules at the moment it is made.
#[allow(clippy::too_many_arguments)]
async fn make_reservations(
    rng: &mut Rng,
    menu: &[MealSet],
    people: &[Person],
    checkins: &[CheckEvent],
    office: &OfficeSettings,
    (first_day, today): (Date, Date),
    now: OfficeNow,
    at: &dyn Fn(Date, u32) -> Instant,
    pause: &mut impl Pause,
) -> Vec<ReservationEvent> {
    let rules = office.meal_rules();
    let limits = Limits::new(menu, &rules);
    let calendar = office.calendar();
    let now_at = at(now.day, now.minute);
    let mut events: Vec<ReservationEvent> = Vec::new();
    let present: Vec<(Date, String)> = visits(checkins).into_iter().map(|v| (v.day, v.person_id)).collect();
    let event = |rng: &mut Rng, res: Option<&str>, person: &str, meal: &str, day: Date, when: Instant, kind| {
        let meta = rng.meta(when);
        let reservation_id = res.map_or_else(|| meta.id.clone(), str::to_owned);
        ReservationEvent { meta, reservation_id, person_id: person.to_owned(), meal_set_id: meal.to_owned(), day, at: when, kind }
    };
    // Who reserves on which day: those in the office that day, and for the
    // coming days a few who plan ahead.
    let mut plans: Vec<(Date, &str, u32)> = Vec::new();
    for (day, person) in &present {
        if rng.chance(0.45) {
            plans.push((*day, person.as_str(), rng.range(8 * 60, 10 * 60 + 20) as u32));
        }
    }
    for day in bookable_days(now, &calendar, &rules).into_iter().filter(|d| *d > today) {
        for person in people {
            if rng.chance(0.18) {
                plans.push((day, person.meta.id.as_str(), now.minute.saturating_sub(rng.range(1, 60) as u32)));
            }
        }
    }
    plans.sort_by_key(|(day, _, minute)| (*day, *minute));
    // Plans come day by day and every event is for its plan's day, so a
    // day's events are the tail from where that day began: the limits are
    // checked against them alone, not the whole history (which made the
    // demo's generation quadratic).
    let mut day_began = (first_day, 0);
    for (day, person, minute) in plans {
        if day != day_began.0 {
            day_began = (day, events.len());
        }
        pause.pause().await;
        // Reserved that morning for today and the past; earlier today for
        // the coming days.
        let (booked_on, minute) = if day > today { (today, minute) } else { (day, minute) };
        let when = at(booked_on, minute);
        if when > now_at || day < first_day {
            continue;
        }
        let moment = OfficeNow { day: booked_on, minute };
        let that_day = reservations(events[day_began.1..].iter(), &limits);
        let pick = menu[rng.below(menu.len() as u64) as usize].clone();
        if can_reserve(&pick, day, moment, &calendar, &rules, &that_day, person).is_err() {
            continue;
        }
        let reserve = event(rng, None, person, &pick.meta.id, day, when, ReservationKind::reserve(&pick, &rules));
        let id = reserve.reservation_id.clone();
        events.push(reserve);
        let fate = rng.unit();
        if fate < 0.05 && minute + 5 < rules.cutoff_minute {
            let cancelled = at(booked_on, minute + 5);
            if cancelled <= now_at {
                events.push(event(rng, Some(&id), person, &pick.meta.id, day, cancelled, ReservationKind::Cancel));
            }
        } else if fate < 0.93 {
            let lunch = at(day, rng.range(12 * 60, 13 * 60 + 30) as u32);
            if lunch <= now_at {
                events.push(event(rng, Some(&id), person, &pick.meta.id, day, lunch, ReservationKind::PickUp));
            }
        } else {
            let next_morning = at(day.add_days(1), 9 * 60);
            if next_morning <= now_at {
                events.push(event(rng, Some(&id), person, &pick.meta.id, day, next_morning, ReservationKind::NoShow));
            }
        }
    }
    events
}

/// The demo's borrowing history: 90 days of readers borrowing, returning
/// (some late), renewing and queueing, every step allowed by the lending
/// rules because each one is decided by them.
struct Lending {
    loans: Vec<LoanEvent>,
    holds: Vec<HoldEvent>,
    /// Loan id, borrower index, and the day they mean to bring it back
    /// (`None`: still out at the end).
    plans: Vec<(String, usize, Option<Date>)>,
}

impl Lending {
    fn shelf(&self, book: &Book, hold_until: HoldUntil<'_>, now: Instant) -> Shelf {
        let loans: Vec<&LoanEvent> = self.loans.iter().filter(|e| e.book_id == book.meta.id).collect();
        let holds: Vec<&HoldEvent> = self.holds.iter().filter(|e| e.book_id == book.meta.id).collect();
        book_shelf(book, &loans, &holds, hold_until, now)
    }

    fn loans_of(&self, person_id: &str) -> usize {
        open_loans(self.loans.iter().filter(|e| e.person_id == person_id)).len()
    }

    fn record_loan(&mut self, rng: &mut Rng, book: &Book, person: &Person, at: Instant, kind: LoanEventKind, loan_id: Option<String>) -> String {
        let meta = rng.meta(at);
        let loan_id = loan_id.unwrap_or_else(|| meta.id.clone());
        self.loans.push(LoanEvent { meta, loan_id: loan_id.clone(), book_id: book.meta.id.clone(), person_id: person.meta.id.clone(), at, kind });
        loan_id
    }

    #[allow(clippy::too_many_arguments)]
    async fn simulate(
        rng: &mut Rng,
        books: &[Book],
        people: &[Person],
        office: &OfficeSettings,
        (first_day, today): (Date, Date),
        now: Instant,
        at: &dyn Fn(Date, u32) -> Instant,
        utc_offset: &dyn Fn(Date) -> i32,
        pause: &mut impl Pause,
    ) -> Lending {
        let rules = office.lending();
        let calendar = office.calendar();
        let hold_until = office.hold_until(utc_offset);
        let mut lending = Lending { loans: Vec::new(), holds: Vec::new(), plans: Vec::new() };
        // A third of the office reads; the newcomer (index 0) among them.
        let readers: Vec<usize> = (0..people.len()).filter(|i| *i == 0 || rng.chance(0.35)).collect();
        let mut day = first_day;
        while day <= today {
            if !calendar.is_working_day(day) {
                day = day.add_days(1);
                continue;
            }
            let mut minute = 8 * 60 + 30;
            let mut tick = |rng: &mut Rng| {
                minute += 5 + rng.below(20) as u32;
                at(day, minute.min(23 * 60))
            };
            // Books come back on the first working day on or after the day
            // their reader meant to return them.
            let due_back: Vec<(String, usize)> = lending
                .plans
                .iter()
                .filter(|(_, _, back)| back.is_some_and(|b| b <= day))
                .map(|(loan, reader, _)| (loan.clone(), *reader))
                .collect();
            lending.plans.retain(|(_, _, back)| back.is_none_or(|b| b > day));
            for (loan_id, reader) in due_back {
                let when = tick(rng);
                let book = lending.loans.iter().find(|e| e.loan_id == loan_id).map(|e| e.book_id.clone());
                let Some(book) = books.iter().find(|b| Some(&b.meta.id) == book.as_ref()) else { continue };
                if when <= now && can_return(&lending.shelf(book, &hold_until, when), &loan_id).is_ok() {
                    let person = &people[reader];
                    lending.record_loan(rng, book, person, when, LoanEventKind::Return { recorded_by: person.meta.id.clone() }, Some(loan_id));
                }
            }
            // Most people collect a copy held for them.
            for book in books {
                pause.pause().await;
                let when = tick(rng);
                let shelf = lending.shelf(book, &hold_until, when);
                for hold in &shelf.ready {
                    let Some(reader) = people.iter().position(|p| p.meta.id == hold.person_id) else { continue };
                    let their_loans = lending.loans_of(&hold.person_id);
                    if when <= now && rng.chance(0.6) && can_borrow(&shelf, false, &hold.person_id, their_loans, &rules).is_ok() {
                        let due = due_date(day, &rules, &calendar);
                        let loan_id = lending.record_loan(rng, book, &people[reader], when, LoanEventKind::Borrow { due, copies: Some(book.copies) }, None);
                        let back = day.add_days(rng.range(5, 25) as i32);
                        lending.plans.push((loan_id, reader, Some(back)));
                        break;
                    }
                }
            }
            // The newcomer's own visits to the shelf: borrow something that
            // is free, and once, queue for something that is not.
            let visit = today.days_since(day);
            if matches!(visit, 23 | 12 | 4) {
                let when = tick(rng);
                let me = &people[0];
                let mine = lending.loans_of(&me.meta.id);
                let free = books.iter().skip(visit as usize).find(|b| {
                    can_borrow(&lending.shelf(b, &hold_until, when), false, &me.meta.id, mine, &rules).is_ok()
                });
                if let (Some(book), true) = (free, when <= now) {
                    let due = due_date(day, &rules, &calendar);
                    let loan_id = lending.record_loan(rng, book, me, when, LoanEventKind::Borrow { due, copies: Some(book.copies) }, None);
                    lending.plans.push((loan_id, 0, None));
                }
                let busy = books.iter().find(|b| can_join(&lending.shelf(b, &hold_until, when), false, &me.meta.id).is_ok());
                if let (Some(book), 4, true) = (busy, visit, when <= now) {
                    let meta = rng.meta(when);
                    let hold_id = meta.id.clone();
                    lending.holds.push(HoldEvent { meta, hold_id, book_id: book.meta.id.clone(), person_id: me.meta.id.clone(), at: when, kind: HoldEventKind::Join });
                }
            }
            // A few borrow attempts a day; popular books first in line.
            for _ in 0..1 + rng.below(4) {
                let when = tick(rng);
                let reader = readers[rng.below(readers.len() as u64) as usize];
                let pick = if rng.chance(0.5) { rng.below(20) } else { rng.below(books.len() as u64) };
                let book = &books[pick as usize];
                if when > now {
                    break;
                }
                let person = &people[reader];
                let shelf = lending.shelf(book, &hold_until, when);
                let their_loans = lending.loans_of(&person.meta.id);
                match can_borrow(&shelf, false, &person.meta.id, their_loans, &rules) {
                    Ok(()) => {
                        let due = due_date(day, &rules, &calendar);
                        let loan_id = lending.record_loan(rng, book, person, when, LoanEventKind::Borrow { due, copies: Some(book.copies) }, None);
                        // Mostly on time, sometimes late, some still out. The
                        // newcomer keeps what they borrowed in the last weeks,
                        // so the demo shows loans due soon and one overdue.
                        let back = day.add_days(rng.range(4, 30) as i32);
                        let keeps = reader == 0 && day.days_since(today) > -26;
                        lending.plans.push((loan_id, reader, (!keeps).then_some(back)));
                    }
                    Err(LendingRefusal::NoCopyFree) if rng.chance(0.5) && can_join(&shelf, false, &person.meta.id).is_ok() => {
                        let meta = rng.meta(when);
                        let hold_id = meta.id.clone();
                        lending.holds.push(HoldEvent { meta, hold_id, book_id: book.meta.id.clone(), person_id: person.meta.id.clone(), at: when, kind: HoldEventKind::Join });
                    }
                    Err(_) => {}
                }
            }
            day = day.add_days(1);
        }
        lending
    }
}

fn make_people(rng: &mut Rng, office: &OfficeSettings, created: Instant) -> Vec<Person> {
    let mut names: Vec<String> = vec![DEMO_ME_NAME.to_owned()];
    while names.len() < TEAM_SIZES.iter().sum::<usize>() {
        let name = format!(
            "{} {}",
            FIRST_NAMES[rng.below(FIRST_NAMES.len() as u64) as usize],
            LAST_NAMES[rng.below(LAST_NAMES.len() as u64) as usize]
        );
        if !names.contains(&name) {
            names.push(name);
        }
    }
    // The newcomer is in Product, the second team; everyone else fills the
    // teams in order.
    let mut team_of: Vec<usize> = TEAM_SIZES.iter().enumerate().flat_map(|(t, &n)| vec![t; n]).collect();
    let product = team_of.iter().position(|&t| t == 1).expect("a product team");
    team_of.swap(0, product);
    names
        .into_iter()
        .zip(team_of)
        .enumerate()
        .map(|(i, (name, team))| Person {
            meta: rng.meta(created + i as i64 * 60_000),
            name,
            team_id: office.teams[team].id.clone(),
            pass_number: 1,
        })
        .collect()
}

const TITLE_WORDS: [[&str; 16]; 2] = [
    ["Silent", "Hidden", "Last", "Northern", "Paper", "Golden", "Quiet", "Broken", "Endless", "Little", "Electric", "Winter", "Open", "Crimson", "Distant", "Secret"],
    ["Garden", "River", "Algorithm", "Harbour", "Library", "Engine", "Orchard", "Lighthouse", "Market", "Meridian", "Atlas", "Kitchen", "Signal", "Voyage", "Archive", "Compass"],
];
const SUBTITLES: [&str; 6] = ["", ": A Novel", " Revisited", ", Volume II", " and Other Stories", ": A Field Guide"];
const MORE_TAGS: [&str; 8] = ["novel", "history", "software", "design", "science", "business", "poetry", "travel"];

/// Generated books beyond the recommended list; ISBNs under 979-10, apart
/// from the list's 978-2 ones, and unique by construction.
fn make_more_books(rng: &mut Rng, people: &[Person], created: Instant, count: usize) -> Vec<Book> {
    (0..count)
        .map(|i| {
            let title = format!(
                "The {} {}{}",
                TITLE_WORDS[0][i % 16],
                TITLE_WORDS[1][(i / 16) % 16],
                SUBTITLES[(i / 256) % SUBTITLES.len()]
            );
            let mut digits = [9, 7, 9, 1, 0, 0, 0, 0, 0, 0, 0, 0];
            let mut n = i;
            for slot in digits[5..].iter_mut().rev() {
                *slot = (n % 10) as u8;
                n /= 10;
            }
            let check = isbn13_check_digit(&digits);
            let author = &people[rng.below(people.len() as u64) as usize];
            Book {
                meta: rng.meta(created + (BOOKS.len() + i) as i64 * 60_000),
                title,
                authors: vec![author.name.clone()],
                isbn: Some(digits.iter().chain([&check]).map(|d| char::from(b'0' + d)).collect()),
                tags: vec![MORE_TAGS[rng.below(MORE_TAGS.len() as u64) as usize].to_owned()],
                recommended_by: None,
                copies: 1 + rng.below(2) as u32,
                shelf: format!("S{}", i / 100 + 1),
                notes: String::new(),
                copies_changes: Vec::new(),
                photo: None,
            }
        })
        .collect()
}

fn make_books(rng: &mut Rng, people: &[Person], created: Instant) -> Vec<Book> {
    BOOKS
        .iter()
        .enumerate()
        .map(|(i, &(title, authors, tags))| {
            let added = created + i as i64 * MS_PER_DAY / 2;
            let mut digits = [9, 7, 8, 2, 0, 0, 0, 0, 0, 0, 0, 0];
            let mut n = rng.below(100_000_000);
            for slot in digits[4..].iter_mut().rev() {
                *slot = (n % 10) as u8;
                n /= 10;
            }
            let check = isbn13_check_digit(&digits);
            let isbn: String = digits.iter().chain([&check]).map(|d| char::from(b'0' + d)).collect();
            let recommender = &people[rng.below(people.len() as u64) as usize];
            Book {
                meta: rng.meta(added),
                title: title.into(),
                authors: authors.iter().map(|a| a.to_string()).collect(),
                isbn: Some(isbn),
                tags: tags.iter().map(|t| t.to_string()).collect(),
                recommended_by: Some(recommender.name.clone()),
                copies: [1, 1, 1, 2, 2, 3][rng.below(6) as usize],
                shelf: format!("{}{}", char::from(b'A' + (i / 15) as u8), i % 15 / 4 + 1),
                notes: String::new(),
                copies_changes: Vec::new(),
                photo: None,
            }
        })
        .collect()
}

fn make_announcements(rng: &mut Rng, today: Date, at: &dyn Fn(Date, u32) -> Instant) -> Vec<Announcement> {
    let mut announcement = |kind, title: &str, body: &str, publish: Instant, expires: Instant, event| Announcement {
        meta: rng.meta(publish),
        kind,
        title: title.into(),
        body: body.into(),
        publish_at: publish,
        expires_at: Some(expires),
        event,
    };
    let party_day = today.add_days(9);
    vec![
        announcement(
            AnnouncementKind::ColdWeather,
            "Bundle up: -2 °C tomorrow morning",
            "Frost is forecast before 9:00. The bike racks may be icy; hot drinks are on us in the kitchen.",
            at(today, 7 * 60),
            at(today.add_days(1), 12 * 60),
            None,
        ),
        announcement(
            AnnouncementKind::TeamEvent,
            "Game night: board games & pizza",
            "Bring your favourite game, or learn a new one. Pizza from 18:30, vegan options included.",
            at(today.add_days(-3), 10 * 60),
            at(party_day, 23 * 60),
            Some(EventDetails { starts_at: at(party_day, 18 * 60 + 30), place: "Rooftop lounge, 5th floor".into() }),
        ),
        announcement(
            AnnouncementKind::Holiday,
            "Winter celebration",
            "Mulled wine, music and the office's famous bûche de Noël on the last Friday before the holidays.",
            at(today.add_days(-1), 9 * 60),
            at(today.add_days(30), 23 * 60),
            None,
        ),
        announcement(
            AnnouncementKind::General,
            "New coffee machine on the 3rd floor",
            "It grinds beans from a cooperative in Huila, Colombia. Descaling tips are on the fridge.",
            at(today.add_days(-6), 11 * 60),
            at(today.add_days(20), 23 * 60),
            None,
        ),
    ]
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::attendance::visits;
    use crate::domain::library::{book_shelf, HoldEvent, LoanEvent, Shelf};
    use crate::domain::stats::headcounts;
    use std::collections::HashSet;

    fn paris(_: Date) -> i32 {
        60
    }

    fn clock(today: &str, minute: u32) -> DemoClock<'static> {
        DemoClock { today: Date::parse_iso(today).unwrap(), minute_of_day: minute, utc_offset: &paris }
    }

    /// Pauses for real: every pause is one `Pending` poll.
    struct Pausing(usize);

    impl Pause for Pausing {
        fn pause(&mut self) -> impl Future<Output = ()> {
            self.0 += 1;
            let mut paused = false;
            std::future::poll_fn(move |_| if std::mem::replace(&mut paused, true) { Poll::Ready(()) } else { Poll::Pending })
        }
    }

    #[test]
    fn the_same_office_whatever_the_pauses() {
        let clock = clock("2026-11-25", 10 * 60);
        let mut pauses = Pausing(0);
        let (paused, polls) = {
            let mut making = pin!(generate_pausing(DEMO_SEED, &clock, DEMO_BOOKS, &mut pauses));
            let mut polls = 1;
            loop {
                match making.as_mut().poll(&mut Context::from_waker(Waker::noop())) {
                    Poll::Ready(demo) => break (demo, polls),
                    Poll::Pending => polls += 1,
                }
            }
        };
        // Paused all along: each day of lending and check-ins, each meal plan.
        assert!(pauses.0 > 1_000, "{} pauses", pauses.0);
        assert_eq!(polls, pauses.0 + 1);
        assert_eq!(paused.records(), generate(DEMO_SEED, &clock).records());
    }

    #[test]
    fn deterministic_for_a_seed_and_clock() {
        let a = generate(DEMO_SEED, &clock("2026-11-25", 10 * 60));
        let b = generate(DEMO_SEED, &clock("2026-11-25", 10 * 60));
        assert_eq!(a.people, b.people);
        assert_eq!(a.checkins, b.checkins);
        assert_eq!(a.books, b.books);
        assert_eq!(a.announcements, b.announcements);
        let other = generate(DEMO_SEED + 1, &clock("2026-11-25", 10 * 60));
        assert_ne!(a.checkins, other.checkins);
    }

    #[test]
    fn shape_of_the_office() {
        let demo = generate(DEMO_SEED, &clock("2026-11-25", 10 * 60));
        assert_eq!(demo.people.len(), 120);
        assert_eq!(demo.office.teams.len(), 8);
        for team in &demo.office.teams {
            assert!(demo.people.iter().any(|p| p.team_id == team.id), "{} is empty", team.name);
        }
        assert_eq!(demo.people[0].name, DEMO_ME_NAME);
        assert_eq!(demo.people[0].meta.id, demo.me);
        assert_eq!(demo.books.len(), 60);
        assert_eq!(demo.meal_sets.len(), 7);
        assert!(demo.meal_sets.iter().all(|m| m.price_cents == 350));
        assert!(demo.announcements.len() >= 3);
        let ids: HashSet<&str> = demo
            .people
            .iter()
            .map(|p| p.meta.id.as_str())
            .chain(demo.checkins.iter().map(|c| c.meta.id.as_str()))
            .chain(demo.books.iter().map(|b| b.meta.id.as_str()))
            .collect();
        assert_eq!(ids.len(), 120 + demo.checkins.len() + 60, "ids are unique");
        for book in &demo.books {
            let digits: Vec<u8> = book.isbn.as_ref().unwrap().bytes().map(|b| b - b'0').collect();
            assert_eq!(digits[12], isbn13_check_digit(digits[..12].try_into().unwrap()));
        }
    }

    #[test]
    fn realistic_weekday_pattern() {
        let today = Date::parse_iso("2026-11-25").unwrap();
        let demo = generate(DEMO_SEED, &clock("2026-11-25", 10 * 60));
        let calendar = demo.office.calendar();
        let counts = headcounts(&visits(&demo.checkins), today.add_days(-89), today.add_days(-1));
        let mean = |pred: &dyn Fn(Date) -> bool| {
            let days: Vec<u32> = counts.iter().filter(|c| pred(c.day)).map(|c| c.count).collect();
            f64::from(days.iter().sum::<u32>()) / days.len() as f64
        };
        let calendar = &calendar;
        let weekday = |i: usize| move |d: Date| d.weekday().index() == i && calendar.is_working_day(d);
        let (mon, tue, fri) = (mean(&weekday(0)), mean(&weekday(1)), mean(&weekday(4)));
        assert!((65.0..95.0).contains(&tue), "about 80 in on a normal day, got {tue}");
        assert!(mon < tue && fri < mon, "quieter Mondays and Fridays: {mon} {tue} {fri}");
        for c in &counts {
            if !calendar.is_working_day(c.day) {
                assert_eq!(c.count, 0, "nobody in on {}", c.day);
            }
        }
        // Some people away for a while: nobody is in every working day.
        let rows_full = demo.people.iter().filter(|p| {
            counts.iter().filter(|c| calendar.is_working_day(c.day)).all(|c| {
                demo.checkins.iter().any(|e| e.person_id == p.meta.id && e.day == c.day)
            })
        });
        assert!(rows_full.count() < 5);
    }

    #[test]
    fn a_large_shelf_for_measuring() {
        let large = generate_with_books(DEMO_SEED, &clock("2026-11-25", 10 * 60), 5_000);
        assert_eq!(large.books.len(), 5_000);
        let isbns: HashSet<&str> = large.books.iter().filter_map(|b| b.isbn.as_deref()).collect();
        assert_eq!(isbns.len(), 5_000, "unique ISBNs");
        for book in &large.books {
            assert!(crate::domain::books::parse_isbn(book.isbn.as_ref().unwrap()).is_ok());
        }
        // The usual demo is the large one's first sixty books.
        let usual = generate(DEMO_SEED, &clock("2026-11-25", 10 * 60));
        assert_eq!(usual.books[..], large.books[..60]);
    }

    #[test]
    fn a_lunch_history() {
        use crate::domain::reservations::{left, reservations, Limits, Status};
        let demo = generate(DEMO_SEED, &clock("2026-11-25", 10 * 60));
        let all = reservations(&demo.reservations, &Limits::new(&demo.meal_sets, &demo.office.meal_rules()));
        let today = Date::parse_iso("2026-11-25").unwrap();
        let count = |status| all.iter().filter(|r| r.status == status).count();
        assert!(count(Status::PickedUp) > 1000, "picked up: {}", count(Status::PickedUp));
        assert!(count(Status::NoShow) > 10 && count(Status::Cancelled) > 10);
        assert!(all.iter().any(|r| r.day == today && r.status == Status::Reserved), "today's reservations");
        assert!(all.iter().any(|r| r.day > today), "some for the coming days");
        for meal in &demo.meal_sets {
            for day in today.add_days(-89).through(today.add_days(10)) {
                let held = all.iter().filter(|r| r.day == day && r.meal_set_id == meal.meta.id && r.holds_a_set()).count();
                assert!(held as u32 <= meal.daily_stock, "{} over stock on {day}", meal.name);
                assert_eq!(left(meal, day, &all), meal.daily_stock - held as u32);
            }
        }
    }

    #[test]
    fn a_lively_bookshelf() {
        let demo = generate(DEMO_SEED, &clock("2026-11-25", 10 * 60));
        let rules = demo.office.lending();
        let hold_until = demo.office.hold_until(&paris);
        let now = Date::parse_iso("2026-11-25").unwrap().at_minute(10 * 60, 60);
        let today = Date::parse_iso("2026-11-25").unwrap();
        let shelves: Vec<Shelf> = demo.books.iter().map(|b| {
            let loans: Vec<&LoanEvent> = demo.loans.iter().filter(|e| e.book_id == b.meta.id).collect();
            let holds: Vec<&HoldEvent> = demo.holds.iter().filter(|e| e.book_id == b.meta.id).collect();
            book_shelf(b, &loans, &holds, &hold_until, now)
        }).collect();
        let out: usize = shelves.iter().map(|s| s.loans.len()).sum();
        let overdue = shelves.iter().flat_map(|s| &s.loans).filter(|l| l.due < today).count();
        let waiting: usize = shelves.iter().map(|s| s.queue.len() + s.ready.len()).sum();
        let returned: usize = shelves.iter().map(|s| s.history.len()).sum();
        assert!((10..50).contains(&out), "some books out: {out}");
        assert!((1..15).contains(&overdue), "a few overdue: {overdue}");
        assert!(waiting >= 2, "some waitlisted: {waiting}");
        assert!(returned > 50, "a real history: {returned}");
        for (book, shelf) in demo.books.iter().zip(&shelves) {
            assert!(shelf.loans.len() as u32 <= book.copies, "{} over-lent", book.title);
        }
        let mine: Vec<_> = shelves.iter().flat_map(|s| &s.loans).filter(|l| l.person_id == demo.me).collect();
        assert!(!mine.is_empty() && mine.len() <= rules.max_loans, "the newcomer has books out: {}", mine.len());
    }

    #[test]
    fn today_only_holds_arrivals_before_now_and_never_me() {
        let early = generate(DEMO_SEED, &clock("2026-11-25", 7 * 60));
        let today = Date::parse_iso("2026-11-25").unwrap();
        assert!(early.checkins.iter().all(|e| e.day != today), "nobody in before 07:45");
        let noon = generate(DEMO_SEED, &clock("2026-11-25", 12 * 60));
        let in_today: Vec<&CheckEvent> = noon.checkins.iter().filter(|e| e.day == today).collect();
        assert!(in_today.len() > 40);
        assert!(in_today.iter().all(|e| e.person_id != noon.me));
        assert!(in_today.iter().all(|e| e.kind == CheckKind::In), "nobody has left by noon");
    }
}
