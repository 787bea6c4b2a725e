"""calc.__main__: the command line's contract — JSON out and exit 0, or one line and exit 2."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from calc.__main__ import main

GOOD = '{"positions": [{"side": "long", "entry_price": 50000, "margin": 1000, "leverage": 10}]}'


def run(
    stdin: str, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, *argv: str
) -> tuple[int, str, str]:
    """Call main() in-process with *stdin*; return (status, stdout, stderr)."""
    import io

    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(stdin.encode("utf-8"))))
    status = main(list(argv))
    out, err = capsys.readouterr()
    return status, out, err


def test_good_scenario_prints_results(capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    """A valid scenario exits 0 with indented JSON on stdout and nothing on stderr."""
    status, out, err = run(GOOD, capsys, monkeypatch)
    assert (status, err) == (0, "")
    assert json.loads(out)["positions"][0]["liquidation_price"].startswith("45180.72")


def test_reads_a_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """FILE is read instead of stdin."""
    path = tmp_path / "s.json"
    path.write_text(GOOD, encoding="utf-8")
    assert main([str(path)]) == 0
    assert json.loads(capsys.readouterr().out)["account"]["mode"] == "isolated"


@pytest.mark.parametrize(
    ("stdin", "line"),
    [
        ('{"positions": [{"side": "long", "entry_price": 50000, "margin": 1000, "leverage": 200}]}',
         "positions[0].leverage: 200 is above the bracket's maximum of 100x"),
        ("{", "invalid JSON:"),
        ("[]", "scenario: [] is not a JSON object"),
        ('{"positions": [], "positions": []}', 'invalid JSON: duplicate key "positions"'),
        ('{"fee_rate": NaN, "positions": []}', "fee_rate: NaN is not a finite number"),
        ('{"positions": [{"side": "long", "entry_price": 1e400, "quantity": 1, "leverage": 1}]}',
         "positions[0].entry_price: 1E+400 is out of range"),
        ("{}", "positions: is missing"),
        ("", "invalid JSON:"),
    ],
)
def test_bad_input_is_one_line_and_status_2(
    stdin: str, line: str, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Bad input exits 2 with exactly one line on stderr that says what is wrong."""
    status, out, err = run(stdin, capsys, monkeypatch)
    assert status == 2 and out == ""
    assert err.endswith("\n") and err.count("\n") == 1
    assert err.startswith(line) or line in err


def test_missing_file_and_extra_arguments(capsys: pytest.CaptureFixture[str]) -> None:
    """An unreadable FILE or a second argument is a one-line error too."""
    assert main(["/nonexistent/scenario.json"]) == 2
    assert capsys.readouterr().err.startswith("/nonexistent/scenario.json: cannot read:")
    assert main(["a", "b"]) == 2
    assert capsys.readouterr().err.startswith("usage:")


def test_help_goes_to_stdout(capsys: pytest.CaptureFixture[str]) -> None:
    """--help prints the usage line and succeeds."""
    assert main(["--help"]) == 0
    assert capsys.readouterr().out.startswith("usage: python -m calc")


def test_non_utf8_input(capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    """Bytes that are not UTF-8 are reported, not a traceback."""
    import io

    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(b"\xff\xfe{")))
    assert main([]) == 2
    assert capsys.readouterr().err == "input is not UTF-8 text\n"


def test_real_process_exit_status() -> None:
    """Through a real interpreter: status 2 and no traceback on stderr."""
    proc = subprocess.run([sys.executable, "-m", "calc"], input='{"mode": 1}', capture_output=True, text=True,
                          check=False, timeout=60)
    assert proc.returncode == 2
    assert proc.stderr == "mode: 1 is not one of 'isolated', 'cross'\n"
