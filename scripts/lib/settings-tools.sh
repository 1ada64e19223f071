# Sourced by scripts/test: installs the real programs the settings-model tests ask. Debian's
# cron, whose `crontab` (the Vixie cron Spilo runs) judges every schedule the model accepts,
# and Debian's PostgreSQL 15, whose `postgres --describe-config` checks the committed
# pg_settings table the parameter ranges come from.
apt_ensure crontab cron
apt_ensure /usr/lib/postgresql/15/bin/postgres postgresql-15
export CRONTAB_BIN; CRONTAB_BIN="$(command -v crontab)"
export PG_POSTGRES_BIN=/usr/lib/postgresql/15/bin/postgres
