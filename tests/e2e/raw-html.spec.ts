import { expect, type Page, test } from "@playwright/test";

// Raw HTML in articles, as readers get it: the markup archives need for layout survives, the
// markup that would run, navigate, submit or cover the page does not. The stories are
// tests/fixtures/raw-html/*.md, ingested by tests/support/e2e-fixtures.ts.

const allowedPath = "/articles/e2e-raw-html-allowed";
const hostilePath = "/articles/e2e-raw-html-hostile";

/** The suite never reaches the internet: video players and remote images stay unloaded. */
async function blockOtherHosts(page: Page): Promise<string[]> {
  const blocked: string[] = [];
  await page.route(
    (url) => url.hostname !== "127.0.0.1",
    (route) => {
      blocked.push(route.request().url());
      return route.abort();
    },
  );
  return blocked;
}

test.describe("allowed raw HTML", () => {
  test.beforeEach(async ({ page }) => {
    await blockOtherHosts(page);
    // Not "load": that would wait for players the blocked network never delivers.
    const response = await page.goto(allowedPath, { waitUntil: "domcontentloaded" });
    expect(response?.status()).toBe(200);
  });

  test("a table keeps its caption and header cells", async ({ page }) => {
    const body = page.locator("article .prose");
    const table = body.getByRole("table", { name: "High water at the east quay, first week of March" });
    await expect(table).toBeVisible();
    await expect(table.getByRole("columnheader")).toHaveText(["Day", "Morning", "Evening"]);
    await expect(table.getByRole("row")).toHaveCount(4);
    await expect(table.getByRole("cell", { name: /no readings/ })).toHaveAttribute("colspan", "3");
  });

  test("a figure keeps its caption, and its raw <img> goes through the image pipeline", async ({ page }) => {
    const figure = page.locator("article .prose figure:not(.video-embed)");
    await expect(figure.locator("figcaption")).toHaveText("The east quay's tide gauge, installed in 1998.");
    // Offline (MEDIA_REMOTE_FETCH=off), a remote image is a pending box with its alt text and source.
    const box = figure.locator('[data-media-status="pending"]');
    await expect(box).toContainText("The tide gauge on the east quay");
    await expect(box.getByRole("link", { name: "images.example.com" })).toHaveAttribute(
      "href",
      "https://images.example.com/harbour/east-quay-gauge.jpg",
    );
  });

  test("details open when their summary is clicked", async ({ page }) => {
    const details = page.locator("article .prose details");
    await expect(details).toHaveCount(1);
    await expect(details).toHaveJSProperty("open", false);
    await expect(details.getByText(/A float in a stilling well/)).toBeHidden();
    await details.locator("summary").click();
    await expect(details).toHaveJSProperty("open", true);
    await expect(details.getByText(/A float in a stilling well/)).toBeVisible();
  });

  test("sup, sub, br and kbd are markup, and <center> is centred", async ({ page }) => {
    const body = page.locator("article .prose");
    await expect(body.locator("sup")).toHaveText(["1", "1"]);
    await expect(body.locator("sub")).toHaveText(["2"]);
    await expect(body.locator("p br")).toHaveCount(1);
    await expect(body.locator("kbd")).toHaveText(["Ctrl", "E"]);
    const centred = body.getByText("Tables are published every Monday at noon.");
    await expect(centred).toBeVisible();
    expect(await centred.evaluate((element) => getComputedStyle(element).textAlign)).toBe("center");
    await expect(body).not.toContainText("<");
  });

  test("each video is a lazy, sandboxed privacy-host player with a link to the video beside it", async ({ page }) => {
    const embeds = page.locator("article .prose figure.video-embed");
    await expect(embeds).toHaveCount(2);
    const expected = [
      { src: "https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ", title: "Harbour tides explained", watch: "https://www.youtube.com/watch?v=dQw4w9WgXcQ" },
      { src: "https://player.bilibili.com/player.html?bvid=BV1xx411c7mD&autoplay=0", title: "Bilibili", watch: "https://www.bilibili.com/video/BV1xx411c7mD" },
    ];
    for (const [index, video] of expected.entries()) {
      const embed = embeds.nth(index);
      const frame = embed.locator("iframe");
      await expect(frame).toHaveAttribute("src", video.src);
      await expect(frame).toHaveAttribute("title", video.title);
      await expect(frame).toHaveAttribute("loading", "lazy");
      await expect(frame).toHaveAttribute("referrerpolicy", "strict-origin-when-cross-origin");
      const sandbox = (await frame.getAttribute("sandbox"))?.split(/\s+/) ?? [];
      expect(sandbox).toEqual(expect.arrayContaining(["allow-scripts", "allow-same-origin"]));
      expect(sandbox).not.toContain("allow-top-navigation");
      expect(sandbox).not.toContain("allow-forms");
      await expect(embed.locator("figcaption").getByRole("link")).toHaveAttribute("href", video.watch);
      // Column wide at 16:9, whatever width and height the author's embed code asked for.
      const box = await frame.boundingBox();
      expect(box?.width ?? 0).toBeGreaterThan(300);
      expect((box?.width ?? 0) / (box?.height ?? 1)).toBeCloseTo(16 / 9, 1);
    }
  });
});

