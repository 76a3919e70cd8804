"""Access matrix of crm_interest (format: /work/briefs/ACCESS_MATRIX.md, access_matrix_common)."""

from odoo.tools import SQL

from .access_matrix_common import row

# roles: salesman, other_salesman, team_leader, sales_admin, claim_participant, portal,
#        other_company
CONFIG = row("r---", "r---", "r---", "rwcu", "----", "----", "----")
INTEREST_CHILD = row("rwcu", "----", "rwcu", "rwcu", "----", "----", "----")
MODELS = {
    # configuration: read by the sales team, managed by the sales administrators (issue 9: a
    # sales administrator who is not the Odoo admin manages scenarios and their triggers fully)
    "crm.interest.scenario": CONFIG,
    "crm.interest.trigger": CONFIG,
    "crm.interest.checklist.item": CONFIG,
    # scenario states are crm.stage rows (read by every employee, as native stages)
    "crm.stage": row("r---", "r---", "r---", "rwcu", "r---", "----", "r---"),
    "crm.lost.reason": row("r---", "r---", "r---", "rwcu", "r---", "----", "r---"),
    "crm.team": row("r---", "r---", "r---", "rwcu", "r---", "----", "----"),
    # the interest: own (salesman), his team's (leader), all (sales administrator)
    "crm.lead": row("rwc-", "----", "rwc-", "rwcu", "----", "----", "----"),
    "crm.interest.demand.line": INTEREST_CHILD,
    "crm.interest.participant": INTEREST_CHILD,
    "crm.interest.checklist.line": row("rwc-", "----", "rwc-", "rwcu", "----", "----", "----"),
    # the salesman's activity on his interest (native rights: its assignee and who may write
    # the interest)
    "mail.activity": row("rwcu", "----", "rwcu", "rwcu", "----", "----", "----"),
    # the state history is written by the system only
    "crm.interest.stage.history": row("r---", "----", "r---", "r--u", "----", "----", "----"),
    # wizards: Odoo 19 lets every user with the access right read and write another user's
    # wizard rows; harmless for these two (interest ids and a state or a loss reason, applied
    # under the caller's own rights; an interest he may not read cannot be put in)
    "crm.lead.go.state": row("rwc-", "rw--", "rwc-", "rwc-", "----", "----", "rw--"),
    "crm.lead.lost": row("rwc-", "rw--", "rwc-", "rwc-", "----", "----", "rw--"),
    # the client (crm_interest adds his interests, lost ones and competitor flag): Odoo's own
    # partner rights; crm_interaction's table says the same when it is installed too
    "res.partner": row("rwc-", "rwc-", "rwc-", "rwc-", "r---", "----", "----"),
    # crm_interest only shows tracked selections in the reader's language: Odoo's own rights
    # (the chatter reads them through the message, the table is the system administrator's)
    "mail.tracking.value": row("----", "----", "----", "----", "----", "----", "----"),
    # crm_interest only names crm.lead "Interests" in the activity menu: Odoo's own user
    # rights, unchanged (internal users read users, only the settings administrator edits)
    "res.users": row("r---", "r---", "r---", "r---", "r---", "----", "r---"),
    # crm_interest adds the batched run of our crons to ir.cron: Odoo's own rights (the
    # settings administrator alone), unchanged
    "ir.cron": row("----", "----", "----", "----", "----", "----", "----"),
    # where a stopped cron goes on: the crons' own (the settings administrator reads it)
    "crm.cron.resume": row("----", "----", "----", "----", "----", "----", "----"),
}

MANAGERS = ["sales_team.group_sale_manager"]
METHODS = {
    # a bare window on the scenario's automation rules (base.automation's own rights apply)
    ("crm.interest.scenario", "action_open_automations"): "all",
    ("crm.interest.scenario", "action_open_interests"): "all",
    # issue 9: runs the rule on every matching interest (an email trigger mails them all)
    ("crm.interest.trigger", "action_apply_to_current"): MANAGERS,
    ("crm.lead", "action_interest_go_to_state"): "all",
    ("crm.lead", "action_interest_my_sales"): "all",
    # issue 9: only the scenario's managers release an interest from route-map control
    ("crm.lead", "action_interest_switch_to_manual"): MANAGERS,
    ("crm.lead", "action_interest_use_estimate"): "all",
    # the funnel over the interests the caller reads (record rules apply)
    ("crm.lead", "interest_funnel_report"): "all",
    ("crm.lead", "action_set_lost"): "all",
    ("crm.lead", "action_set_won"): "all",
    ("crm.lead", "web_read_group"): "all",
    ("crm.lead.go.state", "action_apply"): "all",
    ("crm.lead.lost", "action_lost_reason_apply"): "all",
    ("res.partner", "action_view_interests_lost"): "all",
}

