//! What the renderers say the same way: the report's language, a result's finding
//! sentence and decisive fact, fingerprints, file paths as CI tools expect them, and
//! markup escaping. Everything here is a pure function of the report model.

use std::path::{Component, Path};

use sha2::{Digest, Sha256};

use super::{FrameworkSummary, Report, ResultEntry};
use crate::engine::Verdict;
use crate::lang::Lang;
use crate::rules::{LegalStatus, Severity};

/// The language the report's messages are written in.
pub(crate) fn lang(report: &Report) -> Lang {
    if report.lang.eq_ignore_ascii_case("fr") {
        Lang::Fr
    } else {
        Lang::En
    }
}

/// A severity as the rule files write it.
pub(crate) fn severity_name(severity: Severity) -> &'static str {
    match severity {
        Severity::Critical => "critical",
        Severity::High => "high",
        Severity::Medium => "medium",
        Severity::Low => "low",
    }
}

/// A legal status as the rule packs write it.
pub(crate) fn legal_status_name(status: LegalStatus) -> &'static str {
    status.name()
}

/// A result's legal status in words, with "not enforced" when `--enforce` left it
/// out of the exit code, and "unverified" when it cites something unread.
pub(crate) fn status_words(result: &super::ResultEntry, lang: Lang) -> String {
    let mut text = super::table::legal_status(result.legal_status, lang).to_string();
    if !result.enforced {
        text.push_str(match lang {
            Lang::En => ", not enforced",
            Lang::Fr => ", non appliquée",
        });
    }
    if result.unverified.is_some() {
        text.push_str(match lang {
            Lang::En => ", partly unverified",
            Lang::Fr => ", en partie non vérifiée",
        });
    }
    text
}

/// A severity in words of `lang`, for the human-readable reports.
pub(crate) fn severity_word(severity: Severity, lang: Lang) -> &'static str {
    match (severity, lang) {
        (Severity::Critical, Lang::En) => "critical",
        (Severity::High, Lang::En) => "high",
        (Severity::Medium, Lang::En) => "medium",
        (Severity::Low, Lang::En) => "low",
        (Severity::Critical, Lang::Fr) => "critique",
        (Severity::High, Lang::Fr) => "élevée",
        (Severity::Medium, Lang::Fr) => "moyenne",
        (Severity::Low, Lang::Fr) => "faible",
    }
}

/// A framework's title with the version of its text, unless the title names it.
pub(crate) fn framework_label(framework: &FrameworkSummary) -> String {
    if framework.version.is_empty() || framework.title.contains(&framework.version) {
        framework.title.clone()
    } else {
        format!("{} ({})", framework.title, framework.version)
    }
}

/// A verdict symbol that stays readable without colour (grey print, screen readers
/// get the word next to it).
pub(crate) fn verdict_mark(verdict: Verdict) -> &'static str {
    match verdict {
        Verdict::Pass => "✔",
        Verdict::Fail => "✘",
        Verdict::Unknown => "?",
        Verdict::NotApplicable => "–",
        Verdict::Waived => "~",
    }
}

/// The result as prose: its headline, then each evidence finding, one sentence each,
/// so that the first sentence alone still names the finding.
pub(crate) fn finding(result: &ResultEntry) -> String {
    std::iter::once(result.message.as_str())
        .chain(result.evidence.iter().map(|e| e.finding.as_str()))
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(sentence)
        .collect::<Vec<_>>()
        .join(" ")
}

fn sentence(text: &str) -> String {
    if text.ends_with(['.', '!', '?', '…']) {
        text.to_string()
    } else {
        format!("{text}.")
    }
}

/// The provider-file path of the fact that decided the result: the first evidence
/// stating a provider value (the one the result's location points at), else the
/// first fact read; empty when the rule read nothing.
pub(crate) fn decisive_path(result: &ResultEntry) -> &str {
    result
        .evidence
        .iter()
        .find_map(|e| e.source.as_deref())
        .or_else(|| result.evidence.first().map(|e| e.path.as_str()))
        .unwrap_or("")
}

