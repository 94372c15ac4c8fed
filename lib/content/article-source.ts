/** One byline entry: 澎湃新闻记者 邵文 is { outlet: 澎湃新闻, role: 记者, name: 邵文 }. */
export interface BylineAuthor {
  name: string;
  role: string | null;
  outlet: string | null;
}

export type SourceStatus = "published" | "draft";

/** What a Markdown file says about its article, before slugs, rendering and the database. */
export interface ArticleSource {
  title: string;
  /** Only when the file names one; otherwise the slug comes from the title. */
  slug: string | null;
  /** The slug was read from an old address (url, permalink), not named: a clash picks another. */
  slugFromAddress: boolean;
  publishedAt: Date | null;
  revisedAt: Date | null;
  timeZone: string;
  authors: BylineAuthor[];
  section: string | null;
  tags: string[];
  summaryPoints: string[];
  language: string;
  status: SourceStatus;
  sourceName: string | null;
  sourceUrl: string | null;
  /** Image reference for the cover, as written (relative to the file, or a URL). */
  cover: string | null;
  bodyMarkdown: string;
  /** Old addresses of the article on the site it came from ("/2019/01/old-post"): each answers 301. */
  aliases: string[];
  /** Front matter keys no field takes, as written, kept so an export can give them back. */
  frontMatterExtra: Record<string, unknown>;
  /** Their names (author.email for a sub-key), for the run's summary and --strict. */
  unknownKeys: string[];
  /** Template tags of other generators left as text because nothing here knows them ("{{< gist >}}"). */
  unknownTemplateTags: string[];
  /** What the file said that was cut or left out to fit, for the run's summary ("kept the first 20 of 34 tags"). */
  notes: string[];
  /** No date was found anywhere: the article is a draft until ingest dates it by the file's time. */
  undated: boolean;
}

/** The fields only front matter can fill, for a file that has none: no slug of its own, nothing imported. */
export function withoutFrontMatter(): Pick<ArticleSource, "slug" | "slugFromAddress" | "aliases" | "frontMatterExtra" | "unknownKeys" | "notes"> {
  return { slug: null, slugFromAddress: false, aliases: [], frontMatterExtra: {}, unknownKeys: [], notes: [] };
}

/** A file that cannot become an article: where (path, line when known) and why. */
export class ArticleSourceError extends Error {
  constructor(
    readonly path: string,
    readonly line: number | null,
    readonly reason: string,
  ) {
    super(`${path}${line === null ? "" : `:${line}`}: ${reason}`);
    this.name = "ArticleSourceError";
  }
}
