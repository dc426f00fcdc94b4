"""A minimal client of the Confluent schema registry REST API, on the standard library only.

confluent-kafka 1.7's ``SchemaRegistryClient`` needs ``requests`` and its Avro serializer needs
fastavro; registering and looking up a schema are two small JSON calls, so we make them with
``urllib``.
"""
from __future__ import annotations

import json
import urllib.error
import urllib.parse
import urllib.request
from typing import Any, Dict, Optional, Tuple

_CONTENT_TYPE = "application/vnd.schemaregistry.v1+json"


class RegistryError(RuntimeError):
    """The registry refused a call or could not be reached."""


class RegistryClient:
    """Registers value schemas and reads the latest version of a subject."""

    def __init__(self, url: str, timeout_s: float = 10.0) -> None:
        self.url = url.rstrip("/")
        self.timeout_s = timeout_s

    def register(self, subject: str, schema_json: str) -> int:
        """Registers ``schema_json`` under ``subject`` and returns its id.

        Registering a schema the subject already has returns the existing id, so every publisher
        may call this on start.
        """
        body = self._call("POST", f"/subjects/{_quote(subject)}/versions", {"schema": schema_json})
        return int(body["id"])

    def latest(self, subject: str) -> Tuple[int, str]:
        """(id, schema JSON) of the latest version of ``subject``."""
        body = self._call("GET", f"/subjects/{_quote(subject)}/versions/latest")
        return int(body["id"]), str(body["schema"])

    def _call(self, method: str, path: str, payload: Optional[Dict[str, Any]] = None) -> Dict[str, Any]:
        data = None if payload is None else json.dumps(payload).encode("utf-8")
        request = urllib.request.Request(self.url + path, data=data, method=method,
                                         headers={"Content-Type": _CONTENT_TYPE, "Accept": _CONTENT_TYPE})
        try:
            with urllib.request.urlopen(request, timeout=self.timeout_s) as response:
                return json.loads(response.read().decode("utf-8"))
        except urllib.error.HTTPError as e:
            detail = e.read().decode("utf-8", "replace")
            raise RegistryError(f"{method} {self.url}{path} answered {e.code}: {detail}") from e
        except urllib.error.URLError as e:
            raise RegistryError(f"{method} {self.url}{path} failed: {e.reason}") from e


def _quote(subject: str) -> str:
    return urllib.parse.quote(subject, safe="")
