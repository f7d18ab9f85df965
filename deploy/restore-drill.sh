#!/usr/bin/env bash
# Restore drill (docs/operations.md): restore a pg_dump into a NEW database and check the restored installation.
#
#   deploy/restore-drill.sh DUMP_FILE TARGET_DATABASE_URL [restore_check options]
#
# DUMP_FILE is a `pg_dump --format=custom` backup. TARGET_DATABASE_URL names a database that does not exist yet
# (the drill never overwrites one; DRILL_REPLACE=1 drops an earlier drill's). The check runs with the rest of the
# environment as given: point MEDIA_ROOT (or the AWS_* bucket) at the restored media and CERTIFICATES_KEY_DIR at
# the restored keys. Exit status 0 only when every certificate verifies and every PDF downloads.
set -euo pipefail
cd "$(dirname "$0")/.."
if [ $# -lt 2 ]; then
  sed -n '2,9p' "$0" | sed 's/^# \{0,1\}//' >&2
  exit 2
fi
dump=$1
target=$2
shift 2
python=${PYTHON:-.venv/bin/python}
if [ -n "${DATABASE_URL:-}" ] && [ "$DATABASE_URL" = "$target" ]; then
  echo "refusing: the target is DATABASE_URL, the live database" >&2
  exit 2
fi
dbname=${target##*/}
dbname=${dbname%%\?*}
server=${target%/*}/postgres
exists=$(psql "$server" -Atqc "SELECT 1 FROM pg_database WHERE datname = '${dbname//\'/\'\'}'")
if [ "$exists" = "1" ]; then
  if [ "${DRILL_REPLACE:-}" != "1" ]; then
    echo "refusing: database $dbname exists (a drill restores into a new one; DRILL_REPLACE=1 drops it)" >&2
    exit 2
  fi
  psql "$server" -v ON_ERROR_STOP=1 -qc "DROP DATABASE \"$dbname\" WITH (FORCE)"
fi
psql "$server" -v ON_ERROR_STOP=1 -qc "CREATE DATABASE \"$dbname\""
echo "restoring $dump into $dbname"
pg_restore --no-owner --no-privileges --exit-on-error --dbname "$target" "$dump"
echo "checking the restored installation"
DATABASE_URL="$target" "$python" manage.py restore_check "$@"
