"""Check: every brief and registry valid, and every reference between them resolving."""

from __future__ import annotations

import difflib

from .briefs import read_briefs
from .errors import Problem
from .project import Project
from .registry import load_registries
from .store import load_yaml, position


def check_project(project: Project) -> list[Problem]:
    """All problems at once, each naming file, line, column and field."""
    registries, problems = load_registries(project)
    briefs, brief_problems = read_briefs(project.briefs, project.root)
    problems += brief_problems
    topic_ids = [t.id for t in registries.topics]
    for brief in briefs:
        display = project.relative(project.briefs / f"{brief.id}.yml")
        for index, topic_id in enumerate(brief.topics):
            if topic_id not in topic_ids:
                data = load_yaml(project.briefs / f"{brief.id}.yml", display)
                line, column = position(data, ("topics", index))
                problems.append(Problem(display, f"unknown topic {topic_id!r}{_did_you_mean(topic_id, topic_ids)}",
                                        line, column, f"topics[{index}]"))
    return problems


def _did_you_mean(word: str, choices: list[str]) -> str:
    close = difflib.get_close_matches(word, choices, n=1)
    return f" (did you mean {close[0]!r}?)" if close else ""
