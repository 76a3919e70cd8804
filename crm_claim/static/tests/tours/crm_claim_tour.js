import { registry } from "@web/core/registry";

/**
 * A salesperson registers a claim from an interest and closes it satisfied. The data comes
 * from crm_claim/tests/test_ui.py (interest "Tour desks for Romashka").
 */
registry.category("web_tour.tours").add("crm_claim_tour", {
    steps: () => [
        {
            content: "The interest's header keeps its path, not the claim button",
            trigger: ".o_form_view .o_statusbar_status",
            run() {
                if (document.querySelector(".o_form_view .o_statusbar_buttons button[name=action_create_claim]")) {
                    throw new Error("Register Claim is still in the interest's header");
                }
            },
        },
        {
            content: "Open the interest's action menu",
            trigger: ".o_control_panel .o_cp_action_menus button.dropdown-toggle",
            run: "click",
        },
        {
            content: "Register a claim from the interest",
            trigger: ".o-dropdown--menu .o-dropdown-item:contains(Register Claim)",
            run: "click",
        },
        {
            content: "A new claim opens, processing",
            trigger:
                ".o_form_view:has(.o_field_widget[name=lead_id]) " +
                ".o_statusbar_status button.o_arrow_button_current:contains(Processing)",
        },
        {
            content: "The claim asks for its subject: the client's words",
            trigger: ".o_form_view .o_field_widget[name=subject].o_required_modifier input",
            run: "edit Desks arrived scratched",
        },
        {
            content: "Pick the reason",
            trigger: ".o_field_widget[name=reason_id] input",
            run: "edit Tour: quality",
        },
        {
            content: "Select it",
            trigger: ".o-autocomplete--dropdown-item:contains(Tour: quality)",
            run: "click",
        },
        {
            content: "Open the review results",
            trigger: ".o_notebook_headers a[name=resolution]",
            run: "click",
        },
        {
            content: "Write the review results",
            trigger: ".o_field_widget[name=resolution] textarea",
            run: "edit The scratched desks were replaced.",
        },
        {
            content: "The buttons say what to do, the statusbar where the claim is: no label twice",
            trigger: ".o_statusbar_buttons button[name=action_set_satisfied]",
            run() {
                const states = [...document.querySelectorAll(".o_statusbar_status button")].map(
                    (button) => button.textContent.trim()
                );
                for (const button of document.querySelectorAll(".o_statusbar_buttons button")) {
                    if (states.includes(button.textContent.trim())) {
                        throw new Error(`"${button.textContent.trim()}" is a button and a state`);
                    }
                }
            },
        },
        {
            content: "Close the claim satisfied",
            trigger: ".o_statusbar_buttons button[name=action_set_satisfied]:contains(Satisfy)",
            run: "click",
        },
        {
            content: "The claim is satisfied",
            trigger: ".o_statusbar_status button.o_arrow_button_current:contains(Satisfied)",
        },
        {
            content: "It can be reopened",
            trigger: ".o_statusbar_buttons button[name=action_reopen]",
        },
        {
            content: "Its title says what it is about",
            trigger: ".o_breadcrumb:contains(Desks arrived scratched)",
        },
    ],
});
