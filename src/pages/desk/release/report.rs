//! A release's feedback report for development: read on the page (the Markdown
//! rendered safely) and downloaded as Markdown or CSV files.

use leptos::prelude::*;
use leptos_router::hooks::use_params_map;

use crate::components::error_panel::error_panel;
use crate::components::markdown_view::MarkdownView;
use crate::components::print_button::PrintButton;
use crate::ops::clock;
use crate::ops::error::AppError;
use crate::ops::release;
use crate::routes::AppRoute;
use crate::state::db::Db;

/// A `data:` URL holding `text` (UTF-8, percent-encoded): a download link that
/// needs no server and no object-URL bookkeeping.
pub fn data_url(mime: &str, text: &str) -> String {
    format!(
        "data:{mime};charset=utf-8,{}",
        crate::domain::kernel::percent::encode(text)
    )
}

/// A file name from the release's title: letters, digits, dots and dashes only.
pub fn file_stem(title: &str) -> String {
    let stem: String = title
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || c == '.' {
                c
            } else {
                '-'
            }
        })
        .collect();
    let stem = stem.trim_matches('-').to_lowercase();
    if stem.is_empty() {
        "release".to_owned()
    } else {
        stem
    }
}

/// The report page.
#[component]
pub fn ReleaseReport() -> impl IntoView {
    let db = Db::expect();
    let params = use_params_map();
    let reference = Memo::new(move |_| params.read().get("reference").unwrap_or_default());
    let data = LocalResource::new(move || {
        let reference = reference.get();
        let revision = db.revision.get();
        async move {
            let store = db.store()?;
            let (release, _) = release::by_reference(&*store, &reference).await?;
            let facts =
                release::gather(&*store, &db.queue(), revision, &release, clock::now()).await?;
            Ok::<_, AppError>((release.clone(), facts.report(&release)))
        }
    });
    view! {
        <Suspense fallback=|| view! { <p role="status">"Building the report…"</p> }>
            <ErrorBoundary fallback=error_panel>
                {move || Suspend::new(async move {
                    let (release, report) = data.await?;
                    let markdown = report.to_markdown();
                    let stem = format!("feedback-{}", file_stem(&release.title()));
                    let md_href = data_url("text/markdown", &markdown);
                    let csv_href = data_url("text/csv", &report.to_csv());
                    let back = AppRoute::Release(release.reference.as_str().to_owned()).href();
                    Ok::<_, AppError>(view! {
                        <div class="page-head no-print">
                            <p><a href=back>{format!("← {}", release.title())}</a></p>
                            <div class="head-actions">
                                <a class="button" href=md_href download=format!("{stem}.md")>"Download Markdown"</a>
                                <a class="button" href=csv_href download=format!("{stem}.csv")>"Download CSV"</a>
                                <PrintButton/>
                            </div>
                        </div>
                        <article class="report" aria-label="Feedback report">
                            <MarkdownView source=Signal::derive(move || markdown.clone())/>
                        </article>
                    })
                })}
            </ErrorBoundary>
        </Suspense>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn data_urls_and_file_names() {
        assert_eq!(
            data_url("text/csv", "a,b\r\n"),
            "data:text/csv;charset=utf-8,a%2Cb%0D%0A"
        );
        assert_eq!(
            data_url("text/plain", "é"),
            "data:text/plain;charset=utf-8,%C3%A9"
        );
        assert_eq!(file_stem("Payroll 2.4"), "payroll-2.4");
        assert_eq!(file_stem("  "), "release");
    }
}
