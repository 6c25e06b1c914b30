#!/usr/bin/env bash
# Regenerates the initial migration from prisma/schema.prisma (offline, no database needed).
# Hand-written migrations (0002+) hold what Prisma cannot express, such as sequences.
set -euo pipefail
cd "$(dirname "$0")/.."
npx prisma migrate diff --from-empty --to-schema-datamodel prisma/schema.prisma --script > prisma/migrations/0001_init/migration.sql
echo "wrote prisma/migrations/0001_init/migration.sql"
