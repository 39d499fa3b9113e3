//! Rule documentation: `rules show` for one rule, the per-framework reference that
//! `rules doc` writes, and the README's rule index.

use crate::lang::Lang;
use crate::report::table::legal_status;
use crate::rules::{Rule, RuleSet};

/// The full description of a rule, as `rules show` prints it and `rules doc` writes it.
pub fn show(rule: &Rule, rules: &RuleSet, lang: Lang) -> String {
    let raw = &rule.raw;
    let fr = lang == Lang::Fr;
    let manifest = rules.framework(&raw.framework);
    let framework = manifest.map_or(raw.framework.clone(), |m| m.title.get(lang).to_string());
    let status = raw.legal_status.or(manifest.map(|m| m.legal_status));
    let mut out = format!("# {} — {}\n\n", rule.id(), raw.title.get(lang));
    out.push_str(&format!(
        "{}: {framework} § {}  \n",
        if fr { "Référence" } else { "Reference" },
        raw.reference
    ));
    if let Some(status) = status {
        out.push_str(&format!(
            "{}: {}  \n",
            if fr { "Portée" } else { "Legal status" },
            legal_status(status, lang)
        ));
    }
    let severity = serde_json::to_value(raw.severity)
        .ok()
        .and_then(|v| v.as_str().map(str::to_string))
        .unwrap_or_default();
    let confidence = serde_json::to_value(raw.confidence)
        .ok()
        .and_then(|v| v.as_str().map(str::to_string))
        .unwrap_or_default();
    out.push_str(&format!(
        "{}: {severity}  \n",
        if fr { "Gravité" } else { "Severity" }
    ));
    out.push_str(&format!(
        "{}: {confidence}  \n",
        if fr { "Confiance" } else { "Confidence" }
    ));
    let minimum = raw.min_evidence.map_or("self-declared", |m| m.name());
    out.push_str(&format!(
        "{}: {minimum}\n\n",
        if fr {
            "Preuve minimale"
        } else {
            "Minimum evidence"
        }
    ));
    let section = |out: &mut String, title: &str, body: &str| {
        out.push_str(&format!("## {title}\n\n{}\n\n", body.trim_end()));
    };
    section(
        &mut out,
        if fr {
            "Ce que le texte exige"
        } else {
            "What the text requires"
        },
        raw.requires.get(lang),
    );
    section(
        &mut out,
        if fr {
            "Pourquoi c'est important"
        } else {
            "Why it matters"
        },
        raw.why.get(lang),
    );
    if let Some(caveat) = &raw.caveat {
        section(
            &mut out,
            if fr { "Incertitudes" } else { "Caveat" },
            caveat.get(lang),
        );
    }
    if let Some(note) = &raw.legal_note {
        section(
            &mut out,
            if fr {
                "Portée juridique"
            } else {
                "Legal basis"
            },
            note.get(lang),
        );
    }
    if let Some(unverified) = raw
        .unverified
        .as_ref()
        .or(manifest.and_then(|m| m.unverified.as_ref()))
    {
        section(
            &mut out,
            if fr {
                "Non vérifié dans le texte officiel"
            } else {
                "Not verified in the official text"
            },
            unverified.get(lang),
        );
    }
    let facts: Vec<String> = rule
        .fact_paths()
        .iter()
        .map(|p| format!("- `{p}`"))
        .collect();
    section(
        &mut out,
        if fr { "Faits lus" } else { "Facts it reads" },
        &facts.join("\n"),
    );
    let deps = rule.dependencies();
    if !deps.is_empty() {
        let deps: Vec<String> = deps.iter().map(|d| format!("- {d}")).collect();
        section(
            &mut out,
            if fr { "Repose sur" } else { "Rests on" },
            &deps.join("\n"),
        );
    }
    if let Some(example) = &raw.example_pass {
        section(
            &mut out,
            if fr {
                "Exemple conforme"
            } else {
                "Passing example"
            },
            &format!("```yaml\n{}\n```", example.trim_end()),
        );
    }
    if let Some(example) = &raw.example_fail {
        section(
            &mut out,
            if fr {
                "Exemple non conforme"
            } else {
                "Failing example"
            },
            &format!("```yaml\n{}\n```", example.trim_end()),
        );
    }
    section(
        &mut out,
        if fr { "La règle" } else { "The rule" },
        &format!("```yaml\n{}\n```", rule.text.trim_end()),
    );
    out
}

/// The README's rule index: one line per rule, linking to the reference.
pub fn index(rules: &RuleSet, lang: Lang) -> String {
    let mut out =
        String::from("| rule | reference | severity | title |\n| --- | --- | --- | --- |\n");
    for rule in rules.rules() {
        let severity = serde_json::to_value(rule.raw.severity)
            .ok()
            .and_then(|v| v.as_str().map(str::to_string))
            .unwrap_or_default();
        out.push_str(&format!(
            "| [{id}](docs/reference/{fw}.md#{anchor}) | {} {} | {severity} | {} |\n",
            rule.raw.framework,
            rule.raw.reference,
            rule.raw.title.get(lang),
            id = rule.id(),
            fw = rule.raw.framework,
            anchor = anchor(&format!("{} — {}", rule.id(), rule.raw.title.get(lang))),
        ));
    }
    out
}

/// The anchor GitHub gives a markdown heading.
fn anchor(heading: &str) -> String {
    heading
        .to_lowercase()
        .chars()
        .filter_map(|c| match c {
            ' ' => Some('-'),
            c if c.is_alphanumeric() || c == '-' || c == '_' => Some(c),
            _ => None,
        })
        .collect()
}

/// The markdown reference of every rule, one document per framework.
pub fn reference(rules: &RuleSet, lang: Lang) -> Vec<(String, String)> {
    rules
        .frameworks()
        .iter()
        .map(|m| {
            let mut doc = format!(
                "# {}\n\n{}: {}. {}\n\n",
                m.title.get(lang),
                if lang == Lang::Fr {
                    "Portée juridique"
                } else {
                    "Legal status"
                },
                legal_status(m.legal_status, lang),
                m.legal_note.get(lang)
            );
            if let Some(unverified) = &m.unverified {
                doc.push_str(&format!(
                    "{}: {}\n\n",
                    if lang == Lang::Fr {
                        "Non vérifié dans le texte officiel"
                    } else {
                        "Not verified in the official text"
                    },
                    unverified.get(lang)
                ));
            }
            for rule in rules.rules().iter().filter(|r| r.raw.framework == m.id) {
                doc.push_str(
                    &show(rule, rules, lang)
                        .replacen("# ", "## ", 1)
                        .replace("\n## ", "\n### "),
                );
            }
            (m.id.clone(), doc)
        })
        .collect()
}
