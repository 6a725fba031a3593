#!/usr/bin/env python3
"""Fixtures for bench/registries.sh: N tiny npm packages and N tiny wheels, generated without
network, and published over each registry's own wire protocol (npm's publish PUT, the legacy
PyPI upload POST that twine sends), so every registry receives byte-identical packages.

Standard library only: it runs under any Python 3.9+.

  fixtures.py npm-publish REGISTRY_URL TOKEN COUNT
  fixtures.py npm-project DIR COUNT
  fixtures.py wheels DIR COUNT
  fixtures.py pypi-upload UPLOAD_URL USER PASSWORD DIR
"""

import base64
import gzip
import hashlib
import io
import json
import pathlib
import sys
import tarfile
import time
import urllib.error
import urllib.request
import uuid
import zipfile

# A fixed timestamp keeps tarballs and wheels byte-identical from run to run.
EPOCH = 1_700_000_000
VERSION = "1.0.0"


def npm_name(i):
    return f"bench-pkg-{i:03d}"


def py_name(i):
    return f"bench-pkg-{i:03d}"


def request(method, url, body, headers):
    req = urllib.request.Request(url, data=body, method=method, headers=headers)
    try:
        with urllib.request.urlopen(req, timeout=60) as resp:
            return resp.status, resp.read()
    except urllib.error.HTTPError as e:
        detail = e.read().decode("utf-8", "replace")[:500]
        sys.exit(f"{method} {url} failed: HTTP {e.code}: {detail}")


def npm_tarball(name):
    """A gzipped tarball with package/package.json and package/index.js, as `npm pack` lays out."""
    files = {
        "package/package.json": json.dumps(
            {"name": name, "version": VERSION, "main": "index.js", "license": "MIT"}, indent=2
        ).encode(),
        "package/index.js": f"module.exports = {json.dumps(name)};\n".encode(),
    }
    raw = io.BytesIO()
    with tarfile.open(fileobj=raw, mode="w", format=tarfile.USTAR_FORMAT) as tar:
        for path, data in files.items():
            info = tarfile.TarInfo(path)
            info.size = len(data)
            info.mtime = EPOCH
            info.mode = 0o644
            tar.addfile(info, io.BytesIO(data))
    out = io.BytesIO()
    with gzip.GzipFile(fileobj=out, mode="wb", mtime=EPOCH) as gz:
        gz.write(raw.getvalue())
    return out.getvalue()


def npm_publish(registry, token, count):
    registry = registry.rstrip("/") + "/"
    for i in range(count):
        name = npm_name(i)
        tgz = npm_tarball(name)
        filename = f"{name}-{VERSION}.tgz"
        integrity = "sha512-" + base64.b64encode(hashlib.sha512(tgz).digest()).decode()
        manifest = {
            "name": name,
            "version": VERSION,
            "main": "index.js",
            "license": "MIT",
            "_id": f"{name}@{VERSION}",
            "dist": {
                "integrity": integrity,
                "shasum": hashlib.sha1(tgz).hexdigest(),
                "tarball": f"{registry}{name}/-/{filename}",
            },
        }
        body = {
            "_id": name,
            "name": name,
            "dist-tags": {"latest": VERSION},
            "versions": {VERSION: manifest},
            "_attachments": {
                filename: {
                    "content_type": "application/octet-stream",
                    "data": base64.b64encode(tgz).decode(),
                    "length": len(tgz),
                }
            },
        }
        request(
            "PUT",
            registry + name,
            json.dumps(body).encode(),
            {"Content-Type": "application/json", "Authorization": f"Bearer {token}"},
        )


def npm_project(directory, count):
    deps = {npm_name(i): VERSION for i in range(count)}
    project = {"name": "bench-consumer", "version": "1.0.0", "private": True, "dependencies": deps}
    path = pathlib.Path(directory)
    path.mkdir(parents=True, exist_ok=True)
    (path / "package.json").write_text(json.dumps(project, indent=2) + "\n")


def record_hash(data):
    digest = base64.urlsafe_b64encode(hashlib.sha256(data).digest()).rstrip(b"=").decode()
    return f"sha256={digest}"


