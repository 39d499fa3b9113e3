//! The rationale paragraph of a procurement verdict, in each language: the decision,
//! the offer and its provider, the framework and its legal status, then the decisive
//! results (most severe first) with their references and reasons.

use super::Item;
use crate::engine::Verdict;
use crate::lang::{Lang, Text};
use crate::report::table::legal_status;
use crate::report::{Decision, DeclaredWorkload, FileReport};
use crate::rules::{LegalStatus, Manifest};

/// The decisive results named in a paragraph; the others are counted.
pub(super) const NAMED: usize = 3;
/// The missing facts named per result.
const MISSING_NAMED: usize = 2;

/// What is being bought: the offer and who provides it.
pub(super) struct Subject {
    offer: Option<String>,
    provider: String,
}

impl Subject {
    pub(super) fn of(file: &FileReport) -> Subject {
        Subject {
            offer: file.offer.clone(),
            provider: file.provider_name.clone(),
        }
    }

    fn phrase(&self, lang: Lang) -> String {
        match (&self.offer, lang) {
            (Some(offer), Lang::En) => format!("the offer “{offer}” of {}", self.provider),
            (Some(offer), Lang::Fr) => {
                format!("l'offre « {offer} » du prestataire {}", self.provider)
            }
            (None, Lang::En) => format!("the offer of {}", self.provider),
            (None, Lang::Fr) => format!("l'offre du prestataire {}", self.provider),
        }
    }
}

/// What the offer would host.
pub(super) enum Workload {
    /// The workload the file declares.
    Declared(DeclaredWorkload),
    /// A sensitivity class, when the file declares no workload.
    Class(String),
    /// Any workload: the framework's rules do not read it.
    Any,
}

impl Workload {
    pub(super) fn declared(workload: Option<&DeclaredWorkload>) -> Workload {
        workload.map_or(Workload::Any, |w| Workload::Declared(w.clone()))
    }

    pub(super) fn name(&self) -> Option<String> {
        match self {
            Workload::Declared(w) => w.name.clone(),
            Workload::Class(_) | Workload::Any => None,
        }
    }

    pub(super) fn class(&self) -> Option<String> {
        match self {
            Workload::Declared(w) => w.sensitivity.clone(),
            Workload::Class(class) => Some(class.clone()),
            Workload::Any => None,
        }
    }

    /// ` for …`, or nothing when the verdict holds for any workload.
    fn phrase(&self, lang: Lang) -> String {
        if let Some(name) = self.name() {
            return match lang {
                Lang::En => format!(" for the workload “{name}”"),
                Lang::Fr => format!(" pour le besoin « {name} »"),
            };
        }
        let Some(class) = self.class() else {
            return String::new();
        };
        let data = class_data(&class);
        match self {
            Workload::Class(_) => match lang {
                Lang::En => format!(" for {} of a State administration", data.en),
                Lang::Fr => format!(" pour {} d'une administration de l'État", data.fr),
            },
            Workload::Declared(_) | Workload::Any => match lang {
                Lang::En => format!(" for {}", data.en),
                Lang::Fr => format!(" pour {}", data.fr),
            },
        }
    }
}

/// The data of a sensitivity class, in words.
fn class_data(class: &str) -> Text {
    match class {
        "public" => Text::new("public data", "des données publiques"),
        "internal" => Text::new("internal data", "des données internes"),
        "sensitive" => Text::new(
            "data of particular sensitivity",
            "des données d'une sensibilité particulière",
        ),
        "restricted" => Text::new(
            "Diffusion Restreinte data",
            "des données Diffusion Restreinte",
        ),
        "classified" => Text::new(
            "information classified under the IGI 1300",
            "des informations classifiées au titre de l'IGI 1300",
        ),
        other => Text::new(
            format!("data of class {other}"),
            format!("des données de sensibilité {other}"),
        ),
    }
}

/// The paragraph in both languages.
pub(super) fn paragraph(
    subject: &Subject,
    manifest: &Manifest,
    workload: &Workload,
    decision: Decision,
    combined: Verdict,
    decisive: &[Item],
) -> Text {
    let one = |lang| {
        let offer = subject.phrase(lang);
        let framework = format!(
            "{} [{}]",
            manifest.title.get(lang),
            legal_status(manifest.legal_status, lang)
        );
        let target = workload.phrase(lang);
        let list = items(decisive, manifest.legal_status, lang);
        let head = opening(decision, combined, &offer, &framework, &target, lang);
        if list.is_empty() {
            format!("{head}.")
        } else {
            let colon = match lang {
                Lang::En => ":",
                Lang::Fr => " :",
            };
            format!("{head}{colon} {list}.")
        }
    };
    Text::new(one(Lang::En), one(Lang::Fr))
}

