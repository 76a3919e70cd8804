"""Plain-Python logic of crm_interest: no Odoo import, tested with plain pytest."""
