#!/usr/bin/python3
"""Lab controller: a real Patroni/etcd/PostgreSQL HA cluster on 127.0.0.1.

Run through scripts/lab (which installs the Debian packages first). Uses only the
Python standard library and Debian's python3 (Patroni's interpreter), never pyenv's.

Layout of $LAB_DIR (default <repo>/.lab):
  lab.json            ports, scope, sync flag, paths (written by `up`)
  conf/               patroni-pgN.yml, pgbouncer.ini(.tmpl), userlist.txt, pgbackrest.conf
  data/pgN            PostgreSQL data directories (owned by postgres, 0700)
  etcd/               etcd data
  run/                unix sockets, pid files, pids.json (written by the supervisor)
  log/                supervisor.log, etcd.log, pgN.log, pgbouncer.log, exporter.log, callback.log, pgbackrest/
  pgbackrest/repo     pgBackRest repository (local)
  secrets/            superuser and replication passwords
"""
import ctypes
import json
import os
import pwd
import grp
import secrets as pysecrets
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(HERE)
PG_BIN = os.environ.get("LAB_PG_BIN", "/usr/lib/postgresql/15/bin")
CALLBACK = os.path.join(HERE, "callback.sh")
PGBACKREST_WRAPPER = os.path.join(HERE, "bin", "pgbackrest")
N_MEMBERS = 3
PG_USER = "postgres"


def log(msg):
    sys.stderr.write("\033[1;35m[lab]\033[0m %s\n" % msg)
    sys.stderr.flush()


def die(msg, code=1):
    log("ERROR: " + msg)
    sys.exit(code)


# --------------------------------------------------------------------------- settings

def postgres_can_traverse(path):
    """True when the postgres user can reach path (every existing ancestor searchable by it)."""
    try:
        uid, gid = pg_ids()
    except KeyError:
        return True  # decided later, when postgres exists
    p = os.path.abspath(path)
    while True:
        if os.path.isdir(p):
            st = os.stat(p)
            if not (st.st_mode & 0o001 or (st.st_gid == gid and st.st_mode & 0o010)
                    or (st.st_uid == uid and st.st_mode & 0o100)):
                return False
        parent = os.path.dirname(p)
        if parent == p:
            return True
        p = parent


def lab_dir():
    """$LAB_DIR, else <repo>/.lab; if the postgres user cannot reach the checkout (e.g. a clone
    under /root), a fixed directory under /var/tmp derived from the checkout's path."""
    if os.environ.get("LAB_DIR"):
        return os.path.abspath(os.environ["LAB_DIR"])
    if postgres_can_traverse(REPO):
        return os.path.join(REPO, ".lab")
    import hashlib
    return "/var/tmp/pgha-lab-" + hashlib.sha1(REPO.encode()).hexdigest()[:10]


def link_default_dir(d):
    """When the lab lives outside the checkout (postgres cannot reach it), <repo>/.lab links to it,
    so configuration that names ../../.lab (app-config.yaml) finds it either way."""
    default = os.path.join(REPO, ".lab")
    if os.environ.get("LAB_DIR") or d == default or os.path.lexists(default):
        return
    os.symlink(d, default)


def settings(sync=False):
    """Ports and paths derived from LAB_DIR and LAB_PORT_BASE."""
    d = lab_dir()
    base = int(os.environ.get("LAB_PORT_BASE", "15430"))
    if base < 1024 or base + 20 > 32767:
        die("LAB_PORT_BASE must be between 1024 and 32747 (ports above 32767 collide with ephemeral ports)")
    scope = os.environ.get("LAB_SCOPE", "lab")
    members = []
    for i in range(N_MEMBERS):
        name = "pg%d" % i
        members.append({
            "name": name,
            "port": base + 2 + i,
            "api_port": base + 8 + i,
            "data_dir": os.path.join(d, "data", name),
        })
    return {
        "dir": d,
        "scope": scope,
        "sync": sync,
        "port_base": base,
        "etcd_port": base,
        "etcd_peer_port": base + 1,
        "pgbouncer_port": base + 5,
        "exporter_port": base + 6,
        "members": members,
        "restart_delay": float(os.environ.get("LAB_RESTART_DELAY", "15")),
        "conf": os.path.join(d, "conf"),
        "run": os.path.join(d, "run"),
        "logs": os.path.join(d, "log"),
        "pgbackrest_conf": os.path.join(d, "conf", "pgbackrest.conf"),
        "pgbackrest_repo": os.path.join(d, "pgbackrest", "repo"),
        "superuser_password_file": os.path.join(d, "secrets", "superuser.password"),
        "replication_password_file": os.path.join(d, "secrets", "replication.password"),
        "stanza": scope,
    }


def load_state():
    path = os.path.join(lab_dir(), "lab.json")
    try:
        with open(path) as f:
            return json.load(f)
    except (OSError, ValueError):
        return None


def pg_ids():
    pw = pwd.getpwnam(PG_USER)
    return pw.pw_uid, pw.pw_gid


def chown_pg(path):
    uid, gid = pg_ids()
    os.chown(path, uid, gid)


def write_file(path, text, mode=0o644, owner_pg=True):
    tmp = path + ".tmp"
    with open(tmp, "w") as f:
        f.write(text)
    os.chmod(tmp, mode)
    if owner_pg:
        chown_pg(tmp)
    os.replace(tmp, path)


def port_free(port):
    s = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    try:
        s.bind(("127.0.0.1", port))
        return True
    except OSError:
        return False
    finally:
        s.close()


