import { expect, test } from "@playwright/test";

test("a reader browses home → section → article → author → tag", async ({ page }) => {
  await page.goto("/");
  const nav = page.getByRole("navigation", { name: "栏目" });
  await nav.getByRole("link", { name: "体育" }).click();
  await expect(page).toHaveURL(/\/sections\/tiyu$/);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("体育");
  await expect(page).toHaveTitle(/体育/);

  await page.getByRole("link", { name: "澜港马拉松鸣枪，三万跑者沿江奔跑" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("澜港马拉松鸣枪，三万跑者沿江奔跑");
  await expect(page.locator("article header")).toContainText("分钟读完");

  const author = page.locator("article header .byline a").first();
  const authorName = (await author.textContent())!;
  await author.click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(authorName);
  await expect(page.getByRole("link", { name: "澜港马拉松鸣枪，三万跑者沿江奔跑" })).toBeVisible();

  await page.getByRole("link", { name: "澜港马拉松鸣枪，三万跑者沿江奔跑" }).click();
  const tag = page.locator("article footer a").first();
  const tagName = (await tag.textContent())!;
  await tag.click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(tagName);
  await expect(page.getByRole("link", { name: "澜港马拉松鸣枪，三万跑者沿江奔跑" })).toBeVisible();
});

test("list pages refuse pages that do not exist", async ({ request }) => {
  expect((await request.get("/sections/tiyu")).status()).toBe(200);
  expect((await request.get("/sections/tiyu?page=1")).status()).toBe(200);
  expect((await request.get("/sections/tiyu?page=2")).status()).toBe(404);
  expect((await request.get("/sections/tiyu?page=abc")).status()).toBe(404);
  expect((await request.get("/sections/tiyu?page=0")).status()).toBe(404);
  expect((await request.get("/sections/no-such-section")).status()).toBe(404);
  expect((await request.get("/tags/no-such-tag")).status()).toBe(404);
  expect((await request.get("/authors/no-such-author")).status()).toBe(404);
});

test("a keyboard user can skip straight to the content", async ({ page }) => {
  await page.goto("/");
  await page.keyboard.press("Tab");
  const skip = page.getByRole("link", { name: "跳到正文" });
  await expect(skip).toBeFocused();
  await expect(skip).toBeVisible();
  await skip.press("Enter");
  await expect(page).toHaveURL(/#main$/);
});

test("reading time counts Chinese by characters, not as a one-minute read", async ({ page }) => {
  await page.goto("/articles/xun-fei-xinghuo-da-moxing-shengji-3-0-liuqingfeng-wanquan-jiyu-guochan-suanli");
  // About 1,300 Han characters at 400 a minute: three minutes, where counting spaces would say one.
  await expect(page.locator("article header").getByText(/分钟读完/)).toHaveText("3 分钟读完");
});

test("an article ends with related stories that share its tags or words, never itself", async ({ page }) => {
  await page.goto("/articles/langang-marathon-2026");
  const related = page.getByRole("region", { name: "相关报道" });
  const links = related.getByRole("link");
  expect(await links.count()).toBeGreaterThan(0);
  const hrefs = await links.evaluateAll((anchors) => anchors.map((anchor) => anchor.getAttribute("href")));
  expect(hrefs).not.toContain("/articles/langang-marathon-2026");
});
