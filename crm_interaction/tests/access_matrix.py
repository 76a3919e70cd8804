"""Access matrix of crm_interaction (format: /work/briefs/ACCESS_MATRIX.md)."""

from odoo.addons.crm_interest.tests.access_matrix_common import row

# roles: salesman, other_salesman, team_leader, sales_admin, claim_participant, portal,
#        other_company
MODELS = {
    # own, own clients' and the team's interactions; never across companies
    "crm.interaction": row("rwcu", "----", "rwcu", "rwcu", "----", "----", "----"),
    # control tasks are planned by the sales administrators; the performer works them
    "crm.control.task": row("rw--", "----", "rw--", "rwcu", "----", "----", "----"),
    "crm.control.task.line": row("r---", "----", "r---", "rwcu", "----", "----", "----"),
    "crm.control.task.plan": row("----", "----", "----", "rwc-", "----", "----", "----"),
    # the wizard copies the interaction's contact data: its creator's own row (Odoo 19 lets
    # any user with the access right read another's wizard: a rule on create_uid is needed)
    "crm.interaction.create.contact": row("rwc-", "--c-", "--c-", "--c-", "----", "----", "--c-"),
    "crm.control.discipline.report": row("r---", "----", "r---", "r---", "----", "----", "----"),
    "crm.interaction.interest.report": row("r---", "----", "r---", "r---", "----", "----", "----"),
    # native models we extend, as native Odoo answers them for our records: the client is
    # shared by the company's employees (deleting one needs Contact/Creation)
    "res.partner": row("rwc-", "rwc-", "rwc-", "rwc-", "r---", "----", "----"),
    # a public meeting of the salesman with the client: native calendar rights (no company)
    "calendar.event": row("rwcu", "rwcu", "rwcu", "rwcu", "rwcu", "----", "rwcu"),
    # the salesman's note on his interest: its author and who may write the interest
    "mail.message": row("rwcu", "----", "rwcu", "rwcu", "----", "----", "----"),
    # issue 9: the schema is not opened to salesmen for a widget; the sales administrators
    # read it to choose the fields a control checks (values: see write_values)
    "ir.model.fields": row("----", "----", "----", "r---", "----", "----", "----"),
    "res.company": row("r---", "r---", "r---", "r---", "r---", "r---", "----"),
    "res.config.settings": row("----", "----", "----", "----", "----", "----", "----"),
}

MANAGERS = ["sales_team.group_sale_manager"]
METHODS = {
    ("crm.control.task", "action_open_lines"): "all",
    ("crm.control.task", "action_refresh"): "all",
    ("crm.control.task.line", "action_open"): "all",
    ("crm.control.task.plan", "action_confirm"): MANAGERS,
    ("crm.control.task.plan", "action_scan"): MANAGERS,
    ("crm.interaction", "action_create_contact"): "all",
    ("crm.interaction", "action_create_interest"): "all",
    ("crm.interaction", "action_mark_reviewed"): "all",
    ("crm.interaction", "action_mark_unreviewed"): "all",
    ("crm.interaction", "action_open_follow_ups"): "all",
    ("crm.interaction", "action_plan_follow_up"): "all",
    ("crm.interaction.create.contact", "action_create"): "all",
    ("crm.interaction.create.contact", "action_link_existing"): "all",
    ("crm.lead", "action_view_interactions"): "all",
    ("res.partner", "action_fill_name_parts"): "all",
    ("res.partner", "action_view_interactions"): "all",
}


