"""argparse's own messages in Vietnamese ("the following arguments are required" → "thiếu tham số bắt buộc").

argparse looks every message up through ``gettext`` when it is shown, with no Vietnamese catalogue anywhere,
and a .mo file would be found only through the LANGUAGE/LANG variables, which a Windows console does not set.
So the command line installs this table as argparse's lookup (:func:`install`). A message missing from the
table (one a later Python adds) stays as argparse wrote it.
"""

from __future__ import annotations

import argparse

# argparse's message ids (Python 3.11–3.13), each with its Vietnamese text; %-placeholders are kept.
MESSAGES: dict[str, str] = {
    "usage: ": "Cách dùng: ",
    "%(prog)s: error: %(message)s\n": "%(prog)s: lỗi: %(message)s\n"
                                      "(gõ lệnh kèm --help để xem cách dùng)\n",
    "the following arguments are required: %s": "thiếu tham số bắt buộc: %s",
    "one of the arguments %s is required": "cần một trong các tham số %s",
    "unrecognized arguments: %s": "không hiểu tham số: %s",
    "argument %(argument_name)s: %(message)s": "tham số %(argument_name)s: %(message)s",
    "expected one argument": "cần một giá trị",
    "expected at most one argument": "chỉ được một giá trị",
    "expected at least one argument": "cần ít nhất một giá trị",
    "expected %s argument": "cần %s giá trị",
    "expected %s arguments": "cần %s giá trị",
    "invalid %(type)s value: %(value)r": "giá trị không hợp lệ: %(value)r",
    "invalid choice: %(value)r (choose from %(choices)s)": "không có lựa chọn %(value)r (chọn một trong: %(choices)s)",
    "invalid choice: %(value)r, maximum 1 choice": "không có lựa chọn %(value)r",
    "not allowed with argument %s": "không dùng được cùng với tham số %s",
    "ignored explicit argument %r": "tham số này không nhận giá trị %r",
    "ambiguous option: %(option)s could match %(matches)s": "tùy chọn %(option)s chưa rõ: có thể là %(matches)s",
    "unexpected option string: %s": "tùy chọn không đúng chỗ: %s",
    "unknown parser %(parser_name)r (choices: %(choices)s)": "không có lệnh %(parser_name)r (các lệnh: %(choices)s)",
    "can't open '%(filename)s': %(error)s": "không mở được tệp '%(filename)s': %(error)s",
    "positional arguments": "Tham số",
    "options": "Tùy chọn",
    "show this help message and exit": "hiện hướng dẫn này rồi thoát",
}


def translate(message: str) -> str:
    """argparse's message in Vietnamese (as is when the table lacks it)."""
    return MESSAGES.get(message, message)


def translate_plural(singular: str, plural: str, count: int) -> str:
    return translate(singular if count == 1 else plural)


def install() -> None:
    """Make argparse show its messages in Vietnamese (idempotent)."""
    argparse._ = translate  # type: ignore[attr-defined]
    argparse.ngettext = translate_plural  # type: ignore[attr-defined]
