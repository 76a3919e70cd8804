from . import test_routemap_sale
