import { expect, type Page, test } from "@playwright/test";

const englishArticle = "/articles/how-solar-panels-degrade";
// Has a figure and an external link in its body.
const metroArticle = "/articles/langang-metro-line-4-extension";

/** The body's background and text colour, as computed. */
async function bodyColours(page: Page): Promise<{ background: string; text: string }> {
  return page.locator("body").evaluate((body) => {
    const style = getComputedStyle(body);
    return { background: style.backgroundColor, text: style.color };
  });
}

/** Console errors and uncaught exceptions: React reports a hydration mismatch as one. */
function collectErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on("console", (message) => {
    if (message.type() === "error") errors.push(message.text());
  });
  page.on("pageerror", (error) => errors.push(error.message));
  return errors;
}

test("the toggle switches themes, and a reload paints the stored choice before any app script runs", async ({ page, browser }) => {
  // The reference colours: what the page looks like in each theme with nothing stored.
  const reference = await browser.newContext();
  const referencePage = await reference.newPage();
  await referencePage.emulateMedia({ colorScheme: "light" });
  await referencePage.goto("/");
  const light = await bodyColours(referencePage);
  await referencePage.emulateMedia({ colorScheme: "dark" });
  const dark = await bodyColours(referencePage);
  await reference.close();
  expect(dark.background).not.toBe(light.background);

  const errors = collectErrors(page);
  const html = page.locator("html");
  await page.emulateMedia({ colorScheme: "light" });
  await page.goto("/");
  await expect(page.getByRole("radio", { name: "跟随系统" })).toBeChecked();
  await expect(html).toHaveAttribute("data-theme", "system");
  expect(await bodyColours(page)).toEqual(light);

  await page.getByTitle("深色").click();
  await expect(page.getByRole("radio", { name: "深色" })).toBeChecked();
  await expect(html).toContainClass("dark");
  expect(await bodyColours(page)).toEqual(dark);
  expect(await page.evaluate(() => localStorage.getItem("inkstone-theme"))).toBe("dark");
  expect(errors).toEqual([]);

  // With every script of the app bundle refused, only the inline head script can make the page dark.
  await page.route("**/_next/static/**/*.js", (route) => route.abort());
  await page.reload();
  await expect(html).toContainClass("dark");
  expect(await bodyColours(page)).toEqual(dark);
  // React never ran: the server's HTML checks no option, yet the toggle already shows the choice.
  await expect(page.getByRole("radio", { name: "深色" })).not.toBeChecked();
  await expect(page.locator('[data-theme-option="dark"]')).not.toHaveCSS("background-color", "rgba(0, 0, 0, 0)");
  await expect(page.locator('[data-theme-option="system"]')).toHaveCSS("background-color", "rgba(0, 0, 0, 0)");
  await page.unroute("**/_next/static/**/*.js");

  errors.length = 0;
  await page.reload();
  await expect(page.getByRole("radio", { name: "深色" })).toBeChecked();
  expect(await bodyColours(page)).toEqual(dark);

  // "System" forgets the choice and follows the system again, live.
  await page.getByTitle("跟随系统").click();
  await expect(html).not.toContainClass("dark");
  expect(await page.evaluate(() => localStorage.getItem("inkstone-theme"))).toBeNull();
  expect(await bodyColours(page)).toEqual(light);
  await page.emulateMedia({ colorScheme: "dark" });
  expect(await bodyColours(page)).toEqual(dark);

  // Light wins over a dark system, from the keyboard too, and across a reload.
  await page.getByRole("radio", { name: "跟随系统" }).focus();
  await page.keyboard.press("ArrowLeft");
  await expect(page.getByRole("radio", { name: "深色" })).toBeChecked();
  await page.keyboard.press("ArrowLeft");
  await expect(page.getByRole("radio", { name: "浅色" })).toBeChecked();
  expect(await bodyColours(page)).toEqual(light);
  await page.reload();
  await expect(html).toContainClass("light");
  expect(await bodyColours(page)).toEqual(light);
  expect(errors).toEqual([]);
});

test("a choice made in one tab applies to the reader's other tabs", async ({ context }) => {
  const first = await context.newPage();
  const second = await context.newPage();
  await first.emulateMedia({ colorScheme: "light" });
  await second.emulateMedia({ colorScheme: "light" });
  await first.goto("/");
  await second.goto(englishArticle);
  await expect(second.getByRole("radio", { name: "跟随系统" })).toBeChecked();
  await first.getByTitle("深色").click();
  await expect(second.locator("html")).toContainClass("dark");
  await expect(second.getByRole("radio", { name: "深色" })).toBeChecked();
});

test.describe("without JavaScript", () => {
  test.use({ javaScriptEnabled: false });

  test("the page follows the system's colour scheme and hides the toggle it could not run", async ({ page, browser }) => {
    const withScript = await browser.newContext({ colorScheme: "dark" });
    const scriptedPage = await withScript.newPage();
    await scriptedPage.addInitScript(() => localStorage.setItem("inkstone-theme", "dark"));
    await scriptedPage.goto(englishArticle);
    const chosenDark = await bodyColours(scriptedPage);
    await withScript.close();

    await page.emulateMedia({ colorScheme: "dark" });
    await page.goto(englishArticle);
    await expect(page.locator("html")).not.toHaveAttribute("data-theme");
    // The same colours a reader gets who chose dark.
    expect(await bodyColours(page)).toEqual(chosenDark);
    await expect(page.locator("[data-theme-toggle]")).toBeHidden();
    await expect(page.getByRole("heading", { level: 1 })).toBeVisible();

    await page.emulateMedia({ colorScheme: "light" });
    expect(await bodyColours(page)).not.toEqual(chosenDark);
  });
});

test("a printed article is the story alone, black on white, with its external links spelled out", async ({ page }) => {
  // Dark on screen, to show that print does not inherit it.
  await page.emulateMedia({ colorScheme: "dark" });
  await page.addInitScript(() => localStorage.setItem("inkstone-theme", "dark"));
  await page.goto(metroArticle);
  await page.emulateMedia({ media: "print" });

  for (const chrome of ["body > header", "body > footer", "[data-theme-toggle]", 'a[href="#main"]']) {
    await expect(page.locator(chrome), chrome).toHaveCount(1);
    await expect(page.locator(chrome), chrome).toBeHidden();
  }
  await expect(page.locator("body")).toHaveCSS("background-color", "rgb(255, 255, 255)");
  await expect(page.locator("article h1")).toHaveCSS("color", "rgb(0, 0, 0)");
  await expect(page.locator("article .prose p").first()).toHaveCSS("color", "rgb(0, 0, 0)");

  const afterLink = (selector: string) =>
    page
      .locator(selector)
      .first()
      .evaluate((link) => ({ href: link.getAttribute("href"), after: getComputedStyle(link, "::after").content }));
  const external = await afterLink('article .prose a[href^="https://"]');
  expect(external.after).toBe(`" (${external.href})"`);
  expect((await afterLink('article a[href^="/"]')).after).toBe("none");
  await expect(page.locator("article .prose figure").first()).toHaveCSS("break-inside", "avoid");
});
