//! The trustcheck binary: run the command, then map its outcome to an exit code
//! (0 pass, 1 fail, 2 invalid input or usage, 3 unknown, 4 everything left waived).

use std::process::ExitCode;

use clap::Parser;
use trustcheck::cli::{Cli, Outcome};

fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => {
            let _ = e.print();
            return ExitCode::from(if e.use_stderr() { 2 } else { 0 });
        }
    };
    match cli.run() {
        Ok(Outcome::Code(code)) => ExitCode::from(code),
        Ok(Outcome::InvalidInput(errors)) => {
            for error in errors {
                eprintln!("{:?}", miette::Report::new(error));
            }
            ExitCode::from(2)
        }
        Err(e) => {
            eprintln!("error: {e:#}");
            ExitCode::from(2)
        }
    }
}
