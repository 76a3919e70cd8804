from odoo.tests import HttpCase, tagged


@tagged("post_install", "-at_install")
class TestInterestTour(HttpCase):
    pass