test.describe("hostile raw HTML", () => {
  test("runs nothing, navigates nowhere, covers nothing and shows no markup", async ({ page, baseURL }) => {
    const dialogs: string[] = [];
    page.on("dialog", (dialog) => {
      dialogs.push(dialog.message());
      void dialog.dismiss();
    });
    const navigations: string[] = [];
    page.on("framenavigated", (frame) => {
      if (frame === page.mainFrame()) navigations.push(frame.url());
    });
    const blocked = await blockOtherHosts(page);
    const pageUrl = new URL(hostilePath, baseURL).href;

    const response = await page.goto(hostilePath);
    expect(response?.status()).toBe(200);
    // Long enough for a meta refresh, a timer or a late handler to have fired.
    await page.waitForTimeout(1500);

    expect(dialogs).toEqual([]);
    expect(await page.evaluate(() => (window as Window & { __pwned?: unknown }).__pwned)).toBeUndefined();
    expect(page.url()).toBe(pageUrl);
    // Next.js replaces its own history entry on hydration: the same URL, not a navigation away.
    expect([...new Set(navigations)]).toEqual([pageUrl]);
    // Nothing asked for the hostile hosts: no stylesheet, frame, form target or refresh.
    expect(blocked.filter((url) => url.includes("example.invalid"))).toEqual([]);

    const body = page.locator("article .prose");
    await expect(body.getByText("Paragraph before the hostile markup.")).toBeVisible();
    await expect(body.getByText("Paragraph after the hostile markup.")).toBeVisible();
    await expect(body.getByText("Overlay that must not cover the page.")).toBeVisible();

    await expect(
      body.locator("script, style, link, iframe, frame, svg, math, form, input, button, textarea, select, object, embed, template, noscript, base, meta"),
    ).toHaveCount(0);
    await expect(page.locator("base")).toHaveCount(0);
    await expect(page.locator("meta[http-equiv]")).toHaveCount(0);

    // Link texts stay, their script URLs do not.
    await expect(body.getByText("this javascript link")).toBeVisible();
    const hrefs = await body.locator("a[href]").evaluateAll((links) => links.map((link) => (link as HTMLAnchorElement).href));
    for (const href of hrefs) expect(new URL(href).protocol, href).toMatch(/^(?:https?|mailto):$/);
    expect(
      await body.evaluate((root) =>
        [...root.querySelectorAll("*")].flatMap((element) => element.getAttributeNames().filter((name) => name.startsWith("on"))),
      ),
    ).toEqual([]);

    // No overlay: nothing in the story is taken out of the flow, nothing on the page covers it.
    expect(
      await body.evaluate((root) =>
        [...root.querySelectorAll("*")]
          .filter((element) => ["fixed", "absolute", "sticky"].includes(getComputedStyle(element).position))
          .map((element) => element.outerHTML.slice(0, 80)),
      ),
    ).toEqual([]);
    expect(
      await page.evaluate(() =>
        [...document.querySelectorAll("body *")]
          .filter((element) => {
            if (getComputedStyle(element).position !== "fixed") return false;
            const rect = element.getBoundingClientRect();
            return rect.width * rect.height > (window.innerWidth * window.innerHeight) / 2;
          })
          .map((element) => element.outerHTML.slice(0, 80)),
      ),
    ).toEqual([]);
    const atCentre = await page.evaluate(() => {
      const element = document.elementFromPoint(window.innerWidth / 2, window.innerHeight / 2);
      return element === null ? "nothing" : getComputedStyle(element).position;
    });
    expect(atCentre).not.toBe("fixed");

    // Readers see words, not escaped tags.
    const text = await body.innerText();
    expect(text).not.toMatch(/<\/?[a-z!]/i);
    expect(text).not.toMatch(/&lt;|&gt;|onerror|__pwned/);
  });
});
