from odoo.addons.crm_routemap.pure import bpmn
from odoo.exceptions import UserError
from odoo.tests import TransactionCase, new_test_user, tagged

from .test_routemap_claim import claim_drawing


@tagged("post_install", "-at_install")
class TestRoutemapClaimScreens(TransactionCase):
    """The claim form offers "Start Route Map" only while no map drives the claim; its
    diagram reads in the reader's language."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.claim_user = new_test_user(
            cls.env, "rmc_screen_user", groups="crm_claim.group_crm_claim_user", name="Olga"
        )
        cls.client = cls.env["res.partner"].create({"name": "Romashka LLC", "is_company": True})
        cls.routemap = cls.env["crm.routemap"].create(
            {"name": "Claim review", "target": "claim", "xml": bpmn.to_xml(claim_drawing())}
        )
        cls.env["res.lang"]._activate_lang("ru_RU")
        point = cls.routemap.point_ids.filtered(lambda p: p.element_id == "R")
        point.update_field_translations("name", {"ru_RU": "Расследовать"})
        cls.routemap.action_activate()

    def new_claim(self):
        return (
            self.env["crm.claim"]
            .with_user(self.claim_user)
            .create(
                {
                    "partner_id": self.client.id,
                    "description": "Scratched desk",
                    "user_id": self.claim_user.id,
                }
            )
        )

    def test_no_second_map_while_one_drives_the_claim(self):
        claim = self.new_claim()
        self.assertFalse(claim.routemap_running)
        claim.action_routemap_start(self.routemap.id)
        self.assertTrue(claim.routemap_running)
        with self.assertRaises(UserError) as refused:
            claim.action_routemap_start(self.routemap.id)
        self.assertIn("Claim review", str(refused.exception))
        self.assertEqual(len(claim.sudo().routemap_process_ids), 1)
        # once the map has ended, another one may be started
        claim.sudo().routemap_process_ids._routemap_terminate()
        claim.invalidate_recordset()
        self.assertFalse(claim.routemap_running)
        claim.action_routemap_start(self.routemap.id)
        self.assertEqual(len(claim.sudo().routemap_process_ids), 2)

    def test_the_diagram_labels_follow_the_readers_language(self):
        claim = self.new_claim()
        claim.action_routemap_start(self.routemap.id)
        self.assertEqual(claim.with_context(lang="ru_RU").routemap_labels["R"], "Расследовать")
        self.assertEqual(claim.with_context(lang="en_US").routemap_labels["R"], "Investigate")
