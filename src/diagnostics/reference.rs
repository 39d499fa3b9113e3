//! What each diagnostic code means and how to fix it: the source of
//! `docs/diagnostics.md`, which a test keeps equal to [`reference`].

use super::Code;

impl Code {
    /// What the code reports, in one sentence.
    pub fn meaning(self) -> &'static str {
        match self {
            Code::Unreadable => {
                "The file or folder could not be read (missing, a special file, no permission, a link loop)."
            }
            Code::FileTooLarge => {
                "The file is larger than trustcheck reads; an oversized input is refused rather than read in part."
            }
            Code::NotUtf8 => "The file is not valid UTF-8 text.",
            Code::YamlSyntax => "The text is not valid YAML.",
            Code::EmptyDocument => "The file holds no YAML document, or an empty one.",
            Code::UnsupportedVersion => {
                "The `trustcheck:` format version is missing or not one this release reads."
            }
            Code::UnknownKey => {
                "A key is not part of the format at this place (often a typo): it would otherwise be ignored silently."
            }
            Code::MissingKey => "A key the format requires at this place is absent.",
            Code::WrongType => {
                "A value has the wrong type (a list where a mapping is expected, text where a number is expected…)."
            }
            Code::InvalidValue => "A value is of the right type but not one of those allowed here.",
            Code::UnknownCountry => "A country is not an ISO 3166-1 alpha-2 code trustcheck knows.",
            Code::PercentOutOfRange => "A percentage is below 0 or above 100.",
            Code::HoldingsOver100 => "The stakes declared in one entity add up to more than 100 %.",
            Code::UndeclaredEntity => {
                "A reference names an entity that no `entities` entry (or registry) declares."
            }
            Code::SelfHolding => "An entity is declared as holding a stake in itself.",
            Code::InvalidDate => "A date is not a valid `YYYY-MM-DD` calendar date.",
            Code::ImpossibleDates => {
                "Two dates contradict each other (an expiry before the date of issue…)."
            }
            Code::DuplicateEntity => {
                "The same entity id is declared twice with different contents (in a file and a registry, or in two registries)."
            }
            Code::DuplicateHolder => {
                "The same holder is listed twice among one entity's shareholders."
            }
            Code::DuplicateRight => {
                "The same holder is listed twice with the same kind of right over one entity."
            }
            Code::SeatsOver100 => {
                "The board seats that rights over one entity name add up to more than 100 %."
            }
            Code::KindClaim => {
                "An entity's kind is contradicted by the graph (a free float under an unlisted company, a public body held by a company, a state or public body outside the EU as provider…): a kind never switches a rule off."
            }
            Code::NotRegularFile => {
                "An input is not a regular file (a FIFO, a device, a socket, a folder where a file is expected): it is refused before it is opened, so nothing waits."
            }
            Code::PathNotAllowed => {
                "A registry named by `entities_from` lies outside the folder of the file that names it (after resolving links and `..`)."
            }
            Code::TooManyProblems => {
                "The file has so many problems that only the first ones are reported."
            }
            Code::TooManyEntities => {
                "A document, or a provider file with its registries, declares more than 100,000 entities or 1,000,000 ownership edges (shareholdings and rights)."
            }
            Code::RulePack => {
                "A rule pack, a rule or a rule test case is invalid (bad manifest, unknown fact path, cycle, unknown reference…)."
            }
            Code::SealRecord => {
                "A sealed record's manifest cannot be read as one, or does not match the files it seals."
            }
        }
    }

    /// How to fix it.
    pub fn fix(self) -> &'static str {
        match self {
            Code::Unreadable => {
                "Check the path and its permissions; pass regular files or folders of them."
            }
            Code::FileTooLarge => {
                "Split the input, or remove what is not part of the format (provider files are small)."
            }
            Code::NotUtf8 => "Save the file as UTF-8.",
            Code::YamlSyntax => {
                "Fix the YAML at the line and column shown; quote values that contain `:` or `#`."
            }
            Code::EmptyDocument => {
                "Start from `trustcheck init`, which writes a complete template."
            }
            Code::UnsupportedVersion => "Put `trustcheck: 1` at the top of the file.",
            Code::UnknownKey => {
                "Correct the key's spelling, or remove it; `docs/provider-format.md` lists every key."
            }
            Code::MissingKey => {
                "Add the key; the help line names it and `docs/provider-format.md` describes it."
            }
            Code::WrongType => "Write the value in the type the help line names.",
            Code::InvalidValue => "Use one of the values the help line lists.",
            Code::UnknownCountry => {
                "Write the country as its two-letter ISO 3166-1 code (`FR`, `DE`, `US`…)."
            }
            Code::PercentOutOfRange => "Write the percentage as a number from 0 to 100.",
            Code::HoldingsOver100 => "Correct the stakes so that they add up to at most 100 %.",
            Code::UndeclaredEntity => {
                "Declare the entity under `entities`, load the registry that declares it, or correct the id."
            }
            Code::SelfHolding => "Remove the stake, or name the real holder.",
            Code::InvalidDate => "Write the date as `YYYY-MM-DD`, a day that exists.",
            Code::ImpossibleDates => "Correct one of the two dates.",
            Code::DuplicateEntity => "Keep one declaration, or make both identical.",
            Code::DuplicateHolder => {
                "Merge the two entries into one with the total stake and rights."
            }
            Code::DuplicateRight => "Keep one entry per holder and kind of right.",
            Code::SeatsOver100 => {
                "Correct `seats` so that the rights over one body name at most 100 % of it."
            }
            Code::KindClaim => {
                "Declare the kind the facts support (`company`, `fund`…), or correct the holders, seats or listing that contradict it; the help line says which."
            }
            Code::NotRegularFile => "Pass a regular file, or the data on standard input.",
            Code::PathNotAllowed => {
                "Move the registry under the provider file's folder, or allow its folder with `--allow-path DIR`."
            }
            Code::TooManyProblems => "Fix the problems reported, then run again to see the rest.",
            Code::TooManyEntities => {
                "Split the registries, or leave out the entities and holdings that no offer's chain of control reaches."
            }
            Code::RulePack => {
                "Run `trustcheck rules lint` on the pack and fix what it reports; `docs/rules.md` describes the format."
            }
            Code::SealRecord => {
                "Seal the record again with `trustcheck assess --seal`, or restore the files it sealed."
            }
        }
    }
}

/// The Markdown page of every diagnostic code, in the order of [`Code::ALL`].
pub fn reference() -> String {
    let mut out = String::from(
        "# Diagnostic codes\n\n\
         <!-- Generated from `Code` in src/diagnostics.rs; the test \
         `the_diagnostics_reference_is_current` fails when this page is out of date \
         (regenerate it with `UPDATE_DOCS=1 cargo test --test suite diagnostics`). -->\n\n\
         Every problem trustcheck finds in an input (provider file, registry, waivers, \
         rule pack, sealed record) carries one of these codes, shown as \
         `trustcheck::<code>` with the file, line and column. The list is closed: a \
         code is never reported unless it is listed here. The process exits with 2.\n",
    );
    for code in Code::ALL {
        out.push_str(&format!(
            "\n## `{}`\n\n{}\n\n**Fix:** {}\n",
            code.name(),
            code.meaning(),
            code.fix()
        ));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_code_has_a_meaning_and_a_fix() {
        for code in Code::ALL {
            assert!(code.meaning().ends_with('.'), "{code}");
            assert!(code.fix().ends_with('.'), "{code}");
            assert!(reference().contains(&format!("## `{}`", code.name())));
        }
    }
}
