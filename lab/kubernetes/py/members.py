"""What one pod stands for: a Patroni (+ PostgreSQL) member or a PgBouncer, run in the lab's network
namespace at the pod IP. start() / alive() / ready() / stop()."""
import json
import os
import pwd
import shutil
import socket
import subprocess
import urllib.request
from pathlib import Path

import yaml

import setup
from procs import pid_alive, stop_pids
from spilo import patroni_config

PG = pwd.getpwnam("postgres")


def _own(path):
    os.chown(path, PG.pw_uid, PG.pw_gid)


class Member:
    def __init__(self, pod_dir, ip, logs):
        self.dir, self.ip, self.logs = Path(pod_dir), ip, logs
        self.proc = None

    def spawn(self, argv, env, name):
        log = open(self.dir / f"{name}.log", "ab")
        full_env = {"PATH": "/usr/sbin:/usr/bin:/sbin:/bin", "HOME": str(self.dir), "LANG": "C.UTF-8", **env}
        self.proc = subprocess.Popen(setup.in_netns(argv, PG.pw_uid, PG.pw_gid), stdout=log, stderr=log,
                                     stdin=subprocess.DEVNULL, env=full_env, cwd=self.dir)

    def alive(self):
        return self.proc is not None and self.proc.poll() is None

    def pids(self):
        return [self.proc.pid] if self.proc else []

    def stop(self):
        stop_pids(self.pids(), 15)


class SpiloMember(Member):
    """Patroni with the Kubernetes DCS, its token that of the pod's service account."""

    def start(self, pod, env, token, volume):
        ns, name = pod["metadata"]["namespace"], pod["metadata"]["name"]
        self.dir.mkdir(parents=True, exist_ok=True)
        volume.mkdir(parents=True, exist_ok=True)
        sock = Path(f"/tmp/kube-lab-{self.ip}")
        sock.mkdir(exist_ok=True)
        for p in (self.dir, volume, sock):
            _own(p)
        self.data_dir = volume / "pgroot" / "data"
        kubeconfig = setup.kubeconfig_file(self.dir / "kubeconfig", token, setup.api_url(inside=True))
        conf = patroni_config(name, ns, env, self.ip, str(self.data_dir), str(sock), str(self.dir / "pgpass"))
        (self.dir / "patroni.yml").write_text(yaml.safe_dump(conf))
        for f in (kubeconfig, self.dir / "patroni.yml"):
            _own(f)
            os.chmod(f, 0o600)
        self.spawn(["/usr/bin/patroni", self.dir / "patroni.yml"], {"KUBECONFIG": str(kubeconfig)}, "patroni")

    def postmaster_pid(self):
        try:
            return int((self.data_dir / "postmaster.pid").read_text().split()[0])
        except (OSError, ValueError, IndexError, AttributeError):
            return None

    def pids(self):
        pm = self.postmaster_pid()
        return super().pids() + ([pm] if pm and pid_alive(pm) else [])

    def ready(self):
        try:
            with urllib.request.urlopen(f"http://{self.ip}:8008/patroni", timeout=2) as res:
                return json.loads(res.read()).get("state") == "running"
        except Exception:  # noqa: BLE001 - not answering = not ready
            return False

    def stop(self):
        # Patroni stops PostgreSQL on SIGTERM; then the postmaster, should it outlive Patroni
        stop_pids(super().pids(), 20)
        stop_pids([p for p in [self.postmaster_pid()] if p], 10)


class PgBouncerMember(Member):
    """A connection-pooler pod: Debian's PgBouncer configured from the pod's environment."""

    def start(self, pod, env, target):
        self.dir.mkdir(parents=True, exist_ok=True)
        _own(self.dir)
        user, password = env.get("PGUSER", "pooler"), env.get("PGPASSWORD", "")
        port = env.get("CONNECTION_POOLER_PORT", "5432")
        ini = "\n".join([
            "[databases]", f"* = host={target} port={env.get('PGPORT', '5432')}", "[pgbouncer]",
            f"listen_addr = {self.ip}", f"listen_port = {port}", f"unix_socket_dir = {self.dir}",
            "auth_type = md5", f"auth_file = {self.dir / 'users.txt'}",
            f"pool_mode = {env.get('CONNECTION_POOLER_MODE', 'transaction')}",
            f"default_pool_size = {env.get('CONNECTION_POOLER_DEFAULT_SIZE', '20')}",
            f"max_db_connections = {env.get('CONNECTION_POOLER_MAX_DB_CONN', '60')}",
            f"pidfile = {self.dir / 'pgbouncer.pid'}", "server_login_retry = 1", ""])
        (self.dir / "pgbouncer.ini").write_text(ini)
        (self.dir / "users.txt").write_text(f'"{user}" "{password}"\n')
        for f in ("pgbouncer.ini", "users.txt"):
            _own(self.dir / f)
            os.chmod(self.dir / f, 0o600)
        self.port = int(port)
        self.spawn(["/usr/sbin/pgbouncer", self.dir / "pgbouncer.ini"], {}, "pgbouncer")

    def ready(self):
        try:
            with socket.create_connection((self.ip, self.port), timeout=1):
                return True
        except OSError:
            return False


def remove_dir(path):
    shutil.rmtree(path, ignore_errors=True)
