"""The search index: FTS5 over names, pinyin, ID and certificate numbers, address, phone.

Two FTS5 tables share one document id (`search_doc.doc_id`):

- `search_text` (trigram tokenizer) finds any substring of three characters or
  more: name fragments, full pinyin, the last digits of an ID, an address.
- `search_short` (unicode61 over characters separated by spaces) finds one- and
  two-character queries, which trigrams cannot: 张, 张三, the initials "zs".

The index follows every flush of a session made by the store (the `after_flush`
hook below), so writes, deletions and applied sync pages keep it right.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from sqlalchemy import Connection, event, inspect, text
from sqlalchemy.orm import Session, sessionmaker

from app.domain.number_text import fold_number
from app.store.registry import Household, Person

# Surnames read differently from the same character elsewhere.
SURNAME_PINYIN = {
    "曾": "zeng",
    "单": "shan",
    "解": "xie",
    "区": "ou",
    "仇": "qiu",
    "朴": "piao",
    "查": "zha",
    "盖": "ge",
    "覃": "qin",
    "乐": "yue",
    "召": "shao",
    "缪": "miao",
    "翟": "zhai",
    "员": "yun",
    "种": "chong",
    "长": "chang",
    "重": "chong",
    "尉": "yu",
}

ID_LIKE = re.compile(r"^\d{17}[\dX](\d{1,2}(B\d?)?)?$")
CHUNK = 400
EXACT_LOOKUPS = (
    "SELECT household_id, id FROM person WHERE deleted = 0 AND id_number = :q",
    "SELECT household_id, id FROM person WHERE deleted = 0 AND cert_number <> ''"
    " AND cert_number = :q",
    "SELECT id, NULL FROM household WHERE deleted = 0 AND head_id_number = :q",
)


@lru_cache(maxsize=65536)
def name_pinyin(name: str) -> tuple[str, str]:
    """Full pinyin and initials of a name: 张三 -> ("zhangsan", "zs")."""
    syllables = _syllables(name)
    if syllables and name[:1] in SURNAME_PINYIN:
        syllables[0] = SURNAME_PINYIN[name[0]]
    full = "".join(syllables).lower()
    initials = "".join(s[:1] for s in syllables).lower()
    return full, initials


def _syllables(name: str) -> list[str]:
    """`pypinyin.lazy_pinyin(name)`, character by character from a table when no word of
    pypinyin's phrase dictionary is in the name (nearly every name): the same readings,
    without its word segmentation for each of tens of thousands of names."""
    from pypinyin.constants import PHRASES_DICT  # 0.2 s to import: only when a name is indexed

    size = len(name)
    words = (name[i:j] for i in range(size) for j in range(i + 2, size + 1))
    if any(w in PHRASES_DICT for w in words):
        return _lazy_pinyin(name)
    syllables = [_character_pinyin(ch) for ch in name]
    if not all(syllables):  # not a Chinese character with a reading: as pypinyin groups it
        return _lazy_pinyin(name)
    return syllables  # type: ignore[return-value]


@lru_cache(maxsize=32768)
def _character_pinyin(ch: str) -> str | None:
    """The reading pypinyin gives a Chinese character alone (None for anything else)."""
    if not "\u3400" <= ch <= "\u9fff":
        return None
    syllables = _lazy_pinyin(ch)
    return syllables[0] if len(syllables) == 1 and syllables[0] != ch else None


def _lazy_pinyin(text_: str) -> list[str]:
    from pypinyin import lazy_pinyin

    return list(lazy_pinyin(text_))


def spaced(text_: str) -> str:
    """The characters of a text without its white space, separated by spaces."""
    return " ".join("".join(text_.split()))


@dataclass(frozen=True)
class Doc:
    """One searchable document: a person, or a household head who is not a person."""

    household_id: str
    person_id: str | None
    name: str
    id_number: str
    cert_number: str
    address: str
    phone: str

    def rows(self, doc_id: int) -> tuple[tuple[Any, ...], tuple[Any, ...], tuple[Any, ...]]:
        """Its rows in search_doc, search_text and search_short (columns as in `insert_docs`)."""
        full, initials = name_pinyin(self.name)
        doc = (doc_id, self.household_id, self.person_id)
        fts = (
            doc_id,
            self.name,
            full,
            initials,
            self.id_number,
            self.cert_number,
            self.address,
            self.phone,
        )
        short = (doc_id, spaced(self.name), spaced(initials), spaced(self.address))
        return doc, fts, short


def _chunks(ids: Sequence[str]) -> Iterable[Sequence[str]]:
    for i in range(0, len(ids), CHUNK):
        yield ids[i : i + CHUNK]


HOUSEHOLD_COLUMNS = "id, head_name, head_id_number, address, registered_address, phone, phone2"
PERSON_COLUMNS = "household_id, id, name, id_number, cert_number, mobile, landline, contact_phone"


def docs_for_households(conn: Connection, household_ids: Sequence[str]) -> list[Doc]:
    """Build the documents of these households from the live registry rows."""
    docs: list[Doc] = []
    for part in _chunks(household_ids):
        households = conn.execute(
            text(
                f"SELECT {HOUSEHOLD_COLUMNS} FROM household WHERE deleted = 0 AND id IN :ids"
            ).bindparams(_expanding("ids")),
            {"ids": list(part)},
        ).all()
        persons = conn.execute(
            text(
                f"SELECT {PERSON_COLUMNS} FROM person WHERE deleted = 0 AND household_id IN :ids"
            ).bindparams(_expanding("ids")),
            {"ids": list(part)},
        ).all()
        docs += _documents(households, persons)
    return docs


def _documents(households: Sequence[Any], persons: Sequence[Any]) -> list[Doc]:
    """The documents of these households (rows of HOUSEHOLD_COLUMNS) and their persons (rows
    of PERSON_COLUMNS): one per person, and the head when not one of them."""
    docs: list[Doc] = []
    by_household: dict[str, list[Any]] = {}
    for p in persons:
        by_household.setdefault(p[0], []).append(p)
    for hid, head_name, head_id_number, address_, registered, phone, phone2 in households:
        address = " ".join(a for a in (address_, registered) if a)
        members = by_household.get(hid, [])
        for _, pid, name, id_number, cert_number, mobile, landline, contact in members:
            phones = " ".join(x for x in (mobile, landline, contact, phone) if x)
            docs.append(Doc(hid, pid, name, id_number, cert_number, address, phones))
        if head_name and all(p[3] != head_id_number for p in members):
            phones = " ".join(x for x in (phone, phone2) if x)
            docs.append(Doc(hid, None, head_name, head_id_number, "", address, phones))
    return docs


def _expanding(name: str) -> Any:
    from sqlalchemy import bindparam

    return bindparam(name, expanding=True)


def remove_households(conn: Connection, household_ids: Sequence[str]) -> None:
    for part in _chunks(household_ids):
        params = {"ids": list(part)}
        sub = "SELECT doc_id FROM search_doc WHERE household_id IN :ids"
        for table in ("search_text", "search_short"):
            conn.execute(
                text(f"DELETE FROM {table} WHERE rowid IN ({sub})").bindparams(_expanding("ids")),
                params,
            )
        conn.execute(
            text("DELETE FROM search_doc WHERE household_id IN :ids").bindparams(_expanding("ids")),
            params,
        )


def insert_docs(conn: Connection, docs: Sequence[Doc]) -> None:
    if not docs:
        return
    start = conn.exec_driver_sql("SELECT coalesce(max(doc_id), 0) FROM search_doc").scalar_one()
    doc_rows, fts_rows, short_rows = [], [], []
    for offset, doc in enumerate(docs, start=1):
        d, f, s = doc.rows(int(start) + offset)
        doc_rows.append(d)
        fts_rows.append(f)
        short_rows.append(s)
    conn.exec_driver_sql(
        "INSERT INTO search_doc (doc_id, household_id, person_id) VALUES (?, ?, ?)", doc_rows
    )
    conn.exec_driver_sql(
        "INSERT INTO search_text (rowid, name, pinyin, initials, id_number, cert_number,"
        " address, phone) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        fts_rows,
    )
    conn.exec_driver_sql(
        "INSERT INTO search_short (rowid, name_chars, initials_chars, address_chars)"
        " VALUES (?, ?, ?, ?)",
        short_rows,
    )


def reindex_households(conn: Connection, household_ids: Iterable[str]) -> None:
    """Make the documents of these households match the registry again."""
    ids = sorted(set(household_ids))
    if not ids:
        return
    remove_households(conn, ids)
    insert_docs(conn, docs_for_households(conn, ids))


def rebuild(conn: Connection) -> None:
    """Rebuild the whole index (after a bulk load): every household in one pass."""
    for table in ("search_text", "search_short", "search_doc"):
        conn.exec_driver_sql(f"DELETE FROM {table}")
    households = conn.exec_driver_sql(
        f"SELECT {HOUSEHOLD_COLUMNS} FROM household WHERE deleted = 0 ORDER BY rowid"
    ).all()
    persons = conn.exec_driver_sql(
        f"SELECT {PERSON_COLUMNS} FROM person WHERE deleted = 0 ORDER BY rowid"
    ).all()
    insert_docs(conn, _documents(households, persons))


# -- keeping the index right on every flush --------------------------------------


def _touched_households(session: Session) -> set[str]:
    touched: set[str] = set()
    for obj in list(session.new) + list(session.dirty) + list(session.deleted):
        if isinstance(obj, Household):
            touched.add(obj.id)
        elif isinstance(obj, Person):
            touched.add(obj.household_id)
            history = inspect(obj).attrs.household_id.history
            touched.update(h for h in history.deleted if h)
    return touched


def _after_flush(session: Session, _context: Any) -> None:
    touched = _touched_households(session)
    if touched:
        reindex_households(session.connection(), sorted(touched))


def attach(factory: sessionmaker[Session]) -> None:
    """Keep the index right for every session this factory makes."""
    event.listen(factory, "after_flush", _after_flush)


# -- queries -----------------------------------------------------------------------


@dataclass(frozen=True)
class SearchHit:
    """A household found by a query, with the person whose document matched (if any)."""

    household_id: str
    person_id: str | None
    exact: bool = False


def normalize_query(query: str) -> str:
    """The query with full-width characters folded and spaces collapsed; an ID or certificate
    number however written (spaces, dashes, lower-case x) as it is stored."""
    q = " ".join(unicodedata.normalize("NFKC", query).split())
    number = fold_number(q)
    return number if ID_LIKE.match(number) else q


def _phrase(term: str) -> str:
    return '"' + term.replace('"', '""') + '"'


def _short_term(term: str) -> tuple[str, ...]:
    """Tiers of FTS5 expressions on the short table for a one- or two-character term."""
    if term.isdigit():
        return ()  # one or two digits would match nearly everything
    chars = _phrase(spaced(term.lower() if term.isascii() else term))
    if term.isascii() and term.isalpha():
        return (f"initials_chars : ^ {chars}", f"initials_chars : {chars}")
    return (f"name_chars : ^ {chars}", f"name_chars : {chars}", f"address_chars : {chars}")


def _long_term(term: str) -> tuple[str, ...]:
    """Tiers of FTS5 expressions on the trigram table for a term of three characters or more."""
    phrase = _phrase(term)
    if term.isdigit() or ID_LIKE.match(term):
        return (f"{{id_number cert_number phone}} : {phrase}", phrase)
    return (
        f"{{name pinyin initials}} : ^ {phrase}",  # the name or its pinyin starts so
        f"{{name pinyin initials id_number cert_number phone}} : {phrase}",
        phrase,  # anywhere, the address included
    )


@dataclass(frozen=True)
class Tier:
    """One FTS5 query of a plan: a table, its MATCH expression, and for the mixed case the
    short table's expression that must match too."""

    table: str
    match: str
    also_short: str | None = None