def port_open(port, timeout=0.3):
    try:
        with socket.create_connection(("127.0.0.1", port), timeout=timeout):
            return True
    except OSError:
        return False


def http_json(url, method="GET", body=None, timeout=3.0):
    data = json.dumps(body).encode() if body is not None else None
    req = urllib.request.Request(url, data=data, method=method,
                                 headers={"Content-Type": "application/json"} if data else {})
    try:
        with urllib.request.urlopen(req, timeout=timeout) as r:
            raw = r.read().decode()
            status = r.status
    except urllib.error.HTTPError as e:
        raw = e.read().decode(errors="replace")
        status = e.code
    try:
        return status, json.loads(raw)
    except ValueError:
        return status, raw


def pid_alive(pid):
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    # zombies count as dead
    try:
        with open("/proc/%d/stat" % pid) as f:
            return f.read().rsplit(")", 1)[1].split()[0] != "Z"
    except OSError:
        return False


def proc_table():
    """{pid: (ppid, cmdline)} for all processes."""
    out = {}
    for e in os.listdir("/proc"):
        if not e.isdigit():
            continue
        try:
            with open("/proc/%s/stat" % e) as f:
                st = f.read()
            ppid = int(st.rsplit(")", 1)[1].split()[1])
            with open("/proc/%s/cmdline" % e, "rb") as f:
                cmd = f.read().replace(b"\0", b" ").decode(errors="replace").strip()
            out[int(e)] = (ppid, cmd)
        except (OSError, IndexError, ValueError):
            continue
    return out


def descendants(root_pid, table=None):
    table = table or proc_table()
    children = {}
    for pid, (ppid, _) in table.items():
        children.setdefault(ppid, []).append(pid)
    res, stack = [], [root_pid]
    while stack:
        p = stack.pop()
        for c in children.get(p, []):
            res.append(c)
            stack.append(c)
    return res


# --------------------------------------------------------------------------- config generation

def patroni_config(st, m, su_pw, repl_pw):
    d = st["dir"]
    archive_cmd = ("pgbackrest --config=%s --stanza=%s --pg1-path=%s archive-push %%p"
                   % (st["pgbackrest_conf"], st["stanza"], m["data_dir"]))
    restore_cmd = ("pgbackrest --config=%s --stanza=%s --pg1-path=%s archive-get %%f \"%%p\""
                   % (st["pgbackrest_conf"], st["stanza"], m["data_dir"]))
    return {
        "scope": st["scope"],
        "namespace": "/service/",
        "name": m["name"],
        "log": {"level": "INFO", "format": "%(asctime)s %(levelname)s: %(message)s"},
        "restapi": {
            "listen": "127.0.0.1:%d" % m["api_port"],
            "connect_address": "127.0.0.1:%d" % m["api_port"],
        },
        "etcd3": {"hosts": ["127.0.0.1:%d" % st["etcd_port"]], "protocol": "http"},
        "bootstrap": {
            "dcs": {
                # Patroni requires loop_wait + 2*retry_timeout <= ttl.
                "ttl": int(os.environ.get("LAB_TTL", "10")),
                "loop_wait": int(os.environ.get("LAB_LOOP_WAIT", "2")),
                "retry_timeout": int(os.environ.get("LAB_RETRY_TIMEOUT", "4")),
                "maximum_lag_on_failover": 33554432,  # Spilo's default (32 MiB)
                "synchronous_mode": bool(st["sync"]),
                "postgresql": {
                    "use_pg_rewind": True,
                    "use_slots": True,
                    "parameters": {
                        "wal_level": "replica",
                        "hot_standby": "on",
                        "wal_log_hints": "on",
                        "max_connections": 100,
                        "max_wal_senders": 10,
                        "max_replication_slots": 10,
                        "wal_keep_size": "128MB",
                        "max_wal_size": "256MB",
                        "archive_mode": "on",
                        "archive_timeout": "60s",
                        "wal_retrieve_retry_interval": "500ms",
                        "shared_buffers": "32MB",
                        "track_commit_timestamp": "on",
                    },
                },
            },
            "initdb": [{"encoding": "UTF8"}, {"locale": "C.UTF-8"}, "data-checksums"],
            "pg_hba": [
                "local all all trust",
                "local replication all trust",
                "host replication replicator 127.0.0.1/32 scram-sha-256",
                "host all all 127.0.0.1/32 scram-sha-256",
            ],
        },
        "postgresql": {
            "listen": "127.0.0.1:%d" % m["port"],
            "connect_address": "127.0.0.1:%d" % m["port"],
            "data_dir": m["data_dir"],
            "bin_dir": PG_BIN,
            "pgpass": os.path.join(st["run"], "pgpass-%s" % m["name"]),
            "authentication": {
                "superuser": {"username": "postgres", "password": su_pw},
                "replication": {"username": "replicator", "password": repl_pw},
                "rewind": {"username": "postgres", "password": su_pw},
            },
            "parameters": {
                "unix_socket_directories": st["run"],
                "archive_command": archive_cmd,
                "password_encryption": "scram-sha-256",
            },
            "recovery_conf": {"restore_command": restore_cmd},
            "basebackup": [{"checkpoint": "fast"}],
            "callbacks": {
                "on_start": "%s %s %s" % (os.path.join(st["conf"], "callback.sh"), d, m["name"]),
                "on_role_change": "%s %s %s" % (os.path.join(st["conf"], "callback.sh"), d, m["name"]),
            },
        },
        "tags": {"nofailover": False, "noloadbalance": False, "clonefrom": False, "nosync": False},
    }


