//! The two word functions sequelize-cli's generators use: `Sequelize.Utils.pluralize`
//! (the `inflection` 1.13.4 package: the table name of `model:generate`) and lodash's
//! `kebabCase` (the migration's file name). Ported rule for rule so names come out the
//! same as the real tool's.

use std::sync::OnceLock;

use regex::Regex;

/// inflection's `uncountable_words`: returned unchanged (compared lowercased).
const UNCOUNTABLE: &[&str] = &[
    "accommodation",
    "adulthood",
    "advertising",
    "advice",
    "aggression",
    "aid",
    "air",
    "aircraft",
    "alcohol",
    "anger",
    "applause",
    "arithmetic",
    "assistance",
    "athletics",
    "bacon",
    "baggage",
    "beef",
    "biology",
    "blood",
    "botany",
    "bread",
    "butter",
    "carbon",
    "cardboard",
    "cash",
    "chalk",
    "chaos",
    "chess",
    "crossroads",
    "countryside",
    "dancing",
    "deer",
    "dignity",
    "dirt",
    "dust",
    "economics",
    "education",
    "electricity",
    "engineering",
    "enjoyment",
    "envy",
    "equipment",
    "ethics",
    "evidence",
    "evolution",
    "fame",
    "fiction",
    "flour",
    "flu",
    "food",
    "fuel",
    "fun",
    "furniture",
    "gallows",
    "garbage",
    "garlic",
    "genetics",
    "gold",
    "golf",
    "gossip",
    "gratitude",
    "grief",
    "guilt",
    "gymnastics",
    "happiness",
    "hardware",
    "harm",
    "hate",
    "hatred",
    "health",
    "heat",
    "help",
    "homework",
    "honesty",
    "honey",
    "hospitality",
    "housework",
    "humour",
    "hunger",
    "hydrogen",
    "ice",
    "importance",
    "inflation",
    "information",
    "innocence",
    "iron",
    "irony",
    "jam",
    "jewelry",
    "judo",
    "karate",
    "knowledge",
    "lack",
    "laughter",
    "lava",
    "leather",
    "leisure",
    "lightning",
    "linguine",
    "linguini",
    "linguistics",
    "literature",
    "litter",
    "livestock",
    "logic",
    "loneliness",
    "luck",
    "luggage",
    "macaroni",
    "machinery",
    "magic",
    "management",
    "mankind",
    "marble",
    "mathematics",
    "mayonnaise",
    "measles",
    "methane",
    "milk",
    "minus",
    "money",
    "mud",
    "music",
    "mumps",
    "nature",
    "news",
    "nitrogen",
    "nonsense",
    "nurture",
    "nutrition",
    "obedience",
    "obesity",
    "oxygen",
    "pasta",
    "patience",
    "physics",
    "poetry",
    "pollution",
    "poverty",
    "pride",
    "psychology",
    "publicity",
    "punctuation",
    "quartz",
    "racism",
    "relaxation",
    "reliability",
    "research",
    "respect",
    "revenge",
    "rice",
    "rubbish",
    "rum",
    "safety",
    "scenery",
    "seafood",
    "seaside",
    "series",
    "shame",
    "sheep",
    "shopping",
    "sleep",
    "smoke",
    "smoking",
    "snow",
    "soap",
    "software",
    "soil",
    "spaghetti",
    "species",
    "steam",
    "stuff",
    "stupidity",
    "sunshine",
    "symmetry",
    "tennis",
    "thirst",
    "thunder",
    "timber",
    "traffic",
    "transportation",
    "trust",
    "underwear",
    "unemployment",
    "unity",
    "validity",
    "veal",
    "vegetation",
    "vegetarianism",
    "vengeance",
    "violence",
    "vitality",
    "warmth",
    "wealth",
    "weather",
    "welfare",
    "wheat",
    "wildlife",
    "wisdom",
    "yoga",
    "zinc",
    "zoology",
];

/// inflection's `plural_rules`, in order: the first pattern that matches decides; `None`
/// means "already plural, leave it". All are case-insensitive (`'gi'`).
const PLURAL_RULES: &[(&str, Option<&str>)] = &[
    (r"^(m|wom)en$", None),
    (r"(pe)ople$", None),
    (r"(child)ren$", None),
    (r"([ti])a$", None),
    (
        r"((a)naly|(b)a|(d)iagno|(p)arenthe|(p)rogno|(s)ynop|(t)he)ses$",
        None,
    ),
    (r"(database)s$", None),
    (r"(drive)s$", None),
    (r"(hi|ti)ves$", None),
    (r"(curve)s$", None),
    (r"([lr])ves$", None),
    (r"([^fo])ves$", None),
    (r"([^aeiouy]|qu)ies$", None),
    (r"(s)eries$", None),
    (r"(m)ovies$", None),
    (r"(x|ch|ss|sh)es$", None),
    (r"([m|l])ice$", None),
    (r"(bus)es$", None),
    (r"(o)es$", None),
    (r"(shoe)s$", None),
    (r"(cris|ax|test)es$", None),
    (r"(octop|vir)uses$", None),
    (r"(alias|canvas|status|campus)es$", None),
    (r"^(summons|bonus)es$", None),
    (r"^(ox)en", None),
    (r"(matr)ices$", None),
    (r"^feet$", None),
    (r"^teeth$", None),
    (r"^geese$", None),
    (r"(quiz)zes$", None),
    (r"^(whereas)es$", None),
    (r"^(criteri)a$", None),
    (r"^genera$", None),
    (r"^(m|wom)an$", Some("${1}en")),
    (r"(pe)rson$", Some("${1}ople")),
    (r"(child)$", Some("${1}ren")),
    (r"(drive)$", Some("${1}s")),
    (r"^(ox)$", Some("${1}en")),
    (r"(ax|test)is$", Some("${1}es")),
    (r"(octop|vir)us$", Some("${1}uses")),
    (r"(alias|status|canvas|campus)$", Some("${1}es")),
    (r"^(summons|bonus)$", Some("${1}es")),
    (r"(bu)s$", Some("${1}ses")),
    (r"(buffal|tomat|potat)o$", Some("${1}oes")),
    (r"([ti])um$", Some("${1}a")),
    (r"sis$", Some("ses")),
    (r"(?:([^f])fe|([lr])f)$", Some("${1}${2}ves")),
    (r"(hi|ti)ve$", Some("${1}ves")),
    (r"([^aeiouy]|qu)y$", Some("${1}ies")),
    (r"(matr)ix$", Some("${1}ices")),
    (r"(vert|ind)ex$", Some("${1}ices")),
    (r"(x|ch|ss|sh)$", Some("${1}es")),
    (r"([m|l])ouse$", Some("${1}ice")),
    (r"^foot$", Some("feet")),
    (r"^tooth$", Some("teeth")),
    (r"^goose$", Some("geese")),
    (r"(quiz)$", Some("${1}zes")),
    (r"^(whereas)$", Some("${1}es")),
    (r"^(criteri)on$", Some("${1}a")),
    (r"^genus$", Some("genera")),
    (r"s$", Some("s")),
    (r"$", Some("s")),
];

