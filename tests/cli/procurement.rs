//! The procurement verdict of each shipped example and of a waived file: the
//! decision, the decisive rules, and the rationale in both languages.

use serde_json::Value;

use crate::cli::{assess_json, trustcheck};

/// The procurement verdict of `framework` in the first file of a JSON report.
fn procurement<'a>(report: &'a Value, framework: &str) -> &'a Value {
    report["reports"][0]["procurement"]
        .as_array()
        .expect("procurement verdicts")
        .iter()
        .find(|v| v["framework"] == framework)
        .expect("a verdict for the framework")
}

fn rationale<'a>(verdict: &'a Value, lang: &str) -> &'a str {
    verdict["rationale"][lang].as_str().expect("rationale")
}

/// File, framework, decision, first decisive rule, English and French fragments.
type Expected = (
    &'static str,
    &'static str,
    &'static str,
    Option<&'static str>,
    &'static str,
    &'static str,
);

const EXPECTED: &[Expected] = &[
    (
        "examples/eu-native-qualified.yaml",
        "secnumcloud-3.2",
        "eligible",
        None,
        "Eligible: the offer “Arvenis Confiance (IaaS and managed Kubernetes)” of Arvenis \
         Cloud SAS meets SecNumCloud 3.2 (ANSSI) [certification referential]",
        "Éligible : l'offre « Arvenis Confiance (IaaS and managed Kubernetes) » du prestataire \
         Arvenis Cloud SAS satisfait SecNumCloud 3.2 (ANSSI) [référentiel de qualification]",
    ),
    (
        "examples/eu-native-qualified.yaml",
        "cloud-au-centre",
        "eligible",
        None,
        "[State doctrine by circular] for the workload “Litigation files of a ministry's legal \
         affairs directorate”",
        "[doctrine de l'État par circulaire] pour le besoin « Litigation files of a ministry's legal affairs \
         directorate »",
    ),
    (
        "examples/us-hyperscaler-region.yaml",
        "secnumcloud-3.2",
        "not_eligible",
        Some("SNC-19.2-c"),
        "does not meet SecNumCloud 3.2 (ANSSI) [certification referential] for the workload \
         “HR records of a ministry”: 19.2 c) — The service is administered or supervised from \
         outside the EU; ",
        "; et 13 autres critères.",
    ),
    (
        "examples/us-hyperscaler-region.yaml",
        "cloud-au-centre",
        "not_eligible",
        Some("CAC-R9-sensitive"),
        ": R9 [legal obligation] — The offer is not SecNumCloud-qualified",
        " : R9 [obligation légale] — L'offre n'est pas qualifiée SecNumCloud",
    ),
    (
        "examples/jv-us-technology-licence.yaml",
        "secnumcloud-3.2",
        "not_eligible",
        Some("SNC-QUAL"),
        ": 3.1, 3.2 — The offer holds no valid SecNumCloud 3.2 qualification",
        " : 3.1, 3.2 — L'offre ne détient aucune qualification SecNumCloud 3.2 valide",
    ),
    (
        "examples/jv-non-eu-minority.yaml",
        "cloud-au-centre",
        "not_eligible",
        Some("CAC-OIV-OSE"),
        "announced policy, not codified [announced government policy] — The offer is not a \
         trusted cloud",
        "announced policy, not codified [politique gouvernementale annoncée] — L'offre n'est pas \
         un cloud de confiance",
    ),
    (
        "examples/jv-non-eu-minority.yaml",
        "secnumcloud-3.2",
        "not_eligible",
        Some("SNC-19.6-b-individual"),
        "19.6 b) — A holder outside the EU has more than 24 %",
        "19.6 b) — Un détenteur hors UE dépasse 24 %",
    ),
    (
        "examples/qualification-in-progress.yaml",
        "secnumcloud-3.2",
        "not_eligible",
        Some("SNC-QUAL"),
        "Not eligible: the offer “Brisants Santé (managed PaaS and hospital records SaaS)” of \
         Brisants Numérique SAS",
        "Non éligible : l'offre « Brisants Santé (managed PaaS and hospital records SaaS) » du \
         prestataire Brisants Numérique SAS",
    ),
];

#[test]
fn every_example_gets_its_procurement_verdict() {
    let mut wrong = Vec::new();
    for (file, framework, decision, first, en, fr) in EXPECTED {
        let (_, report) = assess_json(&[file]);
        let verdict = procurement(&report, framework);
        if verdict["decision"] != *decision {
            wrong.push(format!("{file} {framework}: {}", verdict["decision"]));
        }
        if verdict["decisive"].get(0).and_then(Value::as_str) != *first {
            wrong.push(format!("{file} {framework}: {}", verdict["decisive"]));
        }
        for (lang, fragment) in [("en", en), ("fr", fr)] {
            if !rationale(verdict, lang).contains(fragment) {
                wrong.push(format!(
                    "{file} {framework} {lang}: {}",
                    rationale(verdict, lang)
                ));
            }
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}

#[test]
fn waived_gaps_make_the_offer_eligible_with_waivers() {
    let (code, report) = assess_json(&[
        "tests/waivers/two-gaps.yaml",
        "--waivers",
        "tests/waivers/accepted.yaml",
    ]);
    assert_eq!(code, 4);
    let snc = procurement(&report, "secnumcloud-3.2");
    assert_eq!(snc["decision"], "eligible_with_waivers");
    assert_eq!(
        snc["decisive"],
        serde_json::json!(["SNC-10.6-a", "SNC-19.6-f"])
    );
    assert!(rationale(snc, "en").contains(
        "10.6 a) — The certification authority or the master-key ceremonies are outside the \
         EU (waiver W-2026-001, owner Head of infrastructure, until 2027-03-31)"
    ));
    assert!(
        rationale(snc, "fr").contains(
            "(dérogation W-2026-002, responsable Procurement officer, jusqu'au 2026-11-01)"
        )
    );
    let cac = procurement(&report, "cloud-au-centre");
    assert_eq!(cac["decision"], "eligible_with_waivers");
    assert!(rationale(cac, "en").contains("W-2026-003"));
}

#[test]
fn without_waivers_the_same_file_is_not_eligible_and_not_established() {
    let (_, report) = assess_json(&["tests/waivers/two-gaps.yaml"]);
    assert_eq!(
        procurement(&report, "secnumcloud-3.2")["decision"],
        "not_eligible"
    );
    let cac = procurement(&report, "cloud-au-centre");
    assert_eq!(cac["decision"], "not_established");
    assert!(rationale(cac, "en").starts_with("Not established: the file does not establish"));
}

#[test]
fn the_french_table_gives_both_rationales_french_first() {
    let output = trustcheck()
        .args(["--lang", "fr", "assess", "--as-of", "2026-11-01"])
        .arg("examples/qualification-in-progress.yaml")
        .output()
        .expect("runs");
    let text = String::from_utf8(output.stdout).expect("utf-8");
    let block = text.split("Verdict pour l'achat\n").nth(1).expect("block");
    let french = block
        .find("    FR: Non éligible")
        .expect("French rationale");
    let english = block
        .find("    EN: Not eligible")
        .expect("English rationale");
    assert!(french < english);
    assert!(
        block.contains("secnumcloud-3.2 — Patient records of a university hospital: NON ÉLIGIBLE")
    );
}
