"""Cross-checks of a questionnaire's content, run when it is validated.

Ids used once; a recommendation's prerequisites exist and form no cycle; each addressed
question exists and has an answer the step could fire on; initiatives are declared. Each
check raises :class:`ContentError` with the path to the culprit, so the loader can point at
the exact YAML line.
"""

from __future__ import annotations

from assessment_models.errors import ContentError, format_path
from assessment_models.questionnaire import (
    ChoiceQuestion,
    MetricQuestion,
    Questionnaire,
    ScaleQuestion,
)


def check_unique_ids(q: Questionnaire) -> None:
    """Dimension, capability, question and recommendation ids are each used once."""
    seen: dict[str, dict[str, tuple[str | int, ...]]] = {
        "dimension": {},
        "capability": {},
        "question": {},
        "recommendation": {},
        "initiative": {},
    }

    def claim(kind: str, ident: str, path: tuple[str | int, ...]) -> None:
        if ident in seen[kind]:
            first = format_path(seen[kind][ident])
            raise ContentError((*path, "id"), f"{kind} id '{ident}' is already used at {first}")
        seen[kind][ident] = path

    for ii, initiative in enumerate(q.initiatives):
        claim("initiative", initiative.id, ("initiatives", ii))
    for di, d in enumerate(q.dimensions):
        dpath: tuple[str | int, ...] = ("dimensions", di)
        claim("dimension", d.id, dpath)
        for ci, c in enumerate(d.capabilities):
            cpath = (*dpath, "capabilities", ci)
            claim("capability", c.id, cpath)
            for qi, question in enumerate(c.questions):
                claim("question", question.id, (*cpath, "questions", qi))
            for ri, r in enumerate(c.recommendations):
                claim("recommendation", r.id, (*cpath, "recommendations", ri))


def check_requires(q: Questionnaire) -> None:
    """Every required recommendation exists, and none requires itself through others."""
    paths: dict[str, tuple[str | int, ...]] = {}
    requires: dict[str, tuple[str, ...]] = {}
    for di, d in enumerate(q.dimensions):
        for ci, c in enumerate(d.capabilities):
            for ri, r in enumerate(c.recommendations):
                paths[r.id] = ("dimensions", di, "capabilities", ci, "recommendations", ri)
                requires[r.id] = r.requires
    for rid, needed in requires.items():
        for other in needed:
            if other not in requires:
                raise ContentError(
                    (*paths[rid], "requires"),
                    f"recommendation '{rid}' requires '{other}', which does not exist",
                )
    # Depth-first search for a cycle; report it as a readable chain.
    state: dict[str, int] = {}  # 1 = on the current path, 2 = done

    def visit(rid: str, chain: list[str]) -> None:
        state[rid] = 1
        for other in requires[rid]:
            if state.get(other) == 1:
                start = chain.index(other) if other in chain else len(chain)
                cycle = [*chain[start:], rid, other]
                raise ContentError(
                    (*paths[rid], "requires"),
                    f"recommendations require each other in a cycle: {' -> '.join(cycle)}",
                )
            if other not in state:
                visit(other, [*chain, rid])
        state[rid] = 2

    for rid in requires:
        if rid not in state:
            visit(rid, [])


def answerable_levels(question: ScaleQuestion | ChoiceQuestion | MetricQuestion) -> list[int]:
    """The levels an answer to this question can have (a metric reaches every level)."""
    if isinstance(question, MetricQuestion):
        return [1, 2, 3, 4, 5]
    return sorted(o.level for o in question.options)


def check_addresses(q: Questionnaire) -> None:
    """Each addressed question exists and has an answer the step could fire on."""
    initiatives = {i.id for i in q.initiatives}
    for di, d in enumerate(q.dimensions):
        for ci, c in enumerate(d.capabilities):
            for ri, r in enumerate(c.recommendations):
                rpath = ("dimensions", di, "capabilities", ci, "recommendations", ri)
                for ai, address in enumerate(r.addresses):
                    apath = (*rpath, "addresses", ai)
                    question = q.questions_by_id.get(address.question)
                    if question is None:
                        raise ContentError(
                            (*apath, "question"),
                            f"recommendation '{r.id}' addresses question '{address.question}', "
                            "which does not exist",
                        )
                    levels = answerable_levels(question)
                    if not any(address.fires_at(level) for level in levels):
                        raise ContentError(
                            (*apath, "to_level"),
                            f"recommendation '{r.id}' can never fire on '{address.question}': "
                            f"no answer level from {address.from_level} lies below to_level "
                            f"{address.to_level} (answer levels: {levels})",
                        )
                if initiatives and r.initiative is None:
                    raise ContentError(
                        (*rpath, "id"),
                        f"recommendation '{r.id}' needs an initiative: this file declares "
                        f"initiatives ({', '.join(sorted(initiatives))})",
                    )
                if r.initiative is not None and r.initiative not in initiatives:
                    known = ", ".join(sorted(initiatives)) or "none declared"
                    raise ContentError(
                        (*rpath, "initiative"),
                        f"recommendation '{r.id}' names initiative '{r.initiative}', which does "
                        f"not exist (known: {known})",
                    )
