import AxeBuilder from "@axe-core/playwright";
import { expect, type Page, test } from "@playwright/test";

// One page of each kind a reader meets.
const pagesToCheck = [
  { kind: "home", path: "/" },
  { kind: "article in Chinese", path: "/articles/xun-fei-xinghuo-da-moxing-shengji-3-0-liuqingfeng-wanquan-jiyu-guochan-suanli" },
  { kind: "article in English", path: "/articles/how-solar-panels-degrade" },
  { kind: "section", path: "/sections/tiyu" },
  { kind: "tag", path: "/tags/langang" },
  { kind: "author", path: "/authors/shaowen" },
  { kind: "search", path: `/search?q=${encodeURIComponent("算力")}` },
] as const;

// Each theme is the reader's stored choice, with the system preferring the other one, so every
// page is checked in the colours a reader would actually get, whichever way the two disagree.
const themes = [
  { theme: "light", systemPrefers: "dark" },
  { theme: "dark", systemPrefers: "light" },
] as const;

const widths = [
  { name: "desktop", viewport: { width: 1280, height: 900 } },
  { name: "phone", viewport: { width: 375, height: 812 } },
] as const;

async function openWithTheme(page: Page, path: string, theme: "light" | "dark", systemPrefers: "light" | "dark") {
  await page.emulateMedia({ colorScheme: systemPrefers });
  await page.addInitScript((choice) => localStorage.setItem("inkstone-theme", choice), theme);
  const response = await page.goto(path);
  expect(response?.status(), path).toBe(200);
  // Proof that the page really is in the theme under test, not in the other one twice.
  await expect(page.locator("html")).toContainClass(theme);
  await expect(page.locator("html")).toHaveAttribute("data-theme", theme);
}

/** One line per violation and element, so a failure says what to fix and where. */
function describeViolations(violations: Awaited<ReturnType<AxeBuilder["analyze"]>>["violations"]): string[] {
  return violations.flatMap((violation) =>
    violation.nodes.map((node) => `${violation.id} (${violation.impact ?? "?"}): ${violation.help} at ${node.target.join(" ")}`),
  );
}

for (const { name: widthName, viewport } of widths) {
  test.describe(`axe on a ${widthName}`, () => {
    test.use({ viewport });
    for (const { theme, systemPrefers } of themes) {
      for (const { kind, path } of pagesToCheck) {
        test(`${kind} in ${theme} mode has no violations`, async ({ page }) => {
          await openWithTheme(page, path, theme, systemPrefers);
          const results = await new AxeBuilder({ page }).analyze();
          expect(describeViolations(results.violations)).toEqual([]);
        });
      }
    }
  });
}

/** The page's colours as sRGB bytes, whatever syntax the stylesheet used (Tailwind 4 uses oklch). */
async function focusRingContrast(page: Page): Promise<{ label: string; ratio: number; outline: string }> {
  return page.evaluate(() => {
    const toRgb = (color: string): [number, number, number] => {
      const canvas = document.createElement("canvas");
      canvas.width = 1;
      canvas.height = 1;
      const context = canvas.getContext("2d");
      if (!context) throw new Error("no 2d canvas");
      context.fillStyle = color;
      context.fillRect(0, 0, 1, 1);
      const [r = 0, g = 0, b = 0] = context.getImageData(0, 0, 1, 1).data;
      return [r, g, b];
    };
    const luminance = ([r, g, b]: [number, number, number]) => {
      const linear = (channel: number) => {
        const value = channel / 255;
        return value <= 0.03928 ? value / 12.92 : ((value + 0.055) / 1.055) ** 2.4;
      };
      return 0.2126 * linear(r) + 0.7152 * linear(g) + 0.0722 * linear(b);
    };
    const active = document.activeElement;
    if (!(active instanceof HTMLElement) || active === document.body) return { label: "nothing", ratio: 0, outline: "none" };
    // A visually hidden radio draws its ring on its label.
    const ringed = (active.matches("input.sr-only") ? active.closest("label") : null) ?? active;
    const style = getComputedStyle(ringed);
    const outline = style.outlineStyle === "none" || parseFloat(style.outlineWidth) < 2 ? "none" : style.outlineColor;
    // The ring sits just outside the element: measure it against the nearest opaque background around it.
    let background = "rgb(255, 255, 255)";
    for (let node: HTMLElement | null = ringed.parentElement; node; node = node.parentElement) {
      const color = getComputedStyle(node).backgroundColor;
      if (color !== "rgba(0, 0, 0, 0)" && color !== "transparent") {
        background = color;
        break;
      }
    }
    const lighter = Math.max(luminance(toRgb(outline === "none" ? background : outline)), luminance(toRgb(background)));
    const darker = Math.min(luminance(toRgb(outline === "none" ? background : outline)), luminance(toRgb(background)));
    return {
      label: `${ringed.tagName.toLowerCase()} "${(ringed.textContent ?? "").trim().slice(0, 30)}"`,
      ratio: (lighter + 0.05) / (darker + 0.05),
      outline,
    };
  });
}

for (const { theme, systemPrefers } of themes) {
  test(`every control on the way into the page shows a focus ring with 3:1 contrast in ${theme} mode`, async ({ page }) => {
    await openWithTheme(page, "/sections/tiyu", theme, systemPrefers);
    // Skip link, masthead, theme toggle, the section links and the first stories.
    for (let step = 0; step < 16; step += 1) {
      await page.keyboard.press("Tab");
      const ring = await focusRingContrast(page);
      expect(ring.outline, `focus ring on ${ring.label}`).not.toBe("none");
      expect(ring.ratio, `focus ring contrast on ${ring.label}`).toBeGreaterThanOrEqual(3);
    }
  });
}

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

test("every page has its own title, its language, and landmarks a screen reader can jump between", async ({ page }) => {
  for (const { path } of pagesToCheck) {
    await page.goto(path);
    await expect(page.locator("html")).toHaveAttribute("lang", "zh-CN");
    const heading = (await page.getByRole("heading", { level: 1 }).textContent())?.trim() ?? "";
    // The home page's title is the site's name; every other page's leads with its own heading.
    await expect(page).toHaveTitle(path === "/" ? "墨石新闻" : new RegExp(`^${escapeRegExp(heading)}.* \\| 墨石新闻$`));
    await expect(page.getByRole("banner")).toHaveCount(1);
    await expect(page.getByRole("navigation", { name: "栏目" })).toHaveCount(1);
    await expect(page.getByRole("main")).toHaveCount(1);
    await expect(page.getByRole("contentinfo")).toHaveCount(1);
  }
  await page.goto("/articles/how-solar-panels-degrade");
  await expect(page.getByRole("main").locator("article").first()).toHaveAttribute("lang", "en");
});
