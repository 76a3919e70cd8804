from . import test_partner_card