def pgbouncer_template(st):
    d = st["dir"]
    return """;; generated by lab/labctl.py; lab/callback.sh substitutes the leader's port and reloads
[databases]
* = host=127.0.0.1 port=@LEADER_PORT@

[pgbouncer]
listen_addr = 127.0.0.1
listen_port = %(port)d
unix_socket_dir = %(run)s
auth_type = scram-sha-256
auth_file = %(conf)s/userlist.txt
admin_users = postgres
stats_users = postgres
pool_mode = transaction
max_client_conn = 200
default_pool_size = 20
server_connect_timeout = 2
server_login_retry = 0.2
server_check_delay = 1
query_wait_timeout = 30
ignore_startup_parameters = extra_float_digits,options
pidfile = %(run)s/pgbouncer.pid
log_connections = 0
log_disconnections = 0
""" % {"port": st["pgbouncer_port"], "run": st["run"], "conf": st["conf"], "logs": st["logs"]}


def pgbackrest_config(st):
    lines = [
        "[global]",
        "repo1-path=%s" % st["pgbackrest_repo"],
        "repo1-retention-full=3",
        "log-path=%s" % os.path.join(st["logs"], "pgbackrest"),
        "lock-path=%s" % os.path.join(st["run"], "pgbackrest-lock"),
        "spool-path=%s" % os.path.join(st["dir"], "pgbackrest", "spool"),
        "log-level-console=warn",
        "log-level-file=info",
        "start-fast=y",
        "compress-type=lz4",
        "archive-timeout=30",
        "process-max=1",
        "",
        "[%s]" % st["stanza"],
    ]
    for i, m in enumerate(st["members"], 1):
        lines += ["pg%d-path=%s" % (i, m["data_dir"]),
                  "pg%d-port=%d" % (i, m["port"]),
                  "pg%d-socket-path=%s" % (i, st["run"]),
                  "pg%d-user=postgres" % i]
    return "\n".join(lines) + "\n"


def generate(st):
    d = st["dir"]
    os.makedirs(d, exist_ok=True)
    chown_pg(d)
    os.chmod(d, 0o755)
    for sub in ["conf", "data", "etcd", "run", "log", "log/pgbackrest", "pgbackrest",
                "pgbackrest/repo", "pgbackrest/spool", "secrets", "run/pgbackrest-lock"]:
        p = os.path.join(d, sub)
        os.makedirs(p, exist_ok=True)
        chown_pg(p)
    os.chmod(os.path.join(d, "data"), 0o700)
    os.chmod(os.path.join(d, "secrets"), 0o700)
    os.chmod(os.path.join(d, "etcd"), 0o700)
    # keep the lab out of git without touching the repo's .gitignore
    write_file(os.path.join(d, ".gitignore"), "*\n")

    def secret(path):
        if os.path.exists(path):
            return open(path).read().strip()
        pw = pysecrets.token_hex(16)
        write_file(path, pw + "\n", mode=0o600)
        return pw

    su_pw = secret(st["superuser_password_file"])
    repl_pw = secret(st["replication_password_file"])
    for m in st["members"]:
        cfg = patroni_config(st, m, su_pw, repl_pw)
        # JSON is valid YAML
        write_file(os.path.join(st["conf"], "patroni-%s.yml" % m["name"]), json.dumps(cfg, indent=2), mode=0o600)
    write_file(os.path.join(st["conf"], "callback.sh"), open(CALLBACK).read(), mode=0o755)
    write_file(os.path.join(st["conf"], "pgbouncer.ini.tmpl"), pgbouncer_template(st))
    write_file(os.path.join(st["conf"], "pgbouncer.ini"),
               pgbouncer_template(st).replace("@LEADER_PORT@", str(st["members"][0]["port"])))
    write_file(os.path.join(st["conf"], "userlist.txt"), '"postgres" "%s"\n' % su_pw, mode=0o600)
    write_file(st["pgbackrest_conf"], pgbackrest_config(st), mode=0o640)
    dsns = ",".join("postgresql://postgres:%s@127.0.0.1:%d/postgres?sslmode=disable" % (su_pw, m["port"])
                    for m in st["members"])
    write_file(os.path.join(st["conf"], "exporter.env"), dsns + "\n", mode=0o600)
    for m in st["members"]:
        write_file(os.path.join(st["conf"], "port-%s" % m["name"]), "%d\n" % m["port"])
    write_file(os.path.join(d, "lab.json"), json.dumps(st, indent=2))


# --------------------------------------------------------------------------- supervisor

