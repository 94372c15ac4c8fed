import { expect, test } from "@playwright/test";

const seedTitle = "讯飞星火大模型升级3.0，刘庆峰：完全基于国产算力平台";

test("the home page lists the seed report with its summary, byline and date", async ({ page }) => {
  const response = await page.goto("/");
  expect(response?.status()).toBe(200);
  const teaser = page.locator("article", { has: page.getByRole("link", { name: seedTitle }) });
  await expect(teaser).toBeVisible();
  await expect(teaser).toContainText("澎湃新闻记者 邵文");
  await expect(teaser).toContainText("2023-10-24 15:04");
  await expect(teaser).toContainText("据科大讯飞董事长刘庆峰透露");
});

test("a reader opens the seed report and sees title, byline, dateline, source and summary", async ({ page }) => {
  await page.goto("/");
  await page.getByRole("link", { name: seedTitle }).click();
  await expect(page).toHaveURL(/\/articles\/xun-fei-xinghuo-/);
  await expect(page).toHaveTitle(new RegExp(seedTitle));

  const article = page.locator("article[lang='zh-CN']");
  await expect(article.getByRole("heading", { level: 1 })).toHaveText(seedTitle);
  await expect(article.locator(".byline")).toHaveText("澎湃新闻记者 邵文");
  await expect(article.locator("header time").first()).toHaveText("2023-10-24 15:04");
  await expect(article.locator("header time").first()).toHaveAttribute("datetime", "2023-10-24T15:04:00+08:00");
  await expect(article.getByRole("link", { name: "澎湃新闻" })).toHaveAttribute("href", "https://m.thepaper.cn/detail/25046014");

  const summary = article.getByRole("complementary", { name: "要点" });
  await expect(summary.getByRole("listitem")).toHaveCount(2);
  await expect(summary.getByRole("listitem").first()).toContainText("完全基于国产算力平台");
  await expect(article.locator(".prose p").first()).toContainText("10月24日，科大讯飞公布了");
});

test("an English article speaks English and shows its date in its own time zone", async ({ page }) => {
  await page.goto("/articles/how-solar-panels-degrade");
  const article = page.locator("article[lang='en']");
  await expect(article.getByRole("heading", { level: 1 })).toBeVisible();
  await expect(article.getByRole("complementary", { name: "Key points" })).toBeVisible();
  await expect(article.locator("header time").first()).toHaveAttribute("datetime", /[+-]\d\d:\d\d$/);
});

test("an unknown slug answers 404 with a page that leads home", async ({ page }) => {
  const response = await page.goto("/articles/no-such-story");
  expect(response?.status()).toBe(404);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("找不到这个页面");
  await expect(page.getByRole("link", { name: "返回首页" })).toHaveAttribute("href", "/");
});

test("a draft is not served", async ({ request }) => {
  const response = await request.get("/articles/langang-port-october-throughput");
  expect(response.status()).toBe(404);
});

test.describe("without JavaScript", () => {
  test.use({ javaScriptEnabled: false });

  test("the article is fully readable", async ({ page }) => {
    await page.goto("/");
    await page.getByRole("link", { name: seedTitle }).click();
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(seedTitle);
    await expect(page.locator(".prose p").last()).toContainText("以做更严的审核");
  });
});
