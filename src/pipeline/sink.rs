//! Where a run's reports go as they are settled: each sink gets the run's header,
//! then every file's report in input order, then the run-level parts.
//!
//! JSON, `jsonl`, CSV, GitHub annotations, GitLab Code Quality, JUnit, Markdown and
//! HTML stream: a report is written and forgotten (Markdown's and HTML's waivers,
//! known at the end, come last). The table streams each file's tables and keeps a small row
//! per file for the matrix of offers at the end. The other formats ([`Buffered`]) are
//! rendered from the whole run at the end, because their renderers group, count or
//! sort across files (SARIF's runs, one per framework, each with results of every
//! file; OSCAL's; GitHub's step summary); they keep
//! every report until then.

use std::io::Write;
use std::path::PathBuf;

use crate::lang::Lang;
use crate::report::Format;
use crate::report::json::{Detail, JsonStream, jsonl_line};
use crate::report::table::TableStyle;
use crate::report::{FileReport, Report};

/// A destination of a run's reports.
pub trait Sink {
    /// The run is starting: `run` holds its header and rule catalogue, no report.
    fn begin(&mut self, run: &Report) -> std::io::Result<()>;
    /// One file's settled report, in input order.
    fn file(&mut self, report: &FileReport) -> std::io::Result<()>;
    /// The run is over: `run` holds its header, catalogue and waivers, no report.
    fn finish(&mut self, run: &Report) -> std::io::Result<()>;
}

/// The JSON document, streamed.
pub struct Json<W> {
    out: W,
    detail: Detail,
    stream: JsonStream,
}

impl<W: Write> Json<W> {
    /// What has been written to, once the run is over.
    pub fn into_inner(self) -> W {
        self.out
    }

    pub fn new(out: W, detail: Detail) -> Self {
        Json {
            out,
            detail,
            stream: JsonStream::default(),
        }
    }
}

impl<W: Write> Sink for Json<W> {
    fn begin(&mut self, run: &Report) -> std::io::Result<()> {
        self.stream.begin(&mut self.out, run)
    }
    fn file(&mut self, report: &FileReport) -> std::io::Result<()> {
        self.stream.file(&mut self.out, report, self.detail)
    }
    fn finish(&mut self, run: &Report) -> std::io::Result<()> {
        self.stream.finish(&mut self.out, run)?;
        self.out.flush()
    }
}

/// One JSON object per line and per file, each with the run's version and date.
pub struct Jsonl<W> {
    out: W,
    detail: Detail,
    /// The run's header, without reports.
    run: Header,
}

impl<W: Write> Jsonl<W> {
    /// What has been written to, once the run is over.
    pub fn into_inner(self) -> W {
        self.out
    }

    pub fn new(out: W, detail: Detail) -> Self {
        Jsonl {
            out,
            detail,
            run: Header::default(),
        }
    }
}

impl<W: Write> Sink for Jsonl<W> {
    fn begin(&mut self, run: &Report) -> std::io::Result<()> {
        // Only the header is repeated on each line: the catalogue is not kept.
        self.run.set(run);
        Ok(())
    }
    fn file(&mut self, report: &FileReport) -> std::io::Result<()> {
        let run = self.run.get()?;
        self.out
            .write_all(jsonl_line(run, report, self.detail)?.as_bytes())
    }
    fn finish(&mut self, _: &Report) -> std::io::Result<()> {
        self.out.flush()
    }
}

/// CSV, streamed: the header row, then each file's rows.
pub struct Csv<W> {
    out: W,
    /// The run's header, for the language of waiver sentences.
    run: Header,
}

impl<W: Write> Csv<W> {
    pub fn new(out: W) -> Self {
        Csv {
            out,
            run: Header::default(),
        }
    }
}

impl<W: Write> Sink for Csv<W> {
    fn begin(&mut self, run: &Report) -> std::io::Result<()> {
        self.run.set(run);
        self.out.write_all(crate::report::csv::header().as_bytes())
    }
    fn file(&mut self, report: &FileReport) -> std::io::Result<()> {
        let run = self.run.get()?;
        self.out
            .write_all(crate::report::csv::file_rows(run, report).as_bytes())
    }
    fn finish(&mut self, _: &Report) -> std::io::Result<()> {
        self.out.flush()
    }
}

/// A format whose output is a concatenation of per-file parts, streamed: `part`
/// renders one file of the run (given the run's header).
pub struct PerFile<W, F> {
    out: W,
    part: F,
    run: Header,
}

impl<W: Write, F: FnMut(&Report, &FileReport) -> String> PerFile<W, F> {
    pub fn new(out: W, part: F) -> Self {
        PerFile {
            out,
            part,
            run: Header::default(),
        }
    }
}

