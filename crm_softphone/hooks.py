def post_init_hook(env):
    """Existing partners get their phone match keys, in batches."""
    env["res.partner"]._softphone_fill_keys()
