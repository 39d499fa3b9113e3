//! Extraterritorial laws reaching third parties, by seat and through controllers.

use super::fixtures::{Registry, chain};
use crate::jurisdiction::Jurisdictions;
use crate::ownership::{Origin, Role, ThirdPartyRef, exposure_table};
use crate::provider::model::EntityKind;

#[test]
fn non_eu_parent_two_levels_up_exposes_the_datacenter_operator() {
    let mut r = Registry::new();
    r.company("p", "P Cloud SAS", "FR")
        .company("y", "Y Inc", "US")
        .listed("y");
    r.company("z", "Z BV", "NL").company("x", "X SAS", "FR");
    r.entity("o", "Olga", EntityKind::Individual, Some("FR"));
    r.holds("o", "p", 100.0)
        .holds("y", "z", 100.0)
        .holds("z", "x", 100.0);
    let operator = ThirdPartyRef {
        role: Role::DatacenterOperator,
        entity: "x".into(),
        path: "offer.datacenters[0].operator".into(),
    };
    let analysis = r.analyse_with("p", &[operator]);

    let laws: Vec<_> = analysis
        .exposure
        .iter()
        .map(|e| (e.entity.as_str(), e.law.as_str()))
        .collect();
    assert_eq!(laws, [("x", "US-CLOUD"), ("x", "US-FISA702")]);
    let cloud = &analysis.exposure[0];
    assert_eq!(cloud.chain, chain(&["y", "z", "x"]));
    assert_eq!(
        (cloud.bound_entity.as_str(), cloud.bound_country.as_str()),
        ("y", "US")
    );
    let j = Jurisdictions::embedded();
    assert_eq!(
        cloud.sentence(&r.entities, j),
        "datacenter operator X SAS is controlled by Y Inc (US) through Z BV: US CLOUD Act (18 U.S.C. § 2713)"
    );
    assert_eq!(
        cloud.chain.describe(&r.entities),
        "Y Inc (US) → Z BV (NL) → X SAS (FR)"
    );
    let third = &analysis.third_parties[0];
    assert_eq!(
        (third.origin, third.controlled_from_non_eu),
        (Origin::Eu, Some(true))
    );
    assert_eq!(third.control_chain, Some(chain(&["y", "z", "x"])));

    let table = exposure_table(&r.entities, j);
    let reached: Vec<_> = table
        .iter()
        .map(|(id, laws)| (id.as_str(), laws.len(), laws[0].1.clone()))
        .collect();
    assert_eq!(
        reached,
        [
            ("x", 2, chain(&["y", "z", "x"])),
            ("y", 2, chain(&["y"])),
            ("z", 2, chain(&["y", "z"]))
        ]
    );
}

#[test]
fn own_seat_exposure_names_the_seat() {
    let mut r = Registry::new();
    r.company("p", "P Cloud SAS", "FR")
        .company("t", "T Ltd", "FR");
    r.get("t").central_administration = Some("CN".into());
    let sub = ThirdPartyRef {
        role: Role::Subcontractor,
        entity: "t".into(),
        path: "offer.subcontractors[0]".into(),
    };
    let analysis = r.analyse_with("p", &[sub]);
    let [exposure] = analysis.exposure.as_slice() else {
        panic!("{:?}", analysis.exposure)
    };
    assert_eq!(
        exposure.sentence(&r.entities, Jurisdictions::embedded()),
        "subcontractor T Ltd has its central administration in CN: PRC National Intelligence Law, art. 7"
    );
    assert_eq!(analysis.third_parties[0].origin, Origin::NonEu);
    assert_eq!(
        analysis.third_parties[0].controlled_from_non_eu, None,
        "T's holders are undeclared"
    );
}

/// A French provider held by its founder, and supplier `v` (FR) of which the founder
/// holds 2 % and `h` 30 % of the capital and 49 % of the votes, the rest undeclared;
/// the founder appoints `h`'s board.
fn supplier_held_through(h_country: Option<&str>) -> Registry {
    let mut r = Registry::new();
    r.company("p", "P Cloud SAS", "FR")
        .company("v", "Vendor SAS", "FR")
        .entity("f", "Founder", EntityKind::Individual, Some("FR"))
        .entity("h", "Holder Co", EntityKind::Company, h_country);
    r.holds("f", "p", 100.0)
        .holds("f", "v", 2.0)
        .holds_votes("h", "v", 30.0, 49.0)
        .right(
            "f",
            "h",
            crate::provider::model::RightKind::BoardAppointment,
        );
    r
}

fn supplier(entity: &str) -> ThirdPartyRef {
    ThirdPartyRef {
        role: Role::Technology,
        entity: entity.into(),
        path: "offer.technology[0].vendor".into(),
    }
}

#[test]
fn control_through_the_votes_of_a_company_outside_the_eu_is_control_from_outside() {
    let analysis = supplier_held_through(Some("US")).analyse_with("p", &[supplier("v")]);
    let third = &analysis.third_parties[0];
    assert_eq!(third.controlled_from_non_eu, Some(true));
    assert_eq!(third.control_chain, Some(chain(&["h", "v"])));
}

