"""dyngraph.home: where a CGI process may write (data directory, else a private temp directory)."""

import os
import pwd
import shutil
import subprocess
import sys

import pytest

from conftest import ROOT
from dyngraph import home


def test_a_private_temp_dir_is_made_closed_to_others(tmp_path, monkeypatch):
    monkeypatch.setenv("TMPDIR", str(tmp_path))
    path = home.private_temp_dir("cache")
    base = tmp_path / f"dyngraph-{os.getuid()}"
    assert path == str(base / "cache")
    assert base.stat().st_mode & 0o777 == 0o700


@pytest.mark.parametrize("spoil", ["open to the group", "a symlink", "another user's"])
def test_a_temp_dir_someone_else_could_write_is_refused(tmp_path, monkeypatch, spoil):
    monkeypatch.setenv("TMPDIR", str(tmp_path))
    base = tmp_path / f"dyngraph-{os.getuid()}"
    if spoil == "a symlink":
        (tmp_path / "elsewhere").mkdir(mode=0o700)
        base.symlink_to(tmp_path / "elsewhere")
    else:
        base.mkdir()
        base.chmod(0o770 if spoil == "open to the group" else 0o700)
        if spoil == "another user's":
            if os.geteuid() != 0:
                pytest.skip("only root can give a directory away")
            os.chown(base, pwd.getpwnam("nobody").pw_uid, -1)
    assert home.private_temp_dir("cache") == ""


def test_the_configured_data_dir_wins_else_the_bundles_var(tmp_path):
    assert home.writable_home(str(tmp_path), "cache") == str(tmp_path / "cache")
    assert home.bundle_data_dir() == str(ROOT / "var")


PROBE = """
import sys
sys.path.insert(0, sys.argv[1])
from dyngraph import home
print(home.use_writable_bytecode({"DYNGRAPH_DATA_DIR": sys.argv[2]}) or "-")
import dyngraph.graph_app
"""


@pytest.fixture
def open_tmp():
    """A temporary folder another user can reach (pytest's tmp_path sits in a 0700 folder of root's)."""
    import tempfile
    from pathlib import Path

    path = Path(tempfile.mkdtemp(prefix="dyngraph-home-"))
    path.chmod(0o755)
    yield path
    shutil.rmtree(path, ignore_errors=True)


def test_read_only_lib_gets_its_bytecode_in_the_data_dir(open_tmp):
    """As Apache runs it: lib/ not writable by the user running Python, no __pycache__ in it."""
    tmp_path = open_tmp
    lib = tmp_path / "lib"
    shutil.copytree(ROOT / "lib" / "dyngraph", lib / "dyngraph", ignore=shutil.ignore_patterns("__pycache__"))
    data = tmp_path / "data"
    data.mkdir()
    user, python = {}, sys.executable
    if os.geteuid() == 0:  # run as nobody, with the system's python3 (nobody may not reach this .venv)
        python = shutil.which("python3", path="/usr/local/bin:/usr/bin:/bin")
        if python is None:
            pytest.skip("no system python3 for the unprivileged user")
        nobody = pwd.getpwnam("nobody")
        os.chown(data, nobody.pw_uid, nobody.pw_gid)
        user = {"user": nobody.pw_uid, "group": nobody.pw_gid, "extra_groups": []}
    else:
        for path in [lib, *lib.rglob("*")]:
            if path.is_dir():
                path.chmod(0o555)
    env = {"PATH": "/usr/bin:/bin"}
    run = [python, "-c", PROBE, str(lib), str(data)]
    first = subprocess.run(run, capture_output=True, text=True, env=env, timeout=60, **user)
    assert first.returncode == 0, first.stderr
    assert first.stdout.strip() == str(data / "pycache")
    mirror = data / "pycache" / str(lib / "dyngraph").lstrip(os.sep)
    assert len(list(mirror.glob("graph_app.*.pyc"))) == 1
    assert not (lib / "dyngraph" / "__pycache__").exists()
    # Once compiled where the user can write, nothing changes that: the same prefix again.
    again = subprocess.run(run, capture_output=True, text=True, env=env, timeout=60, **user)
    assert again.stdout.strip() == str(data / "pycache")
    if os.geteuid() != 0:
        for path in [lib, *lib.rglob("*")]:
            if path.is_dir():
                path.chmod(0o755)


def test_a_writable_or_compiled_lib_is_left_alone(tmp_path):
    lib = tmp_path / "lib"
    shutil.copytree(ROOT / "lib" / "dyngraph", lib / "dyngraph", ignore=shutil.ignore_patterns("__pycache__"))
    run = [sys.executable, "-c", PROBE, str(lib), str(tmp_path / "data")]
    env = {"PATH": "/usr/bin:/bin"}  # without PYTHONDONTWRITEBYTECODE, if the caller has it
    done = subprocess.run(run, capture_output=True, text=True, timeout=60, check=True, env=env)
    assert done.stdout.strip() == "-" and (lib / "dyngraph" / "__pycache__").is_dir()
