//! How list items are matched between two versions: by the value of their
//! identifying field (`entity=lemanic`), not by their position.

use std::collections::BTreeMap;

use crate::facts::{Fact, FactValue};

/// Fields that name a list item, in order of preference.
const IDENTIFYING: [&str; 7] = ["id", "entity", "holder", "vendor", "scheme", "law", "name"];
/// Fields that tell apart items sharing an identifying value (a holder's two rights).
const DISTINGUISHING: [&str; 3] = ["role", "kind", "version"];

/// Both lists' items by key. The key is the identifying field's value; where that is
/// not unique on either side, the distinguishing field is added; where that is still
/// not unique, the occurrence number.
pub fn keyed_items<'f>(
    old: &'f [Fact],
    new: &'f [Fact],
) -> (BTreeMap<String, &'f Fact>, BTreeMap<String, &'f Fact>) {
    for precision in [Precision::Identity, Precision::Distinguished] {
        if let (Some(a), Some(b)) = (unique_keys(old, precision), unique_keys(new, precision)) {
            return (a, b);
        }
    }
    (numbered_keys(old), numbered_keys(new))
}

#[derive(Clone, Copy)]
enum Precision {
    Identity,
    Distinguished,
}

fn unique_keys(items: &[Fact], precision: Precision) -> Option<BTreeMap<String, &Fact>> {
    let mut keyed = BTreeMap::new();
    for item in items {
        if keyed.insert(item_key(item, precision)?, item).is_some() {
            return None;
        }
    }
    Some(keyed)
}

fn numbered_keys(items: &[Fact]) -> BTreeMap<String, &Fact> {
    let mut seen: BTreeMap<String, usize> = BTreeMap::new();
    let mut keyed = BTreeMap::new();
    for (index, item) in items.iter().enumerate() {
        let base = item_key(item, Precision::Distinguished).unwrap_or_else(|| index.to_string());
        let count = seen.entry(base.clone()).or_default();
        *count += 1;
        keyed.insert(format!("{base}#{count}"), item);
    }
    keyed
}

/// `entity=lemanic`, or `holder=x,kind=veto` when distinguished; none without an
/// identifying field.
fn item_key(item: &Fact, precision: Precision) -> Option<String> {
    let text = |name: &str| match item.field(name).map(|f| &f.value) {
        Some(FactValue::Text(t)) => Some(format!("{name}={t}")),
        _ => None,
    };
    let mut key = IDENTIFYING.iter().find_map(|name| text(name))?;
    if let Precision::Distinguished = precision
        && let Some(extra) = DISTINGUISHING.iter().find_map(|name| text(name))
    {
        key.push(',');
        key.push_str(&extra);
    }
    Some(key)
}
