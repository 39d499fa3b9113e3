//! The weakest source under every path of a provider file, computed once per file.

use std::collections::BTreeMap;
use std::fmt::Write as _;

use serde::Deserialize as _;
use serde_json::Value;

use super::{Provenance, Source};
use crate::jurisdiction::Jurisdictions;
use crate::lang::Lang;
use crate::yaml::{format_path, parse_path};

/// The weakest source found among the values under a path.
#[derive(Debug, Clone, PartialEq)]
pub struct Weakest {
    pub source: Source,
    /// The statement that gives it; `None` when no source is stated (self-declared).
    pub provenance: Option<Provenance>,
    /// Where that statement is written: `evidence."entities.acme"` or `entities.acme.evidence`.
    pub stated_at: Option<String>,
    /// The path of the weakest value itself.
    pub value: String,
}

impl Weakest {
    /// The source in a few words: `registry-extract (RCS Paris …)`, or
    /// `self-declared (no source stated)`.
    pub fn describe(&self, lang: Lang) -> String {
        match &self.provenance {
            Some(provenance) => provenance.describe(),
            None => super::unstated(lang).to_string(),
        }
    }
}

/// What a provider file says of its sources, ready to answer "how strong is the
/// evidence for this fact?".
#[derive(Debug, Clone, Default)]
pub struct EvidenceIndex {
    /// Every value path of the file (and `""`, the whole file) → its weakest source.
    nodes: BTreeMap<String, Grade>,
    /// The statements of the file, which grades point into.
    statements: Vec<Statement>,
    /// The paths of the file's values that grades name as weakest.
    values: Vec<String>,
    /// Computed fact roots (`ownership`) → the weakest grade among the file paths
    /// their figures rest on, found once: every evidence item of every rule under
    /// that root is graded on it.
    basis: BTreeMap<String, Option<Grade>>,
}

/// A source and where the file states it.
type Statement = (Provenance, String);

/// The weakest source under a path, by reference into the index: indexing every
/// value of every file must stay cheap in batch runs. Of two equal sources, the
/// weaker is the one that is not stated.
#[derive(Debug, Clone, Copy)]
struct Grade {
    source: Source,
    statement: Option<usize>,
    value: usize,
}

impl Grade {
    fn weaker(self, other: Grade) -> Grade {
        if (other.source, other.statement.is_some()) < (self.source, self.statement.is_some()) {
            other
        } else {
            self
        }
    }
}

impl EvidenceIndex {
    /// Indexes a provider file given as JSON (the typed file, serialised).
    pub fn new(file: &Value) -> EvidenceIndex {
        let mut stated: BTreeMap<String, Statement> = BTreeMap::new();
        if let Some(Value::Object(section)) = file.get("evidence") {
            for (key, value) in section {
                if let Ok(provenance) = Provenance::deserialize(value) {
                    let path = format_path(&parse_path(key));
                    stated.insert(path, (provenance, format!("evidence.\"{key}\"")));
                }
            }
        }
        collect_inline(file, &mut String::new(), &mut stated);
        let mut walker = Walker {
            by_path: BTreeMap::new(),
            index: EvidenceIndex::default(),
        };
        for (path, statement) in stated {
            walker.by_path.insert(path, walker.index.statements.len());
            walker.index.statements.push(statement);
        }
        walker.walk(file, String::new(), None);
        for path in unstated_seats(file) {
            walker.index.values.push(path.clone());
            let grade = Grade {
                source: Source::SelfDeclared,
                statement: None,
                value: walker.index.values.len() - 1,
            };
            walker.index.nodes.insert(path, grade);
        }
        walker.index
    }

    /// Declares that the computed facts under `root` (e.g. `ownership`) rest on the
    /// file values under each of `paths`.
    pub fn with_basis(mut self, root: &str, paths: Vec<String>) -> EvidenceIndex {
        let grade = self.weakest_grade(paths.iter().map(String::as_str));
        self.basis.insert(root.to_string(), grade);
        self
    }

