//! Every form of control of Code de commerce art. L.233-3, alone and together, the
//! seats of governing bodies, and links with foreign states (SecNumCloud 19.6 b), e)).

use super::fixtures::{Registry, chain};
use crate::ownership::{Analysis, Bound, ControlBasis, Origin};
use crate::provider::model::{EntityKind, RightKind};

/// A French provider held 100 % by French founders, and a US company with no stake.
fn base() -> Registry {
    let mut r = Registry::new();
    r.company("s", "S SAS", "FR")
        .entity("f", "Founder", EntityKind::Individual, Some("FR"))
        .company("us", "US Inc.", "US")
        .entity("o", "US owner", EntityKind::Individual, Some("US"))
        .company("ch", "CH SA", "CH")
        .entity("p", "CH owner", EntityKind::Individual, Some("CH"));
    r.holds("f", "s", 100.0)
        .holds("o", "us", 100.0)
        .holds("p", "ch", 100.0);
    r
}

fn basis_of(analysis: &Analysis, id: &str) -> Option<ControlBasis> {
    analysis
        .controllers
        .iter()
        .find(|c| c.entity == id)
        .map(|c| c.basis)
}

#[test]
fn french_founders_leave_the_provider_free() {
    let analysis = base().analyse("s");
    assert_eq!(analysis.controlled_from_non_eu, Some(false));
    assert_eq!(basis_of(&analysis, "f"), Some(ControlBasis::VotingMajority));
    assert!(analysis.coalition.is_none());
    assert!(analysis.foreign_public.is_empty());
    assert_eq!(analysis.non_eu_board_seats, Bound::exact(0.0));
}

#[test]
fn each_right_that_is_control_makes_a_non_eu_holder_a_controller() {
    for (kind, basis) in [
        (RightKind::VotingAgreement, ControlBasis::Agreement),
        (RightKind::ManagementAgreement, ControlBasis::Agreement),
        (RightKind::DeFactoControl, ControlBasis::DeFacto),
        (RightKind::BoardAppointment, ControlBasis::BoardAppointment),
    ] {
        let mut r = base();
        r.right("us", "s", kind);
        let analysis = r.analyse("s");
        assert_eq!(basis_of(&analysis, "us"), Some(basis), "{kind:?}");
        assert_eq!(
            basis_of(&analysis, "o"),
            Some(basis),
            "{kind:?}: through us"
        );
        assert_eq!(analysis.controlled_from_non_eu, Some(true), "{kind:?}");
        let us = analysis
            .controllers
            .iter()
            .find(|c| c.entity == "o")
            .unwrap();
        assert_eq!(us.chain, chain(&["o", "us", "s"]));
        assert_eq!(us.origin, Origin::NonEu);
    }
}

#[test]
fn vetoes_golden_shares_and_other_rights_are_not_control() {
    for kind in [RightKind::Veto, RightKind::GoldenShare, RightKind::Other] {
        let mut r = base();
        r.right("us", "s", kind);
        let analysis = r.analyse("s");
        assert_eq!(basis_of(&analysis, "us"), None, "{kind:?}");
        assert_eq!(analysis.controlled_from_non_eu, Some(false), "{kind:?}");
    }
}

#[test]
fn the_presumption_is_named_apart_from_de_facto_control() {
    let mut r = base();
    r.get("s").shareholders.clear();
    r.holds("f", "s", 35.0).holds("us", "s", 40.0);
    r.entity("g", "Other founder", EntityKind::Individual, Some("FR"))
        .holds("g", "s", 25.0);
    let analysis = r.analyse("s");
    assert_eq!(basis_of(&analysis, "us"), Some(ControlBasis::Presumption));
    assert_eq!(analysis.controlled_from_non_eu, Some(true));
    assert!(ControlBasis::Presumption.describe().contains("above 40 %"));
    assert_eq!(ControlBasis::Presumption.paragraph(), "L.233-3 II");
    assert_eq!(ControlBasis::DeFacto.paragraph(), "L.233-3 I 3°");
}

#[test]
fn seats_of_one_holder_are_control_only_above_half() {
    let mut r = base();
    r.seats("us", "s", 50.0);
    let analysis = r.analyse("s");
    assert_eq!(basis_of(&analysis, "us"), None, "half is not a majority");
    assert_eq!(analysis.non_eu_board_seats, Bound::exact(50.0));
    assert_eq!(analysis.controlled_from_non_eu, Some(false));

    let mut r = base();
    r.seats("us", "s", 30.0).seats("us", "s", 30.0);
    let analysis = r.analyse("s");
    assert_eq!(
        basis_of(&analysis, "us"),
        Some(ControlBasis::BoardAppointment),
        "seats of one holder add up"
    );
}

