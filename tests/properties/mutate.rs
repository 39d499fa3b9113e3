//! Changes made to a generated provider file, each with what it may do to the
//! verdicts. Every change takes plain numbers ("picks") that choose its target, so
//! that proptest generates and shrinks them with the file.

use serde_json::{Map, Value, json};

use super::generator::{ACCESS, NON_EU, RIGHT_KINDS};

/// One step of a path into a JSON value.
#[derive(Debug, Clone, PartialEq)]
pub enum Step {
    Key(String),
    Index(usize),
}

fn get<'a>(value: &'a Value, path: &[Step]) -> Option<&'a Value> {
    path.iter().try_fold(value, |v, step| match step {
        Step::Key(k) => v.get(k.as_str()),
        Step::Index(i) => v.get(*i),
    })
}

fn get_mut<'a>(value: &'a mut Value, path: &[Step]) -> Option<&'a mut Value> {
    path.iter().try_fold(value, |v, step| match step {
        Step::Key(k) => v.get_mut(k.as_str()),
        Step::Index(i) => v.get_mut(*i),
    })
}

/// Every path under `value` whose value satisfies `keep`, outside the `evidence`
/// section (whose paths name the file's values by position).
fn paths(value: &Value, keep: &dyn Fn(&Value) -> bool) -> Vec<Vec<Step>> {
    fn walk(
        value: &Value,
        path: &mut Vec<Step>,
        keep: &dyn Fn(&Value) -> bool,
        out: &mut Vec<Vec<Step>>,
    ) {
        if keep(value) {
            out.push(path.clone());
        }
        match value {
            Value::Object(map) => {
                for (k, v) in map {
                    if path.is_empty() && k == "evidence" {
                        continue;
                    }
                    path.push(Step::Key(k.clone()));
                    walk(v, path, keep, out);
                    path.pop();
                }
            }
            Value::Array(list) => {
                for (i, v) in list.iter().enumerate() {
                    path.push(Step::Index(i));
                    walk(v, path, keep, out);
                    path.pop();
                }
            }
            _ => {}
        }
    }
    let mut out = Vec::new();
    walk(value, &mut Vec::new(), keep, &mut out);
    out
}

fn choose<T>(list: &[T], pick: usize) -> Option<&T> {
    if list.is_empty() {
        None
    } else {
        list.get(pick % list.len())
    }
}

fn non_eu(pick: usize) -> &'static str {
    NON_EU[pick % NON_EU.len()]
}

fn entity_ids(file: &Value) -> Vec<String> {
    file["entities"]
        .as_object()
        .map(|m| m.keys().cloned().collect())
        .unwrap_or_default()
}

/// Whether a declared entity is outside the EU by one of its seats.
pub fn is_non_eu(entity: &Value) -> bool {
    [
        "country",
        "central_administration",
        "principal_establishment",
    ]
    .iter()
    .any(|k| entity[*k].as_str().is_some_and(|c| NON_EU.contains(&c)))
}

/// An entity outside the EU to name: one the file declares, or a new one.
fn non_eu_entity(file: &mut Value, avoid: &str, picks: [usize; 2]) -> String {
    let existing: Vec<String> = entity_ids(file)
        .into_iter()
        .filter(|id| id != avoid && is_non_eu(&file["entities"][id.as_str()]))
        .collect();
    if picks[0].is_multiple_of(2)
        && let Some(id) = choose(&existing, picks[1])
    {
        return id.clone();
    }
    let id = format!("added-{}", picks[1] % 1000);
    let kind = if picks[0] % 4 == 1 {
        "company"
    } else {
        "individual"
    };
    if let Some(entities) = file["entities"].as_object_mut() {
        entities.entry(id.clone()).or_insert(
            json!({"name": "Added outside the EU", "kind": kind, "country": non_eu(picks[1])}),
        );
    }
    id
}

fn number(v: &Value) -> f64 {
    v.as_f64().unwrap_or(0.0)
}

/// The totals of capital and voting rights of a shareholder list.
fn totals(list: &[Value]) -> (f64, f64) {
    list.iter().fold((0.0, 0.0), |(c, v), h| {
        let capital = number(&h["capital"]);
        (c + capital, v + h.get("voting").map_or(capital, number))
    })
}