def plan(query: str) -> tuple[Tier, ...]:
    """Turn a query into tiers of MATCH expressions, best first, broadest last.

    One term: tiers from "the name starts so" to "anywhere". Several terms: every
    term must match somewhere (one tier).
    """
    terms = [t for t in normalize_query(query).split(" ") if t]
    if len(terms) == 1:
        term = terms[0]
        if len(term) >= 3:
            return tuple(Tier("search_text", m) for m in _long_term(term))
        return tuple(Tier("search_short", m) for m in _short_term(term))
    long_terms = [_phrase(t) for t in terms if len(t) >= 3]
    short_terms = [
        _phrase(spaced(t.lower() if t.isascii() else t))
        for t in terms
        if len(t) < 3 and not t.isdigit()
    ]
    if not long_terms and not short_terms:
        return ()
    if not short_terms:
        return (Tier("search_text", " AND ".join(long_terms)),)
    anywhere = " AND ".join(
        f"({{name_chars initials_chars address_chars}} : {m})" for m in short_terms
    )
    if not long_terms:
        return (Tier("search_short", anywhere),)
    # both kinds: the trigram table finds, the short table confirms
    return (Tier("search_text", " AND ".join(long_terms), also_short=anywhere),)


def match_expressions(query: str) -> tuple[str | None, str | None]:
    """The broadest MATCH expressions for the two tables (for the bare baseline)."""
    tiers = plan(query)
    if not tiers:
        return None, None
    broadest = tiers[-1]
    if broadest.table == "search_text":
        return broadest.match, broadest.also_short
    return None, broadest.match


