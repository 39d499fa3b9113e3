//! Synthetic corporate registries the size of a national register, for benchmarks.
//!
//! A registry is a set of corporate groups: each a tree of subsidiaries under a
//! parent (listed or held by a few investors), with minority stakes held by sister
//! companies and by a shared pool of funds and individuals, some cross-holdings up to
//! the parent, a few special rights, and countries drawn from a weighted table in
//! which some parents are American or Chinese. Generation is deterministic for a seed.

use std::collections::BTreeMap;

use trustcheck::ownership::{Role, ThirdPartyRef};
use trustcheck::provider::model::{
    Entity, EntityId, EntityKind, Holding, Right, RightKind, Stated,
};

/// Countries and their weights: mostly EU, with US and Chinese groups among them.
const COUNTRIES: &[(&str, u32)] = &[
    ("FR", 30),
    ("DE", 14),
    ("NL", 6),
    ("IT", 6),
    ("ES", 5),
    ("LU", 4),
    ("BE", 3),
    ("IE", 3),
    ("PL", 2),
    ("SE", 2),
    ("US", 12),
    ("GB", 5),
    ("CN", 3),
    ("CH", 3),
    ("JP", 2),
];

/// A generated registry and the providers a benchmark analyses in it.
pub struct Registry {
    pub entities: BTreeMap<EntityId, Entity>,
    /// Number of holdings (edges) in `entities`.
    pub holdings: usize,
    /// Providers to analyse, each with its third parties.
    pub providers: Vec<(EntityId, Vec<ThirdPartyRef>)>,
}

/// SplitMix64: small, fast, and the same on every platform.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// A number in [0, 1).
    fn unit(&mut self) -> f64 {
        (self.next() >> 11) as f64 / (1u64 << 53) as f64
    }

    fn below(&mut self, n: usize) -> usize {
        (self.unit() * n as f64) as usize
    }

    fn chance(&mut self, p: f64) -> bool {
        self.unit() < p
    }

    /// A whole percentage in [low, high].
    fn percent(&mut self, low: u32, high: u32) -> f64 {
        f64::from(low + self.below((high - low + 1) as usize) as u32)
    }

    fn country(&mut self) -> &'static str {
        let total: u32 = COUNTRIES.iter().map(|c| c.1).sum();
        let mut pick = self.below(total as usize) as u32;
        for &(code, weight) in COUNTRIES {
            if pick < weight {
                return code;
            }
            pick -= weight;
        }
        "FR"
    }
}

fn entity(id: String, name: String, kind: EntityKind, country: Option<String>) -> Entity {
    Entity {
        id,
        name,
        kind,
        central_administration: country.clone(),
        principal_establishment: country.clone(),
        country,
        listed: false,
        stated: Stated::ALL,
        shareholders: Vec::new(),
        rights: Vec::new(),
    }
}

fn hold(entity: &mut Entity, holder: &str, capital: f64) {
    let index = entity.shareholders.len();
    entity.shareholders.push(Holding {
        holder: holder.to_string(),
        capital,
        voting: capital,
        index,
    });
}

fn grant(entity: &mut Entity, holder: &str, kind: RightKind) {
    let index = entity.rights.len();
    entity.rights.push(Right {
        holder: holder.to_string(),
        kind,
        seats: None,
        votes: None,
        note: None,
        index,
    });
}

/// The legal form that goes with a country, for names.
fn form(country: Option<&str>) -> &'static str {
    match country {
        Some("FR") => "SAS",
        Some("DE") => "GmbH",
        Some("NL") => "BV",
        Some("US") => "Inc",
        Some("GB" | "IE") => "Ltd",
        Some("CN") => "Co Ltd",
        _ => "SA",
    }
}

/// Builds a registry of about `size` entities.
pub fn generate(size: usize, seed: u64) -> Registry {
    let mut rng = Rng(seed);
    let mut entities = BTreeMap::new();
    let investors = (size / 50).max(10);
    for k in 0..investors {
        let kind = match rng.below(20) {
            0 => EntityKind::State,
            1..=10 => EntityKind::Fund,
            _ => EntityKind::Individual,
        };
        let investor = entity(
            format!("inv-{k}"),
            format!("Investor {k}"),
            kind,
            Some(rng.country().to_string()),
        );
        entities.insert(investor.id.clone(), investor);
    }
    let mut pool = Pool {
        investors,
        groups: Vec::new(),
    };
    let mut providers = Vec::new();
    let mut holdings = 0;
    while entities.len() < size {
        // Group sizes follow an exponential law (mean 20), capped at 2,000.
        let members = (1.0 - 20.0 * (1.0 - rng.unit()).ln()).min(2_000.0) as usize;
        let members = add_group(&mut rng, &pool, members.min(size - entities.len()).max(1));
        // Providers come from the second half, where cross-group stakes reach furthest.
        if entities.len() > size / 2
            && members.len() > 10
            && providers.len() < 9
            && rng.chance(0.01)
        {
            providers.push(provider(&mut rng, &members, &pool, providers.len()));
        }
        pool.groups.push(members.len());
        for member in members {
            holdings += member.shareholders.len();
            entities.insert(member.id.clone(), member);
        }
    }
    Registry {
        entities,
        holdings,
        providers,
    }
}

