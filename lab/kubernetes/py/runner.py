"""The pod runner: turns the pods scheduled to the lab's kwok nodes into processes. kwok gives a claimed
pod its IP and phase; the runner starts what the pod stands for, sets Ready from the process state,
restarts what dies (like a kubelet) and confirms a deletion once the processes stopped."""
import base64
import os
import subprocess
import time
from datetime import datetime, timezone

import setup
from kubeapi import KubeError, pod_path
from members import PgBouncerMember, SpiloMember, remove_dir
from procs import stop_pids

ANNOTATION = "kube-lab.local/runner"
# seconds before processes that died are started again (a kubelet restarts a container within seconds)
RESTART_DELAY = float(os.environ.get("KUBE_LAB_RESTART_DELAY", "5"))


def kind_of(pod):
    c = pod["spec"]["containers"][0]
    image = c.get("image", "")
    if "spilo" in image:
        return "spilo"
    if "pgbouncer" in image:
        return "pgbouncer"
    return None


def now():
    return datetime.now(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


class PodRunner:
    def __init__(self, kube, logs):
        self.kube, self.logs = kube, logs
        self.members = {}  # uid -> (member, pod key)
        self.ready = {}  # uid -> last Ready value written
        self.died = {}  # uid -> monotonic time the processes were found dead
        self.warned = set()

    def tick(self):
        pods = self.kube.get("/api/v1/pods?fieldSelector=spec.nodeName%21%3D")["items"]
        seen = set()
        for pod in pods:
            uid = pod["metadata"]["uid"]
            seen.add(uid)
            try:
                self.handle(pod, uid)
            except KubeError as e:
                print(f"{pod['metadata']['name']}: {e}", flush=True)
        for uid in [u for u in self.members if u not in seen]:  # force-deleted
            self.stop(uid)
        setup.write_json(setup.DIR / "run" / "pods.json",
                         {key: m.pids() for m, key in self.members.values()})

    def handle(self, pod, uid):
        meta = pod["metadata"]
        ns, name = meta["namespace"], meta["name"]
        if meta.get("deletionTimestamp"):
            self.stop(uid)
            self.kube.delete(pod_path(ns, name), {"gracePeriodSeconds": 0, "preconditions": {"uid": uid}})
            return
        kind = kind_of(pod)
        if kind is None:
            return self.warn_unknown(pod, uid)
        if ANNOTATION not in (meta.get("annotations") or {}):
            self.kube.patch(pod_path(ns, name), {"metadata": {"annotations": {ANNOTATION: kind}}})
            return
        ip = pod.get("status", {}).get("podIP")
        if not ip:
            return
        entry = self.members.get(uid)
        if entry is None:
            self.start(pod, uid, kind, ip)
            return
        member = entry[0]
        if not member.alive():
            self.set_ready(pod, uid, False)
            died = self.died.setdefault(uid, time.monotonic())
            if time.monotonic() - died >= RESTART_DELAY:
                del self.died[uid]
                member.stop()
                del self.members[uid]
                self.start(pod, uid, kind, ip, restarted=True)
            return
        self.set_ready(pod, uid, member.ready())

    def start(self, pod, uid, kind, ip, restarted=False):
        meta = pod["metadata"]
        ns, name = meta["namespace"], meta["name"]
        subprocess.run(["ip", "-n", setup.NETNS, "addr", "replace", f"{ip}/32", "dev", "lo"], check=True)
        env = self.environment(pod)
        pod_dir = setup.DIR / "pods" / f"{ns}.{name}"
        if kind == "spilo":
            member = SpiloMember(pod_dir, ip, self.logs)
            member.start(pod, env, self.token(ns, pod["spec"].get("serviceAccountName", "default")), self.volume(pod))
            for c in pod["spec"]["containers"][1:]:
                self.event(pod, "KubeLabSidecarNotRun", f"the kube lab runs no sidecars; {c['name']} "
                                                        f"({c.get('image')}) is not started", once=f"{uid}/{c['name']}")
        else:
            member = PgBouncerMember(pod_dir, ip, self.logs)
            member.start(pod, env, self.service_target(ns, env.get("PGHOST", "")))
        self.members[uid] = (member, f"{ns}/{name}")
        if restarted:
            self.event(pod, "KubeLabRestarted", f"{kind} processes had exited; restarted", kind_="Warning")

    def stop(self, uid):
        entry = self.members.pop(uid, None)
        self.ready.pop(uid, None)
        if entry:
            entry[0].stop()
            ip = entry[0].ip
            subprocess.run(["ip", "-n", setup.NETNS, "addr", "del", f"{ip}/32", "dev", "lo"], capture_output=True)
            remove_dir(f"/tmp/kube-lab-{ip}")

    def stop_all(self):
        """Every member at once (SIGTERM to all, then wait), then their addresses."""
        stop_pids([p for m, _ in self.members.values() for p in m.pids()], 20)
        for uid in list(self.members):
            self.stop(uid)

    def set_ready(self, pod, uid, ready):
        if self.ready.get(uid) == ready:
            return
        meta = pod["metadata"]
        value = "True" if ready else "False"
        conditions = [{"type": t, "status": value, "lastTransitionTime": now(), "reason": "KubeLabProcessState"}
                      for t in ("Ready", "ContainersReady")]
        # the list has no merge key: send it whole. Pod readiness follows the first container; sidecars are not run.
        statuses = []
        for i, s in enumerate(pod["status"].get("containerStatuses") or []):
            statuses.append({**s, "ready": ready and i == 0})
        self.kube.patch(pod_path(meta["namespace"], meta["name"], "/status"),
                        {"status": {"conditions": conditions, "containerStatuses": statuses}}, kind="strategic")
        self.ready[uid] = ready
        print(f"{meta['namespace']}/{meta['name']} Ready={value}", flush=True)

    def warn_unknown(self, pod, uid):
        image = pod["spec"]["containers"][0].get("image", "")
        self.event(pod, "KubeLabUnsupportedImage",
                   f"the kube lab runs Spilo and PgBouncer pods only; image {image} is not run, the pod stays Pending",
                   once=uid)

    def event(self, pod, reason, message, kind_="Warning", once=None):
        if once and once in self.warned:
            return
        meta = pod["metadata"]
        self.kube.post(f"/api/v1/namespaces/{meta['namespace']}/events", {
            "metadata": {"generateName": f"{meta['name']}.", "namespace": meta["namespace"]},
            "involvedObject": {"kind": "Pod", "namespace": meta["namespace"], "name": meta["name"],
                               "uid": meta["uid"], "apiVersion": "v1"},
            "reason": reason, "message": message, "type": kind_, "count": 1,
            "firstTimestamp": now(), "lastTimestamp": now(), "source": {"component": "kube-lab-pod-runner"}})
        if once:
            self.warned.add(once)

    def environment(self, pod):
        """The first container's env with secretKeyRef / configMapKeyRef / fieldRef resolved."""
        meta, out = pod["metadata"], {}
        fields = {"metadata.name": meta["name"], "metadata.namespace": meta["namespace"],
                  "status.podIP": pod["status"].get("podIP", ""), "spec.nodeName": pod["spec"].get("nodeName", "")}
        for e in pod["spec"]["containers"][0].get("env", []):
            src = e.get("valueFrom")
            if src is None:
                out[e["name"]] = e.get("value", "")
            elif "fieldRef" in src:
                out[e["name"]] = fields.get(src["fieldRef"]["fieldPath"], "")
            elif "secretKeyRef" in src or "configMapKeyRef" in src:
                ref = src.get("secretKeyRef") or src["configMapKeyRef"]
                what = "secrets" if "secretKeyRef" in src else "configmaps"
                obj = self.kube.get_optional(f"/api/v1/namespaces/{meta['namespace']}/{what}/{ref['name']}") or {}
                value = (obj.get("data") or {}).get(ref["key"])
                if value is not None:
                    out[e["name"]] = base64.b64decode(value).decode() if what == "secrets" else value
        return out

    def token(self, ns, sa):
        res = self.kube.post(f"/api/v1/namespaces/{ns}/serviceaccounts/{sa}/token",
                             {"spec": {"expirationSeconds": 86400}})
        return res["status"]["token"]

    def volume(self, pod):
        claims = [v["persistentVolumeClaim"]["claimName"] for v in pod["spec"].get("volumes", [])
                  if "persistentVolumeClaim" in v]
        ns = pod["metadata"]["namespace"]
        return setup.DIR / "volumes" / ns / (claims[0] if claims else pod["metadata"]["name"])

    def service_target(self, ns, host):
        """A Service name (no DNS here) -> the first address of its Endpoints."""
        svc = host.split(".")[0]
        ep = self.kube.get_optional(f"/api/v1/namespaces/{ns}/endpoints/{svc}") or {}
        for subset in ep.get("subsets") or []:
            for a in subset.get("addresses") or []:
                return a["ip"]
        return "127.0.0.1"

