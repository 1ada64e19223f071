# Sourced by scripts/test: etcd for the watch tests against a real kube-apiserver
# (plugins/postgres-ha-backend/src/kubernetes/watch). The kube-apiserver itself comes from the
# Kubernetes lab's build (KUBE_APISERVER_BIN, default .tools/go/bin/kube-apiserver); without it
# those tests are skipped with a message that says so.
apt_ensure /usr/bin/etcd etcd-server
