"""A minimal Kubernetes API client (token + CA file) for the kube lab's pod runner and control script."""
import json
import ssl
import urllib.error
import urllib.request


class KubeError(Exception):
    def __init__(self, status, message):
        super().__init__(f"HTTP {status}: {message}")
        self.status = status


class Kube:
    def __init__(self, server, token, ca_file, timeout=10):
        self.server = server.rstrip("/")
        self.token = token
        self.timeout = timeout
        self.ctx = ssl.create_default_context(cafile=ca_file)

    def request(self, method, path, body=None, content_type="application/json"):
        data = None if body is None else json.dumps(body).encode()
        req = urllib.request.Request(self.server + path, data=data, method=method)
        req.add_header("Authorization", f"Bearer {self.token}")
        req.add_header("Accept", "application/json")
        if data is not None:
            req.add_header("Content-Type", content_type)
        try:
            with urllib.request.urlopen(req, timeout=self.timeout, context=self.ctx) as res:
                text = res.read().decode()
        except urllib.error.HTTPError as e:
            raise KubeError(e.code, e.read().decode(errors="replace")[:300]) from None
        try:
            return json.loads(text) if text else None
        except ValueError:
            return text

    def get(self, path):
        return self.request("GET", path)

    def get_optional(self, path):
        try:
            return self.get(path)
        except KubeError as e:
            if e.status == 404:
                return None
            raise

    def post(self, path, body):
        return self.request("POST", path, body)

    def patch(self, path, body, kind="merge"):
        types = {"merge": "application/merge-patch+json", "strategic": "application/strategic-merge-patch+json"}
        return self.request("PATCH", path, body, types[kind])

    def delete(self, path, body=None):
        return self.request("DELETE", path, body)


def pod_path(ns, name, sub=""):
    return f"/api/v1/namespaces/{ns}/pods/{name}{sub}"
