//! The demo desk's content: tables of services, teams, people and incidents, the two
//! releases with their problems, known errors and articles, and benchmark vocabulary.

use super::svc::{EMAIL, LAPTOP, PAYROLL, PORTAL, PRINTING, VPN};
use super::*;

/// Services: (name, description).
pub const SERVICES: [(&str, &str); 6] = [
    ("Email", "Mail, calendars and shared mailboxes"),
    ("VPN", "Remote access to the office network"),
    ("Payroll", "Salaries, payslips and expense claims"),
    (
        "Customer portal",
        "The customer-facing web shop and account pages",
    ),
    ("Printing", "Office printers and scan to email"),
    ("Laptop & desktop", "Staff computers, docks and peripherals"),
];

/// Assignment groups: (name, description). Index 0 is the service desk.
pub const GROUPS: [(&str, &str); 4] = [
    ("Service desk", "First line: logging, triage, quick fixes"),
    ("Network team", "VPN, Wi-Fi and office network"),
    (
        "Payroll apps",
        "Payroll application support and development",
    ),
    (
        "Platform ops",
        "Servers, databases and the customer portal platform",
    ),
];

/// People: (name, email, group indexes).
pub const PEOPLE: [(&str, &str, &[usize]); 8] = [
    ("Maya Okafor", "maya.okafor@example.com", &[0]),
    ("Tom Becker", "tom.becker@example.com", &[0]),
    ("Lena Fischer", "lena.fischer@example.com", &[0]),
    ("Arjun Mehta", "arjun.mehta@example.com", &[1]),
    ("Sofia Lindqvist", "sofia.lindqvist@example.com", &[1]),
    ("Daniel Kim", "daniel.kim@example.com", &[2]),
    ("Grace Adeyemi", "grace.adeyemi@example.com", &[3]),
    ("Marco Rossi", "marco.rossi@example.com", &[3, 2]),
];

/// Practice roles by index into [`PEOPLE`], in [`PracticeKind::ALL`] order:
/// (process owner, managers, practitioners).
#[rustfmt::skip]
pub const PRACTICE_ROLES: [(usize, &[usize], &[usize]); 4] = [
    (0, &[1], &[2, 3, 4]), // incident: Maya Okafor owns it, Tom Becker manages it
    (5, &[6], &[7, 3]),    // problem: Daniel Kim, Grace Adeyemi
    (2, &[0], &[1, 5]),    // knowledge: Lena Fischer, Maya Okafor
    (6, &[7], &[5, 0]),    // release: Grace Adeyemi, Marco Rossi
];

/// People who report incidents.
#[rustfmt::skip]
pub const REPORTERS: &[&str] = &[
    "Alex Morgan", "Chloé Dubois", "Jonas Weber", "Aisha Khan", "Ben Carter", "Yuki Tanaka",
    "Olivia Brown", "Mateo García", "Nora Jensen", "Samuel Osei", "Emma Novak", "Liam Walsh",
];

/// `First Last` → `first.last@example.com`.
pub fn email_of(name: &str) -> String {
    let mut s = String::with_capacity(name.len() + 12);
    for part in name.split(' ') {
        if !s.is_empty() {
            s.push('.');
        }
        s.extend(part.chars().flat_map(char::to_lowercase));
    }
    s.push_str("@example.com");
    s
}

/// A first work note that fits the category.
pub fn note_for(category: &str) -> &'static str {
    match category {
        "Hardware" => "Asked the caller for the asset tag and a photo.",
        "Network" => "Collected client logs; checking the gateway side.",
        "Access" => "Verified identity and checked group memberships.",
        _ => "Reproduced the issue; investigating.",
    }
}

/// The legal status path from New to `status`.
pub fn status_path(status: IncidentStatus) -> &'static [IncidentStatus] {
    use IncidentStatus::*;
    match status {
        New => &[New],
        InProgress => &[New, InProgress],
        OnHold => &[New, InProgress, OnHold],
        Resolved => &[New, InProgress, Resolved],
        Closed => &[New, InProgress, Resolved, Closed],
        Cancelled => &[New, Cancelled],
    }
}