    /// The weakest source under a file path; `None` when the file has no value there.
    pub fn weakest(&self, path: &str) -> Option<Weakest> {
        self.nodes.get(path).map(|grade| self.told(*grade))
    }

    fn grade(&self, path: &str) -> Option<Grade> {
        self.nodes.get(path).copied()
    }

    fn told(&self, grade: Grade) -> Weakest {
        let statement = grade.statement.and_then(|i| self.statements.get(i));
        Weakest {
            source: grade.source,
            provenance: statement.map(|(provenance, _)| provenance.clone()),
            stated_at: statement.map(|(_, at)| at.clone()),
            value: self.values.get(grade.value).cloned().unwrap_or_default(),
        }
    }

    /// The weakest source behind a fact read by a rule: the file value it comes from
    /// (`source`) and, for computed facts, every value their figures rest on. The
    /// workload is the buyer's own statement, not a fact about the offer: it has none.
    pub fn weakest_behind(&self, fact_path: &str, source: Option<&str>) -> Option<Weakest> {
        if fact_path.starts_with("workload") || source.is_some_and(|s| s.starts_with("workload")) {
            return None;
        }
        let own = source.and_then(|path| self.grade(path));
        [own, self.basis_of(root(fact_path))]
            .into_iter()
            .flatten()
            .reduce(Grade::weaker)
            .map(|grade| self.told(grade))
    }

    /// The weakest source behind the computed figures that `read_paths` reach (a rule
    /// that reads `ownership.holders` rests on the whole ownership basis, even when no
    /// holder ends up in its evidence).
    pub fn weakest_basis(&self, read_paths: &[String]) -> Option<Weakest> {
        let mut roots: Vec<&str> = read_paths.iter().map(|path| root(path)).collect();
        roots.sort_unstable();
        roots.dedup();
        roots
            .into_iter()
            .filter_map(|r| self.basis_of(r))
            .reduce(Grade::weaker)
            .map(|grade| self.told(grade))
    }

    /// The weakest grade among the file paths the computed facts under `root` rest
    /// on (none for file facts). Of equal grades, the first path's is kept, as
    /// [`Grade::weaker`] does along the paths.
    fn basis_of(&self, root: &str) -> Option<Grade> {
        self.basis.get(root).copied().flatten()
    }

    fn weakest_grade<'a>(&self, paths: impl Iterator<Item = &'a str>) -> Option<Grade> {
        paths
            .filter_map(|path| self.grade(path))
            .reduce(Grade::weaker)
    }
}

/// The seats a file leaves out on a company or fund that is not registered outside
/// the EU: the other seats default to the registered office when read, but a default
/// is not a stated fact, so each is graded `self-declared` whatever source the
/// registered office has (a register extract shows where a company is registered,
/// not where it is run); a registered office left out is graded so too, so that
/// removing it never leaves stronger sources to grade a pass on.
fn unstated_seats(file: &Value) -> Vec<String> {
    let Some(Value::Object(entities)) = file.get("entities") else {
        return Vec::new();
    };
    let mut out = Vec::new();
    for (id, entity) in entities {
        let company = entity
            .get("kind")
            .is_none_or(|k| matches!(k.as_str(), Some("company" | "fund")));
        // Registered outside the EU, an entity is outside it whatever its other
        // seats: a default there cannot make anything pass.
        let country = entity.get("country").and_then(Value::as_str);
        if !company || country.is_some_and(|c| !Jurisdictions::embedded().is_eu(c)) {
            continue;
        }
        if country.is_none() {
            out.push(format!("entities.{id}.country"));
        }
        for seat in SEATS_DEFAULTED {
            if entity.get(seat).is_none() {
                out.push(format!("entities.{id}.{seat}"));
            }
        }
    }
    out
}

/// The seats that default to the registered office when left out.
const SEATS_DEFAULTED: [&str; 2] = ["central_administration", "principal_establishment"];

/// The first segment of a fact path: `ownership` for `ownership.holders[0].capital`.
fn root(path: &str) -> &str {
    path.split(['.', '[']).next().unwrap_or_default()
}

