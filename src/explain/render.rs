//! The explanation as indented text: one line per condition with the part it plays
//! and its verdict, the facts a comparison read under it, and each list element with
//! the figures computed for it.

use super::{Explanation, Grade};
use crate::engine::{Evidence, Head, Role, TraceNode, TracedItem, Verdict};
use crate::lang::Lang;
use crate::report::table::{legal_status, verdict_word};

/// The explanation in `lang`.
pub fn render(explanation: &Explanation, lang: Lang) -> String {
    let e = explanation;
    let mut out = format!(
        "{} · {} §{}\n{}\n",
        e.rule,
        e.framework_title.get(lang),
        e.reference,
        e.title.get(lang)
    );
    out.push_str(&match lang {
        Lang::En => format!("File: {} · as of {}\n", e.file, e.as_of),
        Lang::Fr => format!("Fichier : {} · au {}\n", e.file, e.as_of),
    });
    if let Some(status) = e.legal_status {
        out.push_str(&match lang {
            Lang::En => format!("Legal status: {}\n", legal_status(status, lang)),
            Lang::Fr => format!("Portée juridique : {}\n", legal_status(status, lang)),
        });
    }
    if let Some(unverified) = &e.unverified {
        out.push_str(&match lang {
            Lang::En => format!(
                "Not verified in the official text: {}\n",
                unverified.get(lang)
            ),
            Lang::Fr => format!(
                "Non vérifié dans le texte officiel : {}\n",
                unverified.get(lang)
            ),
        });
    }
    out.push_str(&format!(
        "\nVerdict: {} — {}\n",
        verdict_word(e.verdict, lang),
        e.message.get(lang)
    ));
    if !e.trace.is_empty() {
        out.push('\n');
    }
    let writer = Writer { e, lang };
    for node in &e.trace {
        writer.node(&mut out, node, 0);
    }
    if let Some(grade) = &e.grade {
        out.push_str(&grade_words(grade, lang));
    }
    // Rule texts, fact values and notes may come from a rule pack or a provider file;
    // nothing here is coloured, so the whole text is made safe for a terminal at once.
    crate::safe_text::terminal(&out)
}

/// The rule's minimum source and the weakest one found, in a paragraph.
fn grade_words(grade: &Grade, lang: Lang) -> String {
    let minimum = grade.minimum;
    let found = match &grade.weakest {
        Some(w) => format!("{} ({})", w.describe(lang), w.value),
        None => match lang {
            Lang::En => "no provider fact".to_string(),
            Lang::Fr => "aucun fait du fournisseur".to_string(),
        },
    };
    let outcome = match (grade.too_weak(), lang) {
        (true, Lang::En) => "too weak: a pass on this evidence is reported as unknown",
        (true, Lang::Fr) => "insuffisant : une conformité sur cette preuve est déclarée inconnue",
        (false, Lang::En) => "strong enough",
        (false, Lang::Fr) => "suffisant",
    };
    match lang {
        Lang::En => format!(
            "\nEvidence: the rule needs {minimum} or stronger; the weakest source found is \
             {found}: {outcome}.\n"
        ),
        Lang::Fr => format!(
            "\nPreuves : la règle exige {minimum} ou mieux ; la source la plus faible est \
             {found} : {outcome}.\n"
        ),
    }
}

struct Writer<'a> {
    e: &'a Explanation,
    lang: Lang,
}