/// One demo incident.
#[derive(Clone, Copy)]
pub struct Spec {
    pub title: &'static str,
    pub description: &'static str,
    pub service: usize,
    pub category: &'static str,
    pub impact: Impact,
    pub urgency: Urgency,
    pub status: IncidentStatus,
    pub group: Option<usize>,
    pub hours_ago: i64,
    pub hold: Option<HoldReason>,
    pub code: &'static str,
    pub fix: &'static str,
    pub channel: Option<Channel>,
}

use HoldReason as H;
use Impact as I;
use IncidentStatus as S;
use Urgency as U;

#[allow(clippy::too_many_arguments)]
const fn spec(
    title: &'static str,
    description: &'static str,
    service: usize,
    category: &'static str,
    impact: Impact,
    urgency: Urgency,
    status: IncidentStatus,
    group: usize,
    hours_ago: i64,
) -> Spec {
    Spec {
        title,
        description,
        service,
        category,
        impact,
        urgency,
        status,
        group: Some(group),
        hours_ago,
        hold: None,
        code: "fixed",
        fix: "",
        channel: None,
    }
}

impl Spec {
    const fn fix(mut self, code: &'static str, fix: &'static str) -> Spec {
        self.code = code;
        self.fix = fix;
        self
    }
    const fn hold(mut self, reason: HoldReason) -> Spec {
        self.hold = Some(reason);
        self
    }
    const fn via(mut self, channel: Channel) -> Spec {
        self.channel = Some(channel);
        self
    }
}

/// Incidents found while testing Payroll 2.4 (environment, row).
#[rustfmt::skip]
pub const PRE_PRODUCTION: [(Environment, Spec); 3] = [
    (Environment::Test, spec("Payslip PDF blank for names with accents", "Test employee 'Zoë Ångström': the payslip PDF renders as an empty page. ASCII names are fine.", PAYROLL, "Application", I::Medium, U::Medium, S::InProgress, 2, 120)),
    (Environment::Staging, spec("Overtime hours rounded down on timesheet import", "Imported 7.5 overtime hours show as 7 in the payroll run preview.", PAYROLL, "Data", I::High, U::Medium, S::InProgress, 2, 48)),
    (Environment::Staging, spec("Bank export times out above 500 employees", "The SEPA export in staging stops after 60 seconds with 'gateway timeout'.", PAYROLL, "Performance", I::Medium, U::High, S::New, 2, 12)),
];

/// Production incidents during early life support of Customer portal 5.1.
#[rustfmt::skip]
pub const ELS: [Spec; 8] = [
    spec("Customers logged out when switching language", "Since the 5.1 release customers who change the language are sent back to the sign-in page and lose their basket.", PORTAL, "Application", I::High, U::High, S::InProgress, 3, 70).via(Channel::Monitoring),
    spec("Logged out after changing language to German", "Customer reports being logged out every time they choose Deutsch.", PORTAL, "Application", I::Medium, U::High, S::Resolved, 0, 60).fix("workaround", "Applied the workaround from the knowledge article: choose the language before signing in.").via(Channel::Email),
    spec("Order history page slow since upgrade", "Order history takes 20–30 seconds to load for customers with many orders.", PORTAL, "Performance", I::Medium, U::Medium, S::InProgress, 3, 50),
    spec("Checkout button misaligned on mobile", "On small phones the 'Pay now' button overlaps the terms checkbox.", PORTAL, "User interface", I::Low, U::Medium, S::New, 0, 20).via(Channel::Portal),
    spec("Password reset email not received", "Customers requesting a password reset get no email.", PORTAL, "Application", I::Medium, U::High, S::Closed, 0, 65).fix("fixed", "Re-published the reset email template that the deployment had left empty."),
    spec("Invoice download returns error 500", "Downloading any invoice PDF from the account page fails with error 500.", PORTAL, "Application", I::High, U::Medium, S::OnHold, 3, 40).hold(H::AwaitingProblem),
    spec("Session expired message while filling in a form", "The address form says 'session expired' after switching to French.", PORTAL, "Application", I::Low, U::High, S::Resolved, 0, 30).fix("workaround", "Workaround from the knowledge article applied; customer can order again.").via(Channel::Portal),
    spec("Customer cannot update delivery address", "Saving a new delivery address shows no error but keeps the old one.", PORTAL, "Data", I::Low, U::Low, S::New, 0, 5).via(Channel::Portal),
];