/// Statements written next to the values: an `evidence` record inside any record
/// but the file itself (whose `evidence` is the section keyed by path).
/// `path` is a buffer holding the value's path, given back as it was found.
fn collect_inline(value: &Value, path: &mut String, statements: &mut BTreeMap<String, Statement>) {
    match value {
        Value::Object(map) => {
            for (key, child) in map {
                if key == "evidence" {
                    if path.is_empty() {
                        continue;
                    }
                    if let Ok(provenance) = Provenance::deserialize(child) {
                        statements
                            .insert(path.to_string(), (provenance, format!("{path}.evidence")));
                    }
                    continue;
                }
                let len = path.len();
                if len > 0 {
                    path.push('.');
                }
                path.push_str(key);
                collect_inline(child, path, statements);
                path.truncate(len);
            }
        }
        Value::Array(items) => {
            for (i, item) in items.iter().enumerate() {
                let len = path.len();
                // Writing to a String cannot fail.
                let _ = write!(path, "[{i}]");
                collect_inline(item, path, statements);
                path.truncate(len);
            }
        }
        _ => {}
    }
}

/// Builds the index: the statements by path, and the grades found so far.
struct Walker {
    by_path: BTreeMap<String, usize>,
    index: EvidenceIndex,
}

impl Walker {
    /// Computes the weakest source of `value` and of everything under it, recording
    /// each; `inherited` is the statement of the nearest parent that has one.
    fn walk(&mut self, value: &Value, path: String, inherited: Option<usize>) -> Grade {
        let own = self.by_path.get(&path).copied().or(inherited);
        let weakest = match value {
            Value::Object(map) => map
                .iter()
                .filter(|(key, _)| key.as_str() != "evidence")
                .map(|(key, child)| self.walk(child, join(&path, key), own))
                .reduce(Grade::weaker),
            Value::Array(items) => items
                .iter()
                .enumerate()
                .map(|(i, item)| self.walk(item, format!("{path}[{i}]"), own))
                .reduce(Grade::weaker),
            _ => None,
        };
        let grade = weakest.unwrap_or_else(|| {
            let source = own
                .and_then(|i| self.index.statements.get(i))
                .map_or(Source::SelfDeclared, |(provenance, _)| provenance.source);
            self.index.values.push(path.clone());
            Grade {
                source,
                statement: own,
                value: self.index.values.len() - 1,
            }
        });
        self.index.nodes.insert(path, grade);
        grade
    }
}

