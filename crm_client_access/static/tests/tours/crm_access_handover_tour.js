import { registry } from "@web/core/registry";

/**
 * A sales administrator hands a leaving salesman's work over from the user's form: one
 * successor, a preview of what goes where, then the hand over. Checked by
 * crm_client_access/tests/test_handover_ui.py.
 */
registry.category("web_tour.tours").add("crm_access_handover_tour", {
    steps: () => [
        {
            content: "Hand the leaver's work over from his user form",
            trigger: ".o_form_view button:contains(Hand Work Over)",
            run: "click",
        },
        {
            content: "The wizard knows whose work it is",
            trigger: ".modal .o_field_widget[name=from_user_id] input:value(Tour Leaver)",
        },
        {
            content: "All to one successor",
            trigger: ".modal .o_field_widget[name=target_user_id] input",
            run: "edit Tour Successor",
        },
        {
            trigger: ".o-autocomplete--dropdown-item:contains(Tour Successor)",
            run: "click",
        },
        {
            content: "See what goes where",
            trigger: ".modal button[name=action_preview]",
            run: "click",
        },
        {
            content: "The leaver's interest is in the preview, to the successor",
            trigger:
                ".modal .o_field_widget[name=line_ids] .o_data_row:contains(Tour interest):contains(Tour Successor)",
        },
        {
            content: "and his client",
            trigger: ".modal .o_field_widget[name=line_ids] .o_data_row:contains(Tour client)",
        },
        {
            content: "Hand it over",
            trigger: ".modal button[name=action_handover]",
            run: "click",
        },
        {
            content: "Confirm",
            trigger: ".modal-footer button:contains(Ok)",
            run: "click",
        },
        {
            content: "Done",
            trigger: ".o_notification:contains(handed over)",
        },
    ],
});
