"""scripts/kube-lab: up | status | down | supervise (the daemon `up` starts). See lab/kubernetes/README.md."""
import ctypes
import json
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import setup
from controlplane import bootstrap, daemon_env, daemons, wait, write_kubeconfigs
from kubeapi import Kube
from procs import lab_rss_mib, pid_alive, stop_pids

RUN = setup.DIR / "run"
LOGS = setup.DIR / "logs"
SUPERVISOR_PID = RUN / "supervisor.pid"
READY = RUN / "ready"
UP_TIMEOUT = float(os.environ.get("KUBE_LAB_UP_TIMEOUT", "240"))


def say(msg):
    print(f"\033[1;36m[kube-lab]\033[0m {msg}", file=sys.stderr, flush=True)


def supervisor_pid():
    try:
        pid = int(SUPERVISOR_PID.read_text())
    except (OSError, ValueError):
        return None
    return pid if pid_alive(pid) else None


def admin_kube():
    toks = json.loads((setup.DIR / "secrets" / "tokens.json").read_text())
    return Kube(setup.api_url(), toks["admin"], str(setup.DIR / "pki" / "ca.crt"), timeout=5)


def up():
    if os.geteuid() != 0:
        sys.exit("kube-lab: must run as root (network namespace, processes as the postgres user)")
    if supervisor_pid() and READY.exists():
        say("already up (scripts/kube-lab status)")
        return
    if supervisor_pid():
        sys.exit("kube-lab: a supervisor is starting or stuck; run scripts/kube-lab down first")
    started = time.monotonic()
    for d in (RUN, LOGS, setup.DIR / "conf"):
        d.mkdir(parents=True, exist_ok=True)
    READY.unlink(missing_ok=True)
    setup.pki()
    write_kubeconfigs(setup.tokens())
    setup.netns_up()
    log = open(LOGS / "supervisor.log", "ab")
    proc = subprocess.Popen([sys.executable, __file__, "supervise"], stdout=log, stderr=log,
                            stdin=subprocess.DEVNULL, start_new_session=True, cwd=setup.DIR)
    deadline = started + UP_TIMEOUT
    while not READY.exists():
        if proc.poll() is not None:
            sys.exit(f"kube-lab: the supervisor exited ({proc.returncode}); see {LOGS / 'supervisor.log'}")
        if time.monotonic() > deadline:
            sys.exit(f"kube-lab: not up within {UP_TIMEOUT:.0f} s; see {LOGS}; run scripts/kube-lab down")
        time.sleep(0.5)
    say(f"up in {time.monotonic() - started:.1f} s: API server {setup.api_url()}, "
        f"kubeconfig {setup.DIR / 'admin.kubeconfig'}")


class Supervisor:
    def __init__(self):
        self.procs = {}
        self.stopping = False
        self.runner = None

    def start(self, name, argv, env):
        log = open(LOGS / f"{name}.log", "ab")
        self.procs[name] = subprocess.Popen([str(a) for a in argv], stdout=log, stderr=log, stdin=subprocess.DEVNULL,
                                            env=daemon_env(env), cwd=setup.DIR)
        setup.write_json(RUN / "pids.json", {n: p.pid for n, p in self.procs.items()})

    def run(self):
        ctypes.CDLL("libc.so.6").prctl(36, 1)  # PR_SET_CHILD_SUBREAPER: orphaned postgres are ours to reap
        SUPERVISOR_PID.write_text(str(os.getpid()))
        signal.signal(signal.SIGTERM, lambda *_: setattr(self, "stopping", True))
        signal.signal(signal.SIGINT, lambda *_: setattr(self, "stopping", True))
        pki = setup.DIR / "pki"
        kc = {n: setup.DIR / f"{n}.kubeconfig" for n in
              ("admin", "viewer", "kwok", "controller-manager", "scheduler", "operator")}
        admin = admin_kube()
        try:
            for name, (argv, env) in daemons(pki, kc).items():
                if name == "kube-controller-manager":
                    bootstrap(kc["admin"])
                if name == "postgres-operator":
                    wait("kwok nodes", lambda: all_nodes_ready(admin), 60)
                self.start(name, argv, env)
                if name == "etcd":
                    wait("etcd", lambda: port_open(setup.PORTS["etcd"]), 30)
                if name == "kube-apiserver":
                    wait("kube-apiserver", lambda: admin.request("GET", "/readyz") == "ok", 90, 1)
            from runner import PodRunner
            self.runner = PodRunner(admin, LOGS)
            READY.write_text(str(time.time()))
            print("ready", flush=True)
            self.loop()
        finally:
            self.shutdown()

    def loop(self):
        while not self.stopping:
            for name, p in self.procs.items():
                if p.poll() is not None and name != "etcd":
                    print(f"{name} exited with {p.returncode}", flush=True)
            try:
                self.runner.tick()
            except Exception as e:  # noqa: BLE001 - one bad round must not end the lab
                print(f"runner: {e}", flush=True)
            reap()
            time.sleep(1)

    def shutdown(self):
        READY.unlink(missing_ok=True)
        if self.runner:
            self.runner.stop_all()
        # clients first (all at once), then the API server, then its store
        for group in ([n for n in self.procs if n not in ("kube-apiserver", "etcd")], ["kube-apiserver"], ["etcd"]):
            stop_pids([self.procs[n].pid for n in group if n in self.procs], 10)
        reap()
        setup.netns_down()
        SUPERVISOR_PID.unlink(missing_ok=True)