impl<W: Write, F: FnMut(&Report, &FileReport) -> String> Sink for PerFile<W, F> {
    fn begin(&mut self, run: &Report) -> std::io::Result<()> {
        self.run.set(run);
        Ok(())
    }
    fn file(&mut self, report: &FileReport) -> std::io::Result<()> {
        let run = self.run.get()?;
        let text = (self.part)(run, report);
        self.out.write_all(text.as_bytes())
    }
    fn finish(&mut self, _: &Report) -> std::io::Result<()> {
        self.out.flush()
    }
}

/// GitLab Code Quality, streamed: each file's issues as it is settled.
pub struct Gitlab<W> {
    out: W,
    working_dir: PathBuf,
    /// The run's header, for the language of the descriptions.
    run: Header,
    stream: crate::report::gitlab::GitlabStream,
}

impl<W: Write> Gitlab<W> {
    pub fn new(out: W, working_dir: PathBuf) -> Self {
        Gitlab {
            out,
            working_dir,
            run: Header::default(),
            stream: Default::default(),
        }
    }

    /// What has been written to, once the run is over.
    pub fn into_inner(self) -> W {
        self.out
    }
}

impl<W: Write> Sink for Gitlab<W> {
    fn begin(&mut self, run: &Report) -> std::io::Result<()> {
        self.run.set(run);
        Ok(())
    }
    fn file(&mut self, report: &FileReport) -> std::io::Result<()> {
        let run = self.run.get()?;
        self.stream
            .file(&mut self.out, run, report, &self.working_dir)
    }
    fn finish(&mut self, _: &Report) -> std::io::Result<()> {
        self.stream.finish(&mut self.out)?;
        self.out.flush()
    }
}

/// JUnit XML, streamed: each file's suites as it is settled.
pub struct Junit<W> {
    out: W,
    working_dir: PathBuf,
    /// The run's header, for the date, version and language of the suites.
    run: Header,
}

impl<W: Write> Junit<W> {
    pub fn new(out: W, working_dir: PathBuf) -> Self {
        Junit {
            out,
            working_dir,
            run: Header::default(),
        }
    }

    /// What has been written to, once the run is over.
    pub fn into_inner(self) -> W {
        self.out
    }
}

impl<W: Write> Sink for Junit<W> {
    fn begin(&mut self, run: &Report) -> std::io::Result<()> {
        self.run.set(run);
        self.out
            .write_all(crate::report::junit::begin(run).as_bytes())
    }
    fn file(&mut self, report: &FileReport) -> std::io::Result<()> {
        let run = self.run.get()?;
        let text = crate::report::junit::file_suites(run, report, &self.working_dir);
        self.out.write_all(text.as_bytes())
    }
    fn finish(&mut self, _: &Report) -> std::io::Result<()> {
        self.out.write_all(crate::report::junit::END.as_bytes())?;
        self.out.flush()
    }
}

/// A document streamed in three parts: `begin` renders its start from the run's
/// header, `part` each file (given the header), `end` what follows the files (given
/// the run's header, catalogue and waivers).
pub struct Framed<W, B, P, E> {
    out: W,
    begin: B,
    part: P,
    end: E,
    run: Header,
}

impl<W, B, P, E> Framed<W, B, P, E>
where
    W: Write,
    B: FnMut(&Report) -> String,
    P: FnMut(&Report, &FileReport) -> String,
    E: FnMut(&Report) -> String,
{
    pub fn new(out: W, begin: B, part: P, end: E) -> Self {
        Framed {
            out,
            begin,
            part,
            end,
            run: Header::default(),
        }
    }

    /// What has been written to, once the run is over.
    pub fn into_inner(self) -> W {
        self.out
    }
}

impl<W, B, P, E> Sink for Framed<W, B, P, E>
where
    W: Write,
    B: FnMut(&Report) -> String,
    P: FnMut(&Report, &FileReport) -> String,
    E: FnMut(&Report) -> String,
{
    fn begin(&mut self, run: &Report) -> std::io::Result<()> {
        self.run.set(run);
        let text = (self.begin)(run);
        self.out.write_all(text.as_bytes())
    }
    fn file(&mut self, report: &FileReport) -> std::io::Result<()> {
        let run = self.run.get()?;
        let text = (self.part)(run, report);
        self.out.write_all(text.as_bytes())
    }
    fn finish(&mut self, run: &Report) -> std::io::Result<()> {
        let text = (self.end)(run);
        self.out.write_all(text.as_bytes())?;
        self.out.flush()
    }
}

/// The terminal table, streamed: each file's tables as it is settled; the matrix of
/// offers at the end, from a small row kept of each file.
pub struct Table<W> {
    out: W,
    style: crate::report::table::TableStyle,
    lang: crate::lang::Lang,
    rows: Vec<crate::report::table::MatrixRow>,
}

