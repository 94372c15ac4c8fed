export type TaxonomyKind = "section" | "tag" | "author";
