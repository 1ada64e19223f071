#!/usr/bin/env bash
# Regenerates src/settings/pgSettings.generated.ts from the pg_settings view of a throwaway
# Debian PostgreSQL server (initdb in a temporary directory, Unix socket only, no TCP).
# Needs the Debian postgresql-15 package (or PG_BIN pointing at another major's bin/).
# Run as root (the server runs as the postgres user) or as the postgres user itself.
set -euo pipefail
PG_BIN="${PG_BIN:-/usr/lib/postgresql/15/bin}"
here="$(cd "$(dirname "$0")" && pwd)"
out="$here/../src/settings/pgSettings.generated.ts"
work="$(mktemp -d)"
as_pg() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }
cleanup() { as_pg "$PG_BIN/pg_ctl" -D "$work/data" -m immediate stop >/dev/null 2>&1 || true; rm -rf "$work"; }
trap cleanup EXIT
[ "$(id -u)" = 0 ] && chown postgres "$work"
as_pg "$PG_BIN/initdb" -D "$work/data" -A trust -U postgres >/dev/null
as_pg "$PG_BIN/pg_ctl" -D "$work/data" -w -t 60 -l "$work/log" \
  -o "-c listen_addresses= -c unix_socket_directories=$work" start >/dev/null
as_pg "$PG_BIN/psql" -h "$work" -U postgres -d postgres -XAtq -c "
  SELECT json_build_object('version', current_setting('server_version'),
    'settings', json_agg(json_build_object('name', name, 'vartype', vartype, 'unit', unit,
      'min', min_val, 'max', max_val, 'enumvals', enumvals, 'context', context,
      'description', short_desc) ORDER BY name))
  FROM pg_settings WHERE context <> 'internal'" >"$work/settings.json"
node "$here/pg-settings-to-ts.mjs" "$work/settings.json" >"$out"
echo "wrote $out"
