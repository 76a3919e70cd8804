import { registry } from "@web/core/registry";

/**
 * An incoming call pops up, the user opens the client, the call ends and the user saves
 * its result. The test (crm_softphone/tests/test_ui.py) gives the PBX id and token in the
 * cookie crm_softphone_tour ("<pbx id>:<token>") and checks the call afterwards.
 */
function post(events) {
    const cookie = document.cookie
        .split("; ")
        .find((c) => c.startsWith("crm_softphone_tour="))
        .split("=")[1];
    const [pbx, token] = decodeURIComponent(cookie).split(":");
    return fetch(`/crm_softphone/pbx/${pbx}/events`, {
        method: "POST",
        headers: { "Content-Type": "application/json", "X-Softphone-Token": token },
        body: JSON.stringify({ events }),
    }).then((response) => {
        if (!response.ok) {
            throw new Error(`endpoint answered ${response.status}`);
        }
    });
}

const now = () => new Date().toISOString();

/** The popup of the call (there is one in these tours). */
const POPUP = ".o_crm_softphone_popup";

/** Throws unless the page is the one the tour started in (no reload since). */
function assertNoReload() {
    if (window.crmSoftphoneTourPage !== "not reloaded") {
        throw new Error("the page was loaded again");
    }
}

/** Throws when a word of a popup button is broken over two lines. */
function assertButtonsKeepTheirWords() {
    const buttons = document.querySelectorAll(`${POPUP} .card-footer button`);
    if (!buttons.length) {
        throw new Error("the popup has no buttons");
    }
    for (const button of buttons) {
        const text = button.firstChild;
        const content = text.textContent;
        for (const match of content.matchAll(/\S+/g)) {
            const range = document.createRange();
            range.setStart(text, match.index);
            range.setEnd(text, match.index + match[0].length);
            const lines = new Set([...range.getClientRects()].map((r) => Math.round(r.top)));
            if (lines.size > 1) {
                throw new Error(`the word "${match[0]}" of "${content}" is broken`);
            }
        }
    }
}

registry.category("web_tour.tours").add("crm_softphone_tour", {
    url: "/odoo/action-crm_softphone.crm_interaction_action_calls",
    steps: () => [
        {
            content: "The phone rings (the page is marked to see that it is never reloaded)",
            trigger: ".o_list_view",
            run: () => {
                window.crmSoftphoneTourPage = "not reloaded";
                return post([
                    { call_id: "tour-1", event: "ring", time: now(), from: "+74951234567" },
                    { call_id: "tour-1", event: "ring", time: now(), extension: "201" },
                ]);
            },
        },
        {
            content: "The call pops up ringing, with the client and his open interest",
            trigger: `${POPUP}[data-state=ringing]:contains('Romashka LLC'):contains('Desks for Romashka') .o_crm_softphone_state:contains('Ringing')`,
        },
        {
            content: "The interest's amount is in the user's format, with its currency",
            trigger: `${POPUP} .o_crm_softphone_interests .o_crm_softphone_amount:contains('5,000.00')`,
            run: function () {
                const text = this.anchor.textContent;
                // grouped digits and the currency's symbol, not "5000 USD"
                if (/5000/.test(text) || /\b[A-Z]{3}\b/.test(text)) {
                    throw new Error(`amount shown as "${text}"`);
                }
            },
        },
        {
            content: "The popup's buttons keep their words whole",
            trigger: `${POPUP} .card-footer button:contains('Open Client')`,
            run: assertButtonsKeepTheirWords,
        },
        {
            content: "The popup stays under the activity menu: open it",
            trigger: ".o_menu_systray .o-mail-ActivityMenu-counter, .o_menu_systray i[aria-label='Activities']",
            run: "click",
        },
        {
            content: "The activity menu is above the popup",
            trigger: ".o-mail-ActivityMenu",
            run: function () {
                const menu = this.anchor.getBoundingClientRect();
                const popup = document.querySelector(POPUP).getBoundingClientRect();
                const x = Math.max(menu.left, popup.left) + 2;
                const y = Math.max(menu.top, popup.top) + 2;
                if (x < Math.min(menu.right, popup.right) && y < Math.min(menu.bottom, popup.bottom)) {
                    const top = document.elementFromPoint(x, y);
                    if (top.closest(POPUP)) {
                        throw new Error("the popup covers the activity menu");
                    }
                }
            },
        },
        {
            content: "Close the activity menu",
            trigger: ".o_menu_systray .o-mail-ActivityMenu-counter, .o_menu_systray i[aria-label='Activities']",
            run: "click",
        },
        {
            content: "Open the client from the popup's link",
            trigger: `body:not(:has(.o-mail-ActivityMenu)) ${POPUP} a:contains('Romashka LLC')`,
            run: "click",
        },
        {
            content: "The client card is open in the web client, the page was not reloaded",
            trigger: ".o_form_view .o_field_widget[name=name]:contains('Romashka LLC'), .o_form_view .o_field_widget[name=name] input",
            run: function () {
                assertNoReload();
                const name = this.anchor.value || this.anchor.textContent;
                if (!name.includes("Romashka LLC")) {
                    throw new Error(`the open card is "${name}"`);
                }
            },
        },
        {
            content: "The user picks up",
            trigger: `${POPUP}[data-state=ringing]`,
            run: () => post([{ call_id: "tour-1", event: "answer", time: now(), extension: "201" }]),
        },
        {
            content: "The popup says they are talking",
            trigger: `${POPUP}[data-state=in_progress] .o_crm_softphone_state:contains('In Progress')`,
            run: () =>
                post([
                    {
                        call_id: "tour-1",
                        event: "hangup",
                        time: new Date(Date.now() + 60000).toISOString(),
                    },
                ]),
        },
        {
            content: "The call ended: the wrap-up dialog asks for the result",
            trigger: ".modal .o_field_widget[name=result_id] input",
        },
        {
            content: "The popup steps aside while the dialog is open",
            trigger: `.o_crm_softphone_popups:not(:visible) ${POPUP}[data-state=awaiting_result]`,
        },
        {
            content: "Choose a result",
            trigger: ".modal .o_field_widget[name=result_id] input",
            run: "edit Agreed",
        },
        {
            content: "Choose the result",
            trigger: ".o-autocomplete--dropdown-item:contains('Agreed on the next step')",
            run: "click",
        },
        {
            content: "Write a note",
            trigger: ".modal .o_field_widget[name=note] textarea",
            run: "edit Sends the order tomorrow",
        },
        {
            content: "Save the result",
            trigger: ".modal button[name=action_save]",
            run: "click",
        },
        {
            content: "The dialog is closed and so is the popup, the page never reloaded",
            trigger: `body:not(:has(.modal)):not(:has(${POPUP}))`,
            run: assertNoReload,
        },
    ],
});

