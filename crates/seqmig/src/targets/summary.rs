//! The end of a run on several targets: the summary table (text) or the JSON document
//! with an entry per target.

use serde_json::{json, Value as Json};

use super::ChildReport;
use crate::cli::commands::TallyKind;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum State {
    Ok,
    /// `db:migrate:status --exit-code` found pending migrations.
    Pending,
    Failed,
    /// Not started: an earlier target failed (without `--keep-going`).
    NotRun,
}

impl State {
    pub fn word(self) -> &'static str {
        match self {
            State::Ok => "ok",
            State::Pending => "pending",
            State::Failed => "failed",
            State::NotRun => "not run",
        }
    }
}

#[derive(Debug, Clone)]
pub struct TargetResult {
    pub label: String,
    pub state: State,
    pub applied: Option<usize>,
    pub pending: Option<usize>,
    pub seconds: Option<f64>,
    /// The error in one line (the child's), for the lines under the table.
    pub error: Option<String>,
    /// `--json`: the child's own document.
    pub doc: Option<Json>,
}

pub const NOT_RUN: &str = "not started: an earlier target failed (--keep-going runs every target)";

impl TargetResult {
    pub fn not_run(label: &str) -> Self {
        TargetResult {
            label: label.into(),
            state: State::NotRun,
            applied: None,
            pending: None,
            seconds: None,
            error: None,
            doc: None,
        }
    }

    pub fn spawn_failed(label: &str, why: String) -> Self {
        TargetResult {
            state: State::Failed,
            error: Some(why),
            ..TargetResult::not_run(label)
        }
    }

    /// What a finished child's exit status, report and document say.
    pub fn from_child(
        label: &str,
        code: Option<i32>,
        report: Option<ChildReport>,
        doc: Option<Json>,
        seconds: f64,
    ) -> Self {
        let report = report.unwrap_or_default();
        // Exit 0 is success even without a report (a migration's `process.exit(0)` ends
        // the run there, as in Node).
        let state = match code {
            Some(0) => State::Ok,
            Some(1) if report.ok && report.error.is_none() => State::Pending,
            _ => State::Failed,
        };
        let error = match state {
            State::Failed => Some(report.error.clone().unwrap_or_else(|| match code {
                Some(c) => format!("its run exited with status {c}"),
                None => "its run was killed by a signal".into(),
            })),
            _ => None,
        };
        TargetResult {
            label: label.into(),
            state,
            applied: report.applied,
            pending: report.pending,
            seconds: Some(seconds),
            error,
            doc,
        }
    }

    pub fn succeeded(&self) -> bool {
        self.state == State::Ok
    }
}

fn count(n: Option<usize>) -> String {
    n.map_or_else(|| "-".into(), |n| n.to_string())
}

/// The summary table and the lines under it (stdout). `time` is each target's wall time.
pub fn text(
    command: &str,
    kind: TallyKind,
    parallel: usize,
    results: &[TargetResult],
) -> Vec<String> {
    let ok = results.iter().filter(|r| r.state == State::Ok).count();
    let failed = results.iter().filter(|r| r.state == State::Failed).count();
    let pending = results.iter().filter(|r| r.state == State::Pending).count();
    let not_run = results.iter().filter(|r| r.state == State::NotRun).count();
    let mut tally = vec![format!("{ok} ok")];
    if pending > 0 {
        tally.push(format!("{pending} with pending migrations"));
    }
    if failed > 0 {
        tally.push(format!("{failed} failed"));
    }
    if not_run > 0 {
        tally.push(format!("{not_run} not run"));
    }
    let applied_head = match kind {
        TallyKind::Down => "reverted now",
        TallyKind::Record => "recorded now",
        TallyKind::Seed => "seeders run",
        TallyKind::Up | TallyKind::None => "applied now",
    };
    let header = ["target", applied_head, "pending", "state", "time"];
    let rows: Vec<[String; 5]> = results
        .iter()
        .map(|r| {
            [
                r.label.clone(),
                count(r.applied),
                count(r.pending),
                r.state.word().to_string(),
                r.seconds.map_or_else(|| "-".into(), |s| format!("{s:.3}s")),
            ]
        })
        .collect();
    let mut widths = header.map(str::len);
    for row in &rows {
        for (w, cell) in widths.iter_mut().zip(row) {
            *w = (*w).max(cell.chars().count());
        }
    }
    let line = |cells: [&str; 5]| {
        let mut s = String::new();
        for (i, (cell, w)) in cells.iter().zip(widths).enumerate() {
            if i == 4 {
                s.push_str(cell);
            } else {
                s.push_str(&format!("{cell:<w$}  "));
            }
        }
        s.trim_end().to_string()
    };
    let mut out = vec![
        String::new(),
        format!(
            "seqmig: {command} on {} targets (--parallel {parallel}): {}",
            results.len(),
            tally.join(", ")
        ),
        line(header),
    ];
    for row in &rows {
        out.push(line([&row[0], &row[1], &row[2], &row[3], &row[4]]));
    }
    for r in results.iter().filter(|r| r.state == State::Failed) {
        out.push(format!(
            "seqmig: [{}] failed: {}",
            r.label,
            r.error.as_deref().unwrap_or("see its lines above")
        ));
    }
    let skipped: Vec<&str> = results
        .iter()
        .filter(|r| r.state == State::NotRun)
        .map(|r| r.label.as_str())
        .collect();
    if !skipped.is_empty() {
        out.push(format!(
            "seqmig: not started after the first failure (--keep-going runs every target): {}",
            skipped.join(", ")
        ));
    }
    out
}

