# Sourced by scripts/test after scripts/bootstrap.sh: builds the object-store servers the WAL-G
# tests start on 127.0.0.1 (fake-gcs-server for GCS, versitygw for S3) from their Go modules,
# pinned by the wrapper modules in scripts/lib/object-stores/<tool>/go.mod, into the
# git-ignored .tools/go/bin; module and build caches stay under .cache/go.

ensure_object_store() {
  local tool="$1" var="$2" dir="$REPO_ROOT/scripts/lib/object-stores/$1"
  local bin="$REPO_ROOT/.tools/go/bin/$tool" stamp="$REPO_ROOT/.tools/go/bin/.$tool.gomod"
  local version; version="$(sha256sum "$dir/go.mod" | cut -d' ' -f1)"
  export "$var=$bin"
  if [ -x "$bin" ] && [ "$(cat "$stamp" 2>/dev/null)" = "$version" ]; then
    return
  fi
  command -v go >/dev/null 2>&1 || { log "Go is missing: install Go >= 1.24 to build $tool"; return 1; }
  log "building $tool (version pinned in $dir/go.mod) from its Go module into .tools/go (a few minutes the first time)"
  local started=$SECONDS
  (cd "$dir" &&
    GOBIN="$REPO_ROOT/.tools/go/bin" GOPATH="$REPO_ROOT/.cache/go" \
      GOMODCACHE="$REPO_ROOT/.cache/go/mod" GOCACHE="$REPO_ROOT/.cache/go/build" \
      GOFLAGS=-mod=mod CGO_ENABLED=0 go install -trimpath -ldflags "-s -w" tool) >&2
  echo "$version" >"$stamp"
  log "$tool built in $((SECONDS - started))s"
}

ensure_object_store fake-gcs-server FAKE_GCS_SERVER_BIN
ensure_object_store versitygw VERSITYGW_BIN