def wheel(directory, i):
    """A minimal valid py3-none-any wheel: one module, METADATA, WHEEL and RECORD."""
    project = py_name(i)
    dist = project.replace("-", "_")
    info = f"{dist}-{VERSION}.dist-info"
    files = {
        f"{dist}/__init__.py": f"NAME = {project!r}\n".encode(),
        f"{info}/METADATA": (
            f"Metadata-Version: 2.1\nName: {project}\nVersion: {VERSION}\n"
            f"Summary: Benchmark fixture {i}\nLicense: MIT\n"
        ).encode(),
        f"{info}/WHEEL": (
            "Wheel-Version: 1.0\nGenerator: bench-fixtures\nRoot-Is-Purelib: true\n"
            "Tag: py3-none-any\n"
        ).encode(),
    }
    record = "".join(f"{p},{record_hash(d)},{len(d)}\n" for p, d in files.items())
    files[f"{info}/RECORD"] = (record + f"{info}/RECORD,,\n").encode()
    path = pathlib.Path(directory) / f"{dist}-{VERSION}-py3-none-any.whl"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, data in files.items():
            zi = zipfile.ZipInfo(name, date_time=time.gmtime(EPOCH)[:6])
            zi.compress_type = zipfile.ZIP_DEFLATED
            zi.external_attr = 0o644 << 16
            zf.writestr(zi, data)
    return path


def wheels(directory, count):
    pathlib.Path(directory).mkdir(parents=True, exist_ok=True)
    for i in range(count):
        wheel(directory, i)


def multipart(fields, file_field, filename, data):
    boundary = uuid.uuid4().hex
    out = io.BytesIO()
    for key, value in fields:
        out.write(f"--{boundary}\r\n".encode())
        out.write(f'Content-Disposition: form-data; name="{key}"\r\n\r\n'.encode())
        out.write(value.encode() + b"\r\n")
    out.write(f"--{boundary}\r\n".encode())
    out.write(
        f'Content-Disposition: form-data; name="{file_field}"; filename="{filename}"\r\n'
        "Content-Type: application/octet-stream\r\n\r\n".encode()
    )
    out.write(data + b"\r\n")
    out.write(f"--{boundary}--\r\n".encode())
    return out.getvalue(), f"multipart/form-data; boundary={boundary}"


def pypi_upload(url, user, password, directory):
    """What `twine upload` sends: the legacy upload API, one POST per file, Basic auth."""
    auth = "Basic " + base64.b64encode(f"{user}:{password}".encode()).decode()
    for path in sorted(pathlib.Path(directory).glob("*.whl")):
        data = path.read_bytes()
        name, version = path.name.split("-")[:2]
        fields = [
            (":action", "file_upload"),
            ("protocol_version", "1"),
            ("name", name.replace("_", "-")),
            ("version", version),
            ("filetype", "bdist_wheel"),
            ("pyversion", "py3"),
            ("metadata_version", "2.1"),
            ("summary", f"Benchmark fixture {name}"),
            ("license", "MIT"),
            ("md5_digest", hashlib.md5(data).hexdigest()),
            ("sha256_digest", hashlib.sha256(data).hexdigest()),
        ]
        body, content_type = multipart(fields, "content", path.name, data)
        request("POST", url, body, {"Content-Type": content_type, "Authorization": auth})


def main(argv):
    commands = {
        "npm-publish": (npm_publish, 3, lambda a: (a[0], a[1], int(a[2]))),
        "npm-project": (npm_project, 2, lambda a: (a[0], int(a[1]))),
        "wheels": (wheels, 2, lambda a: (a[0], int(a[1]))),
        "pypi-upload": (pypi_upload, 4, tuple),
    }
    if len(argv) < 1 or argv[0] not in commands or len(argv) - 1 != commands[argv[0]][1]:
        sys.exit(__doc__)
    func, _, convert = commands[argv[0]]
    func(*convert(argv[1:]))


if __name__ == "__main__":
    main(sys.argv[1:])
