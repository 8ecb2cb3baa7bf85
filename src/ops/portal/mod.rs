//! The portal's reads and writes: public articles (views, votes, deflections), the
//! suggestions offered while an end user types, early-life-support releases and their
//! feedback. The end user's own requests live in `portal_requests`, the plain words in
//! `domain::portal_words`. Nothing here ever returns an internal article.

use std::collections::HashMap;

use crate::domain::couch::document::contact_key;
use crate::domain::couch::record::Record;
use crate::domain::incident::Incident;
use crate::domain::knowledge::article::KnowledgeArticle;
use crate::domain::known_error::KnownError;
use crate::domain::release::feedback::{Feedback, FeedbackDraft};
use crate::domain::release::{Release, ReleaseStatus};
use crate::storage::{ListFilter, ListQuery, Store};

use super::error::AppError;
use super::records::{all_of_kind, decode, new_id, save};
use crate::domain::portal_me::same_contact;

mod requests;

use crate::domain::portal_words as plain;
use crate::search::extract::from_record;
use crate::search::{Filter, Index, SearchDoc, SearchQuery};
pub use requests::{comment, confirm_fixed, my_request, reopen, report, ReportForm};

/// Rows examined per [`Store::scan`] chunk: a few hundred kilobytes of JSON, enough to
/// keep the number of transactions low without holding a huge page in memory.
pub const SCAN_CHUNK: u32 = 2_000;

/// How often a counter update (view, vote, deflection) is retried when another tab or
/// a sync wrote the same record in between; counters are safe to apply again.
const COUNTER_TRIES: usize = 3;

/// Every article the portal may show (public and published, or the published version
/// of one being revised), newest first.
pub async fn public_articles<S: Store>(store: &S) -> Result<Vec<KnowledgeArticle>, AppError> {
    Ok(all_of_kind(store, "article")
        .await?
        .into_iter()
        .filter_map(|r| match r {
            Record::Article(a) => a.portal_view(),
            _ => None,
        })
        .collect())
}

/// The public article with this reference; any other (internal, draft, missing) is
/// "not found", so the portal cannot tell them apart.
pub async fn public_article<S: Store>(
    store: &S,
    reference: &str,
) -> Result<KnowledgeArticle, AppError> {
    let wanted = reference.trim().to_uppercase();
    for row in store.find_by_reference(&wanted).await? {
        if let Ok(Record::Article(a)) = decode(&row) {
            if let Some(view) = a.portal_view() {
                return Ok(view);
            }
        }
    }
    Err(AppError::NotFound("This article".into()))
}

/// Opens a public article for reading and counts the view. Counting is best effort:
/// a reader gets the article even when the count cannot be written (storage full,
/// the record busy elsewhere).
pub async fn visit_article<S: Store>(
    store: &S,
    reference: &str,
) -> Result<KnowledgeArticle, AppError> {
    let a = public_article(store, reference).await?;
    match bump_article(store, &a.id, KnowledgeArticle::viewed).await {
        Ok(saved) => Ok(saved.portal_view().unwrap_or(a)),
        Err(_) => Ok(a),
    }
}

/// Counts a reader's "Was this helpful?" answer.
pub async fn vote<S: Store>(store: &S, article_id: &str, helpful: bool) -> Result<(), AppError> {
    bump_article(store, article_id, |a| a.vote(helpful)).await?;
    Ok(())
}

/// What a suggestion points at, for counting a deflection.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Target {
    /// A public article (id).
    Article(String),
    /// An active known error (id).
    KnownError(String),
}

/// Counts "This solved my problem" on the suggestion the end user opened.
pub async fn deflect<S: Store>(store: &S, target: &Target) -> Result<(), AppError> {
    match target {
        Target::Article(id) => {
            bump_article(store, id, KnowledgeArticle::deflected).await?;
        }
        Target::KnownError(id) => {
            bump(store, id, |r| match r {
                Record::KnownError(k) if k.is_public() => {
                    k.deflected();
                    true
                }
                _ => false,
            })
            .await?;
        }
    }
    Ok(())
}

async fn bump_article<S: Store>(
    store: &S,
    id: &str,
    count: impl Fn(&mut KnowledgeArticle),
) -> Result<KnowledgeArticle, AppError> {
    let saved = bump(store, id, |r| match r {
        Record::Article(a) if a.portal_view().is_some() => {
            count(a);
            true
        }
        _ => false,
    })
    .await?;
    match saved {
        Record::Article(a) => Ok(a),
        _ => Err(AppError::NotFound("This article".into())),
    }
}