/// Everyday incidents over the last 30 days.
#[rustfmt::skip]
pub const ORDINARY: [Spec; 21] = [
    spec("Printer on floor 3 jams", "The big printer by the kitchen jams on every second page.", PRINTING, "Hardware", I::Low, U::Medium, S::InProgress, 0, 30),
    spec("VPN drops every 10 minutes", "Working from home, the VPN disconnects roughly every ten minutes.", VPN, "Network", I::Medium, U::High, S::InProgress, 1, 20),
    spec("Cannot open payslip PDF", "Clicking my payslip shows a grey page.", PAYROLL, "Application", I::Low, U::Medium, S::Resolved, 2, 100).fix("fixed", "Cleared the browser's PDF viewer cache; the payslip opens."),
    spec("Outlook asks for password repeatedly", "Outlook prompts for my password every few minutes.", EMAIL, "Access", I::Medium, U::Medium, S::Closed, 0, 400).fix("fixed", "Removed stale credentials from Windows Credential Manager."),
    spec("Laptop will not boot after update", "Stuck on the manufacturer logo after last night's update.", LAPTOP, "Hardware", I::Low, U::High, S::OnHold, 0, 50).hold(H::AwaitingVendor),
    spec("Shared mailbox not visible for finance team", "The finance@ mailbox disappeared from Outlook for the whole team.", EMAIL, "Access", I::Medium, U::Medium, S::Resolved, 0, 70).fix("fixed", "Granted full access to the finance group; the mailbox appears after a restart."),
    spec("VPN gateway CPU above 90%", "Monitoring alert: vpn-gw-01 CPU above 90% for 15 minutes.", VPN, "Capacity", I::High, U::Medium, S::Closed, 1, 300).fix("fixed", "Rebalanced tunnels across both gateways.").via(Channel::Monitoring),
    spec("New starter needs a laptop by Monday", "Our new colleague starts Monday and has no laptop yet.", LAPTOP, "Request", I::Low, U::Low, S::New, 0, 6),
    spec("Email delivery delayed by 30 minutes", "External emails arrive half an hour late.", EMAIL, "Performance", I::High, U::High, S::Closed, 3, 600).fix("fixed", "Mail queue drained after restarting the transport service."),
    spec("Printer prints blank pages", "Floor 2 printer outputs empty sheets.", PRINTING, "Hardware", I::Low, U::Low, S::Cancelled, 0, 200),
    spec("Wi-Fi in meeting room 2 keeps disconnecting", "Laptops lose Wi-Fi in meeting room 2 during calls.", LAPTOP, "Network", I::Medium, U::Medium, S::InProgress, 1, 10),
    spec("Payroll report totals do not match ledger", "The monthly payroll report is 312.40 off the general ledger.", PAYROLL, "Data", I::Medium, U::High, S::OnHold, 2, 150).hold(H::AwaitingChange),
    spec("Keyboard missing keys", "Two keys came off my laptop keyboard.", LAPTOP, "Hardware", I::Low, U::Low, S::Closed, 0, 500).fix("fixed", "Replaced the keyboard.").via(Channel::WalkIn),
    spec("Cannot connect to VPN from hotel network", "The VPN client times out on hotel Wi-Fi.", VPN, "Network", I::Low, U::High, S::Resolved, 1, 40).fix("workaround", "Switched the client to the TCP 443 fallback."),
    spec("Calendar invites arrive twice", "Every meeting invite shows up twice in my calendar.", EMAIL, "Application", I::Low, U::Medium, S::New, 0, 3),
    spec("Scan to email fails on floor 1 printer", "Scans never arrive in my inbox.", PRINTING, "Hardware", I::Low, U::Medium, S::InProgress, 0, 26),
    spec("Screen flickers on docking station", "External monitor flickers when the laptop is docked.", LAPTOP, "Hardware", I::Low, U::Low, S::Resolved, 0, 90).fix("fixed", "Updated the dock firmware."),
    spec("Expense claims page times out", "Submitting an expense claim spins and then times out.", PAYROLL, "Performance", I::Medium, U::Medium, S::Closed, 3, 650).fix("fixed", "Added a missing index to the claims table."),
    spec("Mailbox full warning for sales team", "Sales colleagues get 'mailbox almost full' warnings.", EMAIL, "Capacity", I::Low, U::Medium, S::Closed, 0, 700).fix("fixed", "Enabled archive mailboxes for the sales team."),
    spec("VPN certificate expired for remote staff", "All remote staff get a certificate error when connecting.", VPN, "Access", I::High, U::High, S::Closed, 1, 680).fix("fixed", "Renewed the certificate and pushed it via device management."),
    spec("Printer driver missing on new laptops", "New laptops cannot find the floor 3 printer.", PRINTING, "Software", I::Low, U::Medium, S::Cancelled, 0, 60),
];

