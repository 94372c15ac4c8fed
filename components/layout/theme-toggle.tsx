"use client";

import { useEffect, useSyncExternalStore } from "react";
import { applyThemeChoice, isThemeChoice, type ThemeChoice, themeChoices, themeStorageKey } from "./theme";

export type ThemeToggleLabels = { legend: string } & Record<ThemeChoice, string>;

// <html data-theme> is the one place the choice lives on the page: the head script sets it before
// React runs, and every change goes through it, so the toggle only has to watch it.
function subscribeToChoice(onChange: () => void): () => void {
  const observer = new MutationObserver(onChange);
  observer.observe(document.documentElement, { attributes: true, attributeFilter: ["data-theme"] });
  return () => observer.disconnect();
}

function readChoice(): ThemeChoice | null {
  const value = document.documentElement.getAttribute("data-theme");
  return isThemeChoice(value) ? value : null;
}

// The server cannot know the choice: nothing is checked in its HTML, and globals.css draws the
// selected option from <html data-theme> until React takes over.
const readChoiceOnServer = (): ThemeChoice | null => null;

function storeChoice(choice: ThemeChoice): void {
  try {
    if (choice === "system") localStorage.removeItem(themeStorageKey);
    else localStorage.setItem(themeStorageKey, choice);
  } catch {
    // Storage refused (blocked cookies, some private modes): the choice holds until the page closes.
  }
}

export function ThemeToggle({ labels }: { labels: ThemeToggleLabels }) {
  const choice = useSyncExternalStore(subscribeToChoice, readChoice, readChoiceOnServer);

  // A choice made in another tab applies here too.
  useEffect(() => {
    const onStorage = (event: StorageEvent) => {
      if (event.key !== themeStorageKey && event.key !== null) return;
      const value = event.key === null ? null : event.newValue;
      applyThemeChoice(document.documentElement, value === "light" || value === "dark" ? value : "system");
    };
    window.addEventListener("storage", onStorage);
    return () => window.removeEventListener("storage", onStorage);
  }, []);

  const choose = (next: ThemeChoice) => {
    storeChoice(next);
    applyThemeChoice(document.documentElement, next);
  };

  return (
    <fieldset data-theme-toggle className="shrink-0 items-center gap-0.5 rounded-full border border-neutral-300 p-0.5 dark:border-neutral-700">
      <legend className="sr-only">{labels.legend}</legend>
      {themeChoices.map((value) => (
        <label
          key={value}
          title={labels[value]}
          data-theme-option={value}
          className="flex size-8 cursor-pointer items-center justify-center rounded-full text-neutral-700 hover:bg-neutral-100 has-focus-visible:focus-ring dark:text-neutral-300 dark:hover:bg-neutral-800"
        >
          <input
            type="radio"
            name="theme"
            value={value}
            checked={choice === value}
            onChange={() => choose(value)}
            className="sr-only"
          />
          <ThemeIcon choice={value} />
          <span className="sr-only">{labels[value]}</span>
        </label>
      ))}
    </fieldset>
  );
}

function ThemeIcon({ choice }: { choice: ThemeChoice }) {
  return (
    <svg viewBox="0 0 24 24" width="18" height="18" fill="none" stroke="currentColor" strokeWidth="1.75" strokeLinecap="round" strokeLinejoin="round" aria-hidden="true" focusable="false">
      {choice === "light" ? (
        <>
          <circle cx="12" cy="12" r="4" />
          <path d="M12 2v2M12 20v2M4.9 4.9l1.4 1.4M17.7 17.7l1.4 1.4M2 12h2M20 12h2M4.9 19.1l1.4-1.4M17.7 6.3l1.4-1.4" />
        </>
      ) : choice === "dark" ? (
        <path d="M20.5 14.5A8.5 8.5 0 0 1 9.5 3.5a8.5 8.5 0 1 0 11 11z" />
      ) : (
        <>
          <rect x="3" y="4" width="18" height="12" rx="2" />
          <path d="M8 20h8M12 16v4" />
        </>
      )}
    </svg>
  );
}
