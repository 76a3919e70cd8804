import { Component, reactive, useState, xml } from "@odoo/owl";
import { getCurrency } from "@web/core/currency";
import { _t } from "@web/core/l10n/translation";
import { deserializeDateTime, formatDateTime } from "@web/core/l10n/dates";
import { registry } from "@web/core/registry";
import { useService } from "@web/core/utils/hooks";
import { formatFloat, formatMonetary } from "@web/views/fields/formatters";

/**
 * Incoming calls pop up for the users of every extension that rang (crm_softphone/incoming_call
 * on the bus): the caller, the client's open interests, claims, quotations and last
 * interactions, buttons to open the call or the client and the creations the server offers
 * (a contact, a new interest, a planned interaction, a claim, a quotation).
 *
 * The popup follows the call: the server sends it again when the call is answered, when it
 * ends and when its result is saved (then, or when a colleague answered, with `close`). Its
 * links open the records inside the web client (the action service, no page load); it stays
 * under the dropdowns of the navbar (the activity menu) and steps aside while a dialog is open
 * (the wrap-up dialog, a contact being created); its close button dismisses it.
 * After an answered call the wrap-up dialog opens (crm_softphone/wrap_up).
 */

// under the dropdowns ($zindex-dropdown: 1000) and the dialogs and popovers (1055)
const POPUP_Z_INDEX = 999;
const SHOWN_FROM = ["ringing", "in_progress"];

export class SoftphonePopups extends Component {
    static props = { calls: Object, dismissed: Set };
    static template = xml`
        <div t-if="list.length" t-att-class="{'d-none': dialogOpen}"
             class="o_crm_softphone_popups position-fixed d-flex flex-column gap-2"
             t-attf-style="z-index: {{zIndex}}; top: 7rem; right: 0.75rem; width: 23rem; max-width: calc(100vw - 1.5rem); max-height: calc(100vh - 8rem); overflow-y: auto;">
            <div t-foreach="list" t-as="call" t-key="call.id"
                 class="o_crm_softphone_popup o_crm_softphone_notification card shadow"
                 t-att-data-call-id="call.id" t-att-data-state="call.state">
                <div class="card-header d-flex align-items-center gap-2 py-2">
                    <i class="fa fa-phone" role="img" aria-hidden="true"/>
                    <span class="fw-bold flex-grow-1" t-esc="labels.title"/>
                    <span t-attf-class="o_crm_softphone_state badge rounded-pill text-bg-{{stateColor(call)}}"
                          t-esc="call.state_label"/>
                    <button type="button" class="btn-close o_crm_softphone_close"
                            t-att-title="closeLabel" t-att-aria-label="closeLabel"
                            t-on-click="() => this.dismiss(call.id)"/>
                </div>
                <div class="card-body py-2" style="overflow-wrap: anywhere;">
                    <div class="fw-bold" t-esc="call.number_display or call.number"/>
                    <div t-if="call.answered_by and call.state !== 'ringing'" class="text-muted o_crm_softphone_answered_by">
                        <t t-esc="answeredByLabel(call)"/>
                    </div>
                    <div t-if="call.client">
                        <a t-att-href="url('res.partner', call.client.id)" t-esc="call.client.name"
                           t-on-click="(ev) => this.onLink(ev, 'res.partner', call.client.id)"/>
                    </div>
                    <div t-foreach="call.contacts" t-as="contact" t-key="contact.id">
                        <a t-att-href="url('res.partner', contact.id)" t-esc="contact.name"
                           t-on-click="(ev) => this.onLink(ev, 'res.partner', contact.id)"/>
                    </div>
                    <t t-if="call.matches.length">
                        <div t-esc="labels.several"/>
                        <div t-foreach="call.matches" t-as="match" t-key="match.id">
                            <a t-att-href="url('res.partner', match.id)" t-esc="match.name"
                               t-on-click="(ev) => this.onLink(ev, 'res.partner', match.id)"/>
                        </div>
                    </t>
                    <div t-if="!call.client and !call.matches.length" t-esc="labels.unknown"/>
                    <t t-foreach="sections(call)" t-as="section" t-key="section.key">
                        <div class="fw-bold mt-1" t-esc="section.title"/>
                        <div t-foreach="section.items" t-as="item" t-key="item.id"
                             t-att-class="'o_crm_softphone_' + section.key">
                            <a t-att-href="url(item.model, item.id)" t-esc="item.name"
                               t-on-click="(ev) => this.onLink(ev, item.model, item.id)"/>
                            <t t-foreach="item.details" t-as="detail" t-key="detail_index">
                                · <span t-att-class="detail.className" t-esc="detail.text"/>
                            </t>
                        </div>
                    </t>
                </div>
                <div class="card-footer d-flex flex-wrap gap-1 py-2">
                    <button t-foreach="buttons(call)" t-as="button" t-key="button.key" type="button"
                            t-att-class="'btn btn-sm text-wrap text-start ' + (button.primary ? 'btn-primary' : 'btn-secondary')"
                            style="word-break: normal; overflow-wrap: normal; hyphens: manual;"
                            t-on-click="button.onClick" t-esc="button.name"/>
                </div>
            </div>
        </div>`;

