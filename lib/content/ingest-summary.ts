import type { IngestFailure, IngestReport } from "./ingest";

// The end of a run over an archive of thousands of files, as a person reads it: the counts, the
// keys that were kept but not used, and the failures grouped by reason with the first few paths,
// so one systematic problem reads as one line instead of four thousand.

const PATHS_PER_GROUP = 3;
const KEYS_SHOWN = 30;

/** A reason with its particulars taken out, so files failing the same way share one group. */
export function toReasonGroup(reason: string): string {
  return reason
    .replace(/"[^"]*"/g, "\u2026")
    .replace(/\b\d+(\.\d+)?\b/g, "N")
    .replace(/(?:[\w.-]+\/)+[\w.-]+/g, "\u2026");
}

const where = (failure: IngestFailure) => `${failure.path}${failure.line === null ? "" : `:${failure.line}`}`;

function groupFailures(failures: IngestFailure[]): Array<{ reason: string; failures: IngestFailure[] }> {
  const groups = new Map<string, IngestFailure[]>();
  for (const failure of failures) {
    const key = toReasonGroup(failure.reason);
    groups.set(key, [...(groups.get(key) ?? []), failure]);
  }
  return [...groups.values()].sort((a, b) => b.length - a.length).map((group) => ({ reason: group[0]!.reason, failures: group }));
}

function listFailures(label: string, failures: IngestFailure[]): string[] {
  const lines: string[] = [];
  for (const group of groupFailures(failures)) {
    if (group.failures.length === 1) {
      lines.push(`  ${label} ${where(group.failures[0]!)}: ${group.reason}`);
      continue;
    }
    lines.push(`  ${label} ${group.failures.length} files, like ${where(group.failures[0]!)}: ${group.reason}`);
    for (const failure of group.failures.slice(0, PATHS_PER_GROUP)) lines.push(`      ${where(failure)}: ${failure.reason}`);
    if (group.failures.length > PATHS_PER_GROUP) lines.push(`      \u2026 and ${group.failures.length - PATHS_PER_GROUP} more`);
  }
  return lines;
}

/** The summary lines: `out` for stdout, `errors` for stderr. */
export function formatIngestSummary(report: IngestReport, missing: string[], { dryRun = false } = {}): { out: string[]; errors: string[] } {
  const out: string[] = [];
  const errors: string[] = [];
  const seconds = (report.elapsedMs / 1000).toFixed(1);
  const failed = report.failed.length + missing.length;
  const verb = dryRun ? "checked" : "ingested";
  const would = dryRun ? " (dry run: nothing was written)" : "";
  out.push(
    `${verb} ${report.total} files in ${seconds} s: ${report.created.length} ${dryRun ? "to create" : "created"}, ` +
      `${report.updated.length} ${dryRun ? "to update" : "updated"}, ${report.unchanged.length} unchanged, ` +
      `${report.undatedDrafts.length} drafts without date, ${failed} failed${would}`,
  );
  if (report.created.length + report.updated.length === 0 && failed === 0) out.push("nothing changed");
  if (report.skipped.length > 0) {
    const one = report.skipped.length === 1;
    out.push(`  skipped ${report.skipped.length} Hugo section list page${one ? "" : "s"} (_index.md), which ${one ? "is not an article" : "are not articles"}`);
  }
  for (const move of report.moved) out.push(`  moved ${move.from} \u2192 ${move.to} (same article, same URL)`);
  if (report.undatedDrafts.length > 0) {
    out.push(`  no date found, ${dryRun ? "would go in" : "ingested"} as draft (dated by the file's modification time): ${report.undatedDrafts.length} file${report.undatedDrafts.length === 1 ? "" : "s"}`);
    for (const file of report.undatedDrafts.slice(0, 10)) out.push(`      ${file}`);
    if (report.undatedDrafts.length > 10) out.push(`      \u2026 and ${report.undatedDrafts.length - 10} more`);
  }
  if (report.unknownKeys.size > 0) {
    const keys = [...report.unknownKeys].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
    const shown = keys.slice(0, KEYS_SHOWN).map(([key, count]) => `${key} (${count})`);
    const more = keys.length > KEYS_SHOWN ? `, \u2026 and ${keys.length - KEYS_SHOWN} more` : "";
    out.push(`  front matter keys kept but not used (files): ${shown.join(", ")}${more}`);
  }
  if (report.unknownTemplateTags.size > 0) {
    const tags = [...report.unknownTemplateTags].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
    out.push(`  template tags left as text, which no converter here knows (files): ${tags.map(([tag, count]) => `${tag} (${count})`).join(", ")}`);
  }
  out.push(...listFailures("note:", report.warnings));
  for (const path of missing) errors.push(`  failed ${path}: no such file or folder`);
  errors.push(...listFailures("failed", report.failed));
  return { out, errors };
}
