"""`scripts/kube-lab status`: the daemons and every postgresql object with its pods."""
from procs import pid_alive


def _pod(p):
    st = p.get("status", {})
    ready = any(c["type"] == "Ready" and c["status"] == "True" for c in st.get("conditions", []))
    return {"name": p["metadata"]["name"], "phase": st.get("phase"), "ready": ready, "podIP": st.get("podIP"),
            "node": p["spec"].get("nodeName"), "role": (p["metadata"].get("labels") or {}).get("spilo-role")}


def lab_status(kube, pids):
    pgs = kube.get("/apis/acid.zalan.do/v1/postgresqls")["items"]
    out = []
    for pg in pgs:
        ns, name = pg["metadata"]["namespace"], pg["metadata"]["name"]
        pods = kube.get(f"/api/v1/namespaces/{ns}/pods?labelSelector=cluster-name%3D{name}")["items"]
        out.append({"namespace": ns, "name": name, "status": (pg.get("status") or {}).get("PostgresClusterStatus"),
                    "numberOfInstances": pg["spec"].get("numberOfInstances"),
                    "pods": sorted((_pod(p) for p in pods), key=lambda p: p["name"])})
    op = pids.get("postgres-operator")
    return {"operator": {"pid": op, "running": bool(op and pid_alive(op)), "namespace": "default",
                         "configuration": "postgresql-operator-default-configuration"},
            "daemons": {n: {"pid": p, "running": pid_alive(p)} for n, p in pids.items()},
            "postgresql": out}
