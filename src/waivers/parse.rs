//! Reading a waivers file: every problem of the file at once, each with its line and
//! column. Only an unreadable `expires` is not a problem: that waiver is expired.

use std::collections::BTreeSet;

use jiff::civil::Date;

use super::{Expiry, Waiver};
use crate::diagnostics::{Code, InputErrors, Problem, Span};
use crate::rules::RuleSet;
use crate::yaml::{self, Key, Node, Value};

/// The keys every waiver states.
const REQUIRED: [&str; 7] = [
    "id",
    "rule",
    "justification",
    "owner",
    "approved_by",
    "approved_on",
    "expires",
];
/// The keys that narrow a waiver to one provider file or fact path.
const OPTIONAL: [&str; 2] = ["file", "path"];

/// Reads waivers from `text` (named `name` in messages).
pub fn parse(name: &str, text: &str, rules: &RuleSet) -> Result<Vec<Waiver>, InputErrors> {
    parse_at(name, text, rules, None)
}

/// Reads waivers from `text`; with `as_of`, a waiver approved after the assessment
/// date is refused (it could not have been decided when the assessment was made).
pub fn parse_at(
    name: &str,
    text: &str,
    rules: &RuleSet,
    as_of: Option<Date>,
) -> Result<Vec<Waiver>, InputErrors> {
    let fail = |problems: Vec<Problem>| InputErrors::new(name, Some(text.to_string()), problems);
    let root = yaml::parse(text).map_err(|e| {
        let problem = Problem::new(Code::YamlSyntax, e.message);
        fail(vec![match e.span {
            Some(span) => problem.at(span, "here"),
            None => problem,
        }])
    })?;
    let mut reader = Reader {
        name,
        text,
        rules,
        as_of,
        problems: Vec::new(),
        ids: BTreeSet::new(),
    };
    let waivers = reader.root(&root);
    if reader.problems.is_empty() {
        Ok(waivers)
    } else {
        Err(fail(reader.problems))
    }
}

struct Reader<'a> {
    name: &'a str,
    text: &'a str,
    rules: &'a RuleSet,
    /// The assessment date, when known.
    as_of: Option<Date>,
    problems: Vec<Problem>,
    /// Ids seen so far, to refuse duplicates.
    ids: BTreeSet<String>,
}

