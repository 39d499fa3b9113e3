//! The problems of one file, gathered for the report: in reading order, and only as
//! many as a person will read.

use crate::diagnostics::{Code, InputErrors, Problem};

/// Most problems reported for one file. Beyond this a file is usually of another
/// format altogether, and every reported problem carries a copy of the file's text
/// for its snippet: the bound also keeps a hostile file from exhausting memory.
pub const MAX_PROBLEMS: usize = 50;

/// The problems of `name`, sorted by position and cut to [`MAX_PROBLEMS`] with a
/// last problem saying how many were left out.
pub fn file_errors(name: &str, text: String, mut problems: Vec<Problem>) -> InputErrors {
    problems.sort_by_key(|p| p.span.map(|s| (s.offset, s.len)));
    if problems.len() > MAX_PROBLEMS {
        let left_out = problems.len() - MAX_PROBLEMS;
        problems.truncate(MAX_PROBLEMS);
        problems.push(
            Problem::new(
                Code::TooManyProblems,
                format!("{left_out} more problems are not shown"),
            )
            .help("fix the problems above and check the file again"),
        );
    }
    InputErrors::new(name, Some(text), problems)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostics::Span;

    fn at(offset: usize) -> Problem {
        Problem::new(Code::UnknownCountry, "x").at(Span::new(offset, 1), "x")
    }

    #[test]
    fn problems_are_sorted_by_position() {
        let errors = file_errors("f", "abc".into(), vec![at(2), at(0)]);
        let offsets: Vec<_> = errors
            .problems
            .iter()
            .map(|p| p.span.unwrap().offset)
            .collect();
        assert_eq!(offsets, vec![0, 2]);
    }

    #[test]
    fn long_lists_are_cut_with_a_count_of_the_rest() {
        let errors = file_errors("f", "abc".into(), (0..MAX_PROBLEMS + 7).map(at).collect());
        assert_eq!(errors.problems.len(), MAX_PROBLEMS + 1);
        let last = errors.problems.last().unwrap();
        assert_eq!(last.code, Code::TooManyProblems);
        assert_eq!(last.message, "7 more problems are not shown");
    }
}
