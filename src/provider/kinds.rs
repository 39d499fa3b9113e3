//! Entity kinds are claims: a kind changes how the analysis reads an entity (free
//! float is dispersed holdings, a state or public body is not a commercial company),
//! so each is checked against the rest of the entity graph, and a file that
//! contradicts its kinds is refused rather than read in the claimant's favour.
//!
//! Also here, because they are claims about rights: one holder holding the same kind
//! of right twice over one entity, and board seats over one entity above 100 %.

use std::collections::BTreeMap;

use crate::diagnostics::{Code, Problem};
use crate::jurisdiction::Jurisdictions;
use crate::yaml::{Key, Node, Value};

use super::raw::{self, EntityKind};
use super::validate::{as_str, entries, items};

/// Sums of seats are compared with this tolerance (33.33 + 33.33 + 33.34 is 100).
const SUM_TOLERANCE: f64 = 1e-9;
/// The seats an entity is judged by, in order.
const SEATS: [&str; 3] = [
    "country",
    "central_administration",
    "principal_establishment",
];

/// What the checks need to know of an entity declared elsewhere (or here).
#[derive(Debug, Clone)]
pub(super) struct Known {
    kind: EntityKind,
    /// The three seats, defaulted to `country`; `None` when not given.
    seats: [Option<String>; 3],
}

impl Known {
    /// From an entity of a registry, already read.
    pub(super) fn from_raw(entity: &raw::Entity) -> Self {
        let country = entity.country.clone();
        Known {
            kind: entity.kind.unwrap_or(EntityKind::Company),
            seats: [
                country.clone(),
                entity.central_administration.clone().or(country.clone()),
                entity.principal_establishment.clone().or(country),
            ],
        }
    }

    fn from_node(node: &Node) -> Option<Self> {
        let kind = match node.get("kind") {
            None => EntityKind::Company,
            Some(kind) => kind_of(as_str(kind)?)?,
        };
        let text = |key: &str| node.get(key).and_then(as_str).map(str::to_string);
        let country = text("country");
        Some(Known {
            kind,
            seats: [
                country.clone(),
                text("central_administration").or(country.clone()),
                text("principal_establishment").or(country),
            ],
        })
    }

    /// True when every seat is known and in the EU.
    fn in_eu(&self, j: &Jurisdictions) -> bool {
        self.seats
            .iter()
            .all(|s| s.as_deref().is_some_and(|c| j.is_eu(c)))
    }

    fn public(&self) -> bool {
        matches!(self.kind, EntityKind::State | EntityKind::PublicBody)
    }
}

/// The entities of the file checked, then those declared elsewhere.
struct View<'v> {
    here: &'v BTreeMap<&'v str, Known>,
    elsewhere: &'v BTreeMap<String, Known>,
}

impl View<'_> {
    fn get(&self, id: &str) -> Option<&Known> {
        self.here.get(id).or_else(|| self.elsewhere.get(id))
    }
}

fn kind_of(text: &str) -> Option<EntityKind> {
    serde_json::from_value(serde_json::Value::String(text.to_string())).ok()
}

fn kind_name(kind: EntityKind) -> String {
    serde_json::to_value(kind)
        .ok()
        .and_then(|v| v.as_str().map(str::to_string))
        .unwrap_or_default()
}

/// What is known of the entities of the registries a provider file uses.
pub(super) fn known_of(shared: &super::registry::SharedEntities) -> BTreeMap<String, Known> {
    shared
        .entities
        .iter()
        .map(|(id, e)| (id.clone(), Known::from_raw(&e.entity)))
        .collect()
}