/// Benchmark titles: (title, service index, category).
#[rustfmt::skip]
pub const BENCH_TITLES: &[(&str, usize, &str)] = &[
    ("Printer jams", PRINTING, "Hardware"), ("VPN drops", VPN, "Network"),
    ("Cannot open payslip PDF", PAYROLL, "Application"),
    ("Outlook keeps asking for password", EMAIL, "Access"),
    ("Laptop will not boot", LAPTOP, "Hardware"), ("Shared mailbox missing", EMAIL, "Access"),
    ("Portal login fails", PORTAL, "Application"),
    ("Checkout page slow", PORTAL, "Performance"),
    ("Scan to email fails", PRINTING, "Hardware"), ("Expense claim rejected", PAYROLL, "Data"),
    ("Calendar invites duplicated", EMAIL, "Application"),
    ("Monitor flickers", LAPTOP, "Hardware"), ("VPN certificate error", VPN, "Access"),
    ("Invoice download error", PORTAL, "Application"), ("Wi-Fi disconnects", LAPTOP, "Network"),
    ("Payroll report mismatch", PAYROLL, "Data"),
];

/// Benchmark title endings.
#[rustfmt::skip]
pub const BENCH_DETAILS: &[&str] = &[
    "on floor 3", "since the update", "for the finance team", "after restart", "every morning",
    "for one user", "in the Berlin office", "on the new laptop", "when working from home",
    "with large attachments", "for customers in France", "intermittently", "since Monday",
];

/// Benchmark descriptions.
pub const BENCH_DESCRIPTIONS: &[&str] = &[
    "Started this morning; colleagues nearby have the same issue.",
    "Happens every time I try. I restarted twice, no change.",
    "Intermittent; roughly once an hour. Screenshot attached.",
    "Blocking my work on the month-end close.",
];

const CARRIED_WORKAROUND: &str = "Choose the language on the sign-in page before signing in. If you are already signed in, sign in again after switching language; your basket is kept for 24 hours.";
const PAYSLIP_WORKAROUND: &str =
    "Open the payslip page, choose 'Download as HTML' and print it to PDF from the browser.";

