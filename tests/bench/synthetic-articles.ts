import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";

// Synthetic articles for benchmarks: mixed Chinese and English, 2-20 KB each, deterministic for
// a given seed so runs compare like with like.

const chineseWords = [
  "城市", "交通", "地铁", "延长线", "市民", "通勤", "数据", "显示", "去年", "同比", "增长", "公司", "发布", "季度",
  "营收", "利润", "模型", "算力", "平台", "国产", "芯片", "研发", "团队", "表示", "目前", "已经", "计划", "明年",
  "图书馆", "开放", "读者", "社区", "活动", "志愿者", "港口", "吞吐量", "集装箱", "航线", "天气", "台风", "降雨",
  "气象", "部门", "提醒", "马拉松", "选手", "赛道", "文化", "展览", "版画", "艺术家", "作品", "教育", "学校", "学生",
  "医院", "医生", "患者", "服务", "改革", "政策", "经济", "市场", "消费", "价格", "能源", "电池", "太阳能", "储能",
];
const englishWords = [
  "city", "council", "transit", "riders", "morning", "service", "budget", "quarter", "revenue", "growth", "market",
  "shares", "company", "release", "software", "engineers", "scheduler", "battery", "ferry", "harbor", "crossing",
  "library", "readers", "volunteers", "weather", "storm", "rainfall", "forecast", "museum", "exhibition", "artists",
  "prints", "school", "students", "hospital", "doctors", "energy", "solar", "panels", "degrade", "sparks", "spark",
  "residents", "neighborhood", "policy", "economy", "prices", "consumers", "research", "laboratory", "results",
];
const chineseSections = ["科技", "财经", "城市", "文化", "体育"];
const englishSections = ["Technology", "Business", "Science", "Culture"];

function createRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function pick<T>(random: () => number, items: readonly T[]): T {
  return items[Math.floor(random() * items.length)]!;
}

function sentence(random: () => number, chinese: boolean): string {
  const length = 8 + Math.floor(random() * 14);
  const words = Array.from({ length }, () => pick(random, chinese ? chineseWords : englishWords));
  if (chinese) return `${words.join("")}。`;
  const text = words.join(" ");
  return `${text[0]!.toUpperCase()}${text.slice(1)}.`;
}

export interface SyntheticArticle {
  fileName: string;
  markdown: string;
}

export function createSyntheticArticle(index: number, seed = 1): SyntheticArticle {
  const random = createRandom(seed * 1_000_003 + index);
  const chinese = random() < 0.6;
  const targetBytes = 2048 + Math.floor(random() * 18 * 1024);
  const title = chinese
    ? `${Array.from({ length: 4 + Math.floor(random() * 4) }, () => pick(random, chineseWords)).join("")}（${index}）`
    : `${Array.from({ length: 5 + Math.floor(random() * 5) }, () => pick(random, englishWords)).join(" ")} ${index}`;
  const day = 1 + (index % 28);
  const hour = index % 24;
  const front = [
    "---",
    `title: "${title}"`,
    `date: 2026-${String(1 + (index % 11)).padStart(2, "0")}-${String(day).padStart(2, "0")} ${String(hour).padStart(2, "0")}:${String(index % 60).padStart(2, "0")}`,
    `timezone: ${chinese ? "Asia/Shanghai" : "Europe/London"}`,
    `language: ${chinese ? "zh-CN" : "en"}`,
    `section: ${pick(random, chinese ? chineseSections : englishSections)}`,
    `tags: [${Array.from({ length: 1 + Math.floor(random() * 3) }, () => pick(random, chinese ? chineseWords : englishWords)).join(", ")}]`,
    `authors: [${chinese ? pick(random, ["林晓雨", "周明", "陈佳", "王磊"]) : pick(random, ["Maya Chen", "Tom Fielding", "Priya Raman"])}]`,
    `summary: ["${sentence(random, chinese)}"]`,
    "---",
    "",
  ].join("\n");
  const paragraphs: string[] = [];
  let bytes = Buffer.byteLength(front);
  while (bytes < targetBytes) {
    const paragraph =
      random() < 0.08
        ? `## ${sentence(random, chinese).slice(0, 20)}`
        : Array.from({ length: 2 + Math.floor(random() * 4) }, () => sentence(random, chinese)).join(chinese ? "" : " ");
    paragraphs.push(paragraph);
    bytes += Buffer.byteLength(paragraph) + 2;
  }
  return { fileName: `synthetic-${String(index).padStart(6, "0")}.md`, markdown: `${front}${paragraphs.join("\n\n")}\n` };
}