# issue 9: releasing an interest from route-map control by writing its process kind is the
# sales administrators' (the scenario's managers), like action_interest_switch_to_manual
FIELD_WRITES = {
    ("crm.lead", "process_kind"): {
        "groups": MANAGERS,
        "record": lambda env, users, records: records["_controlled_lead"],
        "value": "manual",
    },
}

METHOD_KWARGS = {
    ("crm.lead", "web_read_group"): lambda env, users, records: {
        "domain": [],
        "groupby": ["stage_id"],
        "aggregates": ["__count"],
    },
    ("crm.lead", "action_interest_switch_to_manual"): lambda env, users, records: {
        "reason": "Matrix: released by RPC"
    },
}


def make_records(env, users, records):
    company = env.ref("base.main_company")
    salesman = users["salesman"]
    team = records["crm.team"]
    scenario = env["crm.interest.scenario"].create(
        {"name": "Matrix scenario", "process_kind": "manual", "company_id": company.id}
    )
    Stage = env["crm.stage"]
    first = Stage.create({"name": "Matrix first", "sequence": 1001, "scenario_id": scenario.id})
    second = Stage.create({"name": "Matrix second", "sequence": 1002, "scenario_id": scenario.id})
    won = Stage.create(
        {"name": "Matrix won", "sequence": 1003, "is_won": True, "scenario_id": scenario.id}
    )
    item = env["crm.interest.checklist.item"].create({"name": "Matrix check", "stage_id": first.id})
    env["crm.interest.checklist.item"].create({"name": "Matrix later", "stage_id": second.id})
    team.interest_scenario_id = scenario
    # the scenario of the rows: one no interest follows (one that has interests is archived,
    # not deleted, whoever asks), with a state and a trigger, so deleting it removes the
    # trigger's automation rule
    spare = env["crm.interest.scenario"].create(
        {"name": "Matrix spare scenario", "process_kind": "manual", "company_id": company.id}
    )
    spare_state = Stage.create(
        {"name": "Matrix spare state", "sequence": 1011, "scenario_id": spare.id}
    )
    env["crm.interest.trigger"].create(
        {
            "scenario_id": spare.id,
            "event": "enter",
            "stage_id": spare_state.id,
            "action": "activity",
            "activity_type_id": env.ref("mail.mail_activity_data_call").id,
            "activity_summary": "Matrix spare call",
        }
    )
    lead = env["crm.lead"].create(
        {
            "name": "Matrix interest",
            "type": "opportunity",
            "partner_id": records["res.partner"].id,
            "team_id": team.id,
            "user_id": salesman.id,
            "scenario_id": scenario.id,
            "stage_id": first.id,
            "company_id": company.id,
        }
    )
    # an interest a route map controls (only a route map puts it there: set in the table)
    controlled = lead.copy({"name": "Matrix controlled interest", "user_id": salesman.id})
    env.cr.execute(
        SQL("UPDATE crm_lead SET process_kind = 'routemap' WHERE id = %s", controlled.id)
    )
    controlled.invalidate_recordset(["process_kind"])
    checklist_line = lead.checklist_line_ids.filtered(lambda line: line.item_id == item)
    history = lead.stage_history_ids[:1]
    lost_reason = env["crm.lost.reason"].create({"name": "Matrix reason"})
    activity = lead.activity_schedule(
        "mail.mail_activity_data_todo", summary="Matrix to do", user_id=salesman.id
    )
    as_salesman = env(user=salesman, context=dict(env.context, allowed_company_ids=company.ids))
    return {
        "crm.interest.scenario": spare,
        # a state no interest is in (a state in use is not deleted, whoever asks)
        "crm.stage": won,
        "crm.interest.checklist.item": item,
        "crm.lead": lead,
        "crm.interest.checklist.line": checklist_line,
        "crm.interest.stage.history": history,
        "crm.interest.demand.line": env["crm.interest.demand.line"].create(
            {"lead_id": lead.id, "name": "Matrix desks", "quantity": 2, "price_unit": 100}
        ),
        "crm.interest.participant": env["crm.interest.participant"].create(
            {"lead_id": lead.id, "partner_id": records["res.partner"].id}
        ),
        "crm.interest.trigger": env["crm.interest.trigger"].create(
            {
                "scenario_id": scenario.id,
                "event": "enter",
                "stage_id": second.id,
                "action": "activity",
                "activity_type_id": env.ref("mail.mail_activity_data_call").id,
                "activity_summary": "Matrix call back",
            }
        ),
        "crm.lost.reason": lost_reason,
        "mail.activity": activity,
        "crm.lead.go.state": as_salesman["crm.lead.go.state"].create(
            {"lead_ids": [(6, 0, lead.ids)], "stage_id": second.id}
        ),
        "crm.lead.lost": as_salesman["crm.lead.lost"].create(
            {"lead_ids": [(6, 0, lead.ids)], "lost_reason_id": lost_reason.id}
        ),
        "mail.tracking.value": env["mail.tracking.value"].create(
            {
                "field_id": env["ir.model.fields"]._get("crm.lead", "process_kind").id,
                "old_value_char": "Manual stage moves",
                "new_value_char": "Non-process",
                "mail_message_id": lead.message_post(body="Matrix tracking").id,
            }
        ),
        "res.users": env["res.users"].create(
            {"name": "Matrix Colleague", "login": "matrix_colleague"}
        ),
        "ir.cron": env.ref("crm_interest.ir_cron_interest_estimate"),
        "crm.cron.resume": env["crm.cron.resume"].create({"key": "matrix", "last_id": 7}),
        "_stages": first | second,
        "_controlled_lead": controlled,
    }


