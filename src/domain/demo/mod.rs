//! Deterministic demo data: a believable desk (services, teams, two releases with
//! pre-production and early-life-support incidents, problems, known errors, articles)
//! and a fast generator of many incidents for benchmarks. Seeded by our own splitmix64
//! so the data never changes with a dependency update.

use super::config::{DeskSettings, Group, Person, Service};
use super::incident::{
    Channel, Environment, HoldReason, Incident, IncidentDraft, IncidentStatus, MajorFlag, Reporter,
};
use super::known_error::{KnownError, KnownErrorDraft, KnownErrorStatus};
use super::problem::{Problem, ProblemDraft, ProblemStatus};
use super::release::{Release, ReleaseDraft, ReleaseStatus};
use crate::domain::config::practice::{Practice, PracticeKind};
use crate::domain::config::priority::{Impact, Priority, PriorityMatrix, Urgency};
use crate::domain::couch::record::Record;
use crate::domain::kernel::history::{Change, History};
use crate::domain::kernel::lifecycle::Lifecycle;
use crate::domain::kernel::reference::{new_id, DeviceTag, RefKind, Reference};
use crate::domain::kernel::time::Timestamp;
use crate::domain::knowledge::article::{ArticleDraft, ArticleStatus, Audience, KnowledgeArticle};

mod data;

use data::{Spec, GROUPS, PEOPLE, PRACTICE_ROLES, SERVICES};

/// A tiny splitmix64 generator: fixed forever, so demo data is reproducible.
#[derive(Clone, Debug)]
pub struct DemoRng(u64);

impl DemoRng {
    /// A generator starting from `seed`.
    pub fn new(seed: u64) -> Self {
        DemoRng(seed)
    }

    /// The next 64 random bits.
    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// A number in `0..n` (0 when `n` is 0).
    pub fn below(&mut self, n: u64) -> u64 {
        if n == 0 {
            0
        } else {
            self.next_u64() % n
        }
    }

    /// True with the given percentage.
    pub fn chance(&mut self, percent: u64) -> bool {
        self.below(100) < percent
    }

    /// One item of a non-empty list.
    pub fn pick<T: Copy>(&mut self, items: &[T]) -> Option<T> {
        let i = self.below(items.len() as u64) as usize;
        items.get(i).copied()
    }

    /// A version-4-shaped UUID (`8-4-4-4-12` hex) from the next 128 bits.
    pub fn uuid(&mut self) -> String {
        let (a, b) = (self.next_u64(), self.next_u64());
        // Version 4 and RFC 4122 variant bits, as a real v4 UUID has.
        let a = (a & !0xf000) | 0x4000;
        let b = (b & !(0xc000 << 48)) | (0x8000 << 48);
        let bits = (u128::from(a) << 64) | u128::from(b);
        let mut s = String::with_capacity(36);
        for i in 0..32 {
            if matches!(i, 8 | 12 | 16 | 20) {
                s.push('-');
            }
            let nibble = ((bits >> (124 - 4 * i)) & 0xf) as u8;
            s.push(char::from(HEX[usize::from(nibble)]));
        }
        s
    }
}

const HEX: &[u8; 16] = b"0123456789abcdef";

/// Seed of the configuration ids, shared by [`scenario`] and [`incidents`] so
/// generated incidents point at the demo services and groups.
const CONFIG_SEED: u64 = 0x5E5D_E5C0_0F16;
/// Seed of the scenario's own records.
const SCENARIO_SEED: u64 = 0xDE30_2026;

fn tag(text: &str) -> DeviceTag {
    DeviceTag::parse(text).unwrap_or_else(|| DeviceTag::from_bits(0))
}

/// Ids of the demo services, groups and people (in table order).
fn config_ids() -> (Vec<String>, Vec<String>, Vec<String>) {
    let mut rng = DemoRng::new(CONFIG_SEED);
    let mut ids = |kind: &str, n: usize| -> Vec<String> {
        (0..n).map(|_| new_id(kind, &rng.uuid())).collect()
    };
    let services = ids("service", SERVICES.len());
    let groups = ids("group", GROUPS.len());
    let people = ids("person", PEOPLE.len());
    (services, groups, people)
}

/// Index of the services in [`SERVICES`], used by the tables.
pub(crate) mod svc {
    pub const EMAIL: usize = 0;
    pub const VPN: usize = 1;
    pub const PAYROLL: usize = 2;
    pub const PORTAL: usize = 3;
    pub const PRINTING: usize = 4;
    pub const LAPTOP: usize = 5;
}

struct Desk {
    now: Timestamp,
    rng: DemoRng,
    tag: DeviceTag,
    counters: [u32; 5],
    matrix: PriorityMatrix,
    services: Vec<String>,
    groups: Vec<String>,
    people: Vec<String>,
}

impl Desk {
    fn id(&mut self, kind: &str) -> String {
        new_id(kind, &self.rng.uuid())
    }

