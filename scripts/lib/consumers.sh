# Sourced by scripts/test (or run on its own): builds tools/consumers, the Go program the
# render tests read outputs with (Docker Compose's loader, yaml.v3, kubectl's YAML reader,
# the Zalando operator's types), into the git-ignored .tools/go/bin, and copies the pinned
# upstream files the tests validate against (the operator's CRD and example manifests, the
# Compose Specification schema) from those Go modules into the git-ignored .cache/upstream.
# Exports PGHA_CONSUMERS_BIN and PGHA_UPSTREAM_DIR for Jest.
REPO_ROOT="${REPO_ROOT:-$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)}"
declare -F log >/dev/null || log() { printf '[consumers] %s\n' "$*" >&2; }

consumers_go() {
  (cd "$REPO_ROOT/tools/consumers" &&
    GOPATH="$REPO_ROOT/.cache/go" GOMODCACHE="$REPO_ROOT/.cache/go/mod" \
      GOCACHE="$REPO_ROOT/.cache/go/build" GOFLAGS=-mod=readonly CGO_ENABLED=0 go "$@")
}

# The folder of a module pinned in tools/consumers/go.mod, downloaded when missing.
consumers_module_dir() {
  consumers_go mod download -json "$1" | sed -n 's/^\t"Dir": "\(.*\)",$/\1/p'
}

ensure_consumers() {
  local src="$REPO_ROOT/tools/consumers" gobin="$REPO_ROOT/.tools/go/bin"
  export PGHA_CONSUMERS_BIN="$gobin/pgha-consumers" PGHA_UPSTREAM_DIR="$REPO_ROOT/.cache/upstream"
  local stamp
  stamp="$(cat "$src"/go.mod "$src"/go.sum "$src"/*.go | sha256sum | cut -d' ' -f1)"
  if [ -x "$PGHA_CONSUMERS_BIN" ] && [ -f "$PGHA_UPSTREAM_DIR/.stamp" ] &&
    [ "$(cat "$PGHA_UPSTREAM_DIR/.stamp")" = "$stamp" ]; then
    return
  fi
  command -v go >/dev/null 2>&1 || { log "Go is missing: install Go >= 1.25 to build tools/consumers"; return 1; }
  log "building tools/consumers (compose-go, yaml.v3, the operator's types) into .tools/go/bin"
  local started=$SECONDS operator compose_go tmp
  mkdir -p "$gobin" "$REPO_ROOT/.cache"
  consumers_go build -trimpath -ldflags "-s -w" -o "$PGHA_CONSUMERS_BIN.tmp" . >&2 || return 1
  mv "$PGHA_CONSUMERS_BIN.tmp" "$PGHA_CONSUMERS_BIN"
  operator="$(consumers_module_dir github.com/zalando/postgres-operator)" || return 1
  compose_go="$(consumers_module_dir github.com/compose-spec/compose-go/v2)" || return 1
  [ -d "$operator" ] && [ -d "$compose_go" ] || { log "could not locate the pinned Go modules"; return 1; }
  # A fresh folder moved into place, so parallel Jest workers never read half-copied files.
  tmp="$(mktemp -d "$REPO_ROOT/.cache/upstream.XXXXXX")"
  cp "$operator"/manifests/{postgresql.crd.yaml,minimal-postgres-manifest.yaml,complete-postgres-manifest.yaml} "$tmp/"
  cp "$compose_go/schema/compose-spec.json" "$tmp/"
  chmod u+w "$tmp"/*
  printf '%s\n' "$stamp" >"$tmp/.stamp"
  rm -rf "$PGHA_UPSTREAM_DIR"
  mv "$tmp" "$PGHA_UPSTREAM_DIR"
  log "tools/consumers built and upstream files copied in $((SECONDS - started))s"
}

ensure_consumers
