#!/usr/bin/env bash
# Writes a NEW migration with the SQL that takes the schema as last committed to the schema in
# prisma/schema.prisma (offline, no database needed):  scripts/db-diff.sh add_retention
# Migrations are append-only: an applied migration is never edited (the migrator refuses a
# changed file, and prisma/migrations/checksums.txt pins each one).
set -euo pipefail
cd "$(dirname "$0")/.."
name="${1:?usage: scripts/db-diff.sh <migration_name>}"
last="$(ls -d prisma/migrations/[0-9][0-9][0-9][0-9]_*/ | sort | tail -n1 | xargs basename)"
next="$(printf '%04d' $((10#${last%%_*} + 1)))_${name}"
committed="$(mktemp --suffix=.prisma)"
git show HEAD:prisma/schema.prisma > "$committed"
mkdir -p "prisma/migrations/$next"
npx prisma migrate diff --from-schema-datamodel "$committed" --to-schema-datamodel prisma/schema.prisma --script > "prisma/migrations/$next/migration.sql"
rm -f "$committed"
echo "$next $(sha256sum "prisma/migrations/$next/migration.sql" | cut -d' ' -f1)" >> prisma/migrations/checksums.txt
echo "wrote prisma/migrations/$next/migration.sql (review it; hand-written SQL such as sequences goes in too)"
