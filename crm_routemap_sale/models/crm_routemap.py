from odoo import api, models


class CrmRoutemap(models.Model):
    _inherit = "crm.routemap"

    @api.model
    def _routemap_sale_demo(self, routemap_id, element_id):
        """Demo data: a new version of the map whose point `element_id` creates the customer
        order; running processes stay on the version they started with."""
        routemap = self.browse(routemap_id)
        new = self.browse(routemap.action_new_version()["res_id"])
        new.point_ids.filtered(lambda p: p.element_id == element_id).action_id = self.env.ref(
            "crm_routemap_sale.action_server_customer_order"
        ).id
        new.action_activate()
        shipped = routemap.get_external_id()[routemap.id].split(".")[-1]
        new._routemap_name_elements("crm_routemap_sale", f"{shipped}_v{new.version}")
        # the map itself too: the active version's name reads in the user's language
        if not new.get_external_id().get(new.id):
            self.env["ir.model.data"].create(
                {
                    "module": "crm_routemap_sale",
                    "name": f"{shipped}_v{new.version}",
                    "model": new._name,
                    "res_id": new.id,
                    "noupdate": True,
                }
            )
        return True
