import { registry } from "@web/core/registry";

const CALL = "Tour call: price list request";

/**
 * A salesperson registers an incoming call from an unknown person, creates the contact
 * from it and plans the follow-up. Checked by crm_interaction/tests/test_ui.py.
 */
registry.category("web_tour.tours").add("crm_interaction_tour", {
    url: "/odoo/action-crm_interaction.crm_interaction_action",
    steps: () => [
        {
            content: "Register a new interaction",
            trigger: ".o_list_button_add",
            run: "click",
        },
        {
            content: "Summary of the call",
            trigger: ".o_field_widget[name=name] input",
            run: `edit ${CALL}`,
        },
        {
            content: "The caller gave a name",
            trigger: ".o_field_widget[name=contact_name] input",
            run: "edit Смирнова Анна Петровна",
        },
        {
            content: "and a phone number",
            trigger: ".o_field_widget[name=phone] input",
            run: "edit +7 495 765-43-21",
        },
        {
            content: "Save the call",
            trigger: ".o_form_button_save",
            run: "click",
        },
        {
            content: "Create the contact from the call",
            trigger: ".o_form_saved button[name=action_create_contact]",
            run: "click",
        },
        {
            content: "The dialog knows the name: create and link",
            trigger: ".modal .o_field_widget[name=name] input:value(Смирнова Анна Петровна)",
        },
        {
            trigger: ".modal button[name=action_create]",
            run: "click",
        },
        {
            content: "The new contact opens",
            trigger: ".o_breadcrumb .active:contains(Смирнова Анна Петровна)",
        },
        {
            content: "Back to the call",
            trigger: `.o_breadcrumb a:contains(${CALL})`,
            run: "click",
        },
        {
            content: "The call has its client now: plan the follow-up",
            trigger: ".o_field_widget[name=partner_id] input:value(Смирнова Анна Петровна)",
        },
        {
            trigger: "button[name=action_plan_follow_up]",
            run: "click",
        },
        {
            content: "A dialog asks what, how and when before anything is saved",
            trigger: `.modal .o_field_widget[name=name] input:value(Follow-up: ${CALL})`,
        },
        {
            content: "A meeting, this time",
            trigger: ".modal .o_field_widget[name=kind] input[data-value=meeting]",
            run: "click",
        },
        {
            content: "Plan it",
            trigger: ".modal button.btn-primary:contains(Plan)",
            run: "click",
        },
        {
            content: "The call shows its follow-up",
            trigger: ".o_form_view:not(:has(.modal)) button[name=action_open_follow_ups]:contains(1)",
        },
    ],
});

/**
 * The control wizard opens at its first step: nothing below it (such as "Others To") takes
 * the focus and scrolls the dialog down (crm_interaction/tests/test_ui.py).
 */
registry.category("web_tour.tours").add("crm_interaction_control_wizard_tour", {
    steps: () => [
        {
            content: "The wizard opens with step 1 in sight",
            trigger: ".modal .o_form_view .o_horizontal_separator:contains(1. Control and filter)",
            run() {
                const body = document.querySelector(".modal .modal-body");
                const heading = this.anchor.getBoundingClientRect();
                const box = body.getBoundingClientRect();
                if (body.scrollTop !== 0 || heading.top < box.top || heading.bottom > box.bottom) {
                    throw new Error(`the dialog opened scrolled down (${body.scrollTop}px)`);
                }
                const focused = document.activeElement.closest(".o_field_widget");
                if (focused && focused.getAttribute("name") === "default_user_id") {
                    throw new Error('"Others To" took the focus');
                }
            },
        },
    ],
});
