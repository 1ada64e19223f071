"""Patroni's configuration for one Spilo pod, from the pod's own environment, as Spilo derives it
(scope, labels, users, SPILO_CONFIGURATION); only what this machine cannot have is replaced."""
import json

import yaml

PG_BIN = "/usr/lib/postgresql/15/bin"
# Spilo's defaults where the operator leaves them out (Spilo's configure_spilo.py)
DCS_DEFAULTS = {"ttl": 30, "loop_wait": 10, "retry_timeout": 10, "maximum_lag_on_failover": 33554432}
# parameters naming files, libraries or memory Spilo's image has and this lab does not
REPLACED = {"shared_buffers": "32MB", "effective_cache_size": "128MB", "shared_preload_libraries": "pg_stat_statements",
            "max_connections": "100"}
DROPPED_PREFIXES = ("ssl", "archive_", "restore_command", "log_directory", "logging_collector")


def _params(params):
    out = {k: str(v) for k, v in (params or {}).items() if not k.startswith(DROPPED_PREFIXES)}
    out.update({k: v for k, v in REPLACED.items() if k in out})
    return out


def patroni_config(pod_name, namespace, env, ip, data_dir, socket_dir, pgpass):
    spilo = yaml.safe_load(env.get("SPILO_CONFIGURATION") or "{}") or {}
    boot = spilo.get("bootstrap") or {}
    dcs = {**DCS_DEFAULTS, **(boot.get("dcs") or {})}
    dcs_pg = dict(dcs.get("postgresql") or {})
    dcs_pg["parameters"] = {"max_connections": "100", **_params(dcs_pg.get("parameters"))}
    dcs_pg.update(use_pg_rewind=True, use_slots=True)
    dcs["postgresql"] = dcs_pg
    local = spilo.get("postgresql") or {}
    # Spilo always writes local parameters; the operator's Patroni config check panics without them
    params = {**_params(local.get("parameters")), "unix_socket_directories": socket_dir, "listen_addresses": ip,
              "shared_buffers": "32MB", "wal_keep_size": "128MB", "password_encryption": "md5"}
    superuser, standby = env.get("PGUSER_SUPERUSER", "postgres"), env.get("PGUSER_STANDBY", "standby")
    return {
        "scope": env["SCOPE"],
        "name": pod_name,
        "restapi": {"listen": f"{ip}:8008", "connect_address": f"{ip}:8008"},
        "kubernetes": {
            "context": "kube-lab",
            "namespace": namespace,
            "labels": json.loads(env.get("KUBERNETES_LABELS") or '{"application": "spilo"}'),
            "scope_label": env.get("KUBERNETES_SCOPE_LABEL", "cluster-name"),
            "role_label": env.get("KUBERNETES_ROLE_LABEL", "spilo-role"),
            "use_endpoints": env.get("KUBERNETES_USE_CONFIGMAPS", "").lower() != "true",
            "pod_ip": ip,
            "ports": [{"name": "postgresql", "port": 5432}],
            "bypass_api_service": True,
        },
        "bootstrap": {"dcs": dcs, "initdb": boot.get("initdb") or [{"auth-host": "md5"}, {"auth-local": "trust"}]},
        "postgresql": {
            "listen": f"{ip}:5432",
            "connect_address": f"{ip}:5432",
            "data_dir": data_dir,
            "bin_dir": PG_BIN,
            "pgpass": pgpass,
            "authentication": {
                "superuser": {"username": superuser, "password": env.get("PGPASSWORD_SUPERUSER", "")},
                "replication": {"username": standby, "password": env.get("PGPASSWORD_STANDBY", "")},
            },
            "parameters": params,
            "pg_hba": local.get("pg_hba") or [
                "local all all trust",
                f"host replication {standby} 0.0.0.0/0 md5",
                "host all all 0.0.0.0/0 md5",
            ],
            "use_unix_socket": True,
        },
    }
