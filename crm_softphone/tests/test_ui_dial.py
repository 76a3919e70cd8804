from odoo.tests import HttpCase, tagged

from .common import SoftphoneCommon
from .test_dial_format import AmiPeer


@tagged("post_install", "-at_install")
class TestUiDial(SoftphoneCommon, HttpCase):
    def test_tour_every_phone_widget_dials_as_the_pbx_dials(self):
        """The salesman calls the client from his card and a contact from the contacts list,
        with Odoo's phone widget; the PBX (AMI on loopback) gets the numbers in its national
        form."""
        self.pbx.dial_format = "national"
        with AmiPeer() as ami:
            self.pbx.write({"port": ami.port, "username": "crm", "secret": "pw"})
            self.start_tour(
                f"/odoo/action-base.action_partner_form/{self.client.id}",
                "crm_softphone_dial_tour",
                login="sp_salesman",
            )
        self.assertEqual(ami.dialled, ["84951234567", "89161234567"])
        self.assertEqual([a["Channel"] for a in ami.actions if "Channel" in a], ["PJSIP/201"] * 2)

    def test_tour_no_extension_no_call_button(self):
        self.start_tour(
            f"/odoo/action-base.action_partner_form/{self.client.id}",
            "crm_softphone_no_dial_tour",
            login="sp_manager",
        )
