//! What the renderers say about a procurement verdict besides its rationale.

use crate::lang::Lang;
use crate::report::{Decision, ProcurementVerdict};

/// The decision in words; upper case so it reads in grey print too.
pub fn decision_word(decision: Decision, lang: Lang) -> &'static str {
    match (decision, lang) {
        (Decision::Eligible, Lang::En) => "ELIGIBLE",
        (Decision::NotEligible, Lang::En) => "NOT ELIGIBLE",
        (Decision::EligibleWithWaivers, Lang::En) => "ELIGIBLE WITH WAIVERS",
        (Decision::NotEstablished, Lang::En) => "NOT ESTABLISHED",
        (Decision::Eligible, Lang::Fr) => "ÉLIGIBLE",
        (Decision::NotEligible, Lang::Fr) => "NON ÉLIGIBLE",
        (Decision::EligibleWithWaivers, Lang::Fr) => "ÉLIGIBLE SOUS DÉROGATIONS",
        (Decision::NotEstablished, Lang::Fr) => "NON ÉTABLI",
    }
}

/// The framework id and what the verdict is for: the workload's name, its
/// sensitivity class, or any workload.
pub fn heading(verdict: &ProcurementVerdict, lang: Lang) -> String {
    let target = match (&verdict.workload, &verdict.sensitivity, lang) {
        (Some(name), _, _) => name.clone(),
        (None, Some(class), Lang::En) => format!("sensitivity {class}"),
        (None, Some(class), Lang::Fr) => format!("sensibilité {class}"),
        (None, None, Lang::En) => "any workload".to_string(),
        (None, None, Lang::Fr) => "tout besoin".to_string(),
    };
    format!("{} — {target}", verdict.framework)
}

/// The title of the procurement block of a file.
pub fn title(lang: Lang) -> &'static str {
    match lang {
        Lang::En => "Procurement verdict",
        Lang::Fr => "Verdict pour l'achat",
    }
}

/// The rationale in the report's language first, then in the other one.
pub fn rationales(verdict: &ProcurementVerdict, lang: Lang) -> [(&'static str, &str); 2] {
    let en = ("EN", verdict.rationale.en.as_str());
    let fr = ("FR", verdict.rationale.fr.as_str());
    match lang {
        Lang::En => [en, fr],
        Lang::Fr => [fr, en],
    }
}
