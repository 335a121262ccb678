#!/usr/bin/env bash
# CSV seeding rows/s: our seeder (COPY via PgJDBC CopyManager) vs `psql \copy` of the same file into the
# same embedded PostgreSQL. Prints both and the ratio (target >= 0.9); then the generate seed step against the same
# psql figure (target >= 0.8) and a snapshot restore against seeding again.  Usage: bench/seed-copy.sh [rows] [rounds]
source "$(dirname "$0")/common.sh"
if ! command -v psql >/dev/null 2>&1; then
  echo "bench: installing postgresql-client for psql" >&2
  apt-get install -y postgresql-client >&2 || { apt-get update >&2 && apt-get install -y postgresql-client >&2; }
fi
exec "$JAVA" -cp "$CP" io.dataops.sit.runner.bench.SeedCopyBench "${1:-1000000}" "${2:-3}" "$(command -v psql)"
