//! Every user-visible string, in English and French. Each message is one
//! variant of [`Msg`] with both texts side by side: a message without its
//! French does not compile. Placeholders are `{name}`, filled by [`fill`].

use super::text::FieldError;
use serde::{Deserialize, Serialize};

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Lang {
    #[default]
    En,
    Fr,
}

impl Lang {
    pub const ALL: [Lang; 2] = [Lang::En, Lang::Fr];

    /// BCP 47 tag, for `<html lang>` and `Intl`.
    pub fn tag(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::Fr => "fr",
        }
    }

    /// The language's own name, as shown in the language picker.
    pub fn native_name(self) -> &'static str {
        match self {
            Lang::En => "English",
            Lang::Fr => "Français",
        }
    }

    /// The decimal point of its numbers: "1.4", "1,4".
    pub const fn decimal_point(self) -> char {
        match self {
            Lang::En => '.',
            Lang::Fr => ',',
        }
    }

    /// The best match for the browser's preferred languages.
    pub fn from_preferences<'a>(tags: impl IntoIterator<Item = &'a str>) -> Lang {
        tags.into_iter()
            .find_map(|tag| match tag.split(['-', '_']).next()?.to_ascii_lowercase().as_str() {
                "fr" => Some(Lang::Fr),
                "en" => Some(Lang::En),
                _ => None,
            })
            .unwrap_or_default()
    }
}

macro_rules! messages {
    ($($key:ident => $en:literal, $fr:literal;)*) => {
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
        pub enum Msg { $($key,)* }

        impl Msg {
            pub const ALL: &'static [Msg] = &[$(Msg::$key,)*];

            pub fn text(self, lang: Lang) -> &'static str {
                // Two tables indexed by the variant: a `match` on (message,
                // language) compiled to 17 KB of wasm, in every first load.
                const EN: &[&str] = &[$($en,)*];
                const FR: &[&str] = &[$($fr,)*];
                match lang {
                    Lang::En => EN[self as usize],
                    Lang::Fr => FR[self as usize],
                }
            }
        }
    };
}