/// Property 1: adds something outside the EU (a holder, a right held from outside
/// the EU, a third party with access, a location, a datacenter, a seat). `None` when
/// the file has no place for the chosen addition.
pub fn add_non_eu(file: &Value, picks: [usize; 5]) -> Option<(String, Value)> {
    let mut file = file.clone();
    let [what, a, b, c, d] = picks;
    let provider = file["provider"].as_str().unwrap_or_default().to_string();
    let described = match what % 7 {
        0 => {
            let targets: Vec<String> = entity_ids(&file)
                .into_iter()
                .filter(|id| {
                    let kind = file["entities"][id.as_str()]["kind"].as_str();
                    matches!(kind, None | Some("company" | "fund"))
                })
                .collect();
            let target = choose(&targets, a)?.clone();
            let holder = non_eu_entity(&mut file, &target, [b, c]);
            let entities = file["entities"].clone();
            let entity = file["entities"].get_mut(target.as_str())?;
            let list = entity
                .as_object_mut()?
                .entry("shareholders")
                .or_insert(json!([]));
            if list
                .as_array()?
                .iter()
                .any(|h| h["entity"].as_str() == Some(holder.as_str()))
            {
                return None;
            }
            // The stake comes from an EU holder, or from the free float of a listed
            // company: taken from undeclared holdings, it would also declare them,
            // which is new knowledge rather than an exposure added.
            let wanted = ((d % 40) + 1) as f64;
            let donor = choose(&eu_leaf_holders(&entities, list.as_array()?, None), c).copied();
            let listed = entities[target.as_str()]["listed"].as_bool() == Some(true);
            let (capital, voting) = totals(list.as_array()?);
            let room = match donor {
                Some(i) => stake(&list[i]),
                None if listed => (100.0 - capital).min(100.0 - voting),
                None => return None,
            };
            let share = wanted.min(room);
            if let Some(i) = donor {
                shift(&mut list[i], -share);
            }
            let holding = json!({"entity": holder, "capital": share});
            list.as_array_mut()?.push(holding.clone());
            format!("holder of {target}: {holding}")
        }
        1 => {
            // Only where the file states the rights: writing a `rights` list where
            // there was none would also end a silence, which is new knowledge (the
            // other rights are then stated to be none) rather than an exposure added.
            let stated: Vec<String> = entity_ids(&file)
                .into_iter()
                .filter(|id| file["entities"][id.as_str()]["rights"].is_array())
                .collect();
            let target = choose(&stated, a)?.clone();
            let holder = non_eu_entity(&mut file, &target, [b, c]);
            let right = json!({"holder": holder, "kind": RIGHT_KINDS[d % RIGHT_KINDS.len()]});
            file["entities"]
                .get_mut(target.as_str())?
                .get_mut("rights")?
                .as_array_mut()?
                .push(right.clone());
            format!("right over {target}: {right}")
        }
        2 | 3 => {
            let (list, key) = if what % 7 == 2 {
                ("subcontractors", "entity")
            } else {
                ("technology", "vendor")
            };
            file["offer"].get(list)?;
            let holder = non_eu_entity(&mut file, &provider, [b, c]);
            let mut party = Map::new();
            party.insert(key.into(), json!(holder));
            party.insert("role".into(), json!("added"));
            party.insert("access".into(), json!(ACCESS[1 + a % 3]));
            if d % 3 != 0 {
                party.insert("operating_autonomy".into(), json!(d % 3 == 1));
            }
            if list == "subcontractors" && d % 2 == 0 {
                party.insert("secnumcloud_qualified".into(), json!(a % 2 == 0));
            }
            let party = Value::Object(party);
            file["offer"][list].as_array_mut()?.push(party.clone());
            format!("{list}: {party}")
        }
        4 => {
            let lists: Vec<Vec<Step>> = [
                ["data", "storage"],
                ["data", "processing"],
                ["data", "backups"],
                ["data", "metadata"],
                ["operations", "administration_from"],
                ["operations", "supervision_from"],
                ["operations", "support_from"],
            ]
            .iter()
            .filter(|p| {
                file["offer"][p[0]][p[1]]
                    .as_array()
                    .is_some_and(|l| !l.is_empty())
            })
            .map(|p| {
                vec![
                    Step::Key("offer".into()),
                    Step::Key(p[0].into()),
                    Step::Key(p[1].into()),
                ]
            })
            .collect();
            let path = choose(&lists, a)?.clone();
            let country = non_eu(b);
            let list = get_mut(&mut file, &path)?.as_array_mut()?;
            if list.iter().any(|c| c.as_str() == Some(country)) {
                return None;
            }
            list.insert(c % (list.len() + 1), json!(country));
            format!("{country} in {path:?}")
        }
        5 => {
            file["offer"].get("datacenters")?;
            let operator = if a % 2 == 0 {
                provider.clone()
            } else {
                non_eu_entity(&mut file, &provider, [b, c])
            };
            let mut site = Map::new();
            site.insert("name".into(), json!("Added site"));
            site.insert("country".into(), json!(non_eu(d)));
            site.insert("operator".into(), json!(operator));
            site.insert("owner".into(), json!(operator));
            if operator != provider {
                site.insert("operator_access".into(), json!(ACCESS[d % 4]));
                if c % 3 != 0 {
                    site.insert("operating_autonomy".into(), json!(c % 3 == 1));
                }
            }
            let site = Value::Object(site);
            file["offer"]["datacenters"]
                .as_array_mut()?
                .push(site.clone());
            format!("datacenter {site}")
        }
        _ => {
            let seat = if b % 2 == 0 {
                "central_administration"
            } else {
                "principal_establishment"
            };
            let targets: Vec<String> = entity_ids(&file)
                .into_iter()
                .filter(|id| {
                    let e = &file["entities"][id.as_str()];
                    e.get("country").is_some() && e.get(seat).is_none()
                })
                .collect();
            let target = choose(&targets, a)?.clone();
            let country = non_eu(c);
            file["entities"][target.as_str()][seat] = json!(country);
            format!("{seat} of {target}: {country}")
        }
    };
    Some((described, file))
}

