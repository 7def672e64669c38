"""Shared primitives: errors, statuses, inline codes, text keys, block references, units
and stores, glossary entries.

Every other songngu package may import these; this package imports none of them.
"""