impl Reader<'_> {
    fn root(&mut self, root: &Node) -> Vec<Waiver> {
        let Value::Map(entries) = &root.value else {
            self.problems.push(
                Problem::new(
                    Code::WrongType,
                    "a waivers file is a mapping with `waivers:`",
                )
                .at(root.span, "not a mapping")
                .help("start the file with `waivers:` and list the waivers under it"),
            );
            return Vec::new();
        };
        self.unknown_keys(entries, &["waivers"], "the top level");
        let Some(list) = root.get("waivers") else {
            self.problems.push(
                Problem::new(Code::MissingKey, "`waivers` is missing")
                    .at(Span::new(root.span.offset, 0), "no `waivers` list")
                    .help("list the waivers under `waivers:`"),
            );
            return Vec::new();
        };
        let Value::Seq(items) = &list.value else {
            self.problems.push(
                Problem::new(Code::WrongType, "`waivers` must be a list")
                    .at(list.span, "not a list")
                    .help("write each waiver as a list item starting with `- id:`"),
            );
            return Vec::new();
        };
        items
            .iter()
            .enumerate()
            .filter_map(|(i, item)| self.waiver(item, &format!("waivers[{i}]")))
            .collect()
    }

    fn waiver(&mut self, item: &Node, at: &str) -> Option<Waiver> {
        let Value::Map(entries) = &item.value else {
            self.problems.push(
                Problem::new(Code::WrongType, format!("`{at}` must be a mapping"))
                    .at(item.span, "not a waiver")
                    .help(format!("a waiver has the keys {}", REQUIRED.join(", "))),
            );
            return None;
        };
        let known: Vec<&str> = REQUIRED.iter().chain(&OPTIONAL).copied().collect();
        self.unknown_keys(entries, &known, at);
        let before = self.problems.len();
        let id = self.text_field(item, at, "id");
        let rule = self.text_field(item, at, "rule");
        let justification = self.text_field(item, at, "justification");
        let owner = self.text_field(item, at, "owner");
        let approved_by = self.text_field(item, at, "approved_by");
        let approved_on = self.date_field(item, at);
        let expires = self.expiry(item, at);
        let file = self.optional_text(item, at, "file");
        let path = self.optional_text(item, at, "path");
        if let (Some(id), Some(node)) = (&id, item.get("id"))
            && !self.ids.insert(id.clone())
        {
            self.problems.push(
                Problem::new(Code::InvalidValue, format!("waiver `{id}` is given twice"))
                    .at(node.span, "duplicate id")
                    .help("give each waiver its own id"),
            );
        }
        if let (Some(rule), Some(node)) = (&rule, item.get("rule"))
            && self.rules.rule(rule).is_none()
        {
            self.problems.push(
                Problem::new(Code::InvalidValue, format!("no rule `{rule}` is in force"))
                    .at(node.span, "unknown rule")
                    .help("`trustcheck rules list` shows the ids of the rules in force"),
            );
        }
        if let (Some(approved), Some(node)) = (approved_on, item.get("approved_on")) {
            self.approval_dates(approved, expires.as_ref(), node, at);
        }
        if self.problems.len() > before {
            return None;
        }
        let (line, _) = item.span.line_column(self.text);
        Some(Waiver {
            id: id?,
            rule: rule?,
            file,
            path,
            justification: justification?,
            owner: owner?,
            approved_by: approved_by?,
            approved_on: approved_on?,
            expires: expires?,
            origin: format!("{}:{line}", self.name),
        })
    }

    /// A waiver is approved before it expires and before the assessment it
    /// changes: otherwise the date is a mistake, or the waiver was written after the
    /// fact to turn a result.
    fn approval_dates(&mut self, approved: Date, expires: Option<&Expiry>, node: &Node, at: &str) {
        if let Some(Expiry::On(last_day)) = expires
            && approved > *last_day
        {
            self.problems.push(
                Problem::new(
                    Code::InvalidDate,
                    format!("`{at}` is approved on {approved}, after it expires ({last_day})"),
                )
                .at(node.span, "approved after its expiry")
                .help("a waiver is approved before it expires: correct `approved_on` or `expires`"),
            );
        }
        if let Some(as_of) = self.as_of
            && approved > as_of
        {
            self.problems.push(
                Problem::new(
                    Code::InvalidDate,
                    format!("`{at}` is approved on {approved}, after the assessment date {as_of}"),
                )
                .at(node.span, "approved after the assessment date")
                .help(
                    "a waiver applies to assessments made after its approval: correct \
                     `approved_on`, or assess at a later date (`--as-of`)",
                ),
            );
        }
    }

    fn unknown_keys(&mut self, entries: &[(Key, Node)], known: &[&str], at: &str) {
        for (key, _) in entries {
            if !known.contains(&key.name.as_str()) {
                self.problems.push(
                    Problem::new(
                        Code::UnknownKey,
                        format!("`{}` is not a key of {at}", key.name),
                    )
                    .at(key.span, "unknown key")
                    .help(format!("the keys are {}", known.join(", "))),
                );
            }
        }
    }

    /// A required, non-empty text.
    fn text_field(&mut self, item: &Node, at: &str, key: &str) -> Option<String> {
        let Some(node) = item.get(key) else {
            self.missing(item, at, key);
            return None;
        };
        match scalar_text(node) {
            Some(text) if !text.trim().is_empty() => Some(text),
            Some(_) => {
                self.problems.push(
                    Problem::new(Code::InvalidValue, format!("`{at}.{key}` is empty"))
                        .at(node.span, "empty")
                        .help(format!("a waiver states its `{key}`")),
                );
                None
            }
            None => {
                self.wrong_type(node, at, key);
                None
            }
        }
    }

    fn optional_text(&mut self, item: &Node, at: &str, key: &str) -> Option<String> {
        let node = item.get(key)?;
        let text = scalar_text(node);
        if text.is_none() {
            self.wrong_type(node, at, key);
        }
        text
    }

    fn date_field(&mut self, item: &Node, at: &str) -> Option<Date> {
        let text = self.text_field(item, at, "approved_on")?;
        let parsed = parse_date(&text);
        if parsed.is_none()
            && let Some(node) = item.get("approved_on")
        {
            self.problems.push(
                Problem::new(
                    Code::InvalidDate,
                    format!("`{at}.approved_on`: `{text}` is not a date"),
                )
                .at(node.span, "not a date")
                .help("write the date as YYYY-MM-DD, e.g. 2026-03-31"),
            );
        }
        parsed
    }

    /// The expiry: required, but a value that is not a date makes the waiver expired
    /// rather than the file invalid, so that a typo never extends a waiver.
    fn expiry(&mut self, item: &Node, at: &str) -> Option<Expiry> {
        let Some(node) = item.get("expires") else {
            self.missing(item, at, "expires");
            return None;
        };
        if matches!(node.value, Value::Null) {
            self.wrong_type(node, at, "expires");
            return None;
        }
        let written = scalar_text(node).unwrap_or_else(|| {
            self.text
                .get(node.span.offset..node.span.end())
                .unwrap_or_default()
                .to_string()
        });
        Some(match parse_date(&written) {
            Some(date) => Expiry::On(date),
            None => Expiry::Unreadable(written),
        })
    }

    fn missing(&mut self, item: &Node, at: &str, key: &str) {
        self.problems.push(
            Problem::new(Code::MissingKey, format!("`{at}` has no `{key}`"))
                .at(
                    Span::new(item.span.offset, 0),
                    format!("`{key}` is missing"),
                )
                .help(format!("every waiver states {}", REQUIRED.join(", "))),
        );
    }

    fn wrong_type(&mut self, node: &Node, at: &str, key: &str) {
        self.problems.push(
            Problem::new(Code::WrongType, format!("`{at}.{key}` must be text"))
                .at(node.span, "not text")
                .help(format!("write `{key}` as a single line of text")),
        );
    }
}

