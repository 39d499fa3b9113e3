//! The verification in words (English or French), or as JSON.

use std::fmt::Write;

use super::compare::Difference;
use super::verify::{FileProblem, Note, SignatureCheck, Verification};
use crate::lang::Lang;

/// How `verify` prints its outcome.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum VerifyFormat {
    Text,
    Json,
}

/// Renders a verification of the record at `dir` (as the user named it); with
/// `list_files`, the text names every file whose digest was checked (the JSON
/// always does). A verification that cannot be serialised is an error, never an
/// empty document.
pub fn render(
    v: &Verification,
    dir: &str,
    format: VerifyFormat,
    lang: Lang,
    list_files: bool,
) -> Result<String, serde_json::Error> {
    match format {
        VerifyFormat::Json => {
            let mut text = serde_json::to_string_pretty(v)?;
            text.push('\n');
            Ok(text)
        }
        VerifyFormat::Text => Ok(text(v, dir, lang, list_files)),
    }
}

fn t(lang: Lang, en: &'static str, fr: &'static str) -> &'static str {
    match lang {
        Lang::En => en,
        Lang::Fr => fr,
    }
}

fn text(v: &Verification, dir: &str, lang: Lang, list_files: bool) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "{}{dir}", t(lang, "Record: ", "Dossier scellé : "));
    let _ = match lang {
        Lang::En => writeln!(
            out,
            "Sealed by trustcheck {}, as of {}.",
            v.trustcheck_version, v.as_of
        ),
        Lang::Fr => writeln!(
            out,
            "Scellé par trustcheck {}, à la date du {}.",
            v.trustcheck_version, v.as_of
        ),
    };
    files(&mut out, v, lang, list_files);
    if !v.packs.is_empty() {
        let _ = writeln!(
            out,
            "{}",
            t(
                lang,
                "Packs whose folder no longer gives the sealed digest:",
                "Paquets dont le dossier ne donne plus l'empreinte scellée :"
            )
        );
        for p in &v.packs {
            let _ = writeln!(
                out,
                "  {} ({}): {} {}, {} {}",
                p.id,
                p.path,
                t(lang, "sealed", "scellé"),
                short(&p.sealed),
                t(lang, "now", "maintenant"),
                short(&p.actual)
            );
        }
    }
    rerun(&mut out, v, lang);
    reports(&mut out, v, lang);
    let _ = writeln!(out, "{}", signature(&v.signature, lang));
    for note in &v.notes {
        let _ = writeln!(out, "{}", note_text(note, lang));
    }
    let verdict = if v.verifies {
        verifies(&v.signature, lang)
    } else {
        t(
            lang,
            "The record does not verify.",
            "Le dossier scellé n'est pas vérifié.",
        )
    };
    let _ = writeln!(out, "{verdict}");
    out
}

/// What a successful verification shows, and what it does not: never a bare
/// "verified" that could be read as more.
fn verifies(signature: &SignatureCheck, lang: Lang) -> &'static str {
    match (signature, lang) {
        (SignatureCheck::Good { .. }, Lang::En) => {
            "The record verifies: every digest matches, the re-run gives every sealed verdict, and the manifest is signed by the key given."
        }
        (SignatureCheck::Good { .. }, Lang::Fr) => {
            "Le dossier scellé est vérifié : toutes les empreintes concordent, la réévaluation redonne chaque verdict scellé, et le manifeste est signé par la clé donnée."
        }
        (SignatureCheck::NotChecked, Lang::En) => {
            "The record verifies: every digest matches and the re-run gives every sealed verdict; its signature was not checked, so nothing here shows who sealed it."
        }
        (SignatureCheck::NotChecked, Lang::Fr) => {
            "Le dossier scellé est vérifié : toutes les empreintes concordent et la réévaluation redonne chaque verdict scellé ; sa signature n'a pas été vérifiée, rien ici ne montre donc qui l'a scellé."
        }
        (_, Lang::En) => {
            "The record verifies: every digest matches and the re-run gives every sealed verdict; it is not signed, so nothing shows who sealed it."
        }
        (_, Lang::Fr) => {
            "Le dossier scellé est vérifié : toutes les empreintes concordent et la réévaluation redonne chaque verdict scellé ; il n'est pas signé, rien ne montre donc qui l'a scellé."
        }
    }
}

