import { createTaxonomyPage } from "../../_taxonomy/taxonomy-page";

const { generateMetadata, TaxonomyPage } = createTaxonomyPage("section");

export { generateMetadata };
export default TaxonomyPage;
