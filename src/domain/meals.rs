//! The vending machine's meal sets, and the admin's menu form.

use super::date::Weekday;
use super::i18n::Lang;
use super::money::parse_price;
use super::record::Meta;
use super::settings::parse_whole_number;
use super::text::{multi_line, or_empty, single_line, FieldError};
use serde::{Deserialize, Serialize};

pub const DEFAULT_PRICE_CENTS: u32 = 350;
pub const MEAL_NAME_MAX_CHARS: usize = 80;
pub const MEAL_DESCRIPTION_MAX_CHARS: usize = 300;
pub const LABEL_MAX_CHARS: usize = 30;
/// Sets of one kind the machine holds in a day, at most.
pub const STOCK_MAX: u32 = 500;

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct MealSet {
    pub meta: Meta,
    pub name: String,
    pub description: String,
    /// Integer cents of the office's currency.
    pub price_cents: u32,
    /// Dietary tags: "vegan", "vegetarian", "gluten_free"...
    #[serde(default)]
    pub diets: Vec<String>,
    #[serde(default)]
    pub allergens: Vec<String>,
    /// Sets stocked in the machine each day.
    pub daily_stock: u32,
    /// Weekdays it is on the menu.
    #[serde(default = "working_week")]
    pub days_offered: Vec<Weekday>,
}

pub fn working_week() -> Vec<Weekday> {
    Weekday::ALL[..5].to_vec()
}

impl MealSet {
    pub fn offered_on(&self, weekday: Weekday) -> bool {
        self.days_offered.contains(&weekday)
    }
}

/// The admin's menu form, as typed.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct MealForm {
    pub name: String,
    pub description: String,
    pub price: String,
    /// Comma- or semicolon-separated.
    pub diets: String,
    pub allergens: String,
    pub daily_stock: String,
    pub days_offered: Vec<Weekday>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum MealField {
    Name,
    Description,
    Price,
    Diets,
    Allergens,
    DailyStock,
    DaysOffered,
}

/// The fields of a valid form.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct MealFields {
    pub name: String,
    pub description: String,
    pub price_cents: u32,
    pub diets: Vec<String>,
    pub allergens: Vec<String>,
    pub daily_stock: u32,
    pub days_offered: Vec<Weekday>,
}

fn labels(raw: &str) -> Result<Vec<String>, FieldError> {
    let mut out: Vec<String> = Vec::new();
    for item in super::books::split_list(raw) {
        // Lower-cased before the length is checked (see books' tags).
        let item = single_line(&item.to_lowercase(), LABEL_MAX_CHARS)?.replace([' ', '-'], "_");
        if !out.contains(&item) {
            out.push(item);
        }
    }
    Ok(out)
}

/// The French words for the diets and allergens people usually write (the
/// EU's fourteen allergens): a menu's labels are keys its admin typed, in
/// any language, so any other shows as written.
const FRENCH_LABELS: &[(&str, &str)] = &[
    ("vegan", "végan"),
    ("vegetarian", "végétarien"),
    ("pescatarian", "pescétarien"),
    ("gluten_free", "sans gluten"),
    ("dairy_free", "sans produits laitiers"),
    ("lactose_free", "sans lactose"),
    ("nut_free", "sans fruits à coque"),
    ("halal", "halal"),
    ("kosher", "casher"),
    ("gluten", "gluten"),
    ("crustaceans", "crustacés"),
    ("eggs", "œufs"),
    ("egg", "œuf"),
    ("fish", "poisson"),
    ("peanuts", "arachides"),
    ("soy", "soja"),
    ("soya", "soja"),
    ("milk", "lait"),
    ("nuts", "fruits à coque"),
    ("celery", "céleri"),
    ("mustard", "moutarde"),
    ("sesame", "sésame"),
    ("sulphites", "sulfites"),
    ("sulfites", "sulfites"),
    ("lupin", "lupin"),
    ("molluscs", "mollusques"),
];

/// A diet or allergen label as shown: "gluten free", "sans gluten".
pub fn label_shown(key: &str, lang: Lang) -> String {
    let french = (lang == Lang::Fr).then(|| FRENCH_LABELS.iter().find(|(k, _)| *k == key)).flatten();
    french.map_or_else(|| key.replace('_', " "), |(_, words)| (*words).to_owned())
}

impl MealForm {
    pub fn of(meal: &MealSet) -> MealForm {
        MealForm {
            name: meal.name.clone(),
            description: meal.description.clone(),
            price: format!("{}.{:02}", meal.price_cents / 100, meal.price_cents % 100),
            diets: meal.diets.join(", "),
            allergens: meal.allergens.join(", "),
            daily_stock: meal.daily_stock.to_string(),
            days_offered: meal.days_offered.clone(),
        }
    }

    pub fn validate(&self) -> Result<MealFields, Vec<(MealField, FieldError)>> {
        let mut errors = Vec::new();
        let mut check = |field, error: Option<FieldError>| {
            if let Some(e) = error {
                errors.push((field, e));
            }
        };
        let name = single_line(&self.name, MEAL_NAME_MAX_CHARS);
        check(MealField::Name, name.as_ref().err().copied());
        let description = or_empty(multi_line(&self.description, MEAL_DESCRIPTION_MAX_CHARS));
        check(MealField::Description, description.as_ref().err().copied());
        let price = parse_price(&self.price);
        check(MealField::Price, price.err());
        let diets = labels(&self.diets);
        check(MealField::Diets, diets.as_ref().err().copied());
        let allergens = labels(&self.allergens);
        check(MealField::Allergens, allergens.as_ref().err().copied());
        let stock = parse_whole_number(&self.daily_stock, 0, STOCK_MAX);
        check(MealField::DailyStock, stock.err());
        let mut days = self.days_offered.clone();
        days.sort();
        days.dedup();
        check(MealField::DaysOffered, days.is_empty().then_some(FieldError::Required));
        match (name, description, price, diets, allergens, stock) {
            (Ok(name), Ok(description), Ok(price_cents), Ok(diets), Ok(allergens), Ok(daily_stock)) if errors.is_empty() => {
                Ok(MealFields { name, description, price_cents, diets, allergens, daily_stock, days_offered: days })
            }
            _ => Err(errors),
        }
    }
}

