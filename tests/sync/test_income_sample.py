"""The income-monitoring sample end to end: the admin draws it on the server (from its seed,
reproducibly, eligible households only), changes it with reasons (audited), and over a real
socket each member's laptop gets its villages' sampled households, which are then exactly
the households due Form B in every round: on 今日, on the visit page, in the figures and in
the export."""

from __future__ import annotations

import csv
from collections.abc import Callable
from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import select

from app.domain.identity import make_resident_id
from app.domain.income_sample import rounds_of
from app.exports.fields import ExportParams
from app.exports.form_sources import form_b_rows
from app.reports.progress import Scope
from app.reports.progress_work import form_b_figure
from app.store import rounds, today
from app.store.database import Database
from app.store.registry import Household, Person
from app.store.work import IncomeSample
from sync.server import ledger, sample
from sync.server.__main__ import main
from sync.server.admin import AdminError
from sync.server.db import ServerDatabase
from sync.server.roster import import_roster
from sync.server.tables import Audit
from tests.sync.laptops import Wire, sync
from tests.sync.servers import ALICE_VILLAGE, BOB_VILLAGE, MOLLY_VILLAGE, ServerProcess

Server = tuple[ServerProcess, ServerDatabase]
Laptops = Callable[..., Database]
YEAR = 2026
VILLAGES = (ALICE_VILLAGE, MOLLY_VILLAGE, BOB_VILLAGE)


def registered(database: ServerDatabase, folder: Path) -> dict[str, str]:
    """Four one-person households in each of three villages (household id: village code);
    the first household's only person is then cancelled, which makes it not eligible."""
    path = folder / "roster.csv"
    with path.open("w", encoding="utf-8-sig", newline="") as handle:
        out = csv.writer(handle)
        out.writerow(["村社区代码", "姓名", "身份证号", "户编号", "户主身份证号"])
        for v, village in enumerate(VILLAGES):
            for n in range(4):
                out.writerow([village, f"张{v}{n}", head(v, n), f"H{v}{n}", head(v, n)])
    report = import_roster(database, path)
    assert not report.refused, report.lines()
    with database.write() as s:
        ledger.lock(s)
        first = s.scalars(select(Person).where(Person.name == "张00")).one()
        ledger.write_change(s, "person", first.id, {"status": "cancelled"},
                            author=ledger.Author("import"))  # fmt: skip
        return {h: a for h, a in s.execute(select(Household.id, Household.area_code))}


def head(village: int, n: int) -> str:
    """The ID number of the n-th household head of the village (also the household's key)."""
    return make_resident_id("330283", date(1950 + n, village + 1, 10 + n), 11 + n)


def sampled_on(db: Database | ServerDatabase, year: int = YEAR) -> set[str]:
    reading = db.read() if isinstance(db, ServerDatabase) else db.transaction()
    with reading as s:
        query = select(IncomeSample.household_id).where(
            IncomeSample.year == year, IncomeSample.deleted.is_(False)
        )
        return set(s.scalars(query))


def audits(database: ServerDatabase, action: str) -> list[Audit]:
    with database.read() as s:
        return list(s.scalars(select(Audit).where(Audit.action == action).order_by(Audit.id)))


def test_drawn_from_its_seed_among_the_eligible(server: Server, tmp_path: Path) -> None:
    _, database = server
    households = registered(database, tmp_path)
    ineligible = next(h for h in households if households[h] == ALICE_VILLAGE
                      and h not in {x for x, _ in _eligible(database)})  # fmt: skip

    seed, first = sample.draw(database, YEAR, 6, 11)
    assert seed == 11 and len(first) == 6 and ineligible not in first
    with pytest.raises(AdminError, match="已有样本 6 户"):
        sample.draw(database, YEAR, 6, 11)  # a second draw must say it replaces
    assert sample.draw(database, YEAR, 6, 11, replace=True)[1] == first
    assert sampled_on(database) == set(first)
    # the ids are new each run: one other seed might draw the same (1 in 210); three won't
    others = [sample.draw(database, YEAR, 6, seed, replace=True)[1] for seed in (12, 13, 14)]
    assert any(o != first for o in others) and sampled_on(database) == set(others[-1])
    whole = sample.draw(database, YEAR, 100, 5, replace=True)[1]
    assert set(whole) == set(households) - {ineligible}  # all eligible, never the other
    # each town its share: two towns, 8 and 3 eligible households, 4 drawn
    towns = [households[h][:9] for h in sample.draw(database, YEAR, 4, 3, replace=True)[1]]
    assert sorted(towns) == ["330213001"] * 3 + ["330213002"]

    draws = audits(database, "income_sample_draw")
    assert [(a.detail["seed"], a.detail["households"]) for a in draws][:2] == [
        (11, first),
        (11, first),
    ]
    with database.read() as s:
        kept = s.scalars(select(IncomeSample.chosen).where(IncomeSample.deleted.is_(False)))
        assert set(kept) == {"draw:3"}


