//! A small registry builder for hand-written ownership structures.

use std::collections::BTreeMap;

use crate::jurisdiction::Jurisdictions;
use crate::ownership::{Analysis, HolderShare, ThirdPartyRef, analyse};
use crate::provider::model::{Entity, EntityId, EntityKind, Holding, Right, RightKind, Stated};

/// Entities under construction.
#[derive(Debug, Clone, Default)]
pub(super) struct Registry {
    pub entities: BTreeMap<EntityId, Entity>,
}

impl Registry {
    pub fn new() -> Self {
        Registry::default()
    }

    /// Adds an entity seated (all three seats) in `country`, or nowhere known.
    pub fn entity(
        &mut self,
        id: &str,
        name: &str,
        kind: EntityKind,
        country: Option<&str>,
    ) -> &mut Self {
        let country = country.map(str::to_string);
        self.entities.insert(
            id.to_string(),
            Entity {
                id: id.to_string(),
                name: name.to_string(),
                kind,
                country: country.clone(),
                central_administration: country.clone(),
                principal_establishment: country,
                listed: false,
                stated: Stated::ALL,
                shareholders: Vec::new(),
                rights: Vec::new(),
            },
        );
        self
    }

    pub fn company(&mut self, id: &str, name: &str, country: &str) -> &mut Self {
        self.entity(id, name, EntityKind::Company, Some(country))
    }

    pub fn listed(&mut self, id: &str) -> &mut Self {
        self.get(id).listed = true;
        self
    }

    /// `holder` holds `capital` % of `held`, with as many votes.
    pub fn holds(&mut self, holder: &str, held: &str, capital: f64) -> &mut Self {
        self.holds_votes(holder, held, capital, capital)
    }

    pub fn holds_votes(
        &mut self,
        holder: &str,
        held: &str,
        capital: f64,
        voting: f64,
    ) -> &mut Self {
        let list = &mut self.get(held).shareholders;
        let index = list.len();
        list.push(Holding {
            holder: holder.to_string(),
            capital,
            voting,
            index,
        });
        self
    }

    pub fn right(&mut self, holder: &str, held: &str, kind: RightKind) -> &mut Self {
        let list = &mut self.get(held).rights;
        let index = list.len();
        list.push(Right {
            holder: holder.to_string(),
            kind,
            seats: None,
            votes: None,
            note: None,
            index,
        });
        self
    }

    /// `holder` holds a `board-appointment` right naming `seats` % of `held`'s body.
    pub fn seats(&mut self, holder: &str, held: &str, seats: f64) -> &mut Self {
        self.right(holder, held, RightKind::BoardAppointment);
        if let Some(right) = self.get(held).rights.last_mut() {
            right.seats = Some(seats);
        }
        self
    }

    /// The entity `id`, to change by hand.
    pub fn get(&mut self, id: &str) -> &mut Entity {
        self.entities
            .get_mut(id)
            .unwrap_or_else(|| panic!("fixture names unknown entity {id}"))
    }

    pub fn analyse(&self, subject: &str) -> Analysis {
        self.analyse_with(subject, &[])
    }

    pub fn analyse_with(&self, subject: &str, third_parties: &[ThirdPartyRef]) -> Analysis {
        analyse(
            &self.entities,
            subject,
            third_parties,
            Jurisdictions::embedded(),
        )
    }
}

/// The holder `id` of an analysis.
pub(super) fn holder<'a>(analysis: &'a Analysis, id: &str) -> &'a HolderShare {
    analysis
        .holders
        .iter()
        .find(|h| h.entity == id)
        .unwrap_or_else(|| panic!("{id} is not among the holders: {:#?}", analysis.holders))
}

/// Asserts two percentages are equal to 1e-9.
#[track_caller]
pub(super) fn close(actual: f64, expected: f64) {
    assert!(
        (actual - expected).abs() < 1e-9,
        "expected {expected}, got {actual}"
    );
}

/// A chain from ids.
pub(super) fn chain(ids: &[&str]) -> crate::ownership::Chain {
    crate::ownership::Chain(ids.iter().map(|s| s.to_string()).collect())
}
