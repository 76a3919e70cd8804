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

registry.category("web_tour.tours").add("crm_softphone_tour", {
    url: "/odoo/action-crm_softphone.crm_interaction_action_calls",
    steps: () => [
        {
            content: "The phone rings",
            trigger: ".o_list_view",
            run: () =>
                post([
                    { call_id: "tour-1", event: "ring", time: now(), from: "+74951234567" },
                    { call_id: "tour-1", event: "ring", time: now(), extension: "201" },
                ]),
        },
        {
            content: "The call pops up with the client and his open interest",
            trigger: ".o_crm_softphone_notification:contains('Romashka LLC'):contains('Desks for Romashka')",
        },
        {
            content: "Open the client",
            trigger: ".o_crm_softphone_notification button:contains('Open Client')",
            run: "click",
        },
        {
            content: "The client card is open; the user picks up, talks, hangs up",
            trigger: ".o_form_view .o_field_widget[name=name]:contains('Romashka LLC'), .o_form_view .o_field_widget[name=name] input",
            run: () =>
                post([
                    { call_id: "tour-1", event: "answer", time: now(), extension: "201" },
                    {
                        call_id: "tour-1",
                        event: "hangup",
                        time: new Date(Date.now() + 60000).toISOString(),
                    },
                ]),
        },
        {
            content: "The wrap-up dialog asks for the result",
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
            content: "The dialog is closed",
            trigger: "body:not(:has(.modal))",
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
