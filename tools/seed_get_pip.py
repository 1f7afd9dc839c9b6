#!/usr/bin/env python
"""Give ansible-test a pip bootstrap script when it cannot download its own.

Why: ``ansible-test sanity --venv`` creates virtual environments without pip and then
bootstraps pip with ``get-pip-<ver>.py``, which it downloads from a CI file host that is not
one of the package registries these machines can reach. The download fails and every sanity
test dies with "does not have pip available".

ansible-test first looks for ``~/.ansible/test/cache/get_pip_<ver_with_underscores>.py``
(see ansible_test/_util/target/setup/requirements.py, function ``bootstrap``). This script
puts an honest stand-in there, but ONLY when the real file cannot be downloaded:

1. read the pip version this ansible-test wants (``get_venv_packages`` in
   ansible_test/_internal/python_requirements.py, 24.2 for ansible-core 2.19);
2. if the cache file already exists, do nothing (a real one or an earlier stand-in);
3. probe the real URL with a short timeout; if it answers, save the real script and stop;
4. otherwise download the real ``pip==<ver>`` wheel from PyPI with this venv's pip into the
   cache directory, record its sha256, and write the stand-in. The stand-in behaves like
   get-pip.py: it runs pip from that wheel (a pip wheel is importable as a zip) and does
   ``pip install --upgrade --force-reinstall <the same arguments>``, with ``pip==<ver>``
   pointing at the verified local wheel. setuptools/wheel, if asked for, come from PyPI.

Usage: python tools/seed_get_pip.py [--timeout SECONDS] [--force-standin]
"""

from __future__ import annotations

import argparse
import glob
import hashlib
import os
import re
import shutil
import subprocess
import sys
import tempfile
import urllib.request

URL = "https://ci-files.testing.ansible.com/ansible-test/get-pip-{ver}.py"
CACHE_DIR = os.path.expanduser("~/.ansible/test/cache")
MARKER = "# deployops-platforms get-pip stand-in"

STANDIN = '''#!/usr/bin/env python
{marker}
# Written by tools/seed_get_pip.py because {url} was not reachable.
# It does what get-pip.py does, with the real pip {ver} wheel downloaded from PyPI
# instead of the copy of pip that get-pip.py carries inside itself.
import hashlib
import os
import sys

WHEEL = {wheel!r}
SHA256 = {sha256!r}
VERSION = {ver!r}


def main():
    with open(WHEEL, "rb") as handle:
        digest = hashlib.sha256(handle.read()).hexdigest()
    if digest != SHA256:
        sys.exit("get-pip stand-in: %s has sha256 %s, expected %s" % (WHEEL, digest, SHA256))

    args = []
    setuptools = wheel = True
    for arg in sys.argv[1:]:
        if arg == "--no-setuptools":
            setuptools = False
        elif arg == "--no-wheel":
            wheel = False
        elif arg.replace(" ", "") in ("pip==" + VERSION, "pip"):
            args.append(WHEEL)
        else:
            args.append(arg)
    if not any(a == WHEEL for a in args):
        args.append(WHEEL)
    # get-pip.py adds setuptools and wheel unless told not to (and never on Python 3.12+).
    if sys.version_info < (3, 12):
        if setuptools:
            args.append("setuptools")
        if wheel:
            args.append("wheel")

    sys.path.insert(0, WHEEL)
    from pip._internal.cli.main import main as pip_main

    sys.exit(pip_main(["install", "--upgrade", "--force-reinstall"] + args))


if __name__ == "__main__":
    main()
'''


def wanted_pip_version() -> str:
    """The pip version the installed ansible-test bootstraps into its venvs."""
    import ansible_test  # pylint: disable=import-outside-toplevel

    path = os.path.join(os.path.dirname(ansible_test.__file__), "_internal", "python_requirements.py")
    with open(path, encoding="utf-8") as handle:
        source = handle.read()
    match = re.search(r"default_packages\s*=\s*dict\(\s*pip='([0-9.]+)'", source)
    if not match:
        sys.exit("seed_get_pip: cannot find the pip version in %s; ansible-test changed, update this script" % path)
    return match.group(1)


