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

/** Writes `count` synthetic articles into `dir` and returns their paths. */
export function writeSyntheticArticles(dir: string, count: number, seed = 1): string[] {
  mkdirSync(dir, { recursive: true });
  return Array.from({ length: count }, (_, index) => {
    const article = createSyntheticArticle(index, seed);
    const file = path.join(dir, article.fileName);
    writeFileSync(file, article.markdown);
    return file;
  });
}