/// Checks the kinds and rights of the entities of one file. `elsewhere` gives what
/// is known of entities declared in other files (the registries a provider file
/// uses); an entity it does not know cannot vouch for a public body.
pub(super) fn check(entities: &Node, elsewhere: &BTreeMap<String, Known>) -> Vec<Problem> {
    let j = Jurisdictions::embedded();
    let here: BTreeMap<&str, Known> = entries(entities)
        .iter()
        .filter_map(|(key, node)| Some((key.name.as_str(), Known::from_node(node)?)))
        .collect();
    let lookup = View {
        here: &here,
        elsewhere,
    };
    let mut problems = Vec::new();
    for (key, node) in entries(entities) {
        let Some(known) = here.get(key.name.as_str()) else {
            continue;
        };
        match known.kind {
            EntityKind::FreeFloat => free_float(key, node, &mut problems),
            EntityKind::State | EntityKind::PublicBody => {
                public(key, node, known, &lookup, j, &mut problems);
            }
            EntityKind::Individual => individual(key, node, &mut problems),
            EntityKind::Company | EntityKind::Fund => {}
        }
        free_float_holders(key, node, &lookup, &mut problems);
        rights(key, node, &lookup, &mut problems);
    }
    problems
}

/// A provider declared `state` or `public-body` is read as a cloud run by the State
/// itself, which switches off the Cloud au Centre rules on commercial clouds: that
/// holds only for a state or public body in the EU (its holders are checked with it).
pub(super) fn check_provider(
    provider: &Node,
    entities: Option<&Node>,
    elsewhere: &BTreeMap<String, Known>,
) -> Vec<Problem> {
    let j = Jurisdictions::embedded();
    let Some(id) = as_str(provider) else {
        return Vec::new();
    };
    let node = entities.and_then(|e| e.get(id));
    let known = match node {
        Some(node) => Known::from_node(node),
        None => elsewhere.get(id).cloned(),
    };
    let Some(known) = known else {
        return Vec::new();
    };
    if !known.public() || known.in_eu(j) || known.seats.iter().any(Option::is_none) {
        return Vec::new();
    }
    let span = node
        .and_then(|n| n.get("kind"))
        .map_or(provider.span, |k| k.span);
    vec![
        Problem::new(
            Code::KindClaim,
            format!(
                "the provider `{id}` is declared `{}` but is not in the EU",
                kind_name(known.kind)
            ),
        )
        .at(span, "a public provider outside the EU")
        .help(
            "a provider of kind `state` or `public-body` is a cloud run by an EU state itself; \
             declare a foreign public cloud as a `company` (its public owner is then listed \
             for SNC-19.6-e)",
        ),
    ]
}

/// Free float stands for the dispersed holdings of a listed company: it sits
/// nowhere, holds nothing but shares of listed companies, and no one holds it.
fn free_float(key: &Key, node: &Node, problems: &mut Vec<Problem>) {
    for field in SEATS.iter().chain(&["shareholders", "rights"]) {
        let Some(span) = node.key_span(field) else {
            continue;
        };
        if matches!(node.get(field).map(|n| &n.value), Some(Value::Seq(list)) if list.is_empty()) {
            continue;
        }
        problems.push(
            Problem::new(
                Code::KindClaim,
                format!(
                    "`{}` is `free-float` but has `{field}`: free float is the dispersed \
                     holdings of a listed company, with no seat, no holders and no rights",
                    key.name
                ),
            )
            .at(span, "not possible for free float")
            .help(format!(
                "remove `{field}`, or declare `{}` as the holder it is (kind company, fund or \
                 individual)",
                key.name
            )),
        );
    }
    if let Some(listed) = node.get("listed")
        && listed.value == Value::Bool(true)
    {
        problems.push(
            Problem::new(
                Code::KindClaim,
                format!("`{}` is `free-float` and `listed`", key.name),
            )
            .at(listed.span, "free float is not a company")
            .help("remove `listed`: it belongs to the company whose free float this is"),
        );
    }
}

