"""Reading rendered pages back: words with their font and position, phrases, page numbers."""

from __future__ import annotations

from typing import Any

MM = 72 / 25.4


def words(page: Any) -> list[dict[str, Any]]:
    return page.extract_words(extra_attrs=["fontname", "size"], keep_blank_chars=False, use_text_flow=True)


def find_phrase(page_words: list[dict[str, Any]], phrase: str) -> list[dict[str, Any]]:
    """The words of the first occurrence of ``phrase`` (consecutive words); AssertionError if absent."""
    wanted = phrase.split()
    texts = [w["text"] for w in page_words]
    for start in range(len(texts) - len(wanted) + 1):
        if texts[start:start + len(wanted)] == wanted:
            return page_words[start:start + len(wanted)]
    raise AssertionError(f"«{phrase}» not found")


def span(found: list[dict[str, Any]]) -> tuple[float, float]:
    return min(w["x0"] for w in found), max(w["x1"] for w in found)


def centre(found: list[dict[str, Any]]) -> float:
    left, right = span(found)
    return (left + right) / 2


def style_of(found: list[dict[str, Any]]) -> tuple[str, float]:
    """(face, size) shared by all the words: face is regular, bold, italic or bold_italic."""
    faces = {_face(w["fontname"]) for w in found}
    sizes = {round(w["size"], 1) for w in found}
    assert len(faces) == 1 and len(sizes) == 1, (faces, sizes)
    return faces.pop(), sizes.pop()


def _face(fontname: str) -> str:
    name = fontname.split("+")[-1]
    if name.endswith("BoldItalic"):
        return "bold_italic"
    if name.endswith("Bold"):
        return "bold"
    if name.endswith("Italic"):
        return "italic"
    return "regular"


def top_margin_number(page: Any) -> str | None:
    """The page number printed centred in the top margin, if any."""
    for w in words(page):
        if w["bottom"] < 20 * MM and w["text"].isdigit() and abs((w["x0"] + w["x1"]) / 2 - page.width / 2) < 3:
            return w["text"]
    return None
