"""PBX event agent of crm_softphone: Asterisk AMI events in, call events posted to Odoo.

Run it as `python -m softphone_agent --help`. It needs panoramisk (pinned in the repository's
requirements.txt) and nothing of Odoo.
"""