class Supervisor:
    """Runs as root, is a child subreaper: every daemon (and every orphaned postgres)
    ends up as our child and is reaped at once, which keeps `down` fast."""

    def __init__(self, st):
        self.st = st
        self.procs = {}  # name -> {"pid", "argv", "env", "log", "user"}
        self.restart_at = {}
        self.stopping = False
        self.heal = False

    def spec(self):
        st = self.st
        specs = []
        etcd_dir = os.path.join(st["dir"], "etcd")
        specs.append(("etcd", [
            "/usr/bin/etcd", "--name", "lab-etcd", "--data-dir", etcd_dir,
            "--listen-client-urls", "http://127.0.0.1:%d" % st["etcd_port"],
            "--advertise-client-urls", "http://127.0.0.1:%d" % st["etcd_port"],
            "--listen-peer-urls", "http://127.0.0.1:%d" % st["etcd_peer_port"],
            "--initial-advertise-peer-urls", "http://127.0.0.1:%d" % st["etcd_peer_port"],
            "--initial-cluster", "lab-etcd=http://127.0.0.1:%d" % st["etcd_peer_port"],
            "--initial-cluster-state", "new", "--logger", "zap", "--log-level", "warn",
            "--enable-v2=true"], {}))
        for m in st["members"]:
            specs.append((m["name"], ["/usr/bin/python3", "/usr/bin/patroni",
                                      os.path.join(st["conf"], "patroni-%s.yml" % m["name"])], {}))
        specs.append(("pgbouncer", ["/usr/sbin/pgbouncer", os.path.join(st["conf"], "pgbouncer.ini")], {}))
        dsn = open(os.path.join(st["conf"], "exporter.env")).read().strip()
        specs.append(("exporter", ["/usr/bin/prometheus-postgres-exporter",
                                   "--web.listen-address=127.0.0.1:%d" % st["exporter_port"],
                                   # these two collectors do not support several servers (duplicate metrics)
                                   "--no-collector.database", "--no-collector.bgwriter"],
                      {"DATA_SOURCE_NAME": dsn}))
        return specs

    def start(self, name, argv, extra_env):
        uid, gid = pg_ids()
        env = {"PATH": "/usr/lib/postgresql/15/bin:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin",
               "HOME": pwd.getpwnam(PG_USER).pw_dir, "LANG": "C.UTF-8", "LC_ALL": "C.UTF-8",
               "USER": PG_USER, "LOGNAME": PG_USER}
        env.update(extra_env)
        logpath = os.path.join(self.st["logs"], "%s.log" % name)
        logf = open(logpath, "ab")
        os.chown(logpath, uid, gid)
        groups = [g.gr_gid for g in grp.getgrall() if PG_USER in g.gr_mem] + [gid]
        p = subprocess.Popen(argv, stdin=subprocess.DEVNULL, stdout=logf, stderr=subprocess.STDOUT,
                             env=env, cwd=self.st["dir"], user=uid, group=gid, extra_groups=groups,
                             start_new_session=True, close_fds=True)
        logf.close()
        self.procs[name] = {"pid": p.pid, "argv": argv, "env": extra_env, "started": time.time()}
        self._popen_keep = getattr(self, "_popen_keep", []) + [p]
        self.write_pids()
        self.note("started %s pid %d" % (name, p.pid))

    def note(self, msg):
        sys.stdout.write("%s %s\n" % (time.strftime("%H:%M:%S"), msg))
        sys.stdout.flush()

    def write_pids(self):
        data = {"supervisor": os.getpid(),
                "procs": {n: p["pid"] for n, p in self.procs.items() if p.get("pid")}}
        write_file(os.path.join(self.st["run"], "pids.json"), json.dumps(data), owner_pg=False)

    def reap(self):
        while True:
            try:
                pid, status = os.waitpid(-1, os.WNOHANG)
            except ChildProcessError:
                return
            if pid == 0:
                return
            for name, p in self.procs.items():
                if p.get("pid") == pid:
                    p["pid"] = None
                    self.note("%s (pid %d) exited with status %d" % (name, pid, status))
                    self.write_pids()
                    if (not self.stopping and self.st["restart_delay"] > 0):
                        self.restart_at[name] = time.time() + self.st["restart_delay"]

    def wait_gone(self, names, timeout):
        end = time.time() + timeout
        while time.time() < end:
            self.reap()
            if all(not self.procs.get(n, {}).get("pid") for n in names):
                return True
            time.sleep(0.05)
        return False

    def run(self):
        libc = ctypes.CDLL(None, use_errno=True)
        PR_SET_CHILD_SUBREAPER = 36
        libc.prctl(PR_SET_CHILD_SUBREAPER, 1, 0, 0, 0)
        signal.signal(signal.SIGTERM, self._on_term)
        signal.signal(signal.SIGINT, self._on_term)
        signal.signal(signal.SIGUSR1, self._on_usr1)
        write_file(os.path.join(self.st["run"], "supervisor.pid"), "%d\n" % os.getpid(), owner_pg=False)
        specs = self.spec()
        for name, argv, env in specs:
            if self.stopping:
                break
            self.start(name, argv, env)
            if name == "etcd":
                end = time.time() + 20
                while time.time() < end and not port_open(self.st["etcd_port"]):
                    time.sleep(0.05)
        by_name = {n: (a, e) for n, a, e in specs}
        next_fix = 0
        while not self.stopping:
            self.reap()
            now = time.time()
            if now >= next_fix:
                self.fix_pgbackrest_owner()
                next_fix = now + 3
            for name, at in list(self.restart_at.items()):
                if self.heal or now >= at:
                    if not self.procs[name].get("pid"):
                        a, e = by_name[name]
                        self.start(name, a, e)
                    del self.restart_at[name]
            self.heal = False
            time.sleep(0.1)
        self.shutdown()

    def fix_pgbackrest_owner(self):
        """pgBackRest run as root (e.g. by the Backstage backend) leaves root-owned files in the repository,
        lock and log dirs, after which the lab's own pgBackRest (postgres) fails: hand them back."""
        uid, gid = pg_ids()
        d = self.st["dir"]
        for top in [self.st["pgbackrest_repo"], os.path.join(self.st["run"], "pgbackrest-lock"),
                    os.path.join(self.st["logs"], "pgbackrest"), os.path.join(d, "pgbackrest", "spool")]:
            for root, dirs, files in os.walk(top):
                for n in [root] + [os.path.join(root, f) for f in dirs + files]:
                    try:
                        if os.lstat(n).st_uid != uid:
                            os.lchown(n, uid, gid)
                    except OSError:
                        pass

    def _on_term(self, *_):
        self.stopping = True

    def _on_usr1(self, *_):
        self.heal = True
        for name, p in self.procs.items():
            if not p.get("pid"):
                self.restart_at.setdefault(name, 0)

    def signal(self, names, sig):
        for n in names:
            pid = self.procs.get(n, {}).get("pid")
            if pid:
                try:
                    os.kill(pid, sig)
                except ProcessLookupError:
                    pass

    def shutdown(self):
        t0 = time.time()
        self.note("shutting down")
        members = [m["name"] for m in self.st["members"]]
        self.signal(["pgbouncer", "exporter"] + members, signal.SIGTERM)
        if not self.wait_gone(members + ["pgbouncer", "exporter"], 20):
            self.note("some daemons did not stop in 20 s; killing")
        self.signal(["etcd"], signal.SIGTERM)
        self.wait_gone(["etcd"], 5)
        # anything left below us (orphaned postgres, stopped walsenders...) gets SIGKILL
        for _ in range(50):
            left = descendants(os.getpid())
            if not left:
                break
            for pid in left:
                try:
                    os.kill(pid, signal.SIGKILL)
                except ProcessLookupError:
                    pass
            time.sleep(0.05)
            self.reap()
        self.reap()
        for m in self.st["members"]:
            pm = os.path.join(m["data_dir"], "postmaster.pid")
            try:
                pid = int(open(pm).readline())
                if pid_alive(pid):
                    os.kill(pid, signal.SIGKILL)
            except (OSError, ValueError):
                pass
        self.note("stopped in %.2f s" % (time.time() - t0))
        try:
            os.unlink(os.path.join(self.st["run"], "supervisor.pid"))
        except OSError:
            pass


