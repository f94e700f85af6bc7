"""Reports: validation, the query and reads, attachments and bulk loads."""
