"""The QA checks, one small class per module; the registry lists them in documentation order."""
