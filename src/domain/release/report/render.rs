//! The feedback report as Markdown (for reading and pasting into a tracker) and as CSV
//! (one table with a section column, for spreadsheets; formulas neutralised).

use super::Report;
use crate::domain::transfer::csv::out;

/// Text for a Markdown table cell: one line, pipes and backslashes escaped.
fn md_cell(s: &str) -> String {
    s.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .replace('\\', "\\\\")
        .replace('|', "\\|")
}

/// One line of running text: line breaks folded, Markdown markup characters that
/// could start a heading or list left as they are but on one line.
fn md_line(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

impl Report {
    /// The report as a Markdown document.
    pub fn to_markdown(&self) -> String {
        let mut out = String::new();
        let push = |out: &mut String, line: &str| {
            out.push_str(line);
            out.push('\n');
        };
        push(
            &mut out,
            &format!("# Feedback report: {}", md_line(&self.release)),
        );
        push(&mut out, "");
        push(
            &mut out,
            &format!(
                "Release {} · status {} · deployed {}",
                self.reference, self.status, self.deployed
            ),
        );
        push(&mut out, "");
        push(&mut out, "## Incidents");
        push(&mut out, "");
        push(
            &mut out,
            &format!(
                "- Pre-production: {}\n- Production: {}",
                self.pre_production, self.production
            ),
        );
        push(&mut out, "");
        if self.by_category.is_empty() {
            push(&mut out, "No incidents.");
        } else {
            push(&mut out, "| Stage | Category | Service | Incidents |");
            push(&mut out, "|---|---|---|---:|");
            for c in &self.by_category {
                push(
                    &mut out,
                    &format!(
                        "| {} | {} | {} | {} |",
                        c.stage,
                        md_cell(&c.category),
                        md_cell(&c.service),
                        c.count
                    ),
                );
            }
        }
        for (heading, items, remedy) in [
            ("Problems", &self.problems, "Fix notes"),
            ("Known errors", &self.known_errors, "Workaround"),
        ] {
            push(&mut out, "");
            push(&mut out, &format!("## {heading}"));
            push(&mut out, "");
            if items.is_empty() {
                push(&mut out, "None.");
                continue;
            }
            for f in items {
                let carried = if f.carried {
                    " · carried forward into production"
                } else {
                    ""
                };
                push(
                    &mut out,
                    &format!(
                        "- **{}** {} ({}{carried})\n  - Root cause: {}\n  - {remedy}: {}",
                        f.reference,
                        md_line(&f.title),
                        f.status,
                        md_line(&f.root_cause),
                        md_line(&f.remedy)
                    ),
                );
            }
        }
        push(&mut out, "");
        push(&mut out, "## Top symptoms");
        push(&mut out, "");
        if self.top_symptoms.is_empty() {
            push(&mut out, "None.");
        }
        for (n, s) in self.top_symptoms.iter().enumerate() {
            push(
                &mut out,
                &format!(
                    "{}. {}: {} incident{} ({})",
                    n + 1,
                    md_line(&s.text),
                    s.count,
                    if s.count == 1 { "" } else { "s" },
                    s.examples.join(", ")
                ),
            );
        }
        out
    }

    /// The report as CSV: a header, then one row per figure with its section.
    pub fn to_csv(&self) -> String {
        let mut out = out::row(&[
            "Section",
            "Stage",
            "Category",
            "Service",
            "Reference",
            "Title",
            "Status",
            "Root cause",
            "Fix or workaround",
            "Carried forward",
            "Incidents",
        ]);
        for c in &self.by_category {
            out.push_str(&out::row(&[
                "Incidents",
                c.stage,
                &c.category,
                &c.service,
                "",
                "",
                "",
                "",
                "",
                "",
                &c.count.to_string(),
            ]));
        }
        for (section, items) in [
            ("Problem", &self.problems),
            ("Known error", &self.known_errors),
        ] {
            for f in items {
                let carried = match (section, f.carried) {
                    ("Problem", _) => "",
                    (_, true) => "yes",
                    (_, false) => "no",
                };
                out.push_str(&out::row(&[
                    section,
                    "",
                    "",
                    "",
                    &f.reference,
                    &f.title,
                    &f.status,
                    &f.root_cause,
                    &f.remedy,
                    carried,
                    "",
                ]));
            }
        }
        for s in &self.top_symptoms {
            out.push_str(&out::row(&[
                "Top symptom",
                "",
                "",
                "",
                &s.examples.join(" "),
                &s.text,
                "",
                "",
                "",
                "",
                &s.count.to_string(),
            ]));
        }
        out
    }
}
