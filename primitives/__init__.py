"""Shared primitives: errors, statuses, inline codes, text keys, units and stores.

Every other songngu package may import these; this package imports none of them.
"""
