"""A readable account of how the live form's questions resolved."""

from __future__ import annotations

from shared.domain.form_mapping import FormMapping
from shared.domain.form_schema import QUESTIONS


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
            lines.append(f"        option without a code (stored as written): {text}")
        if canonical.has_other and not resolved.has_other:
            lines.append('        no "Other" option on the form')
    lines.append("mapping BROKEN: responses are stored as invalid (form_mapping) until fixed"
                 if mapping.broken else "mapping complete")
    return "\n".join(lines)
