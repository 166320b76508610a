"""The `sample` admin command: the year's income-monitoring households (Form B)."""

from __future__ import annotations

import argparse
import sys
from datetime import date
from pathlib import Path
from typing import Any

from sync.server import sample
from sync.server.db import ServerDatabase


def add_parser(sub: Any) -> None:
    """`sample draw|set|list|add|remove` under the command line's subcommands."""
    parser = sub.add_parser("sample", help="the income-monitoring households (Form B)")
    actions = parser.add_subparsers(dest="action", required=True)
    draw = actions.add_parser("draw", help="draw the year's sample at random (seed kept)")
    draw.add_argument("--size", type=int, help="how many (default: the settings')")
    draw.add_argument("--seed", type=int, help="the seed (default: a random one, printed)")
    draw.add_argument("--replace", action="store_true", help="replace the year's sample")
    chosen = actions.add_parser("set", help="the sample from a list (户ID、户口号或户主身份证号)")
    chosen.add_argument("file", type=Path, help=".txt, .csv or .xlsx, one household a line")
    actions.add_parser("list", help="list the year's sample")
    for name in ("add", "remove"):
        one = actions.add_parser(name, help=f"{name} one household, with the reason")
        one.add_argument("household", help="户ID、户口号或户主身份证号")
        one.add_argument("--reason", required=True)
    for action in actions.choices.values():
        action.add_argument("--year", type=int, default=date.today().year)


def run(args: argparse.Namespace, database: ServerDatabase) -> int:
    """Run one `sample` command; returns the exit status."""
    year = args.year
    if args.action == "draw":
        seed, chosen = sample.draw(database, year, args.size, args.seed, replace=args.replace)
        _say(f"已抽取 {year} 年样本 {len(chosen)} 户（随机种子 {seed}，可用 --seed {seed} 重现）")
    elif args.action == "set":
        ids = sample.set_list(database, year, args.file)
        _say(f"{year} 年样本已按名单设为 {len(ids)} 户")
    elif args.action in ("add", "remove"):
        add = args.action == "add"
        household = sample.change(database, year, args.household, args.reason, add=add)
        _say(f"已{'加入' if add else '移出'} {year} 年样本：{household}")
    else:
        rows = sample.listing(database, year)
        for r in rows:
            print(
                f"{r.household_id}\t{r.area_code}\t{r.village}\t{r.head_name}\t{r.hukou_number}"
                f"\t{r.chosen}\t{r.reason}"
            )
        _say(f"{year} 年样本共 {len(rows)} 户")
    return 0


def _say(text: str) -> None:
    print(text, file=sys.stderr, flush=True)
