#!/usr/bin/env bash
# Builds and caches the binaries of the local e2e control plane, at the versions pinned
# in e2e/versions.env, from Go modules only (no container images, no release downloads).
#
# Usage: build.sh [kubernetes|etcd|kwok|kube-network-policies|helm|promtool|gopher-lua|deploy-tools|all]...
#        (default: all = the cluster and helm; deploy-tools = promtool and gopher-lua)
#
# Output (binaries are never written into the repository):
#   ${SIT_CACHE_DIR:-$HOME/.cache/sit-operator}/k8s/<KUBERNETES_VERSION>/bin/
#       kube-apiserver kube-controller-manager kube-scheduler kubectl kubelet kube-proxy
#   .../etcd/<ETCD_VERSION>/bin/   etcd etcdctl
#   .../kwok/<KWOK_VERSION>/bin/   kwok      (+ .../kwok/<KWOK_VERSION>/stages/default-stages.yaml)
#   .../kube-network-policies/<KUBE_NETWORK_POLICIES_VERSION>/bin/   kube-network-policies
#   .../helm/<HELM_VERSION>/bin/   helm      (renders deploy/helm/ in the e2e suite; not part of the cluster)
#   .../promtool/<PROMTOOL_VERSION>/bin/   promtool   (checks and unit-tests deploy/prometheus/; PrometheusRulesIT)
#   .../gopher-lua/<version>-<source hash>/bin/   gopher-lua-run   (deploy/argocd/test/gopher-lua: runs the Argo CD
#       health-check tests in Argo CD's Lua runtime; the version is the one its go.mod requires)
# A version is built once: a marker file (.build-complete) is written only after a
# successful build, so an interrupted build is redone from scratch next time.
#
# Environment:
#   SIT_CACHE_DIR        cache root (default $HOME/.cache/sit-operator)
#   SIT_GOMODCACHE       Go module cache (default $SIT_CACHE_DIR/go/mod)
#   SIT_GOCACHE          Go build cache  (default $SIT_CACHE_DIR/go/build)
#   SIT_BUILD_NICE       niceness of the compile (default 10; the machine is shared)
#   SIT_BUILD_PARALLEL   `go build -p` (default: Go's default, the number of cores)
# Progress goes to stderr; nothing is printed on stdout (but by gopher-lua-path, which prints the path).
set -euo pipefail

BUILD_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
E2E_DIR=$(dirname "$BUILD_DIR")
VERSIONS_FILE="$E2E_DIR/versions.env"

log() { printf '[control-plane-build] %s\n' "$*" >&2; }
die() { log "ERROR: $*"; exit 1; }

read_versions() {
  [ -f "$VERSIONS_FILE" ] || die "missing $VERSIONS_FILE"
  local key value
  while IFS='=' read -r key value; do
    case "$key" in
      KUBERNETES_VERSION) KUBERNETES_VERSION=$value ;;
      ETCD_VERSION) ETCD_VERSION=$value ;;
      KWOK_VERSION) KWOK_VERSION=$value ;;
      KUBE_NETWORK_POLICIES_VERSION) KUBE_NETWORK_POLICIES_VERSION=$value ;;
      HELM_VERSION) HELM_VERSION=$value ;;
      PROMTOOL_VERSION) PROMTOOL_VERSION=$value ;;
    esac
  done < <(grep -E '^[A-Z_]+=' "$VERSIONS_FILE")
  : "${KUBERNETES_VERSION:?not set in $VERSIONS_FILE}" "${ETCD_VERSION:?not set in $VERSIONS_FILE}" "${KWOK_VERSION:?not set in $VERSIONS_FILE}"
  : "${KUBE_NETWORK_POLICIES_VERSION:?not set in $VERSIONS_FILE}" "${HELM_VERSION:?not set in $VERSIONS_FILE}"
  : "${PROMTOOL_VERSION:?not set in $VERSIONS_FILE}"
}

