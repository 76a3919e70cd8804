from odoo import api, models

BATCH_SIZE_PARAM = "crm_interest.cron_batch_size"
DEFAULT_BATCH_SIZE = 500


class IrCron(models.Model):
    _inherit = "ir.cron"

    @api.model
    def _crm_batch_size(self):
        """Records per committed batch of our crons (system parameter
        `crm_interest.cron_batch_size`, 500 when unset)."""
        value = self.env["ir.config_parameter"].sudo().get_param(BATCH_SIZE_PARAM)
        return max(int(value or DEFAULT_BATCH_SIZE), 1)

    @api.model
    def _crm_run_batches(self, key, model, domain, process, batch_size=None):
        """Run ``process(batch)`` over the records of ``model`` matching ``domain``,
        in the order of their ids, one batch at a time.

        Inside a cron run each batch is committed with its progress (``_commit_progress``:
        done, and what remains, so that Odoo runs the cron again while work remains) together
        with the last id done, kept as the resume point ``key`` (``crm.cron.resume``):
        a worker killed mid-run loses at most the batch it was in (rolled back, with its
        markers), and the next run goes on after the last committed batch. A finished run
        clears the resume point, so the next one starts again from the first record.
        ``process`` keeps its own markers of what is done (a record it has handled leaves
        ``domain``) where doing it twice would show (an activity, a log row); recomputations
        need none. Outside a cron (a button, a test) the whole run is the caller's transaction:
        nothing is committed nor resumed here.

        :return: whether the run went to the end (False: stopped for time, work remains)
        """
        Model = model.browse()
        Resume = self.env["crm.cron.resume"]
        in_cron = bool(self.env.context.get("ir_cron_progress_id"))
        last_id = Resume._get(key) if in_cron else 0
        size = batch_size or self._crm_batch_size()

        def todo():
            return [*domain, ("id", ">", last_id)]

        if in_cron:
            self._commit_progress(remaining=Model.search_count(todo()))
        while batch := Model.search(todo(), order="id", limit=size):
            process(batch)
            last_id = batch[-1].id
            if not in_cron:
                continue
            Resume._set(key, last_id)
            remaining = Model.search_count(todo())
            time_left = self._commit_progress(len(batch), remaining=remaining)
            if remaining and not time_left:
                return False  # Odoo runs the cron again: it goes on after `last_id`
        if in_cron:
            Resume._set(key, 0)
            self._commit_progress(remaining=0)
        return True
