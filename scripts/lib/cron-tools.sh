# Sourced by scripts/test: installs Debian's cron so the settings tests can ask the real
# `crontab` (the Vixie cron Spilo runs) whether it accepts each schedule the model accepts.
apt_ensure crontab cron
export CRONTAB_BIN; CRONTAB_BIN="$(command -v crontab)"
