"""Access matrix of crm_routemap (format: /work/briefs/ACCESS_MATRIX.md)."""

import base64

from odoo.addons.crm_interest.tests.access_matrix_common import row

from ..pure import bpmn

# roles: salesman, other_salesman, team_leader, sales_admin, claim_participant, portal,
#        other_company
# maps are configuration: read by the sales team, drawn by the sales administrators
CONFIG = row("r---", "r---", "r---", "rwcu", "----", "----", "----")
# processes and tasks are written by the engine only; a salesman sees his own tasks and the
# processes of his interests, the sales administrator all
RUN = row("r---", "----", "----", "r---", "----", "----", "----")
MODELS = {
    "crm.routemap": CONFIG,
    "crm.routemap.point": CONFIG,
    "crm.routemap.arrow": CONFIG,
    "crm.routemap.process": RUN,
    "crm.routemap.task": RUN,
    # wizards: Odoo 19 lets every user with the access right read, write, create and delete
    # wizard rows, another user's too; harmless here: their actions re-check the task (its
    # performer or a manager), the process and the interest under the caller's own rights
    "crm.routemap.import": row("----", "----", "----", "rwcu", "----", "----", "----"),
    "crm.routemap.task.complete": row("rwcu", "rwcu", "rwcu", "rwcu", "----", "----", "rwcu"),
    "crm.routemap.process.terminate": row("rwcu", "rwcu", "rwcu", "rwcu", "----", "----", "rwcu"),
    "crm.routemap.start": row("rwcu", "rwcu", "rwcu", "rwcu", "----", "----", "rwcu"),
    # crm_routemap hands a leaver's open tasks over when he is archived: Odoo's own user
    # rights, unchanged (internal users read users, only the settings administrator edits)
    "res.users": row("r---", "r---", "r---", "r---", "r---", "----", "r---"),
}

MANAGERS = ["sales_team.group_sale_manager"]
METHODS = {
    ("crm.routemap", "action_activate"): MANAGERS,
    ("crm.routemap", "action_archive_map"): MANAGERS,
    ("crm.routemap", "action_new_version"): MANAGERS,
    ("crm.routemap", "action_import"): MANAGERS,
    ("crm.routemap", "action_open_processes"): "all",
    ("crm.routemap.process", "action_terminate"): "all",
    # the performer (the salesman owns the task of the rows) or a manager
    ("crm.routemap.task", "action_complete"): "all",
    ("crm.routemap.task", "action_open_complete"): "all",
    ("crm.routemap.task", "action_reassign"): "all",
    ("crm.routemap.task", "action_run_point_action"): "all",
    ("crm.routemap.import", "action_import"): MANAGERS,
    ("crm.routemap.task.complete", "action_complete"): "all",
    ("crm.routemap.task.complete", "action_reassign"): "all",
    ("crm.routemap.process.terminate", "action_terminate"): "all",
    ("crm.lead", "action_routemap_start"): "all",
    # opens the controlling process's own termination wizard (its rights, its checks)
    ("crm.lead", "action_routemap_terminate"): "all",
    # starts through the record's own action_routemap_start (its rights, its checks)
    ("crm.routemap.start", "action_start"): "all",
}

METHOD_KWARGS = {
    ("crm.routemap.task", "action_reassign"): lambda env, users, records: {
        "user_id": users["team_leader"].id
    },
    ("crm.lead", "action_routemap_start"): lambda env, users, records: {
        "routemap_id": records["crm.routemap"].id
    },
}


def _drawing():
    return bpmn.build(
        "Process_matrix",
        "Matrix map",
        [("S", "start", "Start"), ("A", "action", "Matrix call"), ("E", "end", "Done")],
        [("a", "S", "A"), ("b", "A", "E")],
    )


def _file():
    return base64.b64encode(bpmn.to_xml(_drawing()).encode()).decode()


# Python conditions are a system administrator's: the sales administrator writes domains
FIELD_WRITES = {
    ("crm.routemap.arrow", "condition_code"): {
        "groups": ["base.group_system"],
        "record": lambda env, users, records: records["crm.routemap.arrow"],
        "value": "object.expected_revenue > 1",
    },
}


