import { describe, expect, it } from "vitest";
import { createEmptyIngestReport, type IngestReport } from "@/lib/content/ingest";
import { formatIngestSummary, toReasonGroup } from "@/lib/content/ingest-summary";

const report = (overrides: Partial<IngestReport>): IngestReport => ({ ...createEmptyIngestReport(), elapsedMs: 1500, ...overrides });

describe("the run's summary", () => {
  it("groups failures that differ only in their particulars, biggest group first, with the first paths", () => {
    const failed = [
      ...Array.from({ length: 5 }, (_, i) => ({ path: `p/${i}.md`, line: 3, reason: `date: "2019-02-3${i}" is not a date like 2023-10-24 15:04` })),
      { path: "q.md", line: null, reason: "the file is empty" },
    ];
    const { errors } = formatIngestSummary(report({ total: 6, failed }), []);
    expect(errors).toEqual([
      `  failed 5 files, like p/0.md:3: date: "2019-02-30" is not a date like 2023-10-24 15:04`,
      `      p/0.md:3: date: "2019-02-30" is not a date like 2023-10-24 15:04`,
      `      p/1.md:3: date: "2019-02-31" is not a date like 2023-10-24 15:04`,
      `      p/2.md:3: date: "2019-02-32" is not a date like 2023-10-24 15:04`,
      "      … and 2 more",
      "  failed q.md: the file is empty",
    ]);
    expect(toReasonGroup('slug "a" is also claimed by x/y.md')).toBe(toReasonGroup('slug "b" is also claimed by z/w.md'));
  });

  it("counts the kept keys, most common first, and lists undated drafts and moves", () => {
    const { out } = formatIngestSummary(
      report({
        total: 3,
        created: ["a.md", "b.md"],
        undatedDrafts: ["b.md"],
        unknownKeys: new Map([["layout", 1], ["weight", 2]]),
        moved: [{ from: "old/c.md", to: "new/c.md" }],
        updated: ["new/c.md"],
      }),
      [],
    );
    expect(out[0]).toBe("ingested 3 files in 1.5 s: 2 created, 1 updated, 0 unchanged, 1 drafts without date, 0 failed");
    expect(out).toContain("  moved old/c.md → new/c.md (same article, same URL)");
    expect(out).toContain("  front matter keys kept but not used (files): weight (2), layout (1)");
    expect(out).toContain("      b.md");
  });
});