setup_go() {
  command -v go >/dev/null 2>&1 || die "go is not on PATH (Go >= the go directive of the pinned modules is needed)"
  CACHE_DIR=${SIT_CACHE_DIR:-$HOME/.cache/sit-operator}
  export GOMODCACHE=${SIT_GOMODCACHE:-$CACHE_DIR/go/mod}
  export GOCACHE=${SIT_GOCACHE:-$CACHE_DIR/go/build}
  export CGO_ENABLED=0
  export GO111MODULE=on
  export GOWORK=off
  # Never fetch another Go toolchain behind the user's back: fail clearly instead.
  export GOTOOLCHAIN=${GOTOOLCHAIN:-local}
  # -modcacherw: keep the module cache deletable with plain rm -rf.
  BASE_GOFLAGS="-modcacherw -buildvcs=false"
  mkdir -p "$CACHE_DIR" "$GOMODCACHE" "$GOCACHE"
  NICE=(nice -n "${SIT_BUILD_NICE:-10}")
  PARALLEL=()
  [ -z "${SIT_BUILD_PARALLEL:-}" ] || PARALLEL=(-p "$SIT_BUILD_PARALLEL")
}

# Runs `go mod download -json` outside any module; prints the JSON.
go_download() {
  local tmp
  tmp=$(mktemp -d)
  (cd "$tmp" && GOFLAGS="$BASE_GOFLAGS" go mod download -json "$@") || { rm -rf "$tmp"; return 1; }
  rm -rf "$tmp"
}

# json_field <json> <field>: the first "Field": "value" of go's -json output.
json_field() {
  printf '%s\n' "$1" | sed -n "s/^[[:space:]]*\"$2\": \"\(.*\)\",\{0,1\}\$/\1/p" | sed -n 1p
}

# Bump when the way a component is built changes (flags, ldflags, packages): cached
# binaries built by an older recipe are then rebuilt (cheaply, from the Go build cache).
RECIPE=2

is_complete() { # <dir> <binary>...
  local dir=$1 b
  shift
  [ -f "$dir/.build-complete" ] || return 1
  grep -qx "RECIPE=$RECIPE" "$dir/.build-complete" || return 1
  for b in "$@"; do [ -x "$dir/bin/$b" ] || return 1; done
}

# with_lock <dir> <command>...: serialises concurrent builds of the same version.
with_lock() {
  local dir=$1
  shift
  mkdir -p "$dir"
  (
    exec 9>"$dir/.build.lock"
    flock 9
    "$@"
  )
}

# go_install_tool <bin dir> <ldflags> <package@version>: `go install` outside any module (the
# package's own go.mod decides the dependencies), into <bin dir>.
go_install_tool() {
  local bin=$1 ldflags=$2 pkg=$3 tmp
  tmp=$(mktemp -d)
  (cd "$tmp" && GOBIN="$bin" GOFLAGS="$BASE_GOFLAGS" "${NICE[@]}" go install "${PARALLEL[@]}" -trimpath \
    -ldflags "$ldflags" "$pkg") || { rm -rf "$tmp"; die "go install $pkg failed"; }
  rm -rf "$tmp"
}

# mark_built <dir> <VERSION_KEY> <version> <start SECONDS> <name>: writes the marker is_complete
# checks, after everything else of the build is in place.
mark_built() {
  printf '%s=%s\nRECIPE=%s\nGO_VERSION=%s\nBUILT_AT=%s\n' "$2" "$3" "$RECIPE" "$(go env GOVERSION)" \
    "$(date -u +%Y-%m-%dT%H:%M:%SZ)" >"$1/.build-complete"
  log "$5 $3 built in $((SECONDS - $4))s"
}

build_kubernetes() {
  local dir="$CACHE_DIR/k8s/$KUBERNETES_VERSION"
  # kubelet and kube-proxy: the real node (e2e/real-node/), from the same module and cache.
  local bins=(kube-apiserver kube-controller-manager kube-scheduler kubectl kubelet kube-proxy)
  is_complete "$dir" "${bins[@]}" && return 0
  with_lock "$dir" build_kubernetes_locked "$dir" "${bins[@]}"
}