# --------------------------------------------------------------------------- helpers on a running lab

def supervisor_pid(st):
    try:
        pid = int(open(os.path.join(st["run"], "supervisor.pid")).read().strip())
    except (OSError, ValueError):
        return None
    try:
        cmd = open("/proc/%d/cmdline" % pid, "rb").read().replace(b"\0", b" ").decode()
    except OSError:
        return None
    if "labctl.py" in cmd and "supervise" in cmd and pid_alive(pid):
        return pid
    return None


def cluster_view(st, timeout=2.0):
    """Patroni's /cluster from the first member that answers, or None."""
    for m in st["members"]:
        try:
            status, data = http_json("http://127.0.0.1:%d/cluster" % m["api_port"], timeout=timeout)
            if status == 200 and isinstance(data, dict):
                return data
        except (OSError, urllib.error.URLError, socket.timeout):
            continue
    return None


def leader_replication(st, leader_api_port, timeout=2.0):
    try:
        status, data = http_json("http://127.0.0.1:%d/" % leader_api_port, timeout=timeout)
        if isinstance(data, dict):
            return {r.get("application_name"): r for r in data.get("replication", [])}
    except (OSError, urllib.error.URLError, socket.timeout):
        pass
    return {}


def members_status(st):
    view = cluster_view(st)
    if view is None:
        return None, []
    by_port = {m["api_port"]: m for m in st["members"]}
    leader = next((m for m in view.get("members", []) if m.get("role") in ("leader", "master")), None)
    repl = {}
    if leader:
        try:
            lport = int(leader["api_url"].rsplit(":", 1)[1].split("/")[0])
            repl = leader_replication(st, lport)
        except (KeyError, ValueError, IndexError):
            pass
    out = []
    for mm in view.get("members", []):
        role = mm.get("role")
        role = {"master": "leader", "standby_leader": "leader"}.get(role, role)
        lag = mm.get("lag")
        lag = lag if isinstance(lag, int) else (0 if role == "leader" else None)
        r = repl.get(mm.get("name"))
        state = mm.get("state")
        if role != "leader" and state == "running" and r and r.get("state") == "streaming":
            state = "streaming"  # newer Patroni reports this itself
        reachable = None
        try:
            api_port = int(mm["api_url"].rsplit(":", 1)[1].split("/")[0])
            reachable = port_open(api_port, timeout=0.5)
        except (KeyError, ValueError, IndexError, AttributeError):
            pass
        out.append({
            "name": mm.get("name"),
            # /cluster keeps listing a dead member as running until its lease (ttl) expires
            "apiReachable": reachable,
            "role": role,
            "state": state,
            "patroniState": mm.get("state"),
            "timeline": mm.get("timeline"),
            "lag": lag,
            "host": mm.get("host"),
            "port": mm.get("port"),
            "api_url": mm.get("api_url"),
            "replication": ({"state": r.get("state"), "sync_state": r.get("sync_state")} if r else None),
        })
    out.sort(key=lambda x: x["name"] or "")
    return view, out


def synchronous_mode(st):
    for m in st["members"]:
        try:
            status, cfg = http_json("http://127.0.0.1:%d/config" % m["api_port"], timeout=2)
            if status == 200 and isinstance(cfg, dict):
                return bool(cfg.get("synchronous_mode"))
        except (OSError, urllib.error.URLError, socket.timeout):
            continue
    return bool(st.get("sync"))


