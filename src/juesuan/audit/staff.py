"""Staff counts, compared only within one kind."""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal

from ..analysis.basic import staff_kind
from .core import Finding, compare, fsum, place_zh, special


def staff(data) -> Iterator[Finding]:
    """Staff counts: the parts the prose lists add up to its total, and a count of one kind (编制, 在编, 临聘, 实有,
    财政供养, 离退休) stated in two places agrees — never a count of one kind against another."""
    prose = data["prose_numbers"]
    rows = prose[prose.metric == "staff_count"]
    for line, group in rows.groupby("line", sort=False):
        values = list(group.itertuples())
        if len(values) >= 3 and "其中" in (values[1].quote_zh or ""):
            yield compare(f"staff.parts.{line}", "prose", "Staff: the parts add up to the stated total",
                          "人员：各类人数之和等于总人数", f"prose line {line}", fsum(v.value for v in values[1:]),
                          values[0].value, note=" + ".join(f"{v.subject_zh} {v.value}" for v in values[1:]),
                          note_zh=" + ".join(f"{v.subject_zh} {v.value}" for v in values[1:]))
    by_kind: dict[str, list[dict]] = {}
    for s in data["report"].get("staff", []):
        by_kind.setdefault(staff_kind(s["label_zh"], base_data=s["source"] == "performance_base"), []).append(s)
    twice = False
    for kind, counts in by_kind.items():
        first = counts[0]
        for other in counts[1:]:
            if other["source"] == first["source"] and other["line"] == first["line"]:
                continue
            twice = True
            yield compare(f"staff.{kind}.{other['line']}", "prose", f"Staff of one kind ({kind}) stated twice agree",
                          f"同类人数（{kind}）各处一致", f"{first['source']} line {first['line']}; {other['source']} "
                          f"line {other['line']}", Decimal(first["count"]), Decimal(other["count"]),
                          note=f"«{first['label_zh']}» {first['count']}, «{other['label_zh']}» {other['count']}",
                          note_zh=f"«{first['label_zh']}» {first['count']}，«{other['label_zh']}» {other['count']}")
    if not twice and len(by_kind) > 1:
        stated = "; ".join(f"{kind}: " + ", ".join(f"«{s['label_zh']}» {s['count']} ({s['source']} line {s['line']})"
                                                   for s in counts) for kind, counts in by_kind.items())
        stated_zh = "；".join(f"{kind}：" + "，".join(f"«{s['label_zh']}» {s['count']}（"
                                                   f"{place_zh(str(s['source']) + ' line ' + str(s['line']))}）"
                                                   for s in counts) for kind, counts in by_kind.items())
        yield special("staff.kinds", "prose", "Staff counts of one kind stated twice", "同类人数各处一致",
                      "report staff counts", "not_applicable",
                      f"no count of one kind is stated twice, and counts of different kinds are not compared: {stated}",
                      note_zh=f"没有哪一口径的人数列示了两次，不同口径的人数不作比较：{stated_zh}")
