import { createRequire } from "node:module";
import { CORE_SCHEMA, load as loadYaml, type YAMLException } from "js-yaml";
import { parse as parseToml, type TomlError } from "smol-toml";
import type * as Yaml from "yaml";
import { z } from "zod";
import { type ArticleSource, ArticleSourceError, type BylineAuthor } from "./article-source";
import { detectLanguage, normalizeLanguageTag, getDefaultTimeZone } from "./language";
import { slugPattern } from "./slug-pattern";
import { normalizeFrontMatter } from "./front-matter-dialects";
import { takeLeadingTitle } from "./parse-plain-markdown";
import { convertTemplateTags } from "./template-tags";
import { isValidTimeZone, parseArchiveDateTime } from "./zoned-time";

const text = (max: number) => z.string().trim().min(1, "must not be empty").max(max, `must be at most ${max} characters`);

const authorSchema = z.union(
  [text(100), z.number().transform(String), z.object({ name: text(100), role: text(50).optional(), outlet: text(100).optional() })],
  { error: "each author must be a name, or name/role/outlet lines" },
);

// `tags: [2024]` is a number to YAML and a perfectly good tag to an editor.
const nameList = (max: number, noun: string) =>
  z.array(z.union([text(60), z.number().transform(String)])).max(max, `at most ${max} ${noun}`);

