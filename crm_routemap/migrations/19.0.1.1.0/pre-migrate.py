"""19.0.1.1.0: a process keeps its current points in a column beside its engine state
(`current_point_refs`) instead of a many2many rewritten at every step: the rows of the old
relation become that column before the ORM sees the field."""


def migrate(cr, version):
    if not version:
        return
    cr.execute(
        "ALTER TABLE crm_routemap_process ADD COLUMN IF NOT EXISTS current_point_refs VARCHAR"
    )
    cr.execute("SELECT to_regclass('crm_routemap_point_crm_routemap_process_rel')")
    if not cr.fetchone()[0]:
        return
    cr.execute(
        """
        UPDATE crm_routemap_process p
           SET current_point_refs = r.refs
          FROM (SELECT crm_routemap_process_id AS id,
                       string_agg(crm_routemap_point_id::text, ',' ORDER BY crm_routemap_point_id)
                       AS refs
                  FROM crm_routemap_point_crm_routemap_process_rel
                 GROUP BY crm_routemap_process_id) r
         WHERE p.id = r.id
        """
    )
