import { markup } from "@odoo/owl";
import { _t } from "@web/core/l10n/translation";
import { registry } from "@web/core/registry";
import { escape } from "@web/core/utils/strings";

/**
 * Incoming calls pop up for the users of the extension (crm_softphone/incoming_call on the
 * bus): the caller, the client's open interests and last interactions, buttons to open the
 * call (from which an interest, a claim, an order or a planned interaction are one click
 * away), the client, or to create the contact, and the creations the server offers (a contact,
 * a new interest, a planned interaction, a claim, a quotation). After an answered call the wrap-up dialog
 * opens (crm_softphone/wrap_up).
 */
function popupBody(call) {
    const lines = [];
    const line = (text) => lines.push(`<div>${text}</div>`);
    line(`<b>${escape(call.number_display || call.number)}</b>`);
    if (call.client) {
        line(`<a href="/odoo/res.partner/${call.client.id}">${escape(call.client.name)}</a>`);
    }
    for (const contact of call.contacts) {
        line(`<a href="/odoo/res.partner/${contact.id}">${escape(contact.name)}</a>`);
    }
    if (call.matches.length) {
        line(escape(_t("Several contacts have this number:")));
        for (const match of call.matches) {
            line(`<a href="/odoo/res.partner/${match.id}">${escape(match.name)}</a>`);
        }
    }
    if (!call.client && !call.matches.length) {
        line(escape(_t("Unknown number")));
    }
    if (call.interests.length) {
        line(`<b>${escape(_t("Open interests"))}</b>`);
        for (const lead of call.interests) {
            line(
                `<a href="/odoo/crm.lead/${lead.id}">${escape(lead.name)}</a> · ` +
                    `${escape(lead.stage)} · ${escape(String(lead.amount))} ${escape(lead.currency)}`
            );
        }
    }
    if (call.claims.length) {
        line(`<b>${escape(_t("Open claims"))}</b>`);
        for (const claim of call.claims) {
            line(`<a href="/odoo/${claim.model}/${claim.id}">${escape(claim.name)}</a>`);
        }
    }
    if (call.quotations?.length) {
        line(`<b>${escape(_t("Open quotations"))}</b>`);
        for (const order of call.quotations) {
            line(
                `<a href="/odoo/${order.model}/${order.id}">${escape(order.name)}</a> · ` +
                    `${escape(String(order.amount))} ${escape(order.currency)}`
            );
        }
    }
    if (call.interactions.length) {
        line(`<b>${escape(_t("Last interactions"))}</b>`);
        for (const item of call.interactions) {
            line(
                `<a href="/odoo/crm.interaction/${item.id}">${escape(item.name)}</a> · ` +
                    `${escape(item.date)}`
            );
        }
    }
    return markup(`<div class="o_crm_softphone_popup">${lines.join("")}</div>`);
}

export const softphoneService = {
    dependencies: ["bus_service", "notification", "action", "orm"],
    start(env, { bus_service, notification, action, orm }) {
        const openRecord = (model, id) =>
            action.doAction({
                type: "ir.actions.act_window",
                res_model: model,
                res_id: id,
                views: [[false, "form"]],
            });
        bus_service.subscribe("crm_softphone/incoming_call", (call) => {
            const buttons = [
                {
                    name: _t("Open Call"),
                    primary: true,
                    onClick: () => {
                        close();
                        openRecord("crm.interaction", call.id);
                    },
                },
            ];
            if (call.client) {
                buttons.push({
                    name: _t("Open Client"),
                    onClick: () => {
                        close();
                        openRecord("res.partner", call.client.id);
                    },
                });
            }
            // what can be created from the call (contact, interest, planned interaction, and what
            // glue addons add: claim, quotation), named by the server in the user's language
            for (const extra of call.actions || []) {
                buttons.push({
                    name: extra.name,
                    onClick: async () => {
                        close();
                        const result = await orm.call("crm.interaction", extra.method, [
                            [call.id],
                        ]);
                        action.doAction(result);
                    },
                });
            }
            const close = notification.add(popupBody(call), {
                title: _t("Incoming call"),
                type: "info",
                sticky: true,
                className: "o_crm_softphone_notification",
                buttons,
            });
        });
        bus_service.subscribe("crm_softphone/wrap_up", async ({ id }) => {
            const result = await orm.call("crm.interaction", "action_wrap_up", [[id]]);
            action.doAction(result);
        });
        bus_service.start();
    },
};

registry.category("services").add("crm_softphone", softphoneService);
