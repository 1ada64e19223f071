#!/bin/bash
# Patroni callback (on_start, on_role_change), runs as the postgres user:
#   callback.sh LAB_DIR MEMBER ACTION ROLE SCOPE
# When this member becomes the leader, PgBouncer is repointed at it and reloaded (SIGHUP).
set -u
LAB="$1" MEMBER="$2" ACTION="${3:-}" ROLE="${4:-}" SCOPE="${5:-}"
LOG="$LAB/log/callback.log"
ts() { date +%s.%N; }
echo "$(ts) $MEMBER $ACTION $ROLE $SCOPE" >>"$LOG"
case "$ROLE" in
  master|primary|promoted) ;;
  *) exit 0 ;;
esac
port="$(cat "$LAB/conf/port-$MEMBER")"
tmpl="$LAB/conf/pgbouncer.ini.tmpl"
ini="$LAB/conf/pgbouncer.ini"
sed "s/@LEADER_PORT@/$port/" "$tmpl" >"$ini.cb.$$" && mv -f "$ini.cb.$$" "$ini"
echo "$MEMBER" >"$LAB/run/leader"
pid="$(cat "$LAB/run/pgbouncer.pid" 2>/dev/null || true)"
if [ -n "$pid" ] && kill -HUP "$pid" 2>/dev/null; then
  echo "$(ts) $MEMBER pgbouncer (pid $pid) repointed to port $port" >>"$LOG"
else
  echo "$(ts) $MEMBER pgbouncer not running yet; config points to port $port" >>"$LOG"
fi
exit 0
