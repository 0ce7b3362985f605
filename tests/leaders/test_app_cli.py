"""`systemsim app` serves the dashboard notebook on 127.0.0.1 only, with no code shown."""

from __future__ import annotations

import socket

from systemsim.cli import build_parser, main
from systemsim.cli.app_cmd import default_notebook, voila_command


def test_voila_command_is_local_and_strips_code():
    cmd = voila_command(default_notebook(), 8899)
    assert "--Voila.ip=127.0.0.1" in cmd and "--no-browser" in cmd
    assert "--port=8899" in cmd and "--strip_sources=True" in cmd
    assert default_notebook().name == "dashboard.ipynb" and default_notebook().exists()


def test_app_and_report_are_commands():
    text = build_parser().format_help()
    assert "report" in text and "app" in text


def test_busy_port_is_a_clear_error(capsys):
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        s.listen()
        port = s.getsockname()[1]
        assert main(["app", "--port", str(port)]) == 2
    assert "in use" in capsys.readouterr().err


def test_missing_notebook_is_a_clear_error(tmp_path, capsys):
    assert main(["app", "--notebook", str(tmp_path / "none.ipynb")]) == 2
    assert "notebook not found" in capsys.readouterr().err
