import { createTaxonomyPage } from "../../_taxonomy/taxonomy-page";

const { generateMetadata, TaxonomyPage } = createTaxonomyPage("author");

export { generateMetadata };
export default TaxonomyPage;
