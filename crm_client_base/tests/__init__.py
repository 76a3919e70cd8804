from . import test_client_events, test_partner_card
from . import test_classes, test_indicators