fn plural_rules() -> &'static [(Regex, Option<&'static str>)] {
    static RULES: OnceLock<Vec<(Regex, Option<&'static str>)>> = OnceLock::new();
    RULES.get_or_init(|| {
        PLURAL_RULES
            .iter()
            .map(|(pattern, replacement)| {
                let re = Regex::new(&format!("(?i){pattern}")).expect("inflection rule compiles");
                (re, *replacement)
            })
            .collect()
    })
}

/// `inflection.pluralize(word)`.
pub fn pluralize(word: &str) -> String {
    if UNCOUNTABLE.contains(&word.to_lowercase().as_str()) {
        return word.to_string();
    }
    for (re, replacement) in plural_rules() {
        if re.is_match(word) {
            return match replacement {
                Some(r) => re.replace_all(word, *r).into_owned(),
                None => word.to_string(),
            };
        }
    }
    word.to_string()
}

/// lodash's `words()` for ASCII text: runs of letters and digits, split where the case
/// changes (`UserProfile` → `User`, `Profile`; `XMLHttp` → `XML`, `Http`) and between
/// letters and digits; everything else separates words.
fn words(text: &str) -> Vec<String> {
    let chars: Vec<char> = text.chars().collect();
    let mut out = Vec::new();
    let mut current = String::new();
    let flush = |current: &mut String, out: &mut Vec<String>| {
        if !current.is_empty() {
            out.push(std::mem::take(current));
        }
    };
    for (i, &c) in chars.iter().enumerate() {
        if !c.is_alphanumeric() {
            flush(&mut current, &mut out);
            continue;
        }
        if let Some(&prev) = i.checked_sub(1).and_then(|p| chars.get(p)) {
            let next = chars.get(i + 1).copied();
            let boundary = prev.is_alphanumeric()
                && ((prev.is_numeric() != c.is_numeric())
                    || (prev.is_lowercase() && c.is_uppercase())
                    || (prev.is_uppercase()
                        && c.is_uppercase()
                        && next.is_some_and(|n| n.is_lowercase())));
            if boundary {
                flush(&mut current, &mut out);
            }
        }
        current.push(c);
    }
    flush(&mut current, &mut out);
    out
}

/// `_.kebabCase(text)`.
pub fn kebab_case(text: &str) -> String {
    words(text)
        .iter()
        .map(|w| w.to_lowercase())
        .collect::<Vec<_>>()
        .join("-")
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Each pair was printed by `Sequelize.Utils.pluralize` of sequelize 6.37.8.
    #[test]
    fn pluralize_matches_inflection() {
        let cases = [
            ("User", "Users"),
            ("Person", "People"),
            ("Category", "Categories"),
            ("Status", "Statuses"),
            ("Box", "Boxes"),
            ("Sheep", "Sheep"),
            ("Information", "Information"),
            ("Child", "Children"),
            ("Index", "Indices"),
            ("Mouse", "Mice"),
            ("bus", "buses"),
            ("Quiz", "Quizzes"),
            ("leaf", "leafs"),
            ("Wife", "Wives"),
            ("Movie", "Movies"),
            ("Ox", "Oxen"),
            ("Octopus", "Octopuses"),
            ("UserProfile", "UserProfiles"),
            ("Datum", "Data"),
            ("Analysis", "Analyses"),
            ("Hive", "Hives"),
            ("Potato", "Potatoes"),
            ("Series", "Series"),
            ("news", "news"),
        ];
        for (singular, plural) in cases {
            assert_eq!(pluralize(singular), plural, "pluralize({singular})");
        }
    }

    /// Each pair was printed by lodash's `_.kebabCase`.
    #[test]
    fn kebab_case_matches_lodash() {
        let cases = [
            ("create-User", "create-user"),
            ("create-UserProfile", "create-user-profile"),
            ("create-XMLHttpRequest", "create-xml-http-request"),
            ("create-user_name", "create-user-name"),
            ("create-User2Profile", "create-user-2-profile"),
            ("create-HTML5Parser", "create-html-5-parser"),
            ("create-aB", "create-a-b"),
            ("create-ABc", "create-a-bc"),
            ("-User", "user"),
        ];
        for (text, kebab) in cases {
            assert_eq!(kebab_case(text), kebab, "kebabCase({text})");
        }
    }
}
