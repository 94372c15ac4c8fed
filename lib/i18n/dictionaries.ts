// Interface text, one dictionary per language. The site's own pages speak SITE_LANGUAGE; an
// article page speaks its article's language.

const zhCN = {
  siteName: "墨石新闻",
  siteTagline: "中文优先的新闻门户",
  latestStories: "最新报道",
  keyPoints: "要点",
  source: "来源",
  readOriginal: "查看原文",
  publishedAt: "发布于",
  revisedAt: "更新于",
  tags: "标签",
  noStories: "暂无已发布的报道。",
  notFoundTitle: "找不到这个页面",
  notFoundBody: "链接可能有误，或者这篇报道已经移动。",
  backHome: "返回首页",
  errorTitle: "页面出错了",
  errorBody: "我们已经记录了这个问题，请稍后再试。",
  tryAgain: "重试",
  bylineSeparator: "、",
  pagination: "分页",
  previousPage: "上一页",
  nextPage: "下一页",
  pageOf: "第 {page} / {count} 页",
  storyCount: "共 {count} 篇报道",
  readingTime: "{minutes} 分钟读完",
  sections: "栏目",
  sectionLabel: "栏目",
  tagLabel: "标签",
  authorLabel: "作者",
  skipToContent: "跳到正文",
} as const;

export type Dictionary = { [Key in keyof typeof zhCN]: string };

const en: Dictionary = {
  siteName: "Inkstone",
  siteTagline: "News, Chinese first",
  latestStories: "Latest stories",
  keyPoints: "Key points",
  source: "Source",
  readOriginal: "Read the original",
  publishedAt: "Published",
  revisedAt: "Updated",
  tags: "Tags",
  noStories: "No stories have been published yet.",
  notFoundTitle: "Page not found",
  notFoundBody: "The link may be wrong, or the story may have moved.",
  backHome: "Back to the home page",
  errorTitle: "Something went wrong",
  errorBody: "The problem has been logged. Please try again in a moment.",
  tryAgain: "Try again",
  bylineSeparator: ", ",
  pagination: "Pagination",
  previousPage: "Previous page",
  nextPage: "Next page",
  pageOf: "Page {page} of {count}",
  storyCount: "{count} stories",
  readingTime: "{minutes} min read",
  sections: "Sections",
  sectionLabel: "Section",
  tagLabel: "Tag",
  authorLabel: "Author",
  skipToContent: "Skip to content",
};

/** The dictionary for a BCP 47 tag: Chinese for any zh tag, English otherwise. */
export function getDictionary(language: string): Dictionary {
  return language.toLowerCase().startsWith("zh") ? zhCN : en;
}