def make_records(env, users, records):
    company = env.ref("base.main_company")
    lead = records["crm.lead"]
    first = lead.stage_id
    running = env["crm.routemap"].create(
        {
            "name": "Matrix supporting map",
            "target": "interest",
            "interest_kind": "supporting",
            "scenario_id": lead.scenario_id.id,
            "company_id": company.id,
            "allow_termination": True,
            "xml": bpmn.to_xml(_drawing()),
        }
    )
    running.point_ids.filtered(lambda p: p.kind in ("action", "end")).write({"stage_id": first.id})
    running.action_activate()
    process = env["crm.routemap.process"]._routemap_start(running, lead)
    task = process.task_ids
    draft = env["crm.routemap"].create(
        {
            "name": "Matrix draft map",
            "target": "independent",
            "company_id": company.id,
            "xml": bpmn.to_xml(_drawing()),
        }
    )
    salesman = users["salesman"]
    as_salesman = env(user=salesman, context=dict(env.context, allowed_company_ids=company.ids))
    as_admin = env(
        user=users["sales_admin"], context=dict(env.context, allowed_company_ids=company.ids)
    )
    return {
        # a running map of the interest's scenario (the draft below is the one rows change)
        "crm.routemap": draft,
        "crm.routemap.point": draft.point_ids.filtered(lambda p: p.element_id == "A"),
        "crm.routemap.arrow": draft.arrow_ids.filtered(lambda a: a.element_id == "b"),
        "res.users": env["res.users"].create(
            {"name": "Matrix Performer", "login": "matrix_performer"}
        ),
        "crm.routemap.process": process,
        "crm.routemap.task": task,
        "crm.routemap.import": as_admin["crm.routemap.import"].create(
            {"routemap_id": draft.id, "bpmn_file": _file()}
        ),
        "crm.routemap.task.complete": as_salesman["crm.routemap.task.complete"].create(
            {"task_id": task.id}
        ),
        "crm.routemap.process.terminate": as_salesman["crm.routemap.process.terminate"].create(
            {"process_id": process.id, "lost_reason_id": records["crm.lost.reason"].id}
        ),
        "crm.routemap.start": as_salesman["crm.routemap.start"].create(
            {"lead_id": lead.id, "routemap_id": draft.id}
        ),
        "_routemap_running": running,
    }


def create_values(env, users, model, records):
    draft = records["crm.routemap"]
    return {
        "crm.routemap": {"name": "Matrix new map", "target": "independent"},
        "crm.routemap.point": {
            "routemap_id": draft.id,
            "element_id": "Matrix_new",
            "name": "Matrix new point",
            "kind": "action",
        },
        "res.users": {"name": "Matrix New Performer", "login": "matrix_new_performer"},
        "crm.routemap.arrow": {
            "routemap_id": draft.id,
            "element_id": "Matrix_arrow",
            "name": "Matrix new arrow",
        },
        "crm.routemap.process": {"routemap_id": records["_routemap_running"].id},
        "crm.routemap.task": {
            "process_id": records["crm.routemap.process"].id,
            "point_id": records["crm.routemap.task"].point_id.id,
        },
        "crm.routemap.import": {"routemap_id": draft.id, "bpmn_file": _file()},
        "crm.routemap.task.complete": {"task_id": records["crm.routemap.task"].id},
        "crm.routemap.process.terminate": {
            "process_id": records["crm.routemap.process"].id,
            "lost_reason_id": records["crm.lost.reason"].id,
        },
        "crm.routemap.start": {"lead_id": records["crm.lead"].id, "routemap_id": draft.id},
    }[model]


def write_values(env, users, model, records):
    return {
        "crm.routemap": {"name": "Matrix map renamed"},
        "crm.routemap.point": {"name": "Matrix point renamed"},
        "crm.routemap.arrow": {"name": "Matrix arrow renamed"},
        "res.users": {"signature": "Matrix signature"},
        "crm.routemap.process": {"name": "Matrix process renamed"},
        "crm.routemap.task": {"result_text": "Matrix result"},
        "crm.routemap.import": {"filename": "matrix.bpmn"},
        "crm.routemap.task.complete": {"result_text": "Matrix result"},
        "crm.routemap.process.terminate": {"lost_competitor_id": False},
        "crm.routemap.start": {"routemap_id": records["crm.routemap"].id},
    }[model]
