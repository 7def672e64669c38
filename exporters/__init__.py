"""File formats: units and glossary entries to and from bytes, without the database.

``registry`` lists the formats (TMX, TBX, CSV/TSV so far); ``safe_xml`` is the one way
untrusted XML is parsed. Formats import only :mod:`primitives`.
"""