def status_obj(st):
    sup = supervisor_pid(st)
    view, members = members_status(st) if sup else (None, [])
    pgb_target = None
    try:
        for line in open(os.path.join(st["conf"], "pgbouncer.ini")):
            if line.startswith("* = "):
                pgb_target = int(line.split("port=")[1].split()[0])
    except (OSError, ValueError, IndexError):
        pass
    pids = {}
    try:
        pids = json.load(open(os.path.join(st["run"], "pids.json"))).get("procs", {})
    except (OSError, ValueError):
        pass
    return {
        "cluster": st["scope"],
        "up": bool(sup),
        "labDir": st["dir"],
        "synchronousMode": synchronous_mode(st) if sup else bool(st.get("sync")),
        "members": members,
        "leader": next((m["name"] for m in members if m["role"] == "leader"), None),
        "patroniUrls": ["http://127.0.0.1:%d" % m["api_port"] for m in st["members"]],
        "ports": {
            "postgres": [m["port"] for m in st["members"]],
            "pgbouncer": st["pgbouncer_port"],
            "exporter": st["exporter_port"],
            "etcd": st["etcd_port"],
            "patroni": [m["api_port"] for m in st["members"]],
        },
        "host": "127.0.0.1",
        "pgbouncerTarget": pgb_target,
        "exporterUrl": "http://127.0.0.1:%d/metrics" % st["exporter_port"],
        "etcdUrl": "http://127.0.0.1:%d" % st["etcd_port"],
        "pgbackrest": {
            "stanza": st["stanza"],
            "repo": st["pgbackrest_repo"],
            "configPath": st["pgbackrest_conf"],
            # pgBackRest must run as the repository owner (postgres); this wrapper does that when called as root
            "bin": PGBACKREST_WRAPPER,
        },
        "superuser": {"user": "postgres", "passwordFile": st["superuser_password_file"]},
        "pids": pids,
        "rssMiB": rss_mib(sup) if sup else 0,
    }


def rss_mib(root):
    """Resident memory of the supervisor and everything below it (daemons, postgres backends)."""
    total = 0
    for pid in [root] + descendants(root):
        try:
            with open("/proc/%d/statm" % pid) as f:
                total += int(f.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")
        except (OSError, ValueError, IndexError):
            pass
    return round(total / 1048576, 1)


def pg_run(argv, timeout=120, check=True):
    """Run a command as the postgres user."""
    cmd = ["runuser", "-u", PG_USER, "--"] + argv
    r = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, timeout=timeout, text=True, cwd="/",
                       env={"PATH": "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin", "LANG": "C.UTF-8"})
    if check and r.returncode != 0:
        raise RuntimeError("%s failed (%d): %s %s" % (" ".join(argv), r.returncode, r.stdout, r.stderr))
    return r


def wait_healthy(st, timeout, need_replicas=N_MEMBERS - 1):
    end = time.time() + timeout
    last = None
    while time.time() < end:
        _, members = members_status(st)
        last = members
        leaders = [m for m in members if m["role"] == "leader" and m["state"] == "running"]
        streaming = [m for m in members if m["role"] != "leader" and m["state"] == "streaming"]
        if leaders and len(streaming) >= need_replicas and (not st["sync"] or any(m["role"] == "sync_standby" for m in members)):
            return leaders[0], members
        time.sleep(0.2)
    raise TimeoutError("cluster not healthy after %ds: %s" % (timeout, json.dumps(last)))


def repoint_pgbouncer(st, leader_name):
    pg_run([os.path.join(st["conf"], "callback.sh"), st["dir"], leader_name, "on_role_change", "master", st["scope"]],
           timeout=10)


# --------------------------------------------------------------------------- commands

