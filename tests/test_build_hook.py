"""The build hook's decisions (hatch_build.py at the repository's root), without a compiler.

Compiling takes a minute of CPU, so no test here runs mypyc or a C compiler: what the
compiled cleaner does is checked by building the wheel and diffing `bench/clean_dump.py`
against the pure one (docs/PERFORMANCE.md). Here: which files it compiles, when it does
not (editable install, opt-out), and that a failure gives a pure wheel, not a failed build.
"""

from __future__ import annotations

import importlib.util
import subprocess
import sys
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

from reader import __version__
from reader.core import compiled

ROOT = Path(__file__).resolve().parent.parent


def _load_hook() -> ModuleType:
    spec = importlib.util.spec_from_file_location("hatch_build", ROOT / "hatch_build.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


hook = _load_hook()
SO = ".cpython-311-x86_64-linux-gnu.so"


def _hook_instance() -> Any:
    return hook.CleanerBuildHook(str(ROOT), {}, None, None, str(ROOT), "wheel")


def _made(folder: Path) -> str:
    """What tempfile.mkdtemp gives: a new empty folder."""
    folder.mkdir()
    return str(folder)


def _build_data() -> dict[str, Any]:
    return {"force_include": {}, "pure_python": True, "infer_tag": False}


def test_the_pyproject_runs_the_hook() -> None:
    text = (ROOT / "pyproject.toml").read_text(encoding="utf-8")
    assert "[tool.hatch.build.targets.wheel.hooks.custom]" in text


def test_the_compiled_modules_exist_and_match_what_the_app_reports() -> None:
    for path in hook.CLEANER_MODULES:
        assert (ROOT / path).is_file(), path
    as_modules = tuple(p.removesuffix(".py").replace("/", ".") for p in hook.CLEANER_MODULES)
    assert as_modules == compiled.CLEANER_MODULES


def test_only_a_standard_build_compiles() -> None:
    assert hook.skip_reason("standard", {}) is None
    assert hook.skip_reason("standard", {"READER_PURE_PYTHON": "0"}) is None
    assert "editable" in hook.skip_reason("editable", {})
    assert "editable" in hook.skip_reason("editable", {"READER_PURE_PYTHON": ""})
    for value in ("1", "yes", "true"):
        assert "READER_PURE_PYTHON" in hook.skip_reason("standard", {"READER_PURE_PYTHON": value})


def test_the_opt_out_does_not_even_install_mypy() -> None:
    needs = hook.build_requires({})
    assert any(req.startswith("mypy==") for req in needs)  # pinned
    assert any(req.startswith("setuptools") for req in needs)
    assert hook.build_requires({"READER_PURE_PYTHON": "1"}) == []


def test_an_editable_install_compiles_nothing(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    def must_not_run(*_: object) -> dict[str, str]:
        raise AssertionError("compiled for an editable install")

    monkeypatch.setattr(hook, "compile_cleaner", must_not_run)
    data = _build_data()
    instance = _hook_instance()
    instance.initialize("editable", data)
    instance.finalize("editable", data, "")
    assert data == _build_data()
    # Nothing in the source tree may shadow a .py: no extension module was ever written.
    assert not [p for p in (ROOT / "reader").rglob("*") if hook.extension_suffix(p.name)]


def test_opting_out_gives_a_pure_wheel_with_one_line(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("READER_PURE_PYTHON", "1")
    monkeypatch.setattr(hook, "compile_cleaner", lambda *_: pytest.fail("compiled"))
    data = _build_data()
    _hook_instance().initialize("standard", data)
    assert data == _build_data()
    out = capsys.readouterr()
    lines = (out.out + out.err).strip().splitlines()
    assert lines == ["reader build: pure-Python cleaner (READER_PURE_PYTHON is set)"]


def test_a_failed_compile_gives_a_pure_wheel_not_a_failed_build(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    monkeypatch.delenv("READER_PURE_PYTHON", raising=False)
    monkeypatch.setattr(hook.tempfile, "mkdtemp", lambda **_: _made(tmp_path / "work"))

    def no_compiler(*args: object, **kwargs: object) -> subprocess.CompletedProcess[str]:
        assert kwargs["cwd"] == tmp_path / "work"  # never the source tree
        out = "building 'reader_cleaner__mypyc' extension\nerror: command 'gcc' failed\n"
        return subprocess.CompletedProcess(args, 1, out, None)

    monkeypatch.setattr(hook.subprocess, "run", no_compiler)
    data = _build_data()
    instance = _hook_instance()
    instance.initialize("standard", data)
    assert data == _build_data()
    out = capsys.readouterr()
    assert (out.out + out.err).strip() == (
        "reader build: could not compile the cleaner, the wheel is pure Python "
        "(error: command 'gcc' failed)"
    )
    # The sources were compiled from a copy, which finalize removes.
    assert (tmp_path / "work" / "reader" / "core" / "clean.py").is_file()
    instance.finalize("standard", data, "")
    assert not (tmp_path / "work").exists()


def test_the_reason_is_one_short_line() -> None:
    assert hook.one_line("x\n  error: gcc failed  \n\n") == "error: gcc failed"
    long = hook.one_line("error: " + "-Wall " * 100)
    assert len(long) == hook.MAX_REASON and long.endswith("…")


def test_a_missing_interpreter_or_time_out_is_a_failed_compile_too(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    def timed_out(*args: object, **kwargs: object) -> None:
        raise subprocess.TimeoutExpired("python", 900)

    monkeypatch.setattr(hook.subprocess, "run", timed_out)
    with pytest.raises(hook.CompileError, match="timed out"):
        hook.compile_cleaner(ROOT, tmp_path)


def _fake_build(lib: Path, modules: tuple[str, ...]) -> None:
    for module in modules:
        path = lib / (module + SO)
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(b"\x7fELF")


def test_a_compiled_build_adds_its_modules_and_the_shared_library(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    monkeypatch.delenv("READER_PURE_PYTHON", raising=False)
    modules = tuple(p.removesuffix(".py") for p in hook.CLEANER_MODULES)
    monkeypatch.setattr(hook.tempfile, "mkdtemp", lambda **_: _made(tmp_path / "work"))

    def built(root: Path, work: Path) -> dict[str, str]:
        _fake_build(work / "lib", (*modules, "reader_cleaner__mypyc"))
        return hook.wheel_paths(work / "lib")

    monkeypatch.setattr(hook, "compile_cleaner", built)
    data = _build_data()
    _hook_instance().initialize("standard", data)
    assert sorted(data["force_include"].values()) == sorted(
        m + SO for m in (*modules, "reader_cleaner__mypyc")
    )
    assert data["pure_python"] is False and data["infer_tag"] is True
    out = capsys.readouterr()
    assert (out.out + out.err).strip() == "reader build: cleaner compiled with mypyc (4 modules)"


def test_a_build_missing_a_module_is_refused(tmp_path: Path) -> None:
    modules = tuple(p.removesuffix(".py") for p in hook.CLEANER_MODULES)
    _fake_build(tmp_path, modules)  # no shared library
    with pytest.raises(hook.CompileError, match="missing: reader_cleaner__mypyc"):
        hook.wheel_paths(tmp_path)


@pytest.mark.parametrize("command", [[], ["fetch"], ["feed"]])
def test_version_says_which_cleaner_runs(command: list[str]) -> None:
    done = subprocess.run(
        [sys.executable, "-m", "reader", *command, "--version"],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 0
    assert done.stdout.strip() == f"reader {__version__} (cleaner: {compiled.cleaner_build()})"
    clean_file = importlib.util.find_spec("reader.core.clean").origin  # type: ignore[union-attr]
    expected = "compiled (mypyc)" if not clean_file.endswith(".py") else "pure Python"
    assert compiled.cleaner_build() == expected


def test_a_partly_compiled_cleaner_says_so(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(compiled, "_is_extension", lambda module: module.endswith("clean"))
    assert compiled.cleaner_build() == "partly compiled (mypyc: 1 of 4 modules)"
    monkeypatch.setattr(compiled, "_is_extension", lambda module: True)
    assert compiled.cleaner_build() == "compiled (mypyc)"