// A second call pops up and the user closes its popup himself (crm_softphone/tests/test_ui.py
// runs it in English and in Russian, whose words are longer).
registry.category("web_tour.tours").add("crm_softphone_popup_close_tour", {
    url: "/odoo/action-crm_softphone.crm_interaction_action_calls",
    steps: () => [
        {
            content: "The phone rings",
            trigger: ".o_list_view",
            run: () =>
                post([
                    { call_id: "tour-3", event: "ring", time: now(), from: "+74951234567" },
                    { call_id: "tour-3", event: "ring", time: now(), extension: "201" },
                ]),
        },
        {
            content: "The popup's buttons keep their words whole (in Russian too)",
            trigger: `${POPUP}[data-state=ringing] .card-footer button`,
            run: assertButtonsKeepTheirWords,
        },
        {
            content: "Close the popup",
            trigger: `${POPUP}[data-state=ringing] .o_crm_softphone_close`,
            run: "click",
        },
        {
            content: "The popup is gone; the user picks up, another call rings",
            trigger: `body:not(:has(${POPUP}))`,
            run: async () => {
                // one after the other: the bus brings the answer before the new ring
                await post([{ call_id: "tour-3", event: "answer", time: now(), extension: "201" }]);
                await post([
                    { call_id: "tour-4", event: "ring", time: now(), from: "+79037778899" },
                    { call_id: "tour-4", event: "ring", time: now(), extension: "201" },
                ]);
            },
        },
        {
            content: "The new call pops up, the closed one does not come back",
            trigger: `${POPUP}[data-state=ringing]:contains('+7 903 777-88-99')`,
            run: () => {
                const shown = document.querySelectorAll(POPUP).length;
                if (shown !== 1) {
                    throw new Error(`${shown} popups shown, the closed one came back`);
                }
            },
        },
        {
            content: "Close it too",
            trigger: `${POPUP}[data-state=ringing] .o_crm_softphone_close`,
            run: "click",
        },
        {
            content: "No popup left",
            trigger: `body:not(:has(${POPUP}))`,
        },
    ],
});

