"""The kube lab's daemons (argv + environment) and the objects `up` applies once the API answers."""
import json
import os
import subprocess
import time
from pathlib import Path

from setup import (DIR, GOBIN, HOST_IP, NODES, NS_IP, POD_NET, PORTS, REPO, SERVICE_CIDR, api_url, in_netns,
                   kubeconfig)

HERE = Path(__file__).resolve().parent.parent
OPERATOR_CONFIG = "postgresql-operator-default-configuration"


def modules():
    return json.loads((GOBIN / ".kube-lab-modules.json").read_text())


def write_kubeconfigs(toks):
    """Host-side users reach 127.0.0.1; everything inside the namespace goes through the relay."""
    out = {}
    for user in ("admin", "viewer", "kwok", "system:kube-controller-manager", "system:kube-scheduler"):
        name = user.replace("system:kube-", "")
        out[name] = kubeconfig(name, toks[user], api_url())
    out["operator"] = kubeconfig("operator", toks["postgres-operator"], api_url(inside=True))
    return out


def kwok_config():
    """kwok's own node stages (from its module) followed by the lab's configuration and stages."""
    node_stages = Path(modules()["kwok"]) / "kustomize" / "stage" / "node"
    parts = [(node_stages / "fast" / "node-initialize.yaml").read_text(),
             (node_stages / "heartbeat-with-lease" / "node-heartbeat-with-lease.yaml").read_text(),
             (HERE / "kwok.yaml").read_text()]
    path = DIR / "conf" / "kwok.yaml"
    path.write_text("\n---\n".join(parts))
    return path


def daemons(pki, kc):
    """name -> (argv, extra environment), in start order."""
    etcd_url = f"http://127.0.0.1:{PORTS['etcd']}"
    peer = f"http://127.0.0.1:{PORTS['etcdPeer']}"
    api = PORTS["apiServer"]
    return {
        "etcd": (["/usr/bin/etcd", "--name", "kube-lab", "--data-dir", DIR / "etcd",
                  "--listen-client-urls", etcd_url, "--advertise-client-urls", etcd_url,
                  "--listen-peer-urls", peer, "--initial-advertise-peer-urls", peer,
                  "--initial-cluster", f"kube-lab={peer}"], {}),
        "kube-apiserver": ([GOBIN / "kube-apiserver", f"--etcd-servers={etcd_url}", "--bind-address=127.0.0.1",
                            f"--secure-port={api}", f"--advertise-address={HOST_IP}",
                            f"--tls-cert-file={pki / 'apiserver.crt'}",
                            f"--tls-private-key-file={pki / 'apiserver.key'}", f"--client-ca-file={pki / 'ca.crt'}",
                            f"--token-auth-file={DIR / 'secrets' / 'tokens.csv'}", "--authorization-mode=RBAC",
                            "--service-account-issuer=https://kubernetes.default.svc.cluster.local",
                            f"--service-account-key-file={pki / 'sa.pub'}",
                            f"--service-account-signing-key-file={pki / 'sa.key'}",
                            f"--service-cluster-ip-range={SERVICE_CIDR}", "--allow-privileged=true",
                            f"--cert-dir={pki / 'generated'}", "--profiling=false"], {}),
        # the API server answers on 127.0.0.1 only; the namespace reaches it on the host end of the veth
        "relay": (["socat", f"TCP-LISTEN:{api},bind={HOST_IP},reuseaddr,fork", f"TCP:127.0.0.1:{api}"], {}),
        "kube-controller-manager": ([GOBIN / "kube-controller-manager", f"--kubeconfig={kc['controller-manager']}",
                                     "--bind-address=127.0.0.1", f"--secure-port={PORTS['controllerManager']}",
                                     "--leader-elect=false", "--use-service-account-credentials=true",
                                     f"--service-account-private-key-file={pki / 'sa.key'}",
                                     f"--root-ca-file={pki / 'ca.crt'}",
                                     f"--cluster-signing-cert-file={pki / 'ca.crt'}",
                                     f"--cluster-signing-key-file={pki / 'ca.key'}",
                                     f"--cert-dir={pki / 'generated'}", "--profiling=false"], {}),
        "kube-scheduler": ([GOBIN / "kube-scheduler", f"--kubeconfig={kc['scheduler']}", "--leader-elect=false",
                            "--bind-address=127.0.0.1", f"--secure-port={PORTS['scheduler']}",
                            f"--cert-dir={pki / 'generated'}", "--profiling=false"], {}),
        "kwok": ([GOBIN / "kwok", f"--kubeconfig={kc['kwok']}", "--config", kwok_config(),
                  "--manage-nodes-with-label-selector=kube-lab.local/kwok=true", f"--node-ip={NS_IP}",
                  f"--cidr={POD_NET}.250.0/24"], {}),
        # out of cluster, inside the namespace: its REST API on :8080 is not reachable from the host
        "postgres-operator": (in_netns([GOBIN / "postgres-operator", "--outofcluster", f"--kubeconfig={kc['operator']}",
                                        "--nodatabaseaccess", "--noteamsapi"]),
                              {"POSTGRES_OPERATOR_CONFIGURATION_OBJECT": OPERATOR_CONFIG,
                               "OPERATOR_NAMESPACE": "default", "WATCHED_NAMESPACE": "*"}),
    }