def make_records(env, users, records):
    company = env.ref("base.main_company")
    salesman, admin = users["salesman"], users["sales_admin"]
    client, lead, team = records["res.partner"], records["crm.lead"], records["crm.team"]
    interaction = env["crm.interaction"].create(
        {
            "name": "Matrix call",
            "kind": "call",
            "partner_id": client.id,
            "user_id": salesman.id,
            "team_id": team.id,
            "lead_id": lead.id,
            "company_id": company.id,
            "contact_name": "Ivan Petrov",
            "phone": "+7 495 123-45-67",
        }
    )
    task = env["crm.control.task"].create(
        {
            "user_id": salesman.id,
            "team_id": team.id,
            "company_id": company.id,
            "date_deadline": "2030-01-01",
            "control": "contact",
        }
    )
    line = env["crm.control.task.line"].create({"task_id": task.id, "partner_id": client.id})
    env.flush_all()
    as_salesman = env(user=salesman, context=dict(env.context, allowed_company_ids=company.ids))
    as_admin = env(user=admin, context=dict(env.context, allowed_company_ids=company.ids))
    event = env["calendar.event"].create(
        {
            "name": "Matrix meeting",
            "start": "2030-01-01 10:00:00",
            "stop": "2030-01-01 11:00:00",
            "user_id": salesman.id,
            "partner_ids": [(6, 0, (salesman.partner_id | client).ids)],
        }
    )
    message = lead.with_user(salesman).message_post(
        body="Matrix note", message_type="comment", subtype_xmlid="mail.mt_note"
    )
    return {
        "crm.interaction": interaction,
        "crm.control.task": task,
        "crm.control.task.line": line,
        "crm.control.task.plan": as_admin["crm.control.task.plan"].create({}),
        "crm.interaction.create.contact": as_salesman["crm.interaction.create.contact"].create(
            {"interaction_id": interaction.id, "contact_kind": "person", "name": "Ivan Petrov"}
        ),
        "crm.control.discipline.report": env["crm.control.discipline.report"].search(
            [("task_id", "=", task.id)], limit=1
        ),
        "crm.interaction.interest.report": env["crm.interaction.interest.report"].search(
            [("lead_id", "=", lead.id)], limit=1
        ),
        "calendar.event": event,
        "mail.message": message.sudo(),
        "ir.model.fields": env["ir.model.fields"]._get("res.partner", "email"),
        "res.company": company,
        "res.config.settings": env["res.config.settings"].create({}),
    }


def create_values(env, users, model, records):
    client, lead = records["res.partner"], records["crm.lead"]
    company = env.ref("base.main_company")
    return {
        "crm.interaction": {
            "name": "Matrix new call",
            "kind": "call",
            "partner_id": client.id,
            "user_id": users["salesman"].id,
            "team_id": records["crm.team"].id,
            "lead_id": lead.id,
            "company_id": company.id,
        },
        "crm.control.task": {
            "user_id": users["salesman"].id,
            "team_id": records["crm.team"].id,
            "company_id": company.id,
            "date_deadline": "2030-02-01",
        },
        "crm.control.task.line": {
            "task_id": records["crm.control.task"].id,
            "partner_id": client.id,
        },
        "crm.control.task.plan": {},
        "crm.interaction.create.contact": {
            "interaction_id": records["crm.interaction"].id,
            "contact_kind": "person",
            "name": "Petr Ivanov",
        },
        "res.partner": {
            "name": "Matrix new contact",
            "parent_id": client.id,
            "company_id": company.id,
        },
        "calendar.event": {
            "name": "Matrix new meeting",
            "start": "2030-01-02 10:00:00",
            "stop": "2030-01-02 11:00:00",
            "user_id": users["salesman"].id,
        },
        "mail.message": {
            "model": "crm.lead",
            "res_id": lead.id,
            "body": "Matrix new note",
            "message_type": "comment",
        },
        # a new field would change the registry: create is refused to every role, sent empty
        "ir.model.fields": None,
        "res.company": {"name": "Matrix new company"},
        "res.config.settings": {},
    }[model]


def write_values(env, users, model, records):
    return {
        "crm.interaction": {"result": "Matrix: agreed"},
        "crm.control.task": {"date_deadline": "2030-01-15"},
        "crm.control.task.line": {"partner_id": records["res.partner"].id},
        "crm.control.task.plan": {"date_deadline": "2030-01-20"},
        "crm.interaction.create.contact": {"name": "Ivan Sidorov"},
        "res.partner": {"comment": "Matrix comment"},
        "calendar.event": {"description": "Matrix agenda"},
        "mail.message": {"body": "Matrix note edited"},
        "ir.model.fields": None,
        "res.company": {"email": "matrix@example.com"},
        "res.config.settings": {},
    }[model]