/// A person is held by no one.
fn individual(key: &Key, node: &Node, problems: &mut Vec<Problem>) {
    if let Some(span) = node.key_span("shareholders")
        && !items(node.get("shareholders")).is_empty()
    {
        problems.push(
            Problem::new(
                Code::KindClaim,
                format!("`{}` is an `individual` but has shareholders", key.name),
            )
            .at(span, "a person has no shareholders")
            .help(format!(
                "declare `{}` as a `company` or `fund`, or remove its shareholders",
                key.name
            )),
        );
    }
    // A person has a country, not a central administration or principal
    // establishment: such a seat would default to the country when left out, and
    // removing one outside the EU would then make the person count as in the EU.
    for seat in ["central_administration", "principal_establishment"] {
        if let Some(span) = node.key_span(seat) {
            problems.push(
                Problem::new(
                    Code::KindClaim,
                    format!("`{}` is an `individual` but gives a `{seat}`", key.name),
                )
                .at(span, "a person has a country only")
                .help(format!(
                    "write where the person lives in `country`, or declare `{}` as a \
                     `company` or `fund`",
                    key.name
                )),
            );
        }
    }
}

/// A state or public body is not a commercial company, which switches off rules
/// written for commercial clouds: it must sit in one known place (all three seats in
/// the EU, or all outside it), a state is held by no one, and a public body is held
/// and controlled only by states or public bodies, those of the EU when it is in
/// the EU. Each holder is checked in turn where it is declared, so the whole chain is.
fn public(
    key: &Key,
    node: &Node,
    known: &Known,
    lookup: &View,
    j: &Jurisdictions,
    problems: &mut Vec<Problem>,
) {
    let kind = kind_name(known.kind);
    let kind_span = node.key_span("kind").unwrap_or(key.span);
    let outside = known
        .seats
        .iter()
        .flatten()
        .any(|country| !j.is_eu(country));
    if known.seats.iter().any(Option::is_none) {
        problems.push(
            Problem::new(
                Code::KindClaim,
                format!("`{}` is `{kind}` but its seat is not given", key.name),
            )
            .at(kind_span, "seat unknown")
            .help("give `country` (and the other seats if they differ): a state or public body belongs to a known state"),
        );
        return;
    }
    let eu = known.in_eu(j);
    if outside && known.seats.iter().flatten().any(|c| j.is_eu(c)) {
        problems.push(
            Problem::new(
                Code::KindClaim,
                format!(
                    "`{}` is `{kind}` with seats both in and outside the EU",
                    key.name
                ),
            )
            .at(kind_span, "seats in and outside the EU")
            .help("a state or public body belongs to one state: check its seats, or declare it a `company`"),
        );
        return;
    }
    let holders = items(node.get("shareholders"))
        .iter()
        .filter_map(|h| h.get("entity"))
        .map(|n| (n, "holds"));
    let right_holders = items(node.get("rights"))
        .iter()
        .filter_map(|r| r.get("holder"))
        .map(|n| (n, "holds a right over"));
    for (holder, what) in holders.chain(right_holders) {
        let Some(id) = as_str(holder) else { continue };
        if known.kind == EntityKind::State {
            problems.push(
                Problem::new(
                    Code::KindClaim,
                    format!("`{id}` {what} `{}`, which is declared a `state`", key.name),
                )
                .at(holder.span, "a state is held by no one")
                .help(format!(
                    "declare `{}` as a `public-body` or a `company`, or remove this entry",
                    key.name
                )),
            );
            continue;
        }
        let fits = lookup
            .get(id)
            .is_some_and(|h| h.public() && (!eu || h.in_eu(j)));
        if !fits {
            let (place, wanted) = if eu {
                ("in the EU", "EU states or EU public bodies")
            } else {
                ("", "states or public bodies")
            };
            let what_it_is = lookup.get(id).map_or_else(
                || "declared in no file trustcheck can check against".to_string(),
                |h| {
                    format!(
                        "a `{}` {}",
                        kind_name(h.kind),
                        if h.in_eu(j) {
                            "in the EU"
                        } else {
                            "not known to be in the EU"
                        }
                    )
                },
            );
            problems.push(
                Problem::new(
                    Code::KindClaim,
                    format!(
                        "`{}` is declared `{kind}`{} but `{id}` ({what_it_is}) {what} it",
                        key.name,
                        if place.is_empty() { String::new() } else { format!(" {place}") },
                    ),
                )
                .at(holder.span, format!("not one of {wanted}"))
                .help(format!(
                    "a public body {place} is held and controlled only by {wanted}: declare `{}` \
                     as a `company`, or correct this holder",
                    key.name
                ).replace("  ", " ")),
            );
        }
    }
}