/** Writes `count` articles made by `create` into `dir` and returns their paths. */
function writeArticles(dir: string, count: number, create: (index: number) => SyntheticArticle): string[] {
  mkdirSync(dir, { recursive: true });
  return Array.from({ length: count }, (_, index) => {
    const article = create(index);
    const file = path.join(dir, article.fileName);
    writeFileSync(file, article.markdown);
    return file;
  });
}

/** Writes `count` synthetic articles into `dir` and returns their paths. */
export function writeSyntheticArticles(dir: string, count: number, seed = 1): string[] {
  return writeArticles(dir, count, (index) => createSyntheticArticle(index, seed));
}

// Raw HTML as real archives hold it: captions in <div>s, line breaks, tables, footnote marks,
// centred credits, embedded video.
const htmlBlocks = [
  (text: string) => `<div class="caption" style="text-align:center">${text}</div>`,
  (text: string) => `<p>${text}<br>${text}</p>`,
  (text: string) => `<table>\n<tr><th>项目</th><th>数值</th></tr>\n<tr><td>${text.slice(0, 12)}</td><td>42<sup>1</sup></td></tr>\n</table>`,
  (text: string) => `<center><small>${text}</small></center>`,
  () => `<iframe src="https://www.youtube.com/embed/dQw4w9WgXcQ" width="560" height="315" frameborder="0" allowfullscreen></iframe>`,
  (text: string) => `<details><summary>More</summary>${text}</details>`,
];

/**
 * The same kind of article as createSyntheticArticle, written the way other tools write them: Hugo
 * YAML (author, categories, a tags string, description, draft, weight), every fourth one in TOML,
 * with a raw HTML block in about every third paragraph.
 */
export function createDialectArticle(index: number, seed = 1, { html = true } = {}): SyntheticArticle {
  const plain = createSyntheticArticle(index, seed);
  const random = createRandom(seed * 7_000_009 + index);
  const [, front = "", body = ""] = /^---\n([\s\S]*?)\n---\n([\s\S]*)$/.exec(plain.markdown) ?? [];
  const field = (key: string) => new RegExp(`^${key}: (.*)$`, "m").exec(front)?.[1] ?? "";
  const unquote = (value: string) => value.replace(/^\[?"?|"?\]?$/g, "");
  const title = unquote(field("title"));
  const tags = unquote(field("tags")).split(", ");
  const author = unquote(field("authors"));
  const summary = unquote(field("summary"));
  // Without HTML, each block's text stays as a plain paragraph: both kinds of file hold the same
  // words, so what differs between them is the markup alone.
  const paragraphs = body.split("\n\n").map((paragraph, i) => {
    if (i % 3 !== 1 || paragraph.startsWith("#")) return paragraph;
    const block = pick(random, htmlBlocks)(paragraph.slice(0, 40));
    const text = html ? block : block.replace(/<[^>]+>/g, " ").replace(/\s+/g, " ").trim();
    return text ? `${paragraph}\n\n${text}` : paragraph;
  });
  const toml = index % 4 === 0;
  const lines = toml
    ? [
        "+++",
        `title = ${JSON.stringify(title)}`,
        `date = ${field("date").replace(" ", "T")}:00`,
        `author = ${JSON.stringify(author)}`,
        `categories = [${JSON.stringify(field("section"))}]`,
        `tags = ${JSON.stringify(tags)}`,
        `description = ${JSON.stringify(summary)}`,
        `lang = ${JSON.stringify(field("language").replace("-", "_"))}`,
        "draft = false",
        `weight = ${index}`,
        "+++",
      ]
    : [
        "---",
        `title: ${JSON.stringify(title)}`,
        `date: ${field("date")}`,
        `timezone: ${field("timezone")}`,
        `author: ${author}`,
        `categories: [${field("section")}, Archive]`,
        `tags: ${tags.join(", ")}`,
        `description: ${JSON.stringify(summary)}`,
        `aliases: ["/${2000 + (index % 20)}/${String(1 + (index % 12)).padStart(2, "0")}/story-${index}/"]`,
        "draft: false",
        `weight: ${index}`,
        "toc: true",
        "---",
      ];
  return { fileName: `dialect-${String(index).padStart(6, "0")}.md`, markdown: `${lines.join("\n")}\n\n${paragraphs.join("\n\n")}` };
}

/** Writes `count` dialect articles into `dir` (without their raw HTML blocks when `html` is false) and returns their paths. */
export function writeDialectArticles(dir: string, count: number, { seed = 1, html = true } = {}): string[] {
  return writeArticles(dir, count, (index) => createDialectArticle(index, seed, { html }));
}