/// The decision and what it is about, up to the list of results.
fn opening(
    decision: Decision,
    combined: Verdict,
    offer: &str,
    framework: &str,
    target: &str,
    lang: Lang,
) -> String {
    match (decision, lang) {
        (Decision::Eligible, Lang::En) if combined == Verdict::NotApplicable => {
            format!("Eligible: no criterion of {framework} applies to {offer}{target}")
        }
        (Decision::Eligible, Lang::Fr) if combined == Verdict::NotApplicable => {
            format!("Éligible : aucun critère de {framework} ne s'applique à {offer}{target}")
        }
        (Decision::Eligible, Lang::En) => format!(
            "Eligible: {offer} meets {framework}{target}; no applicable criterion fails or \
             lacks evidence"
        ),
        (Decision::Eligible, Lang::Fr) => format!(
            "Éligible : {offer} satisfait {framework}{target} ; aucun critère applicable n'est \
             non conforme ou indéterminé"
        ),
        (Decision::NotEligible, Lang::En) => {
            format!("Not eligible: {offer} does not meet {framework}{target}")
        }
        (Decision::NotEligible, Lang::Fr) => {
            format!("Non éligible : {offer} ne satisfait pas {framework}{target}")
        }
        (Decision::NotEstablished, Lang::En) => format!(
            "Not established: the file does not establish that {offer} meets \
             {framework}{target}; evidence is missing or too weak for"
        ),
        (Decision::NotEstablished, Lang::Fr) => format!(
            "Non établi : le fichier ne permet pas d'établir que {offer} satisfait \
             {framework}{target} ; les éléments manquent ou sont insuffisants pour"
        ),
        (Decision::EligibleWithWaivers, Lang::En) => format!(
            "Eligible with waivers: {offer} meets {framework}{target} only through accepted \
             waivers"
        ),
        (Decision::EligibleWithWaivers, Lang::Fr) => format!(
            "Éligible sous dérogations : {offer} ne satisfait {framework}{target} que par des \
             dérogations acceptées"
        ),
    }
}

/// The first [`NAMED`] results, then how many others and the waivers they rest on.
fn items(decisive: &[Item], framework_status: LegalStatus, lang: Lang) -> String {
    let separator = match lang {
        Lang::En => "; ",
        Lang::Fr => " ; ",
    };
    let mut parts: Vec<String> = decisive
        .iter()
        .take(NAMED)
        .map(|i| item(i, framework_status, lang))
        .collect();
    let rest = decisive.get(NAMED..).unwrap_or_default();
    if !rest.is_empty() {
        parts.push(others(
            rest,
            decisive.get(..NAMED).unwrap_or(decisive),
            lang,
        ));
    }
    parts.join(separator)
}

/// `19.6 b) [status] — reason (missing: …) (waiver …)`.
fn item(item: &Item, framework_status: LegalStatus, lang: Lang) -> String {
    let mut text = item.reference.clone();
    if item.legal_status != framework_status {
        text.push_str(&format!(" [{}]", legal_status(item.legal_status, lang)));
    }
    text.push_str(" — ");
    text.push_str(item.reason.get(lang).trim().trim_end_matches('.'));
    if !item.missing.is_empty() {
        let mut named: Vec<&str> = item
            .missing
            .iter()
            .take(MISSING_NAMED)
            .map(String::as_str)
            .collect();
        if item.missing.len() > MISSING_NAMED {
            named.push("…");
        }
        text.push_str(&match lang {
            Lang::En => format!(" (missing: {})", named.join(", ")),
            Lang::Fr => format!(" (manquant : {})", named.join(", ")),
        });
    }
    if let Some(waiver) = &item.waiver {
        text.push_str(&format!(" ({})", waiver_phrase(waiver, true, lang)));
    }
    text
}

/// `waiver W-1, owner …, until …`; without the word when listing several.
fn waiver_phrase(waiver: &crate::report::ResultWaiver, word: bool, lang: Lang) -> String {
    match (lang, word) {
        (Lang::En, true) => format!(
            "waiver {}, owner {}, until {}",
            waiver.id, waiver.owner, waiver.expires
        ),
        (Lang::Fr, true) => format!(
            "dérogation {}, responsable {}, jusqu'au {}",
            waiver.id, waiver.owner, waiver.expires
        ),
        (Lang::En, false) => format!(
            "{} (owner {}, until {})",
            waiver.id, waiver.owner, waiver.expires
        ),
        (Lang::Fr, false) => format!(
            "{} (responsable {}, jusqu'au {})",
            waiver.id, waiver.owner, waiver.expires
        ),
    }
}

/// `and N other criteria`, naming each waiver not named yet: every waiver a verdict
/// rests on is in its rationale.
fn others(rest: &[Item], named: &[Item], lang: Lang) -> String {
    let mut text = match (rest.len(), lang) {
        (1, Lang::En) => "and 1 other criterion".to_string(),
        (n, Lang::En) => format!("and {n} other criteria"),
        (1, Lang::Fr) => "et 1 autre critère".to_string(),
        (n, Lang::Fr) => format!("et {n} autres critères"),
    };
    let mut waivers: Vec<&crate::report::ResultWaiver> = Vec::new();
    for waiver in rest.iter().filter_map(|i| i.waiver.as_ref()) {
        let known = named
            .iter()
            .filter_map(|i| i.waiver.as_ref())
            .chain(waivers.iter().copied())
            .any(|w| w.id == waiver.id);
        if !known {
            waivers.push(waiver);
        }
    }
    if !waivers.is_empty() {
        let listed: Vec<String> = waivers
            .iter()
            .map(|w| waiver_phrase(w, false, lang))
            .collect();
        text.push_str(&match (waivers.len(), lang) {
            (1, Lang::En) => format!(", under waiver {}", listed.join(", ")),
            (_, Lang::En) => format!(", under waivers {}", listed.join(", ")),
            (1, Lang::Fr) => format!(", sous la dérogation {}", listed.join(", ")),
            (_, Lang::Fr) => format!(", sous les dérogations {}", listed.join(", ")),
        });
    }
    text
}
