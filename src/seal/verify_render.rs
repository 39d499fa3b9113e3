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

/// Renders a verification of the record at `dir` (as the user named it); a
/// verification that cannot be serialised is an error, never an empty document.
pub fn render(
    v: &Verification,
    dir: &str,
    format: VerifyFormat,
    lang: Lang,
) -> Result<String, serde_json::Error> {
    match format {
        VerifyFormat::Json => {
            let mut text = serde_json::to_string_pretty(v)?;
            text.push('\n');
            Ok(text)
        }
        VerifyFormat::Text => Ok(text(v, dir, lang)),
    }
}

fn t(lang: Lang, en: &'static str, fr: &'static str) -> &'static str {
    match lang {
        Lang::En => en,
        Lang::Fr => fr,
    }
}

fn text(v: &Verification, dir: &str, lang: Lang) -> String {
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
    files(&mut out, v, lang);
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
    let _ = writeln!(out, "{}", signature(&v.signature, lang));
    for note in &v.notes {
        let _ = writeln!(out, "{}", note_text(note, lang));
    }
    let verdict = if v.verifies {
        t(
            lang,
            "The record verifies.",
            "Le dossier scellé est vérifié.",
        )
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

fn files(out: &mut String, v: &Verification, lang: Lang) {
    let n = v.files_checked;
    if v.files.is_empty() {
        let _ = match lang {
            Lang::En => writeln!(out, "Files: {n} checked, all match."),
            Lang::Fr => writeln!(out, "Fichiers : {n} vérifiés, tous conformes."),
        };
        return;
    }
    let k = v.files.len();
    let _ = match (lang, k) {
        (Lang::En, 1) => writeln!(out, "Files: {n} checked, 1 does not match the manifest:"),
        (Lang::Fr, 1) => writeln!(
            out,
            "Fichiers : {n} vérifiés, 1 ne correspond pas au manifeste :"
        ),
        (Lang::En, _) => writeln!(out, "Files: {n} checked, {k} do not match the manifest:"),
        (Lang::Fr, _) => writeln!(
            out,
            "Fichiers : {n} vérifiés, {k} ne correspondent pas au manifeste :"
        ),
    };
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
        (SignatureCheck::Unsigned, Lang::En) => "Signature: none.".into(),
        (SignatureCheck::Unsigned, Lang::Fr) => "Signature : aucune.".into(),
        (SignatureCheck::NotChecked, Lang::En) => {
            "Signature: present, not checked (give --key).".into()
        }
        (SignatureCheck::NotChecked, Lang::Fr) => {
            "Signature : présente, non vérifiée (donner --key).".into()
        }
        (SignatureCheck::Good { fingerprint }, Lang::En) => {
            format!("Signature: good, key {fingerprint}.")
        }
        (SignatureCheck::Good { fingerprint }, Lang::Fr) => {
            format!("Signature : valide, clé {fingerprint}.")
        }
        (SignatureCheck::Bad { reason }, Lang::En) => format!("Signature: bad: {reason}."),
        (SignatureCheck::Bad { reason }, Lang::Fr) => format!("Signature : invalide : {reason}."),
        (SignatureCheck::Missing, Lang::En) => "Signature: missing, though --key was given.".into(),
        (SignatureCheck::Missing, Lang::Fr) => {
            "Signature : absente, alors que --key est donnée.".into()
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
}
