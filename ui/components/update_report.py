"""The report of targets applied from a file (XLIFF round trip, bilingual review table):
the applied rows before and after, and every conflict with both texts."""

from __future__ import annotations

import streamlit as st

from ui.state import error_text, t
from workflow.target_updates import TargetUpdateReport


def update_report_tables(report: TargetUpdateReport) -> None:
    """The applied rows and the conflicts, each with both texts."""
    if report.applied:
        st.dataframe(
            [
                {
                    t("col_id"): row.segment_id,
                    t("col_before"): row.old_target,
                    t("col_after"): row.new_target,
                    t("col_status"): t(f"status_{row.new_status.label}"),
                }
                for row in report.applied
            ],
            hide_index=True,
            width="stretch",
        )
    if report.conflicts:
        st.dataframe(
            [
                {
                    t("col_conflict"): t(f"conflict_{conflict.kind.value}")
                    + (f": {error_text(conflict.error)}" if conflict.error else ""),
                    t("col_id"): conflict.segment_id,
                    t("col_row"): conflict.row,
                    t("col_current_text"): conflict.current_target,
                    t("col_file_text"): conflict.file_target,
                }
                for conflict in report.conflicts
            ],
            hide_index=True,
            width="stretch",
        )