impl<W: Write> Table<W> {
    pub fn new(out: W, style: crate::report::table::TableStyle, lang: crate::lang::Lang) -> Self {
        Table {
            out,
            style,
            lang,
            rows: Vec::new(),
        }
    }
}

impl<W: Write> Sink for Table<W> {
    fn begin(&mut self, _: &Report) -> std::io::Result<()> {
        Ok(())
    }
    fn file(&mut self, report: &FileReport) -> std::io::Result<()> {
        use crate::report::table;
        self.rows.push(table::MatrixRow::of(report));
        let text = table::file_part(report, self.style, self.lang);
        self.out.write_all(text.as_bytes())
    }
    fn finish(&mut self, run: &Report) -> std::io::Result<()> {
        let text = crate::report::table::ending(run, &self.rows, self.style, self.lang);
        self.out.write_all(text.as_bytes())?;
        self.out.flush()
    }
}

/// Renders the whole run at the end with `render`; keeps every report until then.
pub struct Buffered<W, F> {
    out: W,
    render: F,
    reports: Vec<FileReport>,
}

impl<W: Write, F: FnMut(&Report) -> std::io::Result<String>> Buffered<W, F> {
    pub fn new(out: W, render: F) -> Self {
        Buffered {
            out,
            render,
            reports: Vec::new(),
        }
    }
}

impl<W: Write, F: FnMut(&Report) -> std::io::Result<String>> Sink for Buffered<W, F> {
    fn begin(&mut self, _: &Report) -> std::io::Result<()> {
        Ok(())
    }
    fn file(&mut self, report: &FileReport) -> std::io::Result<()> {
        self.reports.push(report.clone());
        Ok(())
    }
    fn finish(&mut self, run: &Report) -> std::io::Result<()> {
        let report = Report {
            reports: std::mem::take(&mut self.reports),
            ..run.clone()
        };
        let text = (self.render)(&report)?;
        self.out.write_all(text.as_bytes())?;
        self.out.flush()
    }
}

/// Keeps every report, for what needs the whole run (a sealed record).
#[derive(Debug, Default)]
pub struct Collect {
    pub reports: Vec<FileReport>,
}

impl Sink for Collect {
    fn begin(&mut self, _: &Report) -> std::io::Result<()> {
        Ok(())
    }
    fn file(&mut self, report: &FileReport) -> std::io::Result<()> {
        self.reports.push(report.clone());
        Ok(())
    }
    fn finish(&mut self, _: &Report) -> std::io::Result<()> {
        Ok(())
    }
}

impl<S: Sink + ?Sized> Sink for &mut S {
    fn begin(&mut self, run: &Report) -> std::io::Result<()> {
        (**self).begin(run)
    }
    fn file(&mut self, report: &FileReport) -> std::io::Result<()> {
        (**self).file(report)
    }
    fn finish(&mut self, run: &Report) -> std::io::Result<()> {
        (**self).finish(run)
    }
}

impl<S: Sink + ?Sized> Sink for Box<S> {
    fn begin(&mut self, run: &Report) -> std::io::Result<()> {
        (**self).begin(run)
    }
    fn file(&mut self, report: &FileReport) -> std::io::Result<()> {
        (**self).file(report)
    }
    fn finish(&mut self, run: &Report) -> std::io::Result<()> {
        (**self).finish(run)
    }
}

/// A sink that writes nothing at all unless the run has at least one report (standard
/// output when every input is invalid).
pub struct WhenAny<S> {
    inner: S,
    /// The run's header, until the first report begins the inner sink.
    pending: Option<Report>,
    started: bool,
}

impl<S: Sink> WhenAny<S> {
    pub fn new(inner: S) -> Self {
        WhenAny {
            inner,
            pending: None,
            started: false,
        }
    }
}

impl<S: Sink> Sink for WhenAny<S> {
    fn begin(&mut self, run: &Report) -> std::io::Result<()> {
        self.pending = Some(run.clone());
        Ok(())
    }
    fn file(&mut self, report: &FileReport) -> std::io::Result<()> {
        if let Some(run) = self.pending.take() {
            self.inner.begin(&run)?;
            self.started = true;
        }
        self.inner.file(report)
    }
    fn finish(&mut self, run: &Report) -> std::io::Result<()> {
        if self.started {
            self.inner.finish(run)?;
        }
        Ok(())
    }
}