/// Property 2: one entry of one list (outside the `evidence` section) twice.
pub fn duplicate(file: &Value, picks: [usize; 3]) -> Option<(String, Value)> {
    let lists = paths(file, &|v| v.as_array().is_some_and(|l| !l.is_empty()));
    let path = choose(&lists, picks[0])?.clone();
    let mut file = file.clone();
    let list = get_mut(&mut file, &path)?.as_array_mut()?;
    let entry = list.get(picks[1] % list.len())?.clone();
    list.insert(picks[2] % (list.len() + 1), entry.clone());
    Some((format!("{entry} twice in {path:?}"), file))
}

/// Property 2: one list in another order.
pub fn permute(file: &Value, pick: usize, keys: &[u32]) -> Option<(String, Value)> {
    let lists = paths(file, &|v| v.as_array().is_some_and(|l| l.len() > 1));
    let path = choose(&lists, pick)?.clone();
    let mut file = file.clone();
    let list = get_mut(&mut file, &path)?.as_array_mut()?;
    let mut order: Vec<usize> = (0..list.len()).collect();
    order.sort_by_key(|i| (keys.get(*i).copied().unwrap_or(0), *i));
    let permuted: Vec<Value> = order.iter().filter_map(|i| list.get(*i).cloned()).collect();
    *list = permuted;
    Some((format!("{path:?} in the order {order:?}"), file))
}

/// Property 2: every entity under another id, everywhere it is named.
pub fn rename(file: &Value, keys: &[u32]) -> (String, Value) {
    let ids = entity_ids(file);
    let new = |old: &str| -> String {
        let i = ids.iter().position(|id| id == old).unwrap_or(0);
        format!("n{}-{i}", keys.get(i).copied().unwrap_or(0) % 1000)
    };
    let mut file = file.clone();
    let rename_at = |v: &mut Value, key: &str| {
        if let Some(old) = v.get(key).and_then(Value::as_str) {
            let renamed = new(old);
            v[key] = json!(renamed);
        }
    };
    rename_at(&mut file, "provider");
    if let Some(entities) = file["entities"].as_object_mut() {
        let old = std::mem::take(entities);
        for (id, mut entity) in old {
            for h in entity["shareholders"].as_array_mut().into_iter().flatten() {
                rename_at(h, "entity");
            }
            for r in entity["rights"].as_array_mut().into_iter().flatten() {
                rename_at(r, "holder");
            }
            if let Some(map) = entity.as_object_mut() {
                map.retain(|_, v| !v.is_null());
            }
            entities.insert(new(&id), entity);
        }
    }
    for (list, keys) in [
        ("subcontractors", &["entity"][..]),
        ("technology", &["vendor"][..]),
        ("datacenters", &["operator", "owner"][..]),
    ] {
        for entry in file["offer"][list].as_array_mut().into_iter().flatten() {
            for key in keys {
                rename_at(entry, key);
            }
        }
    }
    if let Some(evidence) = file.get_mut("evidence").and_then(Value::as_object_mut) {
        let old = std::mem::take(evidence);
        for (path, source) in old {
            let renamed = match path.strip_prefix("entities.") {
                Some(rest) => {
                    let (id, tail) = rest.split_once('.').unwrap_or((rest, ""));
                    let dot = if tail.is_empty() { "" } else { "." };
                    format!("entities.{}{dot}{tail}", new(id))
                }
                None => path,
            };
            evidence.insert(renamed, source);
        }
    }
    (format!("ids renamed with {keys:?}"), file)
}