    fn reference(&mut self, kind: RefKind) -> Reference {
        let i = RefKind::ALL.iter().position(|k| *k == kind).unwrap_or(0);
        self.counters[i] += 1;
        Reference::new(kind, &self.tag, self.counters[i])
    }

    fn ago(&self, hours: i64) -> Timestamp {
        self.now.plus_ms(-hours * Timestamp::HOUR)
    }

    /// A member of `group` (by index): (person id, name).
    fn member(&mut self, group: usize) -> (String, &'static str) {
        let members: Vec<usize> = (0..PEOPLE.len())
            .filter(|&p| PEOPLE[p].2.contains(&group))
            .collect();
        let p = self.rng.pick(&members).unwrap_or(0);
        (self.people[p].clone(), PEOPLE[p].0)
    }

    /// An incident from a table row, walked through its lifecycle to `spec.status`.
    fn incident(&mut self, s: &Spec, env: Environment, release: Option<&str>) -> Option<Incident> {
        let created = self.ago(s.hours_ago);
        let reporter = self.rng.pick(data::REPORTERS).unwrap_or("Alex Morgan");
        let channel = match (env.is_pre_production(), s.channel) {
            (true, _) => Channel::Testing,
            (false, Some(c)) => c,
            (false, None) => self.rng.pick(&Channel::ALL[..5]).unwrap_or(Channel::Phone),
        };
        let (agent_id, agent) = self.member(0);
        let draft = IncidentDraft {
            title: s.title.into(),
            description: s.description.into(),
            service: Some(self.services[s.service].clone()),
            category: s.category.into(),
            impact: s.impact,
            urgency: s.urgency,
            environment: env,
            release: release.map(str::to_owned),
            reporter_name: reporter.into(),
            reporter_contact: data::email_of(reporter),
            channel,
        };
        let by = if channel == Channel::Portal {
            reporter
        } else {
            agent
        };
        let (id, reference) = (self.id("incident"), self.reference(RefKind::Incident));
        let mut i = Incident::create(draft, id, reference, created, by, &self.matrix).ok()?;
        if s.status == IncidentStatus::New {
            return Some(i);
        }
        let span = self.now.since(created).max(Timestamp::HOUR);
        let at = |pct: i64| created.plus_ms(span * pct / 100);
        if s.status == IncidentStatus::Cancelled {
            let why = Some("Duplicate of an earlier report".to_owned());
            i.transition(IncidentStatus::Cancelled, at(20), agent, why)
                .ok()?;
            return Some(i);
        }
        let group = s.group.unwrap_or(0);
        let (assignee_id, assignee) = if group == 0 {
            (agent_id, agent)
        } else {
            self.member(group)
        };
        i.assign(
            Some(self.groups[group].clone()),
            Some(assignee_id),
            at(5),
            agent,
        );
        i.transition(IncidentStatus::InProgress, at(10), assignee, None)
            .ok()?;
        i.add_note(data::note_for(s.category), false, at(25), assignee);
        match s.status {
            IncidentStatus::OnHold => {
                let reason = s.hold.unwrap_or(HoldReason::AwaitingCaller);
                i.put_on_hold(reason, at(45), assignee).ok()?;
            }
            IncidentStatus::Resolved => {
                i.add_note(
                    "We have applied a fix; please confirm.",
                    true,
                    at(55),
                    assignee,
                );
                i.resolve(Some(s.code.into()), s.fix, at(60), assignee)
                    .ok()?;
            }
            IncidentStatus::Closed => {
                i.resolve(Some(s.code.into()), s.fix, at(40), assignee)
                    .ok()?;
                i.transition(IncidentStatus::Closed, at(80), "system", None)
                    .ok()?;
            }
            _ => {}
        }
        Some(i)
    }

    /// Records a link no earlier than the incident's last event (history is in order).
    fn link(i: &mut Incident, what: &str, target: &str, at: Timestamp, by: &str) {
        let at = at.max(i.updated);
        let change = Change::Linked {
            what: what.into(),
            target: target.into(),
        };
        i.history.record(at, by, change);
        i.updated = i.updated.max(at);
    }
}