// Inkstone's own keys, after front-matter-dialects.ts has mapped every other dialect's onto them.
const frontMatterSchema = z.object({
  // `title: 1984` is a number to YAML.
  title: z.union([text(300), z.number().transform(String)]).optional(),
  slug: z
    .string()
    .trim()
    .max(100, "must be at most 100 characters")
    .regex(slugPattern, "must be lowercase ASCII words joined by hyphens, like spark-3-report")
    .optional(),
  date: z.union([z.string().trim(), z.number().transform(String)]).optional(),
  updated: z.union([z.string().trim(), z.number().transform(String)]).optional(),
  timezone: z
    .string()
    .trim()
    .refine(isValidTimeZone, "is not an IANA time zone such as Asia/Shanghai or Europe/London")
    .optional(),
  authors: z
    .union([text(500), z.array(authorSchema).max(20, "at most 20 authors")], { error: "must be a name, or a list of names or name/role/outlet entries" })
    .optional(),
  section: z.union([text(60), z.number().transform(String)]).optional(),
  tags: nameList(20, "tags").optional(),
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
  // Already paths (front-matter-dialects.ts leaves out what is not one).
  aliases: z.array(z.string()).max(50, "at most 50 old addresses").optional(),
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

export type FrontMatterFormat = "yaml" | "toml";

export interface FrontMatterBlock {
  format: FrontMatterFormat;
  text: string;
  /** The file's line on which the block's first line is, so every error points at the file's own line. */
  firstLine: number;
}

/** Line (1-based, in the block) of a top-level TOML key: TOML errors need no second parser. */
function findTomlLine(tomlText: string, key: PropertyKey | undefined): number | null {
  if (typeof key !== "string") return null;
  const escaped = key.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  const keyLine = new RegExp(`^\\s*(["']?)${escaped}\\1\\s*=`);
  const index = tomlText.split("\n").findIndex((line) => keyLine.test(line));
  return index === -1 ? null : index + 1;
}

function readRawFrontMatter(block: FrontMatterBlock, fail: (line: number | null, reason: string) => never, getDetailed: () => DetailedYaml): unknown {
  if (block.format === "toml") {
    try {
      return parseToml(block.text);
    } catch (error) {
      const tomlError = error as TomlError;
      const reason = (tomlError.message ?? String(error)).split("\n")[0]!.replace(/^Invalid TOML document: /, "");
      return fail(typeof tomlError.line === "number" ? tomlError.line : 1, `front matter is not valid TOML: ${reason}`);
    }
  }
  try {
    return loadYaml(block.text, { schema: CORE_SCHEMA });
  } catch (error) {
    const yamlError = getDetailed().doc.errors[0];
    if (yamlError) fail(getDetailed().lineCounter.linePos(yamlError.pos[0]).line, `front matter is not valid YAML: ${yamlError.message.split("\n")[0]}`);
    const mark = (error as YAMLException).mark;
    return fail(mark ? mark.line + 1 : 1, `front matter is not valid YAML: ${(error as YAMLException).reason}`);
  }
}

interface DetailedYaml {
  doc: Yaml.Document;
  lineCounter: Yaml.LineCounter;
}

/**
 * Reads a file that starts with a front matter block (YAML between `---` lines, or TOML between
 * `+++` lines) in any dialect front-matter-dialects.ts knows. Keys no field takes are kept in
 * `frontMatterExtra` and named in `unknownKeys`; a value of the wrong shape for a key we use fails
 * the file with its line.
 */
export function parseFrontMatterArticle(path: string, block: FrontMatterBlock, body: string, context: { fileNameDate: string | null }): ArticleSource {
  const fail = (line: number | null, reason: string): never => {
    throw new ArticleSourceError(path, line === null ? null : line + block.firstLine - 1, reason);
  };
  // Two YAML readers: js-yaml is about ten times faster and reads every good file; `yaml` keeps
  // the position of every node, so it is parsed only when there is an error to point at.
  let detailed: DetailedYaml | undefined;
  const getDetailed = (): DetailedYaml => {
    if (!detailed) {
      const { LineCounter, parseDocument } = loadYamlWithPositions();
      const lineCounter = new LineCounter();
      detailed = { lineCounter, doc: parseDocument(block.text, { lineCounter, uniqueKeys: true, schema: "core", prettyErrors: false }) };
    }
    return detailed;
  };
  const locate = (keyPath: PropertyKey[]) =>
    block.format === "toml" ? findTomlLine(block.text, keyPath[0]) : findLine(getDetailed().doc, getDetailed().lineCounter, keyPath);

  // Jekyll marks a page to process with an empty block (`---` twice): nothing said, nothing wrong.
  const raw = readRawFrontMatter(block, fail, getDetailed) ?? {};
  if (typeof raw !== "object" || Array.isArray(raw)) fail(1, "front matter must be a list of `key: value` lines");
  const normalized = normalizeFrontMatter(raw as Record<string, unknown>);
  // Errors speak of the key as the file wrote it (author, categories), at that key's line.
  const locateField = (fieldPath: PropertyKey[]) => {
    const [field, ...rest] = fieldPath;
    const origin = normalized.origins.get(String(field)) ?? [field ?? ""];
    return locate(origin.length > 1 ? origin : [...origin, ...rest]);
  };
  const nameOf = (fieldPath: PropertyKey[]) => {
    const [field, ...rest] = fieldPath;
    return [normalized.keyNames.get(String(field)) ?? String(field ?? "front matter"), ...rest].join(".");
  };

  const [problem] = normalized.problems;
  if (problem) fail(locate([problem.key]) ?? 0, `${problem.key}: ${problem.reason}`);
  const parsed = frontMatterSchema.safeParse(normalized.data);
  if (!parsed.success) {
    const [issue, ...others] = parsed.error.issues as [z.core.$ZodIssue, ...z.core.$ZodIssue[]];
    const more = others.length ? ` (and ${others.length} more problem${others.length > 1 ? "s" : ""} in the front matter)` : "";
    if (issue.code === "unrecognized_keys") {
      const key = issue.keys[0]!;
      fail(locateField([...issue.path, key]) ?? 0, `unknown ${nameOf(issue.path)} key "${key}"${more}`);
    }
    const where = issue.path.length ? nameOf(issue.path) : "front matter";
    const valueAtPath = issue.path.reduce<unknown>((value, key) => (value as Record<PropertyKey, unknown> | undefined)?.[key], normalized.data);
    // A missing key has no line of its own: point at the opening line.
    const missing = issue.code === "invalid_type" && valueAtPath === undefined;
    fail(locateField(issue.path) ?? 0, `${where}: ${missing ? "is required" : issue.message}${more}`);
  }
  const data = parsed.data!;

  let bodyText = body;
  let title = data.title;
  const heading = takeLeadingTitle(bodyText);
  // A body that repeats the title as its first heading would show it twice.
  if (heading && (title === undefined || heading.title === title)) {
    title = heading.title;
    bodyText = heading.rest;
  }
  if (title === undefined) fail(0, "title: is required (or start the body with a `# title` heading)");
  const language =
    data.language !== undefined ? normalizeLanguageTag(data.language)! : detectLanguage(`${title}\n${bodyText}`);
  const timeZone = data.timezone ?? getDefaultTimeZone(language);
  const readDate = (key: "date" | "updated"): Date | null => {
    const value = data[key];
    if (value === undefined) return null;
    const instant = parseArchiveDateTime(value, timeZone);
    if (!instant) fail(locateField([key]), `${nameOf([key])}: "${value}" is not a date like 2023-10-24 15:04 or 2023-10-24T15:04:00+08:00`);
    return instant;
  };
  let publishedAt = readDate("date");
  let status = data.status ?? "published";
  // Jekyll dates a post by its file name; failing that, a draft to be dated by the file's time.
  if (publishedAt === null && context.fileNameDate !== null) publishedAt = parseArchiveDateTime(context.fileNameDate, timeZone);
  const undated = publishedAt === null;
  if (undated) status = "draft";
  const source = typeof data.source === "string" ? { url: data.source, name: undefined } : data.source;
  const summaryPoints = data.summary === undefined ? [] : typeof data.summary === "string" ? [data.summary] : data.summary;
  if (!bodyText.trim()) fail(block.text.split("\n").length, "the article has no body after its front matter");
  const converted = convertTemplateTags(bodyText, path);

  return {
    title: title!,
    slug: data.slug ?? null,
    slugFromAddress: normalized.slugFromAddress,
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
    bodyMarkdown: converted.body,
    aliases: data.aliases ?? [],
    frontMatterExtra: normalized.extra,
    unknownKeys: normalized.unknownKeys,
    unknownTemplateTags: converted.unknown,
    notes: normalized.notes,
    undated,
  };
}
