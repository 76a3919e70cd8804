"""The rule "No purchase for a year" asked for orders in the period, which a client silent for
a year has none of: it never matched. Its condition is cleared where nobody changed it (the
indicators now keep the last purchase ever)."""


def migrate(cr, version):
    cr.execute(
        """
        UPDATE crm_client_status_rule rule SET domain = '[]'
          FROM ir_model_data xid
         WHERE xid.module = 'crm_client_base' AND xid.name = 'client_status_rule_lost'
           AND xid.model = 'crm.client.status.rule' AND xid.res_id = rule.id
           AND rule.domain = '[("order_count", ">", 0)]'
        """
    )
