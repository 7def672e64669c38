"""Projects page: list, create, choose the project to work on."""

from __future__ import annotations

import streamlit as st

from primitives.errors import SongnguError
from ui.components.dashboard import render_dashboard
from ui.state import current_project_id, database, show_error, sidebar, t
from workflow.partners import PARTNER_SETTINGS, list_partners, parse_setting_value, update_partner
from workflow.permissions import Action, allowed
from workflow.projects import create_project, list_projects
from workflow.users import Actor


def _partner_editor(actor: Actor, partners: dict[str, dict]) -> None:
    """Per-partner conventions; editors and admins may change them."""
    with st.expander(t("partner_profiles")):
        name = st.selectbox(t("partner"), list(partners), key="partner_edit_name")
        values = partners[name]
        can_edit = allowed(actor.role, Action.MANAGE_PROJECT)
        with st.form(f"partner_form_{name}"):
            changes: dict[str, object] = {}
            for setting in PARTNER_SETTINGS:
                label = t(
                    "partner_setting", name=setting.key, help=t(f"partner_help_{setting.key}")
                )
                current = values.get(setting.key, setting.default)
                if setting.choices is not None:
                    choices = list(setting.choices)
                    changes[setting.key] = st.selectbox(
                        label, choices, index=choices.index(current), disabled=not can_edit
                    )
                elif isinstance(setting.default, list):
                    text = st.text_input(label, ", ".join(current), disabled=not can_edit)
                    changes[setting.key] = parse_setting_value(setting.key, text)
            if st.form_submit_button(t("save"), disabled=not can_edit):
                try:
                    with database().write() as session:
                        update_partner(session, actor, name, changes)
                    st.success(t("partner_saved", name=name))
                except SongnguError as error:
                    show_error(error)
        if not can_edit:
            st.caption(t("partner_read_only"))


def render() -> None:
    actor = sidebar()
    st.title(t("projects_header"))
    with database().read() as session:
        projects = list_projects(session)
        partner_settings = {p.name: dict(p.settings) for p in list_partners(session)}
        partners = list(partner_settings)
        rows = [
            {
                t("col_id"): p.id,
                t("col_name"): p.name,
                t("partner"): p.partner.name if p.partner else "",
                t("col_documents"): len(p.documents),
            }
            for p in projects
        ]
        options = {p.id: p.name for p in projects}
    if rows:
        st.dataframe(rows, hide_index=True, width="stretch")
        ids = list(options)
        current = current_project_id()
        index = ids.index(current) if current in ids else 0
        chosen = st.selectbox(
            t("current_project"),
            ids,
            index=index,
            format_func=options.__getitem__,
            key="pick_project",
        )
        st.session_state["project_id"] = chosen
        render_dashboard(chosen)
    else:
        st.info(t("no_projects"))

    if allowed(actor.role, Action.MANAGE_PROJECT):
        _create_form(actor, partners)
    _partner_editor(actor, partner_settings)


def _create_form(actor: Actor, partners: list[str]) -> None:
    with st.form("create_project", clear_on_submit=True):
        st.subheader(t("create_project"))
        name = st.text_input(t("project_name"))
        partner = st.selectbox(t("partner"), partners)
        if st.form_submit_button(t("create")):
            try:
                with database().write() as session:
                    project = create_project(session, actor, name, partner)
                    st.session_state["project_id"] = project.id
                st.success(t("created_project", name=name))
                st.rerun()
            except SongnguError as error:
                show_error(error)