/// Reads record `id`, lets `count` change it (false = not something the portal may
/// count: "not found") and saves it on the revision read, retrying when it went stale.
async fn bump<S: Store>(
    store: &S,
    id: &str,
    count: impl Fn(&mut Record) -> bool,
) -> Result<Record, AppError> {
    let missing = || AppError::NotFound("This answer".into());
    for _ in 0..COUNTER_TRIES {
        let state = store.get(id).await?.ok_or_else(missing)?;
        if state.deleted {
            return Err(missing());
        }
        let mut record = Record::from_json(&state.body).map_err(|_| missing())?;
        if !count(&mut record) {
            return Err(missing());
        }
        match save(store, &record, Some(state.rev)).await {
            Err(AppError::Stale) => continue,
            Err(e) => return Err(e),
            Ok(_) => return Ok(record),
        }
    }
    Err(AppError::Stale)
}

/// One suggestion as the portal shows it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Offer {
    /// What "This solved my problem" counts on.
    pub target: Target,
    /// The article's reference (`KB-…`), for a link; `None` for a known error.
    pub reference: Option<String>,
    /// Title.
    pub title: String,
    /// One line under the title: the article's summary, or `Known issue since
    /// release … — workaround: …`.
    pub line: String,
    /// What opening it shows: the article's Markdown body, or the workaround text.
    pub body: String,
}

impl Offer {
    /// True for an article (its body is Markdown), false for a known error's
    /// workaround (plain text).
    pub fn is_article(&self) -> bool {
        matches!(self.target, Target::Article(_))
    }
}

/// Everything that can be suggested, ready to rank many times as the person types:
/// the offers and a search index that only ever holds public content
/// ([`Index::public`]), queried with the portal-only filter as well.
#[derive(Clone, Debug, Default)]
pub struct SuggestionPool {
    index: Index,
    offers: HashMap<String, Offer>,
}

impl SuggestionPool {
    /// A pool of `(what is searched, what is offered)` pairs; records that are not
    /// public are left out.
    pub fn from_docs(docs: Vec<(SearchDoc, Offer)>) -> SuggestionPool {
        let mut pool = SuggestionPool {
            index: Index::public(),
            offers: HashMap::new(),
        };
        for (doc, offer) in docs {
            pool.index.upsert(&doc);
            if pool.index.contains(&doc.id) {
                pool.offers.insert(doc.id, offer);
            }
        }
        pool
    }

    /// The best `limit` offers for what the person typed, best first; nothing for
    /// fewer than three letters.
    pub fn suggest(&self, query: &str, limit: usize) -> Vec<Offer> {
        if query.trim().chars().filter(|c| c.is_alphanumeric()).count() < 3 {
            return Vec::new();
        }
        let q = SearchQuery {
            text: query.to_owned(),
            filter: Filter {
                public_only: true,
                ..Filter::default()
            },
            limit,
        };
        self.index
            .search(&q)
            .hits
            .into_iter()
            .filter_map(|h| self.offers.get(&h.doc.id).cloned())
            .collect()
    }

    /// Number of things that can be suggested.
    pub fn len(&self) -> usize {
        self.offers.len()
    }

    /// True when nothing can be suggested.
    pub fn is_empty(&self) -> bool {
        self.offers.is_empty()
    }
}

/// Longest workaround excerpt in a known issue's one-line summary (characters).
const EXCERPT: usize = 140;

/// Loads the public articles and the active known errors with a workaround (with the
/// name of the release that introduced them) as a suggestion pool.
pub async fn suggestion_pool<S: Store>(store: &S) -> Result<SuggestionPool, AppError> {
    let mut docs = Vec::new();
    for a in public_articles(store).await? {
        let Some(doc) = from_record(&Record::Article(a.clone())) else {
            continue;
        };
        docs.push((
            doc,
            Offer {
                target: Target::Article(a.id.clone()),
                reference: Some(a.reference.as_str().to_owned()),
                title: a.title,
                line: a.summary,
                body: a.body,
            },
        ));
    }
    let releases = releases(store).await?;
    for r in all_of_kind(store, "known_error").await? {
        let Some(doc) = from_record(&r) else { continue };
        let Record::KnownError(k) = r else { continue };
        docs.push((doc, known_error_offer(k, &releases)));
    }
    Ok(SuggestionPool::from_docs(docs))
}