// French typography: a narrow no-break space (U+202F) before : ; ! ? and %.
messages! {
    AppName => "Oasis", "Oasis";
    SkipToContent => "Skip to content", "Aller au contenu";
    Loading => "Loading…", "Chargement…";
    Online => "Online", "En ligne";
    Offline => "Offline", "Hors ligne";
    OfflineHint => "Offline: everything still works and is saved on this device.", "Hors ligne\u{202F}: tout fonctionne et reste enregistré sur cet appareil.";
    UpdateAvailable => "Update available", "Mise à jour disponible";
    Reload => "Reload", "Recharger";
    CrashTitle => "Something went wrong", "Un problème est survenu";
    CrashKept => "Oasis stopped. What was saved is kept on this device. Reload to carry on.", "Oasis s'est arrêté. Ce qui a été enregistré est conservé sur cet appareil. Rechargez pour continuer.";
    OtherTabUpgraded => "Oasis was updated in another tab. Reload to continue.", "Oasis a été mis à jour dans un autre onglet. Rechargez pour continuer.";
    StorageUnavailable => "This browser does not let Oasis store data (private mode?). Oasis needs IndexedDB.", "Ce navigateur ne permet pas à Oasis d'enregistrer des données (navigation privée\u{202F}?). Oasis a besoin d'IndexedDB.";
    SaveFailed => "Could not save: {error}. Nothing was changed.", "Enregistrement impossible\u{202F}: {error}. Rien n'a été modifié.";
    ReadFailed => "Could not read the data on this device ({error}). Nothing was changed.", "Lecture des données de cet appareil impossible ({error}). Rien n'a été modifié.";
    TryAgain => "Try again", "Réessayer";
    DemoNeedsConnection => "The demo office needs a connection once: it is not on this device yet. Connect, then try again.", "Le bureau de démonstration a besoin d'une connexion une première fois\u{202F}: il n'est pas encore sur cet appareil. Connectez-vous, puis réessayez.";
    BackupNeedsConnection => "Backups need a connection once: this part of Oasis is not on this device yet. Nothing was changed. Connect, then try again.", "Les sauvegardes ont besoin d'une connexion une première fois\u{202F}: cette partie d'Oasis n'est pas encore sur cet appareil. Rien n'a été modifié. Connectez-vous, puis réessayez.";
    SignInNeedsConnection => "Signing in needs a connection: this part of Oasis is not on this device yet. Nothing was changed. Connect, then try again.", "Se connecter au bureau demande une connexion\u{202F}: cette partie d'Oasis n'est pas encore sur cet appareil. Rien n'a été modifié. Rétablissez la connexion, puis réessayez.";
    ScreenNeedsConnection => "This screen needs a connection once: its part of Oasis is not on this device yet. Connect, then try again.", "Cet écran a besoin d'une connexion une première fois\u{202F}: sa partie d'Oasis n'est pas encore sur cet appareil. Connectez-vous, puis réessayez.";
    DataVanished => "The data Oasis kept on this device is gone: the browser removed it (low storage, or the site's data was cleared). In an office, join it again and everything comes back from it; alone, restore your last backup file below.", "Les données qu'Oasis gardait sur cet appareil ont disparu\u{202F}: le navigateur les a supprimées (stockage presque plein, ou données du site effacées). Dans un bureau, rejoignez-le de nouveau et tout reviendra\u{202F}; seul, restaurez votre dernière sauvegarde ci-dessous.";
    ReasonUnavailable => "storage is not available: {why}", "stockage indisponible\u{202F}: {why}";
    ReasonCorrupt => "stored data that cannot be read: {why}", "données enregistrées illisibles\u{202F}: {why}";
    ReasonFailed => "the browser's storage refused it ({why})", "le stockage du navigateur a refusé ({why})";
    ReasonConnectionClosing => "the browser's storage closed this page's access to it; reload the app, then try again", "le stockage du navigateur a fermé l'accès de cette page\u{202F}; rechargez l'app, puis réessayez";
    ReasonStorageUnknown => "the browser's storage failed without saying why; try again, and reload the app if it fails again", "le stockage du navigateur a échoué sans dire pourquoi\u{202F}; réessayez, et rechargez l'app si cela recommence";
    ReasonFull => "the storage is full", "le stockage est plein";
    LabelValue => "{label}: {value}", "{label}\u{202F}: {value}";
    ReasonNoOffice => "the office's database is no longer on the server", "la base du bureau n'est plus sur le serveur";
    ReasonRefused => "the server refused this account ({why})", "le serveur a refusé ce compte ({why})";
    ReasonServer => "the office server answered: {why}", "le serveur du bureau a répondu\u{202F}: {why}";
    ReasonUnknown => "an error", "une erreur";
    ReasonChanged => "it was changed elsewhere meanwhile", "modifié ailleurs entre-temps";
    ReasonClockWrong => "this device's date is wrong", "la date de cet appareil est fausse";
    ClockWrong => "This device's date is wrong (outside 2000–2099), so nothing was saved: the office would not accept it. Set the date and time in the device's settings, then try again.", "La date de cet appareil est fausse (hors de 2000–2099)\u{202F}: rien n'a été enregistré, le bureau ne l'accepterait pas. Réglez la date et l'heure dans les réglages de l'appareil, puis réessayez.";
    StorageFull => "This device's storage is full, so nothing was saved. Free up space on the device (photos, other apps), then try again.", "Le stockage de cet appareil est plein\u{202F}: rien n'a été enregistré. Libérez de l'espace sur l'appareil (photos, autres applications), puis réessayez.";
    ChangedMeanwhile => "Someone changed this since you opened it (on another device or in another tab). Nothing is saved yet: see their version, or save yours over it.", "Quelqu'un a modifié ceci depuis que vous l'avez ouvert (sur un autre appareil ou dans un autre onglet). Rien n'est encore enregistré\u{202F}: voyez leur version, ou enregistrez la vôtre à la place.";
    ShowTheirs => "See their version", "Voir leur version";
    KeepMine => "Save mine over it", "Enregistrer la mienne à la place";
    Dismiss => "Dismiss", "Fermer";

    TabToday => "Today", "Aujourd'hui";
    TabBooks => "Books", "Livres";
    TabMeals => "Meals", "Repas";
    TabMore => "More", "Plus";
    MainNavigation => "Main", "Navigation principale";
    Back => "Back", "Retour";

    WelcomeTitle => "Welcome to Oasis", "Bienvenue sur Oasis";
    WelcomeLead => "Your office in your pocket: check in, borrow books, reserve lunch, never miss what's on.", "Votre bureau dans la poche\u{202F}: pointez, empruntez des livres, réservez votre déjeuner, ne manquez rien.";
    JoinAsEmployee => "Join as employee", "Rejoindre en tant que salarié";
    YourName => "Your name", "Votre nom";
    YourTeam => "Your team", "Votre équipe";
    ChooseTeam => "Choose your team", "Choisissez votre équipe";
    Join => "Join", "Rejoindre";
    Or => "or", "ou";
    ExploreDemo => "Explore the demo office", "Explorer le bureau de démonstration";
    ExploreDemoHint => "120 colleagues, 60 books, 90 days of attendance. You can leave it any time.", "120 collègues, 60 livres, 90 jours de présence. Vous pourrez en sortir à tout moment.";
    LoadingDemo => "Setting up the demo office…", "Préparation du bureau de démonstration…";

    ErrRequired => "Required.", "Obligatoire.";
    ErrTooLong => "At most {max} characters.", "{max} caractères au maximum.";
    ErrForbiddenCharacters => "Remove invisible or control characters.", "Retirez les caractères invisibles ou de contrôle.";
    ErrUnknownTeam => "Pick a team from the list.", "Choisissez une équipe de la liste.";
    ErrNotAWholeNumber => "Enter a whole number.", "Saisissez un nombre entier.";
    ErrOutOfRange => "Enter a number from {min} to {max}.", "Saisissez un nombre de {min} à {max}.";
    ErrNotAPrice => "Enter a price such as 3.50.", "Saisissez un prix comme 3,50.";
    ErrTooManyDecimals => "At most 2 decimals (cents).", "2 décimales au plus (centimes).";
    ErrPriceOutOfRange => "Enter a price from 0 to {max}.", "Saisissez un prix de 0 à {max}.";
    ErrNotATime => "Enter a time such as 10:30.", "Saisissez une heure comme 10:30.";
    ErrNotADate => "Enter a date as YYYY-MM-DD.", "Saisissez une date au format AAAA-MM-JJ.";
    ErrYearOutOfRange => "Enter a date between {first} and {last}.", "Saisissez une date entre {first} et {last}.";
    ErrInvalidIsbn => "Not a valid ISBN: check the 10 or 13 digits.", "ISBN invalide\u{202F}: vérifiez les 10 ou 13 chiffres.";
    ErrNotAPhoto => "Not a photo as Oasis saves them (a JPEG).", "Ce n'est pas une photo telle qu'Oasis les enregistre (un JPEG).";
    ErrIsbnTaken => "Another book of the shelf has this ISBN: edit that one, or check the number.", "Un autre livre de la bibliothèque a cet ISBN\u{202F}: modifiez celui-là, ou vérifiez le numéro.";

    Hello => "Hello, {name}", "Bonjour, {name}";
    CheckIn => "Check in", "Pointer l'arrivée";
    CheckOut => "Check out", "Pointer le départ";
    CheckedInAt => "Checked in at {time}", "Arrivé·e à {time}";
    CheckedOutAt => "Checked out at {time}", "Parti·e à {time}";
    DayInOffice => "In the office {from}–{to}", "Au bureau de {from} à {to}";
    NotCheckedInYet => "Not checked in yet", "Pas encore pointé";
    SeeYouTomorrow => "See you next time!", "À la prochaine\u{202F}!";
    NotAWorkingDay => "The office is closed today.", "Le bureau est fermé aujourd'hui.";
    CheckedInToast => "Checked in at {time}. Have a good day!", "Arrivée pointée à {time}. Bonne journée\u{202F}!";
    AlreadyCheckedIn => "You were already checked in at {time}.", "Vous aviez déjà pointé à {time}.";
    CheckedOutToast => "Checked out at {time}. See you!", "Départ pointé à {time}. À bientôt\u{202F}!";
    NotCheckedInRefusal => "Check in before checking out.", "Pointez votre arrivée avant votre départ.";

    MyAttendance => "My attendance", "Ma présence";
    DaysThisMonth => "Days in the office this month", "Jours au bureau ce mois-ci";
    CurrentStreak => "Current streak", "Série en cours";
    StreakDaysOne => "{n} working day", "{n} jour ouvré";
    StreakDays => "{n} working days", "{n} jours ouvrés";
    PreviousMonth => "Previous month", "Mois précédent";
    NextMonth => "Next month", "Mois suivant";
    LegendPresent => "In the office", "Au bureau";
    LegendHoliday => "Office closed", "Bureau fermé";
    DaysInMonthOne => "{n} day in the office", "{n} jour au bureau";
    DaysInMonth => "{n} days in the office", "{n} jours au bureau";

    AttendanceReview => "Attendance review", "Suivi de présence";
    WhoIsIn => "Who is in today", "Qui est là aujourd'hui";
    InOfCapacityOne => "{n} in of {capacity}", "{n} présent sur {capacity}";
    InOfCapacity => "{n} in of {capacity}", "{n} présents sur {capacity}";
    NobodyYet => "Nobody has checked in yet.", "Personne n'a encore pointé.";
    StillIn => "still in", "présent";
    Headcount => "Daily headcount", "Effectif quotidien";
    Last30Days => "30 days", "30 jours";
    Last90Days => "90 days", "90 jours";
    HeatmapTitle => "By weekday and week", "Par jour et par semaine";
    WeekOf => "Week of {date}", "Semaine du {date}";
    PeopleTable => "People", "Personnes";
    AllTeams => "All teams", "Toutes les équipes";
    Team => "Team", "Équipe";
    Name => "Name", "Nom";
    DaysPresent => "Days", "Jours";
    Rate => "Rate", "Taux";
    Percent => "{n}%", "{n}\u{202F}%";
    LastSeen => "Last seen", "Vu le";
    NotSeenRecently => "not in 90 days", "pas depuis 90 jours";
    Time => "Time", "Heure";
    Method => "How", "Mode";
    MethodTap => "Phone", "Téléphone";
    MethodDoorCode => "Door code", "Code de la porte";
    MethodKiosk => "Kiosk", "Borne";
    MethodPass => "Pass", "Badge";
    ExportCsv => "Export CSV", "Exporter en CSV";
    ExportPeople => "People table (CSV)", "Tableau des personnes (CSV)";
    ExportCheckins => "Check-ins (CSV)", "Pointages (CSV)";
    From => "From", "Du";
    To => "To", "Au";
    RangeInvalid => "The start must be on or before the end.", "Le début doit précéder ou égaler la fin.";
    RangeTooLong => "At most ten years at once: check the years.", "Dix ans au plus à la fois\u{202F}: vérifiez les années.";
    Exported => "Downloaded {file}.", "{file} téléchargé.";
    DownloadFailed => "The browser would not download the file. Nothing was changed.", "Le navigateur n'a pas téléchargé le fichier. Rien n'a été modifié.";
    PeopleCountOne => "{n} person", "{n} personne";
    PeopleCount => "{n} people", "{n} personnes";
    SortBy => "Sort by {column}", "Trier par {column}";
    ChartSummary => "{days} days, {avg} people on an average working day, {max} at most.", "{days} jours, {avg} personnes en moyenne par jour ouvré, {max} au maximum.";

    Bookshelf => "Bookshelf", "Bibliothèque";
    MyBooks => "My books", "Mes livres";
    SearchBooks => "Search books", "Rechercher un livre";
    SearchHint => "Title, author, ISBN or tag", "Titre, auteur, ISBN ou thème";
    AvailableNow => "Available now", "Disponible";
    AnyTag => "Any tag", "Tous les thèmes";
    AnyRecommender => "Recommended by anyone", "Recommandé par tous";
    SortTitle => "Title", "Titre";
    SortAuthor => "Author", "Auteur";
    SortRecent => "Recently added", "Ajouts récents";
    SortPopular => "Most borrowed", "Les plus empruntés";
    SortLabel => "Sort", "Trier";
    TagLabel => "Tag", "Thème";
    RecommenderLabel => "Recommended by", "Recommandé par";
    BookCountOne => "{n} book", "{n} livre";
    BookCount => "{n} books", "{n} livres";
    NoBookFound => "No book matches. Try fewer words, or clear the filters.", "Aucun livre ne correspond. Essayez moins de mots, ou retirez les filtres.";
    ShowMore => "Show more", "Voir plus";
    OnShelf => "{n} of {copies} on the shelf", "{n} sur {copies} en rayon";
    BackOn => "All lent: back on {date}", "Tous prêtés\u{202F}: retour le {date}";
    HeldForYouUntil => "Held for you until {time}", "Réservé pour vous jusqu'à {time}";
    HeldForSomeone => "On the shelf, held for the next in line", "En rayon, réservé pour le suivant";
    YouHaveIt => "You have it: due {date}", "Vous l'avez\u{202F}: à rendre le {date}";
    YouHaveItOverdue => "Overdue since {date}: please bring it back", "En retard depuis le {date}\u{202F}: merci de le rapporter";
    PlaceInLine => "You are number {n} in line", "Vous êtes numéro {n} sur la liste";
    RetiredBook => "Retired from the shelf", "Retiré de la bibliothèque";
    Borrow => "Borrow", "Emprunter";
    ReturnBook => "Return", "Rendre";
    Renew => "Renew", "Prolonger";
    JoinWaitlist => "Join the waitlist", "M'inscrire sur la liste";
    LeaveWaitlist => "Leave the waitlist", "Quitter la liste";
    GiveUpHold => "I don't need it", "Je n'en ai plus besoin";
    TakeBack => "Take back", "Reprendre";
    Borrowed => "Borrowed: due back {date}.", "Emprunté\u{202F}: à rendre le {date}.";
    Returned => "Returned. Thank you!", "Rendu. Merci\u{202F}!";
    Renewed => "Renewed: due back {date}.", "Prolongé\u{202F}: à rendre le {date}.";
    Joined => "You are on the waitlist.", "Vous êtes sur la liste d'attente.";
    Left => "You left the waitlist.", "Vous avez quitté la liste d'attente.";
    RefusedRetired => "This book is retired from the shelf.", "Ce livre est retiré de la bibliothèque.";
    RefusedAlreadyBorrowing => "You already have this book.", "Vous avez déjà ce livre.";
    RefusedLimit => "You have {max} books out, the most allowed: return one first.", "Vous avez {max} livres, le maximum\u{202F}: rendez-en un d'abord.";
    RefusedNoCopy => "No copy is free: join the waitlist.", "Aucun exemplaire libre\u{202F}: inscrivez-vous sur la liste.";
    RefusedNotBorrowed => "This loan is already returned.", "Ce prêt est déjà rendu.";
    RefusedAlreadyRenewed => "Renewed once already.", "Déjà prolongé une fois.";
    RefusedSomeoneWaiting => "Someone is waiting for it: no renewal.", "Quelqu'un l'attend\u{202F}: pas de prolongation.";
    RefusedAlreadyWaiting => "You are already on the waitlist.", "Vous êtes déjà sur la liste.";
    RefusedCopyAvailable => "A copy is free: borrow it.", "Un exemplaire est libre\u{202F}: empruntez-le.";
    RefusedNotWaiting => "You are not on the waitlist.", "Vous n'êtes pas sur la liste.";
    NoSuchBook => "This book is not on the shelf.", "Ce livre n'est pas dans la bibliothèque.";
    Authors => "Authors", "Auteurs";
    Isbn => "ISBN", "ISBN";
    Copies => "Copies", "Exemplaires";
    Tags => "Tags", "Thèmes";
    RecommendedBy => "Recommended by {name}", "Recommandé par {name}";
    ShelfPlace => "Shelf place", "Emplacement";
    Notes => "Notes", "Notes";
    CoverPhoto => "Cover photo", "Photo de couverture";
    CoverPhotoHint => "A picture of the cover, from the camera or the photos. It is saved small, with the book.", "Une image de la couverture, prise avec l'appareil photo ou parmi les photos. Elle est enregistrée en petit, avec le livre.";
    ChoosePhoto => "Choose a photo", "Choisir une photo";
    ChangePhoto => "Change the photo", "Changer la photo";
    RemovePhoto => "Remove the photo", "Retirer la photo";
    PreparingPhoto => "Preparing the photo…", "Préparation de la photo…";
    PhotoUnreadable => "This file is not a picture this browser can open. The cover was not changed.", "Ce fichier n'est pas une image que ce navigateur sait ouvrir. La couverture n'a pas changé.";
    PhotoTooLarge => "This file is too large for a picture (over {max} MB). The cover was not changed.", "Ce fichier est trop gros pour une image (plus de {max} Mo). La couverture n'a pas changé.";
    Title => "Title", "Titre";
    History => "Borrowing history", "Historique des prêts";
    NoHistory => "Never borrowed yet.", "Jamais emprunté.";
    LoanSpan => "{from} → {to}", "{from} → {to}";
    StillOut => "still out, due {date}", "en cours, à rendre le {date}";
    You => "you", "vous";
    AColleague => "a colleague", "un·e collègue";
    CurrentLoans => "Borrowed now", "Empruntés";
    NothingBorrowed => "No book borrowed. The shelf is waiting!", "Aucun livre emprunté. La bibliothèque vous attend\u{202F}!";
    Waitlists => "Waiting for", "En attente";
    PastLoans => "Read before", "Déjà lus";
    DueOn => "Due {date}", "À rendre le {date}";
    OverdueSince => "Overdue since {date}", "En retard depuis le {date}";
    ManageShelf => "Manage the shelf", "Gérer la bibliothèque";
    AddBook => "Add a book", "Ajouter un livre";
    EditBook => "Edit the book", "Modifier le livre";
    Retire => "Retire", "Retirer";
    ConfirmRetire => "Retire this book? Its history stays.", "Retirer ce livre\u{202F}? Son historique est conservé.";
    RetireOnLoanOne => "{n} copy is out on loan: it stays lent until it comes back.", "{n} exemplaire est prêté\u{202F}: il le reste jusqu'à son retour.";
    RetireOnLoan => "{n} copies are out on loan: they stay lent until they come back.", "{n} exemplaires sont prêtés\u{202F}: ils le restent jusqu'à leur retour.";
    RetireWaitingOne => "{n} person waiting for it leaves the line.", "{n} personne qui l'attend quitte la file.";
    RetireWaiting => "{n} people waiting for it leave the line.", "{n} personnes qui l'attendent quittent la file.";
    BookRetired => "Retired. Its history stays.", "Retiré. Son historique est conservé.";
    ScanIsbn => "Scan the barcode", "Scanner le code-barres";
    ScanHint => "Point the camera at the barcode on the back cover.", "Visez le code-barres au dos du livre.";
    StopScan => "Stop", "Arrêter";
    ScanFailed => "The camera could not be used.", "La caméra n'a pas pu être utilisée.";
    DuplicateIsbn => "“{title}” already has this ISBN.", "«\u{202F}{title}\u{202F}» a déjà cet ISBN.";
    AddCopyInstead => "Add a copy to it", "Y ajouter un exemplaire";
    AddSeparately => "Add as a separate book", "Ajouter comme un autre livre";
    Cancel => "Cancel", "Annuler";
    CopyAdded => "One more copy of “{title}”.", "Un exemplaire de plus pour «\u{202F}{title}\u{202F}».";
    ImportBooks => "Import a book list (CSV)", "Importer une liste de livres (CSV)";
    ImportHint => "Columns: title (required), authors, isbn, copies, tags, recommended_by, shelf, notes. Separate several authors or tags with “;”.", "Colonnes\u{202F}: title (obligatoire), authors, isbn, copies, tags, recommended_by, shelf, notes. Séparez plusieurs auteurs ou thèmes par «\u{202F};\u{202F}».";
    ChooseFile => "Choose a CSV file", "Choisir un fichier CSV";
    ImportReadyOne => "{n} book ready to import.", "{n} livre prêt à importer.";
    ImportReady => "{n} books ready to import.", "{n} livres prêts à importer.";
    ImportRejectedOne => "{n} line will be left out:", "{n} ligne sera ignorée\u{202F}:";
    ImportRejected => "{n} lines will be left out:", "{n} lignes seront ignorées\u{202F}:";
    ImportConfirmOne => "Import {n} book", "Importer {n} livre";
    ImportConfirm => "Import {n} books", "Importer {n} livres";
    ImportedOne => "Imported {n} book.", "{n} livre importé.";
    Imported => "Imported {n} books.", "{n} livres importés.";
    ImportedNone => "Nothing was imported.", "Rien n'a été importé.";
    ImportLeftOutOne => "{n} book was left out, {titles}: a book with the same ISBN came onto the shelf after the file was checked.", "{n} livre a été laissé de côté, {titles}\u{202F}: un livre de même ISBN est arrivé dans la bibliothèque après la vérification du fichier.";
    ImportLeftOut => "{n} books were left out, {titles}: books with the same ISBNs came onto the shelf after the file was checked.", "{n} livres ont été laissés de côté, {titles}\u{202F}: des livres de même ISBN sont arrivés dans la bibliothèque après la vérification du fichier.";
    QuotedTitle => "“{title}”", "«\u{202F}{title}\u{202F}»";
    LineProblem => "Line {line}: {reason}", "Ligne {line}\u{202F}: {reason}";
    FileNotUtf8 => "This file is not UTF-8 text. In your spreadsheet app, save it as “CSV UTF-8”.", "Ce fichier n'est pas du texte UTF-8. Dans votre tableur, enregistrez-le en «\u{202F}CSV UTF-8\u{202F}».";
    FileEmpty => "The file is empty.", "Le fichier est vide.";
    FileMalformed => "Line {line}: a quoted field is not closed properly.", "Ligne {line}\u{202F}: un champ entre guillemets est mal fermé.";
    FileMalformedFrom => "Line {line}: a quoted field is not closed properly; its quote opened on line {opened}.", "Ligne {line}\u{202F}: un champ entre guillemets est mal fermé\u{202F}; son guillemet s'ouvre ligne {opened}.";
    FileMissingColumn => "The first line must name a “{column}” column.", "La première ligne doit nommer une colonne «\u{202F}{column}\u{202F}».";
    FileUnknownColumn => "Unknown column “{column}”.", "Colonne inconnue «\u{202F}{column}\u{202F}».";
    FileDuplicateColumn => "The column “{column}” appears twice.", "La colonne «\u{202F}{column}\u{202F}» apparaît deux fois.";
    FileUnnamedColumn => "Column {n} of the first line has no name: the first line names the columns (title, authors, …).", "La colonne {n} de la première ligne n'a pas de nom\u{202F}: la première ligne nomme les colonnes (title, authors, …).";
    FileTooLarge => "More than {max} lines: split the file.", "Plus de {max} lignes\u{202F}: découpez le fichier.";
    FileTooBig => "The file is over {max} MB: surely not a book list. Nothing was imported.", "Le fichier dépasse {max}\u{202F}Mo\u{202F}: ce n'est sûrement pas une liste de livres. Rien n'a été importé.";
    CheckingLines => "Checking line {done} of {total}…", "Vérification de la ligne {done} sur {total}…";
    FieldCount => "{found} fields instead of {expected}", "{found} champs au lieu de {expected}";
    RepeatedIsbn => "same ISBN as line {line}", "même ISBN que la ligne {line}";
    AlreadyOnShelf => "already on the shelf: “{title}”", "déjà dans la bibliothèque\u{202F}: «\u{202F}{title}\u{202F}»";
    Overdue => "Overdue", "En retard";
    NoOverdue => "No overdue book.", "Aucun livre en retard.";
    DaysLateOne => "{n} day late", "{n} jour de retard";
    DaysLate => "{n} days late", "{n} jours de retard";
    ExportLoans => "Borrowing record (CSV)", "Registre des prêts (CSV)";
    Menu => "Meals", "Repas";
    MyMeals => "My meals", "Mes repas";
    DayToday => "Today", "Aujourd'hui";
    ReserveBefore => "Reserve before {time} for the same day.", "Réservez avant {time} pour le jour même.";
    TodayClosed => "Reservations for today closed at {time}.", "Les réservations du jour ont fermé à {time}.";
    AnyDiet => "Everything", "Tout";
    SetsLeftOne => "{n} left", "{n} restant";
    SetsLeft => "{n} left", "{n} restants";
    SoldOut => "Sold out", "Épuisé";
    Reserve => "Reserve", "Réserver";
    ReservedForDay => "Reserved for {day}", "Réservé pour {day}";
    ReservedForToday => "Reserved for today", "Réservé pour aujourd'hui";
    CancelReservation => "Cancel", "Annuler";
    ReservedToast => "Reserved: {meal}, {day}.", "Réservé\u{202F}: {meal}, {day}.";
    CancelledToast => "Reservation cancelled.", "Réservation annulée.";
    Allergens => "Allergens: {list}", "Allergènes\u{202F}: {list}";
    NotOfferedThatDay => "Not on the menu that day", "Pas au menu ce jour-là";
    RefusedMealRetired => "This meal set is no longer on the menu.", "Ce repas n'est plus au menu.";
    RefusedNotOffered => "This meal set is not on the menu that day.", "Ce repas n'est pas au menu ce jour-là.";
    RefusedOfficeClosed => "The office is closed that day.", "Le bureau est fermé ce jour-là.";
    RefusedPastDay => "That day is over.", "Ce jour est passé.";
    RefusedAfterCutoff => "Too late for today: reservations close at {time}.", "Trop tard pour aujourd'hui\u{202F}: les réservations ferment à {time}.";
    RefusedTooFarAhead => "Too far ahead: reserve for the next working days only.", "Trop tôt\u{202F}: réservez pour les prochains jours ouvrés seulement.";
    RefusedAlreadyReserved => "You already have a meal reserved that day.", "Vous avez déjà un repas réservé ce jour-là.";
    RefusedSoldOut => "Sold out for that day.", "Épuisé pour ce jour.";
    RefusedNotReserved => "This reservation is no longer open.", "Cette réservation n'est plus ouverte.";
    RefusedTooLateToCancel => "Too late to cancel: reservations close at {time} on the day.", "Trop tard pour annuler\u{202F}: les réservations ferment à {time} le jour même.";
    RefusedNotYet => "Not yet: that day has not come or is not over.", "Pas encore\u{202F}: ce jour n'est pas venu ou pas terminé.";
    NoSuchMeal => "This reservation or meal set was not found.", "Réservation ou repas introuvable.";
    ThisMonth => "This month", "Ce mois-ci";
    MealsCountOne => "{n} meal", "{n} repas";
    MealsCount => "{n} meals", "{n} repas";
    Upcoming => "Coming up", "À venir";
    NothingReserved => "Nothing reserved. Today's menu is one tap away.", "Rien de réservé. Le menu du jour est à un geste.";
    Past => "Before", "Passés";
    StatusPickedUp => "picked up", "retiré";
    StatusNoShow => "not picked up", "non retiré";
    StatusCancelled => "cancelled", "annulé";
    StatusRefused => "not kept", "non retenu";
    StatusReserved => "reserved", "réservé";
    OrderSheet => "Order sheet", "Bon de commande";
    Day => "Day", "Jour";
    Total => "Total", "Total";
    PickedUp => "Picked up", "Retiré";
    MarkPickedUp => "Mark picked up", "Marquer retiré";
    MarkNoShows => "Mark the rest as not picked up", "Marquer le reste comme non retiré";
    NoShowsMarkedOne => "{n} marked as not picked up.", "{n} marqué comme non retiré.";
    NoShowsMarked => "{n} marked as not picked up.", "{n} marqués comme non retirés.";
    NoShowsPartly => "{marked} marked as not picked up; {refused} had changed meanwhile (collected or cancelled) and were left as they are.", "{marked} marqués comme non retirés\u{202F}; {refused} avaient changé entre-temps (retirés ou annulés) et restent tels quels.";
    ManageMenu => "Manage the menu", "Gérer le menu";
    AddMealSet => "Add a meal set", "Ajouter un repas";
    EditMealSet => "Edit the meal set", "Modifier le repas";
    Description => "Description", "Description";
    Price => "Price (EUR)", "Prix (EUR)";
    Diets => "Dietary tags", "Régimes";
    AllergensLabel => "Allergens", "Allergènes";
    DailyStock => "Daily stock", "Stock quotidien";
    DaysOffered => "Days on the menu", "Jours au menu";
    ConfirmRetireMeal => "Take this meal set off the menu? Its reservations stay.", "Retirer ce repas du menu\u{202F}? Ses réservations sont conservées.";
    MealRetired => "Taken off the menu.", "Retiré du menu.";
    ExportSupplier => "Orders for the supplier (CSV)", "Commandes fournisseur (CSV)";
    ExportAccounting => "Spend per person per month (CSV)", "Dépenses par personne et par mois (CSV)";
    Inbox => "Inbox", "Messages";
    UnreadBadge => "{n} unread", "{n} non lus";
    InboxEmpty => "Nothing new. Reminders and the office's announcements land here.", "Rien de neuf. Les rappels et annonces du bureau arrivent ici.";
    MarkAllRead => "Mark all as read", "Tout marquer comme lu";
    DismissItem => "Dismiss", "Supprimer";
    Unread => "Unread", "Non lu";
    DueTomorrowTitle => "Book due tomorrow", "Livre à rendre demain";
    DueTomorrowBody => "“{title}” is due back tomorrow.", "«\u{202F}{title}\u{202F}» est à rendre demain.";
    OverdueTitle => "Overdue book", "Livre en retard";
    OverdueBody => "“{title}” was due on {date}. Please bring it back.", "«\u{202F}{title}\u{202F}» était à rendre le {date}. Merci de le rapporter.";
    HoldReadyTitle => "Your book is ready", "Votre livre vous attend";
    HoldReadyBody => "“{title}” is held for you until {time}.", "«\u{202F}{title}\u{202F}» vous est réservé jusqu'à {time}.";
    BorrowLostTitle => "Another colleague got the last copy", "Dernier exemplaire déjà emprunté";
    BorrowLostBody => "“{title}”: another colleague borrowed the last copy first. You are on the waitlist; it will be held for you when it comes back.", "«\u{202F}{title}\u{202F}»\u{202F}: un·e collègue a emprunté le dernier exemplaire avant vous. Vous êtes sur la liste d'attente\u{202F}; il vous sera réservé à son retour.";
    MealRefusedTitle => "Reservation not kept", "Réservation non retenue";
    MealSoldOutBody => "{meal} for {day}: another colleague reserved the last one first. Nothing is charged; pick another set.", "{meal} pour le {day}\u{202F}: un·e collègue a réservé le dernier avant vous. Rien n'est facturé\u{202F}; choisissez un autre repas.";
    MealAlreadyBody => "{meal} for {day}: you already had a meal reserved that day (from another device). Nothing is charged for this one.", "{meal} pour le {day}\u{202F}: vous aviez déjà un repas réservé ce jour-là (depuis un autre appareil). Celui-ci n'est pas facturé.";
    CutoffTitle => "Lunch orders close at {time}", "Commandes de repas jusqu'à {time}";
    CutoffBody => "You have no meal reserved for today.", "Vous n'avez pas réservé de repas aujourd'hui.";
    EventSoonTitle => "Starting in an hour", "Dans une heure";
    EventSoonBody => "“{title}” starts at {time}.", "«\u{202F}{title}\u{202F}» commence à {time}.";
    KindColdWeather => "Cold-weather alert", "Alerte grand froid";
    KindTeamEvent => "Team event", "Événement d'équipe";
    KindHoliday => "Holiday celebration", "Fête";
    KindGeneral => "General", "Général";
    EventAt => "{day} at {time}", "{day} à {time}";
    Where => "Where: {place}", "Où\u{202F}: {place}";
    Going => "Going", "J'y vais";
    NotGoing => "Not going", "Je n'y vais pas";
    GoingCountOne => "{n} going", "{n} participant";
    GoingCount => "{n} going", "{n} participants";
    AnswersClosed => "The event has started: answers are closed.", "L'événement a commencé\u{202F}: les réponses sont closes.";
    NoAnnouncements => "No announcements yet.", "Aucune annonce pour l'instant.";
    Attendees => "Who is going", "Participants";
    AnnouncementGone => "This announcement is no longer available.", "Cette annonce n'est plus disponible.";
    Announcements => "Announcements", "Annonces";
    PublishAnnouncement => "Publish an announcement", "Publier une annonce";
    EditAnnouncement => "Edit the announcement", "Modifier l'annonce";
    Template => "Template", "Modèle";
    ChooseTemplate => "Choose a template", "Choisissez un modèle";
    AnnouncementBody => "Message", "Message";
    PublishDay => "Publish on", "Publier le";
    PublishTime => "Publish at", "Publier à";
    ExpiresDay => "Until (optional)", "Jusqu'au (facultatif)";
    ExpiresTime => "Ending at", "Fin à";
    EventDay => "Event day", "Jour de l'événement";
    EventTime => "Starts at", "Début à";
    Place => "Place", "Lieu";
    Publish => "Publish", "Publier";
    Published => "Published.", "Publié.";
    Withdraw => "Withdraw", "Retirer";
    ConfirmWithdraw => "Withdraw this announcement? It disappears from everyone's inbox.", "Retirer cette annonce\u{202F}? Elle disparaît des messages de tous.";
    Withdrawn => "Withdrawn.", "Retirée.";
    Scheduled => "scheduled", "programmée";
    Expired => "expired", "expirée";
    WithdrawnState => "withdrawn", "retirée";
    ErrExpiresBeforePublish => "The end must come after the publish time.", "La fin doit venir après la publication.";
    ErrEventInThePast => "The event must be in the future.", "L'événement doit être à venir.";
    TemplateColdTitle => "Bundle up: -2 °C tomorrow morning", "Couvrez-vous\u{202F}: -2 °C demain matin";
    TemplateColdBody => "Frost is forecast before 9:00. Hot drinks are on us in the kitchen.", "Gel prévu avant 9 h. Boissons chaudes offertes à la cuisine.";
    TemplateEventTitle => "Game night: board games & pizza", "Soirée jeux\u{202F}: jeux de société et pizza";
    TemplateEventBody => "Bring your favourite game, or learn a new one.", "Apportez votre jeu préféré, ou découvrez-en un nouveau.";
    TemplateHolidayTitle => "Holiday celebration", "Fête de fin d'année";
    TemplateHolidayBody => "Music, treats and good company before the holidays.", "Musique, gourmandises et bonne compagnie avant les fêtes.";
    Notifications => "Notifications", "Notifications";
    NotificationsOn => "On: reminders also come as notifications.", "Activées\u{202F}: les rappels arrivent aussi en notifications.";
    NotificationsAsk => "Off: reminders stay in the inbox.", "Désactivées\u{202F}: les rappels restent dans les messages.";
    NotificationsBlocked => "Blocked in the browser's settings for this site.", "Bloquées dans les réglages du navigateur pour ce site.";
    NotificationsUnsupported => "This browser cannot show notifications.", "Ce navigateur ne peut pas afficher de notifications.";
    TurnOnNotifications => "Turn on notifications", "Activer les notifications";
    CategoryBooks => "Books due and ready", "Livres à rendre et disponibles";
    CategoryMeals => "Lunch order reminder", "Rappel de commande de repas";
    CategoryEvents => "Events starting soon", "Événements qui commencent";
    QuietFrom => "Quiet from", "Silence de";
    QuietTo => "to", "à";
    SaveOffice => "Save office settings", "Enregistrer les réglages du bureau";
    SaveQuietHours => "Save quiet hours", "Enregistrer les heures de silence";

    Settings => "Settings", "Réglages";
    Language => "Language", "Langue";
    Theme => "Appearance", "Apparence";
    ThemeSystem => "Match the device", "Comme l'appareil";
    ThemeLight => "Light", "Clair";
    ThemeDark => "Dark", "Sombre";
    AdminView => "Admin view", "Vue administrateur";
    AdminViewHint => "Shows the office admin's screens on this device.", "Affiche les écrans de l'administrateur du bureau sur cet appareil.";
    YouAre => "You are", "Vous êtes";
    SwitchPerson => "Play as another colleague (demo office)", "Jouer un autre collègue (bureau de démonstration)";
    Storage => "Storage", "Stockage";
    StorageUsage => "{used} used of {quota} available", "{used} utilisés sur {quota} disponibles";
    StorageUnknown => "This browser does not report storage use.", "Ce navigateur n'indique pas l'espace utilisé.";
    StoragePersisted => "Your data is kept even when the device runs low on space.", "Vos données sont conservées même si l'appareil manque de place.";
    StorageNotPersisted => "The browser may clear this data when the device runs low on space.", "Le navigateur peut effacer ces données si l'appareil manque de place.";
    PersistStorage => "Keep my data", "Conserver mes données";
    PersistRefused => "The browser did not grant persistent storage. Installing Oasis on the home screen usually helps.", "Le navigateur a refusé le stockage persistant. Installer Oasis sur l'écran d'accueil aide en général.";
    AboutVersion => "Version {version}", "Version {version}";
    OfflineReady => "ready to work offline", "prêt à fonctionner hors ligne";
    Office => "Office", "Bureau";
    OfficeName => "Office name", "Nom du bureau";
    Capacity => "Capacity (people)", "Capacité (personnes)";
    LoanDays => "Loan (days)", "Prêt (jours)";
    MaxLoans => "Books per person", "Livres par personne";
    HoldDays => "Hold (days)", "Réservation (jours)";
    MealCutoff => "Meal orders close at", "Commandes de repas jusqu'à";
    MealsPerDay => "Meals per person per day", "Repas par personne et par jour";
    Save => "Save", "Enregistrer";
    Saved => "Saved.", "Enregistré.";

    SyncSynced => "Synced", "Synchronisé";
    SyncSyncing => "Syncing…", "Synchronisation…";
    SyncServerDown => "Server unreachable", "Serveur injoignable";
    SyncNeedsSignIn => "Sign in needed", "Connexion requise";
    SyncError => "Sync error", "Erreur de synchro";
    SyncedAt => "Everything is synced with the office (last at {time}).", "Tout est synchronisé avec le bureau (dernière fois à {time}).";
    SyncOfflineDetail => "The office server cannot be reached. Everything you do is kept on this device and sent when it can be.", "Le serveur du bureau est injoignable. Tout ce que vous faites est gardé sur cet appareil et envoyé dès que possible.";
    SyncSignInDetail => "Your session with the office has ended. Sign in again: nothing waiting to be sent is lost.", "Votre session avec le bureau a pris fin. Reconnectez-vous\u{202F}: rien de ce qui attend d'être envoyé n'est perdu.";
    SyncErrorDetail => "Sync stopped: {reason}. It retries by itself; nothing is lost.", "Synchronisation arrêtée\u{202F}: {reason}. Elle réessaie d'elle-même\u{202F}; rien n'est perdu.";
    AdminsOnlyTitle => "For office admins", "Réservé aux admins du bureau";
    AdminsOnlyBody => "This screen is for the office's admins. Your account is not one.", "Cet écran est réservé aux admins du bureau. Votre compte n'en fait pas partie.";
    JoinUnreachable => "Cannot reach {server}. Check the address and your network.", "Impossible de joindre {server}. Vérifiez l'adresse et votre réseau.";
    JoinWrongPassword => "Wrong account name or password.", "Nom de compte ou mot de passe incorrect.";
    JoinNoSuchOffice => "There is no office “{office}” on this server.", "Il n'y a pas de bureau «\u{202F}{office}\u{202F}» sur ce serveur.";
    JoinNotMember => "This account is not a member of the office “{office}”.", "Ce compte n'est pas membre du bureau «\u{202F}{office}\u{202F}».";
    JoinNotCouch => "This address is not an office server ({reason}).", "Cette adresse n'est pas un serveur de bureau ({reason}).";
    JoinNoPerson => "This account is not linked to a person of the office. Ask your office admin.", "Ce compte n'est lié à aucune personne du bureau. Demandez à l'admin du bureau.";
    ErrNotAServer => "Enter the server's address, like https://office.example.com.", "Saisissez l'adresse du serveur, comme https://bureau.example.com.";
    ErrNotAnOffice => "Lower-case letters, digits and - _ only, starting with a letter.", "Lettres minuscules, chiffres et - _ seulement, en commençant par une lettre.";
    ErrNotAUserName => "An account name has no colon or invisible characters.", "Un nom de compte ne contient ni deux-points ni caractères invisibles.";
    ErrInviteTampered => "This invite link was changed or cut off. Ask your office admin for a new one.", "Ce lien d'invitation a été modifié ou tronqué. Demandez-en un nouveau à l'admin du bureau.";
    ErrNotAnInvite => "This is not an Oasis invite link.", "Ce n'est pas un lien d'invitation Oasis.";
    JoinOffice => "Join your office", "Rejoindre votre bureau";
    JoinOfficeHint => "With the account your office admin gave you: your check-ins, books and meals are then shared with the office.", "Avec le compte donné par l'admin du bureau\u{202F}: vos arrivées, livres et repas sont alors partagés avec le bureau.";
    OfficeServer => "Server", "Serveur";
    OfficeDatabase => "Office", "Bureau";
    AccountName => "Account", "Compte";
    Password => "Password", "Mot de passe";
    JoinReplacesData => "Joining replaces this device's data with the office's. Export a backup first to keep it.", "Rejoindre remplace les données de cet appareil par celles du bureau. Exportez d'abord une sauvegarde pour les garder.";
    Joining => "Joining…", "Connexion…";
    JoinOfficeButton => "Join the office", "Rejoindre le bureau";
    JoiningOffice => "Getting the office “{office}”…", "Récupération du bureau «\u{202F}{office}\u{202F}»…";
    RecordsReceivedOne => "{n} record received", "{n} élément reçu";
    RecordsReceived => "{n} records received", "{n} éléments reçus";
    SignIn => "Sign in", "Se connecter";
    OfficeSync => "Office", "Bureau";
    WorkingAlone => "This device works alone: its data stays on it.", "Cet appareil fonctionne seul\u{202F}: ses données restent dessus.";
    RoleAdmin => "admin", "admin";
    SyncStateLabel => "State", "État";
    LastSync => "Last sync", "Dernière synchro";
    Never => "never", "jamais";
    WaitingToSend => "Waiting to be sent", "En attente d'envoi";
    ChangesCountOne => "{n} change", "{n} modification";
    ChangesCount => "{n} changes", "{n} modifications";
    SyncNow => "Sync now", "Synchroniser";
    SignOut => "Sign out", "Se déconnecter";
    RefusedByServer => "Refused by the office server", "Refusé par le serveur du bureau";
    RecordPerson => "Person", "Personne";
    RecordCheckin => "Check-in", "Pointage";
    RecordBook => "Book", "Livre";
    RecordLoan => "Borrowing", "Emprunt";
    RecordHold => "Book hold", "Réservation d'un livre";
    RecordMealSet => "Meal set", "Repas";
    RecordReservation => "Meal reservation", "Réservation de repas";
    RecordAnnouncement => "Announcement", "Annonce";
    RecordRsvp => "Answer to an event", "Réponse à un événement";
    RecordSettings => "Office settings", "Réglages du bureau";
    RefusalNotARecord => "Not a record of Oasis.", "Ce n'est pas un enregistrement d'Oasis.";
    RefusalOnlyAdminsDelete => "Only an admin may delete a record.", "Seul un admin peut supprimer un enregistrement.";
    RefusalIdMismatch => "The record is damaged: it was not sent.", "L'enregistrement est endommagé\u{202F}: il n'a pas été envoyé.";
    RefusalKioskChecksInOnly => "A kiosk account records check-ins only.", "Un compte de borne n'enregistre que des pointages.";
    RefusalAdminsOnly => "Only an admin may change this.", "Seul un admin peut modifier ceci.";
    RefusalNoRole => "This account has no role in the office.", "Ce compte n'a aucun rôle dans le bureau.";
    RefusalNotYours => "An employee's account records only that person's own check-ins, borrowing, meal reservations and answers.", "Un compte d'employé n'enregistre que les pointages, emprunts, réservations de repas et réponses de la personne elle-même.";
    RefusalEventsNeverChange => "A check-in, a loan or an answer cannot be changed once recorded.", "Un pointage, un emprunt ou une réponse ne peut plus changer une fois enregistré.";
    SyncNotes => "Sync notes", "Notes de synchro";
    NoteSkipped => "Skipped a record the app cannot read ({id}): {reason}.", "Élément illisible ignoré ({id})\u{202F}: {reason}.";
    NoteOverwritten => "Your edit of “{what}” was replaced by a later one from another device.", "Votre modification de «\u{202F}{what}\u{202F}» a été remplacée par une plus récente d'un autre appareil.";

    Backup => "Backup", "Sauvegarde";
    BackupHint => "Everything shared on this device (people, check-ins, books, loans, meals, announcements) in one file, to keep or to merge into another device.", "Tout ce qui est partagé sur cet appareil (personnes, arrivées, livres, prêts, repas, annonces) dans un fichier, à garder ou à fusionner dans un autre appareil.";
    ExportBackup => "Export everything", "Tout exporter";
    ImportBackup => "Import a backup or another device's export", "Importer une sauvegarde ou l'export d'un autre appareil";
    BackupExported => "Saved {file} ({n} records).", "{file} enregistré ({n} éléments).";
    BackupPlan => "{file}: {n} records — {added} new here, {updated} newer than here, {kept} already here.", "{file}\u{202F}: {n} éléments — {added} nouveaux ici, {updated} plus récents qu'ici, {kept} déjà ici.";
    MergeBackup => "Merge them", "Les fusionner";
    BackupMerged => "Merged {file}: {added} new, {updated} updated.", "{file} fusionné\u{202F}: {added} nouveaux, {updated} mis à jour.";
    BackupEmpty => "The file is empty. Nothing was imported.", "Le fichier est vide. Rien n'a été importé.";
    BackupTooLarge => "The file is over {max} MB, more than Oasis can restore. Nothing was imported.", "Le fichier dépasse {max}\u{202F}Mo, plus qu'Oasis ne peut restaurer. Rien n'a été importé.";
    BackupTruncated => "The file is cut off before its end (an interrupted download?). Nothing was imported.", "Le fichier s'arrête avant la fin (téléchargement interrompu\u{202F}?). Rien n'a été importé.";
    BackupNotJson => "This file is damaged or not an Oasis backup (unreadable at line {line}, column {column}). Nothing was imported.", "Ce fichier est abîmé ou n'est pas une sauvegarde Oasis (illisible ligne {line}, colonne {column}). Rien n'a été importé.";
    BackupNotOurs => "This file is not an Oasis backup. Nothing was imported.", "Ce fichier n'est pas une sauvegarde Oasis. Rien n'a été importé.";
    BackupNewer => "This backup was made by a newer Oasis (format {version}): update the app first. Nothing was imported.", "Cette sauvegarde vient d'une version plus récente d'Oasis (format {version})\u{202F}: mettez l'app à jour d'abord. Rien n'a été importé.";
    RecordUnknownKind => "a kind of record this version of Oasis does not know", "un type d'élément que cette version d'Oasis ne connaît pas";
    RecordDuplicateId => "the same id twice", "le même identifiant deux fois";
    RecordInvalid => "does not fit its kind ({detail})", "ne correspond pas à son type ({detail})";
    RecordBreaksRule => "its {field} is not one the app could have saved ({rule})", "son champ {field} contient une valeur que l'app n'aurait pas enregistrée ({rule})";
    BackupBadRecordsOne => "{n} record in this file is unusable, so nothing was imported: {list}", "{n} élément de ce fichier est inutilisable, donc rien n'a été importé\u{202F}: {list}";
    BackupBadRecords => "{n} records in this file are unusable, so nothing was imported: {list}", "{n} éléments de ce fichier sont inutilisables, donc rien n'a été importé\u{202F}: {list}";
    FileUnreadable => "The file could not be read.", "Le fichier n'a pas pu être lu.";
    RestoreBackup => "Restore a backup", "Restaurer une sauvegarde";
    RestoreBackupHint => "A file exported from Oasis (Settings → Backup) brings your office and your data back on this device.", "Un fichier exporté d'Oasis (Réglages → Sauvegarde) ramène votre bureau et vos données sur cet appareil.";

    Admin => "Admin", "Admin";
    AdminPinTitle => "Admin PIN", "Code admin";
    AdminPinHint => "The admin screens of this device open with its PIN.", "Les écrans admin de cet appareil s'ouvrent avec son code.";
    AdminPin => "PIN", "Code";
    Unlock => "Unlock", "Déverrouiller";
    ForgotPin => "Forgot the PIN?", "Code oublié\u{202F}?";
    ForgotPinOffice => "Sign in with the office admin account's password to set a new PIN.", "Connectez-vous avec le mot de passe du compte admin du bureau pour choisir un nouveau code.";
    ForgotPinAlone => "This device works alone: without its PIN, the only way is to erase its data (export a backup first if you still can).", "Cet appareil fonctionne seul\u{202F}: sans son code, la seule issue est d'effacer ses données (exportez d'abord une sauvegarde si vous le pouvez).";
    ResetPin => "Set a new PIN", "Choisir un nouveau code";
    EraseDevice => "Erase this device's data", "Effacer les données de cet appareil";
    EraseDeviceConfirm => "Erase all of Oasis's data on this device? This cannot be undone.", "Effacer toutes les données d'Oasis sur cet appareil\u{202F}? C'est définitif.";
    SetAdminPin => "Set an admin PIN", "Choisir un code admin";
    SetAdminPinHint => "6 to 12 digits. It opens this device's admin screens; it is kept only as a salted hash.", "6 à 12 chiffres. Il ouvre les écrans admin de cet appareil\u{202F}; il n'est gardé que sous forme d'empreinte salée.";
    NewPin => "New PIN", "Nouveau code";
    NewPinAgain => "New PIN again", "Nouveau code, à nouveau";
    CurrentPin => "Current PIN", "Code actuel";
    SavePin => "Save the PIN", "Enregistrer le code";
    PinSet => "PIN saved. The admin screens are open.", "Code enregistré. Les écrans admin sont ouverts.";
    PinDigitsOnly => "Digits only.", "Des chiffres seulement.";
    PinTooShort => "At least {min} digits.", "Au moins {min} chiffres.";
    PinTooLong => "At most {max} digits.", "Au plus {max} chiffres.";
    PinTooEasy => "Too easy to guess: no repeated digit or run like 123456.", "Trop facile à deviner\u{202F}: pas un seul chiffre répété ni une suite comme 123456.";
    PinMismatch => "The two PINs differ.", "Les deux codes diffèrent.";
    PinNotSet => "No PIN is set on this device.", "Aucun code n'est défini sur cet appareil.";
    PinWrong => "Wrong PIN.", "Code incorrect.";
    PinWait => "Too many wrong tries: wait {wait} before trying again.", "Trop d'essais incorrects\u{202F}: attendez {wait} avant de réessayer.";
    CryptoUnavailable => "This browser cannot check the PIN (Web Crypto is missing).", "Ce navigateur ne peut pas vérifier le code (Web Crypto manque).";
    LockAdmin => "Lock", "Verrouiller";
    ChangePin => "Change the PIN", "Changer le code";
    StartKiosk => "Start kiosk mode", "Passer en mode borne";
    PeopleAndPasses => "People and passes", "Personnes et badges";
    DoorCode => "Door code", "Code de la porte";
    DoorCodeHint => "Show this at the door: people scan it with their phone, or type the code.", "Affichez-le à la porte\u{202F}: on le scanne avec son téléphone, ou on tape le code.";
    DoorRotation => "The code changes", "Le code change";
    RotateDaily => "once a day", "une fois par jour";
    RotateEvery => "every {n} minutes", "toutes les {n} minutes";
    DoorCheckIn => "Check in at the door", "Arrivée à la porte";
    DoorCheckInHint => "Scan the code shown at the office door, or type its six characters.", "Scannez le code affiché à la porte du bureau, ou tapez ses six caractères.";
    DoorTypeHint => "Type the six characters shown at the office door.", "Tapez les six caractères affichés à la porte du bureau.";
    ScanDoorCode => "Scan the door code", "Scanner le code de la porte";
    TypeDoorCode => "Door code", "Code de la porte";
    DoorNotACode => "A door code is six letters and digits, like M79 9QK.", "Un code de porte fait six lettres et chiffres, comme M79 9QK.";
    DoorNotOurs => "This QR code is not the office's door code.", "Ce QR code n'est pas le code de la porte du bureau.";
    DoorWrong => "This is not the door's code now (a typo, or another day's code). Nothing was saved.", "Ce n'est pas le code de la porte en ce moment (une faute de frappe, ou le code d'un autre jour). Rien n'a été enregistré.";
    DoorNoSecret => "This office has no door codes or passes yet: the office admin turns them on by showing the door code.", "Ce bureau n'a pas encore de code de porte ni de badges\u{202F}: l'admin les active en affichant le code de la porte.";
    CheckedInByDoor => "Checked in at {time} by the door code. Have a good day!", "Arrivée à {time} par le code de la porte. Bonne journée\u{202F}!";
    MyPass => "My pass", "Mon badge";
    MyPassShort => "For the reception kiosk.", "Pour la borne d'accueil.";
    MyPassHint => "Show it to the reception kiosk's camera to check in. If someone copied it, ask the office admin for a new one.", "Montrez-le à la caméra de la borne d'accueil pour pointer. Si quelqu'un l'a copié, demandez-en un nouveau à l'admin.";
    FindPerson => "Find someone", "Trouver quelqu'un";
    PassNumber => "pass no. {n}", "badge n°\u{202F}{n}";
    ReplacePass => "Replace the pass", "Remplacer le badge";
    ReplacePassConfirm => "Give {name} a new pass? Their current one will stop working.", "Donner un nouveau badge à {name}\u{202F}? L'actuel ne fonctionnera plus.";
    PassReplaced => "{name} has a new pass; the old one no longer works.", "{name} a un nouveau badge\u{202F}; l'ancien ne fonctionne plus.";
    KioskTitle => "Welcome to {office}", "Bienvenue à {office}";
    FindYourName => "Find your name", "Trouvez votre nom";
    ShowYourPass => "Show your pass", "Montrer votre badge";
    KioskConfirm => "Check in as {name}?", "Pointer en tant que {name}\u{202F}?";
    NotMe => "Not me", "Ce n'est pas moi";
    KioskWelcome => "Welcome, {name} — checked in at {time}", "Bienvenue, {name} — arrivée à {time}";
    KioskAlreadyIn => "{name}, you are already checked in (since {time})", "{name}, vous avez déjà pointé (depuis {time})";
    PassNotOurs => "This is not an Oasis pass.", "Ce n'est pas un badge Oasis.";
    PassForged => "This pass is not valid for this office.", "Ce badge n'est pas valable pour ce bureau.";
    PassReplacedOld => "This pass was replaced: show your new one (in the app, My pass).", "Ce badge a été remplacé\u{202F}: montrez le nouveau (dans l'app, Mon badge).";
    LeaveKiosk => "Leave kiosk mode", "Quitter le mode borne";
    KioskPinFirst => "Before this tablet serves as the reception kiosk, choose the admin PIN that takes it out of kiosk mode.", "Avant que cette tablette serve de borne d'accueil, choisissez le code admin qui la fera sortir du mode borne.";
    KioskAccountOnly => "This tablet is signed in with the kiosk's account, which is nobody's own: it serves as the reception kiosk.", "Cette tablette est connectée avec le compte de la borne, qui n'est celui de personne\u{202F}: elle sert de borne d'accueil.";
    BackToKiosk => "Back to kiosk mode", "Revenir au mode borne";
}

