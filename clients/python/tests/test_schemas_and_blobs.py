"""Where schemas come from, and how referenced weights are written."""
import hashlib
import os
import pathlib
import tempfile
import unittest
from unittest import mock

from _path import REPO
from gmnstream_publisher import schemas
from gmnstream_publisher.publisher import _file_safe, _write_blob


class FakeRegistry:
    """Records registrations; answers 'latest' with a fixed schema."""

    def __init__(self):
        self.registered = []

    def register(self, subject, schema_json):
        self.registered.append((subject, schema_json))
        return 41

    def latest(self, subject):
        return 9, '{"type": "record", "name": "X", "fields": []}'


class SchemaSourceTest(unittest.TestCase):

    def test_checkout_files_are_registered_under_the_value_subject(self):
        registry = FakeRegistry()
        resolved = schemas.resolve(registry, "gmn.checkpoints", "Checkpoint", schemas.schema_dir())
        expected = (REPO / "schemas" / "src" / "main" / "avro" / "Checkpoint.avsc").read_text()
        self.assertEqual(registry.registered, [("gmn.checkpoints-value", expected)])
        self.assertEqual(resolved.schema_id, 41)

    def test_without_files_the_registry_latest_version_is_used(self):
        registry = FakeRegistry()
        resolved = schemas.resolve(registry, "gmn.runs", "RunManifest", None)
        self.assertEqual((resolved.schema_id, resolved.subject), (9, "gmn.runs-value"))
        self.assertEqual(registry.registered, [])

    def test_override_by_argument_or_environment(self):
        with tempfile.TemporaryDirectory() as folder:
            self.assertEqual(schemas.schema_dir(folder), pathlib.Path(folder))
            with mock.patch.dict(os.environ, {schemas.SCHEMA_DIR_ENV: folder}):
                self.assertEqual(schemas.schema_dir(), pathlib.Path(folder))
        with self.assertRaises(FileNotFoundError):
            schemas.schema_dir("/nonexistent/schemas")


class BlobTest(unittest.TestCase):

    def test_blob_is_written_whole_and_named_by_a_file_uri(self):
        with tempfile.TemporaryDirectory() as folder:
            uri = _write_blob(pathlib.Path(folder) / "blobs", "run-step1.safetensors", b"abc")
            self.assertTrue(uri.startswith("file:///"))
            path = pathlib.Path(folder) / "blobs" / "run-step1.safetensors"
            self.assertEqual(hashlib.sha256(path.read_bytes()).hexdigest(), hashlib.sha256(b"abc").hexdigest())
            self.assertEqual(sorted(p.name for p in path.parent.iterdir()), ["run-step1.safetensors"])

    def test_run_ids_become_safe_file_names(self):
        self.assertEqual(_file_safe("team/run 1:a"), "team_run_1_a")


if __name__ == "__main__":
    unittest.main()
