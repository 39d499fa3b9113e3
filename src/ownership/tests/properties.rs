//! Properties on random small registries: bounds hold, a non-EU holder never makes
//! the non-EU share fall, and nothing depends on list order.

use std::collections::BTreeMap;

use proptest::prelude::*;
use proptest::test_runner::FileFailurePersistence;

use crate::jurisdiction::Jurisdictions;
use crate::ownership::{Analysis, Chain, Role, ThirdPartyRef, analyse, exposure_table};
use crate::provider::model::{Entity, EntityId, EntityKind, Holding, Right, RightKind, Stated};

const COUNTRIES: [Option<&str>; 5] = [Some("FR"), Some("DE"), Some("US"), Some("CN"), None];
const RIGHTS: [RightKind; 5] = [
    RightKind::Veto,
    RightKind::BoardAppointment,
    RightKind::GoldenShare,
    RightKind::ManagementAgreement,
    RightKind::Other,
];
const ROLES: [Role; 4] = [
    Role::Subcontractor,
    Role::Technology,
    Role::DatacenterOperator,
    Role::DatacenterOwner,
];

/// One random entity: country, kind, listed, holders (index, capital, votes), rights.
type EntitySpec = (
    usize,
    usize,
    bool,
    Vec<(usize, u32, u32)>,
    Vec<(usize, usize)>,
);

fn kind(k: usize) -> EntityKind {
    match k {
        0..=5 => EntityKind::Company,
        6 => EntityKind::Fund,
        7 => EntityKind::Individual,
        8 => EntityKind::State,
        _ => EntityKind::FreeFloat,
    }
}

/// Scales percentages down so that they add up to at most 100.
fn scaled(values: Vec<f64>) -> Vec<f64> {
    let total: f64 = values.iter().sum();
    let factor = if total > 100.0 { 100.0 / total } else { 1.0 };
    values.into_iter().map(|v| v * factor).collect()
}

fn build(specs: &[EntitySpec]) -> BTreeMap<EntityId, Entity> {
    let n = specs.len();
    let id = |i: usize| format!("e{}", i % n);
    let mut entities = BTreeMap::new();
    for (i, (country, k, listed, holders, rights)) in specs.iter().enumerate() {
        let country = COUNTRIES[country % COUNTRIES.len()].map(str::to_string);
        let kind = kind(*k);
        let mut seen = Vec::new();
        let holders: Vec<_> = if matches!(kind, EntityKind::Company | EntityKind::Fund) {
            holders
                .iter()
                .filter(|(h, ..)| {
                    h % n != i && !seen.contains(&(h % n)) && {
                        seen.push(h % n);
                        true
                    }
                })
                .collect()
        } else {
            Vec::new()
        };
        let capital = scaled(holders.iter().map(|h| f64::from(h.1)).collect());
        let voting = scaled(holders.iter().map(|h| f64::from(h.2)).collect());
        let shareholders = holders
            .iter()
            .enumerate()
            .map(|(index, h)| Holding {
                holder: id(h.0),
                capital: capital[index],
                voting: voting[index],
                index,
            })
            .collect();
        let rights = rights
            .iter()
            .filter(|(h, _)| h % n != i)
            .enumerate()
            .map(|(index, (h, r))| Right {
                holder: id(*h),
                kind: RIGHTS[r % RIGHTS.len()],
                seats: None,
                votes: None,
                note: None,
                index,
            })
            .collect();
        entities.insert(
            id(i),
            Entity {
                id: id(i),
                name: format!("Entity {i}"),
                kind,
                country: country.clone(),
                central_administration: country.clone(),
                principal_establishment: country,
                listed: *listed && kind == EntityKind::Company,
                stated: Stated::ALL,
                shareholders,
                rights,
            },
        );
    }
    entities
}

fn third_parties(picks: &[(usize, usize)], n: usize) -> Vec<ThirdPartyRef> {
    picks
        .iter()
        .enumerate()
        .map(|(i, (e, r))| ThirdPartyRef {
            role: ROLES[r % ROLES.len()],
            entity: format!("e{}", e % n),
            path: format!("offer.third[{i}]"),
        })
        .collect()
}

fn registry() -> impl Strategy<Value = Vec<EntitySpec>> {
    let entity = (
        0..5usize,
        0..10usize,
        prop::bool::weighted(0.2),
        prop::collection::vec((0..12usize, 0..70u32, 0..70u32), 0..6),
        prop::collection::vec((0..8usize, 0..5usize), 0..2),
    );
    prop::collection::vec(entity, 2..12)
}