/// `--json`: one document, an entry per target (`target`, `ok`, `applied`, `pending`,
/// `error`, plus `state`, `duration_ms` and the target's own document as `result`).
pub fn document(
    command: &str,
    parallel: usize,
    keep_going: bool,
    results: &[TargetResult],
) -> Json {
    let entries: Vec<Json> = results
        .iter()
        .map(|r| {
            let error = match r.state {
                State::Ok | State::Pending => Json::Null,
                State::NotRun => json!({"kind": "not-run", "message": NOT_RUN}),
                State::Failed => r
                    .doc
                    .as_ref()
                    .and_then(|d| d.get("error"))
                    .filter(|e| !e.is_null())
                    .cloned()
                    .unwrap_or_else(|| {
                        json!({"kind": "target", "message": r.error.as_deref().unwrap_or("failed")})
                    }),
            };
            json!({
                "target": r.label,
                "ok": r.state == State::Ok || r.state == State::Pending,
                "state": r.state.word(),
                "applied": r.applied,
                "pending": r.pending,
                "duration_ms": r.seconds.map(|s| (s * 1000.0).round() as u64),
                "error": error,
                "result": r.doc.clone().unwrap_or(Json::Null),
            })
        })
        .collect();
    json!({
        "command": command,
        "ok": results.iter().all(TargetResult::succeeded),
        "parallel": parallel,
        "keepGoing": keep_going,
        "targets": entries,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn r(
        label: &str,
        state: State,
        applied: Option<usize>,
        pending: Option<usize>,
    ) -> TargetResult {
        TargetResult {
            label: label.into(),
            state,
            applied,
            pending,
            seconds: (state != State::NotRun).then_some(0.25),
            error: (state == State::Failed).then(|| "boom".to_string()),
            doc: None,
        }
    }

    #[test]
    fn the_table_lines_up_and_names_failures_and_skipped_targets() {
        let lines = text(
            "db:migrate",
            TallyKind::Up,
            2,
            &[
                r("tenant_a", State::Ok, Some(3), Some(0)),
                r("localhost/long_name", State::Failed, Some(1), Some(2)),
                r("c", State::NotRun, None, None),
            ],
        );
        assert_eq!(
            lines.join("\n"),
            "\nseqmig: db:migrate on 3 targets (--parallel 2): 1 ok, 1 failed, 1 not run\n\
target               applied now  pending  state    time\n\
tenant_a             3            0        ok       0.250s\n\
localhost/long_name  1            2        failed   0.250s\n\
c                    -            -        not run  -\n\
seqmig: [localhost/long_name] failed: boom\n\
seqmig: not started after the first failure (--keep-going runs every target): c"
        );
    }

    #[test]
    fn exit_1_with_an_ok_report_is_pending_and_a_missing_report_is_a_failure() {
        let ok = ChildReport {
            applied: Some(0),
            pending: Some(2),
            ok: true,
            error: None,
        };
        let t = TargetResult::from_child("a", Some(1), Some(ok), None, 0.1);
        assert_eq!(t.state, State::Pending);
        let t = TargetResult::from_child("a", Some(3), None, None, 0.1);
        assert_eq!(t.state, State::Failed);
        assert_eq!(t.error.as_deref(), Some("its run exited with status 3"));
        let t = TargetResult::from_child("a", None, None, None, 0.1);
        assert_eq!(t.error.as_deref(), Some("its run was killed by a signal"));
    }

    #[test]
    fn the_document_has_an_entry_per_target() {
        let d = document(
            "db:migrate",
            1,
            false,
            &[
                r("a", State::Ok, Some(1), Some(0)),
                r("b", State::NotRun, None, None),
            ],
        );
        assert_eq!(d["ok"], false);
        assert_eq!(d["targets"][0]["target"], "a");
        assert_eq!(d["targets"][0]["applied"], 1);
        assert_eq!(d["targets"][0]["error"], Json::Null);
        assert_eq!(d["targets"][1]["ok"], false);
        assert_eq!(d["targets"][1]["error"]["kind"], "not-run");
    }
}
