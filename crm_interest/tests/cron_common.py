"""Running a cron as Odoo's cron worker does, for the tests of our batched crons."""

import time

from odoo import api
from odoo.addons.crm_interest.models.ir_cron import BATCH_SIZE_PARAM


class CronRunMixin:
    """For a TransactionCase: run a cron's server action once, the way a cron worker runs it
    (``ir.cron._run_job``: a cursor of its own, a progress record in the context, the cron's
    user), every batch committed with its progress.

    ``first_batch_only`` gives the run no time left after its first batch: what a worker
    whose time is up leaves behind, and what the next run finds after a worker killed in its
    second batch (that batch's transaction rolled back). Returns the run's progress
    ``(done, remaining)``."""

    def run_cron(self, xmlid, *, batch_size=1, first_batch_only=False):
        cron = self.env.ref(xmlid)
        self.env["ir.config_parameter"].sudo().set_param(BATCH_SIZE_PARAM, batch_size)
        end_time = time.monotonic() - 1 if first_batch_only else float("inf")
        with self.enter_registry_test_mode(), self.registry.cursor() as cr:
            env = api.Environment(
                cr,
                cron.user_id.id,
                {"lastcall": cron.lastcall, "cron_id": cron.id, "cron_end_time": end_time},
            )
            job, progress = env["ir.cron"].browse(cron.id)._add_progress()
            cr.commit()
            job._callback(cron.cron_name, cron.ir_actions_server_id.id)
            result = progress.done, progress.remaining
        self.env.invalidate_all()
        return result

    def cron_resume_point(self, key):
        """The last id a stopped run of the cron committed (0: its last run went to the end)."""
        return self.env["crm.cron.resume"]._get(key)
