import { expect, type Page, test } from "@playwright/test";

const seedPath = "/articles/xun-fei-xinghuo-da-moxing-shengji-3-0-liuqingfeng-wanquan-jiyu-guochan-suanli";

/** Every <img> on the page has loaded real pixels: nothing shows as a broken image. */
async function expectNoBrokenImages(page: Page): Promise<void> {
  await page.evaluate(async () => {
    const images = [...document.images];
    images.forEach((image) => {
      image.loading = "eager";
    });
    await Promise.all(images.map((image) => (image.complete ? null : image.decode().catch(() => null))));
  });
  const broken = await page.evaluate(() => [...document.images].filter((image) => image.naturalWidth === 0).map((image) => image.src));
  expect(broken).toEqual([]);
}

test("an article's local image is a responsive <picture> that loads, sized and eager", async ({ page }) => {
  await page.goto("/articles/langang-metro-line-4-extension");
  const figure = page.locator("article .prose figure").first();
  await expect(figure.locator("figcaption")).toHaveText("4号线南延段沿线示意图");
  const picture = figure.locator("picture");
  await expect(picture.locator('source[type="image/avif"]')).toHaveAttribute("srcset", /\/media\/[0-9a-f]{2}\/[0-9a-f]{64}\/w\d+\.avif \d+w/);
  await expect(picture.locator('source[type="image/webp"]')).toHaveAttribute("srcset", /\.webp \d+w/);
  const img = picture.locator("img");
  await expect(img).toHaveAttribute("alt", "夜色中的地铁线路示意");
  await expect(img).toHaveAttribute("width", "1600");
  await expect(img).toHaveAttribute("height", "900");
  await expect(img).toHaveAttribute("loading", "eager");
  await expect(img).toHaveAttribute("fetchpriority", "high");
  await expect(img).toHaveAttribute("sizes", /720px/);
  await expectNoBrokenImages(page);
  const rendered = await img.evaluate((element: HTMLImageElement) => ({ src: element.currentSrc, width: element.naturalWidth }));
  expect(rendered.src).toMatch(/\/media\/.+\.(avif|webp|jpg)$/);
  expect(rendered.width).toBeGreaterThan(0);
});

test("generated images are served immutable, revalidate with 304, and unknown keys are 404", async ({ page, request }) => {
  await page.goto("/articles/langang-metro-line-4-extension");
  const src = await page.locator("article .prose picture img").first().getAttribute("src");
  expect(src).toMatch(/^\/media\//);
  const response = await request.get(src!);
  expect(response.status()).toBe(200);
  expect(response.headers()["content-type"]).toBe("image/jpeg");
  expect(response.headers()["cache-control"]).toBe("public, max-age=31536000, immutable");
  const etag = response.headers()["etag"];
  expect(etag).toBeTruthy();
  const again = await request.get(src!, { headers: { "If-None-Match": etag! } });
  expect(again.status()).toBe(304);
  expect((await request.get("/media/00/" + "0".repeat(64) + "/w320.jpg")).status()).toBe(404);
  expect((await request.get("/media/..%2f..%2fpackage.json")).status()).toBe(404);
});

test("the seed report offline shows sized placeholders with captions and source links, never a broken image", async ({ page }) => {
  await page.goto(seedPath);
  const boxes = page.locator('article .prose [data-media-status="pending"]');
  await expect(boxes).toHaveCount(3);
  await expect(boxes.first()).toContainText("刘庆峰正式宣布，星火V3.0已全方位超越ChatGPT");
  await expect(boxes.first().getByRole("link", { name: "imagecloud.thepaper.cn" })).toHaveAttribute(
    "href",
    "https://imagecloud.thepaper.cn/thepaper/image/275/462/788.jpg",
  );
  await expect(page.locator("article .prose figcaption")).toHaveCount(3);
  await expect(page.locator("article .prose img")).toHaveCount(0);
  await expectNoBrokenImages(page);
});

test("the home page shows processed covers, and none of its images is broken", async ({ page }) => {
  await page.goto("/");
  const teaser = page.locator("article", { has: page.getByRole("link", { name: /澜港地铁4号线/ }) });
  await expect(teaser.locator("picture img")).toHaveAttribute("alt", "夜色中的地铁线路示意");
  await expectNoBrokenImages(page);
});