/// Free float exists only as a holder of a listed company.
fn free_float_holders(key: &Key, node: &Node, lookup: &View, problems: &mut Vec<Problem>) {
    let listed = node
        .get("listed")
        .is_some_and(|l| l.value == Value::Bool(true));
    if listed {
        return;
    }
    for holding in items(node.get("shareholders")) {
        let Some(holder) = holding.get("entity") else {
            continue;
        };
        let Some(id) = as_str(holder) else { continue };
        if lookup
            .get(id)
            .is_some_and(|h| h.kind == EntityKind::FreeFloat)
        {
            problems.push(
                Problem::new(
                    Code::KindClaim,
                    format!("`{id}` is `free-float` but `{}` is not listed", key.name),
                )
                .at(holder.span, "free float of an unlisted company")
                .help(format!(
                    "free float exists only in a listed company: set `listed: true` on `{}` if \
                     it is listed, or declare its holders",
                    key.name
                )),
            );
        }
    }
}

/// Rights over one entity: free float holds none, one holder holds a kind once, and
/// board seats add up to at most 100 %.
fn rights(key: &Key, node: &Node, lookup: &View, problems: &mut Vec<Problem>) {
    let mut first: BTreeMap<(&str, &str), &Node> = BTreeMap::new();
    let mut seats = 0.0;
    for right in items(node.get("rights")) {
        let (Some(holder), Some(kind)) = (
            right.get("holder").and_then(|h| Some((h, as_str(h)?))),
            right.get("kind").and_then(as_str),
        ) else {
            continue;
        };
        let (holder_node, id) = holder;
        if lookup
            .get(id)
            .is_some_and(|h| h.kind == EntityKind::FreeFloat)
        {
            problems.push(
                Problem::new(
                    Code::KindClaim,
                    format!(
                        "`{id}` is `free-float` but holds a right over `{}`",
                        key.name
                    ),
                )
                .at(holder_node.span, "free float holds no rights")
                .help("name the holder of the right as an entity of its own"),
            );
        }
        if let Some(earlier) = first.get(&(id, kind)) {
            for (at, label) in [(*earlier, "first here"), (holder_node, "again here")] {
                problems.push(
                    Problem::new(
                        Code::DuplicateRight,
                        format!(
                            "`{id}` holds a `{kind}` right over `{}` twice",
                            key.name
                        ),
                    )
                    .at(at.span, label)
                    .help("merge the two rights into one (a board-appointment right's `seats` add up)"),
                );
            }
        } else {
            first.insert((id, kind), holder_node);
        }
        if let Some(node) = right.get("votes")
            && !matches!(kind, "voting-agreement" | "management-agreement")
        {
            problems.push(
                Problem::new(
                    Code::InvalidValue,
                    format!("`votes` is given for a `{kind}` right"),
                )
                .at(node.span, "votes of a right that is not an agreement")
                .help("`votes` is the share of the votes a `voting-agreement` or `management-agreement` puts at its holder's disposal: remove it here"),
            );
        }
        if let Some(node) = right.get("seats") {
            if kind != "board-appointment" {
                problems.push(
                    Problem::new(
                        Code::InvalidValue,
                        format!("`seats` is given for a `{kind}` right"),
                    )
                    .at(node.span, "seats of a non-appointment right")
                    .help("`seats` is the share of a body a `board-appointment` right names: remove it here"),
                );
            } else if let Some(value) = number(node) {
                seats += value;
            }
        }
    }
    if seats > 100.0 + SUM_TOLERANCE
        && let Some(span) = node.key_span("rights")
    {
        problems.push(
            Problem::new(
                Code::SeatsOver100,
                format!(
                    "the board-appointment rights over `{}` name {} % of its seats",
                    key.name,
                    (seats * 100.0).round() / 100.0
                ),
            )
            .at(span, "more than 100 % of the seats")
            .help("the `seats` of the rights over one entity add up to at most 100 %; a right without `seats` names the majority"),
        );
    }
}