fn known_error_offer(k: KnownError, releases: &[Release]) -> Offer {
    let release = k
        .release_introduced
        .as_deref()
        .and_then(|id| releases.iter().find(|r| r.id == id))
        .map(Release::title);
    let excerpt = plain::shorten(&k.workaround, EXCERPT);
    Offer {
        target: Target::KnownError(k.id.clone()),
        reference: None,
        title: k.title,
        line: plain::known_issue_line(release.as_deref(), &excerpt),
        body: k.workaround,
    }
}

/// Every release.
pub async fn releases<S: Store>(store: &S) -> Result<Vec<Release>, AppError> {
    Ok(all_of_kind(store, "release")
        .await?
        .into_iter()
        .filter_map(|r| match r {
            Record::Release(r) => Some(r),
            _ => None,
        })
        .collect())
}

/// The releases in early life support now, most recently deployed first.
pub async fn els_releases<S: Store>(store: &S) -> Result<Vec<Release>, AppError> {
    let mut list: Vec<Release> = releases(store)
        .await?
        .into_iter()
        .filter(|r| r.status == ReleaseStatus::EarlyLifeSupport)
        .collect();
    list.sort_by_key(|r| std::cmp::Reverse(r.deployment_date));
    Ok(list)
}

/// Saves an end user's feedback on a release in early life support. Refused (field
/// `release`) when the release is unknown or no longer in early life support.
pub async fn send_feedback<S: Store>(
    store: &S,
    draft: FeedbackDraft,
) -> Result<Feedback, AppError> {
    draft.validate()?;
    let els = els_releases(store).await?;
    if !els.iter().any(|r| r.id == draft.release.trim()) {
        let mut errs = crate::domain::kernel::validation::ValidationErrors::new();
        errs.push("release", "That change is not in its first weeks any more.");
        return Err(errs.into());
    }
    let feedback = Feedback::create(draft, new_id("feedback"), super::clock::now())?;
    save(store, &Record::Feedback(feedback.clone()), None).await?;
    Ok(feedback)
}

/// The feedback sent about a release, newest first (what the release's
/// early-life-support dashboard counts).
pub async fn feedback_for_release<S: Store>(
    store: &S,
    release_id: &str,
) -> Result<Vec<Feedback>, AppError> {
    let mut out = scan_kind(store, "feedback", |r| match r {
        Record::Feedback(f) if f.release == release_id => Some(f),
        _ => None,
    })
    .await?;
    out.sort_by(|a, b| b.created.cmp(&a.created).then_with(|| a.id.cmp(&b.id)));
    Ok(out)
}

/// The end user's incidents (reporter contact equal, ignoring case and surrounding
/// spaces), newest change first, read through the reporter-contact index. Rows that
/// cannot be read are skipped: one damaged document must not hide the rest.
pub async fn my_requests<S: Store>(store: &S, contact: &str) -> Result<Vec<Incident>, AppError> {
    let Some(wanted) = contact_key(contact) else {
        return Ok(Vec::new());
    };
    let query = ListQuery {
        kind: "incident".into(),
        filter: ListFilter::Contact(wanted.clone()),
        limit: 0,
        offset: 0,
    };
    let mut out = Vec::new();
    for row in store.list(&query).await? {
        if let Ok(Record::Incident(i)) = decode(&row) {
            if same_contact(&i.reporter.contact, &wanted) {
                out.push(i);
            }
        }
    }
    // Most recently changed first, as the index lists them; two changed in the same
    // millisecond by their reference, the later one first (references of one device
    // count up), instead of by their random ids.
    out.sort_by(|a, b| {
        b.updated
            .cmp(&a.updated)
            .then_with(|| b.reference.as_str().cmp(a.reference.as_str()))
    });
    Ok(out)
}

/// Reads every live document of `kind` a chunk at a time, keeping what `keep` returns.
/// Rows that cannot be read are skipped (one damaged document must not hide the rest).
pub(crate) async fn scan_kind<S: Store, T>(
    store: &S,
    kind: &str,
    mut keep: impl FnMut(Record) -> Option<T>,
) -> Result<Vec<T>, AppError> {
    let mut out = Vec::new();
    let mut after: Option<String> = None;
    loop {
        let page = store.scan(kind, after.as_deref(), SCAN_CHUNK).await?;
        out.extend(
            page.rows
                .iter()
                .filter_map(|row| decode(row).ok())
                .filter_map(&mut keep),
        );
        match page.next {
            Some(next) => after = Some(next),
            None => return Ok(out),
        }
    }
}

#[cfg(test)]
mod tests;

#[cfg(test)]
mod search_tests;
