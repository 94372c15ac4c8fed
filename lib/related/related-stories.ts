import { tokenizeForIndex } from "../search/search-tokens";

export interface RelatedCandidate<Item> {
  item: Item;
  id: number;
  tagSlugs: string[];
  sectionSlug: string | null;
  /** Title and summary: the words that say what a story is about. */
  aboutText: string;
  publishedAt: number;
}

// One shared tag says more than one shared word: tags are an editor's judgement.
const SHARED_TAG_WEIGHT = 3;
const SHARED_TERM_WEIGHT = 1;
const SAME_SECTION_WEIGHT = 0.5;
// Words too short to mean much on their own (single Han characters, "a", "of").
const MIN_TERM_LENGTH_HAN = 2;
const MIN_TERM_LENGTH_LATIN = 4;

function meaningfulTerms(text: string): Set<string> {
  return new Set(
    tokenizeForIndex(text).filter((term) =>
      /\p{Script=Han}/u.test(term) ? [...term].length >= MIN_TERM_LENGTH_HAN : term.length >= MIN_TERM_LENGTH_LATIN,
    ),
  );
}

/**
 * The stories most like `target`, from shared tags and shared words in titles and summaries, a
 * little from a shared section; newer first among equals. Never the story itself, and never a
 * story that shares nothing.
 */
export function rankRelatedStories<Item>(
  target: Omit<RelatedCandidate<Item>, "item" | "publishedAt">,
  candidates: RelatedCandidate<Item>[],
  limit: number,
): Item[] {
  const targetTags = new Set(target.tagSlugs);
  const targetTerms = meaningfulTerms(target.aboutText);
  return candidates
    .filter((candidate) => candidate.id !== target.id)
    .map((candidate) => {
      const sharedTags = candidate.tagSlugs.filter((slug) => targetTags.has(slug)).length;
      const sharedTerms = [...meaningfulTerms(candidate.aboutText)].filter((term) => targetTerms.has(term)).length;
      const score =
        sharedTags * SHARED_TAG_WEIGHT +
        sharedTerms * SHARED_TERM_WEIGHT +
        (sharedTags + sharedTerms > 0 && candidate.sectionSlug !== null && candidate.sectionSlug === target.sectionSlug
          ? SAME_SECTION_WEIGHT
          : 0);
      return { candidate, score };
    })
    .filter(({ score }) => score > 0)
    .sort((a, b) => b.score - a.score || b.candidate.publishedAt - a.candidate.publishedAt)
    .slice(0, limit)
    .map(({ candidate }) => candidate.item);
}