def cmd_up(args):
    sync = "--sync" in args
    no_backup = "--no-backup" in args or os.environ.get("LAB_NO_BACKUP") == "1"
    st = settings(sync)
    old = load_state()
    if old and supervisor_pid(old):
        log("lab already up in %s (supervisor pid %d); `scripts/lab status` for details"
            % (old["dir"], supervisor_pid(old)))
        if bool(old.get("sync")) != sync:
            log("note: it was started %s --sync; `scripts/lab down` first to change the mode"
                % ("with" if old.get("sync") else "without"))
        return 0
    if os.geteuid() != 0:
        die("scripts/lab up must run as root (it installs packages and starts PostgreSQL as the postgres user)")
    try:
        pg_ids()
    except KeyError:
        die("OS user 'postgres' is missing (is the postgresql package installed?)")
    for b in [os.path.join(PG_BIN, "postgres"), "/usr/bin/patroni", "/usr/bin/etcd", "/usr/sbin/pgbouncer",
              "/usr/bin/pgbackrest", "/usr/bin/prometheus-postgres-exporter"]:
        if not os.access(b, os.X_OK):
            die("missing %s (install failed?)" % b)
    if not postgres_can_traverse(st["dir"]):
        die("the postgres user cannot reach %s (a parent directory is not searchable); set LAB_DIR elsewhere" % st["dir"])
    busy = [p for p in [st["etcd_port"], st["etcd_peer_port"], st["pgbouncer_port"], st["exporter_port"]]
            + [m["port"] for m in st["members"]] + [m["api_port"] for m in st["members"]] if not port_free(p)]
    if busy:
        die("ports already in use on 127.0.0.1: %s (another lab? `scripts/lab down` with its LAB_DIR, or set LAB_PORT_BASE to another range)" % busy)
    # stale state from a crashed run: start fresh
    if os.path.isdir(st["dir"]):
        for sub in ["data", "etcd", "run", "pgbackrest"]:
            shutil.rmtree(os.path.join(st["dir"], sub), ignore_errors=True)
    t0 = time.time()
    logs = os.path.join(st["dir"], "log")
    if os.path.isdir(logs):  # keep the previous run's logs for one more run
        shutil.rmtree(logs + ".prev", ignore_errors=True)
        os.rename(logs, logs + ".prev")
    generate(st)
    link_default_dir(st["dir"])
    logf = open(os.path.join(st["logs"], "supervisor.log"), "ab")
    env = dict(os.environ)
    env["LAB_DIR"] = st["dir"]
    subprocess.Popen(["/usr/bin/python3", os.path.abspath(__file__), "supervise", st["dir"]],
                     stdin=subprocess.DEVNULL, stdout=logf, stderr=subprocess.STDOUT,
                     start_new_session=True, close_fds=True, env=env)
    logf.close()
    try:
        leader, _ = wait_healthy(st, float(os.environ.get("LAB_UP_TIMEOUT", "90")))
        t_healthy = time.time() - t0
        log("cluster healthy in %.1f s: leader %s, 2 streaming replicas%s"
            % (t_healthy, leader["name"], " (synchronous mode)" if sync else ""))
        repoint_pgbouncer(st, leader["name"])
        end = time.time() + 10
        while not port_open(st["pgbouncer_port"]):
            if time.time() > end:
                raise RuntimeError("PgBouncer is not listening on 127.0.0.1:%d (see pgbouncer.log)" % st["pgbouncer_port"])
            time.sleep(0.1)
        conf = ["pgbackrest", "--config=" + st["pgbackrest_conf"], "--stanza=" + st["stanza"]]
        pg_run(conf + ["stanza-create"], timeout=60)
        pg_run(conf + ["check"], timeout=60)
        t_stanza = time.time() - t0
        if not no_backup:
            pg_run(conf + ["--type=full", "backup"], timeout=180)
        t_all = time.time() - t0
        log("pgBackRest stanza '%s' created, WAL archiving checked%s" % (
            st["stanza"], "" if no_backup else ", full backup taken"))
        timings = {"healthySeconds": round(t_healthy, 2), "stanzaSeconds": round(t_stanza, 2),
                   "totalSeconds": round(t_all, 2)}
        write_file(os.path.join(st["run"], "up-timings.json"), json.dumps(timings), owner_pg=False)
        log("lab up in %.1f s; Patroni %s, PgBouncer 127.0.0.1:%d, exporter 127.0.0.1:%d"
            % (t_all, ", ".join("127.0.0.1:%d" % m["api_port"] for m in st["members"]),
               st["pgbouncer_port"], st["exporter_port"]))
        print(json.dumps({"up": True, "timings": timings}))
        return 0
    except Exception as e:  # noqa: BLE001
        log("up failed: %s" % e)
        log("logs are in %s; stopping what was started" % st["logs"])
        cmd_down(["--keep"], quiet=True)
        return 1


def cmd_down(args, quiet=False):
    keep = "--keep" in args
    st = load_state() or settings()
    t0 = time.time()
    pid = supervisor_pid(st)
    if pid:
        os.kill(pid, signal.SIGTERM)
        end = time.time() + 30
        while pid_alive(pid) and time.time() < end:
            time.sleep(0.05)
        if pid_alive(pid):
            log("supervisor did not stop in 30 s, killing its process tree")
            for p in descendants(pid) + [pid]:
                try:
                    os.kill(p, signal.SIGKILL)
                except ProcessLookupError:
                    pass
    else:
        if not quiet:
            log("lab is not running")
    # recorded PIDs that may have survived (e.g. supervisor killed with -9)
    try:
        recorded = json.load(open(os.path.join(st["run"], "pids.json"))).get("procs", {})
    except (OSError, ValueError):
        recorded = {}
    table = proc_table()
    marker = {"etcd": "etcd", "pgbouncer": "pgbouncer", "exporter": "postgres-exporter"}
    for name, p in recorded.items():
        if p in table and marker.get(name, "patroni") in table[p][1]:
            for c in descendants(p, table) + [p]:
                try:
                    os.kill(c, signal.SIGKILL)
                except ProcessLookupError:
                    pass
    for m in st["members"]:
        try:
            ppid = int(open(os.path.join(m["data_dir"], "postmaster.pid")).readline())
            if ppid in table and "postgres" in table[ppid][1]:
                for c in descendants(ppid, table) + [ppid]:
                    os.kill(c, signal.SIGKILL)
        except (OSError, ValueError, ProcessLookupError):
            pass
    secs = time.time() - t0
    if not keep and os.path.isdir(st["dir"]):
        # deleting a few hundred MiB of WAL takes seconds: move it aside and delete it in the background
        trash = os.path.join(st["dir"], ".trash-%d-%d" % (os.getpid(), int(time.time())))
        os.makedirs(trash, exist_ok=True)
        for sub in ["data", "etcd", "run", "pgbackrest", "conf", "secrets", "lab.json"]:
            try:
                os.rename(os.path.join(st["dir"], sub), os.path.join(trash, sub))
            except OSError:
                pass
        subprocess.Popen(["rm", "-rf", trash], stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                         stderr=subprocess.DEVNULL, start_new_session=True)
    total = time.time() - t0
    if not quiet:
        log("lab down in %.2f s (daemons stopped in %.2f s)%s" % (
            total, secs, " (data kept)" if keep else " (data removed, logs kept in %s)" % st["logs"]))
        print(json.dumps({"down": True, "stopSeconds": round(secs, 2), "totalSeconds": round(total, 2)}))
    return 0


