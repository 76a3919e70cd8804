from odoo.exceptions import AccessError
from odoo.tests import Form, HttpCase, JsonRpcException, new_test_user, tagged

from .common import ClaimCase


@tagged("post_install", "-at_install")
class TestClaimAccess(ClaimCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.interest = cls.env["crm.lead"].create(
            {
                "name": "Chairs for Vasilek",
                "type": "opportunity",
                "partner_id": cls.client2.id,
                "user_id": cls.salesman.id,
            }
        )
        # Ivan's client, Ivan responsible
        cls.own = cls._claim()
        # Ivan's client, Petr responsible: both see it
        cls.assigned = cls._claim(user_id=cls.salesman2.id)
        # Petr's client, manager responsible, about Ivan's interest: both see it
        cls.on_interest = cls._claim(
            partner_id=cls.client2.id, lead_id=cls.interest.id, user_id=cls.manager.id
        )
        # Petr's client, manager responsible: Petr only
        cls.petrs = cls._claim(partner_id=cls.client2.id, user_id=cls.manager.id)
        cls.all = cls.own | cls.assigned | cls.on_interest | cls.petrs

    def _visible(self, user):
        return self.env["crm.claim"].with_user(user).search([("id", "in", self.all.ids)])

    def test_groups(self):
        self.assertTrue(self.salesman.has_group("crm_claim.group_crm_claim_user"))
        self.assertFalse(self.salesman.has_group("crm_claim.group_crm_claim_manager"))
        self.assertTrue(self.manager.has_group("crm_claim.group_crm_claim_manager"))

    def test_salesmen_see_their_clients_and_assigned_claims(self):
        self.assertEqual(self._visible(self.salesman), self.own | self.assigned | self.on_interest)
        self.assertEqual(
            self._visible(self.salesman2), self.assigned | self.on_interest | self.petrs
        )
        with self.assertRaises(AccessError):
            self.petrs.with_user(self.salesman).read(["name"])
        with self.assertRaises(AccessError):
            self.own.with_user(self.salesman2).write({"description": "Sneaky"})
        with self.assertRaises(AccessError):
            self.own.with_user(self.salesman).unlink()
        with self.assertRaises(AccessError):
            self.env["crm.claim.reason"].with_user(self.salesman).create({"name": "Mine"})
        # the client card counts only what the salesman may see
        self.assertEqual(self.client2.with_user(self.salesman).claim_count, 1)

    def test_salesman_works_on_his_claim(self):
        claim = (
            self.env["crm.claim"]
            .with_user(self.salesman)
            .create(
                {
                    "partner_id": self.client.id,
                    "description": "Late delivery",
                    "department_id": self.department.id,
                    "employee_id": self.worker.id,
                }
            )
        )
        self.assertEqual(claim.user_id, self.salesman)
        self.assertIn(self.quality_user.partner_id, claim.message_partner_ids)
        claim.write({"resolution": "Delivered with a discount"})
        claim.action_set_satisfied()
        self.assertEqual(claim.state, "satisfied")
        claim.action_reopen()
        self.assertEqual(claim.state, "processing")

    def test_manager_sees_all(self):
        self.assertEqual(self._visible(self.manager), self.all)
        self.env["crm.claim.reason"].with_user(self.manager).create({"name": "Packaging"})
        self.petrs.with_user(self.manager).unlink()
        self.assertFalse(self.petrs.exists())

    def test_multi_company(self):
        other_company = self.env["res.company"].create({"name": "Other Co"})
        manager2 = new_test_user(
            self.env,
            "claim_manager_other",
            groups="sales_team.group_sale_manager",
            company_id=other_company.id,
            company_ids=[other_company.id],
        )
        self.assertFalse(self._visible(manager2))
        claim = self._claim(company_id=other_company.id, partner_id=self.client2.id)
        self.assertEqual(
            self.env["crm.claim"].with_user(manager2).search([("id", "in", claim.ids)]), claim
        )
        self.assertFalse(
            self.env["crm.claim"].with_user(self.manager).search([("id", "in", claim.ids)])
        )

    def test_participant_reads_and_adds_notes_nothing_more(self):
        """A colleague without sales rights asked to help opens the claim (its form, as the
        web client reads it) and adds notes; he changes, closes or deletes nothing."""
        helper = new_test_user(
            self.env, "claim_helper", groups="base.group_user", name="Nina Warehouse"
        )
        self.own.participant_ids = helper
        claim = self.own.with_user(helper)
        self.assertEqual(self._visible(helper), self.own)
        with Form(claim) as form:
            self.assertEqual(form.partner_id, self.client)
            self.assertEqual(form.name, self.own.name)
        note = claim.message_post(body="The desk left the warehouse intact", message_type="comment")
        self.assertEqual(note.author_id, helper.partner_id)
        self.assertTrue(note.subtype_id.internal)
        # asking to send a message to the followers still only adds a note
        sent = claim.message_post(
            body="Dear client", message_type="comment", subtype_xmlid="mail.mt_comment"
        )
        self.assertTrue(sent.subtype_id.internal)
        with self.assertRaises(AccessError):
            claim.write({"description": "Sneaky"})
        with self.assertRaises(AccessError):
            claim.action_set_satisfied()
        with self.assertRaises(AccessError):
            claim.unlink()
        with self.assertRaises(AccessError):
            self.env["crm.claim"].with_user(helper).create(
                {"partner_id": self.client.id, "description": "Mine"}
            )
        with self.assertRaises(AccessError):
            self.assigned.with_user(helper).read(["name"])
        # no longer a participant: no longer readable
        self.own.participant_ids = False
        with self.assertRaises(AccessError):
            self.own.with_user(helper).read(["name"])

    def test_guilty_department_manager_opens_the_claim(self):
        """The department's manager is notified with a link he can open."""
        claim = self._claim(department_id=self.department.id, employee_id=self.worker.id)
        notified = claim.message_ids.filtered(lambda m: "needs your attention" in m.body)
        self.assertIn(self.quality_user.partner_id, notified.partner_ids)
        self.assertFalse(self._visible(self.quality_user))
        self.assertEqual(
            self.env["crm.claim"].with_user(self.quality_user).search([("id", "=", claim.id)]),
            claim,
        )
        with Form(claim.with_user(self.quality_user)) as form:
            self.assertEqual(form.department_id, self.department)
            self.assertEqual(form.employee_id, self.worker)
        claim.with_user(self.quality_user).message_post(
            body="Boris will be trained", message_type="comment"
        )
        with self.assertRaises(AccessError):
            claim.with_user(self.quality_user).write({"resolution": "Mine"})
        # another department's claim stays closed to him
        other = self._claim(department_id=self.other_department.id)
        with self.assertRaises(AccessError):
            other.with_user(self.quality_user).read(["name"])


@tagged("post_install", "-at_install")
class TestClaimParticipantOverRpc(HttpCase):
    """The participant opens the claim and adds a note the way the web client does."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        salesman = new_test_user(
            cls.env, "claim_rpc_salesman", groups="sales_team.group_sale_salesman"
        )
        cls.helper = new_test_user(cls.env, "claim_rpc_helper", groups="base.group_user")
        client = cls.env["res.partner"].create(
            {"name": "Romashka LLC", "is_company": True, "user_id": salesman.id}
        )
        cls.claim = cls.env["crm.claim"].create(
            {"partner_id": client.id, "description": "Scratched desk", "user_id": salesman.id,
             "participant_ids": [(6, 0, cls.helper.ids)]}
        )  # fmt: skip
        cls.other = cls.env["crm.claim"].create(
            {"partner_id": client.id, "description": "Late", "user_id": salesman.id}
        )

    def _call(self, model, method, *args, **kwargs):
        return self.make_jsonrpc_request(
            f"/web/dataset/call_kw/{model}/{method}",
            {"model": model, "method": method, "args": list(args), "kwargs": kwargs},
        )

    def test_participant_over_rpc(self):
        self.authenticate("claim_rpc_helper", "claim_rpc_helper")
        views = self._call("crm.claim", "get_views", [[False, "form"]])
        form_fields = views["models"]["crm.claim"]["fields"]
        self.assertNotIn("interaction_ids", form_fields, "his form asks nothing he cannot read")
        spec = {name: {} for name in form_fields if form_fields[name]["type"] not in (
            "one2many", "many2many")}  # fmt: skip
        [record] = self._call("crm.claim", "web_read", [self.claim.id], specification=spec)
        self.assertEqual(record["name"], self.claim.name)
        for subtype in ("mail.mt_note", "mail.mt_comment"):
            posted = self.make_jsonrpc_request(
                "/mail/message/post",
                {"thread_model": "crm.claim", "thread_id": self.claim.id,
                 "post_data": {"body": f"Checked ({subtype})", "message_type": "comment",
                               "subtype_xmlid": subtype}},
            )  # fmt: skip
            message = self.env["mail.message"].browse(posted["message_id"])
            self.assertEqual(message.author_id, self.helper.partner_id)
            self.assertTrue(message.subtype_id.internal, "a participant only adds notes")
        with self.assertRaises(JsonRpcException):
            self._call("crm.claim", "write", [self.claim.id], {"description": "Changed"})
        with self.assertRaises(JsonRpcException):
            self._call("crm.claim", "action_set_satisfied", [self.claim.id])
        with self.assertRaises(JsonRpcException):
            self._call("crm.claim", "web_read", [self.other.id], specification={"name": {}})
        with self.assertRaises(JsonRpcException):
            self.make_jsonrpc_request(
                "/mail/message/post",
                {"thread_model": "crm.claim", "thread_id": self.other.id,
                 "post_data": {"body": "Not mine", "message_type": "comment"}},
            )  # fmt: skip
        self.assertEqual(self.claim.description, "<p>Scratched desk</p>")
