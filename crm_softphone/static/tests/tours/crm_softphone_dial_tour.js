import { registry } from "@web/core/registry";

/**
 * Click-to-dial from Odoo's own phone widget: on the client's card and in the contacts list,
 * the salesman with an extension has the PBX call the number (crm_softphone/tests/test_ui_dial.py
 * gives him a PBX speaking the AMI protocol on loopback and checks what the PBX received).
 */
registry.category("web_tour.tours").add("crm_softphone_dial_tour", {
    steps: () => [
        {
            content: "The client's phone, in the form, has the PBX's call button and not the tel: link",
            trigger:
                ".o_form_view .o_field_widget[name=phone]:not(:has(.o_phone_form_link)) .o_crm_softphone_dial:contains('Call')",
            run: "click",
        },
        {
            content: "The PBX calls",
            trigger: ".o_notification:contains('Calling 8 (495) 123-45-67')",
        },
        {
            content: "One call button in the field",
            trigger: ".o_form_view .o_field_widget[name=phone]",
            run() {
                const buttons = this.anchor.querySelectorAll(".o_crm_softphone_dial").length;
                if (buttons !== 1) {
                    throw new Error(`${buttons} call buttons in the phone field`);
                }
            },
        },
        {
            content: "Go to the contacts",
            trigger: ".o_breadcrumb .o_back_button, .o_breadcrumb li.breadcrumb-item a",
            run: "click",
        },
        {
            content: "Show them as a list",
            trigger: ".o_switch_view.o_list",
            run: "click",
        },
        {
            content: "The contact's phone in the list dials",
            trigger:
                ".o_list_view .o_data_row:contains('Ivan Petrov') .o_field_widget[name=phone] .o_crm_softphone_dial",
            run: "click",
        },
        {
            content: "The PBX calls him, and the list stays",
            trigger: ".o_notification:contains('Calling +7 916 123 45 67')",
        },
        {
            content: "Still the list",
            trigger: ".o_list_view .o_data_row:contains('Ivan Petrov')",
        },
    ],
});

// A user without an extension has no call button in the phone widget.
registry.category("web_tour.tours").add("crm_softphone_no_dial_tour", {
    steps: () => [
        {
            content: "The phone is shown without the PBX's call button",
            trigger: ".o_form_view .o_field_widget[name=phone] input",
            run() {
                if (document.querySelector(".o_crm_softphone_dial")) {
                    throw new Error("a user without an extension has a call button");
                }
            },
        },
    ],
});
