"""QR codes of the prints: reportlab's encoder, with a table-driven error-correction step.

reportlab builds the Reed-Solomon generator polynomial again for every code and divides
with polynomial objects, about 1 ms a code in pure Python; a print batch draws one code per
record. Here the generators are built once per length and the remainder is taken with the
log/antilog tables directly (the same arithmetic, about 0.1 ms). Every other step (version,
bit buffer, placement, mask) is reportlab's, and the modules are the same as its own.
"""

from __future__ import annotations

from functools import cache
from itertools import chain, zip_longest
from typing import Any

from reportlab.graphics.barcode import qrencoder

EXP: list[int] = qrencoder.EXP_TABLE
LOG: list[int] = qrencoder.LOG_TABLE
QR_MASK = 2  # any of the eight QR masks decodes; see modules()


@cache
def _generator_logs(length: int) -> tuple[int, ...]:
    """log α of the coefficients of ∏(x − αⁱ), i < length, without the leading 1."""
    poly = [1]
    for i in range(length):
        product = [*poly, 0]
        for j, coefficient in enumerate(poly):
            if coefficient:
                product[j + 1] ^= EXP[(LOG[coefficient] + i) % 255]
        poly = product
    return tuple(LOG[c] for c in poly[1:])


def _error_correction(data: list[int], length: int) -> list[int]:
    """The `length` error-correction bytes of one block of data bytes."""
    generator = _generator_logs(length)
    remainder = [0] * length
    for byte in data:
        factor = byte ^ remainder.pop(0)
        remainder.append(0)
        if factor:
            shift = LOG[factor]
            for i, log in enumerate(generator):
                remainder[i] ^= EXP[(log + shift) % 255]
    return remainder


def _codewords(version: int, level: int, data_list: list[Any]) -> list[int]:
    """Data and error-correction codewords, interleaved (reportlab's createData)."""
    blocks = qrencoder.QRRSBlock.getRSBlocks(version, level)  # type: ignore[no-untyped-call]
    buffer = qrencoder.QRBitBuffer()
    for data in data_list:
        data.write(buffer, version)
    capacity = sum(block.dataCount for block in blocks) * 8

    def bits() -> int:
        return int(buffer.getLengthInBits())  # type: ignore[no-untyped-call]

    if bits() > capacity:
        raise ValueError(f"QR code data too long ({bits()} > {capacity} bits)")
    if bits() + 4 <= capacity:
        buffer.put(0, 4)
    while bits() % 8:
        buffer.putBit(False)
    pads = (qrencoder.QRCode.PAD0, qrencoder.QRCode.PAD1)
    written = 0
    while bits() < capacity:
        buffer.put(pads[written % 2], 8)
        written += 1
    data_blocks: list[list[int]] = []
    ec_blocks: list[list[int]] = []
    offset = 0
    for block in blocks:
        chunk = buffer.buffer[offset : offset + block.dataCount]
        offset += block.dataCount
        data_blocks.append(chunk)
        ec_blocks.append(_error_correction(chunk, block.totalCount - block.dataCount))
    return [
        byte
        for column in chain(zip_longest(*data_blocks), zip_longest(*ec_blocks))
        for byte in column
        if byte is not None
    ]


def modules(payload: str) -> list[list[bool]]:
    """The dark modules of `payload`'s QR code (level M, mask QR_MASK).

    reportlab's widget tries all eight masks and keeps the one with the fewest penalty
    points, which costs 30 ms a code in pure Python; every mask is valid and decoders read
    any of them, and a printed code is clean, so a fixed mask is used.
    """
    code = qrencoder.QRCode(None, qrencoder.QRErrorCorrectLevel.M)
    code.addData(payload)
    code.version = code.calculate_version()  # type: ignore[no-untyped-call]  # stub
    code.dataCache = _codewords(code.version, code.errorCorrectLevel, code.dataList)
    code.makeImpl(False, QR_MASK)
    return [[bool(dark) for dark in row] for row in code.modules]
