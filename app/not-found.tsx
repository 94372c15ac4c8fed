import Link from "next/link";
import { env } from "@/lib/env";
import { getDictionary } from "@/lib/i18n/dictionaries";

export default function NotFound() {
  const dictionary = getDictionary(env.SITE_LANGUAGE);
  return (
    <section className="py-16 text-center">
      <h1 className="text-3xl font-bold">{dictionary.notFoundTitle}</h1>
      <p className="mt-4 text-neutral-700 dark:text-neutral-300">{dictionary.notFoundBody}</p>
      <p className="mt-6">
        <Link href="/" className="underline underline-offset-2">
          {dictionary.backHome}
        </Link>
      </p>
    </section>
  );
}
