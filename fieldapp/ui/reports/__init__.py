"""The reports screen: list, filters, editor, attachments and history."""