fn files(out: &mut String, v: &Verification, lang: Lang, list_files: bool) {
    let n = v.files_checked;
    if v.files.is_empty() {
        let _ = match (lang, list_files) {
            (Lang::En, true) => writeln!(out, "Files: {n} checked by SHA-256, all match:"),
            (Lang::Fr, true) => {
                writeln!(out, "Fichiers : {n} vérifiés par SHA-256, tous conformes :")
            }
            (Lang::En, false) => writeln!(
                out,
                "Files: {n} checked by SHA-256, all match (--list-files names them)."
            ),
            (Lang::Fr, false) => writeln!(
                out,
                "Fichiers : {n} vérifiés par SHA-256, tous conformes (--list-files les nomme)."
            ),
        };
    } else {
        let k = v.files.len();
        let _ = match (lang, k) {
            (Lang::En, 1) => writeln!(
                out,
                "Files: {n} checked by SHA-256, 1 does not match the manifest:"
            ),
            (Lang::Fr, 1) => writeln!(
                out,
                "Fichiers : {n} vérifiés par SHA-256, 1 ne correspond pas au manifeste :"
            ),
            (Lang::En, _) => writeln!(
                out,
                "Files: {n} checked by SHA-256, {k} do not match the manifest:"
            ),
            (Lang::Fr, _) => writeln!(
                out,
                "Fichiers : {n} vérifiés par SHA-256, {k} ne correspondent pas au manifeste :"
            ),
        };
    }
    if list_files {
        let changed: Vec<&String> = v
            .files
            .iter()
            .filter_map(|p| match p {
                FileProblem::Changed(path) => Some(path),
                _ => None,
            })
            .collect();
        for path in v.digests_checked.iter().filter(|p| !changed.contains(p)) {
            let _ = writeln!(out, "  {:<8} {path}", t(lang, "match", "conforme"));
        }
    }
    for problem in &v.files {
        let (what, path) = match problem {
            FileProblem::Changed(p) => (t(lang, "changed", "modifié"), p),
            FileProblem::Missing(p) => (t(lang, "missing", "manquant"), p),
            FileProblem::Extra(p) => (t(lang, "extra", "en trop"), p),
        };
        let _ = writeln!(out, "  {what:<8} {path}");
    }
}

fn rerun(out: &mut String, v: &Verification, lang: Lang) {
    let (p, r, k) = (v.providers, v.results_compared, v.differences.len());
    let files = match (lang, p) {
        (Lang::En, 1) => "1 provider file".to_string(),
        (Lang::En, _) => format!("{p} provider files"),
        (Lang::Fr, 1) => "1 fichier fournisseur".to_string(),
        (Lang::Fr, _) => format!("{p} fichiers fournisseur"),
    };
    let _ = match (lang, k) {
        (Lang::En, 0) => writeln!(out, "Re-run: {files}, {r} results, all as sealed."),
        (Lang::Fr, 0) => writeln!(
            out,
            "Réévaluation : {files}, {r} résultats, tous comme scellés."
        ),
        (Lang::En, 1) => writeln!(out, "Re-run: {files}, {r} results, 1 difference:"),
        (Lang::Fr, 1) => writeln!(out, "Réévaluation : {files}, {r} résultats, 1 différence :"),
        (Lang::En, _) => writeln!(out, "Re-run: {files}, {r} results, {k} differences:"),
        (Lang::Fr, _) => writeln!(
            out,
            "Réévaluation : {files}, {r} résultats, {k} différences :"
        ),
    };
    for d in &v.differences {
        let _ = writeln!(out, "  {}", difference(d, lang));
    }
    if !v.errors.is_empty() {
        let _ = writeln!(
            out,
            "{}",
            t(
                lang,
                "Could not be re-run or compared:",
                "Réévaluation ou comparaison impossible :"
            )
        );
        for e in &v.errors {
            let _ = writeln!(out, "  {e}");
        }
    }
}

