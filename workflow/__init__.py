"""songngu's domain and its orchestration."""
