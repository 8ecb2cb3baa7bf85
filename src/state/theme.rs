//! The colour theme chosen on this device (System, Light or Dark): kept in
//! localStorage through `prefs`, applied as `data-theme` on `<html>` (no attribute
//! means "follow the system"), and applied once at start-up before the first paint.

use crate::state::prefs;

/// The localStorage key of the saved choice.
const KEY: &str = "theme";

/// The theme a person chose.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Theme {
    /// Follow the system's light or dark setting.
    #[default]
    System,
    /// Always light.
    Light,
    /// Always dark.
    Dark,
}

impl Theme {
    /// Every choice, in the order the toggle offers them.
    pub const ALL: [Theme; 3] = [Theme::System, Theme::Light, Theme::Dark];

    /// The stored (and `<option>`) value of this choice.
    pub fn key(self) -> &'static str {
        match self {
            Theme::System => "system",
            Theme::Light => "light",
            Theme::Dark => "dark",
        }
    }

    /// The words shown for this choice.
    pub fn label(self) -> &'static str {
        match self {
            Theme::System => "System",
            Theme::Light => "Light",
            Theme::Dark => "Dark",
        }
    }

    /// The choice stored as `key`; anything else (damaged, unknown) follows the system.
    pub fn from_key(key: &str) -> Theme {
        Theme::ALL
            .into_iter()
            .find(|t| t.key() == key)
            .unwrap_or_default()
    }

    /// The value of `<html data-theme>`, or `None` to remove the attribute.
    pub fn attribute(self) -> Option<&'static str> {
        match self {
            Theme::System => None,
            Theme::Light | Theme::Dark => Some(self.key()),
        }
    }
}

/// The choice saved on this device (System when none is saved).
pub fn saved() -> Theme {
    prefs::load::<String>(KEY)
        .map(|k| Theme::from_key(&k))
        .unwrap_or_default()
}

/// Saves `theme` on this device (System removes the entry) and applies it.
pub fn choose(theme: Theme) {
    let stored = (theme != Theme::System).then(|| theme.key().to_owned());
    prefs::store(KEY, stored.as_ref());
    apply(theme);
}

/// Applies the saved choice: called at start-up, before the app is mounted.
pub fn apply_saved() {
    apply(saved());
}

/// Sets or removes `data-theme` on `<html>`.
#[cfg(target_arch = "wasm32")]
fn apply(theme: Theme) {
    let Some(root) = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.document_element())
    else {
        return;
    };
    let _ = match theme.attribute() {
        Some(value) => root.set_attribute("data-theme", value),
        None => root.remove_attribute("data-theme"),
    };
}

/// Native builds (tests) have no document: nothing to apply.
#[cfg(not(target_arch = "wasm32"))]
fn apply(_theme: Theme) {}

#[cfg(test)]
mod tests {
    use super::Theme;

    #[test]
    fn keys_round_trip_and_unknown_keys_follow_the_system() {
        for t in Theme::ALL {
            assert_eq!(Theme::from_key(t.key()), t);
        }
        assert_eq!(Theme::from_key("purple"), Theme::System);
        assert_eq!(Theme::from_key(""), Theme::System);
    }

    #[test]
    fn only_forced_themes_set_the_attribute() {
        assert_eq!(Theme::System.attribute(), None);
        assert_eq!(Theme::Light.attribute(), Some("light"));
        assert_eq!(Theme::Dark.attribute(), Some("dark"));
    }
}