/// The sink that writes `format` to `out`: JSON, `jsonl`, CSV, GitHub annotations and the table stream, the other
/// formats are rendered from the whole run at its end (see the module's doc).
pub fn for_format<'a, W: Write + 'a>(
    format: Format,
    out: W,
    style: TableStyle,
    lang: Lang,
    detail: Detail,
) -> Box<dyn Sink + 'a> {
    match format {
        Format::Json => Box::new(Json::new(out, detail)),
        Format::Jsonl => Box::new(Jsonl::new(out, detail)),
        Format::Csv => Box::new(Csv::new(out)),
        Format::Table => Box::new(Table::new(out, style, lang)),
        Format::Gitlab => {
            let cwd = std::env::current_dir().unwrap_or_else(|_| PathBuf::from("."));
            Box::new(Gitlab::new(out, cwd))
        }
        Format::Markdown => {
            use crate::report::markdown;
            Box::new(Framed::new(
                out,
                markdown::begin,
                markdown::file_part,
                markdown::ending,
            ))
        }
        Format::Html => {
            use crate::report::html;
            Box::new(Framed::new(out, html::begin, html::file_part, html::ending))
        }
        Format::Junit => {
            let cwd = std::env::current_dir().unwrap_or_else(|_| PathBuf::from("."));
            Box::new(Junit::new(out, cwd))
        }
        Format::Github => {
            let cwd = std::env::current_dir().unwrap_or_else(|_| PathBuf::from("."));
            Box::new(PerFile::new(out, move |run: &Report, file: &FileReport| {
                crate::report::github::file_commands(run, file, &cwd)
            }))
        }
        other => Box::new(Buffered::new(out, move |report: &Report| {
            crate::report::format::render(report, other, style, lang).map_err(|e| {
                std::io::Error::other(format!("cannot render the {other:?} report: {e}"))
            })
        })),
    }
}

/// The run's header as a streaming sink keeps it: every part but the rule
/// catalogue, which per-file parts do not need.
#[derive(Default)]
struct Header(Option<Report>);

impl Header {
    fn set(&mut self, run: &Report) {
        self.0 = Some(Report {
            rules: Vec::new(),
            ..run.clone()
        });
    }

    fn get(&self) -> std::io::Result<&Report> {
        self.0
            .as_ref()
            .ok_or_else(|| std::io::Error::other("a report before the run's header"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lang::Lang;
    use crate::report::table::TableStyle;

    fn run_of(reports: Vec<FileReport>) -> Report {
        let rules = crate::rules::RuleSet::load(&[]).unwrap();
        let options = crate::assess::AssessOptions {
            as_of: jiff::civil::Date::constant(2026, 11, 1),
            frameworks: vec![],
            lang: Lang::En,
        };
        Report {
            reports,
            ..super::super::header(&rules, &options)
        }
    }

    fn example(name: &str) -> FileReport {
        let rules = crate::rules::RuleSet::load(&[]).unwrap();
        let loaded = crate::provider::load_file(name.as_ref(), &[]).unwrap();
        let options = crate::assess::AssessOptions {
            as_of: jiff::civil::Date::constant(2026, 11, 1),
            frameworks: vec![],
            lang: Lang::En,
        };
        crate::assess::assess(&loaded, &rules, &options)
    }

    fn feed(sink: &mut dyn Sink, run: &Report) {
        let header = Report {
            reports: vec![],
            ..run.clone()
        };
        sink.begin(&header).unwrap();
        for file in &run.reports {
            sink.file(file).unwrap();
        }
        sink.finish(&header).unwrap();
    }

    #[test]
    fn streamed_formats_equal_their_whole_rendering() {
        let run = run_of(vec![
            example("examples/us-hyperscaler-region.yaml"),
            example("examples/eu-native-qualified.yaml"),
        ]);
        let style = TableStyle {
            color: false,
            width: 100,
            evidence_lines: 3,
        };
        let mut table = Table::new(Vec::new(), style, Lang::En);
        feed(&mut table, &run);
        let whole = crate::report::table::render(&run, style, Lang::En);
        assert!(whole.contains("Offer"), "the matrix of offers is drawn");
        assert_eq!(String::from_utf8(table.out).unwrap(), whole);
        let mut csv = Csv::new(Vec::new());
        feed(&mut csv, &run);
        assert_eq!(
            String::from_utf8(csv.out).unwrap(),
            crate::report::csv::render(&run)
        );
        let mut json = Json::new(Vec::new(), Detail::Full);
        feed(&mut json, &run);
        assert_eq!(
            String::from_utf8(json.out).unwrap(),
            crate::report::json::render(&run)
        );
    }

    #[test]
    fn nothing_is_written_for_a_run_without_reports() {
        let run = run_of(vec![]);
        let mut quiet = WhenAny::new(Json::new(Vec::new(), Detail::Compact));
        feed(&mut quiet, &run);
        assert!(quiet.inner.out.is_empty());
        let mut json = Json::new(Vec::new(), Detail::Compact);
        feed(&mut json, &run);
        assert_eq!(
            String::from_utf8(json.out).unwrap(),
            crate::report::json::render(&run),
            "an empty report is still a report in a file"
        );
    }
}