/// Property 3: one key (anywhere, required or not) left out.
pub fn remove_key(file: &Value, pick: usize) -> Option<(String, Value)> {
    let mut keys = Vec::new();
    for path in paths(file, &|v| v.is_object()) {
        let Some(map) = get(file, &path).and_then(Value::as_object) else {
            continue;
        };
        for key in map.keys() {
            let mut full = path.clone();
            full.push(Step::Key(key.clone()));
            keys.push(full);
        }
    }
    // The `evidence` section's own keys are removable too.
    if let Some(map) = file.get("evidence").and_then(Value::as_object) {
        for key in map.keys() {
            keys.push(vec![Step::Key("evidence".into()), Step::Key(key.clone())]);
        }
    }
    let full = choose(&keys, pick)?.clone();
    let (last, parent) = full.split_last()?;
    let Step::Key(key) = last else { return None };
    let mut file = file.clone();
    get_mut(&mut file, parent)?.as_object_mut()?.remove(key);
    Some((format!("{full:?} removed"), file))
}

/// Property 4: a holder outside the EU holds more, taken from the undeclared rest
/// or from an EU individual, State or public body holding the same entity.
pub fn raise_non_eu_stake(file: &Value, picks: [usize; 3]) -> Option<(String, Value)> {
    let entities = file["entities"].as_object()?;
    let mut candidates = Vec::new();
    for (id, entity) in entities {
        for (k, h) in entity["shareholders"]
            .as_array()
            .into_iter()
            .flatten()
            .enumerate()
        {
            let holder = h["entity"].as_str().unwrap_or_default();
            if entities.get(holder).is_some_and(is_non_eu) {
                candidates.push((id.clone(), k));
            }
        }
    }
    let (target, k) = choose(&candidates, picks[0])?.clone();
    let file_entities = file["entities"].clone();
    let mut file = file.clone();
    let list = file["entities"][target.as_str()]["shareholders"].as_array_mut()?;
    let (capital, voting) = totals(list);
    let donors = eu_leaf_holders(&file_entities, list, Some(k));
    let wanted = (picks[1] % 30 + 1) as f64;
    let donor = if picks[2].is_multiple_of(2) {
        choose(&donors, picks[2] / 2).copied()
    } else {
        None
    };
    let room = match donor {
        Some(i) => stake(&list[i]),
        None => (100.0 - capital).min(100.0 - voting),
    };
    let delta = wanted.min(room);
    if delta <= 0.0 {
        return None;
    }
    shift(&mut list[k], delta);
    if let Some(i) = donor {
        shift(&mut list[i], -delta);
    }
    let from = donor.map_or("the undeclared rest".to_string(), |i| {
        format!("holding {i}")
    });
    Some((
        format!("holding {k} of {target} raised by {delta}, from {from}"),
        file,
    ))
}

/// The holdings in `list` of EU individuals, States and public bodies (holders with
/// no holders of their own), other than `skip`.
fn eu_leaf_holders(entities: &Value, list: &[Value], skip: Option<usize>) -> Vec<usize> {
    let leaf_in_eu = |id: &str| {
        let e = &entities[id];
        matches!(
            e["kind"].as_str(),
            Some("individual" | "state" | "public-body")
        ) && e["country"].as_str().is_some()
            && !is_non_eu(e)
    };
    list.iter()
        .enumerate()
        .filter(|(i, h)| Some(*i) != skip && leaf_in_eu(h["entity"].as_str().unwrap_or_default()))
        .map(|(i, _)| i)
        .collect()
}

/// What a holding can give: the smaller of its capital and voting rights.
fn stake(holding: &Value) -> f64 {
    let c = number(&holding["capital"]);
    c.min(holding.get("voting").map_or(c, number))
}

/// Moves a holding's capital, and its voting rights when stated, by `by`.
fn shift(holding: &mut Value, by: f64) {
    let c = number(&holding["capital"]);
    holding["capital"] = json!(c + by);
    if let Some(v) = holding.get("voting").map(number) {
        holding["voting"] = json!(v + by);
    }
}

/// Whether a holder outside the EU has holders or rights declared over it.
pub fn non_eu_holder_held_or_ruled(file: &Value) -> bool {
    let Some(entities) = file["entities"].as_object() else {
        return false;
    };
    let declared = |key: &str, e: &Value| e[key].as_array().is_some_and(|l| !l.is_empty());
    entities.values().any(|e| {
        e["shareholders"].as_array().into_iter().flatten().any(|h| {
            let holder = h["entity"].as_str().unwrap_or_default();
            entities.get(holder).is_some_and(|x| {
                is_non_eu(x) && (declared("shareholders", x) || declared("rights", x))
            })
        })
    })
}
