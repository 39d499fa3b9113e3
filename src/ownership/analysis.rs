//! The result of an ownership analysis: what the fact layer and the reports read.
//!
//! Percentages are 0–100, as in the provider file.

use serde::Serialize;

use crate::provider::model::{EntityId, RightKind};

/// Why a third party (or the provider itself) is looked at.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Role {
    Provider,
    Subcontractor,
    Technology,
    DatacenterOperator,
    DatacenterOwner,
}

impl Role {
    /// The role in plain English, as in "datacenter operator X SAS".
    pub fn describe(self) -> &'static str {
        match self {
            Role::Provider => "provider",
            Role::Subcontractor => "subcontractor",
            Role::Technology => "technology supplier",
            Role::DatacenterOperator => "datacenter operator",
            Role::DatacenterOwner => "datacenter owner",
        }
    }
}

/// An entity the provider relies on, as named in the provider file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ThirdPartyRef {
    pub role: Role,
    pub entity: EntityId,
    /// Path of the reference in the provider file, for evidence.
    pub path: String,
}

/// Where an entity belongs, from its three seats (SecNumCloud 19.6 a)).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Origin {
    /// Registered office, central administration and principal establishment all known
    /// and all in the EU.
    Eu,
    /// At least one known seat outside the EU.
    NonEu,
    /// No known seat outside the EU, but not all three known.
    Unknown,
}

/// A percentage known for sure (`known`) and in the worst case (`worst` >= known).
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Bound {
    pub known: f64,
    pub worst: f64,
}

impl Bound {
    /// A figure known exactly.
    pub fn exact(value: f64) -> Self {
        Bound {
            known: value,
            worst: value,
        }
    }
}

/// Entity ids from a holder (first) down to the held entity (last).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Chain(pub Vec<EntityId>);

/// The ground on which an entity controls another (Code de commerce art. L.233-3).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum ControlBasis {
    /// More than half of the voting rights, with those of entities it controls (I 1°).
    VotingMajority,
    /// A majority of votes under an agreement with other holders (I 2°): a declared
    /// `voting-agreement` or `management-agreement`.
    Agreement,
    /// The power to appoint or dismiss the majority of the administration,
    /// management or supervisory body (I 4°): rights naming more than half of it.
    BoardAppointment,
    /// Determines in fact the decisions of general meetings by its votes (I 3°): a
    /// declared `de-facto-control` right.
    DeFacto,
    /// The II presumption: the statute presumes control above 40 % of the votes when
    /// no other holder has more; trustcheck also counts exactly 40 %, erring towards
    /// control.
    Presumption,
}

impl ControlBasis {
    /// The basis in plain English, with its paragraph of Code de commerce art. L.233-3.
    pub fn describe(self) -> &'static str {
        match self {
            ControlBasis::VotingMajority => "majority of the votes (L.233-3 I 1°)",
            ControlBasis::Agreement => "majority of the votes by agreement (L.233-3 I 2°)",
            ControlBasis::BoardAppointment => {
                "appoints the majority of a governing body (L.233-3 I 4°)"
            }
            ControlBasis::DeFacto => {
                "determines the general meetings' decisions in fact (L.233-3 I 3°)"
            }
            ControlBasis::Presumption => {
                "presumed: 40 % of the votes or more and no larger holder (L.233-3 II presumes \
                 control above 40 %; exactly 40 % is counted too)"
            }
        }
    }

    /// The paragraph of Code de commerce art. L.233-3 it rests on.
    pub fn paragraph(self) -> &'static str {
        match self {
            ControlBasis::VotingMajority => "L.233-3 I 1°",
            ControlBasis::Agreement => "L.233-3 I 2°",
            ControlBasis::DeFacto => "L.233-3 I 3°",
            ControlBasis::BoardAppointment => "L.233-3 I 4°",
            ControlBasis::Presumption => "L.233-3 II",
        }
    }
}

/// The analysis of one provider's ownership and of its third parties' control.
#[derive(Debug, Clone, Serialize)]
pub struct Analysis {
    pub subject: EntityId,
    /// Origin of the subject itself.
    pub subject_origin: Origin,
    /// Direct and indirect holders, by descending `capital.worst`, then id.
    pub holders: Vec<HolderShare>,
    /// Capital held by holders outside the EU, together (an intermediate company that
    /// non-EU entities control, alone or together, counts in full).
    pub non_eu_capital: Bound,
    /// Voting rights held by holders outside the EU, together.
    pub non_eu_voting: Bound,
    /// Special rights over the subject, held directly or through controlled entities.
    pub rights: Vec<RightOver>,
    /// The ultimate L.233-3 controller of the subject, if any.
    pub controller: Option<(EntityId, ControlBasis, Chain)>,
    /// Whether the subject is controlled from outside the EU (L.233-3): by one
    /// entity outside the EU, directly or through entities it controls, or by the
    /// entities outside the EU together; `None`: cannot tell.
    pub controlled_from_non_eu: Option<bool>,
    /// Every entity that controls the subject, directly or through others, by
    /// nearness then id.
    pub controllers: Vec<Controller>,
    /// Control of the subject by the entities outside the EU taken together, when
    /// they have it (or could have it, counting entities of unknown origin).
    pub coalition: Option<Coalition>,
    /// The share of a governing body of the subject that rights held from outside
    /// the EU name, all together (SecNumCloud 19.6 b), "individuellement ou
    /// collectivement"); the worst case counts holders of unknown origin or control.
    pub non_eu_board_seats: Bound,
    /// States and public bodies not known to be in the EU that hold, hold a right
    /// over, or control the subject (SecNumCloud 19.6 e)).
    pub foreign_public: Vec<PublicLink>,
    /// Third parties, by role, entity and path.
    pub third_parties: Vec<ThirdParty>,
    /// Extraterritorial laws reaching the subject and every third party.
    pub exposure: Vec<Exposure>,
    /// Holdings and rights among the subject and the entities above it.
    pub edges: Vec<OwnershipEdge>,
    /// Remarks on how the figures were reached (English).
    pub notes: Vec<String>,
}

