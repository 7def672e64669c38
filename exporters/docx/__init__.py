"""The DOCX layer the intake reader and the target DOCX writer share, over lxml elements.

- :mod:`~exporters.docx.names`: namespaces and Clark names;
- :mod:`~exporters.docx.limits`: the size limits of a package;
- :mod:`~exporters.docx.container`: the vetted zip (bombs, entities) and guarded reads;
- :mod:`~exporters.docx.package`: parts, relationships and styles;
- :mod:`~exporters.docx.runs`: one paragraph's runs → nodes → tagged text and codes;
- :mod:`~exporters.docx.reader`: the walk over the stories that numbers every paragraph.
"""
