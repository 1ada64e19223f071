"""Everything the kube lab prepares before its processes start: paths, ports, PKI, tokens,
kubeconfigs and the network namespace whose `lo` carries the pod IPs."""
import json
import os
import secrets
import subprocess
from pathlib import Path

REPO = Path(__file__).resolve().parents[3]
GOBIN = REPO / ".tools" / "go" / "bin"
DIR = Path(os.environ.get("KUBE_LAB_DIR", REPO / ".lab" / "kube"))
BASE = int(os.environ.get("KUBE_LAB_PORT_BASE", "16430"))
PORTS = {"etcd": BASE, "etcdPeer": BASE + 1, "apiServer": BASE + 13, "controllerManager": BASE + 27,
         "scheduler": BASE + 29}
NETNS = os.environ.get("KUBE_LAB_NETNS", "kubelab")
# host side / namespace side of the veth pair; the pod CIDR (one /24 per node) is routed to the namespace side
VETH_NET = os.environ.get("KUBE_LAB_VETH_NET", "10.243.0")
POD_NET = os.environ.get("KUBE_LAB_POD_NET", "10.244")
HOST_IP, NS_IP = f"{VETH_NET}.1", f"{VETH_NET}.2"
POD_CIDR = f"{POD_NET}.0.0/16"
SERVICE_CIDR = "10.96.0.0/16"
NODES = int(os.environ.get("KUBE_LAB_NODES", "5"))
USERS = {  # static-token users: name -> groups
    "admin": ["system:masters"],
    "viewer": [],
    "postgres-operator": [],
    "system:kube-controller-manager": [],
    "system:kube-scheduler": [],
    "kwok": ["system:masters"],
}
VETH_HOST, VETH_NS = f"{NETNS}-h"[:15], f"{NETNS}-n"[:15]


def run(*cmd, check=True, **kw):
    return subprocess.run(cmd, check=check, capture_output=True, text=True, **kw)


def pki():
    d = DIR / "pki"
    if (d / "sa.pub").exists():
        return d
    d.mkdir(parents=True, exist_ok=True)
    run("openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", d / "ca.key", "-out", d / "ca.crt",
        "-days", "3650", "-subj", "/CN=kube-lab-ca")
    sans = f"IP:127.0.0.1,IP:{HOST_IP},IP:10.96.0.1,DNS:localhost,DNS:kubernetes,DNS:kubernetes.default," \
           "DNS:kubernetes.default.svc"
    (d / "ext.cnf").write_text(f"subjectAltName={sans}\n")
    run("openssl", "req", "-newkey", "rsa:2048", "-nodes", "-keyout", d / "apiserver.key", "-out", d / "apiserver.csr",
        "-subj", "/CN=kube-apiserver")
    run("openssl", "x509", "-req", "-in", d / "apiserver.csr", "-CA", d / "ca.crt", "-CAkey", d / "ca.key",
        "-CAcreateserial", "-out", d / "apiserver.crt", "-days", "3650", "-extfile", d / "ext.cnf")
    run("openssl", "genrsa", "-out", d / "sa.key", "2048")
    run("openssl", "rsa", "-in", d / "sa.key", "-pubout", "-out", d / "sa.pub")
    return d


def tokens():
    f = DIR / "secrets" / "tokens.json"
    if f.exists():
        return json.loads(f.read_text())
    f.parent.mkdir(parents=True, exist_ok=True)
    toks = {u: secrets.token_hex(24) for u in USERS}
    f.write_text(json.dumps(toks))
    os.chmod(f, 0o600)
    csv = "".join(f'{t},{u},{u},"{",".join(USERS[u])}"\n' for u, t in toks.items())
    (DIR / "secrets" / "tokens.csv").write_text(csv)
    return toks


def kubeconfig(name, token, server):
    """Writes <DIR>/<name>.kubeconfig for one token."""
    return kubeconfig_file(DIR / f"{name}.kubeconfig", token, server, name)


def kubeconfig_file(path, token, server, name="kube-lab"):
    """A kubeconfig with one token; its context is called kube-lab."""
    cfg = {
        "apiVersion": "v1", "kind": "Config", "current-context": "kube-lab",
        "clusters": [{"name": "kube-lab", "cluster": {"server": server,
                                                      "certificate-authority": str(DIR / "pki" / "ca.crt")}}],
        "users": [{"name": name, "user": {"token": token}}],
        "contexts": [{"name": "kube-lab", "context": {"cluster": "kube-lab", "user": name}}],
    }
    path.write_text(json.dumps(cfg, indent=1))
    os.chmod(path, 0o644)
    return path


def api_url(inside=False):
    return f"https://{HOST_IP if inside else '127.0.0.1'}:{PORTS['apiServer']}"


def netns_up():
    """The lab's network namespace with a veth pair to the host; the pod CIDR routes into it."""
    if not Path(f"/run/netns/{NETNS}").exists():
        run("ip", "netns", "add", NETNS)
    if run("ip", "link", "show", VETH_HOST, check=False).returncode != 0:
        run("ip", "link", "add", VETH_HOST, "type", "veth", "peer", "name", VETH_NS, "netns", NETNS)
        run("ip", "addr", "add", f"{HOST_IP}/30", "dev", VETH_HOST)
        run("ip", "link", "set", VETH_HOST, "up")
        run("ip", "-n", NETNS, "addr", "add", f"{NS_IP}/30", "dev", VETH_NS)
        run("ip", "-n", NETNS, "link", "set", VETH_NS, "up")
        run("ip", "-n", NETNS, "link", "set", "lo", "up")
        run("ip", "route", "add", POD_CIDR, "via", NS_IP, "dev", VETH_HOST)


def netns_down():
    run("ip", "link", "del", VETH_HOST, check=False)
    run("ip", "netns", "del", NETNS, check=False)


def in_netns(argv, uid=None, gid=None):
    """argv run inside the lab's namespace (nsenter execs, so the PID is the program's)."""
    pre = ["nsenter", f"--net=/run/netns/{NETNS}"]
    if uid is not None:
        pre += ["-S", str(uid), "-G", str(gid)]
    return pre + ["--"] + [str(a) for a in argv]


def write_json(path, data):
    tmp = Path(f"{path}.tmp")
    tmp.write_text(json.dumps(data, indent=1))
    tmp.replace(path)