/// An entity that controls the subject (Code de commerce art. L.233-3).
#[derive(Debug, Clone, Serialize)]
pub struct Controller {
    pub entity: EntityId,
    pub origin: Origin,
    pub basis: ControlBasis,
    /// From the controller down to the subject.
    pub chain: Chain,
}

/// Control held by the entities outside the EU together.
#[derive(Debug, Clone, Serialize)]
pub struct Coalition {
    pub basis: ControlBasis,
    /// True when the entities known to be outside the EU have it; false when it
    /// needs entities of unknown origin too.
    pub known: bool,
    /// The entities outside the EU (or of unknown origin, when not `known`) that
    /// hold or hold rights over the subject or over an entity above it.
    pub members: Vec<EntityId>,
    /// From the member through which the control runs down to the subject.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub chain: Option<Chain>,
}

/// A state or public body outside the EU (or of unknown seat) linked to the subject.
#[derive(Debug, Clone, Serialize)]
pub struct PublicLink {
    pub entity: EntityId,
    pub origin: Origin,
    /// Its attributed or economic share of the subject, whichever is larger.
    pub capital: f64,
    pub voting: f64,
    /// The special rights over the subject it holds, directly or through others.
    pub rights: Vec<RightKind>,
    /// How it controls the subject, if it does.
    pub control: Option<ControlBasis>,
    /// The chain that links it to the subject.
    pub chain: Chain,
    /// True for holdings nobody declared, which a foreign state could hold.
    pub undeclared: bool,
}

/// One direct or indirect holder of the subject and its shares, in percent.
#[derive(Debug, Clone, Serialize)]
pub struct HolderShare {
    pub entity: EntityId,
    pub origin: Origin,
    /// What it and the entities it controls hold directly (SecNumCloud 19.6 b)).
    pub attributed_capital: f64,
    pub attributed_voting: f64,
    /// The product of holdings along every path, summed (look-through).
    pub economic_capital: f64,
    pub economic_voting: f64,
    /// The larger of attributed and economic; for undeclared holdings, 0 known.
    pub capital: Bound,
    pub voting: Bound,
    /// How it controls the subject, if it does (L.233-3).
    pub control: Option<ControlBasis>,
    /// The chains that produce its figures, most significant first (at most five).
    pub chains: Vec<Chain>,
    /// True for the holder that stands for holdings nobody declared.
    pub undeclared: bool,
}

/// A special right over the subject, held directly or through a controlled entity.
#[derive(Debug, Clone, Serialize)]
pub struct RightOver {
    pub holder: EntityId,
    pub kind: RightKind,
    pub origin: Origin,
    /// From the holder down to the subject.
    pub via: Chain,
    /// Position of the right in the subject's `rights` list.
    pub index: usize,
}

/// A third party and who controls it.
#[derive(Debug, Clone, Serialize)]
pub struct ThirdParty {
    pub role: Role,
    pub entity: EntityId,
    pub path: String,
    pub origin: Origin,
    /// Whether an entity outside the EU controls it; `None`: cannot tell.
    pub controlled_from_non_eu: Option<bool>,
    /// From the controller that decided `controlled_from_non_eu` down to the entity.
    pub control_chain: Option<Chain>,
}

/// An extraterritorial law that reaches an entity.
#[derive(Debug, Clone, Serialize)]
pub struct Exposure {
    pub entity: EntityId,
    pub role: Role,
    /// Law id, as in `rules/laws.yaml`.
    pub law: String,
    /// From the bound entity (first) down to the exposed entity (last); one element
    /// when the entity is bound by its own seat.
    pub chain: Chain,
    /// The entity seated in the law's jurisdiction.
    pub bound_entity: EntityId,
    /// Its seat in that jurisdiction.
    pub bound_country: String,
}

/// A holding or a right between two entities above the subject.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct OwnershipEdge {
    pub holder: EntityId,
    pub held: EntityId,
    pub link: EdgeKind,
    /// How `holder` controls `held`, if it does.
    pub control: Option<ControlBasis>,
}

/// What an [`OwnershipEdge`] stands for.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
#[serde(rename_all = "kebab-case", tag = "kind")]
pub enum EdgeKind {
    /// A holding, in percent.
    Holding { capital: f64, voting: f64 },
    /// A special right.
    Right { right: RightKind },
}