build_kubernetes_locked() {
  local dir=$1
  shift
  local bins=("$@")
  is_complete "$dir" "${bins[@]}" && return 0
  local start=$SECONDS
  log "building Kubernetes $KUBERNETES_VERSION into $dir/bin (first build: module downloads + long compile)"
  rm -f "$dir/.build-complete"

  local json go_mod info release_time
  json=$(go_download "k8s.io/kubernetes@$KUBERNETES_VERSION") || die "cannot download k8s.io/kubernetes@$KUBERNETES_VERSION"
  go_mod=$(json_field "$json" GoMod)
  info=$(json_field "$json" Info)
  [ -f "$go_mod" ] || die "no go.mod for k8s.io/kubernetes@$KUBERNETES_VERSION"
  release_time=$(sed -n 's/.*"Time":"\([^"]*\)".*/\1/p' "$info" 2>/dev/null | sed -n 1p)
  release_time=${release_time:-$(date -u +%Y-%m-%dT%H:%M:%SZ)}
  release_time=${release_time%%.*}
  case "$release_time" in *Z) ;; *) release_time="${release_time}Z" ;; esac

  local module="$dir/module"
  mkdir -p "$module"
  "$BUILD_DIR/kubernetes/gen-go-mod.sh" "$go_mod" "$KUBERNETES_VERSION" >"$module/go.mod.new"
  if ! cmp -s "$module/go.mod.new" "$module/go.mod.generated" 2>/dev/null; then
    # go.mod changed (new version or generator): start from a fresh go.mod/go.sum
    cp "$module/go.mod.new" "$module/go.mod"
    cp "$module/go.mod.new" "$module/go.mod.generated"
    rm -f "$module/go.sum"
  fi
  rm -f "$module/go.mod.new"

  local v=${KUBERNETES_VERSION#v} major minor
  major=${v%%.*}
  minor=${v#*.}
  minor=${minor%%.*}
  local ldflags="-s -w" pkg key val
  # gitCommit: the module proxy does not tell the commit; empty gives "unknown" in
  # user agents instead of the unexpanded "$Format:%H$" of the source archive.
  for pkg in k8s.io/client-go/pkg/version k8s.io/component-base/version; do
    for key in gitVersion gitMajor gitMinor gitCommit gitTreeState buildDate; do
      case $key in
        gitCommit) val= ;;
        gitVersion) val=$KUBERNETES_VERSION ;;
        gitMajor) val=$major ;;
        gitMinor) val=$minor ;;
        gitTreeState) val=clean ;;
        buildDate) val=$release_time ;;
      esac
      ldflags+=" -X '$pkg.$key=$val'"
    done
  done

  rm -rf "$dir/bin.tmp"
  mkdir -p "$dir/bin.tmp"
  local pkgs=()
  for pkg in "${bins[@]}"; do pkgs+=("k8s.io/kubernetes/cmd/$pkg"); done
  log "go build ${pkgs[*]}"
  (cd "$module" && GOFLAGS="-mod=mod $BASE_GOFLAGS" "${NICE[@]}" go build "${PARALLEL[@]}" -trimpath \
    -ldflags "$ldflags" -o "$dir/bin.tmp/" "${pkgs[@]}") || die "Kubernetes build failed"

  local reported
  reported=$("$dir/bin.tmp/kubectl" version --client 2>/dev/null | sed -n 's/^Client Version: //p')
  [ "$reported" = "$KUBERNETES_VERSION" ] || die "built kubectl reports '$reported', expected $KUBERNETES_VERSION"
  rm -rf "$dir/bin"
  mv "$dir/bin.tmp" "$dir/bin"
  mark_built "$dir" KUBERNETES_VERSION "$KUBERNETES_VERSION" "$start" Kubernetes
}

build_etcd() {
  local dir="$CACHE_DIR/etcd/$ETCD_VERSION"
  is_complete "$dir" etcd etcdctl && return 0
  with_lock "$dir" build_etcd_locked "$dir"
}