def _tier_sql(tier: Tier, columns: str = "") -> str:
    table = tier.table
    sql = (
        f"SELECT d.household_id, d.person_id{columns} FROM {table}"
        f" JOIN search_doc d ON d.doc_id = {table}.rowid WHERE {table} MATCH :m"
    )
    if tier.also_short is not None:
        sql += (
            " AND search_text.rowid IN"
            " (SELECT rowid FROM search_short WHERE search_short MATCH :m2)"
        )
    return sql + " LIMIT :limit"


def _params(tier: Tier, limit: int) -> dict[str, Any]:
    return {"m": tier.match, "m2": tier.also_short, "limit": limit}


CLASSIFY_COLUMNS = {
    "search_text": ", name, pinyin, initials, id_number, cert_number, phone",
    "search_short": ", name_chars, initials_chars",
}
#: documents fetched beyond the page, since several documents may share a household
SLACK = 60


def _tier_of(table: str, term: str, row: Sequence[Any]) -> int:
    """Which tier of `plan` a fetched document belongs to (0 best)."""
    fields = [str(v or "").lower() for v in row[2:]]
    if table == "search_short":
        term = spaced(term)
        fields = fields[:2]
        if any(f.startswith(term) for f in fields):
            return 0
        return 1 if any(term in f for f in fields) else 2
    if term.isdigit() or ID_LIKE.match(term.upper()):
        return 0 if any(term in f for f in fields[3:]) else 1
    if any(f.startswith(term) for f in fields[:3]):
        return 0
    return 1 if any(term in f for f in fields) else 2


