# Sourced by scripts/test after scripts/bootstrap.sh: installs the real programs the render
# tests run (helm, haproxy, promtool, pgbouncer, patroni) and exports their paths for Jest.
# Helm is built from its Go module into the git-ignored .tools/go; Debian tools come from apt.
HELM_VERSION="v3.22.0"

ensure_helm() {
  local gobin="$REPO_ROOT/.tools/go/bin"
  export HELM_BIN="$gobin/helm"
  if [ -x "$HELM_BIN" ] && [ "$("$HELM_BIN" version --template '{{.Version}}' 2>/dev/null)" = "$HELM_VERSION" ]; then
    return
  fi
  command -v go >/dev/null 2>&1 || { log "Go is missing: install Go >= 1.24 to build helm"; return 1; }
  log "building helm $HELM_VERSION from its Go module into .tools/go (a few minutes the first time)"
  local started=$SECONDS
  # Module and build caches stay under the git-ignored .cache so reruns are fast.
  # -X sets the version string helm reports, which `go install` leaves at the minor release.
  GOBIN="$gobin" GOPATH="$REPO_ROOT/.cache/go" GOMODCACHE="$REPO_ROOT/.cache/go/mod" \
    GOCACHE="$REPO_ROOT/.cache/go/build" CGO_ENABLED=0 \
    go install -trimpath -ldflags "-s -w -X helm.sh/helm/v3/internal/version.version=$HELM_VERSION" \
    "helm.sh/helm/v3/cmd/helm@$HELM_VERSION" >&2
  log "helm $HELM_VERSION built in $((SECONDS - started))s"
}

ensure_helm
apt_ensure haproxy haproxy
apt_ensure promtool prometheus
apt_ensure pgbouncer pgbouncer
apt_ensure patroni patroni
export HAPROXY_BIN; HAPROXY_BIN="$(command -v haproxy)"
export PROMTOOL_BIN; PROMTOOL_BIN="$(command -v promtool)"
export PGBOUNCER_BIN; PGBOUNCER_BIN="$(command -v pgbouncer)"
export PATRONI_BIN; PATRONI_BIN="$(command -v patroni)"