#[test]
fn control_through_the_votes_of_a_company_of_unknown_origin_cannot_be_told() {
    let analysis = supplier_held_through(None).analyse_with("p", &[supplier("v")]);
    let third = &analysis.third_parties[0];
    assert_eq!(third.controlled_from_non_eu, None);
    assert_eq!(third.control_chain, Some(chain(&["h", "v"])));
}

#[test]
fn control_through_the_votes_of_a_company_in_the_eu_stays_in_the_eu() {
    let analysis = supplier_held_through(Some("DE")).analyse_with("p", &[supplier("v")]);
    assert_eq!(
        analysis.third_parties[0].controlled_from_non_eu,
        Some(false)
    );
}

#[test]
fn a_third_party_non_eu_companies_control_together_is_controlled_from_outside() {
    let mut r = Registry::new();
    r.company("p", "P Cloud SAS", "FR")
        .company("v", "Vendor SAS", "FR")
        .company("us", "US Inc.", "US")
        .company("ch", "CH SA", "CH")
        .entity("f", "Founder", EntityKind::Individual, Some("FR"));
    r.holds("f", "p", 100.0)
        .holds("f", "v", 45.0)
        .holds("us", "v", 30.0)
        .holds("ch", "v", 25.0);
    let analysis = r.analyse_with("p", &[supplier("v")]);
    let third = &analysis.third_parties[0];
    assert_eq!(third.controlled_from_non_eu, Some(true));
    assert_eq!(third.control_chain, Some(chain(&["us", "v"])));
}

#[test]
fn control_through_a_company_outside_the_eu_further_up_is_control_from_outside() {
    // The American company holds the supplier through a French subsidiary.
    let mut r = Registry::new();
    r.company("p", "P Cloud SAS", "FR")
        .company("v", "Vendor SAS", "FR")
        .company("sub", "Sub SAS", "FR")
        .company("us", "US Co", "US")
        .entity("f", "Founder", EntityKind::Individual, Some("FR"));
    r.holds("f", "p", 100.0)
        .holds("f", "v", 2.0)
        .holds_votes("sub", "v", 30.0, 49.0)
        .holds("us", "sub", 100.0)
        .right(
            "f",
            "us",
            crate::provider::model::RightKind::BoardAppointment,
        );
    let analysis = r.analyse_with("p", &[supplier("v")]);
    let third = &analysis.third_parties[0];
    assert_eq!(third.controlled_from_non_eu, Some(true));
    assert_eq!(third.control_chain, Some(chain(&["us", "sub", "v"])));
}

/// A chain of `len` companies, `c0` (American) holding all of `c1`, and so on
/// down to the last, French.
fn long_chain(len: usize) -> Registry {
    let mut r = Registry::new();
    for i in 0..len {
        let country = if i == 0 { "US" } else { "FR" };
        r.company(&format!("c{i}"), &format!("C{i}"), country);
        if i > 0 {
            r.holds(&format!("c{}", i - 1), &format!("c{i}"), 100.0);
        }
    }
    r
}

#[test]
fn a_chain_of_twelve_links_is_described_in_full() {
    let r = long_chain(13);
    let analysis = r.analyse("c12");
    let cloud = analysis
        .exposure
        .iter()
        .find(|e| e.law == "US-CLOUD")
        .expect("the American top company binds the bottom one");
    assert_eq!(cloud.chain.0.len(), 13);
    let names: Vec<String> = (0..13).map(|i| format!("C{i} (")).collect();
    let text = cloud.chain.describe(&r.entities);
    assert!(names.iter().all(|n| text.contains(n.as_str())), "{text}");
    assert!(!text.contains('…'), "{text}");
    let sentence = cloud.sentence(&r.entities, Jurisdictions::embedded());
    assert!(sentence.contains("through C1, C2, C3"), "{sentence}");
    assert!(sentence.contains("C10, C11: "), "{sentence}");
}

#[test]
fn a_longer_chain_is_described_by_its_ends_and_counts_the_rest() {
    let r = long_chain(40);
    let analysis = r.analyse("c39");
    let cloud = analysis
        .exposure
        .iter()
        .find(|e| e.law == "US-CLOUD")
        .expect("control runs down the whole chain");
    // The chain itself keeps every link; only its description is shortened.
    assert_eq!(cloud.chain.0.len(), 40);
    assert_eq!(
        cloud.chain.describe(&r.entities),
        "C0 (US) → C1 (FR) → … 36 intermediate companies … → C38 (FR) → C39 (FR)"
    );
    assert_eq!(
        cloud.sentence(&r.entities, Jurisdictions::embedded()),
        "provider C39 is controlled by C0 (US) through C1, C2, … 34 intermediate companies …, \
         C37, C38: US CLOUD Act (18 U.S.C. § 2713)"
    );
}