def cmd_status(args):
    st = load_state()
    if not st:
        st = settings()
        obj = status_obj(st)
        obj["up"] = False
        print(json.dumps(obj, indent=2))
        return 3
    obj = status_obj(st)
    print(json.dumps(obj, indent=2))
    return 0 if obj["up"] else 3


def _leader(st):
    _, members = members_status(st)
    lead = next((m for m in members if m["role"] == "leader"), None)
    if not lead:
        die("no leader found")
    return lead, members


def _member_cfg(st, name):
    return next(m for m in st["members"] if m["name"] == name)


def cmd_kill_leader(args):
    """kill -9 the leader's Patroni and PostgreSQL (whole postmaster tree).
    --force-lag SECONDS: first SIGSTOP the leader's walsenders for that long so replicas lag."""
    st = load_state()
    if not st or not supervisor_pid(st):
        die("lab is not up")
    force_lag = 0.0
    if "--force-lag" in args:
        force_lag = float(args[args.index("--force-lag") + 1])
    lead, _ = _leader(st)
    m = _member_cfg(st, lead["name"])
    pids = json.load(open(os.path.join(st["run"], "pids.json")))["procs"]
    patroni_pid = pids.get(m["name"])
    postmaster = int(open(os.path.join(m["data_dir"], "postmaster.pid")).readline())
    table = proc_table()
    tree = descendants(postmaster, table)
    walsenders = [p for p in tree if "walsender" in table[p][1]]
    stopped_at = None
    if force_lag > 0:
        stopped_at = time.time()
        for p in walsenders:
            os.kill(p, signal.SIGSTOP)
        time.sleep(force_lag)
    victims = [p for p in [patroni_pid, postmaster] if p] + tree
    t_kill = time.time()
    for p in victims:
        try:
            os.kill(p, signal.SIGKILL)
        except ProcessLookupError:
            pass
    print(json.dumps({"killed": m["name"], "killedAt": t_kill, "walsendersStoppedAt": stopped_at,
                      "walsenders": walsenders, "pids": victims,
                      "restartDelaySeconds": st["restart_delay"]}))
    return 0


def cmd_heal(args):
    """Restart any daemon the supervisor lost (e.g. after kill-leader) right now."""
    st = load_state()
    pid = st and supervisor_pid(st)
    if not pid:
        die("lab is not up")
    os.kill(pid, signal.SIGUSR1)
    print(json.dumps({"healed": True}))
    return 0


def cmd_switchover(args):
    st = load_state()
    if not st or not supervisor_pid(st):
        die("lab is not up")
    cand = None
    if "--candidate" in args:
        cand = args[args.index("--candidate") + 1]
    wait = "--no-wait" not in args
    timeout = float(os.environ.get("LAB_SWITCHOVER_TIMEOUT", "60"))
    lead, members = _leader(st)
    if not cand:
        pref = [m for m in members if m["role"] == "sync_standby"] or \
               [m for m in members if m["role"] == "replica" and m["state"] in ("streaming", "running")]
        if not pref:
            die("no healthy replica to switch over to")
        cand = pref[0]["name"]
    lport = _member_cfg(st, lead["name"])["api_port"]
    t0 = time.time()
    status, body = http_json("http://127.0.0.1:%d/switchover" % lport, "POST",
                             {"leader": lead["name"], "candidate": cand}, timeout=timeout)
    http_secs = time.time() - t0
    res = {"from": lead["name"], "to": cand, "httpStatus": status, "httpSeconds": round(http_secs, 3),
           "response": body, "startedAt": t0}
    if status != 200:
        print(json.dumps(res))
        return 1
    if wait:
        end = time.time() + timeout
        ok = False
        while time.time() < end:
            _, ms = members_status(st)
            new = next((m for m in ms if m["role"] == "leader" and m["state"] == "running"), None)
            old = next((m for m in ms if m["name"] == lead["name"]), None)
            if new and new["name"] == cand and old and old["role"] != "leader" and old["state"] == "streaming":
                ok = True
                break
            time.sleep(0.2)
        res["oldLeaderRejoined"] = ok
        res["totalSeconds"] = round(time.time() - t0, 3)
        if not ok:
            print(json.dumps(res))
            return 1
    print(json.dumps(res))
    return 0


def main(argv):
    if not argv:
        die("usage: labctl.py up [--sync] [--no-backup] | down [--keep] | status | kill-leader [--force-lag S] | "
            "switchover [--candidate NAME] [--no-wait] | heal", 2)
    cmd, args = argv[0], argv[1:]
    if cmd == "supervise":
        os.environ["LAB_DIR"] = args[0]
        st = load_state()
        Supervisor(st).run()
        return 0
    fn = {"up": cmd_up, "down": cmd_down, "status": cmd_status, "kill-leader": cmd_kill_leader,
          "switchover": cmd_switchover, "heal": cmd_heal}.get(cmd)
    if not fn:
        die("unknown command %s" % cmd, 2)
    try:
        return fn(args)
    except (OSError, RuntimeError, ValueError, KeyError, subprocess.TimeoutExpired) as e:
        die("%s failed: %s: %s" % (cmd, type(e).__name__, e))


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]) or 0)
