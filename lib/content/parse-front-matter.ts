import { createRequire } from "node:module";
import { CORE_SCHEMA, load as loadYaml, type YAMLException } from "js-yaml";
import type * as Yaml from "yaml";
import { z } from "zod";
import { type ArticleSource, ArticleSourceError, type BylineAuthor } from "./article-source";
import { detectLanguage, normalizeLanguageTag, getDefaultTimeZone } from "./language";
import { slugPattern } from "./slug-pattern";
import { isValidTimeZone, parseDateTimeInZone } from "./zoned-time";

const text = (max: number) => z.string().trim().min(1, "must not be empty").max(max, `must be at most ${max} characters`);

const authorSchema = z.union(
  [text(100), z.strictObject({ name: text(100), role: text(50).optional(), outlet: text(100).optional() })],
  { error: "each author must be a name, or name/role/outlet lines" },
);

const frontMatterSchema = z.strictObject({
  title: text(300),
  slug: z
    .string()
    .trim()
    .max(100, "must be at most 100 characters")
    .regex(slugPattern, "must be lowercase ASCII words joined by hyphens, like spark-3-report")
    .optional(),
  date: z.string().trim().optional(),
  updated: z.string().trim().optional(),
  timezone: z
    .string()
    .trim()
    .refine(isValidTimeZone, "is not an IANA time zone such as Asia/Shanghai or Europe/London")
    .optional(),
  authors: z
    .union([text(500), z.array(authorSchema).max(20, "at most 20 authors")], { error: "must be a name, or a list of names or name/role/outlet entries" })
    .optional(),
  section: text(60).optional(),
  // `tags: [2024]` is a number to YAML and a perfectly good tag to an editor.
  tags: z.array(z.union([text(60), z.number().transform(String)])).max(20, "at most 20 tags").optional(),
  summary: z
    .union([text(1000), z.array(text(1000)).max(5, "at most 5 summary points")], {
      error: "must be a sentence or a list of up to 5 summary points",
    })
    .optional(),
  language: z
    .string()
    .trim()
    .refine((tag) => normalizeLanguageTag(tag) !== null, "is not a language tag such as zh-CN or en")
    .optional(),
  status: z.enum(["published", "draft"]).optional(),
  source: z
    .union(
      [z.url({ protocol: /^https?$/ }), z.strictObject({ name: text(100).optional(), url: z.url({ protocol: /^https?$/ }).optional() })],
      { error: "must be an http(s) URL, or name and url lines with an http(s) url" },
    )
    .optional(),
  cover: text(2000).optional(),
});

type FrontMatter = z.infer<typeof frontMatterSchema>;

// `yaml` keeps the position of every node, which only an error needs: it is loaded the first time a
// file has one, not by every ingest worker at start-up.
let yaml: typeof Yaml | undefined;
function loadYamlWithPositions(): typeof Yaml {
  yaml ??= createRequire(import.meta.url)("yaml") as typeof Yaml;
  return yaml;
}

/** Line (1-based, in the YAML block) of the value at `path`, or of its key when it has no value. */
function findLine(doc: Yaml.Document, lineCounter: Yaml.LineCounter, path: PropertyKey[]): number | null {
  const { isMap, isScalar } = loadYamlWithPositions();
  for (let length = path.length; length > 0; length -= 1) {
    const node = doc.getIn(path.slice(0, length) as unknown[], true);
    if (node && typeof node === "object" && "range" in node && Array.isArray(node.range)) {
      return lineCounter.linePos(node.range[0] as number).line;
    }
    const parent = length > 1 ? doc.getIn(path.slice(0, length - 1) as unknown[], true) : doc.contents;
    if (isMap(parent)) {
      const pair = parent.items.find((item) => isScalar(item.key) && item.key.value === path[length - 1]);
      if (pair && isScalar(pair.key) && pair.key.range) return lineCounter.linePos(pair.key.range[0]).line;
    }
  }
  return null;
}

function toAuthors(value: FrontMatter["authors"]): BylineAuthor[] {
  if (value === undefined) return [];
  const list = typeof value === "string" ? value.split(/[,，、]/).map((name) => name.trim()).filter(Boolean) : value;
  return list.map((entry) =>
    typeof entry === "string"
      ? { name: entry, role: null, outlet: null }
      : { name: entry.name, role: entry.role ?? null, outlet: entry.outlet ?? null },
  );
}

/**
 * Reads a file that starts with a `---` YAML front matter block. `firstLine` is where the YAML
 * starts in the file, so every error points at the file's own line.
 */