/// A SHA-256 hex digest of the parts, separated so that ("ab", "c") and ("a", "bc")
/// differ. Built from paths and ids, never lines, so it survives reformatting.
pub(crate) fn fingerprint(parts: &[&str]) -> String {
    let mut hasher = Sha256::new();
    for part in parts {
        hasher.update(part.as_bytes());
        hasher.update([0u8]);
    }
    hasher
        .finalize()
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// A file path as CI tools want it: relative to `working_dir`, forward slashes, no
/// `./`, no root. A path outside `working_dir` climbs out with `..`.
pub(crate) fn relative_path(file: &str, working_dir: &Path) -> String {
    let path = Path::new(file);
    let relative: Vec<Component> = match path.strip_prefix(working_dir) {
        Ok(inside) if path.is_absolute() => inside.components().collect(),
        _ if path.is_absolute() && working_dir.is_absolute() => climb(path, working_dir),
        _ => path.components().collect(),
    };
    relative
        .iter()
        .filter_map(|c| match c {
            Component::Normal(name) => Some(name.to_string_lossy().into_owned()),
            Component::ParentDir => Some("..".to_string()),
            Component::CurDir | Component::RootDir | Component::Prefix(_) => None,
        })
        .collect::<Vec<_>>()
        .join("/")
}

/// `path` relative to `base`, both absolute, through their common ancestor.
fn climb<'a>(path: &'a Path, base: &Path) -> Vec<Component<'a>> {
    let shared = path
        .components()
        .zip(base.components())
        .take_while(|(a, b)| a == b)
        .count();
    let ups = base.components().count().saturating_sub(shared);
    std::iter::repeat_n(Component::ParentDir, ups)
        .chain(path.components().skip(shared))
        .collect()
}

/// The section a reference points at: its first word without trailing punctuation
/// (`19.6 a)` → `19.6`, `R9` → `R9`).
pub(crate) fn section(reference: &str) -> &str {
    reference
        .split_whitespace()
        .next()
        .map(|word| word.trim_end_matches([')', ',', ';', ':', '.']))
        .filter(|word| !word.is_empty())
        .unwrap_or("general")
}

/// The report date as a UTC timestamp (midnight when the model gives a date only).
pub(crate) fn as_of_timestamp(as_of: &str) -> String {
    if as_of.contains('T') {
        as_of.to_string()
    } else {
        format!("{as_of}T00:00:00Z")
    }
}

/// The reported frameworks (id, title), in report order: those the rule catalogue
/// describes, then any other a file reports.
pub(crate) fn frameworks(report: &Report) -> Vec<(&str, &str)> {
    let described = report
        .rules
        .iter()
        .map(|r| (r.framework.as_str(), r.framework_title.as_str()));
    let reported = report
        .reports
        .iter()
        .flat_map(|f| &f.frameworks)
        .map(|f| (f.id.as_str(), f.title.as_str()));
    let mut frameworks: Vec<(&str, &str)> = Vec::new();
    for (id, title) in described.chain(reported) {
        if !frameworks.iter().any(|(known, _)| *known == id) {
            frameworks.push((id, title));
        }
    }
    frameworks
}

/// The words of the human-readable reports (Markdown and HTML), in one language.
pub(crate) struct Words {
    pub title: &'static str,
    pub as_of: &'static str,
    pub overall: &'static str,
    pub framework: &'static str,
    pub verdict: &'static str,
    pub legal_status: &'static str,
    pub rule: &'static str,
    pub reference: &'static str,
    pub severity: &'static str,
    pub finding: &'static str,
    pub eligibility: &'static str,
    pub sensitivity: &'static str,
    pub decisive: &'static str,
    pub to_review: &'static str,
    pub nothing_to_review: &'static str,
    pub caveat: &'static str,
    pub unverified: &'static str,
    pub expected: &'static str,
    pub actual: &'static str,
    pub missing: &'static str,
    pub line: &'static str,
    pub replaced_by: &'static str,
    pub waived: &'static str,
    pub waivers: &'static str,
    pub warnings: &'static str,
}

