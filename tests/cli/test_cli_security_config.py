"""Security configuration: XSRF and CORS protection on and the upload limit set, in the
checkout's Streamlit config and in the flags `songngu app` launches with; secrets in the
database URL never printed by `songngu settings`."""

from __future__ import annotations

import tomllib

from songngu_testing import REPO, run_cli


def test_the_streamlit_config_keeps_xsrf_on_and_limits_uploads() -> None:
    config = tomllib.loads((REPO / ".streamlit" / "config.toml").read_text(encoding="utf-8"))
    server = config["server"]
    assert server["enableXsrfProtection"] is True and server["enableCORS"] is True
    assert 0 < server["maxUploadSize"] <= 200


def test_the_app_command_launches_with_xsrf_on_and_the_import_limit() -> None:
    source = (REPO / "cli" / "commands" / "app.py").read_text(encoding="utf-8")
    for flag in (
        '"--server.enableXsrfProtection", "true"',
        '"--server.maxUploadSize", str(upload_mb)',
    ):
        assert flag in source


def test_settings_never_print_the_database_password() -> None:
    url = "postgresql+psycopg://songngu:s3cret-pass@db.example.org:5432/songngu"
    shown = run_cli("settings", env={"SONGNGU_DATABASE_URL": url})
    assert shown.returncode == 0, shown.stderr
    assert "s3cret-pass" not in shown.stdout + shown.stderr
    assert (
        "SONGNGU_DATABASE_URL=postgresql+psycopg://songngu:***@db.example.org:5432/songngu"
        in shown.stdout
    )
