"""The QA checks, one class each, grouped by what they look at; the registry lists them."""
