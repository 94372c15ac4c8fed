import { createTaxonomyPage } from "../../_taxonomy/taxonomy-page";

const { generateMetadata, TaxonomyPage } = createTaxonomyPage("tag");

export { generateMetadata };
export default TaxonomyPage;
