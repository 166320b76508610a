"""What each admin command does (the argument parsing is in `__main__`)."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from pathlib import Path

from platformdirs import user_data_dir
from sqlalchemy import func, select

from app.demo.__main__ import DEMO_PASSWORD
from app.store.registry import User
from sync.server import (
    admin,
    changes,
    db,
    demo,
    export,
    published,
    reports,
    roster,
    sample_cli,
)
from sync.server.db import ServerDatabase

PasswordPrompt = Callable[[str | None], str]
Serve = Callable[[argparse.Namespace], None]


def demo_url() -> str:
    """The demo server's own SQLite file, in the user's data folder (delete it to rebuild)."""
    folder = Path(user_data_dir("Fieldvisit", appauthor=False)) / "demo-server"
    folder.mkdir(parents=True, exist_ok=True)
    return f"sqlite:///{folder / 'server.db'}"


def _say(text: str) -> None:
    print(text, file=sys.stderr, flush=True)


def _users(args: argparse.Namespace, database: ServerDatabase, password: PasswordPrompt) -> int:
    if args.action == "add":
        admin.add_user(
            database,
            args.username,
            args.role,
            password(args.password),
            display_name=args.name,
            areas=args.area,
        )
        _say(f"已添加用户 {args.username}（{args.role}）")
    elif args.action == "password":
        admin.set_password(database, args.username, password(args.password))
        _say(f"已修改 {args.username} 的密码")
    else:
        for row in admin.list_users(database):
            state = "" if row.active else "  (停用)"
            print(
                f"{row.username}\t{row.role}\t{','.join(row.areas)}\t"
                f"{row.devices} 台设备\t{row.display_name}{state}"
            )
    return 0


def _demo_lists_folder(database: ServerDatabase) -> Path:
    """Beside the demo's SQLite file (or in the current folder for another database)."""
    name = database.url.database if database.url.get_backend_name() == "sqlite" else None
    return (Path(name).resolve().parent if name else Path.cwd()) / "变动名单"


def _demo(args: argparse.Namespace, database: ServerDatabase, serve: Serve) -> int:
    db.upgrade(database)
    with database.read() as s:
        built = bool(s.scalar(select(func.count()).select_from(User)))
    if not built:
        _say(f"building the demo district ({args.persons} persons) in {database.url} ...")
        lists = _demo_lists_folder(database)
        summary = demo.build_demo_server(
            database, persons=args.persons, seed=args.seed, progress=_say, lists_folder=lists
        )
        _say(f"本月变动名单（可用 import-changes 导入）：{lists}")
        _say(
            f"{summary.households} households, {summary.persons} persons, "
            f"{len(summary.users)} users"
        )
    if args.host not in ("127.0.0.1", "localhost", "::1"):
        _say("the demo server listens on 127.0.0.1 only")
        args.host = "127.0.0.1"
    _say(
        f"demo server on http://{args.host}:{args.port}  users: demo (admin), town001..."
        f" (reviewers), m001001... (members); password: {DEMO_PASSWORD}"
    )
    serve(args)
    return 0


def _export(args: argparse.Namespace, database: ServerDatabase) -> int:
    if args.command == "export-responses":  # the older name of the year's Form A export
        name, path, area = export.FORM_TEMPLATES[args.form], args.file, ""
    elif args.list:
        for line in export.template_lines():
            print(line)
        return 0
    elif not args.name or not args.out:
        raise admin.AdminError("请给出导出模板名称和 --out 文件（模板见 export --list）")
    else:
        name, path, area = args.name, args.out, args.area
    month = getattr(args, "month", "")
    count = export.run_export(database, name, args.survey_round, area, path, month)
    _say(f"已导出 {count} 行到 {path}")
    return 0


def _import_changes(args: argparse.Namespace, database: ServerDatabase) -> int:
    report = changes.import_changes(
        database,
        args.file,
        month=args.month,
        source=args.source,
        kind=args.kind,
        strict=args.strict,
    )
    for line in report.lines():
        print(line)
    if args.report:
        report.write_csv(args.report)
        _say(f"拒绝的行已写入 {args.report}")
    return 0 if not report.refused else 1


def _publish(args: argparse.Namespace, database: ServerDatabase) -> int:
    if args.command == "forms":
        with database.read() as s:
            for row in published.listing(s):
                what = row.form_id if row.kind == published.FORM else "设置"
                by = row.published_by or "（内置）"
                print(
                    f"{what}\t{row.version}\t{row.file_name}\t"
                    f"{row.published_at:%Y-%m-%d %H:%M}\t{by}"
                )
        return 0
    try:
        text = args.file.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise admin.AdminError(f"无法读取 {args.file}：{exc}") from exc
    publish = (
        published.publish_form if args.command == "publish-form" else published.publish_settings
    )
    db.upgrade(database)
    try:
        with database.write() as s:
            done = publish(s, text, args.file.name, "admin")
    except published.PublishError as exc:
        raise admin.AdminError(str(exc)) from exc
    _say(done.line())
    return 0


def dispatch(
    args: argparse.Namespace, database: ServerDatabase, password: PasswordPrompt, serve: Serve
) -> int:
    """Run one parsed command; returns the process exit status."""
    command = args.command
    if command == "init":
        loaded = admin.init(database, args.areas)
        _say(f"数据库已就绪（{database.url}）；载入区划 {loaded} 个")
    elif command == "users":
        return _users(args, database, password)
    elif command == "assign":
        areas = admin.assign(database, args.username, args.add, args.remove)
        _say(f"{args.username} 的区域：{', '.join(areas) or '无'}")
    elif command == "devices":
        for device in admin.list_devices(database, args.user):
            state = f"已停用 {device.revoked_at:%Y-%m-%d %H:%M}" if device.revoked_at else "有效"
            print(
                f"{device.id}\t{device.username}\t{device.name}\t"
                f"{device.created_at:%Y-%m-%d %H:%M}\t{state}"
            )
    elif command == "revoke":
        if not args.device and not args.user:
            raise admin.AdminError("请给出设备编号或 --user")
        _say(f"已停用 {admin.revoke(database, args.device, args.user)} 台设备")
    elif command == "import-roster":
        report = roster.import_roster(database, args.file, strict=args.strict)
        for line in report.lines():
            print(line)
        if args.report:
            report.write_csv(args.report)
        return 0 if not report.refused else 1
    elif command in ("export", "export-responses"):
        return _export(args, database)
    elif command == "import-changes":
        return _import_changes(args, database)
    elif command == "report":
        result = reports.print_report(
            database,
            args.kind,
            args.area,
            args.survey_round,
            args.out,
            reports.as_of_date(args.as_of),
        )
        _say(f"已打印 {result.pages} 页到 {args.out}")
        for warning in result.warnings:
            _say(warning)
    elif command in ("publish-form", "publish-settings", "forms"):
        return _publish(args, database)
    elif command == "sample":
        return sample_cli.run(args, database)
    elif command == "serve":
        db.upgrade(database)
        serve(args)
    elif command == "demo":
        return _demo(args, database, serve)
    return 0
