//! Generated provider files for benchmarks: 2–6 KB each, varied by a seed, with
//! a few holders, their parents, subcontractors and a qualification. Deterministic.

const COUNTRIES: [&str; 8] = ["FR", "DE", "NL", "IE", "US", "BE", "ES", "CN"];

/// A provider file of roughly 2–6 KB, varied by `seed`.
pub fn provider(seed: usize) -> String {
    let country = |k: usize| COUNTRIES[(seed / 7 + k) % COUNTRIES.len()];
    let holders = 2 + seed % 5;
    let mut entities = String::new();
    let mut shareholders = String::new();
    for h in 0..holders {
        let share = 100 / holders;
        shareholders.push_str(&format!(
            "      - {{ entity: holder{h}, capital: {share} }}\n"
        ));
        entities.push_str(&format!(
            "  holder{h}:\n    name: Holder {h} of offer {seed} SA\n    country: {}\n    shareholders:\n      - {{ entity: parent{h}, capital: {} }}\n  parent{h}: {{ name: Parent {h} Group, country: {}, listed: true }}\n",
            country(h),
            51 + (seed + h) % 49,
            country(h + 1)
        ));
    }
    let subcontractors: String = (0..(1 + seed % 4))
        .map(|s| format!("    - {{ entity: parent{}, role: support tier {s}, access: none, operating_autonomy: true }}\n", s % holders))
        .collect();
    format!(
        "trustcheck: 1\nas_of: 2026-10-01\nprovider: p\noffer:\n  name: Generated offer {seed}\n  service_models: [iaas, paas]\n  datacenters:\n    - {{ name: DC {seed}, country: {c0}, operator: p, owner: p }}\n  data: {{ storage: [{c0}], processing: [{c0}], backups: [{c1}], metadata: [{c0}] }}\n  operations: {{ administration_from: [{c0}], support_from: [{c0}], support_languages: [fr, en], interface_languages: [fr], staff_in_eu: true }}\n  subcontractors:\n{subcontractors}  certifications:\n    - {{ scheme: secnumcloud, version: \"3.2\", status: qualified, issued: 2025-01-01, expires: 2028-01-01, scope: [iaas, paas] }}\n  contract: {{ governing_law: FR, courts: FR, reversibility: formats, exit_on_qualification_loss: true, remote_access_disclosed: true, deletion_notice_days: 21, deletion_methods: [key-erasure], change_notification_days: 30 }}\nentities:\n  p:\n    name: Provider {seed} SAS\n    country: FR\n    shareholders:\n{shareholders}{entities}workload:\n  owner: {{ type: state-administration }}\n  data: {{ sensitivity: sensitive, personal: true }}\n",
        c0 = country(0),
        c1 = country(3),
    )
}

/// Writes `count` generated provider files into `dir` as `provider-NNNNNN.yaml`.
pub fn write(dir: &std::path::Path, count: usize) -> std::io::Result<Vec<std::path::PathBuf>> {
    std::fs::create_dir_all(dir)?;
    (0..count)
        .map(|i| {
            let path = dir.join(format!("provider-{i:06}.yaml"));
            std::fs::write(&path, provider(i))?;
            Ok(path)
        })
        .collect()
}