def _is_selective(query: str) -> bool:
    """Three or more characters that are not all digits: usually a short list of matches."""
    return len(query) >= 3 and not query.isdigit()


def search(conn: Connection, query: str, limit: int = 200) -> list[SearchHit]:
    """Households matching `query`, best first; an exact ID or certificate number first of all.

    FTS5's own ranking sorts every match (tens of milliseconds for 张 at 100,000
    persons), and bm25 says little about names anyway. Instead a selective query
    runs at its broadest, and when it finds no more than a page of documents they
    are ordered here by tier (name starts so, then contains, then address); other
    queries run tier by tier, best first, until the page is full.
    """
    q = normalize_query(query)
    if not q:
        return []
    hits: list[SearchHit] = []
    seen: set[str] = set()

    def add(household_id: str, person_id: str | None, exact: bool = False) -> bool:
        if household_id not in seen:
            seen.add(household_id)
            hits.append(SearchHit(household_id, person_id, exact))
        return len(hits) >= limit

    if ID_LIKE.match(q):
        # three indexed lookups (each its own statement, so each uses its index)
        for sql in EXACT_LOOKUPS:
            for row in conn.execute(text(sql), {"q": q}):
                add(row[0], row[1], exact=True)
        if hits:
            return hits  # a whole number is unique: nothing else can match it better
    tiers = plan(q)
    if not tiers:
        return hits
    broadest = tiers[-1]
    if len(tiers) > 1 and _is_selective(q):
        # a selective query (a name, pinyin, an address word) finds few documents:
        # fetch them all at once and order them here by tier
        cap = limit + SLACK
        columns = CLASSIFY_COLUMNS[broadest.table]
        rows = list(conn.execute(text(_tier_sql(broadest, columns)), _params(broadest, cap)))
        if len(rows) < cap:
            term = q.lower()
            rows.sort(key=lambda r: _tier_of(broadest.table, term, r))
            for row in rows:
                if add(row[0], row[1]):
                    break
            return hits
    for tier in tiers:
        for household_id, person_id in conn.execute(
            text(_tier_sql(tier)), _params(tier, limit + len(seen) + SLACK)
        ):
            if add(household_id, person_id):
                return hits
    return hits