fn number(node: &Node) -> Option<f64> {
    match node.value {
        Value::Int(i) => Some(i as f64),
        Value::Float(f) => Some(f),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeSet;

    use super::*;
    use crate::provider::validate::check_registry;
    use crate::yaml::parse;

    fn codes(entities: &str) -> Vec<(Code, String)> {
        let text = format!("trustcheck_registry: 1\nentities:\n{entities}");
        let root = parse(&text).unwrap();
        let declared: BTreeSet<&str> = entries(root.get("entities").unwrap())
            .iter()
            .map(|(k, _)| k.name.as_str())
            .collect();
        check_registry(&root, &declared)
            .into_iter()
            .map(|p| (p.code, p.message))
            .collect()
    }

    fn kind_claims(entities: &str) -> usize {
        codes(entities)
            .iter()
            .filter(|(c, _)| *c == Code::KindClaim)
            .count()
    }

    #[test]
    fn free_float_of_a_listed_company_is_accepted() {
        let found = codes(
            "  a: {country: FR, listed: true, shareholders: [{entity: ff, capital: 60}]}\n  ff: {kind: free-float}\n",
        );
        assert!(found.is_empty(), "{found:?}");
    }

    #[test]
    fn free_float_elsewhere_or_with_a_seat_holders_or_rights_is_refused() {
        assert_eq!(
            kind_claims(
                "  a: {country: FR, shareholders: [{entity: ff, capital: 60}]}\n  ff: {kind: free-float}\n"
            ),
            1,
            "unlisted company"
        );
        assert_eq!(
            kind_claims("  ff: {kind: free-float, country: US, principal_establishment: CN}\n"),
            2
        );
        assert_eq!(
            kind_claims(
                "  ff: {kind: free-float, shareholders: [{entity: b, capital: 10}], rights: [{holder: b, kind: veto}]}\n  b: {country: US}\n"
            ),
            2
        );
        assert_eq!(
            kind_claims(
                "  a: {country: FR, rights: [{holder: ff, kind: veto}]}\n  ff: {kind: free-float}\n"
            ),
            1,
            "free float holds no right"
        );
    }

    #[test]
    fn a_public_body_in_the_eu_is_held_only_by_eu_states_or_public_bodies() {
        let ok = "  pb: {kind: public-body, country: FR, shareholders: [{entity: st, capital: 100}]}\n  st: {kind: state, country: FR}\n";
        assert!(codes(ok).is_empty());
        for holder in [
            "{country: US}",
            "{country: FR}",
            "{kind: state, country: US}",
            "{kind: individual, country: FR}",
            "{kind: public-body}",
        ] {
            let text = format!(
                "  pb: {{kind: public-body, country: FR, shareholders: [{{entity: h, capital: 10}}]}}\n  h: {holder}\n"
            );
            assert!(kind_claims(&text) >= 1, "{holder}");
        }
        // A right over it counts as holding it.
        assert_eq!(
            kind_claims(
                "  pb: {kind: public-body, country: FR, rights: [{holder: h, kind: management-agreement}]}\n  h: {country: US}\n"
            ),
            1
        );
    }

    #[test]
    fn a_public_body_outside_the_eu_is_held_only_by_states_or_public_bodies() {
        assert!(
            codes(
                "  pb: {kind: public-body, country: US, shareholders: [{entity: st, capital: 100}]}\n  st: {kind: state, country: US}\n"
            )
            .is_empty()
        );
        assert_eq!(
            kind_claims(
                "  pb: {kind: public-body, country: US, shareholders: [{entity: c, capital: 100}]}\n  c: {country: US}\n"
            ),
            1
        );
    }

    #[test]
    fn states_need_a_seat_in_one_place_and_no_holders() {
        assert_eq!(kind_claims("  st: {kind: state}\n"), 1);
        assert_eq!(
            kind_claims("  st: {kind: state, country: FR, central_administration: US}\n"),
            1
        );
        assert_eq!(
            kind_claims(
                "  st: {kind: state, country: FR, shareholders: [{entity: b, capital: 1}]}\n  b: {country: FR}\n"
            ),
            1
        );
        assert_eq!(
            kind_claims(
                "  i: {kind: individual, country: FR, shareholders: [{entity: b, capital: 1}]}\n  b: {country: FR}\n"
            ),
            1
        );
    }

    #[test]
    fn a_holder_declared_in_another_file_cannot_vouch_for_a_public_body() {
        let mut elsewhere = BTreeMap::new();
        let text = "entities:\n  pb: {kind: public-body, country: FR, shareholders: [{entity: st, capital: 100}]}\n";
        let root = parse(text).unwrap();
        let entities = root.get("entities").unwrap();
        assert_eq!(check(entities, &elsewhere).len(), 1);
        let state: raw::Entity =
            serde_json::from_value(serde_json::json!({"kind": "state", "country": "FR"})).unwrap();
        elsewhere.insert("st".to_string(), Known::from_raw(&state));
        assert!(check(entities, &elsewhere).is_empty());
    }

    #[test]
    fn a_public_provider_must_be_in_the_eu() {
        let check = |text: &str| {
            let root = parse(text).unwrap();
            check_provider(
                root.get("provider").unwrap(),
                root.get("entities"),
                &BTreeMap::new(),
            )
        };
        let found = check("provider: p\nentities:\n  p: {kind: public-body, country: US}\n");
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].code, Code::KindClaim);
        assert!(
            check("provider: p\nentities:\n  p: {kind: public-body, country: FR}\n").is_empty()
        );
        assert!(check("provider: p\nentities:\n  p: {country: US}\n").is_empty());
    }

    #[test]
    fn duplicate_rights_are_reported_at_both_lines() {
        let found = codes(
            "  a:\n    rights:\n      - {holder: b, kind: veto}\n      - {holder: b, kind: board-appointment}\n      - {holder: b, kind: veto}\n  b: {}\n",
        );
        let duplicates: Vec<_> = found
            .iter()
            .filter(|(c, _)| *c == Code::DuplicateRight)
            .collect();
        assert_eq!(duplicates.len(), 2, "{found:?}");
    }

    #[test]
    fn seats_add_up_to_at_most_100_and_belong_to_board_appointments() {
        let found = codes(
            "  a:\n    rights:\n      - {holder: b, kind: board-appointment, seats: 50}\n      - {holder: c, kind: board-appointment, seats: 50}\n  b: {}\n  c: {}\n",
        );
        assert!(found.is_empty(), "{found:?}");
        let found = codes(
            "  a:\n    rights:\n      - {holder: b, kind: board-appointment, seats: 50}\n      - {holder: c, kind: board-appointment, seats: 50.5}\n  b: {}\n  c: {}\n",
        );
        assert_eq!(found[0].0, Code::SeatsOver100);
        let found = codes("  a:\n    rights: [{holder: b, kind: veto, seats: 10}]\n  b: {}\n");
        assert_eq!(found[0].0, Code::InvalidValue);
        let found =
            codes("  a:\n    rights: [{holder: b, kind: board-appointment, votes: 10}]\n  b: {}\n");
        assert_eq!(found[0].0, Code::InvalidValue);
        let found =
            codes("  a:\n    rights: [{holder: b, kind: voting-agreement, votes: 10}]\n  b: {}\n");
        assert!(found.is_empty(), "{found:?}");
    }
}