    setup() {
        this.action = useService("action");
        this.orm = useService("orm");
        this.calls = useState(this.props.calls);
        // dialogs are overlays: the popup is rendered again when one opens or closes
        this.overlays = useState(useService("overlay").overlays);
        this.zIndex = POPUP_Z_INDEX;
        this.closeLabel = _t("Close");
        this.labels = {
            several: _t("Several contacts have this number:"),
            unknown: _t("Unknown number"),
            title: _t("Incoming call"),
        };
    }

    get list() {
        return Object.values(this.calls).sort((a, b) => a.id - b.id);
    }

    get dialogOpen() {
        Object.keys(this.overlays); // read: rendered again when an overlay comes or goes
        return document.body.classList.contains("modal-open");
    }

    stateColor(call) {
        return (
            {
                ringing: "info",
                in_progress: "success",
                awaiting_result: "warning",
                missed: "danger",
            }[call.state] || "secondary"
        );
    }

    answeredByLabel(call) {
        return _t("Answered by %s", call.answered_by);
    }

    url(model, id) {
        return `/odoo/${model}/${id}`;
    }

    amount(value, currencyId, currencyName) {
        if (getCurrency(currencyId)) {
            return formatMonetary(value, { currencyId });
        }
        return `${formatFloat(value)} ${currencyName || ""}`.trim();
    }

    sections(call) {
        const sections = [];
        if (call.interests.length) {
            sections.push({
                key: "interests",
                title: _t("Open interests"),
                items: call.interests.map((lead) => ({
                    id: lead.id,
                    model: "crm.lead",
                    name: lead.name,
                    details: [
                        { text: lead.stage },
                        {
                            text: this.amount(lead.amount, lead.currency_id, lead.currency),
                            className: "o_crm_softphone_amount",
                        },
                    ].filter((detail) => detail.text),
                })),
            });
        }
        if (call.claims?.length) {
            sections.push({
                key: "claims",
                title: _t("Open claims"),
                items: call.claims.map((claim) => ({ ...claim, details: [] })),
            });
        }
        if (call.quotations?.length) {
            sections.push({
                key: "quotations",
                title: _t("Open quotations"),
                items: call.quotations.map((order) => ({
                    id: order.id,
                    model: order.model,
                    name: order.name,
                    details: [
                        {
                            text: this.amount(order.amount, order.currency_id, order.currency),
                            className: "o_crm_softphone_amount",
                        },
                    ],
                })),
            });
        }
        if (call.interactions.length) {
            sections.push({
                key: "interactions",
                title: _t("Last interactions"),
                items: call.interactions.map((item) => ({
                    id: item.id,
                    model: "crm.interaction",
                    name: item.name,
                    details: [{ text: formatDateTime(deserializeDateTime(item.date)) }],
                })),
            });
        }
        return sections;
    }

    buttons(call) {
        const buttons = [];
        if (call.can_open) {
            buttons.push({
                key: "call",
                name: _t("Open Call"),
                primary: true,
                onClick: () => this.open("crm.interaction", call.id),
            });
        }
        if (call.client) {
            buttons.push({
                key: "client",
                name: _t("Open Client"),
                onClick: () => this.open("res.partner", call.client.id),
            });
        }
        // what can be created from the call (contact, interest, planned interaction, and what
        // glue addons add: claim, quotation), named by the server in the user's language
        for (const extra of call.actions || []) {
            buttons.push({
                key: extra.method,
                name: extra.name,
                onClick: async () => {
                    const result = await this.orm.call("crm.interaction", extra.method, [
                        [call.id],
                    ]);
                    this.action.doAction(result);
                },
            });
        }
        return buttons;
    }

    onLink(ev, model, id) {
        if (ev.ctrlKey || ev.metaKey || ev.shiftKey || ev.button !== 0) {
            return; // a new tab or window: the browser follows the link
        }
        ev.preventDefault();
        this.open(model, id);
    }

    open(model, id) {
        return this.action.doAction({
            type: "ir.actions.act_window",
            res_model: model,
            res_id: id,
            views: [[false, "form"]],
            target: "current",
        });
    }

    dismiss(id) {
        // closed by the user: it does not come back when the call goes on
        this.props.dismissed.add(id);
        delete this.calls[id];
    }
}

export const softphoneService = {
    dependencies: ["bus_service", "action", "orm"],
    start(env, { bus_service, action, orm }) {
        const calls = reactive({});
        const dismissed = new Set();
        registry.category("main_components").add("crm_softphone.popups", {
            Component: SoftphonePopups,
            props: { calls, dismissed },
        });
        bus_service.subscribe("crm_softphone/incoming_call", (call) => {
            if (call.close) {
                delete calls[call.id];
            } else if (calls[call.id]) {
                // a popup follows its call (an ended call sends its state only)
                calls[call.id] = { ...calls[call.id], ...call };
            } else if (SHOWN_FROM.includes(call.state) && !dismissed.has(call.id)) {
                // a new one pops up while the call is live only
                calls[call.id] = call;
            }
        });
        bus_service.subscribe("crm_softphone/wrap_up", async ({ id }) => {
            const result = await orm.call("crm.interaction", "action_wrap_up", [[id]]);
            action.doAction(result);
        });
        bus_service.start();
        return { calls };
    },
};

registry.category("services").add("crm_softphone", softphoneService);
