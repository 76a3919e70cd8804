def uninstall_hook(env):
    """Remove the automation rules the scenario triggers wrote: without this addon their
    code (which calls crm.interest.trigger) would fail on every interest change."""
    triggers = env["crm.interest.trigger"].with_context(active_test=False).search([])
    triggers.automation_id.unlink()
