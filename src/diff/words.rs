//! Every fixed text of the diff's table and markdown, in English and in French.

use super::{Category, Change};
use crate::lang::Lang;

pub fn change_word(change: Change, lang: Lang) -> &'static str {
    match (change, lang) {
        (Change::Added, Lang::En) => "added",
        (Change::Removed, Lang::En) => "removed",
        (Change::Changed, Lang::En) => "changed",
        (Change::Added, Lang::Fr) => "ajouté",
        (Change::Removed, Lang::Fr) => "retiré",
        (Change::Changed, Lang::Fr) => "modifié",
    }
}

pub fn category_title(category: Category, lang: Lang) -> &'static str {
    match (category, lang) {
        (Category::Ownership, Lang::En) => "Ownership and control",
        (Category::Locations, Lang::En) => "Locations",
        (Category::Certifications, Lang::En) => "Certifications",
        (Category::Other, Lang::En) => "Contract and other facts",
        (Category::Sources, Lang::En) => "Sources of facts",
        (Category::Ownership, Lang::Fr) => "Capital et contrôle",
        (Category::Locations, Lang::Fr) => "Localisations",
        (Category::Certifications, Lang::Fr) => "Certifications",
        (Category::Other, Lang::Fr) => "Contrat et autres faits",
        (Category::Sources, Lang::Fr) => "Sources des faits",
    }
}

/// Every fixed text of the diff, in one language.
pub struct Words {
    pub old: &'static str,
    pub new: &'static str,
    pub line: &'static str,
    pub fact_header: [&'static str; 4],
    pub rule_header: [&'static str; 4],
    pub criteria: &'static str,
    pub frameworks: &'static str,
    pub class: &'static str,
    pub unchanged: &'static str,
    pub only_in: &'static str,
    pub no_regression: &'static str,
    /// After the count: one criterion, several.
    pub regressions: (&'static str, &'static str),
}

impl Words {
    pub fn of(lang: Lang) -> Words {
        match lang {
            Lang::En => Words {
                old: "old:",
                new: "new:",
                line: "line",
                fact_header: ["Change", "Fact", "Old", "New"],
                rule_header: ["Rule", "Framework", "Verdict", "Reason (new)"],
                criteria: "Criteria flipped",
                frameworks: "Framework verdicts changed",
                class: "sensitivity",
                unchanged: "Nothing changed: same facts, same verdicts.",
                only_in: "Only in",
                no_regression: "No criterion regressed.",
                regressions: (
                    "criterion regressed (pass or not applicable → fail or unknown).",
                    "criteria regressed (pass or not applicable → fail or unknown).",
                ),
            },
            Lang::Fr => Words {
                old: "avant :",
                new: "après :",
                line: "ligne",
                fact_header: ["Changement", "Fait", "Avant", "Après"],
                rule_header: ["Règle", "Référentiel", "Verdict", "Motif (après)"],
                criteria: "Critères modifiés",
                frameworks: "Verdicts de référentiel modifiés",
                class: "sensibilité",
                unchanged: "Aucun changement : mêmes faits, mêmes verdicts.",
                only_in: "Seulement dans",
                no_regression: "Aucun critère n'a régressé.",
                regressions: (
                    "critère en régression (conforme ou sans objet → non conforme ou indéterminé).",
                    "critères en régression (conforme ou sans objet → non conforme ou indéterminé).",
                ),
            },
        }
    }
}
