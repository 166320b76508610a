"""Masking of ID, certificate and bank account numbers."""

from __future__ import annotations

import pytest

from app.domain.masking import mask_bank, mask_id


@pytest.mark.parametrize(
    ("text", "masked"),
    [
        ("330283199001011238", "330283********1238"),
        ("33028319750308004x", "330283********004X"),
        (" 330283 19900101 1238 ", "330283********1238"),
        ("33028319900101123842", "330283********123842"),  # certificate: suffix kept
        ("33028319900101123842B1", "330283********123842B1"),  # reissued certificate
        ("330283900101123", "330283******123"),  # legacy 15: birth date hidden
        ("3302831990010", "330283***0010"),  # other lengths: first 6 and last 4
        ("3302831990", "**********"),  # too short to show anything
        ("12", "**"),
        ("", ""),
    ],
)
def test_mask_id(text: str, masked: str) -> None:
    assert mask_id(text) == masked
    assert len(mask_id(text)) == len(text.replace(" ", ""))


@pytest.mark.parametrize(
    ("account", "masked"),
    [
        ("6200000000000001234", "**** 1234"),
        ("6200 0000 0000 0001 234", "**** 1234"),
        ("62001", "**** 2001"),
        ("1234", "****"),
        ("1", "****"),
        ("", ""),
        ("   ", ""),
    ],
)
def test_mask_bank(account: str, masked: str) -> None:
    assert mask_bank(account) == masked


def test_masked_id_hides_the_birth_date() -> None:
    assert "19900101" not in mask_id("330283199001011238")
    assert "900101" not in mask_id("330283900101123")