#[test]
fn seats_named_from_outside_the_eu_add_up_and_the_coalition_controls() {
    let mut r = base();
    r.seats("us", "s", 30.0).seats("ch", "s", 30.0);
    let analysis = r.analyse("s");
    assert_eq!(basis_of(&analysis, "us"), None);
    assert_eq!(basis_of(&analysis, "ch"), None);
    assert_eq!(analysis.non_eu_board_seats, Bound::exact(60.0));
    let coalition = analysis.coalition.as_ref().expect("the coalition controls");
    assert_eq!(coalition.basis, ControlBasis::BoardAppointment);
    assert!(coalition.known);
    assert!(coalition.members.contains(&"us".to_string()));
    assert_eq!(analysis.controlled_from_non_eu, Some(true));
}

#[test]
fn seats_named_by_an_eu_company_a_non_eu_group_controls_count_as_non_eu() {
    let mut r = base();
    r.company("fr", "FR SAS", "FR").holds("us", "fr", 100.0);
    r.seats("fr", "s", 30.0).seats("ch", "s", 30.0);
    let analysis = r.analyse("s");
    assert_eq!(analysis.non_eu_board_seats, Bound::exact(60.0));
    assert_eq!(analysis.controlled_from_non_eu, Some(true));
}

#[test]
fn seats_of_a_holder_of_unknown_origin_count_in_the_worst_case() {
    let mut r = base();
    r.entity("x", "X", EntityKind::Company, None);
    r.seats("ch", "s", 30.0).seats("x", "s", 30.0);
    let analysis = r.analyse("s");
    assert_eq!(
        analysis.non_eu_board_seats,
        Bound {
            known: 30.0,
            worst: 60.0
        }
    );
    assert_eq!(
        analysis.controlled_from_non_eu, None,
        "the coalition with X could control"
    );
    assert!(!analysis.coalition.as_ref().unwrap().known);
}

#[test]
fn undeclared_votes_that_could_hide_a_controller_are_unknown() {
    let mut r = base();
    r.get("s").shareholders.clear();
    r.holds("f", "s", 50.0);
    assert_eq!(r.analyse("s").controlled_from_non_eu, None);
}

#[test]
fn free_float_is_dispersed_only_in_a_listed_company() {
    let mut r = base();
    r.get("s").shareholders.clear();
    r.entity("float", "Free float", EntityKind::FreeFloat, None);
    r.holds("f", "s", 30.0).holds("float", "s", 45.0);
    r.entity("g", "Other founder", EntityKind::Individual, Some("FR"))
        .holds("g", "s", 25.0);
    // Unlisted: the "free float" is one holder of 45 % that blocks nothing and
    // presumes control, of unknown origin.
    let analysis = r.analyse("s");
    assert_eq!(
        basis_of(&analysis, "float"),
        Some(ControlBasis::Presumption)
    );
    assert_eq!(analysis.non_eu_capital.worst, 45.0, "counted at worst");
    r.listed("s");
    let analysis = r.analyse("s");
    assert_eq!(basis_of(&analysis, "float"), None);
    assert_eq!(analysis.non_eu_capital.worst, 0.0, "dispersed");
}

#[test]
fn a_public_body_that_declares_holders_keeps_the_rest_counted() {
    let mut r = base();
    r.entity("pb", "Public body", EntityKind::PublicBody, Some("FR"));
    r.entity("st", "State", EntityKind::State, Some("FR"));
    r.holds("st", "pb", 40.0);
    r.get("s").shareholders.clear();
    r.holds("pb", "s", 100.0);
    let analysis = r.analyse("s");
    assert_eq!(
        analysis.controlled_from_non_eu, None,
        "60 % of pb undeclared"
    );
    assert!(analysis.non_eu_capital.worst > 0.0);
}