def port_open(port):
    import socket
    with socket.create_connection(("127.0.0.1", port), timeout=1):
        return True


def all_nodes_ready(kube):
    items = kube.get("/api/v1/nodes?labelSelector=kube-lab.local%2Fkwok%3Dtrue")["items"]
    ready = [n for n in items if any(c["type"] == "Ready" and c["status"] == "True"
                                     for c in n.get("status", {}).get("conditions", []))]
    return len(items) == setup.NODES and len(ready) == len(items)


def reap():
    while True:
        try:
            pid, _ = os.waitpid(-1, os.WNOHANG)
        except ChildProcessError:
            return
        if pid == 0:
            return


def down(keep):
    pid = supervisor_pid()
    started = time.monotonic()
    if pid:
        os.kill(pid, signal.SIGTERM)
        deadline = time.monotonic() + 60
        while pid_alive(pid) and time.monotonic() < deadline:
            time.sleep(0.3)
    # whatever is left (a supervisor killed with -9): the recorded PIDs
    for f in ("pids.json", "pods.json"):
        try:
            stop_pids(list(_flat_pids(json.loads((RUN / f).read_text()))), 5)
        except (OSError, ValueError):
            pass
    setup.netns_down()
    for f in ("pids.json", "pods.json", "supervisor.pid", "ready"):
        (RUN / f).unlink(missing_ok=True)
    if not keep:
        for d in ("etcd", "volumes", "pods"):
            shutil.rmtree(setup.DIR / d, ignore_errors=True)
    say(f"down in {time.monotonic() - started:.1f} s")


def _flat_pids(obj):
    if isinstance(obj, int):
        yield obj
    elif isinstance(obj, dict):
        for v in obj.values():
            yield from _flat_pids(v)
    elif isinstance(obj, list):
        for v in obj:
            yield from _flat_pids(v)


def status():
    pid = supervisor_pid()
    base = {"up": False, "apiServer": setup.api_url(), "kubeconfig": str(setup.DIR / "admin.kubeconfig"),
            "viewerKubeconfig": str(setup.DIR / "viewer.kubeconfig"), "netns": setup.NETNS}
    if not (pid and READY.exists()):
        print(json.dumps(base, indent=1))
        return 3
    from status import lab_status
    pids = json.loads((RUN / "pids.json").read_text())
    out = {**base, "up": True, **lab_status(admin_kube(), pids), "rssMiB": lab_rss_mib(pid)}
    print(json.dumps(out, indent=1))
    return 0


def app_env():
    """The Backstage app's registration of this lab (kubernetes.clusterLocatorMethods, as the viewer),
    as an APP_CONFIG_ environment override for scripts/start."""
    if not (supervisor_pid() and READY.exists()):
        return 3
    toks = json.loads((setup.DIR / "secrets" / "tokens.json").read_text())
    methods = [{"type": "config", "clusters": [{
        "name": "kube-lab", "url": setup.api_url(), "authProvider": "serviceAccount",
        "serviceAccountToken": toks["viewer"], "caFile": str(setup.DIR / "pki" / "ca.crt")}]}]
    print(f"export APP_CONFIG_kubernetes_clusterLocatorMethods='{json.dumps(methods)}'")
    return 0


def main(argv):
    cmd = argv[0] if argv else ""
    if cmd == "up":
        up()
    elif cmd == "down":
        down("--keep" in argv)
    elif cmd == "status":
        return status()
    elif cmd == "app-env":
        return app_env()
    elif cmd == "supervise":
        Supervisor().run()
    else:
        print("usage: scripts/kube-lab up | status | down [--keep] | app-env", file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
