//! Fact paths: the category a path belongs to, and the merging of sibling fields that
//! changed alike into one fact.

use super::facts::{Category, Change, FactChange};

/// The category of a fact path.
pub fn category(path: &str) -> Category {
    let head = |prefix: &str| {
        path == prefix
            || path
                .strip_prefix(prefix)
                .is_some_and(|rest| rest.starts_with(['.', '[']))
    };
    // A statement of where values come from, in the section or next to them.
    let source = head("evidence")
        || path
            .split(['.', '['])
            .any(|segment| segment == "evidence" || segment.starts_with("evidence="));
    if source {
        Category::Sources
    } else if [
        "entities",
        "provider",
        "ownership",
        "third_parties",
        "exposure",
    ]
    .iter()
    .any(|p| head(p))
    {
        Category::Ownership
    } else if ["offer.data", "offer.datacenters", "offer.operations"]
        .iter()
        .any(|p| head(p))
    {
        Category::Locations
    } else if head("offer.certifications") {
        Category::Certifications
    } else {
        Category::Other
    }
}

/// Fields of one record that changed alike (same values, same places) are one fact,
/// `ownership.holders[entity=x].{capital, voting}`: a holding's figures move together.
pub fn merge_siblings(changes: Vec<FactChange>) -> Vec<FactChange> {
    let mut merged: Vec<(FactChange, Vec<String>)> = Vec::new();
    for change in changes {
        let split = split_field(&change.fact);
        if let Some((last, fields)) = merged.last_mut()
            && let Some((parent, field)) = split
            && change.change == Change::Changed
            && last.change == Change::Changed
            && (last.category, &last.old, &last.new) == (change.category, &change.old, &change.new)
            && split_field(&last.fact).is_some_and(|(p, _)| p == parent)
        {
            fields.push(field.to_string());
            continue;
        }
        let fields = split.map(|(_, f)| vec![f.to_string()]).unwrap_or_default();
        merged.push((change, fields));
    }
    merged
        .into_iter()
        .map(|(mut change, fields)| {
            if fields.len() > 1
                && let Some((parent, _)) = split_field(&change.fact)
            {
                change.fact = format!("{parent}.{{{}}}", fields.join(", "));
            }
            change
        })
        .collect()
}

/// A path's parent and last field: `a[k=3.2].b` → (`a[k=3.2]`, `b`). Dots inside a
/// list key are not separators.
fn split_field(path: &str) -> Option<(&str, &str)> {
    let tail = path.rfind(']').map_or(0, |i| i + 1);
    let dot = tail + path.get(tail..)?.rfind('.')?;
    Some((path.get(..dot)?, path.get(dot + 1..)?))
}

pub fn join(path: &str, key: &str) -> String {
    if path.is_empty() {
        key.to_string()
    } else {
        format!("{path}.{key}")
    }
}