/// Which sealed verdicts were compared with the re-run, and which reports were
/// checked by digest only.
fn reports(out: &mut String, v: &Verification, lang: Lang) {
    if v.verdicts_compared_in.is_empty() {
        let _ = writeln!(
            out,
            "{}",
            t(
                lang,
                "Verdicts compared with the re-run: none (the re-run did not complete).",
                "Verdicts comparés à la réévaluation : aucun (la réévaluation n'a pas abouti)."
            )
        );
    } else {
        let _ = match lang {
            Lang::En => writeln!(
                out,
                "Verdicts compared one by one with the re-run: those of {}{}.",
                v.verdicts_compared_in.join(" and "),
                rest(v, " (the rest of ", " by digest only)")
            ),
            Lang::Fr => writeln!(
                out,
                "Verdicts comparés un à un à la réévaluation : ceux de {}{}.",
                v.verdicts_compared_in.join(" et de "),
                rest(v, " (le reste de ", " par empreinte seulement)")
            ),
        };
    }
    if !v.digest_only_reports.is_empty() {
        let _ = match lang {
            Lang::En => writeln!(
                out,
                "Reports checked by digest only, not compared with the re-run: {}.",
                v.digest_only_reports.join(", ")
            ),
            Lang::Fr => writeln!(
                out,
                "Rapports vérifiés par empreinte seulement, non comparés à la réévaluation : {}.",
                v.digest_only_reports.join(", ")
            ),
        };
    }
}

/// The JSON report beyond its verdicts, when they were compared: checked by digest.
fn rest(v: &Verification, before: &str, after: &str) -> String {
    if v.verdicts_compared_in
        .iter()
        .any(|p| p == super::REPORT_JSON)
    {
        format!("{before}{}{after}", super::REPORT_JSON)
    } else {
        String::new()
    }
}

/// `SNC-QUAL on examples/x.yaml: sealed pass, re-run fail`.
pub fn difference(d: &Difference, lang: Lang) -> String {
    let subject = match (&d.rule, lang) {
        (Some(rule), Lang::En) => format!("{rule} on {}", d.file),
        (Some(rule), Lang::Fr) => format!("{rule} sur {}", d.file),
        (None, _) => d.file.clone(),
    };
    let source = if d.sealed_in == super::MANIFEST {
        t(lang, "sealed", "scellé").to_string()
    } else {
        d.sealed_in.clone()
    };
    let colon = t(lang, ":", " :");
    let again = t(lang, "re-run", "réévalué");
    format!(
        "{subject}{colon} {source} {}, {again} {}",
        d.sealed, d.rerun
    )
}

fn signature(check: &SignatureCheck, lang: Lang) -> String {
    match (check, lang) {
        (SignatureCheck::Unsigned, Lang::En) => "Signature: not signed.".into(),
        (SignatureCheck::Unsigned, Lang::Fr) => "Signature : non signé.".into(),
        (SignatureCheck::NotChecked, Lang::En) => {
            "Signature: signed, but no --key given: signature not checked.".into()
        }
        (SignatureCheck::NotChecked, Lang::Fr) => {
            "Signature : signé, mais sans --key : signature non vérifiée.".into()
        }
        (SignatureCheck::Good { fingerprint }, Lang::En) => {
            format!("Signature: signed by key {fingerprint} (matches --key).")
        }
        (SignatureCheck::Good { fingerprint }, Lang::Fr) => {
            format!("Signature : signé par la clé {fingerprint} (celle de --key).")
        }
        (SignatureCheck::Bad { key, reason }, Lang::En) => {
            format!("Signature: bad with --key {key}: {reason}.")
        }
        (SignatureCheck::Bad { key, reason }, Lang::Fr) => {
            format!("Signature : invalide avec --key {key} : {reason}.")
        }
        (SignatureCheck::Missing { key }, Lang::En) => {
            format!("Signature: not signed, though --key {key} was given.")
        }
        (SignatureCheck::Missing { key }, Lang::Fr) => {
            format!("Signature : non signé, alors que --key {key} est donnée.")
        }
    }
}

