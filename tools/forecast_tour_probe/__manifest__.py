{
    "name": "Forecast tour probe (diagnosis of issue 22, not a product addon)",
    "version": "19.0.1.0.0",
    "summary": "Logs the browser's RPCs and boards while Odoo's crm_forecast tour runs",
    "depends": ["crm", "web_tour"],
    "license": "LGPL-3",
    "assets": {"web.assets_backend": ["forecast_tour_probe/static/src/probe.js"]},
}
