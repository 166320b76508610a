"""The admin command line of the district server: `python -m sync.server COMMAND ...`.

    init                          create or upgrade the database, load the area list
    users add|list|password       users (member, reviewer, admin) with their areas
    assign USER --add/--remove    change a user's areas (laptops re-scope on next sync)
    devices [--user U]            signed-in laptops;  revoke DEVICE | --user U
    import-roster FILE            households and persons from .xlsx or .csv, with a report
    import-changes FILE --month M a month's change list (变动名单) in: verification tasks
    export NAME --round Y --out F an export of resources/exports (xlsx or csv); export --list
    export-responses FILE.xlsx    the year's Form A for the upper systems (export form-a-upper)
    report weekly|statistics      the weekly progress or the year's statistics as a PDF
    publish-form FILE.yaml        a new form version (checked like the program checks it)
    publish-settings FILE.yaml    the settings by year and area (the newest is in effect)
    forms list                    the published forms and settings
    sample draw|set|list|add|remove  the year's income-monitoring households (Form B)
    serve                         run the server (host, port, workers, TLS or a proxy)
    demo                          a demo district on 127.0.0.1 (every user: demo2026)

The database is `--db URL` (default: sqlite:///fieldvisit-server.db, or the
FIELDVISIT_DATABASE_URL environment variable), e.g. postgresql://user@host/db.
"""

from __future__ import annotations

import argparse
import getpass
import os
import sys
from pathlib import Path

from sync.server import admin, sample_cli
from sync.server.app import BLOBS_ENV, DATABASE_ENV
from sync.server.db import ServerDatabase