build_etcd_locked() {
  local dir=$1
  is_complete "$dir" etcd etcdctl && return 0
  local start=$SECONDS
  log "building etcd $ETCD_VERSION into $dir/bin"
  rm -f "$dir/.build-complete"

  local json mods=() m
  for m in go.etcd.io/etcd/server/v3 go.etcd.io/etcd/etcdctl/v3; do
    json=$(go_download "$m@$ETCD_VERSION") || die "cannot download $m@$ETCD_VERSION"
    mods+=("$(json_field "$json" GoMod)")
  done
  local module="$dir/module"
  mkdir -p "$module"
  "$BUILD_DIR/etcd/gen-go-mod.sh" "$ETCD_VERSION" "${mods[@]}" >"$module/go.mod.new"
  if ! cmp -s "$module/go.mod.new" "$module/go.mod.generated" 2>/dev/null; then
    cp "$module/go.mod.new" "$module/go.mod"
    cp "$module/go.mod.new" "$module/go.mod.generated"
    rm -f "$module/go.sum"
  fi
  rm -f "$module/go.mod.new"

  rm -rf "$dir/bin.tmp"
  mkdir -p "$dir/bin.tmp"
  log "go build go.etcd.io/etcd/server/v3 go.etcd.io/etcd/etcdctl/v3"
  # Go names the binaries after the last path element that is not a major version:
  # server/v3 -> "server", etcdctl/v3 -> "etcdctl".
  (cd "$module" && GOFLAGS="-mod=mod $BASE_GOFLAGS" "${NICE[@]}" go build "${PARALLEL[@]}" -trimpath \
    -ldflags "-s -w" -o "$dir/bin.tmp/" go.etcd.io/etcd/server/v3 go.etcd.io/etcd/etcdctl/v3) || die "etcd build failed"
  mv "$dir/bin.tmp/server" "$dir/bin.tmp/etcd"
  local reported
  reported=$("$dir/bin.tmp/etcd" --version 2>/dev/null | sed -n 's/^etcd Version: //p')
  [ "$reported" = "${ETCD_VERSION#v}" ] || die "built etcd reports '$reported', expected $ETCD_VERSION"
  rm -rf "$dir/bin"
  mv "$dir/bin.tmp" "$dir/bin"
  mark_built "$dir" ETCD_VERSION "$ETCD_VERSION" "$start" etcd
}

# Prints the Stage files listed (recursively) by a kustomization directory.
kustomize_resources() {
  local d=$1 r
  [ -f "$d/kustomization.yaml" ] || die "no kustomization.yaml in $d"
  for r in $(awk '/^resources:/ { f = 1; next } f && /^[^ -]/ { f = 0 } f && /^- / { print $2 }' "$d/kustomization.yaml"); do
    if [ -d "$d/$r" ]; then kustomize_resources "$d/$r"; else echo "$d/$r"; fi
  done
}

build_kwok() {
  local dir="$CACHE_DIR/kwok/$KWOK_VERSION"
  is_complete "$dir" kwok && [ -s "$dir/stages/default-stages.yaml" ] && return 0
  with_lock "$dir" build_kwok_locked "$dir"
}

build_kwok_locked() {
  local dir=$1
  is_complete "$dir" kwok && [ -s "$dir/stages/default-stages.yaml" ] && return 0
  local start=$SECONDS
  log "building kwok $KWOK_VERSION into $dir/bin"
  rm -f "$dir/.build-complete"
  rm -rf "$dir/bin.tmp" "$dir/stages.tmp"
  mkdir -p "$dir/bin.tmp" "$dir/stages.tmp"
  go_install_tool "$dir/bin.tmp" "-s -w" "sigs.k8s.io/kwok/cmd/kwok@$KWOK_VERSION"

  # kwok's default ("fast") stages, taken from the same release: nodes become Ready and
  # keep a lease, pods become Running, pods owned by Jobs complete, deleted pods go away.
  local json src f
  json=$(go_download "sigs.k8s.io/kwok@$KWOK_VERSION") || die "cannot download sigs.k8s.io/kwok@$KWOK_VERSION"
  src=$(json_field "$json" Dir)
  [ -d "$src/kustomize/stage/fast" ] || die "kwok $KWOK_VERSION has no kustomize/stage/fast"
  {
    for f in $(kustomize_resources "$src/kustomize/stage/fast"); do
      echo "---"
      cat "$f"
    done
  } >"$dir/stages.tmp/default-stages.yaml"
  grep -q '^kind: Stage' "$dir/stages.tmp/default-stages.yaml" || die "no Stage found in kwok's default stages"

  rm -rf "$dir/bin" "$dir/stages"
  mv "$dir/bin.tmp" "$dir/bin"
  mv "$dir/stages.tmp" "$dir/stages"
  mark_built "$dir" KWOK_VERSION "$KWOK_VERSION" "$start" kwok
}

