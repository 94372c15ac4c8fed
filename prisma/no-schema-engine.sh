#!/bin/sh
# Prisma's CLI insists on a native schema-engine binary, which it would download from a host this
# machine cannot reach. `prisma generate` only checks that the file exists; migrations run through
# lib/db/migrate.ts (the WebAssembly schema engine) instead.
echo "the native schema engine is not installed; use npm run db:deploy or npm run db:migrate" >&2
exit 1
