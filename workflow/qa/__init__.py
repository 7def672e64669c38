"""Quality assurance of translations: checks over units, stored findings, QA in the workflow.

The checks library (``model``, ``registry``, ``checks/``) runs over
``primitives.units.Unit`` and never touches the database. The workflow side stores what
the checks find per segment (``findings``), checks a segment on every save and confirm
(``confirm``), runs a whole project as a job (``job``), and says whether a project is
ready to export (``readiness``).
"""