/// Replaces each `{key}` of `template` with its value. A value that ends
/// in a full stop (French "23 nov.", an error's sentence) ending a sentence
/// of the template gives one full stop, not two.
pub fn fill(template: &str, args: &[(&str, &str)]) -> String {
    let mut out = template.to_owned();
    for (key, value) in args {
        let placeholder = format!("{{{key}}}");
        if let Some(sentence) = value.strip_suffix('.') {
            out = out.replace(&format!("{placeholder}."), &format!("{sentence}."));
        }
        out = out.replace(&placeholder, value);
    }
    out
}

/// A count in words: `one` for the singular ("1 working day"), `other`
/// otherwise. French counts 0 and 1 as singular; English only 1. The count
/// fills `{n}`, `extra` any other placeholder.
pub fn count(lang: Lang, n: u64, one: Msg, other: Msg, extra: &[(&str, &str)]) -> String {
    let singular = match lang {
        Lang::En => n == 1,
        Lang::Fr => n <= 1,
    };
    let n = n.to_string();
    let mut args = vec![("n", n.as_str())];
    args.extend_from_slice(extra);
    fill((if singular { one } else { other }).text(lang), &args)
}

/// "Label: value", with each language's space before the colon.
pub fn label_value(lang: Lang, label: &str, value: &str) -> String {
    fill(Msg::LabelValue.text(lang), &[("label", label), ("value", value)])
}