/// The demo desk as of `now`: configuration, releases, problems, known errors,
/// articles and incidents. The same `now` always gives the same records, and the ids
/// do not depend on `now` at all (so loading twice is detected).
pub fn scenario(now: Timestamp) -> Vec<Record> {
    let (services, groups, people) = config_ids();
    let mut d = Desk {
        now,
        rng: DemoRng::new(SCENARIO_SEED),
        tag: tag("DEM00"),
        counters: [0; 5],
        matrix: PriorityMatrix::default(),
        services,
        groups,
        people,
    };
    let config_time = d.ago(45 * 24);
    let mut out: Vec<Record> = Vec::with_capacity(80);
    out.push(Record::Settings(DeskSettings {
        updated: config_time,
        ..DeskSettings::default()
    }));
    for (k, (name, description)) in SERVICES.iter().enumerate() {
        out.push(Record::Service(Service {
            id: d.services[k].clone(),
            name: (*name).into(),
            description: (*description).into(),
            updated: config_time,
        }));
    }
    for (k, (name, description)) in GROUPS.iter().enumerate() {
        out.push(Record::Group(Group {
            id: d.groups[k].clone(),
            name: (*name).into(),
            description: (*description).into(),
            updated: config_time,
        }));
    }
    for (k, (name, email, member_of)) in PEOPLE.iter().enumerate() {
        out.push(Record::Person(Person {
            id: d.people[k].clone(),
            name: (*name).into(),
            email: (*email).into(),
            groups: member_of.iter().map(|g| d.groups[*g].clone()).collect(),
            updated: config_time,
        }));
    }
    let person = |p: &usize| d.people[*p].clone();
    for (kind, (owner, managers, practitioners)) in
        PracticeKind::ALL.into_iter().zip(PRACTICE_ROLES)
    {
        out.push(Record::Practice(Practice {
            owner: Some(person(&owner)),
            managers: managers.iter().map(person).collect(),
            practitioners: practitioners.iter().map(person).collect(),
            updated_by: PEOPLE[owner].0.into(),
            ..Practice::blank(kind, config_time)
        }));
    }
    data::knowledge_and_releases(&mut d, &mut out);
    out
}

/// `n` believable incidents for benchmarks (references `INC-BENCH-0001` …), spread over
/// the 90 days before `now`, in every status and priority. Deterministic per `seed`.
pub fn incidents(n: usize, seed: u64, now: Timestamp) -> Vec<Incident> {
    let mut rng = DemoRng::new(seed ^ 0xBE7C_4000_0000_0001);
    let bench = tag("BENCH");
    let (services, groups, people) = config_ids();
    let matrix = PriorityMatrix::default();
    let window = 90 * Timestamp::DAY;
    let mut out = Vec::with_capacity(n);
    for k in 0..n {
        let (title, service, category) =
            data::BENCH_TITLES[rng.below(data::BENCH_TITLES.len() as u64) as usize];
        let detail = data::BENCH_DETAILS[rng.below(data::BENCH_DETAILS.len() as u64) as usize];
        let impact = Impact::ALL[rng.below(3) as usize];
        let urgency = Urgency::ALL[rng.below(3) as usize];
        let status = match rng.below(100) {
            0..=14 => IncidentStatus::New,
            15..=39 => IncidentStatus::InProgress,
            40..=49 => IncidentStatus::OnHold,
            50..=64 => IncidentStatus::Resolved,
            65..=94 => IncidentStatus::Closed,
            _ => IncidentStatus::Cancelled,
        };
        let created = now.plus_ms(-(rng.below(window as u64) as i64) - Timestamp::MINUTE);
        let updated = created.plus_ms(rng.below(now.since(created) as u64) as i64);
        let reporter = data::REPORTERS[rng.below(data::REPORTERS.len() as u64) as usize];
        let p = rng.below(people.len() as u64) as usize;
        let agent = PEOPLE[p].0;
        let mut history = History::new();
        history.record(created, agent, Change::Created);
        for pair in data::status_path(status).windows(2) {
            history.record(
                updated,
                agent,
                Change::Status {
                    from: pair[0].label().to_owned(),
                    to: pair[1].label().to_owned(),
                    reason: None,
                },
            );
        }
        let worked = status != IncidentStatus::New && status != IncidentStatus::Cancelled;
        let resolved = matches!(status, IncidentStatus::Resolved | IncidentStatus::Closed);
        let group = PEOPLE[p].2.first().copied().unwrap_or(0);
        out.push(Incident {
            id: new_id("incident", &rng.uuid()),
            reference: Reference::new(RefKind::Incident, &bench, k as u32 + 1),
            title: format!("{title} {detail}"),
            description: data::BENCH_DESCRIPTIONS[k % data::BENCH_DESCRIPTIONS.len()].to_owned(),
            reporter: Reporter {
                name: reporter.to_owned(),
                contact: data::email_of(reporter),
            },
            channel: Channel::ALL[rng.below(5) as usize],
            service: Some(services[service].clone()),
            category: category.to_owned(),
            environment: Environment::Production,
            release: None,
            impact,
            urgency,
            priority: matrix.priority(impact, urgency),
            status,
            hold_reason: (status == IncidentStatus::OnHold).then_some(HoldReason::AwaitingCaller),
            assignment_group: worked.then(|| groups[group].clone()),
            assignee: worked.then(|| people[p].clone()),
            major: None,
            problem: None,
            known_error: None,
            articles: Vec::new(),
            resolution_code: resolved.then(|| "fixed".to_owned()),
            resolution_notes: resolved.then(|| "Fixed and confirmed with the caller.".to_owned()),
            created,
            created_by: agent.to_owned(),
            updated,
            updated_by: agent.to_owned(),
            history,
        });
    }
    out
}

#[cfg(test)]
mod tests;
