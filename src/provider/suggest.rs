//! "Did you mean …?" hints for mistyped keys, enum values and entity ids.

/// Longest input for which a suggestion is searched: longer strings are not typos of
/// short names, and the edit distance is quadratic in the length.
const MAX_INPUT_CHARS: usize = 64;

/// The candidate closest to `input`, if it is close enough to be a likely typo.
///
/// Case differences are free; beyond that, roughly one edit in three characters
/// is tolerated (`sharehlders` → `shareholders`, `vetoo` → `veto`).
pub fn closest<'a, I>(input: &str, candidates: I) -> Option<&'a str>
where
    I: IntoIterator<Item = &'a str>,
{
    let input_len = input.chars().count();
    if input_len == 0 || input_len > MAX_INPUT_CHARS {
        return None;
    }
    let wanted = input.to_lowercase();
    let limit = (input_len / 3).max(1);
    let mut best: Option<(usize, &'a str)> = None;
    for candidate in candidates {
        let candidate_len = candidate.chars().count();
        if candidate_len.abs_diff(input_len) > limit {
            continue;
        }
        let distance = strsim::osa_distance(&wanted, &candidate.to_lowercase());
        if distance <= limit && best.is_none_or(|(d, _)| distance < d) {
            best = Some((distance, candidate));
        }
    }
    best.map(|(_, candidate)| candidate)
}

/// A help line: "did you mean `x`?" when a candidate is close, else the list of
/// valid names (shortened when long).
pub fn help<'a, I>(input: &str, candidates: I, what: &str) -> String
where
    I: IntoIterator<Item = &'a str> + Clone,
{
    match closest(input, candidates.clone()) {
        Some(name) => format!("did you mean `{name}`?"),
        None => format!("{what}: {}", list(candidates)),
    }
}

/// Names joined for a help line, at most twelve of them.
pub fn list<'a, I>(names: I) -> String
where
    I: IntoIterator<Item = &'a str>,
{
    const SHOWN: usize = 12;
    let names: Vec<&str> = names.into_iter().collect();
    let mut text = names
        .iter()
        .take(SHOWN)
        .map(|n| format!("`{n}`"))
        .collect::<Vec<_>>()
        .join(", ");
    if names.len() > SHOWN {
        text.push_str(&format!(" and {} more", names.len() - SHOWN));
    }
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    const KEYS: [&str; 4] = ["name", "country", "shareholders", "rights"];

    #[test]
    fn finds_close_typos() {
        assert_eq!(closest("sharehlders", KEYS), Some("shareholders"));
        assert_eq!(closest("Country", KEYS), Some("country"));
        assert_eq!(closest("rihgts", KEYS), Some("rights"));
    }

    #[test]
    fn refuses_distant_names() {
        assert_eq!(closest("employees", KEYS), None);
        assert_eq!(closest("", KEYS), None);
        assert_eq!(closest(&"x".repeat(1000), KEYS), None);
    }

    #[test]
    fn help_lists_names_when_nothing_is_close() {
        assert_eq!(
            help("sharehlders", KEYS, "valid keys"),
            "did you mean `shareholders`?"
        );
        assert_eq!(
            help("zzz", KEYS, "valid keys"),
            "valid keys: `name`, `country`, `shareholders`, `rights`"
        );
    }

    #[test]
    fn long_lists_are_shortened() {
        let names: Vec<String> = (0..20).map(|i| format!("n{i}")).collect();
        let text = list(names.iter().map(String::as_str));
        assert!(text.ends_with("and 8 more"), "{text}");
    }
}