#[test]
fn foreign_states_and_public_bodies_linked_to_the_provider_are_listed() {
    let mut r = base();
    r.entity("cn", "Foreign State", EntityKind::State, Some("CN"));
    r.entity("agency", "US agency", EntityKind::PublicBody, Some("US"));
    r.entity("fr-state", "French State", EntityKind::State, Some("FR"));
    r.get("s").shareholders.clear();
    r.holds("f", "s", 90.0)
        .holds("ch", "s", 5.0)
        .holds("fr-state", "s", 5.0);
    r.get("ch").shareholders.clear();
    r.holds("cn", "ch", 100.0);
    r.right("agency", "s", RightKind::Veto);
    let analysis = r.analyse("s");
    let ids: Vec<&str> = analysis
        .foreign_public
        .iter()
        .map(|p| p.entity.as_str())
        .collect();
    assert_eq!(ids, ["agency", "cn"], "the French State is not listed");
    let cn = &analysis.foreign_public[1];
    assert_eq!(cn.capital, 5.0);
    assert_eq!(cn.chain, chain(&["cn", "ch", "s"]));
    assert_eq!(cn.control, None);
    let agency = &analysis.foreign_public[0];
    assert_eq!(agency.rights, vec![RightKind::Veto]);
    assert_eq!(agency.capital, 0.0);
}

#[test]
fn undeclared_holdings_are_listed_as_a_possible_foreign_state() {
    let mut r = base();
    r.get("s").shareholders.clear();
    r.holds("f", "s", 70.0);
    let analysis = r.analyse("s");
    let undeclared: Vec<_> = analysis
        .foreign_public
        .iter()
        .filter(|p| p.undeclared)
        .collect();
    assert_eq!(undeclared.len(), 1);
    assert_eq!(undeclared[0].entity, "undeclared:s");
    assert_eq!(undeclared[0].capital, 30.0);
}

#[test]
fn votes_held_by_agreement_add_to_own_votes_alone_and_together() {
    let agreed = |r: &mut Registry, holder: &str, votes: f64| {
        r.right(holder, "s", RightKind::VotingAgreement);
        if let Some(right) = r.get("s").rights.last_mut() {
            right.votes = Some(votes);
        }
    };
    // 20 % held and 25 % by agreement: not a majority.
    let mut r = base();
    r.get("s").shareholders.clear();
    r.holds("f", "s", 80.0).holds("us", "s", 20.0);
    agreed(&mut r, "us", 25.0);
    assert_eq!(basis_of(&r.analyse("s"), "us"), None);
    // 20 % held and 35 % by agreement: a majority by agreement (I 2°).
    let mut r = base();
    r.get("s").shareholders.clear();
    r.holds("f", "s", 80.0).holds("us", "s", 20.0);
    agreed(&mut r, "us", 35.0);
    assert_eq!(
        basis_of(&r.analyse("s"), "us"),
        Some(ControlBasis::Agreement)
    );
    // Two holders outside the EU, 20 % by agreement each and 15 % held: together.
    let mut r = base();
    r.get("s").shareholders.clear();
    r.holds("f", "s", 85.0).holds("us", "s", 15.0);
    agreed(&mut r, "us", 20.0);
    agreed(&mut r, "ch", 20.0);
    let analysis = r.analyse("s");
    assert_eq!(basis_of(&analysis, "us"), None);
    assert_eq!(
        analysis.coalition.as_ref().map(|c| c.basis),
        Some(ControlBasis::Agreement)
    );
    assert_eq!(analysis.controlled_from_non_eu, Some(true));
}

/// The founder appoints the board of an American company that holds 49 % of the
/// provider's votes: with its own 2 %, the founder controls the provider, but the
/// American company casts those votes, under American law.
#[test]
fn control_through_a_company_outside_the_eu_is_control_from_outside() {
    let mut r = base();
    r.get("s").shareholders.clear();
    r.holds("f", "s", 2.0)
        .holds_votes("us", "s", 30.0, 49.0)
        .right("f", "us", RightKind::BoardAppointment);
    let analysis = r.analyse("s");
    assert_eq!(analysis.controlled_from_non_eu, Some(true));
    let coalition = analysis.coalition.as_ref().expect("us casts its votes");
    assert!(coalition.known);
    assert_eq!(coalition.basis, ControlBasis::Presumption);
}

/// Two non-EU companies control the provider together through a French holding:
/// the coalition names the chain through the holding.
#[test]
fn the_coalition_names_the_chain_its_control_runs_through() {
    let mut r = base();
    r.company("h", "Holding SAS", "FR");
    r.get("s").shareholders.clear();
    r.holds("f", "s", 40.0).holds("h", "s", 60.0);
    r.holds("us", "h", 30.0)
        .holds("ch", "h", 30.0)
        .holds("f", "h", 40.0);
    let analysis = r.analyse("s");
    assert_eq!(analysis.controlled_from_non_eu, Some(true));
    let coalition = analysis.coalition.as_ref().expect("us and ch together");
    assert!(coalition.known);
    assert_eq!(
        coalition.chain,
        Some(chain(&["ch", "h", "s"])),
        "ties go by id"
    );
}