fn run(entities: &BTreeMap<EntityId, Entity>, third: &[ThirdPartyRef]) -> Analysis {
    analyse(entities, "e0", third, Jurisdictions::embedded())
}

const SLACK: f64 = 1e-9;

proptest! {
    #![proptest_config(ProptestConfig {
        failure_persistence: Some(Box::new(FileFailurePersistence::WithSource("regressions"))),
        // Registries with no undeclared holding leave nothing to add a holder to.
        max_global_rejects: 100_000,
        ..ProptestConfig::default()
    })]

    #[test]
    fn every_share_and_bound_stays_within_0_and_100(
        specs in registry(),
        picks in prop::collection::vec((0..8usize, 0..4usize), 0..3),
    ) {
        let entities = build(&specs);
        let analysis = run(&entities, &third_parties(&picks, specs.len()));
        let within = |x: f64| (0.0..=100.0).contains(&x);
        for h in &analysis.holders {
            for x in [h.attributed_capital, h.attributed_voting, h.economic_capital, h.economic_voting] {
                prop_assert!(within(x), "{} has share {x}", h.entity);
            }
        }
        let bounds = analysis.holders.iter().flat_map(|h| [h.capital, h.voting]);
        for b in bounds.chain([analysis.non_eu_capital, analysis.non_eu_voting]) {
            prop_assert!(b.known >= 0.0 && b.known <= b.worst + SLACK && b.worst <= 100.0, "{b:?}");
        }
    }

    #[test]
    fn a_new_non_eu_holder_never_lowers_the_non_eu_share(
        specs in registry(),
        target in 0..8usize,
        part in 0.01..=1.0f64,
    ) {
        let mut entities = build(&specs);
        let before = run(&entities, &[]);
        let open: Vec<&EntityId> = entities
            .iter()
            .filter(|(_, e)| e.can_have_holders() && e.undeclared() != (0.0, 0.0))
            .map(|(id, _)| id)
            .collect();
        prop_assume!(!open.is_empty());
        let held = open[target % open.len()].clone();
        let entity = entities.get_mut(&held).expect("listed above");
        let (capital, voting) = entity.undeclared();
        let index = entity.shareholders.len();
        entity.shareholders.push(Holding { holder: "zz".into(), capital: capital * part, voting: voting * part, index });
        let newcomer = Entity {
            id: "zz".into(),
            name: "Newcomer Inc".into(),
            kind: EntityKind::Company,
            country: Some("US".into()),
            central_administration: Some("US".into()),
            principal_establishment: Some("US".into()),
            listed: true,
            stated: Stated::ALL,
            shareholders: Vec::new(),
            rights: Vec::new(),
        };
        entities.insert("zz".into(), newcomer);
        let after = run(&entities, &[]);
        for (b, a) in [(before.non_eu_capital, after.non_eu_capital), (before.non_eu_voting, after.non_eu_voting)] {
            prop_assert!(a.known >= b.known - SLACK, "known fell from {} to {}", b.known, a.known);
            prop_assert!(a.worst >= b.worst - SLACK, "worst fell from {} to {}", b.worst, a.worst);
        }
    }

    #[test]
    fn results_do_not_depend_on_list_order(
        specs in registry(),
        picks in prop::collection::vec((0..8usize, 0..4usize), 0..4),
        turn in 0..4usize,
    ) {
        let entities = build(&specs);
        let third = third_parties(&picks, specs.len());
        let mut shuffled = entities.clone();
        for entity in shuffled.values_mut() {
            entity.shareholders.reverse();
            let len = entity.shareholders.len().max(1);
            entity.shareholders.rotate_left(turn % len);
        }
        let mut third_shuffled = third.clone();
        third_shuffled.reverse();
        let len = third_shuffled.len().max(1);
        third_shuffled.rotate_left(turn % len);
        let json = |a: &Analysis| serde_json::to_string(a).expect("analysis serialises");
        prop_assert_eq!(json(&run(&entities, &third)), json(&run(&shuffled, &third_shuffled)));
    }

    #[test]
    fn the_registry_table_agrees_with_each_analysis(specs in registry()) {
        let entities = build(&specs);
        let table = exposure_table(&entities, Jurisdictions::embedded());
        for id in entities.keys() {
            let analysis = analyse(&entities, id, &[], Jurisdictions::embedded());
            let laws: Vec<(String, Chain)> =
                analysis.exposure.into_iter().map(|e| (e.law, e.chain)).collect();
            let listed = table.iter().find(|(entity, _)| entity == id).map(|(_, laws)| laws.clone());
            prop_assert_eq!(listed.unwrap_or_default(), laws, "{}", id);
        }
    }
}