DEFAULT_URL = "sqlite:///fieldvisit-server.db"


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m sync.server",
        description=__doc__,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument(
        "--db",
        default=os.environ.get(DATABASE_ENV),
        help="database URL (SQLite file or PostgreSQL)",
    )
    parser.add_argument("--blobs", type=Path, default=None, help="attachment folder")
    sub = parser.add_subparsers(dest="command", required=True)
    init = sub.add_parser("init", help="create or upgrade the database")
    init.add_argument("--areas", type=Path, help="area list CSV (default: the shipped one)")
    users = sub.add_parser("users", help="add or list users").add_subparsers(
        dest="action", required=True
    )
    add = users.add_parser("add")
    add.add_argument("username")
    add.add_argument("--role", required=True, choices=("member", "reviewer", "admin"))
    add.add_argument("--area", action="append", default=[], help="12-digit code (repeatable)")
    add.add_argument("--name", default="", help="display name")
    add.add_argument("--password", help="(asked for when not given)")
    users.add_parser("list")
    password = users.add_parser("password")
    password.add_argument("username")
    password.add_argument("--password")
    assign = sub.add_parser("assign", help="add or remove a user's areas")
    assign.add_argument("username")
    assign.add_argument("--add", action="append", default=[])
    assign.add_argument("--remove", action="append", default=[])
    devices = sub.add_parser("devices", help="list signed-in laptops")
    devices.add_argument("--user")
    revoke = sub.add_parser("revoke", help="revoke a device (a lost laptop)")
    revoke.add_argument("device", nargs="?")
    revoke.add_argument("--user", help="revoke every device of this user")
    roster = sub.add_parser("import-roster", help="import households and persons")
    roster.add_argument("file", type=Path)
    roster.add_argument("--strict", action="store_true", help="import nothing if a row is bad")
    roster.add_argument("--report", type=Path, help="write the refused rows to this CSV")
    changes = sub.add_parser("import-changes", help="a month's change list into tasks")
    changes.add_argument("file", type=Path)
    changes.add_argument("--month", required=True, help="YYYY-MM, e.g. 2026-12")
    changes.add_argument("--source", default="", help="公安、民政、卫健、人社、残联")
    changes.add_argument("--kind", default="", help="the change of every row without a kind")
    changes.add_argument("--strict", action="store_true", help="import nothing if a row is bad")
    changes.add_argument("--report", type=Path, help="write the refused rows to this CSV")
    export = sub.add_parser("export", help="write an export (resources/exports) to xlsx or csv")
    export.add_argument("name", nargs="?", help="the template (see --list)")
    export.add_argument("--list", action="store_true", help="list the export templates")
    export.add_argument("--round", dest="survey_round", default="", help="survey year")
    export.add_argument("--area", default="", help="district, town or village code (default: all)")
    export.add_argument("--month", default="", help="YYYY-MM, for the monthly exports")
    export.add_argument("--out", type=Path, help="FILE.xlsx or FILE.csv")
    responses = sub.add_parser("export-responses", help="the year's survey for the upper systems")
    responses.add_argument("file", type=Path)
    responses.add_argument("--form", default="dynamic-update", choices=("dynamic-update",
                           "income-monitoring"))  # fmt: skip
    responses.add_argument("--round", dest="survey_round", required=True)
    report = sub.add_parser("report", help="print the weekly progress or the statistics (PDF)")
    report.add_argument("kind", choices=("weekly", "statistics"))
    report.add_argument("--area", required=True, help="district (6), town (9) or village (12)")
    report.add_argument("--round", dest="survey_round", required=True, help="e.g. 2026")
    report.add_argument("--as-of", dest="as_of", help="count up to this day (YYYY-MM-DD)")
    report.add_argument("--out", type=Path, required=True, help="the PDF file to write")
    for kind in ("form", "settings"):
        publish = sub.add_parser(f"publish-{kind}", help=f"publish a {kind} file to every laptop")
        publish.add_argument("file", type=Path)
    forms = sub.add_parser("forms", help="the published forms and settings")
    forms.add_argument("action", choices=("list",))
    sample_cli.add_parser(sub)
    for command in (
        sub.add_parser("serve", help="run the server"),
        sub.add_parser("demo", help="serve a demo district on 127.0.0.1"),
    ):
        command.add_argument("--host", default="127.0.0.1")
        command.add_argument("--port", type=int, default=8765)
        command.add_argument("--workers", type=int, default=1)
        command.add_argument("--cert", type=Path, help="TLS certificate (PEM)")
        command.add_argument("--key", type=Path, help="TLS private key (PEM)")
        command.add_argument(
            "--proxy",
            action="store_true",
            help="behind a reverse proxy: trust its X-Forwarded-* headers",
        )
    demo = sub.choices["demo"]
    demo.add_argument("--persons", type=int, default=15_000)
    demo.add_argument("--seed", type=int, default=1)
    return parser


def _password(given: str | None) -> str:
    if given:
        return given
    first = getpass.getpass("密码：")
    if first != getpass.getpass("再输一次：") or not first:
        raise admin.AdminError("两次输入的密码不一致或为空")
    return first


def serve(args: argparse.Namespace, url: str) -> None:
    import uvicorn

    os.environ[DATABASE_ENV] = url
    if args.blobs:
        os.environ[BLOBS_ENV] = str(args.blobs.resolve())
    uvicorn.run(
        "sync.server.app:app_from_env",
        factory=True,
        host=args.host,
        port=args.port,
        workers=args.workers,
        ssl_certfile=str(args.cert) if args.cert else None,
        ssl_keyfile=str(args.key) if args.key else None,
        proxy_headers=args.proxy,
        forwarded_allow_ips="*" if args.proxy else None,
        log_level="warning",
    )


def run(args: argparse.Namespace) -> int:
    from sync.server import commands

    url = args.db or (commands.demo_url() if args.command == "demo" else DEFAULT_URL)
    database = ServerDatabase(url)
    try:

        def serving(a: argparse.Namespace) -> None:
            database.dispose()  # nothing of it open in the server (whose writer forks)
            serve(a, url)

        return commands.dispatch(args, database, _password, serving)
    finally:
        database.dispose()


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    try:
        return run(args)
    except admin.AdminError as exc:
        print(f"错误：{exc}", file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())