/// What a new holding can point at outside its own group.
struct Pool {
    investors: usize,
    /// Sizes of the groups generated so far.
    groups: Vec<usize>,
}

impl Pool {
    fn investor(&self, rng: &mut Rng) -> String {
        format!("inv-{}", rng.below(self.investors))
    }

    /// A company of an earlier group (an investor while there is none).
    fn company(&self, rng: &mut Rng) -> String {
        let group = rng.below(self.groups.len());
        match self.groups.get(group) {
            Some(&size) => format!("g{group}-{}", rng.below(size)),
            None => self.investor(rng),
        }
    }
}

/// One group: a parent and its subsidiaries. Its number is the count of groups so far.
fn add_group(rng: &mut Rng, pool: &Pool, members: usize) -> Vec<Entity> {
    let group = pool.groups.len();
    let country = rng.country();
    let name = format!("Group {group} {}", form(Some(country)));
    let mut root = entity(
        format!("g{group}-0"),
        name,
        EntityKind::Company,
        Some(country.to_string()),
    );
    root.listed = rng.chance(0.25);
    let stakes = 1 + rng.below(3);
    for _ in 0..stakes {
        let share = if root.listed {
            rng.percent(5, 15)
        } else {
            rng.percent(20, 100 / stakes as u32)
        };
        hold(&mut root, &pool.investor(rng), share);
    }
    let mut entities = Vec::with_capacity(members);
    entities.push(root);
    for i in 1..members {
        let member = subsidiary(rng, pool, &entities, group, i);
        entities.push(member);
    }
    // A cross-holding: a subsidiary holds a little of its listed parent.
    if members > 2 && entities[0].listed && rng.chance(0.3) {
        let holder = entities[1 + rng.below(members - 1)].id.clone();
        let share = rng.percent(1, 5);
        hold(&mut entities[0], &holder, share);
    }
    entities
}

/// Member `i` of a group: held by a parent in the group, often with minority
/// holders (sister companies, companies of other groups, investors), sometimes with
/// a special right over it.
fn subsidiary(
    rng: &mut Rng,
    pool: &Pool,
    group_members: &[Entity],
    group: usize,
    i: usize,
) -> Entity {
    // Half of the subsidiaries hang under the previous one, which makes chains.
    let parent = &group_members[if rng.chance(0.5) { i - 1 } else { rng.below(i) }];
    let country = if rng.chance(0.005) {
        None
    } else if rng.chance(0.7) {
        parent.country.clone()
    } else {
        Some(rng.country().to_string())
    };
    let name = format!("Sub {group}-{i} {}", form(country.as_deref()));
    let mut member = entity(format!("g{group}-{i}"), name, EntityKind::Company, country);
    if rng.chance(0.02) {
        member.central_administration = Some(rng.country().to_string());
    }
    let parent_share = if rng.chance(0.2) {
        100.0
    } else {
        rng.percent(51, 90)
    };
    hold(&mut member, &parent.id, parent_share);
    let mut left = 100.0 - parent_share;
    for _ in 0..2 {
        if left < 1.0 {
            break;
        }
        let share = if rng.chance(0.5) {
            left
        } else {
            rng.percent(1, left as u32)
        };
        let holder = match rng.below(20) {
            0..=9 => group_members[rng.below(i)].id.clone(),
            10 | 11 => pool.company(rng),
            _ => pool.investor(rng),
        };
        if member.shareholders.iter().all(|h| h.holder != holder) {
            hold(&mut member, &holder, share);
            left -= share;
        }
    }
    if rng.chance(0.01) {
        let (holder, kind) = match rng.below(3) {
            0 => (pool.investor(rng), RightKind::BoardAppointment),
            1 => (pool.investor(rng), RightKind::Veto),
            _ => (group_members[0].id.clone(), RightKind::ManagementAgreement),
        };
        grant(&mut member, &holder, kind);
    }
    member
}

/// A provider deep in a group, with three third parties: companies of other groups
/// or investors.
fn provider(
    rng: &mut Rng,
    members: &[Entity],
    pool: &Pool,
    p: usize,
) -> (EntityId, Vec<ThirdPartyRef>) {
    let provider = members[members.len() - 1 - rng.below(3)].id.clone();
    let roles = [
        Role::Subcontractor,
        Role::Technology,
        Role::DatacenterOperator,
    ];
    let third = roles
        .iter()
        .enumerate()
        .map(|(k, &role)| {
            let entity = if rng.chance(0.3) {
                pool.investor(rng)
            } else {
                pool.company(rng)
            };
            ThirdPartyRef {
                role,
                entity,
                path: format!("offer.third_parties[{p}-{k}]"),
            }
        })
        .collect();
    (provider, third)
}