/// A scalar as text (YAML may read an id like `2026` as a number).
fn scalar_text(node: &Node) -> Option<String> {
    match &node.value {
        Value::String(s) => Some(s.clone()),
        Value::Int(i) => Some(i.to_string()),
        Value::Float(f) => Some(f.to_string()),
        Value::Bool(b) => Some(b.to_string()),
        Value::Null | Value::Seq(_) | Value::Map(_) => None,
    }
}

/// A calendar date written YYYY-MM-DD.
fn parse_date(text: &str) -> Option<Date> {
    let shaped = text.len() == 10
        && text.bytes().enumerate().all(|(i, b)| match i {
            4 | 7 => b == b'-',
            _ => b.is_ascii_digit(),
        });
    shaped.then(|| text.parse().ok()).flatten()
}

#[cfg(test)]
mod tests {
    use super::*;

    const ONE: &str = "waivers:
  - id: W-1
    rule: SNC-19.6-a
    justification: migration planned
    owner: Jane Doe
    approved_by: RSSI
    approved_on: 2026-01-15
    expires: 2026-12-31
";

    fn rules() -> RuleSet {
        RuleSet::load(&[]).unwrap()
    }

    #[test]
    fn a_complete_waiver_is_read() {
        let waivers = parse("w.yaml", ONE, &rules()).unwrap();
        assert_eq!(waivers.len(), 1);
        let w = &waivers[0];
        assert_eq!(w.id, "W-1");
        assert_eq!(w.expires, Expiry::On(Date::constant(2026, 12, 31)));
        assert_eq!(w.origin, "w.yaml:2");
        assert_eq!(w.file, None);
    }

    #[test]
    fn a_malformed_expiry_is_kept_as_unreadable() {
        let text = ONE.replace("2026-12-31", "2026-02-30");
        let waivers = parse("w.yaml", &text, &rules()).unwrap();
        assert_eq!(waivers[0].expires, Expiry::Unreadable("2026-02-30".into()));
    }

    #[test]
    fn every_problem_is_reported_with_its_position() {
        let text = ONE
            .replace("    owner: Jane Doe\n", "")
            .replace("2026-01-15", "15/01/2026")
            .replace("rule: SNC-19.6-a", "rule: SNC-19.6-z\n    color: red");
        let err = parse("w.yaml", &text, &rules()).unwrap_err();
        let mut codes = err.codes();
        codes.sort();
        assert_eq!(
            codes,
            [
                Code::UnknownKey,
                Code::MissingKey,
                Code::InvalidValue,
                Code::InvalidDate
            ]
        );
        let date = err
            .problems
            .iter()
            .find(|p| p.code == Code::InvalidDate)
            .unwrap();
        assert_eq!(err.position(date), Some((7, 18)));
    }

    #[test]
    fn duplicate_ids_and_empty_texts_are_refused() {
        let text = format!("{ONE}{}", ONE.replace("waivers:\n", "")).replace("RSSI", "''");
        let err = parse("w.yaml", &text, &rules()).unwrap_err();
        let messages: Vec<&str> = err.problems.iter().map(|p| p.message.as_str()).collect();
        assert!(
            messages.iter().any(|m| m.contains("given twice")),
            "{messages:?}"
        );
        assert!(
            messages.iter().any(|m| m.contains("is empty")),
            "{messages:?}"
        );
    }

    #[test]
    fn a_waiver_approved_after_its_expiry_or_the_assessment_is_refused() {
        let late = ONE.replace("2026-01-15", "2027-01-15");
        let err = parse("w.yaml", &late, &rules()).unwrap_err();
        assert_eq!(err.codes(), vec![Code::InvalidDate]);
        assert!(err.problems[0].message.contains("after it expires"));
        assert_eq!(err.position(&err.problems[0]), Some((7, 18)));
        let before = Some(Date::constant(2026, 1, 14));
        let err = parse_at("w.yaml", ONE, &rules(), before).unwrap_err();
        assert_eq!(err.codes(), vec![Code::InvalidDate]);
        assert!(
            err.problems[0]
                .message
                .contains("after the assessment date")
        );
        let same_day = Some(Date::constant(2026, 1, 15));
        assert!(parse_at("w.yaml", ONE, &rules(), same_day).is_ok());
    }

    #[test]
    fn dates_must_be_real_and_shaped() {
        assert_eq!(parse_date("2026-02-28"), Some(Date::constant(2026, 2, 28)));
        assert_eq!(parse_date("2026-02-30"), None);
        assert_eq!(parse_date("2026-2-28"), None);
        assert_eq!(parse_date("tomorrow"), None);
    }
}
