//! `trustcheck ownership`: who holds and controls the provider, and which foreign
//! laws reach it and its third parties.

use super::Result;
use std::path::PathBuf;

use clap::{Args, ValueEnum};
use comfy_table::presets::UTF8_FULL_CONDENSED;
use comfy_table::{ContentArrangement, Table};

use super::{Outcome, colour_wanted, print};
use crate::assess::analyse;
use crate::facts::format_number;
use crate::jurisdiction::Jurisdictions;
use crate::lang::Lang;
use crate::ownership::{Analysis, ControlBasis, Origin, render};
use crate::provider::{self, model::Provider};
use crate::safe_text::{terminal, terminal_line};

#[derive(Debug, Args)]
pub struct OwnershipArgs {
    /// Provider file (YAML).
    #[arg(value_name = "FILE")]
    pub file: PathBuf,
    /// Output format for the holders table and exposure list.
    #[arg(long, value_enum, default_value_t = Format::Table)]
    pub format: Format,
    /// Print the ownership graph instead, for a report.
    #[arg(long, value_enum)]
    pub graph: Option<Graph>,
    /// Shared entity registry to load (repeatable).
    #[arg(long = "entities", value_name = "FILE")]
    pub registries: Vec<PathBuf>,
    /// Let `entities_from` read registries under DIR too (repeatable); by default a
    /// provider file reads only from its own folder and subfolders.
    #[arg(long = "allow-path", value_name = "DIR")]
    pub allow_paths: Vec<PathBuf>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    Table,
    Json,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Graph {
    Dot,
    Mermaid,
}

pub fn run(args: OwnershipArgs, lang: Lang) -> Result<Outcome> {
    let options = provider::LoadOptions {
        allow: args.allow_paths.clone(),
        as_of: None,
    };
    let loaded = match provider::load_file_with(&args.file, &args.registries, &options) {
        Ok(loaded) => loaded,
        Err(errors) => return Ok(Outcome::InvalidInput(vec![errors])),
    };
    let jurisdictions = Jurisdictions::embedded();
    let provider = &loaded.provider;
    let analysis = analyse(provider, jurisdictions);
    // Entity names and notes come from the provider file: the text outputs draw no
    // colour, so each is made safe for a terminal as a whole (JSON escapes its own).
    let text = match (args.graph, args.format) {
        (Some(Graph::Dot), _) => {
            terminal(&render::dot(&analysis, &provider.entities, jurisdictions))
        }
        (Some(Graph::Mermaid), _) => terminal(&render::mermaid(
            &analysis,
            &provider.entities,
            jurisdictions,
        )),
        (None, Format::Json) => {
            let mut json = serde_json::to_string_pretty(&analysis)?;
            json.push('\n');
            json
        }
        (None, Format::Table) => terminal(&tables(&analysis, provider, jurisdictions, lang)),
    };
    print(&text)?;
    Ok(Outcome::Code(0))
}

fn tables(analysis: &Analysis, provider: &Provider, j: &Jurisdictions, lang: Lang) -> String {
    let fr = lang == Lang::Fr;
    let mut table = Table::new();
    table
        .load_style(UTF8_FULL_CONDENSED)
        .set_content_arrangement(ContentArrangement::Dynamic)
        .set_width(Table::new().width().unwrap_or(120).max(100));
    if !colour_wanted() {
        table.force_no_tty();
    }
    table.set_header(if fr {
        [
            "Détenteur",
            "Pays",
            "UE",
            "Capital attribué / économique",
            "Votes attribués / économiques",
            "Contrôle",
            "Chaîne",
        ]
    } else {
        [
            "Holder",
            "Country",
            "EU",
            "Capital attributed / economic",
            "Voting attributed / economic",
            "Control",
            "Chain",
        ]
    });
    for holder in &analysis.holders {
        let entity = provider.entities.get(&holder.entity);
        let name = entity.map_or_else(|| holder.entity.clone(), |e| e.name.clone());
        let country = entity
            .and_then(|e| e.country.clone())
            .unwrap_or_else(|| "?".into());
        let shares = |attributed: f64, economic: f64, worst: f64| {
            if holder.undeclared {
                format!("≤ {} %", format_number(worst))
            } else {
                format!(
                    "{} % / {} %",
                    format_number(attributed),
                    format_number(economic)
                )
            }
        };
        table.add_row(vec![
            name,
            country,
            origin_word(holder.origin, fr).to_string(),
            shares(
                holder.attributed_capital,
                holder.economic_capital,
                holder.capital.worst,
            ),
            shares(
                holder.attributed_voting,
                holder.economic_voting,
                holder.voting.worst,
            ),
            holder
                .control
                .map_or_else(|| "-".into(), |c| control_words(c, fr).to_string()),
            holder
                .chains
                .iter()
                .map(|c| c.describe(&provider.entities))
                .collect::<Vec<_>>()
                .join("\n"),
        ]);
    }
    let mut out = format!("{}\n", table);
    out.push_str(&format!(
        "{}: {} % ({} {} %)\n",
        if fr {
            "Capital hors UE, ensemble"
        } else {
            "Non-EU capital, together"
        },
        format_number(analysis.non_eu_capital.known),
        if fr { "au pire" } else { "worst case" },
        format_number(analysis.non_eu_capital.worst),
    ));
    for note in &analysis.notes {
        out.push_str(&format!("note: {}\n", terminal_line(note)));
    }
    out.push_str(if fr {
        "\nExposition aux lois extraterritoriales\n"
    } else {
        "\nExposure to extraterritorial laws\n"
    });
    if analysis.exposure.is_empty() {
        out.push_str(if fr { "  aucune\n" } else { "  none\n" });
    }
    for exposure in &analysis.exposure {
        out.push_str(&format!(
            "  {}\n",
            terminal_line(&exposure.sentence(&provider.entities, j))
        ));
    }
    out
}

/// The basis of control under Code de commerce art. L.233-3, in words.
fn control_words(basis: ControlBasis, fr: bool) -> &'static str {
    match (basis, fr) {
        (ControlBasis::VotingMajority, false) => "voting majority (L.233-3 I 1°)",
        (ControlBasis::Agreement, false) => "majority by agreement (L.233-3 I 2°)",
        (ControlBasis::BoardAppointment, false) => "appoints the board majority (L.233-3 I 4°)",
        (ControlBasis::DeFacto, false) => "decides general meetings in fact (L.233-3 I 3°)",
        (ControlBasis::Presumption, false) => {
            "presumed, ≥ 40 % and no larger holder (L.233-3 II: above 40 %; 40 % counted too)"
        }
        (ControlBasis::VotingMajority, true) => "majorité des droits de vote (L.233-3 I 1°)",
        (ControlBasis::Agreement, true) => "majorité par accord (L.233-3 I 2°)",
        (ControlBasis::BoardAppointment, true) => "nomme la majorité du conseil (L.233-3 I 4°)",
        (ControlBasis::DeFacto, true) => "détermine en fait les décisions des AG (L.233-3 I 3°)",
        (ControlBasis::Presumption, true) => {
            "présumé, ≥ 40 % sans plus gros détenteur (L.233-3 II : plus de 40 % ; 40 % compté aussi)"
        }
    }
}

fn origin_word(origin: Origin, fr: bool) -> &'static str {
    match (origin, fr) {
        (Origin::Eu, false) => "EU",
        (Origin::NonEu, false) => "non-EU",
        (Origin::Unknown, false) => "unknown",
        (Origin::Eu, true) => "UE",
        (Origin::NonEu, true) => "hors UE",
        (Origin::Unknown, true) => "inconnu",
    }
}
