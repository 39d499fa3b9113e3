//! The validated provider: what every later stage reads. Built from [`raw`] by
//! [`validate`](super::validate) once every check passed, so that countries are
//! known ISO codes, dates are real dates, references resolve and percentages add up.

use std::collections::BTreeMap;

use jiff::civil::Date;

use super::raw;
pub use super::raw::{
    Access, CertificationStatus, EntityKind, OwnerType, RightKind, Sensitivity, ServiceModel,
};

/// An ISO 3166-1 alpha-2 country code, upper case, known to the country table.
pub type Country = String;

/// An entity id as written in the file.
pub type EntityId = String;

/// A validated provider description.
#[derive(Debug, Clone)]
pub struct Provider {
    /// Id of the entity that sells the offer.
    pub provider: EntityId,
    /// Every declared entity, by id (sorted: results never depend on file order).
    pub entities: BTreeMap<EntityId, Entity>,
    /// The date at which the facts were stated.
    pub as_of: Option<Date>,
    /// The file as written, for the fact layer (same keys, same paths), with the
    /// entities of its registries added under `entities`.
    pub file: raw::ProviderFile,
}

/// A validated legal person.
#[derive(Debug, Clone)]
pub struct Entity {
    pub id: EntityId,
    pub name: String,
    pub kind: EntityKind,
    /// Registered office; `None` when the file does not say.
    pub country: Option<Country>,
    /// Central administration; defaults to `country`.
    pub central_administration: Option<Country>,
    /// Principal establishment; defaults to `country`.
    pub principal_establishment: Option<Country>,
    pub listed: bool,
    /// Direct holders, in file order (`index` is the position in `shareholders`).
    pub shareholders: Vec<Holding>,
    /// Special rights held over this entity.
    pub rights: Vec<Right>,
    /// Which of its lists the file states: a key left out is silence, not "none".
    pub stated: Stated,
}

/// Which facts about an entity's holders and rights the file states. Writing an
/// empty list is a statement; leaving a key out is silence, which the analysis
/// never reads in the provider's favour.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Stated {
    /// `rights` is written (an empty list states there are none).
    pub rights: bool,
    /// `shareholders` is written.
    pub holders: bool,
    /// Every holding states its `voting` (left out, it defaults to the capital).
    pub votes: bool,
}

impl Stated {
    /// Everything stated: entities built in code, not read from a file.
    pub const ALL: Stated = Stated {
        rights: true,
        holders: true,
        votes: true,
    };
}

/// One direct holding of an entity, in percent.
#[derive(Debug, Clone, PartialEq)]
pub struct Holding {
    pub holder: EntityId,
    pub capital: f64,
    pub voting: f64,
    /// Position in the held entity's `shareholders` list, for evidence paths.
    pub index: usize,
}

/// A special right over an entity.
#[derive(Debug, Clone, PartialEq)]
pub struct Right {
    pub holder: EntityId,
    pub kind: RightKind,
    /// The share of the body the right names, in percent; `None`: the majority.
    pub seats: Option<f64>,
    /// The votes an agreement puts at the holder's disposal, in percent; `None`:
    /// the majority.
    pub votes: Option<f64>,
    pub note: Option<String>,
    /// Position in the entity's `rights` list.
    pub index: usize,
}

impl Entity {
    /// The three seats 19.6 a) looks at, in order: registered office, central
    /// administration, principal establishment.
    pub fn seats(&self) -> [Option<&Country>; 3] {
        [
            self.country.as_ref(),
            self.central_administration.as_ref(),
            self.principal_establishment.as_ref(),
        ]
    }

    /// Percent of capital and of voting rights that no declared holder accounts for.
    pub fn undeclared(&self) -> (f64, f64) {
        let capital: f64 = self.shareholders.iter().map(|h| h.capital).sum();
        let voting: f64 = self.shareholders.iter().map(|h| h.voting).sum();
        ((100.0 - capital).max(0.0), (100.0 - voting).max(0.0))
    }

    /// Whether holdings of this entity can be unknown: a company or fund whose
    /// declared holders do not add up to 100 %, or a public body that declares some
    /// holders (a kind never hides the rest of a declared holding). States,
    /// individuals, free floats and public bodies that declare no holders have none.
    pub fn can_have_holders(&self) -> bool {
        match self.kind {
            EntityKind::Company | EntityKind::Fund => true,
            EntityKind::PublicBody => !self.shareholders.is_empty(),
            EntityKind::State | EntityKind::Individual | EntityKind::FreeFloat => false,
        }
    }

    /// Whether the capital and votes no holder declared are free float: only in a
    /// listed company that states its holders, each with its votes. A listed
    /// company that leaves its holders out has unknown holders, and a holding whose
    /// votes are left out may carry more votes than its capital (double voting
    /// rights), which only the undeclared remainder can bound.
    pub fn dispersed_remainder(&self) -> bool {
        self.listed && self.stated.holders && self.stated.votes
    }

    /// Path of this entity in the provider file.
    pub fn path(&self) -> String {
        format!("entities.{}", self.id)
    }
}

impl Holding {
    /// Path of this holding in the provider file, given the held entity.
    pub fn path(&self, held: &EntityId) -> String {
        format!("entities.{held}.shareholders[{}]", self.index)
    }
}
