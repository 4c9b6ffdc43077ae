//! The country the desktop's locale names, for matching local numbers when the user has not
//! chosen one: `de_DE.UTF-8` → `DE`. LC_TELEPHONE is the locale category for exactly this.

/// The region of the first set locale variable among LC_ALL, LC_TELEPHONE and LANG.
pub fn desktop_country() -> Option<String> {
    ["LC_ALL", "LC_TELEPHONE", "LANG"]
        .iter()
        .filter_map(|name| std::env::var(name).ok())
        .find(|value| !value.is_empty())
        .and_then(|value| country_of_locale(&value))
}

/// `ll_CC[.charset][@modifier]` → `CC`; `C`, `POSIX` and `en` name no country.
pub fn country_of_locale(locale: &str) -> Option<String> {
    let name = locale.split(['.', '@']).next().unwrap_or_default();
    let (_, region) = name.split_once('_')?;
    let valid = region.len() == 2 && region.chars().all(|c| c.is_ascii_alphabetic());
    valid.then(|| region.to_ascii_uppercase())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_region_of_a_locale_is_its_country() {
        assert_eq!(country_of_locale("de_DE.UTF-8").as_deref(), Some("DE"));
        assert_eq!(country_of_locale("pt_BR").as_deref(), Some("BR"));
        assert_eq!(country_of_locale("sr_RS@latin").as_deref(), Some("RS"));
        assert_eq!(country_of_locale("C.UTF-8"), None);
        assert_eq!(country_of_locale("POSIX"), None);
        assert_eq!(country_of_locale("en"), None);
    }
}