export function parseFrontMatterArticle(path: string, yamlText: string, firstLine: number, body: string): ArticleSource {
  const fail = (line: number | null, reason: string): never => {
    throw new ArticleSourceError(path, line === null ? null : line + firstLine - 1, reason);
  };
  // Two YAML readers: js-yaml is about ten times faster and reads every good file; `yaml` keeps
  // the position of every node, so it is parsed only when there is an error to point at.
  let detailed: { doc: Yaml.Document; lineCounter: Yaml.LineCounter } | undefined;
  const getDetailed = () => {
    if (!detailed) {
      const { LineCounter, parseDocument } = loadYamlWithPositions();
      const lineCounter = new LineCounter();
      detailed = { lineCounter, doc: parseDocument(yamlText, { lineCounter, uniqueKeys: true, schema: "core", prettyErrors: false }) };
    }
    return detailed;
  };
  const locate = (path: PropertyKey[]) => findLine(getDetailed().doc, getDetailed().lineCounter, path);

  let raw: unknown;
  try {
    raw = loadYaml(yamlText, { schema: CORE_SCHEMA });
  } catch (error) {
    const yamlError = getDetailed().doc.errors[0];
    if (yamlError) fail(getDetailed().lineCounter.linePos(yamlError.pos[0]).line, `front matter is not valid YAML: ${yamlError.message.split("\n")[0]}`);
    const mark = (error as YAMLException).mark;
    fail(mark ? mark.line + 1 : 1, `front matter is not valid YAML: ${(error as YAMLException).reason}`);
  }
  if (raw === null || typeof raw !== "object" || Array.isArray(raw)) fail(1, "front matter must be a list of `key: value` lines");

  const parsed = frontMatterSchema.safeParse(raw);
  if (!parsed.success) {
    const [issue, ...others] = parsed.error.issues as [z.core.$ZodIssue, ...z.core.$ZodIssue[]];
    const more = others.length ? ` (and ${others.length} more problem${others.length > 1 ? "s" : ""} in the front matter)` : "";
    if (issue.code === "unrecognized_keys") {
      const key = issue.keys[0]!;
      const known = issue.path.length === 0 ? ` (known keys: ${Object.keys(frontMatterSchema.shape).join(", ")})` : "";
      const where = issue.path.length === 0 ? "front matter" : issue.path.join(".");
      fail(locate([...issue.path, key]) ?? 0, `unknown ${where} key "${key}"${known}${more}`);
    }
    const where = issue.path.join(".") || "front matter";
    // A missing key has no line of its own: point at the opening ---.
    const valueAtPath = issue.path.reduce<unknown>((value, key) => (value as Record<PropertyKey, unknown> | undefined)?.[key], raw);
    const missing = issue.code === "invalid_type" && valueAtPath === undefined;
    fail(locate(issue.path) ?? 0, `${where}: ${missing ? "is required" : issue.message}${more}`);
  }
  const data = parsed.data!;
  const language =
    data.language !== undefined ? normalizeLanguageTag(data.language)! : detectLanguage(`${data.title}\n${body}`);
  const timeZone = data.timezone ?? getDefaultTimeZone(language);
  const readDate = (key: "date" | "updated"): Date | null => {
    const value = data[key];
    if (value === undefined) return null;
    const instant = parseDateTimeInZone(value, timeZone);
    if (!instant) fail(locate([key]), `${key}: "${value}" is not a date like 2023-10-24 15:04 or 2023-10-24T15:04:00+08:00`);
    return instant;
  };
  const publishedAt = readDate("date");
  const status = data.status ?? "published";
  if (status === "published" && !publishedAt) fail(1, "date: a published article needs a date (or set status: draft)");
  const source = typeof data.source === "string" ? { url: data.source, name: undefined } : data.source;
  const summaryPoints = data.summary === undefined ? [] : typeof data.summary === "string" ? [data.summary] : data.summary;
  if (!body.trim()) fail(yamlText.split("\n").length, "the article has no body after its front matter");

  return {
    title: data.title,
    slug: data.slug ?? null,
    publishedAt,
    revisedAt: readDate("updated"),
    timeZone,
    authors: toAuthors(data.authors),
    section: data.section ?? null,
    tags: [...new Set(data.tags ?? [])],
    summaryPoints,
    language,
    status,
    sourceName: source?.name ?? null,
    sourceUrl: source?.url ?? null,
    cover: data.cover ?? null,
    bodyMarkdown: body.trim(),
  };
}
