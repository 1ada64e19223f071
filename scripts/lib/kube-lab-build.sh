#!/usr/bin/env bash
# Builds the kube lab's programs from their pinned Go modules (lab/kubernetes/go/*/go.mod) into the
# git-ignored .tools/go/bin: kube-apiserver, kube-controller-manager, kube-scheduler, kubectl (v1.36.3),
# kwok and the Zalando postgres-operator. Skips what is already built at the pinned version.
# Caches stay in .cache/go (shared with the other Go builds). Usage: scripts/lib/kube-lab-build.sh [--force]
set -euo pipefail
REPO_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
K8S_VERSION="v1.36.3"
KWOK_VERSION="v0.8.0"
OPERATOR_VERSION="v1.15.0"
GOBIN_DIR="$REPO_ROOT/.tools/go/bin"
STAMP="$GOBIN_DIR/.kube-lab-build"
MODS="$REPO_ROOT/lab/kubernetes/go"
MODULE_DIRS="$GOBIN_DIR/.kube-lab-modules.json"
# Modules whose manifests the lab applies: CRDs, the operator's RBAC and configuration, kwok's node stages.
MANIFEST_MODULES=(
  "operator=github.com/zalando/postgres-operator@$OPERATOR_VERSION"
  "kwok=sigs.k8s.io/kwok@$KWOK_VERSION"
  "certManager=github.com/cert-manager/cert-manager@v1.21.2"
  "prometheusOperator=github.com/prometheus-operator/prometheus-operator@v0.85.0"
)

say() { printf '\033[1;36m[kube-lab]\033[0m %s\n' "$*" >&2; }

want_stamp() { cat "$MODS/kube/go.mod" "$MODS/operator/go.mod" | sha256sum | cut -c1-16; }

built() {
  [ -f "$STAMP" ] && [ "$(cat "$STAMP")" = "$(want_stamp)" ] || return 1
  local b; for b in kube-apiserver kube-controller-manager kube-scheduler kubectl kwok postgres-operator; do
    [ -x "$GOBIN_DIR/$b" ] || return 1
  done
  [ -f "$MODULE_DIRS" ] &&
    "$GOBIN_DIR/kubectl" version --client -o json 2>/dev/null | grep -q "\"gitVersion\": \"$K8S_VERSION\""
}

# Writes {"operator": "<module dir>", ...} for the lab (go mod download prints each module's folder).
module_dirs() {
  local entry sep="" out="{"
  for entry in "${MANIFEST_MODULES[@]}"; do
    local dir
    dir="$(go mod download -json "${entry#*=}" | sed -n 's/^\t"Dir": "\(.*\)",$/\1/p')"
    [ -d "$dir" ] || { say "ERROR: go mod download ${entry#*=} gave no folder"; return 1; }
    out+="$sep\"${entry%%=*}\": \"$dir\""; sep=", "
  done
  echo "$out}" >"$MODULE_DIRS"
}

if [ "${1:-}" != --force ] && built; then exit 0; fi
command -v go >/dev/null 2>&1 || { say "ERROR: Go is missing: install Go >= 1.26 to build the kube lab"; exit 1; }
mkdir -p "$GOBIN_DIR"
export GOPATH="$REPO_ROOT/.cache/go" GOMODCACHE="$REPO_ROOT/.cache/go/mod" GOCACHE="$REPO_ROOT/.cache/go/build"
export CGO_ENABLED=0 GOFLAGS="-modcacherw -mod=readonly"
started=$SECONDS
# The version variables kubectl and the API server report (kubectl cannot parse an unset one).
k8s_ld="-X k8s.io/component-base/version.gitVersion=$K8S_VERSION -X k8s.io/component-base/version.gitMajor=1"
k8s_ld+=" -X k8s.io/component-base/version.gitMinor=36 -X k8s.io/component-base/version.gitTreeState=clean"
k8s_ld+=" -X k8s.io/client-go/pkg/version.gitVersion=$K8S_VERSION -X sigs.k8s.io/kwok/pkg/consts.Version=$KWOK_VERSION"
say "building kubernetes $K8S_VERSION (apiserver, controller-manager, scheduler, kubectl) and kwok $KWOK_VERSION; 8-15 min on a cold Go cache"
(cd "$MODS/kube" && go build -trimpath -ldflags "-s -w $k8s_ld" -o "$GOBIN_DIR/" tool)
say "kubernetes built after $((SECONDS - started)) s; building postgres-operator $OPERATOR_VERSION"
(cd "$MODS/operator" && go build -trimpath -ldflags "-s -w" -o "$GOBIN_DIR/postgres-operator" tool)
module_dirs
want_stamp >"$STAMP"
say "kube lab programs built in $((SECONDS - started)) s"
