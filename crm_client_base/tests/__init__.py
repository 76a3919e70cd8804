from . import test_client_events, test_partner_card
