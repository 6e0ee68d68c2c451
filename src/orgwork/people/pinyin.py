"""Name pinyin and initials, so that "zs" and "zhangsan" both find 张三, and names sort by sound."""

from functools import lru_cache

from pypinyin import Style, lazy_pinyin

__all__ = ["name_pinyin", "name_initials"]

# Surnames read differently from the character's common reading.
SURNAME_READINGS = {
    "单": "shan",
    "解": "xie",
    "仇": "qiu",
    "区": "ou",
    "查": "zha",
    "曾": "zeng",
    "朴": "piao",
    "尉迟": "yuchi",
    "万俟": "moqi",
    "乐": "yue",
    "缪": "miao",
    "翟": "zhai",
    "覃": "qin",
    "盖": "ge",
}


@lru_cache(maxsize=65536)
def _syllables(name: str) -> tuple[str, ...]:
    name = (name or "").strip()
    for surname in sorted(SURNAME_READINGS, key=len, reverse=True):
        if name.startswith(surname):
            head = (
                [SURNAME_READINGS[surname]]
                if len(surname) == 1
                else [SURNAME_READINGS[surname][:2], SURNAME_READINGS[surname][2:]]
            )
            return tuple(head) + tuple(lazy_pinyin(name[len(surname) :], errors="default"))
    return tuple(lazy_pinyin(name, style=Style.NORMAL, errors="default"))


def name_pinyin(name: str) -> str:
    return "".join(_syllables(name)).lower().replace(" ", "")


def name_initials(name: str) -> str:
    return "".join(s[0] for s in _syllables(name) if s).lower()
