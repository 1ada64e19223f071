# Sourced by scripts/test after scripts/bootstrap.sh: builds the object-store servers the WAL-G
# tests start on 127.0.0.1 (fake-gcs-server for GCS, versitygw for S3) and WAL-G itself (whose
# wal-push archives real WAL into versitygw) from their Go modules,
# pinned by the wrapper modules in scripts/lib/object-stores/<tool>/go.mod, into the
# git-ignored .tools/go/bin; module and build caches stay under .cache/go.

ensure_object_store() {
  local tool="$1" var="$2" cgo="${3:-0}" dir="$REPO_ROOT/scripts/lib/object-stores/$1"
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
    GOPATH="$REPO_ROOT/.cache/go" \
      GOMODCACHE="$REPO_ROOT/.cache/go/mod" GOCACHE="$REPO_ROOT/.cache/go/build" \
      GOFLAGS=-mod=mod GONOSUMDB=github.com/wal-g/wal-g CGO_ENABLED="$cgo" \
      go build -trimpath -ldflags "-s -w" -o "$bin" "$(awk '$1 == "tool" { print $2 }' go.mod)") >&2
  echo "$version" >"$stamp"
  log "$tool built in $((SECONDS - started))s"
}

ensure_object_store fake-gcs-server FAKE_GCS_SERVER_BIN
ensure_object_store versitygw VERSITYGW_BIN
# v0.2.19, the only version the proxy serves, has no checksum database entry; its zstd needs cgo.
ensure_object_store wal-g WALG_BIN 1
