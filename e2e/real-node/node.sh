# The real node of the e2e control plane: containerd + runc + CNI bridge, a kubelet and a
# kube-proxy, all inside a network namespace of its own, so pods really run.
# Sourced by e2e/control-plane (uses its log/die/start_component/is_ours/kubectl_admin).
#
# Topology (nothing leaves the machine, every host-side listener stays on loopback):
#
#   host netns                              node netns "$NODE_NETNS"
#   kube-apiserver 127.0.0.1:APISERVER_PORT   containerd, kubelet (NODE_IP:10250), kube-proxy
#        ^  DNAT (route_localnet)             bridge sit-cni0 10.244.0.1/24 -> pods 10.244.0.x
#   NODE_GW 10.250.0.1 [veth $VETH_HOST] <--> [veth $VETH_NODE] NODE_IP 10.250.0.2
#
# The pod and service CIDRs exist only inside the node netns. The host accepts from the
# veth only connections to the API server (DNATed to its loopback listener) and replies.
# Pods reach the API server through the `kubernetes` Service, whose endpoint is the
# API server's advertise address NODE_GW:APISERVER_PORT.

NODE_NAME=${SIT_E2E_NODE_NAME:-sit-node-0}
NODE_NETNS=${SIT_E2E_NODE_NETNS:-sit-e2e-node}
VETH_HOST=sit-e2e-h
VETH_NODE=sit-e2e-n
NODE_GW=10.250.0.1
NODE_IP=10.250.0.2
NODE_LINK_CIDR=30
NODE_POD_SUBNET=10.244.0.0/24
CLUSTER_DNS_IP=10.96.0.10
CNI_BRIDGE=sit-cni0
# The node's cgroups live under this parent in every cgroup v1 hierarchy, so `down` can
# remove exactly what the node created.
NODE_CGROUP_ROOT=sit-e2e-node
HOST_NAT_CHAIN=SIT-E2E-NODE-DNAT
HOST_FILTER_CHAIN=SIT-E2E-NODE-IN

NODE_DIR="$STATE_DIR/node"
NODE_CONTAINERD_SOCK="$NODE_DIR/containerd.sock"
# Image content survives `down` (a version-independent cache); everything else is per `up`.
NODE_CONTAINERD_ROOT="$CACHE_DIR/node/containerd-root"
NODE_COMPONENTS=(containerd kubelet kube-proxy)
CNI_BIN_DIR=/usr/lib/cni
# The names the cluster uses; e2e/images builds them (no registry is reachable here).
PAUSE_IMAGE=registry.k8s.io/pause:3.10
knp_image() { echo "registry.k8s.io/networking/kube-network-policies:$KUBE_NETWORK_POLICIES_VERSION"; }
NETPOL_NFQUEUE_ID=100
NETPOL_CHAIN=SIT-NETPOL

# Debian's packages: containerd 1.6 + runc + the reference CNI plugins are prebuilt and
# install in seconds; building containerd/runc/plugins from Go modules would add minutes
# to a fresh machine for no gain in realism (the CRI is the same).
NODE_PACKAGES=(containerd runc containernetworking-plugins iptables conntrack iproute2 util-linux)

node_binary_of() {
  case "$1" in
    containerd) command -v containerd || echo /usr/bin/containerd ;;
    kubelet | kube-proxy) echo "$K8S_BIN/$1" ;;
  esac
}