def _eligible(database: ServerDatabase) -> list[tuple[str, str]]:
    from app.store.income_sample import eligible

    with database.read() as s:
        return eligible(s)


def test_changes_are_audited_and_checked(server: Server, tmp_path: Path) -> None:
    _, database = server
    households = registered(database, tmp_path)
    bob = sorted(h for h in households if households[h] == BOB_VILLAGE)
    listed = tmp_path / "sample.csv"
    listed.write_text(f"户主身份证号\n{head(2, 0)}\n{head(2, 1)}\n", encoding="utf-8")
    ids = sample.set_list(database, YEAR, listed)
    assert [_ref(database, h) for h in ids] == [head(2, 0), head(2, 1)]
    assert sampled_on(database) == set(ids) and set(ids) <= set(bob)

    sample.change(database, YEAR, head(2, 2), "替换外出务工户", add=True)
    sample.change(database, YEAR, head(2, 0), "全家外出务工，联系不上", add=False)
    assert {_ref(database, h) for h in sampled_on(database)} == {head(2, 1), head(2, 2)}
    with pytest.raises(AdminError, match="原因"):
        sample.change(database, YEAR, head(2, 3), " ", add=True)
    with pytest.raises(AdminError, match="没有在册持证残疾人"):
        sample.change(database, YEAR, head(0, 0), "试", add=True)
    with pytest.raises(AdminError, match="不在 2026 年样本中"):
        sample.change(database, YEAR, head(2, 0), "再移出", add=False)
    wrong = tmp_path / "wrong.txt"
    wrong.write_text(f"{head(2, 1)}\nH99\n{head(0, 0)}\n", encoding="utf-8")
    with pytest.raises(AdminError, match=r"第2项.*H99.*\n第3项.*没有在册持证残疾人"):
        sample.set_list(database, YEAR, wrong)
    assert {_ref(database, h) for h in sampled_on(database)} == {
        head(2, 1),
        head(2, 2),
    }  # unchanged

    removed = audits(database, "income_sample_remove")
    assert [a.detail["reason"] for a in removed] == ["全家外出务工，联系不上"]
    assert [a.detail["reason"] for a in audits(database, "income_sample_add")] == ["替换外出务工户"]
    assert audits(database, "income_sample_set")[0].detail["file"] == "sample.csv"
    with database.read() as s:  # the removed row keeps why it was removed
        gone = s.scalars(select(IncomeSample).where(IncomeSample.deleted.is_(True))).one()
        assert gone.reason == "全家外出务工，联系不上"


def _ref(database: ServerDatabase, household_id: str) -> str:
    with database.read() as s:
        household = s.get(Household, household_id)
        assert household is not None
        return household.head_id_number


