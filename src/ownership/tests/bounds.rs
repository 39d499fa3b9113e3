//! Undeclared holdings and free float: bounded, never guessed.

use super::fixtures::{Registry, chain, close, holder};
use crate::ownership::{Bound, ControlBasis, Origin};
use crate::provider::model::EntityKind;

#[test]
fn undeclared_remainders_are_bounded_not_guessed() {
    // S: E holds 70 %, 30 % undeclared. E: Ines holds 50 %, 50 % undeclared.
    let mut r = Registry::new();
    r.company("s", "S SAS", "FR").company("e", "E SAS", "FR");
    r.entity("i", "Ines", EntityKind::Individual, Some("FR"));
    r.holds("e", "s", 70.0).holds("i", "e", 50.0);
    let analysis = r.analyse("s");

    let own = holder(&analysis, "undeclared:s");
    assert!(own.undeclared);
    assert_eq!(own.origin, Origin::Unknown);
    assert_eq!(
        own.capital,
        Bound {
            known: 0.0,
            worst: 30.0
        }
    );
    let upper = holder(&analysis, "undeclared:e");
    close(upper.capital.worst, 35.0);
    close(upper.voting.worst, 35.0);
    assert_eq!(upper.chains, vec![chain(&["undeclared:e", "e", "s"])]);
    close(analysis.non_eu_capital.known, 0.0);
    close(analysis.non_eu_capital.worst, 65.0);
    close(analysis.non_eu_voting.worst, 65.0);
    // Ines's 50 % of E is presumed control (nobody declared holds more), but the
    // undeclared 50 % could be one holder as large: who controls S cannot be told.
    let i = holder(&analysis, "i");
    assert_eq!(i.control, Some(ControlBasis::VotingMajority));
    close(i.attributed_capital, 70.0);
    close(i.economic_capital, 35.0);
    assert_eq!(analysis.controlled_from_non_eu, None);
    assert_eq!(
        analysis.controller,
        Some((
            "i".into(),
            ControlBasis::VotingMajority,
            chain(&["i", "e", "s"])
        ))
    );
}

#[test]
fn listed_free_float_is_not_counted_outside_the_eu() {
    let mut r = Registry::new();
    r.company("s", "S SA", "FR").listed("s");
    r.entity("u", "US Fund", EntityKind::Fund, Some("US"));
    r.entity("g", "French State", EntityKind::State, Some("FR"));
    r.holds("u", "s", 10.0).holds("g", "s", 15.0);
    let analysis = r.analyse("s");

    assert_eq!(analysis.non_eu_capital, Bound::exact(10.0));
    assert!(analysis.holders.iter().all(|h| h.entity != "undeclared:s"));
    assert!(
        analysis.notes.iter().any(|n| n
            .starts_with("S SA (FR) is listed: the 75 % of its capital")
            && n.contains("L.233-7 I")),
        "{:?}",
        analysis.notes
    );
    // The US fund's own holders are unknown: bounded, like any undeclared holding.
    assert_eq!(
        holder(&analysis, "undeclared:u").capital,
        Bound {
            known: 0.0,
            worst: 10.0
        }
    );
}

#[test]
fn a_listed_company_s_remainder_is_free_float_only_when_holders_and_votes_are_stated() {
    let setup = |unstate: fn(&mut crate::provider::model::Stated)| {
        let mut r = Registry::new();
        r.company("s", "S SA", "FR").listed("s");
        r.entity("u", "US Holder", EntityKind::Individual, Some("US"));
        r.holds("u", "s", 10.0);
        unstate(&mut r.get("s").stated);
        r.analyse("s")
    };
    let stated = setup(|_| {});
    assert_eq!(stated.non_eu_voting, Bound::exact(10.0));
    // A holding's votes left out may be double: the remainder bounds them.
    let votes = setup(|s| s.votes = false);
    assert_eq!(
        votes.non_eu_voting,
        Bound {
            known: 10.0,
            worst: 100.0
        }
    );
    // Holders left out: unknown holders, not free float.
    let holders = setup(|s| s.holders = false);
    assert_eq!(holders.non_eu_capital.worst, 100.0);
}

#[test]
fn unstated_rights_may_hide_a_controller() {
    let mut r = Registry::new();
    r.company("s", "S SAS", "FR");
    r.entity("f", "Founder", EntityKind::Individual, Some("FR"));
    r.holds("f", "s", 100.0);
    assert_eq!(r.analyse("s").controlled_from_non_eu, Some(false));
    r.get("s").stated.rights = false;
    assert_eq!(r.analyse("s").controlled_from_non_eu, None);
}

#[test]
fn a_free_float_entity_is_not_one_holder() {
    let mut r = Registry::new();
    // Free float exists only in a listed company (elsewhere it is one holder).
    r.company("s", "S SA", "FR")
        .listed("s")
        .company("u", "U Corp", "US")
        .listed("u");
    r.entity("ff", "Free float", EntityKind::FreeFloat, None);
    r.holds("u", "s", 10.0).holds("ff", "s", 90.0);
    let analysis = r.analyse("s");

    assert!(analysis.holders.iter().all(|h| h.entity != "ff"));
    assert_eq!(analysis.non_eu_capital, Bound::exact(10.0));
    assert!(
        analysis
            .notes
            .iter()
            .any(|n| n.starts_with("Free float (country unknown) is free float"))
    );
}

#[test]
fn an_undeclared_subject_is_bounded_at_100() {
    let analysis = Registry::new().analyse("ghost");
    assert_eq!(
        analysis.non_eu_capital,
        Bound {
            known: 0.0,
            worst: 100.0
        }
    );
    assert_eq!(analysis.controlled_from_non_eu, None);
    assert_eq!(analysis.subject_origin, Origin::Unknown);
}
