"""The form renderer: a form drawn from its definition, checked as the member types."""

from __future__ import annotations

from ui.forms.attachments import AttachmentStore, SessionAttachments
from ui.forms.widget import FormWidget

__all__ = ["AttachmentStore", "FormWidget", "SessionAttachments"]