impl Writer<'_> {
    fn node(&self, out: &mut String, node: &TraceNode, depth: usize) {
        let indent = "  ".repeat(depth);
        let role = role_word(node.role, self.lang);
        let role = if role.is_empty() {
            String::new()
        } else {
            format!("{role}: ")
        };
        // A comparison inside a list names the element's own fact, not `item.X`.
        let head = match (&node.head, node.evidence.first()) {
            (Head::Compare { .. }, Some(e)) => Head::Compare {
                fact: e.path.clone(),
            },
            (head, _) => head.clone(),
        };
        out.push_str(&format!(
            "{indent}{role}{} — {}\n",
            verdict_word(Verdict::from(node.tri), self.lang),
            head_words(&head, self.lang)
        ));
        // A comparison, a sum or a rule reference decided on facts it read itself; the
        // evidence of other conditions is their children's, shown with them.
        let own_facts = matches!(
            node.head,
            Head::Compare { .. } | Head::Sum { .. } | Head::Rule(_)
        ) || node.children.is_empty();
        if own_facts {
            for evidence in &node.evidence {
                self.evidence(out, evidence, depth + 1);
            }
        }
        let mut current: Option<&str> = None;
        for child in &node.children {
            let element = match (&node.head, &child.item) {
                (Head::Every { .. } | Head::Some { .. } | Head::Sum { .. }, Some(item)) => {
                    Some(item)
                }
                _ => None,
            };
            match element {
                Some(item) => {
                    if current != Some(item.path.as_str()) {
                        self.element(out, item, depth + 1);
                        current = Some(&item.path);
                    }
                    self.node(out, child, depth + 2);
                }
                None => self.node(out, child, depth + 1),
            }
        }
    }

    fn evidence(&self, out: &mut String, e: &Evidence, depth: usize) {
        let indent = "  ".repeat(depth);
        let (expected_word, missing, stated, line_word) = match self.lang {
            Lang::En => ("expected", "not given", "stated at", "line"),
            Lang::Fr => ("attendu", "non renseigné", "indiqué en", "ligne"),
        };
        out.push_str(&format!("{indent}• {}\n", e.sentence.get(self.lang)));
        out.push_str(&format!(
            "{indent}  {} = {} ({expected_word}: {})\n",
            e.path,
            e.actual.as_deref().unwrap_or(missing),
            e.expected.get(self.lang)
        ));
        if let Some(source) = &e.source {
            out.push_str(&format!(
                "{indent}  {stated} {source}{}\n",
                self.line(source, line_word)
            ));
        }
        if let Some(weakest) = self.e.sources.get(&e.path) {
            out.push_str(&format!(
                "{indent}  source: {}\n",
                weakest.describe(self.lang)
            ));
        }
        if let Some(note) = &e.note {
            out.push_str(&format!("{indent}  {note}\n"));
        }
    }

    /// A list element: its path and name, where the file states it, and its figures.
    fn element(&self, out: &mut String, item: &TracedItem, depth: usize) {
        let indent = "  ".repeat(depth);
        let (element, stated, line_word, figures) = match self.lang {
            Lang::En => ("element", "stated at", "line", "figures:"),
            Lang::Fr => ("élément", "indiqué en", "ligne", "valeurs :"),
        };
        let subject = item
            .subject
            .as_ref()
            .map(|s| format!(" — {}", s.get(self.lang)))
            .unwrap_or_default();
        out.push_str(&format!("{indent}{element} {}{subject}\n", item.path));
        if let Some(source) = &item.source {
            out.push_str(&format!(
                "{indent}  {stated} {source}{}\n",
                self.line(source, line_word)
            ));
        }
        if !item.fields.is_empty() {
            out.push_str(&format!("{indent}  {figures}\n"));
        }
        for (name, value) in &item.fields {
            out.push_str(&format!("{indent}    {name}: {value}\n"));
        }
    }

    /// `, line N` for a provider-file path (`near line N` when only its parent is there).
    fn line(&self, path: &str, line_word: &str) -> String {
        match self.e.locations.get(path) {
            Some(l) if l.exact => format!(", {line_word} {}", l.line),
            Some(l) => match self.lang {
                Lang::En => format!(", near line {}", l.line),
                Lang::Fr => format!(", près de la ligne {}", l.line),
            },
            None => String::new(),
        }
    }
}

fn role_word(role: Role, lang: Lang) -> &'static str {
    match (role, lang) {
        (Role::AppliesWhen, Lang::En) => "applies when",
        (Role::Check, Lang::En) => "requirement",
        (Role::If, Lang::En) => "if",
        (Role::Then, Lang::En) => "then",
        (Role::Where, Lang::En) => "selected when",
        (Role::Each, Lang::En) => "check",
        (Role::AppliesWhen, Lang::Fr) => "s'applique si",
        (Role::Check, Lang::Fr) => "exigence",
        (Role::If, Lang::Fr) => "si",
        (Role::Then, Lang::Fr) => "alors",
        (Role::Where, Lang::Fr) => "retenu si",
        (Role::Each, Lang::Fr) => "contrôle",
        (Role::Part, _) => "",
    }
}

fn head_words(head: &Head, lang: Lang) -> String {
    match (head, lang) {
        (Head::All, Lang::En) => "all of the following".into(),
        (Head::Any, Lang::En) => "at least one of the following".into(),
        (Head::Not, Lang::En) => "the opposite of the following".into(),
        (Head::If, Lang::En) => "if the first condition holds, the second must".into(),
        (Head::Compare { fact }, Lang::En) => format!("fact {fact}"),
        (Head::Every { list }, Lang::En) => format!("every selected element of {list}"),
        (Head::Some { list }, Lang::En) => format!("at least one selected element of {list}"),
        (Head::Sum { list, field }, Lang::En) => {
            format!("the total of {field} over the selected elements of {list}")
        }
        (Head::Rule(id), Lang::En) => format!("rule {id} passes or does not apply"),
        (Head::All, Lang::Fr) => "toutes les conditions suivantes".into(),
        (Head::Any, Lang::Fr) => "au moins une des conditions suivantes".into(),
        (Head::Not, Lang::Fr) => "le contraire de la condition suivante".into(),
        (Head::If, Lang::Fr) => {
            "si la première condition est remplie, la seconde doit l'être".into()
        }
        (Head::Compare { fact }, Lang::Fr) => format!("fait {fact}"),
        (Head::Every { list }, Lang::Fr) => format!("chaque élément retenu de {list}"),
        (Head::Some { list }, Lang::Fr) => format!("au moins un élément retenu de {list}"),
        (Head::Sum { list, field }, Lang::Fr) => {
            format!("le total de {field} sur les éléments retenus de {list}")
        }
        (Head::Rule(id), Lang::Fr) => format!("la règle {id} est conforme ou sans objet"),
    }
}
