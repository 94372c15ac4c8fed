"use client";

import { getDictionary } from "@/lib/i18n/dictionaries";

// Client components cannot read the server's env; the error page speaks the default language.
const dictionary = getDictionary("zh-CN");

export default function ErrorPage({ reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return (
    <section className="py-16 text-center">
      <h1 className="text-3xl font-bold">{dictionary.errorTitle}</h1>
      <p className="mt-4">{dictionary.errorBody}</p>
      <button type="button" onClick={reset} className="mt-6 rounded border px-4 py-2">
        {dictionary.tryAgain}
      </button>
    </section>
  );
}
