//! The vending machine's meal sets.

use super::record::Meta;
use serde::{Deserialize, Serialize};

pub const DEFAULT_PRICE_CENTS: u32 = 350;

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
        })
        .collect()
}
