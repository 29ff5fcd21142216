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
    for hook in [*offered, *local]:
        assert hook["entry"] == "digest check" and hook["pass_filenames"] is False
        assert re.search(hook["files"], "content/briefs/x.yml") and not re.search(hook["files"], "generator/x.py")


def test_the_hook_command_passes_on_this_repository():
    command = shlex.split(yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text())[0]["entry"])
    result = subprocess.run([sys.executable, "-m", "generator.cli", *command[1:], "--project", str(ROOT)],
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
