"""WordprocessingML namespaces and the Clark names (``{namespace}local``) the DOCX code compares."""

from __future__ import annotations

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
W = f"{{{W_NS}}}"
R_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
R = f"{{{R_NS}}}"
MC_NS = "http://schemas.openxmlformats.org/markup-compatibility/2006"
MC = f"{{{MC_NS}}}"
PKG_RELS = "{http://schemas.openxmlformats.org/package/2006/relationships}"
MATH = "{http://schemas.openxmlformats.org/officeDocument/2006/math}"
XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"
REL_TYPE_PREFIX = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/"


class _ClarkNames:
    """Clark names in one namespace as attributes, cached: ``WN.p == W + "p"``.

    Readers compare tags of millions of elements; attribute lookup is far cheaper than
    building the name with an f-string at every comparison.
    """

    def __init__(self, prefix: str) -> None:
        self._prefix = prefix

    def __getattr__(self, name: str) -> str:
        if name.startswith("__"):
            raise AttributeError(name)
        value = self._prefix + name
        setattr(self, name, value)
        return value


WN = _ClarkNames(W)
MCN = _ClarkNames(MC)
RN = _ClarkNames(R)
