"""Writers of files users download: import templates, plans and reports (xlsx, docx)."""