node_ensure_packages() {
  local missing=() tool
  for tool in containerd runc ctr iptables conntrack ip nsenter; do
    command -v "$tool" >/dev/null 2>&1 || missing+=("$tool")
  done
  [ -x "$CNI_BIN_DIR/bridge" ] && [ -x "$CNI_BIN_DIR/host-local" ] && [ -x "$CNI_BIN_DIR/loopback" ] &&
    [ -x "$CNI_BIN_DIR/portmap" ] || missing+=(cni-plugins)
  [ ${#missing[@]} -eq 0 ] && return 0
  [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1 ||
    die "the real node needs ${NODE_PACKAGES[*]} (missing: ${missing[*]})"
  log "installing ${NODE_PACKAGES[*]} (missing: ${missing[*]})"
  apt-get update -qq >&2 && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
    "${NODE_PACKAGES[@]}" >&2 || die "could not install ${NODE_PACKAGES[*]}"
  # Debian starts containerd as a service: the node runs its own instance, never that one.
  if command -v systemctl >/dev/null 2>&1 && [ -d /run/systemd/system ]; then
    systemctl disable --now containerd >/dev/null 2>&1 || true
  fi
}

in_node() { nsenter --net="/run/netns/$NODE_NETNS" "$@"; }

# ---------------------------------------------------------------- network

node_network_up() {
  ip netns add "$NODE_NETNS"
  ip link add "$VETH_HOST" type veth peer name "$VETH_NODE" netns "$NODE_NETNS"
  ip addr add "$NODE_GW/$NODE_LINK_CIDR" dev "$VETH_HOST"
  ip link set "$VETH_HOST" up
  in_node ip link set lo up
  in_node ip addr add "$NODE_IP/$NODE_LINK_CIDR" dev "$VETH_NODE"
  in_node ip link set "$VETH_NODE" up
  in_node ip route add default via "$NODE_GW"
  in_node sysctl -qw net.ipv4.ip_forward=1
  # pod -> Service -> pod on the same bridge needs the bridge's traffic to see iptables
  in_node sysctl -qw net.bridge.bridge-nf-call-iptables=1 2>/dev/null || true
  # Pod addresses never leave the node netns.
  in_node iptables -w -t nat -A POSTROUTING -s "$NODE_POD_SUBNET" -o "$VETH_NODE" -j MASQUERADE

  # Host: the node reaches the API server's loopback listener, and nothing else.
  sysctl -qw "net.ipv4.conf.$VETH_HOST.route_localnet=1"
  iptables -w -t nat -N "$HOST_NAT_CHAIN"
  iptables -w -t nat -A "$HOST_NAT_CHAIN" -d "$NODE_GW" -p tcp --dport "$APISERVER_PORT" \
    -j DNAT --to-destination "127.0.0.1:$APISERVER_PORT"
  iptables -w -t nat -I PREROUTING -i "$VETH_HOST" -j "$HOST_NAT_CHAIN"
  iptables -w -N "$HOST_FILTER_CHAIN"
  iptables -w -A "$HOST_FILTER_CHAIN" -m conntrack --ctstate ESTABLISHED,RELATED -j ACCEPT
  iptables -w -A "$HOST_FILTER_CHAIN" -p tcp -d 127.0.0.1 --dport "$APISERVER_PORT" -j ACCEPT
  iptables -w -A "$HOST_FILTER_CHAIN" -j DROP
  iptables -w -I INPUT -i "$VETH_HOST" -j "$HOST_FILTER_CHAIN"
}

node_network_down() {
  while iptables -w -t nat -D PREROUTING -i "$VETH_HOST" -j "$HOST_NAT_CHAIN" 2>/dev/null; do :; done
  iptables -w -t nat -F "$HOST_NAT_CHAIN" 2>/dev/null && iptables -w -t nat -X "$HOST_NAT_CHAIN" 2>/dev/null || true
  while iptables -w -D INPUT -i "$VETH_HOST" -j "$HOST_FILTER_CHAIN" 2>/dev/null; do :; done
  iptables -w -F "$HOST_FILTER_CHAIN" 2>/dev/null && iptables -w -X "$HOST_FILTER_CHAIN" 2>/dev/null || true
  # Deleting the netns deletes everything inside it: veth pair, bridge, its iptables rules.
  if [ -e "/run/netns/$NODE_NETNS" ]; then ip netns del "$NODE_NETNS" || true; fi
  ip link del "$VETH_HOST" 2>/dev/null || true
}

# ---------------------------------------------------------------- cgroups

cgroup_v1_hierarchies() {
  awk '$3 == "cgroup" { print $2 }' /proc/self/mounts
}

node_cgroups_up() {
  local h
  for h in $(cgroup_v1_hierarchies); do
    mkdir -p "$h/$NODE_CGROUP_ROOT"
    if [ -f "$h/cpuset.cpus" ]; then
      cat "$h/cpuset.cpus" >"$h/$NODE_CGROUP_ROOT/cpuset.cpus"
      cat "$h/cpuset.mems" >"$h/$NODE_CGROUP_ROOT/cpuset.mems"
    fi
  done
}

# Kills whatever still runs in the node's cgroups, then removes them bottom-up.
node_cgroups_down() {
  local h pids attempt
  for attempt in 1 2 3 4 5 6 7 8 9 10; do
    pids=$(for h in $(cgroup_v1_hierarchies); do
      if [ -d "$h/$NODE_CGROUP_ROOT" ]; then find "$h/$NODE_CGROUP_ROOT" -name cgroup.procs -exec cat {} + 2>/dev/null; fi
    done | sort -u)
    [ -z "$pids" ] && break
    kill -KILL $pids 2>/dev/null || true
    sleep 0.2
  done
  for h in $(cgroup_v1_hierarchies); do
    if [ -d "$h/$NODE_CGROUP_ROOT" ]; then find "$h/$NODE_CGROUP_ROOT" -depth -type d -exec rmdir {} + 2>/dev/null || true; fi
  done
}

# ---------------------------------------------------------------- configuration

node_write_configs() {
  mkdir -p "$NODE_DIR/cni/net.d" "$NODE_DIR/cni/ipam" "$NODE_DIR/kubelet" "$NODE_DIR/containerd-state" \
    "$NODE_CONTAINERD_ROOT"
  write_kubeconfig_at "$NODE_DIR/kubelet.kubeconfig" "system:node:$NODE_NAME" kubelet "https://$NODE_GW:$APISERVER_PORT"
  write_kubeconfig_at "$NODE_DIR/kube-proxy.kubeconfig" system:kube-proxy kube-proxy "https://$NODE_GW:$APISERVER_PORT"

  # restrict_oom_score_adj: this sandbox lacks CAP_SYS_RESOURCE, so runc may not lower
  # oom_score_adj. The pause image is built by e2e/images (registry.k8s.io is unreachable).
  # netns_mounts_under_state_dir: pod netns mounts live under our state dir, not /run/netns.
  cat >"$NODE_DIR/containerd.toml" <<EOF
version = 2
root = "$NODE_CONTAINERD_ROOT"
state = "$NODE_DIR/containerd-state"
disabled_plugins = ["io.containerd.snapshotter.v1.btrfs", "io.containerd.snapshotter.v1.zfs", "io.containerd.snapshotter.v1.aufs", "io.containerd.snapshotter.v1.devmapper"]
[grpc]
  address = "$NODE_CONTAINERD_SOCK"
[ttrpc]
  address = "$NODE_DIR/containerd.ttrpc.sock"
[debug]
  address = ""
[metrics]
  address = ""
[plugins."io.containerd.grpc.v1.cri"]
  sandbox_image = "$PAUSE_IMAGE"
  restrict_oom_score_adj = true
  netns_mounts_under_state_dir = true
  enable_unprivileged_ports = false
  [plugins."io.containerd.grpc.v1.cri".containerd]
    snapshotter = "overlayfs"
    default_runtime_name = "runc"
    [plugins."io.containerd.grpc.v1.cri".containerd.runtimes.runc]
      runtime_type = "io.containerd.runc.v2"
      [plugins."io.containerd.grpc.v1.cri".containerd.runtimes.runc.options]
        SystemdCgroup = false
  [plugins."io.containerd.grpc.v1.cri".cni]
    bin_dir = "$CNI_BIN_DIR"
    conf_dir = "$NODE_DIR/cni/net.d"
EOF

  cat >"$NODE_DIR/cni/net.d/10-sit-bridge.conflist" <<EOF
{
  "cniVersion": "0.4.0",
  "name": "sit-pods",
  "plugins": [
    {
      "type": "bridge",
      "bridge": "$CNI_BRIDGE",
      "isGateway": true,
      "ipMasq": false,
      "hairpinMode": true,
      "ipam": {
        "type": "host-local",
        "dataDir": "$NODE_DIR/cni/ipam",
        "ranges": [[{ "subnet": "$NODE_POD_SUBNET" }]],
        "routes": [{ "dst": "0.0.0.0/0" }]
      }
    },
    { "type": "portmap", "capabilities": { "portMappings": true } }
  ]
}
EOF

  # Pods resolve through CoreDNS only; the node itself has no upstream resolver.
  printf 'nameserver %s\n' "$CLUSTER_DNS_IP" >"$NODE_DIR/resolv.conf"

  # cgroup v1 on this machine: cgroupfs driver, failCgroupV1 false. Filesystem eviction
  # signals are off: cadvisor cannot stat the root block device of this sandbox, and a
  # test node must not evict pods over disk it cannot measure; memory eviction stays.
  cat >"$NODE_DIR/kubelet-config.yaml" <<EOF
apiVersion: kubelet.config.k8s.io/v1beta1
kind: KubeletConfiguration
address: $NODE_IP
port: 10250
readOnlyPort: 0
healthzBindAddress: 127.0.0.1
healthzPort: 10248
authentication:
  anonymous: { enabled: false }
  webhook: { enabled: true }
  x509: { clientCAFile: "$PKI_DIR/ca.crt" }
authorization:
  mode: Webhook
cgroupDriver: cgroupfs
cgroupRoot: /$NODE_CGROUP_ROOT
failCgroupV1: false
failSwapOn: false
clusterDomain: cluster.local
clusterDNS: [$CLUSTER_DNS_IP]
resolvConf: "$NODE_DIR/resolv.conf"
containerRuntimeEndpoint: unix://$NODE_CONTAINERD_SOCK
imageServiceEndpoint: unix://$NODE_CONTAINERD_SOCK
evictionHard:
  memory.available: 100Mi
  nodefs.available: "0%"
  nodefs.inodesFree: "0%"
  imagefs.available: "0%"
  imagefs.inodesFree: "0%"
imageGCHighThresholdPercent: 100
imageGCLowThresholdPercent: 99
serializeImagePulls: false
# A container's log rotates at 128 MiB, not the default 10 MiB: pods/log serves only the newest file, and the evidence
# test reads a 50 MB log (92 MB on disk with the CRI line prefixes) through the API as the operator's worst case;
# at 10 MiB it would find an empty, rotated log.
containerLogMaxSize: 128Mi
# Pod logs in the node's own folder (not the host's /var/log/pods): removed with it at down.
podLogsDir: "$NODE_DIR/pod-logs"
maxPods: 110
registerNode: true
nodeStatusReportFrequency: 10s
syncFrequency: 10s
fileCheckFrequency: 10s
EOF

  cat >"$NODE_DIR/kube-proxy-config.yaml" <<EOF
apiVersion: kubeproxy.config.k8s.io/v1alpha1
kind: KubeProxyConfiguration
mode: iptables
clientConnection:
  kubeconfig: "$NODE_DIR/kube-proxy.kubeconfig"
hostnameOverride: $NODE_NAME
bindAddress: $NODE_IP
healthzBindAddress: 127.0.0.1:10256
metricsBindAddress: 127.0.0.1:10249
clusterCIDR: 10.244.0.0/16
conntrack:
  # conntrack sizing is global to the machine, not the node's to change
  maxPerCore: 0
  min: 0
iptables:
  localhostNodePorts: false
  syncPeriod: 10s
EOF
}

# ---------------------------------------------------------------- lifecycle

node_kubectl() { kubectl_admin "$@"; }

node_ready() {
  [ "$(kubectl_admin get node "$NODE_NAME" -o jsonpath='{.status.conditions[?(@.type=="Ready")].status}' 2>/dev/null)" = True ]
}

containerd_ready() { ctr --address "$NODE_CONTAINERD_SOCK" version; }

node_up() {
  node_ensure_packages
  node_down_quietly
  mkdir -p "$NODE_DIR"
  node_network_up
  node_cgroups_up
  node_write_configs

  start_component containerd --config "$NODE_DIR/containerd.toml" --log-level warn
  wait_for "containerd" containerd containerd_ready
  node_load_images node
  start_component kubelet \
    --config="$NODE_DIR/kubelet-config.yaml" \
    --kubeconfig="$NODE_DIR/kubelet.kubeconfig" \
    --root-dir="$NODE_DIR/kubelet" \
    --cert-dir="$NODE_DIR/kubelet-pki" \
    --hostname-override="$NODE_NAME" \
    --node-ip="$NODE_IP" \
    --node-labels="type=real,sit.dataops.io/e2e-node=real"
  start_component kube-proxy --config="$NODE_DIR/kube-proxy-config.yaml"
  wait_for "node $NODE_NAME Ready" kubelet node_ready
  node_install_cluster_dns
  node_install_network_policies
}

# Stops every container of the node first (kubelet and containerd leave shims and
# containers running when stopped), then the node processes, then its network, mounts
# and cgroups. Safe to call when nothing runs.
node_kill_containers() {
  if [ -S "$NODE_CONTAINERD_SOCK" ] && ctr --address "$NODE_CONTAINERD_SOCK" version >/dev/null 2>&1; then
    local t
    for t in $(ctr --address "$NODE_CONTAINERD_SOCK" -n k8s.io tasks ls -q 2>/dev/null); do
      ctr --address "$NODE_CONTAINERD_SOCK" -n k8s.io tasks kill -s KILL "$t" >/dev/null 2>&1 || true
    done
  fi
}

node_down_quietly() {
  node_kill_containers
  node_cgroups_down
  # shims of our containerd (their command line names our socket)
  pkill -KILL -f "containerd-shim-runc-v2 .*-address $NODE_CONTAINERD_SOCK" 2>/dev/null || true
  node_unmount_all
  node_network_down
  node_cgroups_down
  # The kubelet's /var/log/containers symlinks (that path is fixed) into the node's pod logs.
  find /var/log/containers -maxdepth 1 -lname "$NODE_DIR/*" -delete 2>/dev/null || true
  rm -rf "$NODE_DIR"
}

# Unmounts, deepest first, everything mounted under the node's directories.
node_unmount_all() {
  local m
  for m in $(awk -v a="$NODE_DIR" -v b="$NODE_CONTAINERD_ROOT" \
    'index($5, a) == 1 || index($5, b) == 1 { print $5 }' /proc/self/mountinfo | sort -r); do
    umount "$m" 2>/dev/null || umount -l "$m" 2>/dev/null || true
  done
}

node_status() {
  local line
  line=$(kubectl_admin get node "$NODE_NAME" -o jsonpath='{.status.conditions[?(@.type=="Ready")].status} {.status.nodeInfo.containerRuntimeVersion} {.status.nodeInfo.kubeletVersion}' 2>/dev/null) || line=""
  set -- $line
  if [ "${1:-}" = True ]; then
    echo "node $NODE_NAME: Ready (runtime ${2:-?}, kubelet ${3:-?})"
  else
    echo "node $NODE_NAME: not Ready"
    return 1
  fi
}

# ---------------------------------------------------------------- images

# node_load_images <what>...: builds the images when stale (e2e/images/build prints one
# "<name the cluster uses> <loopback registry ref>" line per image) and loads each onto the
# node under the name the cluster uses: ctr pulls from the loopback registry in the host
# netns and tags, so containerd, which cannot reach any registry, finds them as present.
node_load_images() {
  local map name ref
  map=$("$IMAGES_SCRIPT" "$@") || die "building images ($*) failed"
  while read -r name ref; do
    [ -n "$name" ] || continue
    log "loading $name"
    ctr --address "$NODE_CONTAINERD_SOCK" -n k8s.io images pull --plain-http "$ref" >/dev/null ||
      die "could not pull $ref into the node"
    ctr --address "$NODE_CONTAINERD_SOCK" -n k8s.io images tag --force "$ref" "$name" >/dev/null ||
      die "could not tag $ref as $name"
  done <<<"$map"
}

# ---------------------------------------------------------------- cluster DNS

coredns_ready() {
  [ "$(kubectl_admin -n kube-system get deployment coredns -o jsonpath='{.status.readyReplicas}' 2>/dev/null)" = 1 ]
}

node_install_cluster_dns() {
  sed -e "s|@CLUSTER_DNS_IP@|$CLUSTER_DNS_IP|g" -e "s|@COREDNS_IMAGE@|registry.k8s.io/coredns/coredns:$COREDNS_VERSION|g" \
    "$E2E_DIR/real-node/coredns.yaml" | kubectl_admin apply -f - >&2 || die "could not install CoreDNS"
  wait_for "CoreDNS Ready" kubelet coredns_ready
}

# ---------------------------------------------------------------- NetworkPolicy

netpol_ready() {
  [ "$(kubectl_admin -n kube-system get daemonset kube-network-policies -o jsonpath='{.status.numberReady}' 2>/dev/null)" = 1 ]
}

# The dataplane kube-network-policies' own nft rules would be, as iptables rules in the
# node netns: new connections from or to a pod go to its queue in POSTROUTING before source
# NAT (mangle, after kube-proxy's DNAT); replies and the node's own root traffic (kubelet
# probes) pass. No --queue-bypass: with the evaluator down, pod traffic stops (fail closed,
# its default).
node_install_network_policies() {
  sed -e "s|@KNP_IMAGE@|$(knp_image)|g" -e "s|@NFQUEUE_ID@|$NETPOL_NFQUEUE_ID|g" \
    "$E2E_DIR/real-node/kube-network-policies.yaml" | kubectl_admin apply -f - >&2 ||
    die "could not install kube-network-policies"
  wait_for "kube-network-policies Ready" kubelet netpol_ready
  in_node iptables -w -t mangle -N "$NETPOL_CHAIN"
  in_node iptables -w -t mangle -A "$NETPOL_CHAIN" -m conntrack --ctstate ESTABLISHED,RELATED -j RETURN
  in_node iptables -w -t mangle -A "$NETPOL_CHAIN" -m owner --uid-owner 0 -j RETURN
  in_node iptables -w -t mangle -A "$NETPOL_CHAIN" -s "$NODE_POD_SUBNET" -j NFQUEUE --queue-num "$NETPOL_NFQUEUE_ID"
  in_node iptables -w -t mangle -A "$NETPOL_CHAIN" -d "$NODE_POD_SUBNET" -j NFQUEUE --queue-num "$NETPOL_NFQUEUE_ID"
  in_node iptables -w -t mangle -A POSTROUTING -j "$NETPOL_CHAIN"
}