/// A size in bytes for people: "1.4 MB", "1,4 Mo" (decimal units, one
/// decimal; a no-break space keeps the number with its unit).
pub fn bytes(bytes: u64, lang: Lang) -> String {
    let units: [&str; 5] = match lang {
        Lang::En => ["B", "KB", "MB", "GB", "TB"],
        Lang::Fr => ["o", "ko", "Mo", "Go", "To"],
    };
    let mut tenths = bytes.saturating_mul(10);
    let mut unit = 0;
    while tenths >= 10_000 && unit < units.len() - 1 {
        tenths /= 1000;
        unit += 1;
    }
    let point = lang.decimal_point();
    match unit {
        0 => format!("{}\u{a0}{}", tenths / 10, units[0]),
        _ => format!("{}{point}{}\u{a0}{}", tenths / 10, tenths % 10, units[unit]),
    }
}

/// The message for a refused form field.
pub fn field_error(error: FieldError, lang: Lang) -> String {
    match error {
        FieldError::Required => Msg::ErrRequired.text(lang).to_owned(),
        FieldError::TooLong { max } => fill(Msg::ErrTooLong.text(lang), &[("max", &max.to_string())]),
        FieldError::ForbiddenCharacters => Msg::ErrForbiddenCharacters.text(lang).to_owned(),
        FieldError::UnknownTeam => Msg::ErrUnknownTeam.text(lang).to_owned(),
        FieldError::NotAWholeNumber => Msg::ErrNotAWholeNumber.text(lang).to_owned(),
        FieldError::InvalidIsbn => Msg::ErrInvalidIsbn.text(lang).to_owned(),
        FieldError::IsbnTaken => Msg::ErrIsbnTaken.text(lang).to_owned(),
        FieldError::NotAPhoto => Msg::ErrNotAPhoto.text(lang).to_owned(),
        FieldError::NotAPrice => Msg::ErrNotAPrice.text(lang).to_owned(),
        FieldError::TooManyDecimals => Msg::ErrTooManyDecimals.text(lang).to_owned(),
        FieldError::PriceOutOfRange { max_cents } => {
            fill(Msg::ErrPriceOutOfRange.text(lang), &[("max", &super::money::format_cents(i64::from(max_cents), lang))])
        }
        FieldError::NotATime => Msg::ErrNotATime.text(lang).to_owned(),
        FieldError::NotADate => Msg::ErrNotADate.text(lang).to_owned(),
        FieldError::YearOutOfRange { first, last } => {
            fill(Msg::ErrYearOutOfRange.text(lang), &[("first", &first.to_string()), ("last", &last.to_string())])
        }
        FieldError::OutOfRange { min, max } => {
            fill(Msg::ErrOutOfRange.text(lang), &[("min", &min.to_string()), ("max", &max.to_string())])
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeSet;

    fn placeholders(text: &str) -> BTreeSet<&str> {
        text.split('{').skip(1).filter_map(|rest| rest.split_once('}').map(|(k, _)| k)).collect()
    }

    #[test]
    fn french_has_the_same_placeholders_and_is_translated() {
        let mut identical = Vec::new();
        for &msg in Msg::ALL {
            let (en, fr) = (msg.text(Lang::En), msg.text(Lang::Fr));
            assert_eq!(placeholders(en), placeholders(fr), "{msg:?}");
            assert!(!fr.trim().is_empty(), "{msg:?}");
            if en == fr {
                identical.push(msg);
            }
        }
        // Words that are the same in both languages, and nothing else.
        assert_eq!(
            identical,
            [Msg::AppName, Msg::Isbn, Msg::Notes, Msg::LoanSpan, Msg::Total, Msg::Description, Msg::AnnouncementBody, Msg::Notifications, Msg::AboutVersion, Msg::RoleAdmin, Msg::Admin]
        );
        // Singular forms come just before their plural, for every count.
        for pair in Msg::ALL.windows(2) {
            if format!("{:?}", pair[0]).ends_with("One") {
                assert_eq!(format!("{:?}One", pair[1]), format!("{:?}", pair[0]));
            }
        }
    }

    #[test]
    fn french_puts_a_narrow_no_break_space_before_double_punctuation() {
        for &msg in Msg::ALL {
            let fr = msg.text(Lang::Fr);
            for (at, mark) in fr.char_indices().filter(|(_, c)| matches!(c, ':' | ';' | '!' | '?' | '%')) {
                let before = fr[..at].chars().next_back();
                // A clock time (10:30) and an address (https://) take none.
                let exempt = mark == ':' && (before.is_some_and(|c| c.is_ascii_digit()) || fr[at..].starts_with("://"));
                assert!(exempt || before == Some('\u{202F}'), "{msg:?}: {fr:?}");
            }
        }
    }

    #[test]
    fn sizes_in_each_language() {
        assert_eq!(bytes(0, Lang::En), "0\u{a0}B");
        assert_eq!(bytes(999, Lang::Fr), "999\u{a0}o");
        assert_eq!(bytes(1_000, Lang::En), "1.0\u{a0}KB");
        assert_eq!(bytes(1_400_000, Lang::En), "1.4\u{a0}MB");
        assert_eq!(bytes(1_400_000, Lang::Fr), "1,4\u{a0}Mo");
        assert_eq!(bytes(2_147_483_648, Lang::Fr), "2,1\u{a0}Go");
        assert!(bytes(u64::MAX, Lang::En).ends_with("\u{a0}TB"), "no overflow");
    }

    #[test]
    fn fills_placeholders() {
        assert_eq!(fill(Msg::Hello.text(Lang::Fr), &[("name", "Zoé")]), "Bonjour, Zoé");
        // An abbreviation's full stop ends the sentence too; inside it, it stays.
        assert_eq!(
            fill(Msg::OverdueBody.text(Lang::Fr), &[("title", "Dune"), ("date", "23 nov.")]),
            "«\u{202F}Dune\u{202F}» était à rendre le 23 nov. Merci de le rapporter."
        );
        assert_eq!(fill("{day}, {day}.", &[("day", "jeu. 26 nov.")]), "jeu. 26 nov., jeu. 26 nov.");
        assert_eq!(field_error(FieldError::TooLong { max: 100 }, Lang::En), "At most 100 characters.");
    }

    #[test]
    fn plurals() {
        let days = |lang, n| count(lang, n, Msg::StreakDaysOne, Msg::StreakDays, &[]);
        assert_eq!(days(Lang::En, 0), "0 working days");
        assert_eq!(days(Lang::En, 1), "1 working day");
        assert_eq!(days(Lang::En, 2), "2 working days");
        assert_eq!(days(Lang::Fr, 0), "0 jour ouvré");
        assert_eq!(days(Lang::Fr, 1), "1 jour ouvré");
        assert_eq!(days(Lang::Fr, 2), "2 jours ouvrés");
        let present = count(Lang::Fr, 1, Msg::InOfCapacityOne, Msg::InOfCapacity, &[("capacity", "120")]);
        assert_eq!(present, "1 présent sur 120");
    }

    #[test]
    fn picks_language_from_browser_preferences() {
        assert_eq!(Lang::from_preferences(["fr-FR", "en"]), Lang::Fr);
        assert_eq!(Lang::from_preferences(["de-DE", "en-GB"]), Lang::En);
        assert_eq!(Lang::from_preferences(["de"]), Lang::En);
        assert_eq!(Lang::from_preferences([]), Lang::En);
    }
}