fn note_text(note: &Note, lang: Lang) -> String {
    match (note, lang) {
        (Note::TrustcheckVersion { sealed, running }, Lang::En) => {
            format!("Note: sealed with trustcheck {sealed}, re-run with {running}.")
        }
        (Note::TrustcheckVersion { sealed, running }, Lang::Fr) => {
            format!("Remarque : scellé avec trustcheck {sealed}, réévalué avec {running}.")
        }
        (Note::Jurisdictions { sealed, running }, Lang::En) => {
            format!("Note: sealed with jurisdiction tables {sealed}, re-run with {running}.")
        }
        (Note::Jurisdictions { sealed, running }, Lang::Fr) => {
            format!(
                "Remarque : tables de juridictions {sealed} au scellement, {running} à la réévaluation."
            )
        }
    }
}

/// The first twelve hex digits of a digest, enough to tell two apart.
fn short(digest: &str) -> &str {
    digest.get(..12).unwrap_or(digest)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_difference_reads_as_one_sentence() {
        let mut d = Difference {
            file: "examples/x.yaml".into(),
            rule: Some("SNC-QUAL".into()),
            sealed_in: "manifest.json".into(),
            sealed: "pass".into(),
            rerun: "fail".into(),
        };
        assert_eq!(
            difference(&d, Lang::En),
            "SNC-QUAL on examples/x.yaml: sealed pass, re-run fail"
        );
        d.sealed_in = "reports/report.json".into();
        assert_eq!(
            difference(&d, Lang::Fr),
            "SNC-QUAL sur examples/x.yaml : reports/report.json pass, réévalué fail"
        );
    }

    #[test]
    fn every_signature_case_says_what_was_checked_in_both_languages() {
        let key = "SHA256:abc".to_string();
        let cases = [
            (
                SignatureCheck::Unsigned,
                "Signature: not signed.",
                "Signature : non signé.",
            ),
            (
                SignatureCheck::NotChecked,
                "Signature: signed, but no --key given: signature not checked.",
                "Signature : signé, mais sans --key : signature non vérifiée.",
            ),
            (
                SignatureCheck::Good {
                    fingerprint: key.clone(),
                },
                "Signature: signed by key SHA256:abc (matches --key).",
                "Signature : signé par la clé SHA256:abc (celle de --key).",
            ),
            (
                SignatureCheck::Bad {
                    key: key.clone(),
                    reason: "x".into(),
                },
                "Signature: bad with --key SHA256:abc: x.",
                "Signature : invalide avec --key SHA256:abc : x.",
            ),
            (
                SignatureCheck::Missing { key: key.clone() },
                "Signature: not signed, though --key SHA256:abc was given.",
                "Signature : non signé, alors que --key SHA256:abc est donnée.",
            ),
        ];
        for (check, en, fr) in cases {
            assert_eq!(signature(&check, Lang::En), en);
            assert_eq!(signature(&check, Lang::Fr), fr);
        }
        // Only a good signature lets the conclusion speak of who sealed the record.
        assert!(
            verifies(&SignatureCheck::Good { fingerprint: key }, Lang::En)
                .contains("signed by the key given")
        );
        for check in [SignatureCheck::Unsigned, SignatureCheck::NotChecked] {
            assert!(verifies(&check, Lang::En).contains("nothing"));
            assert!(verifies(&check, Lang::Fr).contains("rien"));
        }
    }
}
