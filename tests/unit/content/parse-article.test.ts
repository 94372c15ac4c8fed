import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { parseArticleFile } from "@/lib/content/parse-article";
import { expectSourceError } from "../../support/source-errors";

const repoRoot = path.resolve(import.meta.dirname, "../../..");
const FILE = "content/encoded.md";
const encoder = new TextEncoder();

const frontMatterText = [
  "---",
  "title: 讯飞星火大模型升级3.0",
  "date: 2023-10-24 15:04",
  "authors: [邵文]",
  "---",
  "",
  "10月24日，科大讯飞公布了最新技术进展。",
  "",
  "第二段：“接下来大模型的进化方向有3个”。",
  "",
].join("\n");
const seedText = readFileSync(path.join(repoRoot, "content/spark-3-0-report.md"), "utf8");

function utf16le(text: string, bom = true): Uint8Array {
  const body = Buffer.from(text, "utf16le");
  return new Uint8Array(bom ? Buffer.concat([Buffer.from([0xff, 0xfe]), body]) : body);
}

function utf16be(text: string): Uint8Array {
  const bytes = Buffer.from(text, "utf16le");
  bytes.swap16();
  return new Uint8Array(Buffer.concat([Buffer.from([0xfe, 0xff]), bytes]));
}

function withUtf8Bom(text: string): Uint8Array {
  return new Uint8Array(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text, "utf8")]));
}

describe("parseArticleFile with the encodings editors' tools save", () => {
  const expected = parseArticleFile(FILE, encoder.encode(frontMatterText));
  const expectedSeed = parseArticleFile(FILE, encoder.encode(seedText));

  it("reads the plain UTF-8 baseline", () => {
    expect(expected.title).toBe("讯飞星火大模型升级3.0");
    expect(expected.bodyMarkdown).toBe("10月24日，科大讯飞公布了最新技术进展。\n\n第二段：“接下来大模型的进化方向有3个”。");
    expect(expectedSeed.title).toBe("讯飞星火大模型升级3.0，刘庆峰：完全基于国产算力平台");
  });

  it.each([
    ["UTF-8 with a byte-order mark", withUtf8Bom],
    ["UTF-16LE with a byte-order mark", (text: string) => utf16le(text)],
    ["UTF-16BE with a byte-order mark", utf16be],
    ["CRLF line ends", (text: string) => encoder.encode(text.replace(/\n/g, "\r\n"))],
    ["CRLF line ends in UTF-16LE with a BOM", (text: string) => utf16le(text.replace(/\n/g, "\r\n"))],
  ])("reads %s exactly like plain UTF-8", (_label, encode) => {
    const front = parseArticleFile(FILE, encode(frontMatterText));
    expect(front).toEqual(expected);
    expect(front.title.startsWith("\uFEFF")).toBe(false);
    expect(front.bodyMarkdown).not.toContain("\r");
    const seed = parseArticleFile(FILE, encode(seedText));
    expect(seed).toEqual(expectedSeed);
    expect(seed.bodyMarkdown).not.toContain("\r");
  });

  it("refuses GBK bytes with a reason that says to convert to UTF-8", () => {
    // 中文 in GBK is D6 D0 CE C4: not valid UTF-8, and guessing would publish mojibake.
    const bytes = new Uint8Array([
      ...encoder.encode("---\ntitle: "),
      0xd6, 0xd0, 0xce, 0xc4,
      ...encoder.encode("\ndate: 2024-01-01\n---\n\nbody\n"),
    ]);
    const error = expectSourceError(() => parseArticleFile(FILE, bytes));
    expect(error.message.startsWith(`${FILE}: `)).toBe(true);
    expect(error.reason).toMatch(/not valid UTF-8/);
    expect(error.reason).toMatch(/GBK/);
  });

  it("refuses UTF-16 without a byte-order mark instead of reading it as NUL-riddled UTF-8", () => {
    const error = expectSourceError(() => parseArticleFile(FILE, utf16le(frontMatterText, false)));
    expect(error.path).toBe(FILE);
    expect(error.reason).toMatch(/NUL|UTF-8/);
  });

  it("refuses an empty file", () => {
    const error = expectSourceError(() => parseArticleFile(FILE, new Uint8Array(0)));
    expect(error.message).toBe(`${FILE}: the file is empty`);
  });

  it("refuses a file with NUL bytes as binary", () => {
    const bytes = encoder.encode(frontMatterText.replace("第二段", "第二\u0000段"));
    const error = expectSourceError(() => parseArticleFile(FILE, bytes));
    expect(error.message).toMatch(/^content\/encoded\.md: .*NUL bytes/);
  });

  it("reads a file of exactly 2 MiB and refuses one a byte larger", () => {
    const limit = 2 * 1024 * 1024;
    const header = encoder.encode("---\ntitle: Big\ndate: 2024-01-01\n---\n\n");
    const exact = new Uint8Array(limit).fill(0x61);
    exact.set(header);
    expect(parseArticleFile(FILE, exact).bodyMarkdown).toHaveLength(limit - header.length);

    const tooBig = new Uint8Array(limit + 1).fill(0x61);
    tooBig.set(header);
    const error = expectSourceError(() => parseArticleFile(FILE, tooBig));
    expect(error.path).toBe(FILE);
    expect(error.reason).toMatch(/limited to 2 MiB/);
  });

  it("reads text with neither front matter nor a # title as plain Markdown: its first line is the title", () => {
    const article = parseArticleFile(FILE, encoder.encode("Just some notes.\n\nNo header at all.\n"));
    expect(article.title).toBe("Just some notes.");
    expect(article.bodyMarkdown).toBe("No header at all.");
    expect(article).toMatchObject({ status: "draft", undated: true, publishedAt: null });
  });

  it("refuses a file of only blank lines", () => {
    const error = expectSourceError(() => parseArticleFile(FILE, encoder.encode("\n \n\n")));
    expect(error.reason).toMatch(/no text/);
  });
});