/// Releases, problems, known errors, articles and incidents, in that order.
pub(super) fn knowledge_and_releases(d: &mut Desk, out: &mut Vec<Record>) {
    let (manager, rel_by, kb_by) = ("Grace Adeyemi", "Marco Rossi", "Lena Fischer");
    // Ids first, so records can link to each other.
    let (payroll_rel, portal_rel) = (d.id("release"), d.id("release"));
    let (prb_payslip, prb_session) = (d.id("problem"), d.id("problem"));
    let (ke_payslip, ke_session) = (d.id("known_error"), d.id("known_error"));
    let kb: Vec<String> = (0..6).map(|_| d.id("article")).collect();

    // Releases.
    let rel = |d: &mut Desk,
               id: &str,
               name: &str,
               version: &str,
               service: usize,
               deploy: i64,
               path: &[(ReleaseStatus, i64)]| {
        let draft = ReleaseDraft {
            name: name.into(),
            version: version.into(),
            services: vec![d.services[service].clone()],
            deployment_date: Some(d.ago(deploy)),
            els_days: 14,
        };
        let reference = d.reference(RefKind::Release);
        let mut r = Release::create(draft, id.into(), reference, d.ago(600), rel_by).ok()?;
        for &(s, h) in path {
            r.transition(s, d.ago(h), rel_by, None).ok()?;
        }
        Some(r)
    };
    let payroll = rel(
        d,
        &payroll_rel,
        "Payroll",
        "2.4",
        PAYROLL,
        -7 * 24,
        &[(ReleaseStatus::InTesting, 240)],
    );
    let mut portal = rel(
        d,
        &portal_rel,
        "Customer portal",
        "5.1",
        PORTAL,
        72,
        &[
            (ReleaseStatus::InTesting, 360),
            (ReleaseStatus::Deployed, 72),
            (ReleaseStatus::EarlyLifeSupport, 71),
        ],
    );
    if let Some(p) = portal.as_mut() {
        // Recorded at go-live; its workaround article was published days before.
        p.carry_forward(&ke_session, d.ago(71), rel_by);
    }
    out.extend(payroll.map(Record::Release));
    out.extend(portal.map(Record::Release));

    // Incidents.
    let mut pre: Vec<Incident> = PRE_PRODUCTION
        .iter()
        .filter_map(|(env, s)| d.incident(s, *env, Some(&payroll_rel)))
        .collect();
    let mut els: Vec<Incident> = ELS
        .iter()
        .filter_map(|s| d.incident(s, Environment::Production, Some(&portal_rel)))
        .collect();
    let ordinary: Vec<Incident> = ORDINARY
        .iter()
        .filter_map(|s| d.incident(s, Environment::Production, None))
        .collect();
    for i in pre.iter_mut().take(1) {
        let at = i.created.plus_ms(Timestamp::DAY);
        i.problem = Some(prb_payslip.clone());
        i.known_error = Some(ke_payslip.clone());
        i.articles = vec![kb[1].clone()];
        Desk::link(i, "problem", &prb_payslip, at, "Daniel Kim");
        Desk::link(i, "known_error", &ke_payslip, at, "Daniel Kim");
    }
    for (n, i) in els.iter_mut().enumerate() {
        let at = i.created.plus_ms(30 * Timestamp::MINUTE).max(i.updated);
        if n == 0 {
            i.major = Some(MajorFlag {
                by: manager.into(),
                at,
            });
            i.history.record_field(at, manager, "major", "No", "Yes");
            // Escalated to Platform ops (group 3), which then owns it.
            let platform = d.groups[3].clone();
            let change = Change::Escalated {
                functional: true,
                to: platform.clone(),
                reason: "Session handling changed in 5.1".into(),
            };
            i.history.record(at, manager, change);
            let assigned = Change::Assigned {
                group: Some(platform.clone()),
                assignee: None,
            };
            i.history.record(at, manager, assigned);
            i.assignment_group = Some(platform);
            i.assignee = None;
            i.updated = at;
            manager.clone_into(&mut i.updated_by);
        }
        if matches!(n, 0 | 1 | 6) {
            i.problem = Some(prb_session.clone());
            i.known_error = Some(ke_session.clone());
            i.articles = vec![kb[0].clone()];
            Desk::link(i, "known_error", &ke_session, at, manager);
        }
    }
    let linked = |v: &[Incident], pick: &[usize]| -> Vec<(String, Timestamp)> {
        pick.iter()
            .filter_map(|&k| v.get(k))
            .map(|i| (i.id.clone(), i.created))
            .collect()
    };
    let payslip_incidents = linked(&pre, &[0]);
    let session_incidents = linked(&els, &[0, 1, 6]);

    // Problems, found while testing each release (hours ago the work started).
    let problem = |d: &mut Desk,
                   id: &str,
                   title: &str,
                   service: usize,
                   release: &str,
                   cause: &str,
                   workaround: &str,
                   incidents: &[(String, Timestamp)],
                   start: i64| {
        let draft = ProblemDraft {
            title: title.into(),
            description: "Found while testing the release; see linked incidents.".into(),
            priority: Priority::P2,
            service: Some(d.services[service].clone()),
            root_cause: String::new(),
            workaround: String::new(),
            fix_notes: String::new(),
            release_found: Some(release.into()),
            target_fix_release: None,
        };
        let reference = d.reference(RefKind::Problem);
        let mut p = Problem::create(draft, id.into(), reference, d.ago(start), manager).ok()?;
        p.transition(
            ProblemStatus::UnderInvestigation,
            d.ago(start - 1),
            manager,
            None,
        )
        .ok()?;
        let mut edit = p.draft();
        edit.root_cause = cause.into();
        edit.workaround = workaround.into();
        p.apply_edit(edit, d.ago(start - 5), manager).ok()?;
        p.transition(ProblemStatus::KnownError, d.ago(start - 6), manager, None)
            .ok()?;
        for (incident, created) in incidents {
            let at = created.plus_ms(Timestamp::HOUR).max(d.ago(start - 7));
            p.link_incident(incident, at.min(d.now), manager);
        }
        Some(p)
    };
    let p1 = problem(
        d,
        &prb_payslip,
        "Payslip PDF renderer drops non-ASCII names",
        PAYROLL,
        &payroll_rel,
        "The PDF library falls back to a font without accented glyphs and aborts the page.",
        PAYSLIP_WORKAROUND,
        &payslip_incidents,
        110,
    );
    let p2 = problem(d, &prb_session, "Session cookie lost when the language changes", PORTAL, &portal_rel, "Switching language redirects to a language subdomain; the 5.1 session cookie is scoped to the old host.", CARRIED_WORKAROUND, &session_incidents, 200);
    out.extend(p1.map(Record::Problem));
    out.extend(p2.map(Record::Problem));

    // Known errors.
    let known = |d: &mut Desk,
                 id: &str,
                 title: &str,
                 symptoms: &str,
                 problem: &str,
                 article: &str,
                 release: &str,
                 carried: bool,
                 workaround: &str,
                 code: Option<&str>,
                 start: i64| {
        let draft = KnownErrorDraft {
            title: title.into(),
            symptoms: symptoms.into(),
            root_cause: String::new(),
            workaround: workaround.into(),
            error_code: code.map(str::to_owned),
            problem: Some(problem.into()),
            article: Some(article.into()),
            release_introduced: Some(release.into()),
            carried_forward: carried,
            fix_release: None,
        };
        let reference = d.reference(RefKind::KnownError);
        let mut k = KnownError::create(draft, id.into(), reference, d.ago(start), manager).ok()?;
        k.transition(KnownErrorStatus::Active, d.ago(start - 1), manager, None)
            .ok()?;
        Some(k)
    };
    let k1 = known(
        d,
        &ke_payslip,
        "Payslip PDF blank for names with accents",
        "The payslip PDF is an empty page when the employee's name has accents.",
        &prb_payslip,
        &kb[1],
        &payroll_rel,
        false,
        PAYSLIP_WORKAROUND,
        None,
        100,
    );
    let k2 = known(
        d,
        &ke_session,
        "Customers logged out when switching language",
        "After changing the language the customer is signed out; the basket seems empty.",
        &prb_session,
        &kb[0],
        &portal_rel,
        true,
        CARRIED_WORKAROUND,
        Some("SESSION_EXPIRED"),
        190,
    );
    out.extend(k1.map(Record::KnownError));
    out.extend(k2.map(Record::KnownError));

    // Articles: (title, summary, body, audience, status, service, known error, tags,
    // hours ago written). The carried-forward workaround is published before deployment.
    type ArticleRow<'a> = (
        &'a str,
        &'a str,
        &'a str,
        Audience,
        ArticleStatus,
        usize,
        Option<&'a str>,
        &'a [&'a str],
        i64,
    );
    let articles: [ArticleRow; 6] = [
        ("Logged out after changing the language on the customer portal", "Why it happens and how to keep shopping.", "## Symptoms\nAfter you change the language you are signed out.\n\n## Workaround\n1. Sign out.\n2. Choose your language on the sign-in page.\n3. Sign in again.\n\nYour basket is kept for 24 hours.", Audience::Public, ArticleStatus::Published, PORTAL, Some(ke_session.as_str()), &["portal", "login", "language"], 180),
        ("Payslip PDF is blank: download as HTML", "Workaround for Payroll 2.4 testers.", "## Workaround\n1. Open the payslip page.\n2. Choose **Download as HTML**.\n3. Print to PDF from the browser.", Audience::Internal, ArticleStatus::Published, PAYROLL, Some(ke_payslip.as_str()), &["payroll", "payslip", "pdf"], 98),
        ("Connect to the VPN from home or a hotel", "Set up the VPN client and what to do when it drops.", "## Set up\n1. Install the VPN client from the software centre.\n2. Sign in with your work account.\n\n## It keeps dropping\n- Switch to **TCP 443** in the client settings.\n- Avoid hotel captive portals: open a web page first.", Audience::Public, ArticleStatus::Published, VPN, None, &["vpn", "remote"], 2000),
        ("Clear a paper jam on the floor 3 printer", "Step by step, with the doors to open.", "1. Open door **A** on the right.\n2. Pull the green lever.\n3. Remove the paper gently.\n4. Close all doors.", Audience::Public, ArticleStatus::Published, PRINTING, None, &["printer", "jam"], 1500),
        ("Unlock a Windows account", "For agents: verify identity, then unlock.", "## Steps\n1. Verify the caller's identity (two questions).\n2. Unlock in the directory admin tool.\n3. Ask the caller to sign in within 10 minutes.", Audience::Internal, ArticleStatus::InReview, LAPTOP, None, &["account", "windows"], 100),
        ("Read your payslip", "What each line on your payslip means.", "## Gross pay\nYour pay before tax.\n\n## Deductions\nTax, social security and pension.", Audience::Public, ArticleStatus::Draft, PAYROLL, None, &["payroll", "payslip"], 30),
    ];
    for (n, (title, summary, body, audience, status, service, ke, tags, hours)) in
        articles.into_iter().enumerate()
    {
        let draft = ArticleDraft {
            title: title.into(),
            summary: summary.into(),
            body: body.into(),
            audience,
            tags: tags.iter().map(|t| (*t).to_owned()).collect(),
            services: vec![d.services[service].clone()],
            known_errors: ke.map(str::to_owned).into_iter().collect(),
            // The paper-jam article's review came due three days ago, so the desk's
            // "due for review" list has something to show.
            review_due: Some(d.ago(if n == 3 { 72 } else { -(180 * 24) })),
        };
        let reference = d.reference(RefKind::Article);
        let made = KnowledgeArticle::create(draft, kb[n].clone(), reference, d.ago(hours), kb_by);
        let Ok(mut a) = made else { continue };
        let path: &[ArticleStatus] = match status {
            ArticleStatus::Published => &[ArticleStatus::InReview, ArticleStatus::Published],
            ArticleStatus::InReview => &[ArticleStatus::InReview],
            _ => &[],
        };
        if path
            .iter()
            .all(|&s| a.transition(s, d.ago(hours - 2), kb_by, None).is_ok())
        {
            if status == ArticleStatus::Published {
                a.views = 20 + d.rng.below(400) as u32;
                a.helpful = d.rng.below(40) as u32;
                a.not_helpful = d.rng.below(6) as u32;
            }
            out.push(Record::Article(a));
        }
    }
    out.extend(
        pre.into_iter()
            .chain(els)
            .chain(ordinary)
            .map(Record::Incident),
    );
}