impl MealFields {
    pub fn into_meal(self, meta: Meta) -> MealSet {
        MealSet {
            meta,
            name: self.name,
            description: self.description,
            price_cents: self.price_cents,
            diets: self.diets,
            allergens: self.allergens,
            daily_stock: self.daily_stock,
            days_offered: self.days_offered,
        }
    }
}

/// The seven organic sets a new office's menu starts with (ids supplied).
pub fn default_menu(mut meta: impl FnMut() -> Meta) -> Vec<MealSet> {
    let sets: [(&str, &str, &[&str], &[&str]); 7] = [
        ("Quinoa & roasted vegetable bowl", "Tricolour quinoa, roasted squash, chickpeas, tahini dressing", &["vegan", "gluten_free"], &["sesame"]),
        ("Chicken tikka & basmati", "Free-range chicken in a mild tikka sauce, basmati rice, coriander", &["gluten_free"], &["milk"]),
        ("Salmon teriyaki & rice", "Glazed salmon, sticky rice, edamame, pickled ginger", &[], &["fish", "soy", "sesame", "gluten"]),
        ("Lentil dahl & naan", "Red lentil dahl with spinach, coconut yoghurt, warm naan", &["vegetarian"], &["gluten", "milk"]),
        ("Falafel wrap", "Baked falafel, hummus, crunchy salad and pickles in a wholewheat wrap", &["vegan"], &["gluten", "sesame"]),
        ("Beef bourguignon & mash", "Slow-cooked beef in red wine, carrots, creamy potato mash", &[], &["milk", "celery", "sulphites"]),
        ("Mushroom risotto", "Arborio rice, wild mushrooms, parmesan, thyme", &["vegetarian", "gluten_free"], &["milk"]),
    ];
    let owned = |list: &[&str]| list.iter().map(|s| s.to_string()).collect();
    sets.iter()
        .map(|&(name, description, diets, allergens)| MealSet {
            meta: meta(),
            name: name.into(),
            description: description.into(),
            price_cents: DEFAULT_PRICE_CENTS,
            diets: owned(diets),
            allergens: owned(allergens),
            daily_stock: 12,
            days_offered: working_week(),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn labels_shown_in_french_when_known() {
        assert_eq!(label_shown("gluten_free", Lang::En), "gluten free");
        assert_eq!(label_shown("gluten_free", Lang::Fr), "sans gluten");
        assert_eq!(label_shown("milk", Lang::Fr), "lait");
        assert_eq!(label_shown("sans_arachide", Lang::Fr), "sans arachide", "an admin's own words, as typed");
        // Every default menu label has its French words.
        let menu = default_menu(|| Meta::new("m".into(), 0, "d"));
        for label in menu.iter().flat_map(|m| m.diets.iter().chain(&m.allergens)) {
            assert!(FRENCH_LABELS.iter().any(|(k, _)| k == label), "{label}");
        }
    }

    fn form() -> MealForm {
        MealForm {
            name: "Pho".into(),
            description: "Beef broth, rice noodles, herbs".into(),
            price: "4,20".into(),
            diets: "Gluten free".into(),
            allergens: "soy; fish".into(),
            daily_stock: "10".into(),
            days_offered: vec![Weekday::Wed, Weekday::Mon, Weekday::Mon],
        }
    }

    #[test]
    fn a_valid_menu_form() {
        let fields = form().validate().unwrap();
        assert_eq!(fields.price_cents, 420);
        assert_eq!(fields.diets, ["gluten_free"]);
        assert_eq!(fields.allergens, ["soy", "fish"]);
        assert_eq!(fields.days_offered, [Weekday::Mon, Weekday::Wed]);
    }

    #[test]
    fn a_label_keeps_its_limit_in_lower_case() {
        let refused = MealForm { diets: "İ".repeat(LABEL_MAX_CHARS), ..form() }.validate().unwrap_err();
        assert_eq!(refused, [(MealField::Diets, FieldError::TooLong { max: LABEL_MAX_CHARS })]);
        let fits = MealForm { allergens: "İ".repeat(LABEL_MAX_CHARS / 2), ..form() }.validate().unwrap();
        assert_eq!(fits.allergens[0].chars().count(), LABEL_MAX_CHARS);
    }

    #[test]
    fn bad_menu_input_is_named_per_field() {
        let bad = MealForm { name: " ".into(), price: "-1".into(), daily_stock: "-3".into(), days_offered: vec![], ..form() };
        assert_eq!(
            bad.validate().unwrap_err(),
            [
                (MealField::Name, FieldError::Required),
                (MealField::Price, FieldError::PriceOutOfRange { max_cents: 10_000 }),
                (MealField::DailyStock, FieldError::OutOfRange { min: 0, max: STOCK_MAX }),
                (MealField::DaysOffered, FieldError::Required),
            ]
        );
        let decimals = MealForm { price: "3.505".into(), ..form() };
        assert_eq!(decimals.validate().unwrap_err(), [(MealField::Price, FieldError::TooManyDecimals)]);
    }
}