// The call form: a missed call says so and offers to call back; an answered one shows its one
// duration to the second; at most two buttons in the header, the rest in the action menu.
registry.category("web_tour.tours").add("crm_softphone_call_form_tour", {
    url: "/odoo/action-crm_softphone.crm_interaction_action_calls",
    steps: () => [
        {
            content: "The missed call reads as missed in the list",
            trigger: ".o_data_row:contains('Missed') .o_field_badge:contains('Missed')",
            run: "click",
        },
        {
            content: "Its state is Missed, not Done",
            trigger: ".o_form_view .o_statusbar_status:has(button[aria-current=step]:contains('Missed'))",
            run: function () {
                const states = [...document.querySelectorAll(".o_statusbar_status button")].map(
                    (b) => b.textContent.trim()
                );
                if (states.includes("Done")) {
                    throw new Error(`the missed call shows the states ${states}`);
                }
            },
        },
        {
            content: "Its header offers to call back, and no contact to create for a known client",
            trigger: ".o_form_statusbar .o_statusbar_buttons button:contains('Call Back')",
            run: function () {
                const buttons = [
                    ...document.querySelectorAll(".o_form_statusbar .o_statusbar_buttons button"),
                ].filter((b) => b.offsetParent !== null);
                const names = buttons.map((b) => b.textContent.trim());
                if (buttons.length > 2 || names.some((n) => /Create Contact|Call$/.test(n))) {
                    throw new Error(`header buttons: ${names.join(", ")}`);
                }
            },
        },
        {
            content: "Its tab is Call Details, not a second Call",
            trigger: ".o_notebook .nav-link:contains('Call Details')",
        },
        {
            content: "The rest is in the action menu",
            trigger: ".o_cp_action_menus button:has(.fa-cog)",
            run: "click",
        },
        {
            content: "Plan Follow-up is there",
            trigger: ".o-dropdown--menu .o-dropdown-item:contains('Plan Follow-up')",
        },
        {
            content: "Close the menu and go back to the list",
            trigger: ".o_cp_action_menus button:has(.fa-cog)",
            run: "click",
        },
        {
            content: "Back to the calls",
            trigger: ".o_breadcrumb .o_back_button a, .o_breadcrumb li.breadcrumb-item a",
            run: "click",
        },
        {
            content: "Open the answered call",
            trigger: ".o_data_row:contains('Done') .o_field_badge:contains('Done')",
            run: "click",
        },
        {
            content: "One duration, to the second: the 2 min 30 s talked",
            trigger: ".o_form_view .o_field_widget[name=duration]:visible:contains('00:02:30')",
            run: function () {
                const labels = [...document.querySelectorAll(".o_form_view .o_form_label")]
                    .filter((l) => l.offsetParent !== null)
                    .map((l) => l.textContent.trim());
                if (labels.includes("Talk Time")) {
                    throw new Error("a second duration, Talk Time, is shown");
                }
            },
        },
        {
            content: "Its state is Done; no header button for a done call of a known client but Call Back",
            trigger: ".o_statusbar_status:has(button[aria-current=step]:contains('Done'))",
            run: function () {
                const names = [
                    ...document.querySelectorAll(".o_form_statusbar .o_statusbar_buttons button"),
                ]
                    .filter((b) => b.offsetParent !== null)
                    .map((b) => b.textContent.trim());
                if (names.length > 2) {
                    throw new Error(`header buttons: ${names.join(", ")}`);
                }
            },
        },
    ],
});

registry.category("web_tour.tours").add("crm_softphone_contact_tour", {
    url: "/odoo/action-crm_softphone.crm_interaction_action_calls",
    steps: () => [
        {
            content: "A number nobody has calls",
            trigger: ".o_list_view",
            run: () =>
                post([
                    { call_id: "tour-2", event: "ring", time: now(), from: "+79037778899" },
                    { call_id: "tour-2", event: "ring", time: now(), extension: "201" },
                ]),
        },
        {
            content: "The popup says the number is unknown and offers a new contact",
            trigger: ".o_crm_softphone_notification:contains('Unknown number') button:contains('Create Contact')",
            run: "click",
        },
        {
            content: "The caller gives his name",
            trigger: ".modal .o_field_widget[name=name] input",
            run: "edit Ivan Petrov && click .modal-title",
        },
        {
            content: "The card that already exists is offered before a new one",
            trigger: ".modal .alert-warning:visible",
        },
        {
            content: "It is Romashka's Ivan Petrov, calling from another phone",
            trigger: ".modal .o_field_widget[name=duplicate_ids] .o_data_row:contains('Ivan Petrov')",
        },
        {
            content: "Link him instead of creating a duplicate",
            trigger: ".modal button[name=action_link_existing]",
            run: "click",
        },
        {
            content: "His card opens",
            trigger: ".o_form_view:not(.modal .o_form_view) .o_field_widget[name=name] input",
            run: function () {
                const value = this.anchor.value;
                if (value !== "Ivan Petrov") {
                    throw new Error(`the open card is "${value}", not Ivan Petrov's`);
                }
            },
        },
    ],
});

// The administrator generates a new token and copies it for the agent or the PBX: he can read
// it and it has its copy button (crm_softphone/tests/test_ui.py checks the token it shows).
registry.category("web_tour.tours").add("crm_softphone_token_tour", {
    steps: () => [
        {
            content: "Generate a new token",
            trigger: ".o_form_view button[name=action_generate_token]",
            run: "click",
        },
        {
            content: "Confirm",
            trigger: ".modal .modal-footer .btn-primary",
            run: "click",
        },
        {
            content: "The new token is shown in clear with a copy button: the stored one",
            trigger: ".o_field_widget[name=token]:has(button.o_btn_char_copy) span:not(:empty)",
            async run() {
                const shown = this.anchor.textContent.trim();
                const id = Number(window.location.pathname.split("/").pop());
                const response = await fetch("/web/dataset/call_kw/crm.softphone.pbx/read", {
                    method: "POST",
                    headers: { "Content-Type": "application/json" },
                    body: JSON.stringify({
                        jsonrpc: "2.0",
                        method: "call",
                        params: {
                            model: "crm.softphone.pbx",
                            method: "read",
                            args: [[id], ["token"]],
                            kwargs: {},
                        },
                    }),
                });
                const stored = (await response.json()).result[0].token;
                if (!shown || shown !== stored) {
                    throw new Error(`token shown "${shown}", stored "${stored}"`);
                }
            },
        },
    ],
});
