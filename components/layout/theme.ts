// The reader's colour-scheme choice, shared by the inline <head> script and the toggle.
//
// <html data-theme> holds the choice ("light", "dark" or "system"); it is set only by script, so
// its absence means JavaScript did not run. The class "light" or "dark" is present only for an
// explicit choice: with neither, globals.css follows prefers-color-scheme, which is also what a
// reader without JavaScript gets, and what tracks a system change without any listener.

export const themeChoices = ["light", "dark", "system"] as const;
export type ThemeChoice = (typeof themeChoices)[number];

export const themeStorageKey = "inkstone-theme";

export function isThemeChoice(value: unknown): value is ThemeChoice {
  return typeof value === "string" && (themeChoices as readonly string[]).includes(value);
}

/**
 * Runs in <head> before first paint, so a stored choice is on <html> before anything is drawn.
 * Plain ES5 in a string: it must not depend on the bundle, which loads later. Storage can throw
 * (blocked cookies, some private modes); the page then follows the system.
 */
export const themeInitScript = `(function(){var c="system";try{var s=localStorage.getItem(${JSON.stringify(themeStorageKey)});if(s==="light"||s==="dark")c=s}catch(e){}var r=document.documentElement;r.setAttribute("data-theme",c);if(c!=="system")r.classList.add(c)})()`;

/** Puts a choice on <html> exactly as the inline script would have. */
export function applyThemeChoice(root: HTMLElement, choice: ThemeChoice): void {
  root.classList.toggle("light", choice === "light");
  root.classList.toggle("dark", choice === "dark");
  root.setAttribute("data-theme", choice);
}
