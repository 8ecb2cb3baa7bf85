//! Which category labels an x axis shows, and how long: every label when they fit,
//! shortened labels when a little is missing, every k-th label for long ranges, so
//! labels never overlap.

use super::Plot;

/// Estimated width of one character of axis text (14-unit system font), in SVG units.
pub const CHAR_WIDTH: f64 = 8.2;
/// Space kept between neighbouring labels.
const GAP: f64 = 8.0;
/// Labels are shortened to fit their band down to this many characters; below that,
/// labels are thinned instead.
const MIN_CHARS: usize = 6;
/// Longest label kept when thinning ("2025-01-31" fits).
const MAX_CHARS: usize = 12;

/// The labels to draw under `n = categories.len()` bands of `plot`: (category index,
/// text), centred on the band. `room_left`/`room_right` is the free space beside the
/// plot a label may reach into; a label that would pass it is left out.
pub fn x_labels(
    categories: &[String],
    plot: Plot,
    room_left: f64,
    room_right: f64,
) -> Vec<(usize, String)> {
    let n = categories.len();
    if n == 0 {
        return Vec::new();
    }
    // Days are written short on the axis ("29 Oct"); the tooltip and the data table
    // keep the full date.
    let short: Option<Vec<String>> = categories.iter().map(|c| short_date(c)).collect();
    let categories = short.as_deref().unwrap_or(categories);
    let band = plot.band(n);
    let longest = categories
        .iter()
        .map(|c| c.chars().count())
        .max()
        .unwrap_or(0);
    let fit = ((band - GAP) / CHAR_WIDTH).floor().max(0.0) as usize;
    let (chars, every) = if longest <= fit {
        (longest, 1)
    } else if fit >= MIN_CHARS {
        (fit, 1)
    } else {
        let chars = longest.min(MAX_CHARS);
        let needed = chars as f64 * CHAR_WIDTH + GAP;
        (chars, (needed / band).ceil().max(1.0) as usize)
    };
    (0..n)
        .step_by(every)
        .filter_map(|i| {
            let text = shorten(&categories[i], chars);
            let half = text.chars().count() as f64 * CHAR_WIDTH / 2.0;
            let mid = plot.x_mid(i, n);
            let inside =
                mid - half >= plot.x - room_left && mid + half <= plot.x + plot.width + room_right;
            inside.then_some((i, text))
        })
        .collect()
}

/// An ISO date (`2026-10-29`) as an axis label (`29 Oct`); `None` for anything else.
pub fn short_date(text: &str) -> Option<String> {
    const MONTHS: [&str; 12] = [
        "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
    ];
    let b = text.as_bytes();
    let digits =
        |r: std::ops::Range<usize>| b.get(r).is_some_and(|d| d.iter().all(u8::is_ascii_digit));
    if b.len() != 10
        || b[4] != b'-'
        || b[7] != b'-'
        || !digits(0..4)
        || !digits(5..7)
        || !digits(8..10)
    {
        return None;
    }
    let month: usize = text[5..7].parse().ok()?;
    let day: u32 = text[8..10].parse().ok()?;
    let name = MONTHS.get(month.checked_sub(1)?)?;
    (1..=31).contains(&day).then(|| format!("{day} {name}"))
}

/// `text` cut to `max` characters, the last one an ellipsis when cut.
fn shorten(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        return text.to_owned();
    }
    let mut out: String = text.chars().take(max.saturating_sub(1)).collect();
    out.push('…');
    out
}
