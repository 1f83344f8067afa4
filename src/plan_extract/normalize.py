"""Normalisation with an offset map back to the original text.

STUB (to be replaced): folds full-width ASCII forms only.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Normalized:
    original: str
    text: str
    index: list[int]  # len(text) + 1 entries; index[i] = offset in original of text[i]
    duplicate_spans: list[tuple[int, int]] = field(default_factory=list)

    def to_original(self, start: int, end: int) -> tuple[int, int]:
        if end <= start:
            o = self.index[start]
            return o, o
        return self.index[start], self.index[end - 1] + 1

    def original_slice(self, start: int, end: int) -> str:
        s, e = self.to_original(start, end)
        return self.original[s:e]

    def clean_original(self, start: int, end: int) -> str:
        return "".join(self.original[self.index[i]] for i in range(start, end))


def normalize(text: str) -> Normalized:
    out = []
    for ch in text:
        o = ord(ch)
        if 0xFF01 <= o <= 0xFF5E:
            ch = chr(o - 0xFEE0)
        elif o == 0x3000:
            ch = " "
        out.append(ch)
    return Normalized(text, "".join(out), list(range(len(text) + 1)))
