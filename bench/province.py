"""A fictitious province on a PostgreSQL server database: districts, members, persons, fast.

The seed district's real area tree (`resources/areas/330213.csv`) is repeated under
made-up district codes of the same structure (province 33, city, county: 12 towns
and 337 villages each), with a member for every village and a reviewer for every
town, all signing in with the password of the demo's users. Households, persons and
their certificates are made inside PostgreSQL (`INSERT ... SELECT` over
`generate_series`, no row through Python) and ledgered like the server's bulk path
(`sync.server.bulk`): each record gets its own sequence number, `record_index` row
and `change_log` row. Names and numbers are fictitious: identity numbers start with
99, which no region code does.
"""

from __future__ import annotations

import csv
import math
import uuid
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from app import resources

SEED_AREAS = resources.path("areas", "330213.csv")
SEED_DISTRICT = "330213"
#: persons of one synthetic district (about the seed's) and persons per household
DISTRICT_PERSONS = 15_000
PERSONS_PER_HOUSEHOLD = 1.3
AUTHOR = "server"


@dataclass
class Province:
    """What was added: districts, villages (each with its member), households, persons."""

    districts: int = 0
    villages: int = 0
    members: int = 0
    households: int = 0
    persons: int = 0


def psycopg_url(url: str) -> str:
    """The URL psycopg takes (SQLAlchemy's driver suffix removed)."""
    return url.replace("postgresql+psycopg://", "postgresql://")


def district_codes(count: int) -> list[str]:
    """`count` made-up six-digit district codes in province 33 (never the seed's)."""
    codes = []
    for n in range(count + 1):
        code = f"33{11 + n // 19:02d}{81 + n % 19:02d}"  # cities 11.., counties 81..99
        if code != SEED_DISTRICT:
            codes.append(code)
    return codes[:count]


def _seed_rows() -> list[dict[str, str]]:
    with open(SEED_AREAS, encoding="utf-8") as f:
        return list(csv.DictReader(f))


def _now() -> datetime:
    return datetime.now(UTC).replace(tzinfo=None)


def fill(url: str, persons: int, password_hash: str) -> Province:
    """Add about `persons` persons in new districts to an initialised server database."""
    import psycopg

    made = Province()
    if persons <= 0:
        return made
    seed = _seed_rows()
    districts = district_codes(max(1, math.ceil(persons / DISTRICT_PERSONS)))
    households = math.ceil(persons / PERSONS_PER_HOUSEHOLD)
    now = _now()
    with psycopg.connect(psycopg_url(url)) as conn, conn.cursor() as cur:
        cur.execute("SELECT value FROM seq_counter WHERE id = 1 FOR UPDATE")
        row = cur.fetchone()
        assert row is not None
        seq = int(row[0])
        areas, users, assignments, villages = [], [], [], []
        for n, district in enumerate(districts):
            for r in seed:
                code = district + r["code"][6:]
                seq += 1
                name = f"模拟{n + 1}区" if r["level"] == "county" else r["name"]
                parent = district + r["parent"][6:] if r["parent"] else None
                areas.append((code, name, r["level"], parent, 2023, str(uuid.uuid4()), seq))
                if r["level"] in ("village", "town"):
                    username = ("m" if r["level"] == "village" else "r") + code
                    role = "member" if r["level"] == "village" else "reviewer"
                    user_id = str(uuid.uuid4())
                    seq += 1
                    users.append(
                        (
                            username,
                            f"{name}{'委员' if role == 'member' else '审核员'}",
                            role,
                            "",
                            user_id,
                            seq,
                        )
                    )
                    seq += 1
                    assignments.append((user_id, code, str(uuid.uuid4()), seq))
                if r["level"] == "village":
                    villages.append(code)
        _copy(
            cur,
            "area",
            ("code", "name", "level", "parent_code", "valid_year", "id", "rev"),
            areas,
            now,
        )
        _copy(
            cur,
            "user_account",
            ("username", "display_name", "role", "phone", "id", "rev"),
            users,
            now,
        )
        _copy(cur, "assignment", ("user_id", "area_code", "id", "rev"), assignments, now)
        with cur.copy(
            "COPY credential (username, password_hash, failures, active, changed_at) FROM STDIN"
        ) as copy:
            for u in users:
                copy.write_row((u[0], password_hash, 0, True, now))
        ledgered = [
            ("area", "area", "NULL"),
            ("user", "user_account", "NULL"),
            ("assignment", "assignment", "t.area_code"),
        ]
        for entity, table, area in ledgered:
            _ledger(cur, entity, table, area, f"t.rev > {areas[0][6] - 1}")
        cur.execute("CREATE TEMP TABLE fv_village (n int PRIMARY KEY, code text)")
        with cur.copy("COPY fv_village (n, code) FROM STDIN") as copy:
            for i, code in enumerate(villages):
                copy.write_row((i, code))
        first = seq
        cur.execute(
            _HOUSEHOLDS,
            {
                "first": first,
                "count": households,
                "villages": len(villages),
                "now": now,
                "author": AUTHOR,
            },
        )
        seq += households
        _ledger(cur, "household", "household", "t.area_code", f"t.rev > {first}")
        first = seq
        cur.execute(
            _PERSONS,
            {
                "first": first,
                "count": persons,
                "households": households,
                "now": now,
                "author": AUTHOR,
                "h0": first - households,
            },
        )
        seq += persons
        _ledger(
            cur,
            "person",
            "person",
            "h.area_code",
            f"t.rev > {first}",
            "JOIN household h ON h.id = t.household_id",
        )
        first = seq
        cur.execute(
            _CERTIFICATES, {"first": first, "p0": first - persons, "now": now, "author": AUTHOR}
        )
        seq += persons
        _ledger(
            cur,
            "certificate",
            "certificate",
            "ri.area_code",
            f"t.rev > {first}",
            "JOIN record_index ri ON ri.entity = 'person' AND ri.record_id = t.person_id",
        )
        cur.execute("UPDATE seq_counter SET value = %s WHERE id = 1", (seq,))
        conn.commit()
    made.districts, made.villages = len(districts), len(villages)
    made.members, made.households, made.persons = len(villages), households, persons
    return made


