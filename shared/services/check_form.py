"""A readable account of how the live form's questions resolved."""

from __future__ import annotations

from shared.domain.form_mapping import FormMapping
from shared.domain.form_schema import CODED_QUESTIONS, QUESTIONS


def describe_mapping(mapping: FormMapping) -> str:
    lines = [f"form {mapping.form_id} (revision {mapping.revision_id})"]
    for number, canonical in enumerate(QUESTIONS, start=1):
        resolved = mapping.questions.get(canonical.key)
        need = "required" if canonical.required else "optional"
        if resolved is None:
            lines.append(f"  {number:>2}. MISSING  {canonical.title} ({need})")
            continue
        lines.append(f"  {number:>2}. ok       {canonical.title} -> {resolved.question_id}")
        for text in resolved.missing_options:
            lines.append(f"        option missing on the form: {text}")
        for text in resolved.extra_options:
            held = canonical.key in CODED_QUESTIONS
            lines.append(f"        option without a code{' (REWORDED?)' if held else ''}: {text}"
                         + (" -> answers held invalid (option_unmapped) until an alias is added" if held else ""))
        if canonical.has_other and not resolved.has_other:
            lines.append('        no "Other" option on the form')
    if mapping.broken:
        lines.append("mapping BROKEN: responses are stored as invalid (form_mapping) until fixed")
    elif mapping.degraded:
        lines.append("mapping DEGRADED: add the reworded options to OPTION_ALIASES in shared/domain/form_schema.py "
                     "(or restore their wording), deploy, then `reconcile --reprocess-invalid`")
    else:
        lines.append("mapping complete")
    return "\n".join(lines)