def download_real(url: str, dest: str, timeout: float) -> bool:
    """Try the real download; True when the real script is now at dest."""
    try:
        with urllib.request.urlopen(url, timeout=timeout) as response:  # noqa: S310 (fixed https URL)
            data = response.read()
    except Exception as exc:  # pylint: disable=broad-except
        print("seed_get_pip: %s is not reachable (%s: %s)" % (url, type(exc).__name__, exc))
        return False
    if not data.lstrip().startswith(b"#") and b"def main" not in data:
        print("seed_get_pip: %s answered, but not with a Python script; ignoring it" % url)
        return False
    tmp = dest + ".download"
    with open(tmp, "wb") as handle:
        handle.write(data)
    os.replace(tmp, dest)
    print("seed_get_pip: saved the real %s to %s" % (url, dest))
    return True


def write_standin(ver: str, dest: str, url: str) -> None:
    wheel_dir = os.path.join(CACHE_DIR, "pip-wheels")
    os.makedirs(wheel_dir, exist_ok=True)
    pattern = os.path.join(wheel_dir, "pip-%s-py3-none-any.whl" % ver)
    if not glob.glob(pattern):
        with tempfile.TemporaryDirectory() as tmp:
            cmd = [sys.executable, "-m", "pip", "download", "--quiet", "--no-deps", "--only-binary=:all:",
                   "--dest", tmp, "pip==%s" % ver]
            print("seed_get_pip: " + " ".join(cmd))
            subprocess.run(cmd, check=True)
            found = glob.glob(os.path.join(tmp, "pip-%s-*.whl" % ver))
            if not found:
                sys.exit("seed_get_pip: pip download did not produce a pip %s wheel" % ver)
            shutil.move(found[0], pattern)
    wheel = glob.glob(pattern)[0]
    with open(wheel, "rb") as handle:
        sha256 = hashlib.sha256(handle.read()).hexdigest()
    tmp = dest + ".tmp"
    with open(tmp, "w", encoding="utf-8") as handle:
        handle.write(STANDIN.format(marker=MARKER, url=url, ver=ver, wheel=wheel, sha256=sha256))
    os.replace(tmp, dest)
    print("seed_get_pip: wrote stand-in %s (pip %s wheel %s, sha256 %s)" % (dest, ver, wheel, sha256))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n", maxsplit=1)[0])
    parser.add_argument("--timeout", type=float, default=5.0, help="seconds to wait for the real download")
    parser.add_argument("--force-standin", action="store_true", help="skip the probe (for testing the stand-in)")
    opts = parser.parse_args()

    ver = wanted_pip_version()
    dest = os.path.join(CACHE_DIR, "get_pip_%s.py" % ver.replace(".", "_"))
    url = URL.format(ver=ver)
    os.makedirs(CACHE_DIR, exist_ok=True)

    standin_ok = False
    if os.path.exists(dest):
        with open(dest, encoding="utf-8", errors="replace") as handle:
            text = handle.read()
        if MARKER not in text:
            print("seed_get_pip: the real %s is already cached; nothing to do" % dest)
            return 0
        match = re.search(r"^WHEEL = '([^']+)'$", text, re.MULTILINE)
        standin_ok = bool(match) and os.path.isfile(match.group(1))
    # A stand-in is only kept while the real script stays out of reach: probe every time.
    if not opts.force_standin and download_real(url, dest, opts.timeout):
        return 0
    if standin_ok and not opts.force_standin:
        print("seed_get_pip: keeping the stand-in already at %s" % dest)
        return 0
    write_standin(ver, dest, url)
    return 0


if __name__ == "__main__":
    sys.exit(main())
