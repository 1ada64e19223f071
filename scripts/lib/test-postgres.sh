# Sourced by scripts/test after test-tools.sh: Debian's PostgreSQL server, which the compose
# database-script test starts on a private Unix socket (the lab installs the same package).
apt_ensure /usr/lib/postgresql/15/bin/initdb postgresql
export PG_BIN_DIR=/usr/lib/postgresql/15/bin
