"""The pre-commit hooks run `digest check` on YAML changes under content/."""

import re
import shlex
import subprocess
import sys
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]


def test_hooks_run_digest_check_on_content_yaml():
    offered = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text())
    local = yaml.safe_load((ROOT / ".pre-commit-config.yaml").read_text())["repos"][0]["hooks"]
    checks = [hook for hook in [*offered, *local] if hook["id"] == "digest-check"]
    assert len(checks) == 2
    for hook in checks:
        assert hook["entry"] == "digest check" and hook["pass_filenames"] is False
        assert re.search(hook["files"], "content/briefs/x.yml") and not re.search(hook["files"], "generator/x.py")


def test_the_code_checks_ci_runs_are_hooks_too():
    """ruff (lint and format) and mypy run on commit as in CI, from the same configuration
    in pyproject.toml, and the README's test command runs them before the tests."""
    local = {
        hook["id"]: hook for hook in yaml.safe_load((ROOT / ".pre-commit-config.yaml").read_text())["repos"][0]["hooks"]
    }
    assert local["ruff"]["entry"].startswith("ruff check") and local["ruff-format"]["entry"].startswith(
        "ruff format --check"
    )
    assert local["mypy"]["entry"] == "mypy" and re.search(local["mypy"]["files"], "generator/site/render.py")
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    test_command = readme.split("```bash\n", 1)[1].splitlines()[1]
    order = [test_command.find(step) for step in ("ruff check", "ruff format --check", "mypy", "pytest")]
    assert -1 not in order and order == sorted(order), test_command


def test_the_hook_command_passes_on_this_repository():
    command = shlex.split(yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text())[0]["entry"])
    result = subprocess.run(
        [sys.executable, "-m", "generator.cli", *command[1:], "--project", str(ROOT)], capture_output=True, text=True
    )
    assert result.returncode == 0, result.stderr