def kubectl(kc, *args, stdin=None, check=True):
    res = subprocess.run([GOBIN / "kubectl", f"--kubeconfig={kc}", *args], input=stdin, capture_output=True,
                         text=True, timeout=120)
    if check and res.returncode != 0:
        raise RuntimeError(f"kubectl {' '.join(args[:3])}: {res.stderr.strip()[:500]}")
    return res.stdout


def nodes():
    return [{"apiVersion": "v1", "kind": "Node",
             "metadata": {"name": f"kube-lab-{i}", "labels": {
                 "kube-lab.local/kwok": "true", "kubernetes.io/hostname": f"kube-lab-{i}", "type": "kwok",
                 "topology.kubernetes.io/zone": f"kube-lab-{i % 3}"}},
             "spec": {"podCIDR": f"{POD_NET}.{i}.0/24", "podCIDRs": [f"{POD_NET}.{i}.0/24"]}}
            for i in range(NODES)]


def crd_files():
    m = modules()
    op = Path(m["operator"]) / "manifests"
    prom = Path(m["prometheusOperator"]) / "example" / "prometheus-operator-crd"
    return [op / "postgresql.crd.yaml", op / "operatorconfiguration.crd.yaml", op / "postgresteam.crd.yaml",
            Path(m["certManager"]) / "deploy" / "crds" / "cert-manager.io_certificates.yaml",
            prom / "monitoring.coreos.com_podmonitors.yaml", prom / "monitoring.coreos.com_prometheusrules.yaml"]


def bootstrap(admin):
    """CRDs, the operator's shipped RBAC and default configuration, the lab's RBAC, nodes."""
    apply = ["apply", "--server-side", "--force-conflicts", "--field-manager=kube-lab"]
    for f in crd_files():
        kubectl(admin, *apply, "-f", f)
    kubectl(admin, "wait", "--for=condition=Established", "--timeout=60s", "crd", "--all")
    op = Path(modules()["operator"]) / "manifests"
    kubectl(admin, *apply, "-n", "default", "-f", op / "operator-service-account-rbac.yaml")
    kubectl(admin, *apply, "-f", HERE / "manifests" / "lab-rbac.yaml")
    kubectl(admin, *apply, "-n", "default", "-f", op / "postgresql-operator-default-configuration.yaml")
    kubectl(admin, *apply, "-f", "-", stdin=json.dumps({"apiVersion": "v1", "kind": "List", "items": nodes()}))


def wait(what, fn, timeout, interval=0.5):
    deadline = time.monotonic() + timeout
    while True:
        try:
            if fn():
                return
        except Exception:  # noqa: BLE001 - retried until the deadline
            pass
        if time.monotonic() > deadline:
            raise TimeoutError(f"{what} not ready within {timeout} s")
        time.sleep(interval)


def daemon_env(extra):
    env = {k: v for k, v in os.environ.items() if not k.startswith("KUBECONFIG")}
    env.update(extra)
    env["HOME"] = str(DIR)
    # Debian's etcd 3.4 cannot serve watch progress requests, so the API server refuses client-go's
    # streaming list; without this its clients (kwok, controllers) retry it for ~30 s per informer.
    env["KUBE_FEATURE_WatchListClient"] = "false"
    return env


__all__ = ["daemons", "bootstrap", "kubectl", "wait", "write_kubeconfigs", "daemon_env", "REPO"]
