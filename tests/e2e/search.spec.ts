import AxeBuilder from "@axe-core/playwright";
import { expect, type Page, test } from "@playwright/test";

const seedTitle = "讯飞星火大模型升级3.0，刘庆峰：完全基于国产算力平台";
const englishTitle = "Lanternfish 1.0: the hobby job scheduler that grew up";

/** The search page's own box (the site header may have another). */
async function searchFromThePage(page: Page, words: string) {
  await page.goto("/search");
  const box = page.getByRole("main").getByRole("searchbox", { name: /搜索报道|Search stories/ });
  await box.fill(words);
  await box.press("Enter");
}

test("a reader searches in Chinese, sees the word marked, and opens the story", async ({ page }) => {
  await searchFromThePage(page, "算力");
  await expect(page).toHaveURL(/\/search\?q=%E7%AE%97%E5%8A%9B/);
  await expect(page).toHaveTitle(/搜索：算力/);
  const result = page.getByRole("article").filter({ has: page.getByRole("link", { name: seedTitle }) });
  await expect(result.locator("mark").first()).toHaveText("算力");
  await expect(page.getByRole("status")).toContainText("篇相关报道");
  await result.getByRole("link", { name: seedTitle }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(seedTitle);
});

test("the site header's search box searches from any page", async ({ page }) => {
  await page.goto("/");
  const box = page.getByRole("banner").getByRole("searchbox", { name: "搜索报道" });
  await box.fill("华为");
  await box.press("Enter");
  await expect(page).toHaveURL(/\/search\?q=%E5%8D%8E%E4%B8%BA$/);
  await expect(page.getByRole("link", { name: seedTitle })).toBeVisible();
});

test("a reader searches in English with another form of the word", async ({ page }) => {
  await searchFromThePage(page, "Schedulers");
  await expect(page.getByRole("link", { name: englishTitle })).toBeVisible();
  await expect(page.getByRole("main").locator("mark").first()).toHaveText(/^scheduler$/i);
});

test("pinyin finds a Chinese title", async ({ page }) => {
  await page.goto("/search?q=xinghuo");
  await expect(page.getByRole("link", { name: seedTitle })).toBeVisible();
  await expect(page.getByRole("heading", { level: 2 }).locator("mark")).toHaveText("星火");
});

test("a search with nothing found says so, and keeps the words in the box", async ({ page }) => {
  await page.goto("/search?q=%E4%B8%8D%E5%AD%98%E5%9C%A8%E7%9A%84%E8%AF%8D%E8%AF%AD%20zzyzx");
  await expect(page.getByText("没有找到与“不存在的词语 zzyzx”相关的报道。")).toBeVisible();
  await expect(page.getByRole("main").getByRole("searchbox")).toHaveValue("不存在的词语 zzyzx");
});

test("parameters that make no sense are ignored with a note, never an error", async ({ page }) => {
  const response = await page.goto("/search?q=%22))%20OR%201%3D1%20--&page=abc&from=2023-02-30&section=..%2F..");
  expect(response?.status()).toBe(200);
  await expect(page.getByRole("status").first()).toContainText("已忽略");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("搜索");
});

test("a section filter narrows the results and stays selected", async ({ page }) => {
  await page.goto("/search?q=%E6%BE%9C%E6%B8%AF");
  const everywhere = await page.getByRole("main").getByRole("article").count();
  await page.goto("/search?q=%E6%BE%9C%E6%B8%AF&section=chengshi");
  await expect(page.getByRole("main").getByRole("combobox", { name: "栏目" })).toHaveValue("chengshi");
  const sectionLinks = page.getByRole("main").getByRole("article").getByRole("link", { name: "城市" });
  await expect(sectionLinks.first()).toBeVisible();
  const inSection = await page.getByRole("main").getByRole("article").count();
  expect(await sectionLinks.count()).toBe(inSection);
  expect(inSection).toBeLessThan(everywhere);
});

test.describe("without JavaScript", () => {
  test.use({ javaScriptEnabled: false });

  test("the search form submits and the results open", async ({ page }) => {
    await searchFromThePage(page, "华为");
    await expect(page).toHaveURL(/\/search\?q=/);
    await page.getByRole("link", { name: seedTitle }).click();
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(seedTitle);
  });
});

for (const colorScheme of ["light", "dark"] as const) {
  test(`the results page has no axe violations in ${colorScheme} mode`, async ({ page }) => {
    await page.emulateMedia({ colorScheme });
    await page.goto("/search?q=%E7%AE%97%E5%8A%9B%20xinghuo");
    await expect(page.locator("mark").first()).toBeVisible();
    const results = await new AxeBuilder({ page }).analyze();
    expect(results.violations.flatMap((violation) => violation.nodes.map((node) => `${violation.id}: ${node.target.join(" ")}`))).toEqual([]);
  });
}