fn join(path: &str, key: &str) -> String {
    if path.is_empty() {
        key.to_string()
    } else {
        format!("{path}.{key}")
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    fn file() -> Value {
        json!({
            "entities": {
                "acme": {
                    "country": "FR",
                    "shareholders": [
                        {"entity": "a", "capital": 60,
                         "evidence": {"source": "registry-extract", "reference": "RCS 1"}},
                        {"entity": "b", "capital": 40}
                    ]
                },
                "b": {"country": "US"}
            },
            "offer": {"data": {"storage": ["FR"]}},
            "evidence": {
                "entities.acme": {"source": "audit-report", "reference": "Audit 2026"},
                "offer.data": {"source": "contract", "reference": "Annex 3"}
            }
        })
    }

    #[test]
    fn a_value_takes_the_nearest_stated_source() {
        let index = EvidenceIndex::new(&file());
        let first = index
            .weakest("entities.acme.shareholders[0].capital")
            .unwrap();
        assert_eq!(first.source, Source::RegistryExtract);
        assert_eq!(
            first.stated_at.as_deref(),
            Some("entities.acme.shareholders[0].evidence")
        );
        let second = index
            .weakest("entities.acme.shareholders[1].capital")
            .unwrap();
        assert_eq!(second.source, Source::AuditReport);
        assert_eq!(
            second.stated_at.as_deref(),
            Some("evidence.\"entities.acme\"")
        );
        assert_eq!(
            index.weakest("offer.data.storage[0]").unwrap().source,
            Source::Contract
        );
    }

    #[test]
    fn a_record_is_as_weak_as_its_weakest_value() {
        let index = EvidenceIndex::new(&file());
        let shareholders = index.weakest("entities.acme.shareholders").unwrap();
        assert_eq!(shareholders.source, Source::AuditReport);
        let entities = index.weakest("entities").unwrap();
        assert_eq!(entities.source, Source::SelfDeclared);
        assert_eq!(
            entities.provenance, None,
            "no source is stated for entities.b"
        );
        assert_eq!(entities.value, "entities.b.country");
        assert!(index.weakest("offer.pki").is_none(), "nothing is there");
    }

    #[test]
    fn a_seat_left_out_is_self_declared_whatever_the_registered_office_says() {
        let index = EvidenceIndex::new(&file());
        let central = index
            .weakest("entities.acme.central_administration")
            .unwrap();
        assert_eq!(central.source, Source::SelfDeclared);
        assert_eq!(central.provenance, None);
        assert_eq!(central.value, "entities.acme.central_administration");
        assert_eq!(
            index.weakest("entities.acme.country").unwrap().source,
            Source::AuditReport
        );
        // The record itself keeps the grade of what it states.
        assert_eq!(
            index.weakest("entities.acme").unwrap().source,
            Source::AuditReport
        );
        // Stated, a seat takes its source; outside the EU, or not a company, no
        // default can make anything pass.
        let stated = EvidenceIndex::new(&json!({
            "entities": {
                "acme": {"country": "FR", "central_administration": "FR"},
                "b": {"country": "US"},
                "c": {"kind": "individual", "country": "FR"}
            },
            "evidence": {"entities": {"source": "registry-extract", "reference": "RCS"}}
        }));
        assert_eq!(
            stated
                .weakest("entities.acme.central_administration")
                .unwrap()
                .source,
            Source::RegistryExtract
        );
        assert_eq!(
            stated
                .weakest("entities.acme.principal_establishment")
                .unwrap()
                .source,
            Source::SelfDeclared
        );
        assert!(
            stated
                .weakest("entities.b.central_administration")
                .is_none()
        );
        assert!(
            stated
                .weakest("entities.c.central_administration")
                .is_none()
        );
    }

    #[test]
    fn of_equally_weak_values_the_first_read_is_named() {
        let basis = |paths: [&str; 2]| {
            EvidenceIndex::new(&file()).with_basis("ownership", paths.map(str::to_string).to_vec())
        };
        let central = "entities.acme.central_administration";
        let forward = basis(["entities.b.country", central]);
        let backward = basis([central, "entities.b.country"]);
        let named = |index: &EvidenceIndex, source: Option<&str>| {
            index
                .weakest_behind("ownership.non_eu_capital", source)
                .map(|w| w.value)
        };
        assert_eq!(named(&forward, None).as_deref(), Some("entities.b.country"));
        assert_eq!(named(&backward, None).as_deref(), Some(central));
        // The fact's own value comes before its basis.
        let principal = "entities.acme.principal_establishment";
        assert_eq!(named(&forward, Some(principal)).as_deref(), Some(principal));
        let read = ["ownership.holders".to_string(), "offer.name".to_string()];
        assert_eq!(
            backward.weakest_basis(&read).map(|w| w.value).as_deref(),
            Some(central)
        );
        assert_eq!(forward.weakest_basis(&read[1..]), None);
    }

    #[test]
    fn computed_facts_rest_on_their_basis() {
        let index = EvidenceIndex::new(&file()).with_basis(
            "ownership",
            vec!["entities.acme.shareholders".into(), "entities.b".into()],
        );
        let behind = index
            .weakest_behind(
                "ownership.non_eu_capital",
                Some("entities.acme.shareholders"),
            )
            .unwrap();
        assert_eq!(behind.value, "entities.b.country");
        let direct = index
            .weakest_behind("provider.country", Some("entities.acme.country"))
            .unwrap();
        assert_eq!(direct.source, Source::AuditReport);
        assert!(
            index
                .weakest_behind("workload.data.sensitivity", None)
                .is_none()
        );
    }
}
