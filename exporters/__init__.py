"""Writers for the deliverable formats (DOCX and XML)."""