# The NetworkPolicy implementation of the real node (kind's): its policy evaluation runs
# unchanged; e2e/real-node gives it an iptables NFQUEUE dataplane (see node.sh).
build_kube_network_policies() {
  local dir="$CACHE_DIR/kube-network-policies/$KUBE_NETWORK_POLICIES_VERSION"
  is_complete "$dir" kube-network-policies && return 0
  with_lock "$dir" build_kube_network_policies_locked "$dir"
}

build_kube_network_policies_locked() {
  local dir=$1
  is_complete "$dir" kube-network-policies && return 0
  local start=$SECONDS
  log "building kube-network-policies $KUBE_NETWORK_POLICIES_VERSION into $dir/bin"
  rm -f "$dir/.build-complete"
  rm -rf "$dir/bin.tmp"
  mkdir -p "$dir/bin.tmp"
  # the main package is the module's cmd/, so go install names the binary "cmd"
  go_install_tool "$dir/bin.tmp" "-s -w" "sigs.k8s.io/kube-network-policies/cmd@$KUBE_NETWORK_POLICIES_VERSION"
  mv "$dir/bin.tmp/cmd" "$dir/bin.tmp/kube-network-policies"
  rm -rf "$dir/bin"
  mv "$dir/bin.tmp" "$dir/bin"
  mark_built "$dir" KUBE_NETWORK_POLICIES_VERSION "$KUBE_NETWORK_POLICIES_VERSION" "$start" kube-network-policies
}

# helm, to render and lint the chart in deploy/helm/ (e2e HelmChartE2ETest). The version string
# helm prints comes from -ldflags, as in helm's own Makefile (the module proxy gives no commit).
build_helm() {
  local dir="$CACHE_DIR/helm/$HELM_VERSION"
  is_complete "$dir" helm && return 0
  with_lock "$dir" build_helm_locked "$dir"
}

build_helm_locked() {
  local dir=$1
  is_complete "$dir" helm && return 0
  local start=$SECONDS
  log "building helm $HELM_VERSION into $dir/bin"
  rm -f "$dir/.build-complete"
  rm -rf "$dir/bin.tmp"
  mkdir -p "$dir/bin.tmp"
  go_install_tool "$dir/bin.tmp" \
    "-s -w -X helm.sh/helm/v3/internal/version.version=$HELM_VERSION -X helm.sh/helm/v3/internal/version.gitTreeState=clean" \
    "helm.sh/helm/v3/cmd/helm@$HELM_VERSION"
  local reported
  reported=$("$dir/bin.tmp/helm" version --template '{{.Version}}' 2>/dev/null)
  [ "$reported" = "$HELM_VERSION" ] || die "built helm reports '$reported', expected $HELM_VERSION"
  rm -rf "$dir/bin"
  mv "$dir/bin.tmp" "$dir/bin"
  mark_built "$dir" HELM_VERSION "$HELM_VERSION" "$start" helm
}

# promtool, to check and unit-test the alerting rules in deploy/prometheus/ (PrometheusRulesIT in the operator's
# verify). Prometheus tags its Go module v0.<major*100+minor>.<patch> (v0.316.0 = Prometheus 3.16.0); the version
# promtool prints comes from -ldflags, as in Prometheus' own .promu.yml.
build_promtool() {
  local dir="$CACHE_DIR/promtool/$PROMTOOL_VERSION"
  is_complete "$dir" promtool && return 0
  with_lock "$dir" build_promtool_locked "$dir"
}

