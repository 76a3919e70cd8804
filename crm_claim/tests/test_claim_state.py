from odoo.exceptions import ValidationError
from odoo.tests import Form, tagged

from .common import ClaimCase

REFUSAL = "without its review results"


@tagged("post_install", "-at_install")
class TestClaimState(ClaimCase):
    def test_close_refused_without_results_on_every_path(self):
        claim = self._claim()
        # the form buttons
        with self.assertRefused(ValidationError, REFUSAL):
            claim.with_user(self.salesman).action_set_satisfied()
        with self.assertRefused(ValidationError, REFUSAL):
            claim.with_user(self.salesman).action_set_not_satisfied()
        # a plain write (what an RPC call does), blank results count as none
        with self.assertRefused(ValidationError, REFUSAL):
            claim.write({"state": "not_satisfied", "resolution": "   "})
        self.assertEqual(claim.state, "processing")
        # creating a claim already closed
        with self.assertRefused(ValidationError, REFUSAL):
            self._claim(state="satisfied")
        # an import
        result = self.env["crm.claim"].load(
            ["partner_id/.id", "state", "description"],
            [[str(self.client.id), "satisfied", "Imported"]],
        )
        self.assertFalse(result["ids"])
        self.assertIn(REFUSAL, " ".join(message["message"] for message in result["messages"]))
        self.assertEqual(claim.state, "processing")

    def test_close_with_results(self):
        claim = self._claim()
        with Form(claim.with_user(self.salesman)) as form:
            form.resolution = "The desk was replaced."
        claim.with_user(self.salesman).action_set_satisfied()
        self.assertEqual(claim.state, "satisfied")
        self.assertTrue(claim.date_closed)
        self.assertEqual(claim.satisfied_rate, 100)
        # a closed claim cannot lose its results
        with self.assertRefused(ValidationError, REFUSAL):
            claim.write({"resolution": False})
        other = self._claim()
        other.write({"state": "not_satisfied", "resolution": "The claim is unfounded."})
        self.assertEqual(other.state, "not_satisfied")
        self.assertEqual(other.satisfied_rate, 0)
        result = self.env["crm.claim"].load(
            ["partner_id/.id", "state", "resolution"],
            [[str(self.client.id), "satisfied", "Refunded"]],
        )
        self.assertEqual(len(result["ids"]), 1, result["messages"])
        self.assertEqual(self.env["crm.claim"].browse(result["ids"]).state, "satisfied")

    def test_reopen(self):
        claim = self._claim(resolution="Replaced", state="satisfied")
        self.assertTrue(claim.date_closed)
        messages = claim.message_ids
        claim.with_user(self.salesman).action_reopen()
        self.assertEqual(claim.state, "processing")
        self.assertFalse(claim.date_closed)
        self.assertEqual(claim.resolution, "Replaced")
        new = claim.message_ids - messages
        self.assertIn("reopened", " ".join(new.mapped("body")))
        # closed again, it keeps its first results unless changed
        claim.action_set_not_satisfied()
        self.assertEqual(claim.state, "not_satisfied")
