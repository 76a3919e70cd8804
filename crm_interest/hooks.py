from odoo.tools import SQL


def uninstall_hook(env):
    """Leave Odoo as it was without this addon.

    - Remove the automation rules (and the running totals table of the funnel) the scenario triggers wrote: without this addon their
      code (which calls crm.interest.trigger) would fail on every interest change.
    - Scenario states are crm.stage rows: without their scenario they would become pipeline
      stages of every team. Interests in them move to the native pipeline (won ones to its
      won stage, the others to its first stage), then the states are deleted.
    """
    odoo_report_menu = env.ref("crm.crm_opportunity_report_menu", raise_if_not_found=False)
    if odoo_report_menu:
        odoo_report_menu.active = True  # hidden by this addon's "Interest Analysis"
    triggers = env["crm.interest.trigger"].with_context(active_test=False).search([])
    triggers.automation_id.unlink()
    env.cr.execute("DROP TABLE IF EXISTS crm_interest_stage_total")  # the funnel's totals
    Stage = env["crm.stage"].sudo()
    states = Stage.search([("scenario_id", "!=", False)])
    if not states:
        return
    native = Stage.search([("scenario_id", "=", False)], order="sequence, id")
    first = native.filtered(lambda stage: not stage.is_won)[:1] or native[:1]
    won = native.filtered("is_won")[:1] or first
    if not first:
        first = won = Stage.create({"name": "New", "sequence": 1})
    env.cr.execute(
        SQL(
            """
        UPDATE crm_lead l
           SET stage_id = CASE WHEN s.is_won THEN %(won)s ELSE %(first)s END
          FROM crm_stage s
         WHERE s.id = l.stage_id AND s.scenario_id IS NOT NULL
            """,
            won=won.id,
            first=first.id,
        )
    )
    env["crm.lead"].invalidate_model(["stage_id"])
    env["ir.model.data"].sudo().search(
        [("model", "=", "crm.stage"), ("res_id", "in", states.ids)]
    ).unlink()
    states.unlink()