build_promtool_locked() {
  local dir=$1
  is_complete "$dir" promtool && return 0
  local start=$SECONDS
  log "building promtool $PROMTOOL_VERSION into $dir/bin (first build: module downloads + a few minutes of compile)"
  rm -f "$dir/.build-complete"
  rm -rf "$dir/bin.tmp"
  mkdir -p "$dir/bin.tmp"
  local v=${PROMTOOL_VERSION#v0.} release
  release="$((${v%%.*} / 100)).$((${v%%.*} % 100)).${v#*.}"
  go_install_tool "$dir/bin.tmp" \
    "-s -w -X github.com/prometheus/common/version.Version=$release -X github.com/prometheus/common/version.Branch=$PROMTOOL_VERSION" \
    "github.com/prometheus/prometheus/cmd/promtool@$PROMTOOL_VERSION"
  local reported
  reported=$("$dir/bin.tmp/promtool" --version 2>&1 | sed -n 's/^promtool, version \([^ ]*\).*/\1/p')
  [ "$reported" = "$release" ] || die "built promtool reports '$reported', expected $release ($PROMTOOL_VERSION)"
  rm -rf "$dir/bin"
  mv "$dir/bin.tmp" "$dir/bin"
  mark_built "$dir" PROMTOOL_VERSION "$PROMTOOL_VERSION" "$start" promtool
}

# gopher-lua-run: deploy/argocd/test/gopher-lua/ (main.go + go.mod/go.sum) runs a Lua file in gopher-lua, the Lua
# runtime of Argo CD's health checks. The gopher-lua version is the one its go.mod requires; the cache key adds a
# hash of the sources, so editing the runner rebuilds it.
GOPHER_LUA_SRC="$(dirname "$E2E_DIR")/deploy/argocd/test/gopher-lua"

gopher_lua_dir() {
  local version hash
  version=$(sed -n 's/^[[:space:]]*github.com\/yuin\/gopher-lua \(v[^ ]*\).*/\1/p;s/^require github.com\/yuin\/gopher-lua \(v[^ ]*\).*/\1/p' \
    "$GOPHER_LUA_SRC/go.mod" | sed -n 1p)
  [ -n "$version" ] || die "no github.com/yuin/gopher-lua requirement in $GOPHER_LUA_SRC/go.mod"
  hash=$(cat "$GOPHER_LUA_SRC/go.mod" "$GOPHER_LUA_SRC/go.sum" "$GOPHER_LUA_SRC/main.go" | sha256sum | cut -c1-12)
  echo "$CACHE_DIR/gopher-lua/$version-$hash"
}

build_gopher_lua() {
  local dir
  dir=$(gopher_lua_dir)
  is_complete "$dir" gopher-lua-run && return 0
  with_lock "$dir" build_gopher_lua_locked "$dir"
}

build_gopher_lua_locked() {
  local dir=$1
  is_complete "$dir" gopher-lua-run && return 0
  local start=$SECONDS
  log "building gopher-lua-run into $dir/bin"
  rm -f "$dir/.build-complete"
  rm -rf "$dir/bin.tmp"
  mkdir -p "$dir/bin.tmp"
  # -mod=readonly: the checked-in go.sum decides; the build never rewrites the repository.
  (cd "$GOPHER_LUA_SRC" && GOFLAGS="-mod=readonly $BASE_GOFLAGS" "${NICE[@]}" go build "${PARALLEL[@]}" -trimpath \
    -ldflags "-s -w" -o "$dir/bin.tmp/gopher-lua-run" .) || die "gopher-lua-run build failed"
  rm -rf "$dir/bin"
  mv "$dir/bin.tmp" "$dir/bin"
  mark_built "$dir" GOPHER_LUA_DIR "$(basename "$dir")" "$start" gopher-lua-run
}

main() {
  read_versions
  setup_go
  [ $# -gt 0 ] || set -- all
  local what
  for what in "$@"; do
    case "$what" in
      all) build_etcd; build_kwok; build_kubernetes; build_kube_network_policies; build_helm ;;
      kubernetes | k8s) build_kubernetes ;;
      etcd) build_etcd ;;
      kwok) build_kwok ;;
      kube-network-policies) build_kube_network_policies ;;
      helm) build_helm ;;
      promtool) build_promtool ;;
      gopher-lua) build_gopher_lua ;;
      # the tools the operator's own verify uses (deploy/ tests), without the cluster
      deploy-tools) build_promtool; build_gopher_lua ;;
      # builds if needed, then prints the binary's path on stdout (its cache key hashes the runner's sources)
      gopher-lua-path) build_gopher_lua; echo "$(gopher_lua_dir)/bin/gopher-lua-run" ;;
      *) die "unknown target '$what' (kubernetes|etcd|kwok|kube-network-policies|helm|promtool|gopher-lua|deploy-tools|all)" ;;
    esac
  done
}

main "$@"