def create_values(env, users, model, records):
    lead = records["crm.lead"]
    scenario = lead.scenario_id
    first, second = records["_stages"]
    company = env.ref("base.main_company")
    return {
        "crm.interest.scenario": {
            "name": "Matrix scenario 2",
            "process_kind": "manual",
            "company_id": company.id,
        },
        "crm.interest.trigger": {
            "scenario_id": scenario.id,
            "event": "enter",
            "stage_id": first.id,
            "action": "activity",
            "activity_type_id": env.ref("mail.mail_activity_data_todo").id,
            "activity_summary": "Matrix new trigger",
        },
        "crm.interest.checklist.item": {"name": "Matrix new check", "stage_id": first.id},
        "crm.stage": {"name": "Matrix new state", "sequence": 1009, "scenario_id": scenario.id},
        "crm.lost.reason": {"name": "Matrix new reason"},
        "res.partner": {
            "name": "Matrix new contact",
            "parent_id": records["res.partner"].id,
            "company_id": company.id,
        },
        "mail.activity": {
            "res_model_id": env["ir.model"]._get_id("crm.lead"),
            "res_id": lead.id,
            "activity_type_id": env.ref("mail.mail_activity_data_todo").id,
            "summary": "Matrix new to do",
            "user_id": users["salesman"].id,
        },
        "crm.team": {"name": "Matrix new team", "company_id": company.id},
        "crm.lead": {
            "name": "Matrix new interest",
            "type": "opportunity",
            "partner_id": records["res.partner"].id,
            "team_id": records["crm.team"].id,
            "user_id": users["salesman"].id,
            "company_id": company.id,
        },
        "crm.interest.demand.line": {"lead_id": lead.id, "name": "Matrix chairs"},
        "crm.interest.participant": {
            "lead_id": lead.id,
            "partner_id": records["res.partner"].id,
            "role": "competitor",
        },
        "crm.interest.checklist.line": {
            "lead_id": lead.id,
            "item_id": env["crm.interest.checklist.item"]
            .search([("stage_id", "=", second.id)], limit=1)
            .id,
        },
        "crm.interest.stage.history": {
            "lead_id": lead.id,
            "stage_id": second.id,
            "scenario_id": scenario.id,
            "company_id": company.id,
            "date_in": "2026-01-01 00:00:00",
        },
        "crm.lead.go.state": {"lead_ids": [(6, 0, lead.ids)], "stage_id": second.id},
        "crm.lead.lost": {"lead_ids": [(6, 0, lead.ids)]},
        "mail.tracking.value": None,
        "res.users": {"name": "Matrix New Colleague", "login": "matrix_new_colleague"},
        "ir.cron": None,
        "crm.cron.resume": None,
    }[model]


def write_values(env, users, model, records):
    return {
        "crm.interest.scenario": {"name": "Matrix scenario renamed"},
        "crm.interest.trigger": {"activity_summary": "Matrix call back later"},
        "crm.interest.checklist.item": {"name": "Matrix check renamed"},
        "crm.stage": {"name": "Matrix won renamed"},
        "crm.lost.reason": {"name": "Matrix reason renamed"},
        "mail.activity": {"summary": "Matrix to do later"},
        "crm.team": {"name": "Matrix team renamed"},
        "crm.lead": {"name": "Matrix interest renamed"},
        "crm.interest.demand.line": {"quantity": 3},
        "crm.interest.participant": {"note": "Matrix note"},
        "crm.interest.checklist.line": {"done": True},
        "crm.interest.stage.history": {"date_out": "2026-01-02 00:00:00"},
        "crm.lead.go.state": {"stage_id": records["_stages"][0].id},
        "crm.lead.lost": {"lost_feedback": "Matrix feedback"},
        "res.partner": {"comment": "Matrix comment"},
        "mail.tracking.value": None,
        "res.users": {"signature": "Matrix signature"},
        "ir.cron": None,
        "crm.cron.resume": None,
    }[model]