const EN: Words = Words {
    title: "trustcheck report",
    as_of: "Certifications judged as of",
    overall: "Overall verdict",
    framework: "Framework",
    verdict: "Verdict",
    legal_status: "Legal status",
    rule: "Rule",
    reference: "Reference",
    severity: "Severity",
    finding: "Finding",
    eligibility: "No workload declared: eligibility per sensitivity class (state administration)",
    sensitivity: "Sensitivity",
    decisive: "Decisive rules",
    to_review: "failing and unknown criteria",
    nothing_to_review: "No failing or unknown criterion.",
    caveat: "Caveat",
    unverified: "Not verified in the official text",
    expected: "expected",
    actual: "actual",
    missing: "missing",
    line: "line",
    replaced_by: "is replaced by",
    waived: "waived criteria",
    waivers: "Waivers",
    warnings: "Warnings",
};

const FR: Words = Words {
    title: "Rapport trustcheck",
    as_of: "Certifications appréciées au",
    overall: "Verdict global",
    framework: "Référentiel",
    verdict: "Verdict",
    legal_status: "Portée juridique",
    rule: "Règle",
    reference: "Référence",
    severity: "Gravité",
    finding: "Constat",
    eligibility: "Aucun besoin déclaré : éligibilité par niveau de sensibilité (administration de l'État)",
    sensitivity: "Sensibilité",
    decisive: "Règles décisives",
    to_review: "critères non conformes ou indéterminés",
    nothing_to_review: "Aucun critère non conforme ou indéterminé.",
    caveat: "Réserve",
    unverified: "Non vérifié dans le texte officiel",
    expected: "attendu",
    actual: "constaté",
    missing: "absent",
    line: "ligne",
    replaced_by: "est remplacée par",
    waived: "critères sous dérogation",
    waivers: "Dérogations",
    warnings: "Avertissements",
};

/// The words of `lang`.
pub(crate) fn words(lang: Lang) -> &'static Words {
    match lang {
        Lang::En => &EN,
        Lang::Fr => &FR,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_become_relative_with_forward_slashes() {
        let cwd = Path::new("/work/repo");
        assert_eq!(
            relative_path("./procurement/p.yaml", cwd),
            "procurement/p.yaml"
        );
        assert_eq!(relative_path("/work/repo/a//b.yaml", cwd), "a/b.yaml");
        assert_eq!(relative_path("/work/other/b.yaml", cwd), "../other/b.yaml");
        assert_eq!(relative_path("../x.yaml", cwd), "../x.yaml");
        assert_eq!(relative_path("/etc/p.yaml", Path::new("")), "etc/p.yaml");
    }

    #[test]
    fn fingerprints_separate_their_parts() {
        assert_ne!(fingerprint(&["ab", "c"]), fingerprint(&["a", "bc"]));
        assert_eq!(fingerprint(&["a"]).len(), 64);
        assert_eq!(fingerprint(&["a", "b"]), fingerprint(&["a", "b"]));
    }

    #[test]
    fn markup_is_escaped() {
        assert_eq!(
            crate::safe_text::markup("a<b & \"c\"\n", true),
            "a&lt;b &amp; &quot;c&quot;&#10;"
        );
        assert_eq!(crate::safe_text::markup("x\u{1}y\n", false), "x\u{FFFD}y\n");
    }

    #[test]
    fn sections_and_timestamps() {
        assert_eq!(section("19.6 a)"), "19.6");
        assert_eq!(section("R9"), "R9");
        assert_eq!(section("  "), "general");
        assert_eq!(as_of_timestamp("2026-09-01"), "2026-09-01T00:00:00Z");
    }
}