def _copy(
    cur: Any, table: str, columns: tuple[str, ...], rows: list[tuple[Any, ...]], now: datetime
) -> None:
    names = ", ".join((*columns, "updated_at", "updated_by", "deleted"))
    with cur.copy(f"COPY {table} ({names}) FROM STDIN") as copy:
        for row in rows:
            copy.write_row((*row, now, AUTHOR, False))


def _ledger(cur: Any, entity: str, table: str, area: str, where: str, join: str = "") -> None:
    """The index and change log rows of records just inserted (their rev: their sequence)."""
    cur.execute(
        f"INSERT INTO record_index (entity, record_id, seq, area_code, created_seq,"
        f" created_origin) SELECT '{entity}', t.id, t.rev, {area}, t.rev, ''"
        f" FROM {table} t {join} WHERE {where}"
    )
    cur.execute(
        f"INSERT INTO change_log (seq, entity, record_id, kind, fields, area_code, from_area,"
        f" username, origin, op_id, at) SELECT t.rev, '{entity}', t.id, 'create',"
        f" (to_jsonb(t) - 'id' - 'rev' - 'updated_at' - 'updated_by' - 'deleted')::json,"
        f" {area}, NULL, '{AUTHOR}', '', NULL, t.updated_at FROM {table} t {join}"
        f" WHERE {where}"
    )


_SURNAMES = "ARRAY['王','李','张','刘','陈','杨','黄','赵','吴','周','徐','孙','马','朱','胡','郭','何','林','罗','郑','梁','谢','宋','唐','许','韩','冯','邓','曹','彭']"  # noqa: E501
_GIVEN = "ARRAY['伟','芳','娜','敏','静','丽','强','磊','军','洋','勇','艳','杰','娟','涛','明','超','秀','霞','平','刚','桂','英','华','建','国','文','辉','玲','红']"  # noqa: E501

# household k (1-based) lives in village k mod V; its id is made from k, so persons find it
_HOUSEHOLDS = f"""
INSERT INTO household (area_code, address, registered_address, hukou_number, hukou_type,
    head_name, head_id_number, phone, phone2, gps_lat, gps_lon, hardship,
    multi_disability_code, id, rev, updated_at, updated_by, deleted)
SELECT v.code, '模拟路' || (k %% 300 + 1) || '号', '模拟路' || (k %% 300 + 1) || '号',
    lpad((100000000 + k)::text, 9, '0'), CASE WHEN k %% 3 = 0 THEN '2' ELSE '1' END,
    ({_SURNAMES})[1 + k %% 30] || ({_GIVEN})[1 + (k / 30) %% 30],
    '98' || lpad(k::text, 15, '0') || 'X',
    '139' || lpad((k %% 100000000)::text, 8, '0'), '', NULL, NULL, '[]'::json, '',
    md5('fv-household-' || (%(first)s + k))::uuid::text, %(first)s + k, %(now)s,
    %(author)s, false
FROM generate_series(1, %(count)s) AS k
JOIN fv_village v ON v.n = k %% %(villages)s
"""

# person j belongs to household (j mod H) + 1 of the block just made
_PERSONS = f"""
INSERT INTO person (household_id, relation, name, id_number, sex, birth_date, ethnicity,
    marital, cert_number, category, grade, component_grades, cause, self_care, contact_name,
    contact_relation, contact_phone, mobile, landline, card_generation, card_issued,
    card_valid_until, card_status, in_institution, bank_name, bank_account, status,
    cancel_reason, status_date, id, rev, updated_at, updated_by, deleted)
SELECT md5('fv-household-' || (%(h0)s + 1 + j %% %(households)s))::uuid::text,
    CASE WHEN j < %(households)s THEN '1' ELSE '3' END,
    ({_SURNAMES})[1 + j %% 30] || ({_GIVEN})[1 + (j / 30) %% 30] || ({_GIVEN})[1 + (j / 900) %% 30],
    '99' || lpad(j::text, 15, '0') || 'X', (1 + j %% 2)::text,
    DATE '1940-01-01' + (j %% 25000), '01', '2',
    '99' || lpad(j::text, 15, '0') || 'X' || (1 + j %% 7)::text || (1 + j %% 4)::text || 'B',
    (1 + j %% 7)::text, (1 + j %% 4)::text, '{{}}'::json, '1', '1', '', '', '',
    '138' || lpad((j %% 100000000)::text, 8, '0'), '', '3', DATE '2018-01-01' + (j %% 2000),
    DATE '2028-01-01' + (j %% 2000), '1', false, '', '', 'active', '', NULL,
    md5('fv-person-' || (%(first)s + 1 + j))::uuid::text, %(first)s + 1 + j, %(now)s,
    %(author)s, false
FROM generate_series(0, %(count)s - 1) AS j
"""

_CERTIFICATES = """
INSERT INTO certificate (person_id, cert_number, category, grade, valid_from, valid_to, note,
    id, rev, updated_at, updated_by, deleted)
SELECT p.id, p.cert_number, p.category, p.grade, p.card_issued, p.card_valid_until, '',
    md5('fv-certificate-' || p.rev)::uuid::text, %(first)s + (p.rev - %(p0)s), %(now)s,
    %(author)s, false
FROM person p WHERE p.rev > %(p0)s
"""
