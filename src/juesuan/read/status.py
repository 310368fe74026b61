"""What the prose says of the unit's own standing: whether it is managed as civil service (参公).

Only administrative bodies (行政单位) and public institutions managed under the Civil Servant Law (参照公务员法管理的事业单
位, 参公) report 机关运行经费; a unit that says it is not one explains a zero there. Each statement is kept with its
line and a quote of at most QUOTE_MAX characters (the prose itself is not stored).
"""

from __future__ import annotations

import re

QUOTE_MAX = 40
_SENTENCE = re.compile(r"[^。；;！!？?]+")
_DEFINITION = re.compile(r"[:：]\s*指|是指|系指")  # a glossary entry (名词解释) defines the term: no statement
_SELF = r"(?:我|本)(?:单位|中心|部门|局|院|所|站|馆|校|委|办|队|会)"
NOT_MANAGED = re.compile(
    r"非参公|非参照公务员法?管理|不属于参(?:照)?公(?:务员法管理)?|未参照公务员法管理|不是参公|非参照公务员"
    r"|事业单位[^。；]{0,20}(?:无|没有|不涉及|未发生)机关运行经费"
)
MANAGED = re.compile(_SELF + r"[^。；，,]{0,6}(?:为|是|属于?|系)[^。；，,]{0,10}(?:参公|参照公务员法管理)")


def civil_service(document) -> list[dict]:
    """Every sentence in which the unit says it is (managed: true) or is not (false) managed as civil service."""
    found = []
    for line, text in document.prose:
        for m in _SENTENCE.finditer(text):
            sentence = m.group(0).strip()
            if not sentence or _DEFINITION.search(sentence):
                continue
            hit = NOT_MANAGED.search(sentence)
            managed = False
            if hit is None:
                hit, managed = MANAGED.search(sentence), True
            if hit is None:
                continue
            start = max(0, min(hit.start() - 12, len(sentence) - QUOTE_MAX))  # the subject before the words
            found.append({"managed": managed, "quote_zh": sentence[start:start + QUOTE_MAX], "line": line})
    return found