def test_the_sample_is_due_form_b_on_each_members_laptop(
    server: Server, laptops: Laptops, tmp_path: Path
) -> None:
    process, database = server
    households = registered(database, tmp_path)
    url = str(database.url.render_as_string(hide_password=False))
    assert main(["--db", url, "sample", "draw", "--year", "2026", "--size", "8",
                 "--seed", "42"]) == 0  # fmt: skip
    assert len(sampled_on(database)) == 8
    # then the admin sets it from a list: two of alice's households and one of bob's
    listed = tmp_path / "list.csv"
    listed.write_text("\n".join(["户主身份证号", head(0, 1), head(0, 2), head(2, 0)]), "utf-8")
    assert main(["--db", url, "sample", "set", str(listed), "--year", "2026"]) == 0
    drawn = sampled_on(database)
    of = {v: {h for h in drawn if households[h] == v} for v in VILLAGES}
    assert [len(of[v]) for v in VILLAGES] == [2, 0, 1]

    alice = laptops(process, "alice")
    bob = laptops(process, "bob")
    assert sampled_on(alice) == of[ALICE_VILLAGE]
    assert sampled_on(bob) == of[BOB_VILLAGE]
    for survey_round in rounds_of(YEAR, "quarter"):
        assert _due(alice, survey_round) == of[ALICE_VILLAGE]
    assert _due(alice, "2025Q4") == set()  # another year's rounds: not this sample

    # the admin swaps one of alice's households for another; her next sync follows
    leaving = sorted(of[ALICE_VILLAGE])[0]
    spare = [h for h, a in _eligible(database) if a == ALICE_VILLAGE and h not in drawn]
    assert main(["--db", url, "sample", "remove", leaving, "--year", "2026",
                 "--reason", "户主去世，户已注销"]) == 0  # fmt: skip
    sample.change(database, YEAR, spare[0], "补足本村样本", add=True)
    sync(alice)
    now = of[ALICE_VILLAGE] - {leaving} | {spare[0]}
    assert _due(alice, "2026Q4") == now

    with alice.session() as s:  # the visit page and 今日 read the same list
        due = rounds.due_forms(s.connection(), YEAR, ALICE_VILLAGE, b_round="2026Q4")
        assert {d.household_id for d in due if d.form_id == rounds.FORM_B} == now
        assert {d.survey_round for d in due if d.form_id == rounds.FORM_B} == {"2026Q4"}
        to_visit = today.income_to_survey(s.connection(), "2026Q4", [ALICE_VILLAGE])
        assert {h.household_id for h in to_visit} == now
        assert {(h.village, h.state) for h in to_visit} == {("奉中社区", None)}
        progress = rounds.progress_by_village(s.connection(), YEAR, rounds.FORM_B)
        assert [(p.area_code, p.due, p.done) for p in progress] == [(ALICE_VILLAGE, len(now), 0)]
        scope = Scope("330213001001", "村", "2026Q4", date(2026, 12, 9))
        figure = form_b_figure(s, scope)
        rows = form_b_rows(s, ExportParams("2026", ALICE_VILLAGE, date(2026, 12, 9)))
    assert figure.rows[-1][:5] == ("合计", len(now), 0, 0, len(now))
    assert {r["household.id"] for r in rows} == now
    assert {(r["round"], r["reason"]) for r in rows} == {("2026Q4", "未开始")}


def _due(db: Database, survey_round: str) -> set[str]:
    with db.session() as s:
        return {d.household_id for d in rounds.households_due_form_b(s.connection(), survey_round)}


def test_an_unreadable_list_is_refused_by_name(server: Server, tmp_path: Path) -> None:
    _, database = server
    with pytest.raises(AdminError, match="没有户"):
        sample.set_list(database, YEAR, _empty(tmp_path))


def _empty(folder: Path) -> Path:
    path = folder / "empty.txt"
    path.write_text("户编号\n", encoding="utf-8")
    return path


def test_the_admin_routes_draw_and_change_it_audited_by_name(
    server: Server, laptops: Laptops, tmp_path: Path
) -> None:
    """The admin API (the 管理 pages' way): ada draws alice's village's sample and removes
    a household with its reason; the audit names ada; alice's laptop follows."""
    process, database = server
    households = registered(database, tmp_path)
    ada = Wire(process, "ada")
    drawn = ada.post("/admin/sample/2026/draw", {"area": ALICE_VILLAGE, "size": 2, "seed": 9})
    assert drawn.status_code == 200, drawn.text
    chosen = drawn.json()["households"]
    assert drawn.json()["seed"] == 9 and len(chosen) == 2
    assert {households[h] for h in chosen} == {ALICE_VILLAGE}
    removal = {"household": chosen[0], "add": False, "reason": "拒访"}
    answer = ada.post("/admin/sample/2026/changes", removal)
    assert answer.status_code == 200, answer.text
    listed = ada.get("/admin/sample/2026").json()
    assert [r["household_id"] for r in listed] == chosen[1:]
    again = ada.post("/admin/sample/2026/changes", removal)
    assert again.status_code == 400 and "不在 2026 年样本中" in again.text
    removed = audits(database, "income_sample_remove")
    assert [(a.username, a.detail["reason"]) for a in removed] == [("ada", "拒访")]
    assert audits(database, "income_sample_draw")[0].username == "ada"
    alice = laptops(process, "alice")
    assert sampled_on(alice) == set(chosen[1:])
