import { defineConfig } from "prisma/config";

// One config for both providers: DB_PROVIDER picks prisma/sqlite or prisma/postgresql, each with
// its schema.prisma, a link to the shared models.prisma and its own migrations/.
const provider = process.env.DB_PROVIDER === "postgresql" ? "postgresql" : "sqlite";

export default defineConfig({
  schema: `prisma/${provider}`,
  migrations: { path: `prisma/${provider}/migrations` },
});
